// Policies: the two bundled ones load and decide as their files say; bad policy files give
// exact messages with positions (line:column of the key, value or [[rule]] header).
#include "cleannet/trust/policy.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace cleannet::trust {
namespace {

Policy must_load(const std::string& name) {
  auto p = load_policy(name);
  EXPECT_TRUE(p.ok()) << name << ": " << (p.ok() ? "" : p.error().message());
  return p.ok() ? *p : Policy{};
}

std::string parse_error(std::string_view text) {
  auto p = parse_policy("bad.toml", text);
  EXPECT_FALSE(p.ok()) << text;
  return p.ok() ? std::string() : p.error().message();
}

// Rule id (or "default") and action of a decision.
std::string decided(const Policy& p, Line line, std::string_view cls, std::string_view seg, Status s) {
  Decision d = p.decide(line, cls, seg, s);
  return std::string(d.rule ? d.rule->id : "default") + " " + action_name(d.action);
}

TEST(ActionName, All) {
  EXPECT_STREQ(action_name(Action::kAllow), "allow");
  EXPECT_STREQ(action_name(Action::kWarn), "warn");
  EXPECT_STREQ(action_name(Action::kDeny), "deny");
}

TEST(BundledPolicies, Load) {
  EXPECT_EQ(bundled_policy_names(), (std::vector<std::string>{"clean-network", "eu-toolbox"}));
  Policy cn = must_load("clean-network");
  EXPECT_EQ(cn.name, "clean-network");
  EXPECT_EQ(cn.title, "Clean Network (U.S. Department of State, 2020)");
  EXPECT_EQ(cn.source_url, "https://2017-2021.state.gov/the-clean-network/index.html");
  EXPECT_EQ(cn.origin, "bundled:clean-network");
  EXPECT_EQ(cn.unknown, Action::kWarn);
  EXPECT_FALSE(cn.ignore_unverified);
  ASSERT_EQ(cn.rules.size(), 7u);
  EXPECT_EQ(cn.rules[0].id, "CN-PATH-DIPLOMATIC-UNKNOWN");
  EXPECT_EQ(cn.rules[0].line, Line::kPath);
  EXPECT_EQ(cn.rules[0].traffic_class, "diplomatic");
  EXPECT_EQ(cn.rules[0].segment, "*");
  EXPECT_EQ(cn.rules[0].status, Status::kUnknown);
  EXPECT_EQ(cn.rules[0].action, Action::kDeny);
  EXPECT_EQ(cn.rules[0].pos.to_string(), "bundled:clean-network:14:1");
  EXPECT_EQ(cn.rules[6].id, "CN-ANY");
  EXPECT_EQ(cn.rules[6].line, std::nullopt);
  EXPECT_EQ(cn.rules[6].line_text(), "*");

  Policy eu = must_load("eu-toolbox");
  EXPECT_EQ(eu.name, "eu-toolbox");
  EXPECT_EQ(eu.origin, "bundled:eu-toolbox");
  EXPECT_EQ(eu.unknown, Action::kAllow);
  EXPECT_FALSE(eu.ignore_unverified);
  ASSERT_EQ(eu.rules.size(), 4u);
  EXPECT_EQ(eu.rules[0].id, "EU-SM03-CORE");
  EXPECT_EQ(eu.rules[0].segment, "core");
  EXPECT_EQ(eu.rules[3].id, "EU-OTHER");
}

TEST(CleanNetworkPolicy, UntrustedIsDeniedOnEveryLine) {
  Policy p = must_load("clean-network");
  for (const char* cls : {"diplomatic", "public", "personal-data", "*"})
    for (const char* seg : {"core", "ran", "management", "transport"})
      EXPECT_EQ(decided(p, Line::kPath, cls, seg, Status::kUntrusted), "CN-PATH deny") << cls << " " << seg;
  EXPECT_EQ(decided(p, Line::kCarrier, "public", "core", Status::kUntrusted), "CN-CARRIER deny");
  EXPECT_EQ(decided(p, Line::kCloud, "personal-data", "*", Status::kUntrusted), "CN-CLOUD deny");
  EXPECT_EQ(decided(p, Line::kCable, "public", "*", Status::kUntrusted), "CN-CABLE deny");
  EXPECT_EQ(decided(p, Line::kApps, "public", "*", Status::kUntrusted), "CN-APPS deny");
  EXPECT_EQ(decided(p, Line::kThings, "public", "*", Status::kUntrusted), "CN-ANY deny");
  EXPECT_EQ(decided(p, Line::kRegistry, "public", "*", Status::kUntrusted), "CN-ANY deny");

  Decision d = p.decide(Line::kPath, "public", "ran", Status::kUntrusted);
  EXPECT_EQ(d.reason,
            "CN-PATH: 5G Clean Path (2020-04-29): no transmission, control, computing or storage equipment from "
            "untrusted IT vendors, such as Huawei and ZTE");
}

TEST(CleanNetworkPolicy, UnknownIsDeniedOnDiplomaticPathsAndWarnedElsewhere) {
  Policy p = must_load("clean-network");
  for (const char* seg : {"core", "ran", "management"})
    EXPECT_EQ(decided(p, Line::kPath, "diplomatic", seg, Status::kUnknown), "CN-PATH-DIPLOMATIC-UNKNOWN deny") << seg;
  Decision dip = p.decide(Line::kPath, "diplomatic", "core", Status::kUnknown);
  EXPECT_EQ(dip.reason,
            "CN-PATH-DIPLOMATIC-UNKNOWN: 5G Clean Path (2020-04-29): traffic entering and exiting U.S. diplomatic "
            "facilities must cross only trusted equipment; an unvetted vendor is not trusted");

  for (const auto& [line, cls] : std::vector<std::pair<Line, const char*>>{{Line::kPath, "public"},
                                                                           {Line::kPath, "personal-data"},
                                                                           {Line::kCarrier, "diplomatic"},
                                                                           {Line::kCloud, "diplomatic"},
                                                                           {Line::kApps, "public"},
                                                                           {Line::kCable, "diplomatic"}}) {
    Decision d = p.decide(line, cls, "core", Status::kUnknown);
    EXPECT_EQ(d.action, Action::kWarn) << line_name(line) << " " << cls;
    EXPECT_EQ(d.rule, nullptr) << line_name(line) << " " << cls;
    EXPECT_EQ(d.reason, "default for unknown status in policy clean-network: warn");
  }
}

TEST(CleanNetworkPolicy, TrustedIsAllowed) {
  Policy p = must_load("clean-network");
  Decision d = p.decide(Line::kPath, "diplomatic", "core", Status::kTrusted);
  EXPECT_EQ(d.action, Action::kAllow);
  EXPECT_EQ(d.rule, nullptr);
  EXPECT_EQ(d.reason, "default: trusted is allowed");
}

TEST(EuToolboxPolicy, Segments) {
  Policy p = must_load("eu-toolbox");
  for (Line line : {Line::kPath, Line::kCarrier, Line::kCloud}) {
    EXPECT_EQ(decided(p, line, "public", "core", Status::kUntrusted), "EU-SM03-CORE deny") << line_name(line);
    EXPECT_EQ(decided(p, line, "diplomatic", "management", Status::kUntrusted), "EU-SM03-MANAGEMENT deny")
        << line_name(line);
    EXPECT_EQ(decided(p, line, "public", "ran", Status::kUntrusted), "EU-RAN warn") << line_name(line);
    EXPECT_EQ(decided(p, line, "public", "transport", Status::kUntrusted), "EU-OTHER warn") << line_name(line);
  }
  Decision ran = p.decide(Line::kPath, "public", "ran", Status::kUntrusted);
  EXPECT_EQ(ran.reason,
            "EU-RAN: EU 5G Toolbox SM03/SM05: high-risk suppliers may remain in the radio access network under "
            "restrictions and a multi-vendor strategy");

  Decision unk = p.decide(Line::kPath, "diplomatic", "core", Status::kUnknown);
  EXPECT_EQ(unk.action, Action::kAllow);
  EXPECT_EQ(unk.rule, nullptr);
  EXPECT_EQ(unk.reason, "default for unknown status in policy eu-toolbox: allow");
  EXPECT_EQ(decided(p, Line::kPath, "public", "core", Status::kTrusted), "default allow");
}

TEST(CustomPolicy, FirstMatchingRuleDecides) {
  auto p = parse_policy("mine.toml", R"(name = "mine"
title = "Mine"

[[rule]]
id = "ALLOW-LAB"
segment = "lab"
status = "untrusted"
action = "allow"
cite = "lab exemption"

[[rule]]
id = "WARN-ALL"
status = "untrusted"
action = "warn"
cite = "warn everywhere else"

[[rule]]
id = "DENY-NEVER-REACHED"
segment = "lab"
status = "untrusted"
action = "deny"
cite = "shadowed"
)");
  ASSERT_TRUE(p.ok()) << p.error().message();
  EXPECT_EQ(p->origin, "mine.toml");
  EXPECT_EQ(p->unknown, Action::kWarn);  // no [defaults]: unknown is warned about
  EXPECT_EQ(decided(*p, Line::kPath, "public", "lab", Status::kUntrusted), "ALLOW-LAB allow");
  EXPECT_EQ(decided(*p, Line::kPath, "public", "core", Status::kUntrusted), "WARN-ALL warn");
  EXPECT_EQ(p->rules[0].pos.to_string(), "mine.toml:4:1");
  EXPECT_EQ(decided(*p, Line::kPath, "public", "core", Status::kUnknown), "default warn");
}

TEST(CustomPolicy, DefaultsWithoutRules) {
  auto p = parse_policy("empty.toml", "name = \"empty\"\ntitle = \"Empty\"\n[defaults]\nunknown = \"deny\"\n"
                                      "ignore_unverified = true\n");
  ASSERT_TRUE(p.ok()) << p.error().message();
  EXPECT_TRUE(p->ignore_unverified);
  Decision u = p->decide(Line::kPath, "public", "core", Status::kUntrusted);
  EXPECT_EQ(u.action, Action::kDeny);
  EXPECT_EQ(u.rule, nullptr);
  EXPECT_EQ(u.reason, "default: untrusted is denied");
  Decision k = p->decide(Line::kPath, "public", "core", Status::kUnknown);
  EXPECT_EQ(k.action, Action::kDeny);
  EXPECT_EQ(k.reason, "default for unknown status in policy empty: deny");
}

TEST(CustomPolicy, LoadFromFile) {
  std::string path = ::testing::TempDir() + "cleannet_policy_test.toml";
  {
    std::ofstream f(path);
    f << "name = \"file\"\ntitle = \"From a file\"\n[[rule]]\nid = \"R\"\nstatus = \"unknown\"\naction = \"deny\"\n"
         "cite = \"c\"\n";
  }
  auto p = load_policy(path);
  ASSERT_TRUE(p.ok()) << p.error().message();
  EXPECT_EQ(p->origin, path);
  EXPECT_EQ(p->rules[0].pos.to_string(), path + ":3:1");
  EXPECT_EQ(decided(*p, Line::kCable, "x", "y", Status::kUnknown), "R deny");
  std::filesystem::remove(path);

  auto missing = load_policy("/nonexistent/policy.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message(),
            "/nonexistent/policy.toml: expected a bundled policy name (clean-network, eu-toolbox) or a policy file, "
            "found No such file or directory");
}

constexpr const char* kHead = "name = \"p\"\ntitle = \"P\"\n";

TEST(PolicyErrors, UnknownKeys) {
  EXPECT_EQ(parse_error(std::string(kHead) + "colour = \"red\"\n"),
            "bad.toml:3:1: expected one of the keys name, title, source_url, description, defaults, rule in a policy, "
            "found unknown key \"colour\"");
  EXPECT_EQ(parse_error(std::string(kHead) + "[defaults]\nunkown = \"warn\"\n"),
            "bad.toml:4:1: expected one of the keys unknown, ignore_unverified, ownership_inheritance in [defaults], found unknown key "
            "\"unkown\"");
  EXPECT_EQ(parse_error(std::string(kHead) +
                        "[[rule]]\nid = \"R1\"\nsegmnet = \"core\"\nstatus = \"untrusted\"\naction = \"deny\"\n"
                        "cite = \"c\"\n"),
            "bad.toml:5:1: expected one of the keys id, line, traffic_class, segment, status, action, cite in "
            "[[rule]], found unknown key \"segmnet\"");
}

TEST(PolicyErrors, BadValues) {
  EXPECT_EQ(parse_error(std::string(kHead) +
                        "[[rule]]\nid = \"R1\"\nstatus = \"untrusted\"\naction = \"block\"\ncite = \"c\"\n"),
            "bad.toml:6:10: expected action allow, warn or deny, found \"block\"");
  EXPECT_EQ(parse_error(std::string(kHead) +
                        "[[rule]]\nid = \"R1\"\nstatus = \"banned\"\naction = \"deny\"\ncite = \"c\"\n"),
            "bad.toml:5:10: expected status trusted, untrusted or unknown, found \"banned\"");
  EXPECT_EQ(parse_error(std::string(kHead) +
                        "[[rule]]\nid = \"R1\"\nline = \"pathh\"\nstatus = \"untrusted\"\naction = \"deny\"\n"
                        "cite = \"c\"\n"),
            "bad.toml:5:8: expected line path, carrier, cloud, cable, apps, things, trace, registry or *, found \"pathh\"");
  EXPECT_EQ(parse_error(std::string(kHead) + "[defaults]\nunknown = \"maybe\"\n"),
            "bad.toml:4:11: expected unknown = \"allow\", \"warn\" or \"deny\", found \"maybe\"");
  EXPECT_EQ(parse_error(std::string(kHead) + "[defaults]\nignore_unverified = \"yes\"\n"),
            "bad.toml:4:21: expected ignore_unverified as true or false, found a string \"yes\"");
  EXPECT_EQ(parse_error("name = \"p\"\ntitle = 3\n"), "bad.toml:2:9: expected title as a string, found an integer");
  EXPECT_EQ(parse_error(std::string(kHead) + "rule = 5\n"), "bad.toml:3:8: expected [[rule]] tables, found an integer");
  EXPECT_EQ(parse_error(std::string(kHead) + "defaults = 1\n"),
            "bad.toml:3:12: expected [defaults] as a table, found an integer");
}

TEST(PolicyErrors, DuplicateRuleId) {
  EXPECT_EQ(parse_error(std::string(kHead) +
                        "[[rule]]\nid = \"R1\"\nstatus = \"untrusted\"\naction = \"deny\"\ncite = \"c\"\n"
                        "[[rule]]\nid = \"R1\"\nstatus = \"unknown\"\naction = \"warn\"\ncite = \"d\"\n"),
            "bad.toml:9:6: expected a unique rule id (first used at bad.toml:3:1), found \"R1\"");
}

TEST(PolicyErrors, MissingKeys) {
  EXPECT_EQ(parse_error(std::string(kHead) + "\n[[rule]]\nid = \"R1\"\nstatus = \"untrusted\"\naction = \"deny\"\n"),
            "bad.toml:4:1: expected key \"cite\" in [[rule]], found none");
  EXPECT_EQ(parse_error(std::string(kHead) + "[[rule]]\nstatus = \"untrusted\"\naction = \"deny\"\ncite = \"c\"\n"),
            "bad.toml:3:1: expected key \"id\" in [[rule]], found none");
  EXPECT_EQ(parse_error(std::string(kHead) + "[[rule]]\nid = \"R1\"\naction = \"deny\"\ncite = \"c\"\n"),
            "bad.toml:3:1: expected key \"status\" in [[rule]], found none");
  EXPECT_EQ(parse_error("title = \"P\"\n"), "bad.toml:1:1: expected key \"name\" in a policy, found none");
  EXPECT_EQ(parse_error("name = \"p\"\n"), "bad.toml:1:1: expected key \"title\" in a policy, found none");
}

TEST(PolicyErrors, NotToml) {
  EXPECT_EQ(parse_error("name = \"p\"\ntitle = \"P\n"),
            "bad.toml:2:11: expected valid TOML, found an error while parsing string: unescaped control characters other "
            "than TAB (U+0009) are explicitly prohibited");
}

}  // namespace
}  // namespace cleannet::trust
