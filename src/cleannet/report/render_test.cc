#include "cleannet/report/render.h"

#include <gtest/gtest.h>

#include "cleannet/report/evidence.h"
#include "cleannet/report/registry_json.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::report {
namespace {

trust::Registry bundled() {
  trust::RegistryBuilder b;
  EXPECT_TRUE(b.add_layer(trust::kBundledRegistryName, trust::bundled_registry_toml()).empty());
  EXPECT_TRUE(b.finish().empty());
  return b.take();
}

Finding sample() {
  Finding f;
  f.line = "registry";
  f.subject = "AS4134";
  f.element = "AS4134";
  f.rule = "CN-ANY";
  f.rule_text = "The Clean Network (2020)";
  f.severity = Severity::kError;
  f.status = "untrusted";
  f.organisation = "china-telecom";
  f.organisation_name = "China Telecom Corporation Limited";
  f.evidence.push_back(
      Evidence{"designation", "Clean Network 2020 statement: untrusted", "https://example.org/x", "2020-08-05", true});
  f.explanation = "China Telecom Corporation Limited is untrusted.";
  f.location = Location{"ids with space.txt", 3, 0};
  return f;
}

TEST(RenderText, NamesElementRuleOrganisationAndEvidence) {
  EXPECT_EQ(
      render_finding_text(sample()),
      "ids with space.txt:3: error [CN-ANY] AS4134 -> China Telecom Corporation Limited [china-telecom]: untrusted\n"
      "  China Telecom Corporation Limited is untrusted.\n"
      "  - designation: Clean Network 2020 statement: untrusted (2020-08-05) <https://example.org/x>\n");
}

TEST(RenderJson, CarriesEveryField) {
  Json j = finding_to_json(sample());
  EXPECT_EQ(j["rule"], "CN-ANY");
  EXPECT_EQ(j["severity"], "error");
  EXPECT_EQ(j["organisation"], "china-telecom");
  EXPECT_EQ(j["evidence"][0]["date"], "2020-08-05");
  EXPECT_EQ(j["location"]["line"], 3);
  Finding unknown;
  unknown.rule = "default-unknown";
  Json u = finding_to_json(unknown);
  EXPECT_TRUE(u["organisation"].is_null());
  EXPECT_FALSE(u.contains("location"));
}

TEST(RenderSuppression, JsonAndTextOnlyWhenSet) {
  Finding f = sample();
  const Json plain = finding_to_json(f);
  const std::string plain_text = render_finding_text(f);
  EXPECT_FALSE(plain.contains("suppressed"));
  f.suppression = Suppression{"replacement ordered for 2027", "netops", "2027-03-31", "2026-12-01", "accepted.toml:12"};
  Json j = finding_to_json(f);
  EXPECT_EQ(j["suppressed"], Json({{"reason", "replacement ordered for 2027"},
                                   {"owner", "netops"},
                                   {"expires", "2027-03-31"},
                                   {"created", "2026-12-01"},
                                   {"source", "accepted.toml:12"}}));
  // Not part of the fingerprint: accepting a risk leaves the finding the same finding.
  EXPECT_EQ(j["fingerprint"], plain["fingerprint"]);
  j.erase("suppressed");
  EXPECT_EQ(j, plain);
  EXPECT_EQ(
      render_finding_text(f),
      "ids with space.txt:3: error [CN-ANY] AS4134 -> China Telecom Corporation Limited [china-telecom]: untrusted\n"
      "  suppressed: replacement ordered for 2027 (owner netops, expires 2027-03-31; accepted.toml:12)\n"
      "  China Telecom Corporation Limited is untrusted.\n"
      "  - designation: Clean Network 2020 statement: untrusted (2020-08-05) <https://example.org/x>\n");
  f.suppression = Suppression{"waived", "", "", "", ""};
  EXPECT_NE(render_finding_text(f).find("\n  suppressed: waived\n"), std::string::npos) << render_finding_text(f);
  f.suppression = Suppression{"waived", "", "2027-01-01", "", "a.toml:1"};
  EXPECT_NE(render_finding_text(f).find("\n  suppressed: waived (expires 2027-01-01; a.toml:1)\n"), std::string::npos)
      << render_finding_text(f);
  f.suppression.reset();
  EXPECT_EQ(render_finding_text(f), plain_text);
}

TEST(RenderSarif, OneRulePerDistinctRuleAndEncodedUris) {
  Finding a = sample(), b = sample(), c = sample();
  b.element = "AS4809";
  c.rule = "default-unknown";
  c.severity = Severity::kWarning;
  c.location = Location{"/abs/ids.txt", 0, 0};
  Json s = render_sarif({a, b, c}, {"cleannet registry lookup"});
  EXPECT_EQ(s["version"], "2.1.0");
  const Json& run = s["runs"][0];
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 2u);
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], "CN-ANY");
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["name"], "CnAny");
  EXPECT_EQ(run["tool"]["driver"]["rules"][1]["name"], "DefaultUnknown");
  ASSERT_EQ(run["results"].size(), 3u);
  EXPECT_EQ(run["results"][1]["ruleIndex"], 0);
  EXPECT_EQ(run["results"][2]["ruleIndex"], 1);
  EXPECT_EQ(run["results"][2]["level"], "warning");
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "ids%20with%20space.txt");
  // An absolute path becomes a file URI; a line of 0 (unknown) still gives a valid region.
  EXPECT_EQ(run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "file:///abs/ids.txt");
  EXPECT_EQ(run["results"][2]["locations"][0]["physicalLocation"]["region"]["startLine"], 1);
}

