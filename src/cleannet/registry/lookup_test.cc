#include "cleannet/registry/lookup.h"

#include <gtest/gtest.h>

#include <vector>

namespace cleannet::registry {
namespace {

struct Fixture {
  trust::Registry registry;
  trust::Policy policy;
  trust::StatusOptions options;

  explicit Fixture(const std::string& policy_name = "clean-network") {
    registry = *trust::load_registry({}, true);
    auto p = trust::load_policy(policy_name);
    EXPECT_TRUE(p.ok());
    if (p) policy = std::move(*p);
    options.as_of = *core::Date::parse("2024-06-01");
  }
};

TEST(Lookup, UntrustedAsnIsAnErrorFindingWithItsOrganisationAndEvidence) {
  Fixture fx;
  trust::Resolver resolver(fx.registry);
  Lookup lookup(fx.registry, resolver, fx.policy, fx.options);
  auto v = lookup.judge("  AS4134 ", core::SourcePos("argument 1"), report::Location{"ids.txt", 3, 0});
  ASSERT_TRUE(v.ok()) << v.error().message();
  EXPECT_EQ(v->input, "AS4134");
  EXPECT_EQ(v->line, trust::Line::kRegistry);
  EXPECT_TRUE(v->violates());
  const report::Finding& f = v->finding;
  EXPECT_EQ(f.line, "registry");
  EXPECT_EQ(f.subject, "AS4134");
  EXPECT_EQ(f.rule, "CN-ANY");
  EXPECT_EQ(f.severity, report::Severity::kError);
  EXPECT_EQ(f.status, "untrusted");
  EXPECT_EQ(f.organisation, "china-telecom");
  ASSERT_FALSE(f.evidence.empty());
  ASSERT_TRUE(f.location);
  EXPECT_EQ(f.location->line, 3u);
  report::Json j = lookup.json(*v);
  EXPECT_EQ(j["kind"], "asn");
  EXPECT_EQ(j["organisation"]["id"], "china-telecom");
  EXPECT_EQ(j["match"]["how"], "asn");
  EXPECT_EQ(j["policy"]["rule"], "CN-ANY");
  EXPECT_EQ(j["as_of"], "2024-06-01");
  EXPECT_EQ(lookup.text(*v).rfind("AS4134: untrusted -- ", 0), 0u);
}

TEST(Lookup, NobodyFoundIsUnknownAndNoViolationUnlessThePolicyDeniesIt) {
  Fixture fx;
  trust::Resolver resolver(fx.registry);
  Lookup lookup(fx.registry, resolver, fx.policy, fx.options, "IEEE registry not found");
  auto v = lookup.judge("AS64500", core::SourcePos("argument 1"), std::nullopt);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->violates());
  EXPECT_EQ(v->finding.rule, "default-unknown");
  EXPECT_EQ(v->finding.severity, report::Severity::kWarning);
  EXPECT_EQ(v->finding.explanation, "No organisation in the registry matches this asn.");
  EXPECT_TRUE(lookup.json(*v)["organisation"].is_null());
  // The note on missing IEEE data goes to MACs only.
  auto mac = lookup.judge("02:00:00:00:00:01", core::SourcePos("argument 2"), std::nullopt);
  ASSERT_TRUE(mac.ok());
  EXPECT_EQ(mac->finding.explanation, "No organisation in the registry matches this mac. IEEE registry not found.");

  // A policy that denies unknown on the registry line turns the same answer into a violation.
  trust::Policy deny = fx.policy;
  trust::PolicyRule r;
  r.id = "DENY-UNKNOWN";
  r.line = trust::Line::kRegistry;
  r.status = trust::Status::kUnknown;
  r.action = trust::Action::kDeny;
  deny.rules.insert(deny.rules.begin(), r);
  Lookup strict(fx.registry, resolver, deny, fx.options);
  auto s = strict.judge("AS64500", core::SourcePos("argument 1"), std::nullopt);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->violates());
  EXPECT_EQ(s->finding.rule, "DENY-UNKNOWN");
  EXPECT_EQ(s->finding.severity, report::Severity::kError);
}

TEST(Lookup, BadIdentifierIsAnErrorAtItsPosition) {
  Fixture fx;
  trust::Resolver resolver(fx.registry);
  Lookup lookup(fx.registry, resolver, fx.policy, fx.options);
  auto v = lookup.judge("AS99999999999", core::SourcePos("ids.txt", 7, 1), std::nullopt);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().pos().file, "ids.txt");
  EXPECT_EQ(v.error().pos().line, 7u);
}

TEST(ForEachIdentifier, SkipsBlankLinesAndCommentsAndKeepsLineNumbers) {
  auto in = core::Input::from_memory("ids.txt", "AS1\n\n# comment\n  AS2  \r\nAS3");
  ASSERT_TRUE(in.ok());
  std::vector<std::pair<std::string, uint32_t>> seen;
  auto st = for_each_identifier(*in, [&](std::string_view t, const core::SourcePos& p) {
    EXPECT_EQ(p.file, "ids.txt");
    seen.emplace_back(std::string(t), p.line);
  });
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, uint32_t>>{{"AS1", 1}, {"AS2", 4}, {"AS3", 5}}));
}

}  // namespace
}  // namespace cleannet::registry
