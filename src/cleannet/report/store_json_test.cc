#include "cleannet/report/store_json.h"

#include <gtest/gtest.h>

#include <random>

#include "cleannet/report/render.h"
#include "cleannet/report/testing/random_findings.h"

namespace cleannet::report {
namespace {

using testing::random_finding;

Finding full() {
  Finding f;
  f.line = "path";
  f.subject = "demand d1";
  f.element = "router r7";
  f.rule = "CN-PATH";
  f.rule_text = "Clean Path (2020)";
  f.severity = Severity::kError;
  f.status = "untrusted";
  f.verified = false;
  f.organisation = "huawei";
  f.organisation_name = "Huawei Technologies Co., Ltd.";
  f.evidence.push_back({"designation", "FCC Covered List", "https://fcc.gov/x", "2021-03-12", false, "2030-01-01"});
  f.evidence.push_back({"note", "no date", "", "", true});
  f.explanation = "r7 is Huawei equipment.";
  f.suggested_fix = "Route around r7.";
  f.location = Location{"inventory.csv", 12, 3};
  f.suppression = Suppression{"replacement ordered", "netops", "2027-03-31", "2026-12-01", "accepted.toml:7"};
  return f;
}

TEST(FindingFromJson, RestoresEveryField) {
  Finding f = full();
  auto back = finding_from_json(finding_to_json(f));
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_EQ(*back, f);
}

TEST(FindingFromJson, RoundTripsRandomFindings) {
  std::mt19937 rng(20261207);
  int exact = 0, refused = 0;
  for (int i = 0; i < 3000; ++i) {
    Finding f = random_finding(rng);
    const Json j = finding_to_json(f);
    auto back = finding_from_json(j);
    Finding without_identity = f;
    without_identity.identity.clear();
    if (fingerprint(without_identity) != fingerprint(f)) {
      // The identity is not in finding_to_json's output: refused, not restored with
      // another fingerprint.
      ASSERT_FALSE(back) << j.dump();
      EXPECT_NE(back.error().message().find("/fingerprint"), std::string::npos) << back.error().message();
      ++refused;
      continue;
    }
    ASSERT_TRUE(back) << back.error().message() << "\n" << j.dump();
    EXPECT_EQ(finding_to_json(*back), j);
    EXPECT_EQ(fingerprint(*back), fingerprint(f));
    EXPECT_EQ(*back, without_identity);
    ++exact;
  }
  EXPECT_GT(exact, 1000);
  EXPECT_GT(refused, 100);
}

TEST(FindingFromStoreJson, RoundTripsRandomFindingsExactly) {
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    Finding f = random_finding(rng);
    const Json j = finding_to_store_json(f);
    // Through text too, as a store keeps it.
    auto back = finding_from_store_json(Json::parse(j.dump()));
    ASSERT_TRUE(back) << back.error().message() << "\n" << j.dump();
    EXPECT_EQ(*back, f) << j.dump();
    EXPECT_EQ(fingerprint(*back), fingerprint(f));
    EXPECT_EQ(finding_to_store_json(*back), j);
    EXPECT_EQ(finding_to_json(*back), finding_to_json(f));
  }
}

TEST(FindingFromStoreJson, IsFindingJsonPlusIdentity) {
  Finding f = full();
  f.identity = {"huawei", "r7"};
  Json store = finding_to_store_json(f);
  Json plain = finding_to_json(f);
  EXPECT_EQ(store["identity"], Json::array({"huawei", "r7"}));
  store.erase("identity");
  EXPECT_EQ(store, plain);
}

// Each wrong shape, and the message that names where it is and what was expected there.
TEST(FindingFromJson, RefusesWrongShapes) {
  const Json good = finding_to_json(full());
  struct Case {
    const char* name;
    void (*change)(Json&);
    const char* message;
  };
  const Case cases[] = {
      {"not an object", [](Json& j) { j = Json::array(); }, "finding: expected an object at /, found []"},
      {"missing key", [](Json& j) { j.erase("rule"); }, "finding: expected the key \"rule\" at /"},
      {"unknown key", [](Json& j) { j["extra"] = 1; }, "expected only the keys line, subject"},
      {"string as number", [](Json& j) { j["subject"] = 3; }, "finding: expected a string at /subject, found 3"},
      {"severity", [](Json& j) { j["severity"] = "fatal"; },
       "finding: expected note, warning or error at /severity, found \"fatal\""},
      {"verified", [](Json& j) { j["verified"] = "yes"; }, "expected true or false at /verified"},
      {"organisation", [](Json& j) { j["organisation"] = Json::array(); },
       "expected a string or null at /organisation"},
      {"evidence", [](Json& j) { j["evidence"] = Json::object(); }, "expected an array at /evidence"},
      {"evidence item", [](Json& j) { j["evidence"][1]["date"] = 20240601; },
       "expected a string at /evidence/1/date, found 20240601"},
      {"evidence key", [](Json& j) { j["evidence"][0]["url"] = "x"; }, "expected only the keys kind, text"},
      {"location line", [](Json& j) { j["location"]["line"] = -1; },
       "expected an integer from 0 to 4294967295 at /location/line, found -1"},
      {"location big", [](Json& j) { j["location"]["column"] = 4294967296u; }, "at /location/column"},
      {"location float", [](Json& j) { j["location"]["line"] = 1.5; }, "at /location/line, found 1.5"},
      {"suppressed", [](Json& j) { j["suppressed"].erase("owner"); }, "expected the key \"owner\" at /suppressed"},
      {"fingerprint", [](Json& j) { j["element"] = "router r8"; }, "fingerprint of the finding's fields"},
      {"identity in plain JSON", [](Json& j) { j["identity"] = Json::array(); }, "expected only the keys"},
  };
  for (const Case& c : cases) {
    Json j = good;
    c.change(j);
    auto r = finding_from_json(j);
    ASSERT_FALSE(r) << c.name;
    EXPECT_NE(r.error().message().find(c.message), std::string::npos) << c.name << ": " << r.error().message();
  }
  Json no_identity = finding_to_store_json(full());
  no_identity.erase("identity");
  auto r = finding_from_store_json(no_identity, "store.jsonl:4");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), "store.jsonl:4: expected the key \"identity\" at /");
  Json bad_identity = finding_to_store_json(full());
  bad_identity["identity"] = Json::array({"a", 1});
  r = finding_from_store_json(bad_identity);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), "finding: expected a string at /identity/1, found 1");
}

TEST(FindingFromJson, AcceptsEmptyOptionalStringsAndNulls) {
  Finding f = full();
  f.organisation.clear();
  f.organisation_name.clear();
  Json j = finding_to_json(f);
  EXPECT_TRUE(j["organisation"].is_null());
  j["organisation_name"] = "";  // an empty string reads as null does
  j["evidence"][1]["date"] = "";
  auto back = finding_from_json(j);
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_EQ(*back, f);
}

}  // namespace
}  // namespace cleannet::report
