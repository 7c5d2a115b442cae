// trust::Line and trust::Judge: line names parse once and round-trip; a rule names one line
// and no other; violates() against the table in judge.h written out by hand; a judgement
// carries the organisation's status, whether it is verified, and the decision for its line.
#include "cleannet/trust/judge.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cleannet::trust {
namespace {

TEST(Line, NamesRoundTrip) {
  const char* names[] = {"registry", "path", "things", "carrier", "trace", "cloud", "cable", "apps"};
  ASSERT_EQ(std::size(names), kLines.size());
  for (size_t i = 0; i < kLines.size(); ++i) {
    EXPECT_STREQ(line_name(kLines[i]), names[i]);
    EXPECT_EQ(parse_line(names[i]), kLines[i]) << names[i];
  }
  for (const char* bad : {"", "*", "Path", "carriers", "5g", "path "}) EXPECT_EQ(parse_line(bad), std::nullopt) << bad;
}

Policy must_parse(std::string_view text) {
  auto p = parse_policy("mine.toml", text);
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message());
  return p.ok() ? *p : Policy{};
}

// A rule on one line decides that line only; every other line falls through to the default.
TEST(Line, RuleMatchesItsLineOnly) {
  for (Line ruled : kLines) {
    Policy p = must_parse(std::string("name = \"p\"\ntitle = \"P\"\n[[rule]]\nid = \"R\"\nline = \"") +
                          line_name(ruled) + "\"\nstatus = \"unknown\"\naction = \"deny\"\ncite = \"c\"\n");
    ASSERT_EQ(p.rules.size(), 1u);
    EXPECT_EQ(p.rules[0].line, ruled);
    for (Line asked : kLines) {
      Decision d = p.decide(asked, "*", "*", Status::kUnknown);
      EXPECT_EQ(d.rule != nullptr, asked == ruled) << line_name(ruled) << " asked " << line_name(asked);
      EXPECT_EQ(d.action, asked == ruled ? Action::kDeny : Action::kWarn);
    }
  }
}

TEST(Line, UnknownLineNameIsAnErrorAtItsPosition) {
  auto p = parse_policy("mine.toml",
                        "name = \"p\"\ntitle = \"P\"\n[[rule]]\nid = \"R\"\nline = \"carier\"\n"
                        "status = \"unknown\"\naction = \"deny\"\ncite = \"c\"\n");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().message(),
            "mine.toml:5:8: expected line path, carrier, cloud, cable, apps, things, trace, registry or *, found "
            "\"carier\"");
}

// judge.h: deny always violates; warn violates when the status is untrusted; allow never.
TEST(Violates, Table) {
  struct Row {
    Action action;
    Status status;
    bool violates;
  };
  const Row rows[] = {
      {Action::kAllow, Status::kTrusted, false},   {Action::kAllow, Status::kUnknown, false},
      {Action::kAllow, Status::kUntrusted, false}, {Action::kWarn, Status::kTrusted, false},
      {Action::kWarn, Status::kUnknown, false},    {Action::kWarn, Status::kUntrusted, true},
      {Action::kDeny, Status::kTrusted, true},     {Action::kDeny, Status::kUnknown, true},
      {Action::kDeny, Status::kUntrusted, true},
  };
  for (const Row& r : rows) {
    Decision d;
    d.action = r.action;
    EXPECT_EQ(violates(d, r.status), r.violates) << action_name(r.action) << " " << status_name(r.status);
  }
}

std::string cases_text(const Policy& p, Line l, Status s) {
  std::string out;
  for (const LineCase& c : line_cases(p, l, s))
    out += std::string(out.empty() ? "" : "; ") + (c.rule ? c.rule->id : "default") + " " + action_name(c.action) +
           (c.violates ? " violates" : "");
  return out;
}

TEST(LineCases, BundledPolicies) {
  auto cn = load_policy("clean-network");
  auto eu = load_policy("eu-toolbox");
  ASSERT_TRUE(cn.ok() && eu.ok());
  EXPECT_EQ(cases_text(*cn, Line::kPath, Status::kUnknown), "CN-PATH-DIPLOMATIC-UNKNOWN deny violates; default warn");
  EXPECT_EQ(cases_text(*cn, Line::kPath, Status::kUntrusted), "CN-PATH deny violates");
  EXPECT_EQ(cases_text(*cn, Line::kTrace, Status::kUntrusted), "CN-ANY deny violates");
  EXPECT_EQ(cases_text(*cn, Line::kCarrier, Status::kUnknown), "default warn");
  EXPECT_EQ(cases_text(*cn, Line::kApps, Status::kTrusted), "default allow");
  EXPECT_EQ(cases_text(*eu, Line::kCable, Status::kUntrusted),
            "EU-SM03-CORE deny violates; EU-SM03-MANAGEMENT deny violates; EU-RAN warn violates; EU-OTHER warn "
            "violates");
  EXPECT_EQ(cases_text(*eu, Line::kThings, Status::kUnknown), "default allow");
}

