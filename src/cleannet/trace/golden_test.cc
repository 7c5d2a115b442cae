// Golden cases: every file in tests/data/trace/golden/ is checked under both bundled
// policies and in text and JSON, through the library calls `cleannet trace check` makes,
// against CASE.POLICY.FORMAT.expected beside it (hand-checked;
// the comments in docs/trace.md explain each verdict). The origins are the hand-made
// tests/data/trace/origins.pfx2as (AS4134 = China Telecom in the bundled registry, untrusted;
// AS15169, AS64496, AS64500, AS64501 have no organisation), the IXP LANs
// tests/data/trace/ixps.jsonl. The .expected files are goldens (core/testing/golden.h).
#include "cleannet/core/testing/golden.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/trace/check.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"

namespace cleannet::trace {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Golden : ::testing::Test {
  void SetUp() override {
    fs::current_path(CLEANNET_SOURCE_DIR);
    auto reg = trust::load_registry({}, true);
    ASSERT_TRUE(reg.ok()) << reg.error().message();
    registry = std::make_unique<trust::Registry>(std::move(*reg));
    resolver = std::make_unique<trust::Resolver>(*registry);
    attributor = std::make_unique<asgraph::AsAttributor>(*resolver, nullptr);
    auto t = ip::load_origin_table(*core::Input::open("tests/data/trace/origins.pfx2as"));
    ASSERT_TRUE(t.ok()) << t.error().message();
    origins = std::move(*t);
    auto x = IxpTable::load_caida(*core::Input::open("tests/data/trace/ixps.jsonl"));
    ASSERT_TRUE(x.ok()) << x.error().message();
    ixps = std::move(*x);
    hops = std::make_unique<HopAttributor>(&origins, &ixps);
    options.as_of = *core::Date::parse("2024-06-01");
  }

  // What `cleannet trace check --pfx2as tests/data/trace/origins.pfx2as --ixp
  // tests/data/trace/ixps.jsonl --as-of 2024-06-01 --policy POLICY --format FORMAT FILE`
  // prints on stdout: the library calls it makes, with batches of two records.
  std::string run(const std::string& file, const std::string& policy_name, Output out, int* untrusted = nullptr) {
    auto p = trust::load_policy(policy_name);
    EXPECT_TRUE(p.ok());
    CheckInputs in;
    in.files = {file};
    in.origins.pfx2as = {"tests/data/trace/origins.pfx2as"};
    in.ixp = "tests/data/trace/ixps.jsonl";
    in.options.output = out;
    in.options.batch_records = 2;
    const CheckTables tables = load_tables(in);
    EXPECT_FALSE(tables.error) << tables.error->message();
    std::ostringstream s;
    const CheckReport r = check(in, tables, {*registry, *resolver, *p, options}, s);
    EXPECT_TRUE(r.ok) << r.files.back().error->message();
    write_report(s, r, out, 10);
    if (untrusted) *untrusted = static_cast<int>(r.summary.total().untrusted);
    return s.str();
  }

  std::unique_ptr<trust::Registry> registry;
  std::unique_ptr<trust::Resolver> resolver;
  std::unique_ptr<asgraph::AsAttributor> attributor;
  ip::OriginTable origins;
  IxpTable ixps;
  std::unique_ptr<HopAttributor> hops;
  trust::StatusOptions options;
};

TEST_F(Golden, EveryCaseUnderBothPoliciesInTextAndJson) {
  size_t cases = 0;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator("tests/data/trace/golden"))
    if (e.path().extension() != ".expected") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    for (const char* policy : {"clean-network", "eu-toolbox"}) {
      for (auto [out, ext] : {std::pair{Output::kText, "text"}, std::pair{Output::kJson, "json"}}) {
        SCOPED_TRACE(f.string() + " " + policy + " " + ext);
        const std::string got = run(f.string(), policy, out);
        fs::path want = f;
        want.replace_extension(std::string(".") + policy + "." + ext + ".expected");
        cleannet::testing::expect_golden(want, got);
        ++cases;
      }
    }
  }
  EXPECT_EQ(cases, 3u * 4u);
}

// The same verdicts whatever the batch size and however many threads run.
TEST_F(Golden, OutputDoesNotDependOnBatching) {
  auto p = trust::load_policy("clean-network");
  ASSERT_TRUE(p.ok());
  std::string first;
  // records of a JSON array, and bytes of NDJSON lines (1: one line a batch; 900: some)
  for (auto [batch, bytes] : std::vector<std::pair<size_t, size_t>>{{1, 1}, {2, 900}, {3, 2000}, {1000, 1u << 20}}) {
    AsJudge judge(*attributor, *registry, *p, options, kLine);
    TraceCheck check(
        *hops, judge,
        {.output = Output::kJson, .batch_records = batch, .batch_bytes = bytes, .max_batches_in_flight = 2});
    std::ostringstream s;
    ASSERT_TRUE(check.run({"tests/data/trace/golden/atlas_v6.ndjson", "tests/data/trace/golden/atlas_array.json"}, s));
    if (first.empty()) first = s.str();
    EXPECT_EQ(s.str(), first) << batch << " " << bytes;
  }
}

