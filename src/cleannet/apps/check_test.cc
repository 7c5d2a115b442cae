// Clean Apps check on hand-made (SYNTHETIC) catalogues and lists with the bundled registry
// and both bundled policies; each expectation was worked out by hand from
// data/registry/default.toml and data/policies/*.toml.
#include "cleannet/apps/check.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "cleannet/apps/device_list.h"

namespace cleannet::apps {
namespace {

struct Fixture {
  trust::Registry reg = *trust::load_registry({}, true);
  trust::Resolver resolver{reg};
  trust::StatusOptions opt;
  Fixture() { opt.as_of = *core::Date::parse("2025-01-01"); }
};

Fixture& fx() {
  static Fixture f;
  return f;
}

AppSet read(const std::string& name, const std::string& text) {
  auto set = read_app_set(*core::Input::from_memory(name, text));
  EXPECT_TRUE(set) << set.error().message();
  return set ? std::move(*set) : AppSet{};
}

const AppVerdict& find(const AppsCheck& c, const std::string& pkg) {
  for (const AppVerdict& v : c.verdicts())
    if (v.app.package == pkg) return v;
  static AppVerdict none;
  ADD_FAILURE() << pkg << " not checked";
  return none;
}

TEST(AppsCheck, CatalogueCleanNetwork) {
  auto policy = *trust::load_policy("clean-network");
  AppsCheck c(fx().resolver, policy, fx().opt, {});
  c.add(read("cat.csv",
             "package,developer\n"
             "com.tencent.mtt,\n"                // registry prefix com.tencent -> tencent
             "org.example.chat,Tencent\n"        // developer alias "Tencent"
             "org.example.notes,Example Labs\n"  // nobody the registry knows
             "com.ss.android.ugc.aweme,\n"));    // seed package -> bytedance
  const AppVerdict& mtt = find(c, "com.tencent.mtt");
  ASSERT_EQ(mtt.publisher.size(), 1u);
  EXPECT_EQ(mtt.publisher[0].match.how, "package-prefix");
  EXPECT_EQ(mtt.publisher[0].match.matched, "com.tencent");
  EXPECT_FALSE(mtt.publisher[0].match.identifier_verified);
  EXPECT_EQ(fx().reg.org(mtt.publisher[0].match.org).id, "tencent");
  EXPECT_TRUE(mtt.untrusted_publisher);
  EXPECT_EQ(mtt.context, "store");
  ASSERT_NE(mtt.decision.rule, nullptr);
  EXPECT_EQ(mtt.decision.rule->id, "CN-APPS");
  const AppVerdict& chat = find(c, "org.example.chat");
  ASSERT_EQ(chat.publisher.size(), 1u);
  EXPECT_EQ(chat.publisher[0].field, "developer");
  EXPECT_EQ(chat.publisher[0].match.how, "alias");
  EXPECT_TRUE(chat.untrusted_publisher);
  const AppVerdict& notes = find(c, "org.example.notes");
  EXPECT_TRUE(notes.publisher.empty());
  EXPECT_FALSE(notes.finding);  // unknown: no finding without a rule naming unknown apps
  EXPECT_EQ(find(c, "com.ss.android.ugc.aweme").publisher[0].match.how, "package");
  EXPECT_EQ(c.findings().size(), 3u);
  EXPECT_TRUE(c.violations());
  EXPECT_EQ(c.summary_text(),
            "4 app(s) in 1 input(s), 3 attributed: 3 from untrusted publishers, 0 with untrusted SDKs, 0 untrusted "
            "preinstalled; device maker: no device list (policy clean-network)\n");
}

TEST(AppsCheck, EuToolboxWarns) {
  auto policy = *trust::load_policy("eu-toolbox");
  AppsCheck c(fx().resolver, policy, fx().opt, {});
  c.add(read("cat.csv", "package\ncom.baidu.searchbox\n"));
  const AppVerdict& v = find(c, "com.baidu.searchbox");
  EXPECT_TRUE(v.untrusted_publisher);
  ASSERT_NE(v.decision.rule, nullptr);
  EXPECT_EQ(v.decision.rule->id, "EU-OTHER");
  auto f = c.findings();
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, report::Severity::kWarning);
  EXPECT_EQ(f[0].organisation, "baidu");
  EXPECT_FALSE(f[0].verified);  // the package prefix is an unverified identifier
}

TEST(AppsCheck, DeviceMakerByPrefix) {
  auto policy = *trust::load_policy("clean-network");
  AppsCheck c(fx().resolver, policy, fx().opt, {});
  c.add(read("huawei-system.txt",
             "package:com.huawei.a\npackage:com.huawei.b\npackage:com.huawei.c\npackage:com.huawei.d\n"
             "package:com.huawei.e\npackage:com.android.settings\npackage:com.baidu.input_huawei\n"));
  ASSERT_EQ(c.devices().size(), 1u);
  EXPECT_EQ(c.devices()[0].maker, "Huawei");
  EXPECT_EQ(c.devices()[0].basis, "5 of 7 packages under com.huawei.*");
  EXPECT_EQ(c.devices()[0].status, trust::Status::kUntrusted);
  EXPECT_EQ(find(c, "com.baidu.input_huawei").context, "preinstalled");  // file name says system
  // 5 Huawei apps + Baidu: untrusted preinstalled; the maker is a finding of its own.
  EXPECT_EQ(c.findings().size(), 7u);
  EXPECT_EQ(c.findings()[0].element, "device maker Huawei");

  AppsCheck v(fx().resolver, policy, fx().opt, {});
  v.add(read("phone.txt", "com.vivo.a\ncom.vivo.b\ncom.bbk.c\ncom.iqoo.d\ncom.vivo.e\ncom.huawei.x\n"));
  // vivo is no registry organisation; the carrier Telefonica Brasil trading as Vivo is no maker.
  EXPECT_EQ(v.devices()[0].maker, "vivo");
  EXPECT_FALSE(v.devices()[0].attribution);
  EXPECT_EQ(v.devices()[0].status, trust::Status::kUnknown);
  EXPECT_EQ(find(v, "com.vivo.a").context, "listed");

  AppsCheck d(fx().resolver, policy, fx().opt, {"ZTE"});
  d.add(read("x.txt", "com.example.a\n"));
  EXPECT_EQ(d.devices()[0].basis, "--device");
  EXPECT_EQ(d.devices()[0].status, trust::Status::kUntrusted);
}

TEST(AppsCheck, EmbeddedSdk) {
  auto policy = *trust::load_policy("clean-network");
  AppsCheck c(fx().resolver, policy, fx().opt, {});
  AppSet s;
  s.format = "apk";
  s.file = "demo.apk";
  AppEntry a;
  a.package = "com.bugly.upgrade.demo";
  s.apps.push_back(a);
  c.add(std::move(s));
  EXPECT_FALSE(c.violations());
  c.add_sdk("Bugly", "tencent", "signature com.tencent.bugly: 219 classes");
  const AppVerdict& v = c.verdicts()[0];
  EXPECT_FALSE(v.untrusted_publisher);
  EXPECT_TRUE(v.untrusted_sdk);
  EXPECT_TRUE(v.finding);
  EXPECT_TRUE(c.violations());
  auto f = c.findings();
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].organisation, "tencent");
  EXPECT_EQ(f[0].status, "untrusted");
}

