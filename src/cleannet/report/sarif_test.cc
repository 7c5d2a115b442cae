#include "cleannet/report/sarif.h"

#include <gtest/gtest.h>

#include <random>

#include "cleannet/report/testing/random_findings.h"

namespace cleannet::report {
namespace {

Finding finding(const std::string& line, const std::string& rule, const std::string& element) {
  Finding f;
  f.line = line;
  f.subject = element;
  f.element = element;
  f.rule = rule;
  f.rule_text = "Policy paragraph for " + rule;
  f.severity = Severity::kError;
  f.status = "untrusted";
  f.organisation = "huawei";
  f.organisation_name = "Huawei";
  f.explanation = element + " is Huawei equipment.";
  return f;
}

Suppression accepted() {
  return Suppression{"replacement ordered for 2027", "netops@acme.example", "2027-03-31", "2026-12-01",
                     "accepted-risks.toml:12"};
}

TEST(SarifLog, OneRunPerElementEachWithItsOwnRules) {
  Finding p1 = finding("path", "CN-PATH", "r1"), p2 = finding("path", "CN-PATH", "r2");
  Finding c1 = finding("cloud", "CN-CLOUD", "aws_s3_bucket.x");
  p2.suppression = accepted();
  Json log = render_sarif_log({{{"cleannet path check", "cleannet-audit/acme-2026q4/path"}, {p1, p2}},
                               {{"cleannet cloud check", "cleannet-audit/acme-2026q4/cloud"}, {c1}},
                               {{"cleannet cable check"}, {}}});
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_EQ(log["runs"].size(), 3u);
  const Json& path = log["runs"][0];
  const Json& cloud = log["runs"][1];
  const Json& cable = log["runs"][2];
  ASSERT_EQ(path["tool"]["driver"]["rules"].size(), 1u);
  EXPECT_EQ(path["tool"]["driver"]["rules"][0]["id"], "CN-PATH");
  ASSERT_EQ(cloud["tool"]["driver"]["rules"].size(), 1u);
  EXPECT_EQ(cloud["tool"]["driver"]["rules"][0]["id"], "CN-CLOUD");
  EXPECT_EQ(cloud["results"][0]["ruleIndex"], 0);
  EXPECT_EQ(path["automationDetails"]["id"], "cleannet-audit/acme-2026q4/path");
  EXPECT_EQ(path["automationDetails"]["description"]["text"], "cleannet path check");
  EXPECT_FALSE(cable["automationDetails"].contains("id"));
  EXPECT_TRUE(cable["results"].empty());
  EXPECT_EQ(path["results"][1]["partialFingerprints"]["cleannet/v1"], fingerprint(p2));
  // SARIF §3.27.23 / §3.35: only the suppressed result has suppressions.
  EXPECT_FALSE(path["results"][0].contains("suppressions"));
  const Json& s = path["results"][1]["suppressions"];
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0]["kind"], "external");
  EXPECT_EQ(s[0]["status"], "accepted");
  EXPECT_EQ(s[0]["justification"], "replacement ordered for 2027");
  EXPECT_EQ(s[0]["properties"], Json({{"owner", "netops@acme.example"},
                                      {"expires", "2027-03-31"},
                                      {"created", "2026-12-01"},
                                      {"source", "accepted-risks.toml:12"}}));
  // A suppressed result keeps its level: the suppression says it is accepted, not that
  // it is less severe.
  EXPECT_EQ(path["results"][1]["level"], "error");
}

TEST(SarifLog, RenderSarifIsTheOneRunLog) {
  std::mt19937 rng(99);
  for (int i = 0; i < 200; ++i) {
    std::vector<Finding> findings;
    for (int n = i % 5; n > 0; --n) findings.push_back(testing::random_finding(rng));
    SarifRun run{"cleannet path check", i % 2 ? "cleannet-audit/x/path" : ""};
    EXPECT_EQ(render_sarif(findings, run), render_sarif_log({{run, findings}}));
  }
  EXPECT_EQ(render_sarif_log({})["runs"], Json::array());
}

TEST(SarifLog, UnsuppressedOutputUnchanged) {
  // A run without automation id and without suppressions is exactly today's SARIF.
  Finding f = finding("registry", "CN-ANY", "AS4134");
  Json s = render_sarif({f}, {"cleannet registry lookup"});
  const Json& run = s["runs"][0];
  EXPECT_EQ(run["automationDetails"], Json({{"description", {{"text", "cleannet registry lookup"}}}}));
  EXPECT_FALSE(run["results"][0].contains("suppressions"));
  std::vector<std::string> keys;
  for (const auto& item : run["results"][0].items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"ruleId", "ruleIndex", "level", "message", "locations",
                                            "partialFingerprints", "properties"}));
}

}  // namespace
}  // namespace cleannet::report
