// The compliance view: the bundled measures file loads and every rule of every bundled policy
// counts toward a measure of the frameworks the policy cites; malformed measures files under
// tests/data/bad/compliance/ are rejected with exactly the message in their .expected file;
// summarise() counts a hand-made list of findings as worked out by hand.
#include "cleannet/audit/compliance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "cleannet/core/testing/bad_corpus.h"
#include "cleannet/trust/line.h"
#include "cleannet/trust/policy.h"

namespace cleannet::audit {
namespace {

namespace fs = std::filesystem;
using report::Severity;

std::vector<std::string> ids(const std::vector<const Measure*>& ms) {
  std::vector<std::string> out;
  for (const Measure* m : ms) out.push_back(m->id);
  return out;
}

// A small map for the counting tests: two Clean Network measures by line, one EU measure by
// rule prefix, one EU measure no entry names.
constexpr std::string_view kSmall = R"(
[[measure]]
id = "CN-A"
framework = "clean-network"
title = "Clean A"
source_url = "https://example.org/a"
source_date = 2020-08-05
quote = "a"

[[measure]]
id = "CN-B"
framework = "clean-network"
title = "Clean B"
source_url = "https://example.org/b"
source_date = 2020-08-05
quote = "b"

[[measure]]
id = "EU-X"
framework = "eu-5g-toolbox"
title = "Toolbox X"
source_url = "https://example.org/x"
source_date = 2020-01-29
quote = "x"

[[measure]]
id = "EU-Y"
framework = "eu-5g-toolbox"
title = "Toolbox Y, which no check looks at"
source_url = "https://example.org/y"
source_date = 2020-01-29
quote = "y"

[[map]]
line = "cloud"
measures = ["CN-B"]

[[map]]
line = "path"
measures = ["CN-B", "CN-A"]

[[map]]
rule = "EU-SM03-*"
measures = ["EU-X"]

[[map]]
line = "cable"
rule = "EU-OTHER"
measures = ["EU-X"]
)";

ComplianceMap small_map() {
  auto m = ComplianceMap::parse("small.toml", kSmall);
  EXPECT_TRUE(m.ok()) << m.error().message();
  return *m;
}

TEST(ComplianceMap, LoadsBundled) {
  auto map = ComplianceMap::load_bundled();
  ASSERT_TRUE(map.ok()) << map.error().message();
  std::set<std::string> seen;
  for (const Measure& m : map->measures()) {
    EXPECT_TRUE(seen.insert(m.id).second) << m.id;
    EXPECT_TRUE(m.framework == kCleanNetwork || m.framework == kEu5gToolbox) << m.id;
    EXPECT_FALSE(m.title.empty() || m.quote.empty() || m.source_url.empty()) << m.id;
    EXPECT_EQ(m.source_date.size(), 10u) << m.id;
  }
  for (const char* id :
       {"CN-CLEAN-PATH", "CN-CLEAN-CARRIER", "CN-CLEAN-STORE", "CN-CLEAN-APPS", "CN-CLEAN-CLOUD", "CN-CLEAN-CABLE",
        "EU-SM01", "EU-SM02", "EU-SM03", "EU-SM04", "EU-SM05", "EU-SM06", "EU-SM08", "EU-TM02", "EU-TM03"})
    EXPECT_TRUE(seen.count(id)) << id;
  // The file on disk is the one compiled in.
  auto from_file = ComplianceMap::load(std::string(CLEANNET_SOURCE_DIR) + "/data/policies/measures.toml");
  ASSERT_TRUE(from_file.ok()) << from_file.error().message();
  ASSERT_EQ(from_file->measures().size(), map->measures().size());
  for (size_t i = 0; i < map->measures().size(); ++i)
    EXPECT_EQ(from_file->measures()[i].quote, map->measures()[i].quote);
}

TEST(ComplianceMap, BundledMapping) {
  auto map = ComplianceMap::load_bundled();
  ASSERT_TRUE(map.ok()) << map.error().message();
  using V = std::vector<std::string>;
  EXPECT_EQ(ids(map->measures_for("path", "CN-PATH")), V{"CN-CLEAN-PATH"});
  EXPECT_EQ(ids(map->measures_for("path", "CN-PATH-DIPLOMATIC-UNKNOWN")), V{"CN-CLEAN-PATH"});
  // The check's own rule for an unknown verdict counts toward the line's measures.
  EXPECT_EQ(ids(map->measures_for("trace", "trace-undetermined")), (V{"CN-CLEAN-PATH", "CN-CLEAN-CARRIER"}));
  EXPECT_EQ(ids(map->measures_for("things", "default-unknown")), V{"CN-CLEAN-NETWORK"});
  EXPECT_EQ(ids(map->measures_for("apps", "CN-APPS")), (V{"CN-CLEAN-STORE", "CN-CLEAN-APPS"}));
  // A line and a rule: both measures, in file order.
  EXPECT_EQ(ids(map->measures_for("path", "EU-RAN")), (V{"CN-CLEAN-PATH", "EU-SM03", "EU-SM05"}));
  EXPECT_EQ(ids(map->measures_for("things", "EU-OTHER")), (V{"CN-CLEAN-NETWORK", "EU-SM03"}));
  // A registry file problem is no measure's finding.
  EXPECT_TRUE(map->measures_for("registry", "registry-input").empty());
}

// Every rule of every policy in data/policies/ counts, on every line it can decide, toward at
// least one measure of the frameworks that policy cites.
TEST(ComplianceMap, EveryPolicyRuleMapsToAMeasure) {
  auto map = ComplianceMap::load_bundled();
  ASSERT_TRUE(map.ok()) << map.error().message();
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(fs::path(CLEANNET_SOURCE_DIR) / "data/policies")) {
    if (e.path().extension() != ".toml" || e.path().filename() == "measures.toml") continue;
    auto policy = trust::load_policy(e.path().string());
    ASSERT_TRUE(policy.ok()) << policy.error().message();
    names.insert(policy->name);
    const std::vector<std::string> frameworks = frameworks_for_policy(policy->name);
    ASSERT_FALSE(policy->rules.empty()) << policy->name;
    for (const trust::PolicyRule& rule : policy->rules) {
      std::vector<trust::Line> lines(trust::kLines.begin(), trust::kLines.end());
      if (rule.line) lines = {*rule.line};
      for (trust::Line line : lines) {
        auto ms = map->measures_for(trust::line_name(line), rule.id);
        EXPECT_TRUE(std::any_of(ms.begin(), ms.end(),
                                [&](const Measure* m) {
                                  return std::find(frameworks.begin(), frameworks.end(), m->framework) !=
                                         frameworks.end();
                                }))
            << policy->name << " rule " << rule.id << " on line " << trust::line_name(line);
      }
    }
  }
  for (const std::string& name : trust::bundled_policy_names()) EXPECT_TRUE(names.count(name)) << name;
}

