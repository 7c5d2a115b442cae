// The merge oracle: a check run over all its inputs is the reference; the same inputs split
// at random into 1 to 8 parts (any positions, not only --shard strides), each part's partial
// through its bytes, the partials merged in random order and random tree shapes, must render
// byte-identical reports (text, JSON, SARIF; messages and exit code too).
#include "cleannet/scale/merge.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <sstream>

#include "cleannet/carrier/partial.h"
#include "cleannet/carrier/run.h"

namespace cleannet::scale {
namespace {

namespace fs = std::filesystem;

// Fewer rounds under the sanitizers; CLEANNET_ORACLE_ROUNDS sets them (a longer search).
#if defined(__SANITIZE_ADDRESS__)
constexpr int kDefaultRounds = 2;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr int kDefaultRounds = 2;
#else
constexpr int kDefaultRounds = 8;
#endif
#else
constexpr int kDefaultRounds = 8;
#endif

int rounds() {
  const char* r = std::getenv("CLEANNET_ORACLE_ROUNDS");
  return r ? std::atoi(r) : kDefaultRounds;
}

std::string src(const std::string& rel) { return std::string(CLEANNET_SOURCE_DIR) + "/" + rel; }

struct Rendered {
  std::string out, err;
  int code = 0;
  bool operator==(const Rendered&) const = default;
};

std::ostream& operator<<(std::ostream& o, const Rendered& r) {
  return o << "exit " << r.code << "\n--- stdout\n" << r.out.substr(0, 3000) << "\n--- stderr\n" << r.err;
}

const trust::Context& context(trust::ContextOptions& options) {
  options.as_of = "2024-06-01";
  static std::unique_ptr<trust::Context> c = [&] {
    auto r = trust::load_context(options);
    EXPECT_TRUE(r) << r.error().message();
    return std::move(*r);
  }();
  return *c;
}

// Merges the partials pairwise, each step two random ones of what is left (through the
// bytes of the merged partial), until one is left.
shard::Partial merge_randomly(std::vector<shard::Partial> ps, std::mt19937& rng) {
  while (ps.size() > 1) {
    std::shuffle(ps.begin(), ps.end(), rng);
    const size_t take = std::uniform_int_distribution<size_t>(2, std::min<size_t>(ps.size(), 3))(rng);
    std::vector<Named> group;
    for (size_t i = 0; i < take; ++i) {
      group.emplace_back("part" + std::to_string(i), std::move(ps.back()));
      ps.pop_back();
    }
    auto m = merge(group);
    EXPECT_TRUE(m) << m.error().message();
    auto back = shard::from_bytes("merged", shard::to_bytes(*m));
    EXPECT_TRUE(back) << back.error().message();
    ps.push_back(std::move(*back));
  }
  return std::move(ps.front());
}

TEST(MergeOracle, CarrierCheckPartsMergeIntoTheSingleRun) {
  trust::ContextOptions co;
  const trust::Context& ctx = context(co);
  auto identity = shard::context_identity(co, ctx);
  ASSERT_TRUE(identity) << identity.error().message();
  // The bundled RIB, the test MRT files (one holds no route: an input error), and where
  // ../shared is beside the project, the staged MRT files of other projects' test suites.
  std::vector<std::string> pool = {
      src("data/internet/mrt/rib.20140523.0600_firstMB.bz2"), src("tests/data/bgp/bview.ipv4_unicast_add_path.gz"),
      src("tests/data/bgp/ris.rrc06.updates.1427846400.gz"), src("tests/data/bgp/openbgpd_rib_table-mp")};
  const fs::path staged = fs::path(CLEANNET_SOURCE_DIR) / "../shared/data/internet/mrt";
  std::error_code ec;
  if (fs::is_directory(staged, ec))
    for (const char* f : {"bgpdump_testdata/updates.20070211.0141.gz", "bgpkit_fixtures/rrc15.updates.20100227.1610.gz",
                          "libbgpstream_test/routeviews.route-views.jinx.updates.1427846400.bz2",
                          "mrtparse_samples/quagga_rib", "pyasn_data/rib.20080501.0644_firstMB.bz2"})
      if (fs::exists(staged / f, ec)) pool.push_back((staged / f).string());
  // Two copies of the bundled RIB under other names (the same routes at two positions:
  // evidence must come from the first), and where the benchmark generator is built,
  // SYNTHETIC RIBs of overlapping prefixes with other origins (first origin by position).
  const fs::path tmp = fs::temp_directory_path() / ("cleannet-merge-oracle-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  for (const char* copy : {"copy-a.bz2", "copy-b.bz2"}) {
    fs::copy_file(pool.front(), tmp / copy, fs::copy_options::overwrite_existing);
    pool.push_back((tmp / copy).string());
  }
  const fs::path generator = fs::path(CLEANNET_BINARY_DIR) / "bench/mrt_generate";
  if (fs::exists(generator, ec))
    for (int seed = 1; seed <= 3; ++seed) {
      const fs::path out = tmp / ("synthetic-" + std::to_string(seed) + ".mrt");
      const std::string cmd = generator.string() + " --entries 4000 --peers 8 --seed " + std::to_string(seed) + " > " +
                              out.string() + " 2>/dev/null";
      ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
      pool.push_back(out.string());
    }
  std::mt19937 rng(20261207);
  for (int round = 0, rounds_ = rounds(); round < rounds_; ++round) {
    carrier::CarrierInputs in;
    const uint32_t asns[] = {3356, 4134, 701, 6939, 1299, 174};
    in.asns = {"AS" + std::to_string(asns[rng() % 6])};
    if (rng() % 3 == 0) in.prefixes = {"1.0.0.0/8"};
    std::vector<std::string> files = pool;
    std::shuffle(files.begin(), files.end(), rng);
    files.resize(1 + rng() % files.size());
    // Some files twice: a file's routes repeat another position's (first by position wins).
    if (rng() % 2) files.push_back(files.front());
    const size_t ribs = rng() % (files.size() + 1);
    in.ribs.assign(files.begin(), files.begin() + static_cast<std::ptrdiff_t>(ribs));
    in.updates.assign(files.begin() + static_cast<std::ptrdiff_t>(ribs), files.end());
    in.keep_going = rng() % 4 != 0;
    if (rng() % 3 == 0) {
      in.as_rel = src("data/internet/caida/20180101.as-rel.txt.xz");
      in.max_destinations = 5;
    }
    if (rng() % 2) in.as_names = src("data/internet/caida/asn_names_lookup.txt.xz");
    SCOPED_TRACE("round " + std::to_string(round) + ": " + in.asns.front() + ", " + std::to_string(files.size()) +
                 " files, as-rel " + (in.as_rel.empty() ? "no" : "yes"));

    const report::CheckReport single = carrier::run_check(in, *ctx.resolver, ctx.policy, ctx.status_options);
    const size_t n = files.size();
    const size_t parts = 1 + rng() % 8;
    std::vector<std::vector<size_t>> positions(parts);
    for (size_t pos = 0; pos < n; ++pos) positions[rng() % parts].push_back(pos);
    std::vector<shard::Partial> partials;
    for (const auto& ps : positions) {
      auto p = carrier::run_partial(in, ps, ctx, co);
      ASSERT_TRUE(p) << p.error().message();
      auto back = shard::from_bytes("part", shard::to_bytes(*p));
      ASSERT_TRUE(back) << back.error().message();
      partials.push_back(std::move(*back));
    }
    const shard::Partial merged = merge_randomly(std::move(partials), rng);
    for (report::Format f : {report::Format::kText, report::Format::kJson, report::Format::kSarif}) {
      Rendered want, got;
      std::ostringstream o1, e1, o2, e2;
      report::print_check_report(o1, e1, f, single, "cleannet carrier check");
      want = {o1.str(), e1.str(), report::exit_code(single)};
      auto code = render(merged, &ctx, *identity, f, 10, o2, e2);
      ASSERT_TRUE(code) << code.error().message();
      got = {o2.str(), e2.str(), *code};
      ASSERT_EQ(got, want) << "format " << static_cast<int>(f);
    }
  }
  fs::remove_all(tmp, ec);
}

}  // namespace
}  // namespace cleannet::scale
