// SDK catalogue and matcher: the bundled signatures load, the RE2::Set matcher agrees with
// a brute-force oracle (std::regex search of every signature in every class name, the
// exodus-core semantics) on random class lists, and Bugly is found in the staged demo APK.
#include "cleannet/apps/sdk.h"

#include <gtest/gtest.h>

#include <random>
#include <regex>

#include "cleannet/apps/apk.h"

namespace cleannet::apps {
namespace {

TEST(SdkCatalog, BundledLoadsWithExodusAndOwnSignatures) {
  auto c = SdkCatalog::bundled();
  ASSERT_TRUE(c.ok()) << c.error().message();
  // 428 Exodus 2026 trackers plus 12 of our own.
  EXPECT_EQ(c->trackers().size(), 428u + 12u);
  const SdkTracker* bugly = c->find("exodus:190");
  ASSERT_NE(bugly, nullptr);
  EXPECT_EQ(bugly->name, "Bugly");
  EXPECT_EQ(bugly->organisation, "tencent");
  const SdkTracker* getui = c->find("cleannet:getui");
  ASSERT_NE(getui, nullptr);
  EXPECT_EQ(getui->signatures, std::vector<std::string>{"com.igexin."});
  EXPECT_TRUE(getui->organisation.empty());  // no registry entry for Getui: none invented
}

TEST(SdkCatalog, BadRowsArePositioned) {
  const std::string exodus = R"({"trackers":[{"id":1,"name":"A","signatures":["com.aaaa"]}]})";
  auto bad_sig = SdkCatalog::load(
      "e.json", exodus, "s.tsv",
      "key\tname\tsignatures\twebsite\tsource_url\ncleannet:x\tX\tcom/x\thttps://x\thttps://x\n", "c.tsv", "");
  ASSERT_FALSE(bad_sig.ok());
  EXPECT_EQ(bad_sig.error().message(),
            "s.tsv:2: expected signatures of >= 4 letters, digits, '.', '_', '-', '$', found \"com/x\"");
  auto bad_company = SdkCatalog::load("e.json", exodus, "s.tsv", "", "c.tsv",
                                      "tracker\tcompany\torganisation\tconfidence\tbasis\nexodus:2\tX\t\thigh\tb\n");
  ASSERT_FALSE(bad_company.ok());
  EXPECT_EQ(bad_company.error().message(), "c.tsv:2: expected a tracker key of the catalogue, found \"exodus:2\"");
}

TEST(SdkCatalog, BadExodusListsArePositioned) {
  auto error_of = [](std::string_view exodus) {
    auto c = SdkCatalog::load("e.json", exodus, "s.tsv", "", "c.tsv", "");
    return c ? std::string("(accepted)") : c.error().message();
  };
  EXPECT_EQ(error_of("{\"trackers\": [\n  {\"id\": 1,]}"),
            "e.json:2:12: expected valid JSON, found syntax error while parsing object key - unexpected ']'; "
            "expected string literal");
  EXPECT_EQ(error_of("[]"), "e.json:1:1: expected an Exodus tracker list {\"trackers\": [...]}, found an array");
  EXPECT_EQ(error_of("{\"trackers\": {}}"), "e.json:1:14: expected trackers as an array, found an object");
  EXPECT_EQ(error_of(R"({"trackers": [{"id": -1, "name": "A", "signatures": []}]})"),
            "e.json:1:22: expected trackers[0].id >= 0, found a number -1");
  EXPECT_EQ(error_of(R"({"trackers": [{"id": 1, "signatures": []}]})"),
            "e.json:1:15: expected key \"name\" in trackers[0], found none");
  EXPECT_EQ(error_of(R"({"trackers": [{"id": 1, "name": "A",
      "signatures": ["com.aaaa", 5]}]})"),
            "e.json:2:34: expected signatures of >= 4 letters, digits, '.', '_', '-', '$' (tracker exodus:1), found a "
            "number 5");
  EXPECT_EQ(error_of(R"({"trackers": [{"id": 1, "name": "A", "signatures": ["com"]}]})"),
            "e.json:1:53: expected signatures of >= 4 letters, digits, '.', '_', '-', '$' (tracker exodus:1), found "
            "\"com\"");
}