TEST(ComplianceMap, FrameworksForPolicy) {
  using V = std::vector<std::string>;
  EXPECT_EQ(frameworks_for_policy("clean-network"), V{"clean-network"});
  EXPECT_EQ(frameworks_for_policy("eu-toolbox"), V{"eu-5g-toolbox"});
  EXPECT_EQ(frameworks_for_policy("acme-2026"), (V{"clean-network", "eu-5g-toolbox"}));
}

// Every tests/data/bad/compliance/NAME.toml is rejected with exactly NAME.expected.
TEST(ComplianceMap, BadCorpus) {
  testing::check_bad_corpus("tests/data/bad/compliance", ".toml", 4,
                            [](const fs::path& f) -> std::optional<std::string> {
                              auto m = ComplianceMap::load(f.string());
                              if (m) return std::nullopt;
                              return m.error().message();
                            });
}

TEST(ComplianceMap, MissingFileNamesIt) {
  auto m = ComplianceMap::load("no/such/measures.toml");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message().rfind("no/such/measures.toml", 0), 0u) << m.error().message();
}

TEST(ComplianceMap, PrefixLineAndRule) {
  ComplianceMap map = small_map();
  using V = std::vector<std::string>;
  EXPECT_EQ(ids(map.measures_for("path", "anything")), (V{"CN-A", "CN-B"}));  // file order, not entry order
  EXPECT_EQ(ids(map.measures_for("carrier", "EU-SM03-CORE")), V{"EU-X"});
  EXPECT_EQ(ids(map.measures_for("carrier", "EU-SM0")), V{});  // shorter than the prefix
  EXPECT_EQ(ids(map.measures_for("cable", "EU-OTHER")), V{"EU-X"});
  EXPECT_EQ(ids(map.measures_for("cloud", "EU-OTHER")), V{"CN-B"});  // the EU-OTHER entry wants cable
  EXPECT_TRUE(map.covers(map.measures()[2], "things"));              // a rule-only entry: every line
  EXPECT_FALSE(map.covers(map.measures()[0], "cloud"));
  EXPECT_FALSE(map.covers(map.measures()[3], "path"));
}