// The staged real Huawei system list (../shared/data/apps, skipped when absent): 176 packages
// under com.huawei. plus Baidu's and Tencent's Huawei editions, counted by hand with grep.
TEST(AppsCheck, RealHuaweiSystemList) {
  const std::string path =
      std::string(CLEANNET_SOURCE_DIR) + "/../shared/data/apps/adb/driverdrift_huawei-system-app-list.md";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "../shared/data/apps not present";
  auto policy = *trust::load_policy("clean-network");
  AppsCheck c(fx().resolver, policy, fx().opt, {});
  auto set = read_app_set(*core::Input::open(path));
  ASSERT_TRUE(set) << set.error().message();
  c.add(std::move(*set));
  EXPECT_EQ(c.devices()[0].maker, "Huawei");
  EXPECT_EQ(c.devices()[0].basis, "176 of 269 packages under com.huawei.*");
  size_t untrusted = 0;
  for (const AppVerdict& v : c.verdicts()) untrusted += v.untrusted_publisher && v.context == "preinstalled";
  EXPECT_EQ(untrusted, 178u);
  EXPECT_TRUE(find(c, "com.baidu.input_huawei").untrusted_publisher);
  EXPECT_TRUE(find(c, "com.tencent.qqlivehuawei").untrusted_publisher);
}

}  // namespace
}  // namespace cleannet::apps
