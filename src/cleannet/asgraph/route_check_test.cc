#include "cleannet/asgraph/route_check.h"

#include <gtest/gtest.h>

namespace cleannet::asgraph {
namespace {

// SYNTHETIC graph tests/data/asgraph/small.as-rel2.txt: 3356 is 64500's provider and reaches
// 64501 over its customer 4134 (China Telecom) and 4812 (China Telecom by as2org), or over its
// peer 9304 (HGC); customer routes win, so the route crosses China Telecom twice.
struct Fixture {
  trust::Registry registry;
  trust::Policy policy;
  trust::StatusOptions options;
  RouteInputs in;

  Fixture() {
    registry = *trust::load_registry({}, true);
    policy = *trust::load_policy("clean-network");
    options.as_of = *core::Date::parse("2024-06-01");
    in.from = 64500;
    in.to = 64501;
    in.as_rel = CLEANNET_SOURCE_DIR "/tests/data/asgraph/small.as-rel2.txt";
    in.as2org = CLEANNET_SOURCE_DIR "/tests/data/asgraph/small.as2org.txt";
  }
  core::Result<RouteResult> run() {
    trust::Resolver resolver(registry);
    return check_route(in, resolver, registry, policy, options);
  }
};

std::vector<uint32_t> hops(const report::Json& route) {
  std::vector<uint32_t> out;
  for (const auto& h : route["hops"]) out.push_back(h["asn"]);
  return out;
}

TEST(CheckRoute, UntrustedTransitAsesAreTheFindings) {
  Fixture fx;
  auto r = fx.run();
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(hops(r->report.summary["route"]), (std::vector<uint32_t>{64500, 3356, 4134, 4812, 64501}));
  EXPECT_EQ(r->report.summary["route"]["class"], "provider");
  ASSERT_EQ(r->report.findings.size(), 2u);
  EXPECT_EQ(r->report.findings[0].element, "AS4134 (CHINANET-BACKBONE)");
  EXPECT_EQ(r->report.findings[1].element, "AS4812 (CHINANET-SH-AP)");
  // AS4812's registrant, "China Telecom Group", is the name of the organisation China Telecom
  // Group Co., Ltd. (the 1260H list's parent of China Telecom Corporation Limited).
  EXPECT_EQ(r->report.findings[0].organisation, "china-telecom");
  EXPECT_EQ(r->report.findings[1].organisation, "china-telecom-group");
  for (const auto& f : r->report.findings) {
    EXPECT_EQ(f.line, "carrier");
    EXPECT_EQ(f.rule, "CN-CARRIER");
    EXPECT_EQ(f.subject, "route AS64500 -> AS64501");
  }
  EXPECT_TRUE(r->violation);
  EXPECT_FALSE(r->report.summary.contains("clean_route"));
  EXPECT_NE(r->text.find("2 untrusted ASes on the route\n"), std::string::npos);
}

TEST(CheckRoute, AvoidingUntrustedTakesThePeerRoute) {
  Fixture fx;
  fx.in.avoid_untrusted = true;
  fx.in.avoid_text = "untrusted";
  auto r = fx.run();
  ASSERT_TRUE(r.ok());
  const report::Json& clean = r->report.summary["clean_route"];
  EXPECT_EQ(clean["avoided"], 2);
  EXPECT_EQ(clean["avoid"], "untrusted");
  EXPECT_EQ(hops(clean["route"]), (std::vector<uint32_t>{64500, 3356, 9304, 64501}));
  EXPECT_EQ(r->report.findings.size(), 2u);  // the route asked about still crosses them
  EXPECT_FALSE(r->violation);
  // Avoiding 3356 (64500's only provider) leaves no route.
  fx.in.avoid_untrusted = false;
  fx.in.avoid = {3356};
  r = fx.run();
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->report.summary["clean_route"]["route"]["exists"]);
  EXPECT_TRUE(r->violation);
}

TEST(CheckRoute, APolicyDenyingUnknownOnCarrierFlagsEveryUnknownAs) {
  Fixture fx;
  trust::PolicyRule rule;
  rule.id = "DENY-UNKNOWN";
  rule.line = trust::Line::kCarrier;
  rule.status = trust::Status::kUnknown;
  fx.policy.rules.insert(fx.policy.rules.begin(), rule);
  auto r = fx.run();
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->report.findings.size(), 5u);
  EXPECT_EQ(r->report.findings[0].rule, "DENY-UNKNOWN");
  EXPECT_EQ(r->report.findings[0].element, "AS64500 (EXAMPLE-SHIPPING)");
}

TEST(CheckRoute, AnEndpointOutsideTheGraphIsAnErrorNamingTheOption) {
  Fixture fx;
  fx.in.to = 65000;
  auto r = fx.run();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().pos().file, "--to");
  fx.in.to = 64501;
  fx.in.as_rel = CLEANNET_SOURCE_DIR "/tests/data/asgraph/no-such-file";
  EXPECT_FALSE(fx.run().ok());
}

}  // namespace
}  // namespace cleannet::asgraph