// line_cases agrees with decide(): for every traffic class and segment a rule names (and
// one none does), decide() gives the first case whose rule matches them.
TEST(LineCases, AgreeWithDecide) {
  for (const char* name : {"clean-network", "eu-toolbox"}) {
    auto p = load_policy(name);
    ASSERT_TRUE(p.ok());
    std::vector<std::string> classes = {"none-named"}, segments = {"none-named"};
    for (const PolicyRule& r : p->rules) {
      classes.push_back(r.traffic_class);
      segments.push_back(r.segment);
    }
    for (Line l : kLines)
      for (Status s : {Status::kTrusted, Status::kUntrusted, Status::kUnknown})
        for (const std::string& tc : classes)
          for (const std::string& seg : segments) {
            Decision d = p->decide(l, tc, seg, s);
            const std::vector<LineCase> cases = line_cases(*p, l, s);
            const LineCase* hit = nullptr;
            for (const LineCase& c : cases)
              if (!c.rule || ((c.rule->traffic_class == "*" || c.rule->traffic_class == tc) &&
                              (c.rule->segment == "*" || c.rule->segment == seg))) {
                hit = &c;
                break;
              }
            ASSERT_NE(hit, nullptr);
            EXPECT_EQ(hit->rule, d.rule) << name << " " << line_name(l) << " " << tc << " " << seg;
            EXPECT_EQ(hit->action, d.action);
            EXPECT_EQ(hit->violates, violates(d, s));
          }
  }
}

Registry bundled() {
  RegistryBuilder b;
  for (auto& e : b.add_layer(kBundledRegistryName, bundled_registry_toml())) ADD_FAILURE() << e.message();
  for (auto& e : b.finish()) ADD_FAILURE() << e.message();
  return b.take();
}

TEST(Judge, OrganisationStatusAndDecision) {
  Registry reg = bundled();
  auto cn = load_policy("clean-network");
  ASSERT_TRUE(cn.ok());
  StatusOptions opt;
  opt.as_of = *core::Date::parse("2024-06-01");
  Judge judge(reg, *cn, opt, Line::kPath);

  Match huawei;
  huawei.org = *reg.find_id("huawei");
  huawei.how = "id";
  Judgement j = judge.judge(huawei, "public", "core");
  EXPECT_EQ(j.line, Line::kPath);
  EXPECT_EQ(j.status.status, Status::kUntrusted);
  EXPECT_TRUE(j.verified);
  ASSERT_NE(j.decision.rule, nullptr);
  EXPECT_EQ(j.decision.rule->id, "CN-PATH");
  EXPECT_TRUE(j.violates());

  // An unverified identifier makes the judgement unverified, not the status.
  huawei.identifier_verified = false;
  j = judge.judge(huawei, "public", "core");
  EXPECT_TRUE(j.status.verified);
  EXPECT_FALSE(j.verified);

  // Nobody found: unknown, warned about by default, no violation; denied on diplomatic paths.
  j = judge.judge(std::nullopt, "public", "core");
  EXPECT_EQ(j.status.status, Status::kUnknown);
  EXPECT_EQ(j.decision.action, Action::kWarn);
  EXPECT_EQ(j.decision.rule, nullptr);
  EXPECT_FALSE(j.violates());
  j = judge.judge(std::nullopt, "diplomatic", "core");
  ASSERT_NE(j.decision.rule, nullptr);
  EXPECT_EQ(j.decision.rule->id, "CN-PATH-DIPLOMATIC-UNKNOWN");
  EXPECT_TRUE(j.violates());

  // The same organisation on the carrier line is decided by the carrier rule.
  Judge carrier(reg, *cn, opt, Line::kCarrier);
  huawei.identifier_verified = true;
  j = carrier.judge(huawei);
  EXPECT_EQ(j.line, Line::kCarrier);
  ASSERT_NE(j.decision.rule, nullptr);
  EXPECT_EQ(j.decision.rule->id, "CN-CARRIER");
}

}  // namespace
}  // namespace cleannet::trust