TEST_F(Golden, HandCheckedFacts) {
  int untrusted = 0;
  // atlas_array.json: the trace to 202.97.9.9 crosses AS4134 (China Telecom) at hops 3 and 5.
  std::string json = run("tests/data/trace/golden/atlas_array.json", "clean-network", Output::kJson, &untrusted);
  EXPECT_EQ(untrusted, 1);
  EXPECT_NE(json.find("\"hop\":3,\"address\":\"202.97.1.1\",\"category\":\"attributed\",\"prefix\":\"202.97.0.0/"
                      "16\",\"table\":\"tests/data/trace/origins.pfx2as (pfx2as)\",\"origins\":[4134]"),
            std::string::npos);
  EXPECT_NE(json.find("\"organisation\":\"china-telecom\""), std::string::npos);
  EXPECT_NE(json.find("\"rule\":\"CN-ANY\""), std::string::npos);
  EXPECT_NE(json.find("\"mpls\":[16001]"), std::string::npos);
  // eu-toolbox warns (EU-OTHER) rather than denies, but the hop is still untrusted.
  std::string eu = run("tests/data/trace/golden/atlas_array.json", "eu-toolbox", Output::kJson, &untrusted);
  EXPECT_EQ(untrusted, 1);
  EXPECT_NE(eu.find("\"decision\":\"warn\",\"rule\":\"EU-OTHER\""), std::string::npos);
  // MOAS 198.51.100.0/24 (AS64502 and AS4134): untrusted through its second origin.
  run("tests/data/trace/golden/atlas_v6.ndjson", "clean-network", Output::kJson, &untrusted);
  EXPECT_EQ(untrusted, 2);
  run("tests/data/trace/golden/scamper.json", "clean-network", Output::kJson, &untrusted);
  EXPECT_EQ(untrusted, 1);
}

// Several inputs: each gets its verdicts or its error, a bad one does not hide the next;
// an input with no traceroute, or whose traces are all undetermined with not one hop
// attributed (::ffff:-less IPv6 hops outside the table here), fails; one whose traces are all
// undetermined but some of whose hops were attributed only warns.
TEST_F(Golden, EachInputGetsItsResultOrItsError) {
  const fs::path dir = fs::path(::testing::TempDir()) / "trace_inputs";
  fs::create_directories(dir);
  auto write = [&](const char* name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  };
  const std::string trace = R"({"type":"trace","src":"192.0.2.50","dst":"8.8.8.8","hops":[)";
  const std::string cut = write("cut.json", "[" + slurp("tests/data/trace/golden/atlas_array.json").substr(1, 200));
  const std::string empty = write("empty.json", "[]");
  const std::string cycles = write("cycles.json", R"({"type":"cycle-start","id":0,"start_time":1})"
                                                  "\n"
                                                  R"({"type":"cycle-stop","id":0,"stop_time":2})"
                                                  "\n");
  const std::string unattributed = write("unattributed.json", trace +
                                                                  R"({"addr":"2001:db9::1","probe_ttl":1}]})"
                                                                  "\n" +
                                                                  trace +
                                                                  R"({"addr":"2001:db9::2","probe_ttl":1}]})"
                                                                  "\n");
  const std::string some = write("some.json", trace + R"({"addr":"8.8.8.8","probe_ttl":2},)" +
                                                  R"({"addr":"2001:db9::3","probe_ttl":1}]})"
                                                  "\n");
  auto p = trust::load_policy("clean-network");
  ASSERT_TRUE(p.ok());
  AsJudge judge(*attributor, *registry, *p, options, kLine);
  TraceCheck check(*hops, judge, {.output = Output::kNone});
  std::ostringstream s;
  EXPECT_FALSE(check.run(
      {cut, "tests/data/trace/golden/scamper.json", empty, cycles, unattributed, some, "no/such/file.json"}, s));
  const auto& f = check.files();
  ASSERT_EQ(f.size(), 7u);
  ASSERT_TRUE(f[0].error);
  EXPECT_FALSE(f[1].error);
  EXPECT_EQ(f[1].counts.traces, 2u);
  EXPECT_EQ(f[1].records, 4u);  // cycle-start, two traces, cycle-stop
  ASSERT_TRUE(f[2].error);
  EXPECT_EQ(f[2].error->message(), empty + ": expected RIPE Atlas or scamper traceroute results, found no record");
  ASSERT_TRUE(f[3].error);
  EXPECT_EQ(f[3].error->found(), "2 record(s), none a traceroute");
  ASSERT_TRUE(f[4].error);
  EXPECT_EQ(f[4].error->message(), unattributed +
                                       ": expected traceroutes with hops that the origin tables attribute, found 2 "
                                       "traceroute(s), every one undetermined, and not one of their hop addresses "
                                       "attributed to an AS");
  EXPECT_FALSE(f[5].error);
  EXPECT_EQ(f[5].counts.undetermined, 1u);
  EXPECT_EQ(f[5].attributed_hops, 1u);
  EXPECT_EQ(
      f[5].warning(),
      "every one of its 1 traces is undetermined: the tables attribute too few of its hop addresses to judge any");
  CheckReport r;
  r.files = f;
  std::ostringstream text;
  write_report(text, r, Output::kText, 10);
  EXPECT_NE(text.str().find("\nwarning: " + some + ": " + f[5].warning() + "\n"), std::string::npos) << text.str();
  ASSERT_TRUE(f[6].error);
  EXPECT_EQ(check.summary().total().traces, f[0].counts.traces + 2 + 2 + 1);
}

}  // namespace
}  // namespace cleannet::trace