// Brute force: every signature searched in every class with std::regex (ECMAScript; the
// bundled signatures use only '.' as a metacharacter, where ECMAScript, RE2 and Python agree).
TEST(SdkMatcher, AgreesWithBruteForceOracle) {
  auto c = SdkCatalog::bundled();
  ASSERT_TRUE(c.ok());
  auto m = SdkMatcher::compile(*c);
  ASSERT_TRUE(m.ok()) << m.error().message();
  std::vector<std::regex> oracle;
  for (size_t i = 0; i < m->signature_count(); ++i) oracle.emplace_back(std::string(m->signature(i).second));
  // Class names built from signature fragments, mutated, plus noise: hits and near misses.
  std::mt19937 rng(20261204);
  std::vector<std::string> parts = {"a", "b", "util", "Foo", "Bar$1", "internal", "x9"};
#if defined(__SANITIZE_ADDRESS__)
  const int kClasses = 100;
#else
  const int kClasses = 1000;
#endif
  ClassList classes;
  for (int i = 0; i < kClasses; ++i) {
    std::string name;
    if (rng() % 3 != 0) {
      name = std::string(m->signature(rng() % m->signature_count()).second);
      if (rng() % 4 == 0 && !name.empty()) name[rng() % name.size()] = "./x_"[rng() % 4];  // near miss
      if (rng() % 5 == 0) name = parts[rng() % parts.size()] + "." + name;                 // not a prefix
    }
    const int extra = static_cast<int>(rng() % 3);
    for (int k = 0; k < extra; ++k) name += (name.empty() ? "" : ".") + parts[rng() % parts.size()];
    if (name.empty()) name = "Main";
    classes.push_back(name);
  }
  std::vector<int> got;
  std::vector<uint32_t> per_tracker(c->trackers().size(), 0);
  for (size_t i = 0; i < classes.size(); ++i) {
    m->match_one(classes[i], got);
    std::vector<int> want;
    const std::string cls(classes[i]);
    for (size_t s = 0; s < oracle.size(); ++s)
      if (std::regex_search(cls, oracle[s])) want.push_back(static_cast<int>(s));
    ASSERT_EQ(got, want) << cls;
    std::vector<uint32_t> ts;
    for (int s : want) ts.push_back(m->signature(s).first);
    std::sort(ts.begin(), ts.end());
    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
    for (uint32_t t : ts) ++per_tracker[t];
  }
  // match() aggregates the same per-tracker counts.
  for (const SdkMatch& sm : m->match(classes)) EXPECT_EQ(sm.classes, per_tracker[sm.tracker]) << sm.tracker;
  size_t trackers_hit = 0;
  for (uint32_t n : per_tracker) trackers_hit += n > 0;
  EXPECT_GT(trackers_hit, static_cast<size_t>(kClasses / 20));  // the random list really exercises the set
}

TEST(SdkMatcher, FindsBuglyInTheStagedDemo) {
  auto c = SdkCatalog::bundled();
  ASSERT_TRUE(c.ok());
  auto m = SdkMatcher::compile(*c);
  ASSERT_TRUE(m.ok());
  auto apk = inspect_apk_file(std::string(CLEANNET_SOURCE_DIR) +
                              "/tests/data/apps/bugly-upgrade-demo_com.bugly.upgrade.demo_11.apk");
  ASSERT_TRUE(apk.ok()) << apk.error().message();
  auto hits = m->match(apk->classes, 2);
  ASSERT_EQ(hits.size(), 1u);
  const SdkTracker& t = c->trackers()[hits[0].tracker];
  EXPECT_EQ(t.name, "Bugly");
  EXPECT_EQ(hits[0].classes, 219u);  // apks_summary.json: exodus_2026_tracker_class_hits Bugly 219
  EXPECT_EQ(hits[0].signatures, std::vector<std::string>{"com.tencent.bugly"});
}

}  // namespace
}  // namespace cleannet::apps