TEST(Summarise, CountsByHand) {
  ComplianceMap map = small_map();
  const std::vector<ComplianceItem> items = {
      {"path", "CN-PATH", Severity::kError, false},             // CN-A, CN-B
      {"path", "default-unknown", Severity::kWarning, true},    // CN-A, CN-B suppressed
      {"cloud", "CN-CLOUD", Severity::kWarning, true},          // CN-B suppressed
      {"cloud", "CN-CLOUD", Severity::kNote, false},            // a note: not counted
      {"cable", "EU-OTHER", Severity::kWarning, false},         // EU-X
      {"carrier", "EU-SM03-CORE", Severity::kError, true},      // EU-X suppressed
      {"registry", "registry-input", Severity::kError, false},  // no measure
  };
  // Clean Network only; path and cable checked.
  auto cn = summarise(map, {"clean-network"}, {"path", "cable"}, items);
  ASSERT_EQ(cn.size(), 2u);
  EXPECT_EQ(cn[0].measure->id, "CN-A");
  EXPECT_EQ(cn[0].findings, 1u);
  EXPECT_EQ(cn[0].suppressed, 1u);
  EXPECT_EQ(cn[0].status(), "findings");
  EXPECT_EQ(cn[1].measure->id, "CN-B");
  EXPECT_EQ(cn[1].findings, 1u);
  EXPECT_EQ(cn[1].suppressed, 2u);

  // Both frameworks; only the suppressed findings on EU-X: it is clean, EU-Y never checked.
  const std::vector<ComplianceItem> eu_items = {{"carrier", "EU-SM03-CORE", Severity::kError, true}};
  auto both = summarise(map, {"clean-network", "eu-5g-toolbox"}, {"carrier"}, eu_items);
  ASSERT_EQ(both.size(), 4u);
  EXPECT_EQ(both[0].status(), "not checked");  // CN-A covers path only
  EXPECT_EQ(both[2].measure->id, "EU-X");
  EXPECT_TRUE(both[2].checked);
  EXPECT_EQ(both[2].findings, 0u);
  EXPECT_EQ(both[2].suppressed, 1u);
  EXPECT_EQ(both[2].status(), "clean");
  EXPECT_EQ(both[3].status(), "not checked");

  // A line checked with no finding is clean; a finding on a line not listed still checks it.
  auto cloud = summarise(map, {"clean-network"}, {"cloud"}, {{"path", "CN-PATH", Severity::kError, false}});
  EXPECT_EQ(cloud[0].status(), "findings");
  EXPECT_EQ(cloud[1].findings, 1u);
  auto quiet = summarise(map, {"clean-network"}, {"cloud"}, {});
  EXPECT_EQ(quiet[0].status(), "not checked");
  EXPECT_EQ(quiet[1].status(), "clean");
}

TEST(Summarise, ItemOfFinding) {
  report::Finding f;
  f.line = "cable";
  f.rule = "CN-CABLE";
  f.severity = Severity::kError;
  ComplianceItem item = item_of(f, true);
  EXPECT_EQ(item.line, "cable");
  EXPECT_EQ(item.rule, "CN-CABLE");
  EXPECT_EQ(item.severity, Severity::kError);
  EXPECT_TRUE(item.suppressed);
}

TEST(Summarise, TextAndJson) {
  ComplianceMap map = small_map();
  auto counts = summarise(map, {"clean-network", "eu-5g-toolbox"}, {"path"},
                          {{"path", "CN-PATH", Severity::kError, false}, {"path", "CN-PATH", Severity::kError, true}});
  EXPECT_EQ(to_text(counts),
            "measure  status       findings  suppressed  title\n"
            "CN-A     findings            1           1  Clean A\n"
            "CN-B     findings            1           1  Clean B\n"
            "EU-X     clean               0           0  Toolbox X\n"
            "EU-Y     not checked         0           0  Toolbox Y, which no check looks at\n");
  report::Json j = to_json(counts);
  ASSERT_EQ(j.size(), 4u);
  EXPECT_EQ(j[0].dump(),
            R"({"id":"CN-A","framework":"clean-network","title":"Clean A","source_url":"https://example.org/a",)"
            R"("source_date":"2020-08-05","quote":"a","status":"findings","findings":1,"suppressed":1})");
  EXPECT_EQ(j[3]["status"], "not checked");
}

// The example in compliance.h, on the bundled measures.
TEST(Summarise, HeaderExample) {
  auto map = ComplianceMap::load_bundled();
  ASSERT_TRUE(map.ok()) << map.error().message();
  std::vector<ComplianceItem> items = {{"path", "CN-PATH", report::Severity::kError, false}};
  auto counts = summarise(*map, frameworks_for_policy("clean-network"), {"path"}, items);
  EXPECT_EQ(to_text(counts),
            "measure           status       findings  suppressed  title\n"
            "CN-CLEAN-NETWORK  clean               0           0  The Clean Network\n"
            "CN-CLEAN-PATH     findings            1           0  5G Clean Path\n"
            "CN-CLEAN-CARRIER  not checked         0           0  Clean Carrier\n"
            "CN-CLEAN-STORE    not checked         0           0  Clean Store\n"
            "CN-CLEAN-APPS     not checked         0           0  Clean Apps\n"
            "CN-CLEAN-CLOUD    not checked         0           0  Clean Cloud\n"
            "CN-CLEAN-CABLE    not checked         0           0  Clean Cable\n");
}

}  // namespace
}  // namespace cleannet::audit
