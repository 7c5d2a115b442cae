// Reader goldens (tests/data/apps/readers/: SYNTHETIC inputs, each with a .golden dump
// checked by hand), the bad corpus of every reader (tests/data/bad/apps-*/), the real
// fdroidserver test repository (bundled) and facts of the staged real device lists
// (../shared/data/apps, skipped when absent).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>

#include "cleannet/apps/catalogue.h"
#include "cleannet/apps/device_list.h"
#include "cleannet/core/testing/bad_corpus.h"
#include "cleannet/core/testing/golden.h"

namespace cleannet::apps {
namespace {

namespace fs = std::filesystem;

std::string dump(const AppSet& s) {
  std::string o = "format " + s.format;
  if (!s.title.empty()) o += " title \"" + s.title + "\"";
  if (!s.listing.empty()) o += " listing " + s.listing + " (" + s.listing_basis + ")";
  if (s.declared_count) o += " count " + std::to_string(*s.declared_count);
  o += " apps " + std::to_string(s.apps.size()) + "\n";
  for (const AppEntry& a : s.apps) {
    o += a.package + " @" + a.pos.to_string();
    if (!a.name.empty()) o += " name=\"" + a.name + "\"";
    if (!a.developer.empty()) o += " developer=\"" + a.developer + "\" (" + a.developer_field + ")";
    if (!a.store.empty()) o += " store=" + a.store;
    for (const std::string& c : a.certificates) o += " cert=" + c;
    if (!a.apk_path.empty()) o += " path=" + a.apk_path;
    if (a.preinstalled) o += *a.preinstalled ? " preinstalled" : " installed";
    if (a.commented) o += " commented";
    if (!a.uad_list.empty()) o += " uad=" + a.uad_list + "/" + a.uad_removal;
    if (!a.label.empty()) o += " label=\"" + a.label + "\"";
    o += "\n";
  }
  return o;
}

TEST(AppReaders, Goldens) {
  const fs::path old = fs::current_path();
  fs::current_path(CLEANNET_SOURCE_DIR);
  size_t n = 0;
  for (const auto& e : fs::directory_iterator("tests/data/apps/readers")) {
    if (e.path().extension() == ".golden") continue;
    const std::string path = "tests/data/apps/readers/" + e.path().filename().string();
    SCOPED_TRACE(path);
    auto set = read_app_set(*core::Input::open(path));
    ASSERT_TRUE(set) << set.error().message();
    const std::string got = dump(*set);
    cleannet::testing::expect_golden(path + ".golden", got);
    ++n;
  }
  EXPECT_EQ(n, 6u);
  fs::current_path(old);
}

TEST(AppReaders, PackageLines) {
  auto p = parse_package_line("package:/data/app/a=b/base.apk=com.x.y");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->apk_path, "/data/app/a=b/base.apk");
  EXPECT_EQ(p->package, "com.x.y");
  EXPECT_FALSE(parse_package_line("package:=com.x"));
  EXPECT_FALSE(parse_package_line("package:com.x extra"));
  EXPECT_FALSE(parse_package_line("com.1x"));
  EXPECT_FALSE(parse_package_line("--user x com.x"));
  p = parse_package_line("--user 10 com.x # label # more");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->package, "com.x");
  EXPECT_EQ(p->label, "label # more");
}

// The real fdroidserver test repository (tests/repo/ of f-droid/fdroidserver): 11 apps in
// both index versions; no authorName; the signer of com.politedroid counted by hand.
TEST(AppReaders, FdroidserverTestRepo) {
  for (const char* v : {"1", "2"}) {
    const std::string path =
        std::string(CLEANNET_SOURCE_DIR) + "/tests/data/apps/real/fdroidserver_testrepo_index-v" + v + ".json.gz";
    auto set = read_app_set(*core::Input::open(path));
    ASSERT_TRUE(set) << set.error().message();
    EXPECT_EQ(set->format, std::string("fdroid-index-v") + v);
    EXPECT_EQ(set->apps.size(), 11u);
    auto it = std::find_if(set->apps.begin(), set->apps.end(),
                           [](const AppEntry& a) { return a.package == "com.politedroid"; });
    ASSERT_NE(it, set->apps.end());
    EXPECT_EQ(it->certificates,
              std::vector<std::string>{"32A23624C201B949F085996BA5ED53D40F703ACA4989476949CAE891022E0ED6"});
    EXPECT_TRUE(std::all_of(set->apps.begin(), set->apps.end(), [](const AppEntry& a) { return a.developer.empty(); }));
  }
}

std::optional<AppSet> shared(const std::string& rel) {
  const std::string path = std::string(CLEANNET_SOURCE_DIR) + "/../shared/data/apps/" + rel;
  if (!fs::exists(path)) return std::nullopt;
  auto set = read_app_set(*core::Input::open(path));
  EXPECT_TRUE(set) << set.error().message();
  if (!set) return std::nullopt;
  return std::move(*set);
}

bool has(const AppSet& s, const std::string& pkg) {
  return std::any_of(s.apps.begin(), s.apps.end(), [&](const AppEntry& a) { return a.package == pkg; });
}

