#include "cleannet/bgp/stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

namespace cleannet::bgp {
namespace {

using report::Json;

const std::string kDir = std::string(CLEANNET_SOURCE_DIR) + "/tests/data/";

// Real files, a damaged and a cut one, one that cannot be opened.
const std::vector<std::string> kFiles = {
    kDir + "bgp/ris.rrc06.updates.1427846400.gz", kDir + "bgp/openbgpd_rib_table-mp",
    kDir + "bad/mrt/bad-attribute-length.mrt",    kDir + "bad/mrt/truncated-gzip.mrt",
    kDir + "bgp/bview.ipv4_unicast_add_path.gz",  kDir + "bgp/no-such-file.mrt",
};

std::string rendered(const std::vector<MrtFileStats>& files, report::Format f, int& exit) {
  std::ostringstream out, err;
  exit = write_stats(files, f, out, err);
  return out.str() + "--stderr--\n" + err.str();
}

std::string rendered(const shard::Partial& p, report::Format f, int& exit) {
  std::ostringstream out, err;
  exit = render_partial(p, nullptr, f, 10, out, err);
  return out.str() + "--stderr--\n" + err.str();
}

TEST(MrtStats, CountsWhatTheReaderFinds) {
  const MrtFileStats s = read_stats(kFiles[0], false);
  EXPECT_FALSE(s.error);
  EXPECT_EQ(s.compression, "gzip");
  EXPECT_GT(s.records, 0u);
  uint64_t n = 0;
  for (const auto& [t, k] : s.types) n += k;
  EXPECT_EQ(n, s.records);
  const MrtFileStats damaged = read_stats(kFiles[2], true);
  EXPECT_FALSE(damaged.error);
  EXPECT_EQ(damaged.damaged, 1u);
  ASSERT_TRUE(damaged.first_damage);
  const MrtFileStats stopped = read_stats(kFiles[2], false);
  ASSERT_TRUE(stopped.error);
  EXPECT_EQ(stopped.error->message(), damaged.first_damage->message());
  const MrtFileStats cut = read_stats(kFiles[3], true);
  ASSERT_TRUE(cut.truncated);
  EXPECT_FALSE(cut.error);
  EXPECT_TRUE(read_stats(kFiles[3], false).error);
  EXPECT_TRUE(read_stats(kFiles[5], true).error);
}

TEST(MrtStats, StateRoundTrips) {
  for (const std::string& f : kFiles) {
    const MrtFileStats s = read_stats(f, true);
    const Json j = stats_json(s, 7);
    auto back = stats_from_json("p", Json::parse(j.dump()));
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(back->first, 7u);
    EXPECT_EQ(stats_json(back->second, 7), j);
    for (auto format : {report::Format::kText, report::Format::kJson}) {
      int a = 0, b = 0;
      EXPECT_EQ(rendered({back->second}, format, a), rendered({s}, format, b));
      EXPECT_EQ(a, b);
    }
  }
  shard::Partial p = to_partial({read_stats(kFiles[0], false), read_stats(kFiles[1], false)}, Json::object(),
                                {kFiles[0], kFiles[1], kFiles[2]}, {0, 2});
  p.state["files"][1]["position"] = size_t{1};
  auto wrong = merge_states({{"q.partial", &p}});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().message(),
            "q.partial: expected a state with the files at the partial's positions 0,2, found files at 0,1");
  auto bad = stats_from_json("p.partial", Json::parse(R"({"position": 0, "file": "x"})"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message(), "p.partial: expected a partial with string \"compression\", found none");
}

// Random partitions into 1 to 8 parts merged in random trees give the whole run's report.
TEST(MrtStats, AnyTreeOfMergesIsTheWholeRun) {
  for (bool keep_going : {false, true}) {
    std::vector<MrtFileStats> all;
    for (const std::string& f : kFiles) all.push_back(read_stats(f, keep_going));
    std::mt19937 rng(keep_going ? 4 : 20);
    for (int round = 0; round < 40; ++round) {
      const size_t n = 1 + rng() % kFiles.size();
      const size_t k = 1 + rng() % std::min<size_t>(8, n);
      std::vector<std::vector<size_t>> parts(k);
      for (size_t i = 0; i < n; ++i) parts[i < k ? i : rng() % k].push_back(i);
      std::vector<std::string> inputs(kFiles.begin(), kFiles.begin() + static_cast<long>(n));
      std::vector<shard::Partial> pool;
      for (auto& part : parts) {
        std::sort(part.begin(), part.end());
        std::vector<MrtFileStats> mine;
        for (size_t i : part) mine.push_back(all[i]);
        pool.push_back(to_partial(mine, {{"keep_going", keep_going}}, inputs, part));
      }
      while (pool.size() > 1) {
        std::shuffle(pool.begin(), pool.end(), rng);
        const size_t take = 2 + rng() % (pool.size() - 1);
        std::vector<std::pair<std::string, const shard::Partial*>> named;
        std::vector<const shard::Partial*> ps;
        for (size_t i = 0; i < take; ++i) {
          ps.push_back(&pool[pool.size() - 1 - i]);
          named.emplace_back("p" + std::to_string(i), ps.back());
        }
        ASSERT_TRUE(shard::check_mergeable(named));
        auto state = merge_states(named);
        ASSERT_TRUE(state) << state.error().message();
        shard::Partial m{shard::merged_header(ps), *state};
        pool.resize(pool.size() - take);
        pool.push_back(std::move(m));
      }
      ASSERT_TRUE(shard::missing_positions(pool[0].header).empty());
      const std::vector<MrtFileStats> whole(all.begin(), all.begin() + static_cast<long>(n));
      for (auto format : {report::Format::kText, report::Format::kJson}) {
        int a = 0, b = 0;
        EXPECT_EQ(rendered(pool[0], format, a), rendered(whole, format, b)) << "round " << round;
        EXPECT_EQ(a, b);
      }
    }
  }
}

}  // namespace
}  // namespace cleannet::bgp