TEST(Fingerprint, IdentifiesLineRuleOrganisationAndElementOnly) {
  Finding a = sample();
  const std::string fp = fingerprint(a);
  // The recipe of docs/fingerprints.md, computed independently with Python's hashlib:
  // sha256("cleannet-fingerprint/1" "8:registry" "6:CN-ANY" "13:china-telecom" "6:AS4134" "6:AS4134")[:16]
  EXPECT_EQ(fp, "8eb11eb7050a6c5a93d8696575110f2b");
  // What varies between runs on the same facts leaves it alone.
  Finding b = a;
  b.severity = Severity::kWarning;
  b.status = "unknown";
  b.verified = false;
  b.explanation = "another explanation, quoting 12 routes";
  b.evidence.push_back({"route", "file.mrt byte 1234", "", "2024-06-01", true});
  b.suggested_fix = "another fix";
  b.location = Location{"/abs/path/input.json", 7, 3};
  EXPECT_EQ(fingerprint(b), fp);
  // What identifies the finding changes it, field by field.
  for (auto change : std::vector<void (*)(Finding&)>{
           [](Finding& f) { f.line = "carrier"; }, [](Finding& f) { f.rule = "default-untrusted"; },
           [](Finding& f) { f.organisation = "huawei"; }, [](Finding& f) { f.subject = "AS4812"; },
           [](Finding& f) { f.element = "AS4812"; }}) {
    Finding c = a;
    change(c);
    EXPECT_NE(fingerprint(c), fp);
  }
}

TEST(Fingerprint, IdentityReplacesSubjectAndElementAndFieldsDoNotRunTogether) {
  Finding a = sample();
  a.identity = {"AS4134"};
  Finding b = a;
  b.subject = "lookups of /tmp/x/list.txt";
  b.element = "AS4134 at line 9";
  EXPECT_EQ(fingerprint(a), fingerprint(b));
  b.identity = {"AS4", "134"};
  EXPECT_NE(fingerprint(a), fingerprint(b));
  // Field boundaries are part of the hash: "ab" + "c" is not "a" + "bc".
  Finding x = sample(), y = sample();
  x.identity = {"ab", "c"};
  y.identity = {"a", "bc"};
  EXPECT_NE(fingerprint(x), fingerprint(y));
}

TEST(Fingerprint, EmittedInJsonAndAsSarifPartialFingerprint) {
  Finding f = sample();
  EXPECT_EQ(finding_to_json(f)["fingerprint"], fingerprint(f));
  Json sarif = render_sarif({f}, {"cleannet registry lookup"});
  EXPECT_EQ(sarif["runs"][0]["results"][0]["partialFingerprints"]["cleannet/v1"], fingerprint(f));
}

TEST(Evidence, InheritedStatusShowsChainAndWhoseDesignation) {
  trust::Registry reg = bundled();
  trust::Resolver r(reg);
  auto m = r.resolve(*trust::parse_identifier("AS23764"));
  ASSERT_TRUE(m);
  trust::StatusOptions opt;
  opt.as_of = *core::Date::parse("2024-06-01");
  auto v = trust::evaluate_status(reg, m->org, opt);
  auto ev = evidence_for(reg, v, &*m);
  ASSERT_GE(ev.size(), 3u);
  EXPECT_EQ(ev[0].kind, "identifier");
  EXPECT_EQ(ev[0].text, "asn matched asn \"AS23764\", confidence 1.00");
  EXPECT_EQ(ev[1].kind, "ownership");
  EXPECT_EQ(ev[1].text, "status inherited through ownership china-telecom-global -> china-telecom");
  EXPECT_EQ(ev[2].kind, "designation");
  EXPECT_EQ(ev[2].text.rfind("(china-telecom) Clean Network 2020 statement: untrusted", 0), 0u) << ev[2].text;
  EXPECT_EQ(explain(reg, v, m->org),
            "China Telecom Global Limited is untrusted, inherited from its owner China Telecom Corporation Limited "
            "(Clean Network 2020 statement); resting on unverified evidence.");
}

TEST(RegistryJson, ExportHasEveryOrganisationAndLayer) {
  trust::Registry reg = bundled();
  Json j = registry_to_json(reg);
  EXPECT_EQ(j["organisations"].size(), reg.organisations().size());
  EXPECT_EQ(j["layers"][0], trust::kBundledRegistryName);
  Json hw = organisation_to_json(reg, reg.org(*reg.find_id("huawei")));
  EXPECT_EQ(hw["designations"][0]["list"], "FCC Covered List");
  EXPECT_EQ(hw["designations"][0]["date"], "2021-03-12");
  EXPECT_EQ(hw["identifiers"]["unverified"][0], "domains");
}

}  // namespace
}  // namespace cleannet::report