// Counted by hand (grep) in the staged files: see ../shared/data/apps/MANIFEST.md section 6.
TEST(AppReaders, RealDeviceLists) {
  auto hs = shared("adb/driverdrift_huawei-system-app-list.md");
  if (!hs) GTEST_SKIP() << "../shared/data/apps not present";
  EXPECT_EQ(hs->apps.size(), 269u);
  EXPECT_EQ(hs->declared_count, 269u);
  EXPECT_EQ(hs->listing, "system");
  EXPECT_EQ(std::count_if(hs->apps.begin(), hs->apps.end(),
                          [](const AppEntry& a) { return a.package.rfind("com.huawei.", 0) == 0; }),
            176);
  EXPECT_TRUE(has(*hs, "com.baidu.input_huawei"));
  EXPECT_TRUE(has(*hs, "com.tencent.qqlivehuawei"));
  auto ht = shared("adb/driverdrift_huawei-third-party-app-list.md");
  ASSERT_TRUE(ht);
  EXPECT_EQ(ht->apps.size(), 26u);
  EXPECT_EQ(ht->listing, "third-party");
  for (const char* p : {"com.baidu.searchbox", "com.eg.android.AlipayGphone", "com.taobao.taobao",
                        "com.ss.android.ugc.aweme", "com.tencent.mtt", "com.smile.gifmaker"})
    EXPECT_TRUE(has(*ht, p)) << p;
  auto vs = shared("adb/driverdrift_vivo-system-app-list.md");
  ASSERT_TRUE(vs);
  EXPECT_EQ(vs->apps.size(), 374u);  // 260 listed plainly + 114 only commented out
  EXPECT_EQ(std::count_if(vs->apps.begin(), vs->apps.end(), [](const AppEntry& a) { return a.commented; }), 114);
  EXPECT_EQ(vs->listing, "system");
  auto vt = shared("adb/driverdrift_vivo-third-party-app-list.md");
  ASSERT_TRUE(vt);
  EXPECT_EQ(vt->apps.size(), 29u);
#if defined(__SANITIZE_ADDRESS__)
  return;  // the 1.6 MB UAD list and the Guardian index take seconds under ASan: normal build only
#endif
  auto uad = shared("preinstall/uad_lists.json.gz");
  ASSERT_TRUE(uad);
  EXPECT_EQ(uad->apps.size(), 5370u);
  auto gp = shared("catalogue/guardianproject_fdroid_index-v2.json.gz");
  ASSERT_TRUE(gp);
  EXPECT_EQ(gp->apps.size(), 16u);
}

// Oracle on random lists (seeded): packages written in every accepted line form, with
// duplicates, labels, --user prefixes, -f paths holding '=' and, half of the time, inside
// Markdown with commented-out packages and a command block, must read back as exactly the
// distinct packages in first-seen order, with the count line checked.
TEST(AppReaders, RandomListsOracle) {
  std::mt19937 rng(20261204);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  const char* segs[] = {"com", "org", "huawei", "vivo", "a", "b_2", "Xy", "tencent", "mm", "app9"};
#if defined(__SANITIZE_ADDRESS__)
  const int iterations = 60;
#else
  const int iterations = 300;
#endif
  for (int iter = 0; iter < iterations; ++iter) {
    const bool md = iter % 2 == 1;
    std::vector<std::string> order, lines;
    std::set<std::string> seen;
    const size_t n = 1 + pick(30);
    for (size_t i = 0; i < n; ++i) {
      std::string pkg = segs[pick(10)];
      for (size_t k = pick(4); k > 0; --k) pkg += std::string(".") + segs[pick(10)];
      if (seen.insert(pkg).second) order.push_back(pkg);
      std::string line;
      if (pick(3) == 0) line += "--user " + std::to_string(pick(11)) + " ";
      switch (pick(4)) {
        case 0:
          line += pkg;
          break;
        case 1:
          line += "package:" + pkg;
          break;
        case 2:
          line += "package:/system/app/X=" + std::to_string(pick(9)) + "/base.apk=" + pkg;
          break;
        default:
          line += "package:/data/app/~~q==/" + pkg + "-1/base.apk=" + pkg + " uid:10" + std::to_string(pick(99));
          break;
      }
      if (pick(3) == 0) line += " # label " + std::to_string(i);
      if (md && pick(5) == 0) line = "# " + line;  // commented out: still listed
      lines.push_back(line);
    }
    std::string text;
    const bool counted = pick(2) == 0;
    if (counted) text += std::to_string(order.size()) + "\n";
    if (md) text += "Intro text.\n```\npm list packages -s | cut -d: -f2\n```\n\n```\n";
    for (const std::string& l : lines) text += l + "\n";
    if (md) text += "```\n";
    SCOPED_TRACE(text);
    auto set = read_device_list(*core::Input::from_memory("random.txt", text));
    ASSERT_TRUE(set) << set.error().message();
    std::vector<std::string> got;
    for (const AppEntry& a : set->apps) got.push_back(a.package);
    EXPECT_EQ(got, order);
    EXPECT_EQ(set->declared_count.has_value(), counted);
    // A wrong count is refused.
    if (counted) {
      auto bad = read_device_list(
          *core::Input::from_memory("random.txt", std::to_string(order.size() + 1) + text.substr(text.find('\n'))));
      EXPECT_FALSE(bad);
    }
  }
}

std::optional<std::string> error_of(const fs::path& f) {
  auto in = core::Input::open(f.string());
  if (!in) return in.error().message();
  auto set = read_app_set(std::move(*in));
  if (set) return std::nullopt;
  return set.error().message();
}

TEST(AppReaders, BadFdroid) { cleannet::testing::check_bad_corpus("tests/data/bad/apps-fdroid", ".json", 8, error_of); }
TEST(AppReaders, BadCsv) { cleannet::testing::check_bad_corpus("tests/data/bad/apps-csv", ".csv", 5, error_of); }
TEST(AppReaders, BadPmList) { cleannet::testing::check_bad_corpus("tests/data/bad/apps-pmlist", ".txt", 6, error_of); }
TEST(AppReaders, BadUad) { cleannet::testing::check_bad_corpus("tests/data/bad/apps-uad", ".json", 4, error_of); }

}  // namespace
}  // namespace cleannet::apps
