#include "cleannet/apps/inspect.h"

#include <gtest/gtest.h>

#include "cleannet/apps/check_inputs.h"

namespace cleannet::apps {
namespace {

// tests/data/apps/PROVENANCE.md: bugly-upgrade-demo embeds Tencent's Bugly SDK (219 classes
// under com.tencent.bugly); politedroid (F-Droid's test APK) embeds no known SDK.
const std::string kData = CLEANNET_SOURCE_DIR "/tests/data/apps/";
const std::string kBugly = kData + "bugly-upgrade-demo_com.bugly.upgrade.demo_11.apk";
const std::string kPolite = kData + "fdroidserver_com.politedroid_6.apk";

struct Fixture {
  trust::Registry registry;
  trust::StatusOptions options;
  Fixture() {
    registry = *trust::load_registry({}, true);
    options.as_of = *core::Date::parse("2025-01-01");
  }
  InspectResult run(const InspectInputs& in, const std::string& policy_name, trust::Policy* policy = nullptr) {
    trust::Policy p = policy ? *policy : *trust::load_policy(policy_name);
    trust::Resolver resolver(registry);
    auto r = inspect_apks(in, resolver, registry, p, options);
    EXPECT_TRUE(r.ok());
    return r ? std::move(*r) : InspectResult{};
  }
};

TEST(InspectApks, AnUntrustedSdkIsAFindingUnderBothPolicies) {
  Fixture fx;
  InspectInputs in;
  in.paths = {kBugly};
  InspectResult cn = fx.run(in, "clean-network");
  ASSERT_EQ(cn.report.findings.size(), 1u);
  EXPECT_EQ(cn.report.findings[0].element, "SDK Bugly (exodus:190)");
  EXPECT_EQ(cn.report.findings[0].rule, "CN-APPS");
  EXPECT_EQ(cn.report.findings[0].organisation, "tencent");
  EXPECT_EQ(cn.report.findings[0].severity, report::Severity::kError);
  EXPECT_TRUE(cn.violation);
  EXPECT_EQ(cn.report.summary["apks"][0]["sdks"][0]["classes"], 219);
  // The EU 5G Toolbox warns about the untrusted SDK: a warning, and still a violation
  // (trust/judge.h), as `apps check` counts it.
  InspectResult eu = fx.run(in, "eu-toolbox");
  ASSERT_EQ(eu.report.findings.size(), 1u);
  EXPECT_EQ(eu.report.findings[0].rule, "EU-OTHER");
  EXPECT_EQ(eu.report.findings[0].severity, report::Severity::kWarning);
  EXPECT_TRUE(eu.violation);
}

TEST(InspectApks, APolicyDenyingUnknownOnAppsFlagsAnUnknownPublisher) {
  Fixture fx;
  InspectInputs in;
  in.paths = {kPolite};
  InspectResult plain = fx.run(in, "clean-network");
  EXPECT_TRUE(plain.report.findings.empty());
  EXPECT_FALSE(plain.violation);
  trust::Policy p = *trust::load_policy("clean-network");
  trust::PolicyRule rule;
  rule.id = "DENY-UNKNOWN";
  rule.line = trust::Line::kApps;
  rule.status = trust::Status::kUnknown;
  p.rules.insert(p.rules.begin(), rule);
  InspectResult strict = fx.run(in, "", &p);
  // The package and the one v1 signer's certificate, both unknown to the registry.
  ASSERT_EQ(strict.report.findings.size(), 2u);
  EXPECT_EQ(strict.report.findings[0].element, "package com.politedroid");
  EXPECT_EQ(strict.report.findings[1].element,
            "signing certificate 32a23624c201b949f085996ba5ed53d40f703aca4989476949cae891022e0ed6");
  for (const auto& f : strict.report.findings) {
    EXPECT_EQ(f.rule, "DENY-UNKNOWN");
    EXPECT_EQ(f.status, "unknown");
    EXPECT_TRUE(f.organisation.empty());
  }
  EXPECT_TRUE(strict.violation);
}

TEST(InspectApks, AnUnreadableApkIsAnErrorAndDoesNotHideTheOthers) {
  Fixture fx;
  InspectInputs in;
  in.paths = {kData + "no-such.apk", kPolite};
  InspectResult r = fx.run(in, "clean-network");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.readable, 1u);
  EXPECT_EQ(r.report.summary["apks"].size(), 1u);
  EXPECT_NE(r.text.find("1 APK, 0 findings; policy clean-network, as of 2025-01-01\n"), std::string::npos);
}

}  // namespace
}  // namespace cleannet::apps

namespace cleannet::apps {
namespace {

// apps check's inputs: an APK by name, a catalogue by content; a missing file is an error
// that does not hide the others.
TEST(AddInputs, EachInputByContentEachUnreadableOneAnError) {
  Fixture fx;
  trust::Resolver resolver(fx.registry);
  trust::Policy p = *trust::load_policy("clean-network");
  AppsCheck check(resolver, p, fx.options, CheckOptions{});
  InputsRead r = add_inputs(
      {kData + "no-such.csv", kBugly, CLEANNET_SOURCE_DIR "/tests/data/apps/golden/inputs/catalogue.csv"}, check);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find("no-such.csv"), std::string::npos);
  EXPECT_EQ(r.readable, 2u);
  EXPECT_TRUE(check.violations());  // Bugly's Tencent SDK, at least
}

}  // namespace
}  // namespace cleannet::apps
