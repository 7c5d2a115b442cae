// Golden cases: every file in tests/data/trace/golden/ is checked under both bundled
// policies and in text and JSON, against CASE.POLICY.FORMAT.expected beside it (hand-checked;
// the comments in docs/trace.md explain each verdict). The origins are the hand-made
// tests/data/trace/origins.pfx2as (AS4134 = China Telecom in the bundled registry, untrusted;
// AS15169, AS64496, AS64500, AS64501 have no organisation), the IXP LANs
// tests/data/trace/ixps.jsonl. CLEANNET_UPDATE_GOLDEN=1 rewrites the .expected files.
#include <gtest/gtest.h>

#include <cstdlib>
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

  // The verdicts and the summary, as the CLI prints them.
  std::string run(const std::string& file, const std::string& policy_name, Output out, int* untrusted = nullptr) {
    auto p = trust::load_policy(policy_name);
    EXPECT_TRUE(p.ok());
    AsJudge judge(*attributor, *registry, *p, options, kLine);
    TraceCheck check(*hops, judge, {.output = out, .batch_records = 2});
    std::ostringstream s;
    auto st = check.run({file}, s);
    EXPECT_TRUE(st.ok()) << st.error().message();
    if (out == Output::kJson)
      s << check.summary().json().dump() << "\n";
    else
      s << check.summary().text(10);
    if (untrusted) *untrusted = static_cast<int>(check.summary().total().untrusted);
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
  const bool update = std::getenv("CLEANNET_UPDATE_GOLDEN") != nullptr;
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
        if (update) std::ofstream(want, std::ios::binary) << got;
        ASSERT_TRUE(fs::exists(want)) << want;
        EXPECT_EQ(got, slurp(want));
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
    ASSERT_TRUE(
        check.run({"tests/data/trace/golden/atlas_v6.ndjson", "tests/data/trace/golden/atlas_array.json"}, s).ok());
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

}  // namespace
}  // namespace cleannet::trace
