// Scenarios and accepted risks: the bad corpora (tests/data/bad/audit-scenario/,
// audit-suppressions/) rejected with their exact messages; keys resolved as documented; the
// suppression boundaries (the `expires` day still holds, the day after does not; an entry in
// force that matched nothing is stale; one not yet created is pending); and a run of the
// bundled scenario whose findings are those of the same library calls made one by one.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "cleannet/audit/run.h"
#include "cleannet/audit/scenario.h"
#include "cleannet/audit/suppressions.h"
#include "cleannet/core/testing/bad_corpus.h"
#include "cleannet/netmodel/inventory.h"
#include "cleannet/path/run.h"
#include "cleannet/trust/context.h"

namespace cleannet::audit {
namespace {

namespace fs = std::filesystem;

struct InRoot {
  InRoot() { fs::current_path(CLEANNET_SOURCE_DIR); }
};

TEST(Scenario, BadCorpus) {
  InRoot root;
  testing::check_bad_corpus("tests/data/bad/audit-scenario", ".toml", 12,
                            [](const fs::path& f) -> std::optional<std::string> {
                              auto s = load_scenario(f.string());
                              if (s) return std::nullopt;
                              return s.error().message();
                            });
}

TEST(Suppressions, BadCorpus) {
  InRoot root;
  testing::check_bad_corpus("tests/data/bad/audit-suppressions", ".toml", 8,
                            [](const fs::path& f) -> std::optional<std::string> {
                              auto s = load_suppressions(f.string());
                              if (s) return std::nullopt;
                              return s.error().message();
                            });
}

TEST(Scenario, KeysResolveAgainstTheScenarioFolder) {
  InRoot root;
  auto s = load_scenario("data/audit/acme/scenario.toml");
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->name, "acme-2026q4");
  EXPECT_EQ(s->policy, "eu-toolbox");
  EXPECT_EQ(s->as_of, "2026-12-01");
  EXPECT_EQ(s->suppressions, "data/audit/acme/accepted-risks.toml");
  ASSERT_EQ(s->checks.size(), 9u);
  std::vector<std::string> kinds;
  for (const CheckSpec& c : s->checks) kinds.push_back(c.kind);
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"path", "plan", "things", "carrier", "trace", "cloud", "cable", "apps", "lookup"}));
  EXPECT_EQ(s->checks[1].name, "replacement plan");
  const CheckSpec& carrier = s->checks[3];
  EXPECT_EQ(carrier.list("asn"), std::vector<std::string>{"3356"});
  EXPECT_EQ(carrier.list("rib"), std::vector<std::string>{"data/internet/mrt/rib.20140523.0600_firstMB.bz2"});
  EXPECT_EQ(carrier.integer("max_destinations", 0), 50);
  EXPECT_TRUE(carrier.flag("keep_going"));
  EXPECT_EQ(carrier.files.size(), 3u);  // rib, as_rel, as_names
  EXPECT_EQ(s->checks[8].name, "suppliers");
}

TEST(Scenario, NumbersAreNonNegativeIntegersOrFloats) {
  auto s = parse_scenario("s.toml",
                          "name = \"n\"\n[[check]]\nkind = \"plan\"\ninventory = \"" CLEANNET_SOURCE_DIR
                          "/data/audit/acme/inventory/network.json\"\ndefault_cost = 2.5\ntime_limit = 30\n");
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->checks[0].number("default_cost", 1), 2.5);
  EXPECT_EQ(s->checks[0].number("time_limit", 60), 30);
  EXPECT_EQ(s->checks[0].number("approximate", 7), 7);
  for (const char* bad : {"-1", "\"5\"", "nan", "inf", "true"}) {
    auto b = parse_scenario("s.toml", std::string("name = \"n\"\n[[check]]\nkind = \"plan\"\ninventory = \"" CLEANNET_SOURCE_DIR
                                                  "/data/audit/acme/inventory/network.json\"\ndefault_cost = ") +
                                          bad + "\n");
    ASSERT_FALSE(b.ok()) << bad;
    EXPECT_NE(b.error().message().find("s.toml:5:16: expected default_cost as a number >= 0"), std::string::npos)
        << b.error().message();
  }
}

TEST(Scenario, RepeatedKindsAreNumbered) {
  auto s = parse_scenario("s.toml", "name = \"n\"\n[[check]]\nkind = \"lookup\"\nids = [\"AS1\"]\n"
                                    "[[check]]\nkind = \"lookup\"\nids = \"AS2\"\n");
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->checks[0].name, "lookup");
  EXPECT_EQ(s->checks[1].name, "lookup-2");
  EXPECT_EQ(s->checks[1].list("ids"), std::vector<std::string>{"AS2"});  // a string is a list of one
}

report::Finding finding(std::string line, std::string rule, std::string org, std::string element) {
  report::Finding f;
  f.line = std::move(line);
  f.rule = std::move(rule);
  f.organisation = std::move(org);
  f.element = std::move(element);
  f.subject = "s";
  return f;
}

core::Date day(const char* s) { return *core::Date::parse(s); }

Suppressions boundary_entries() {
  auto s = parse_suppressions("risks.toml", R"(
[[suppression]]
rule = "EU-RAN"
organisation = "huawei"
element = "device ber-ran-*"
reason = "swap contracted"
owner = "radio"
created = 2026-09-15
expires = 2026-12-01

[[suppression]]
line = "cloud"
reason = "nothing matches this"
owner = "cloud"
created = 2026-01-01
expires = 2027-01-01

[[suppression]]
line = "things"
reason = "accepted later"
owner = "it"
created = 2026-12-05
expires = 2027-01-01
)");
  EXPECT_TRUE(s.ok()) << s.error().message();
  return *s;
}

// The entry expires on 2026-12-01: it holds on the day before and on the day itself, and is
// expired the day after, when the finding counts again.
TEST(Suppressions, ExpiresDayIsTheLastDayItHolds) {
  const Suppressions s = boundary_entries();
  for (auto [as_of, held] : std::vector<std::pair<const char*, bool>>{
           {"2026-11-30", true}, {"2026-12-01", true}, {"2026-12-02", false}}) {
    report::Finding ran = finding("path", "EU-RAN", "huawei", "device ber-ran-1");
    report::Finding core = finding("path", "EU-SM03-CORE", "huawei", "device fra-core-1");
    report::Finding other_ran = finding("path", "EU-RAN", "huawei", "device muc-ran-1");
    std::vector<report::Finding*> all = {&ran, &core, &other_ran};
    SuppressionOutcome o = apply(s, day(as_of), all);
    EXPECT_EQ(ran.suppression.has_value(), held) << as_of;
    EXPECT_FALSE(core.suppression) << as_of;
    EXPECT_FALSE(other_ran.suppression) << as_of;
    EXPECT_EQ(o.suppressed, held ? 1u : 0u) << as_of;
    EXPECT_EQ(o.expired.size(), held ? 0u : 1u) << as_of;
    ASSERT_EQ(o.stale.size(), 1u) << as_of;  // the cloud entry matched nothing
    EXPECT_EQ(o.stale[0].source, "risks.toml:11");
    ASSERT_EQ(o.pending.size(), 1u) << as_of;  // created 2026-12-05
    if (held) {
      EXPECT_EQ(ran.suppression->reason, "swap contracted");
      EXPECT_EQ(ran.suppression->expires, "2026-12-01");
      EXPECT_EQ(ran.suppression->source, "risks.toml:2");
    }
  }
}

TEST(Suppressions, CreatedDayIsTheFirstDayItHolds) {
  const Suppressions s = boundary_entries();
  for (auto [as_of, held] : std::vector<std::pair<const char*, bool>>{{"2026-12-04", false}, {"2026-12-05", true}}) {
    report::Finding cam = finding("things", "EU-OTHER", "hikvision", "mac 44:47:cc:00:00:01");
    std::vector<report::Finding*> all = {&cam};
    SuppressionOutcome o = apply(s, day(as_of), all);
    EXPECT_EQ(cam.suppression.has_value(), held) << as_of;
    EXPECT_EQ(o.pending.size(), held ? 0u : 1u) << as_of;
  }
}

TEST(Suppressions, FingerprintEntryMatchesThatFindingOnly) {
  report::Finding a = finding("path", "EU-RAN", "huawei", "device a");
  report::Finding b = finding("path", "EU-RAN", "huawei", "device b");
  auto s = parse_suppressions("r.toml", "[[suppression]]\nfingerprint = \"" + report::fingerprint(a) +
                                            "\"\nreason = \"r\"\nowner = \"o\"\ncreated = 2026-01-01\nexpires = "
                                            "2026-12-31\n");
  ASSERT_TRUE(s.ok()) << s.error().message();
  std::vector<report::Finding*> all = {&a, &b};
  SuppressionOutcome o = apply(*s, day("2026-06-01"), all);
  EXPECT_TRUE(a.suppression);
  EXPECT_FALSE(b.suppression);
  EXPECT_EQ(o.suppressed, 1u);
  EXPECT_TRUE(o.stale.empty());
}

// The audit calls the checks' library functions: the path check's findings in the run are
// those of path::run_check on the same inventory, registry and policy.
TEST(RunAudit, PathFindingsAreThoseOfTheCheckAlone) {
  InRoot root;
  auto s = parse_scenario("data/audit/acme/scenario.toml",
                          "name = \"p\"\npolicy = \"eu-toolbox\"\nas_of = \"2026-12-01\"\n"
                          "[[check]]\nkind = \"path\"\ninventory = \"inventory/network.json\"\n");
  ASSERT_TRUE(s.ok()) << s.error().message();
  auto run = run_audit(*s, {});
  ASSERT_TRUE(run.ok()) << run.error().message();
  ASSERT_EQ(run->checks.size(), 1u);

  trust::ContextOptions co;
  co.policy = "eu-toolbox";
  co.as_of = "2026-12-01";
  auto ctx = trust::load_context(co);
  ASSERT_TRUE(ctx.ok());
  netmodel::NetworkSources src;
  src.inventory = "data/audit/acme/inventory/network.json";
  auto net = netmodel::load_network(src);
  ASSERT_TRUE(net.ok());
  report::CheckReport alone = path::run_check(
      {&*net, src.inventory, (*ctx)->resolver.get(), &(*ctx)->policy, (*ctx)->status_options});
  ASSERT_EQ(run->checks[0].report.findings.size(), alone.findings.size());
  ASSERT_FALSE(alone.findings.empty());
  for (size_t i = 0; i < alone.findings.size(); ++i)
    EXPECT_EQ(report::fingerprint(run->checks[0].report.findings[i]), report::fingerprint(alone.findings[i]));
  // fra-core-1 (Huawei, core) is denied by EU-SM03-CORE: errors, so the run fails at "error".
  EXPECT_EQ(run->exit_code, 1);
  EXPECT_FALSE(run->failing().empty());
  RunOptions never;
  never.fail_on = FailOn::kNever;
  auto lenient = run_audit(*s, never);
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient->exit_code, 0);
  // The inputs: the scenario, the bundled policy and registry, the inventory, each hashed.
  ASSERT_EQ(run->inputs.size(), 4u);
  EXPECT_EQ(run->inputs[3].path, "data/audit/acme/inventory/network.json");
  EXPECT_EQ(run->inputs[3].sha256.size(), 64u);
  EXPECT_EQ(run->inputs[3].size, fs::file_size("data/audit/acme/inventory/network.json"));
}

TEST(RunAudit, Sha256OfKnownText) {
}

}  // namespace
}  // namespace cleannet::audit

namespace cleannet::audit {
namespace {

// docs/audit.md's table of check keys names every key each kind accepts, in its kind's row.
TEST(Scenario, DocsNameEveryKey) {
  std::ifstream in(std::string(CLEANNET_SOURCE_DIR) + "/docs/audit.md");
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const CheckKind& k : check_kinds()) {
    const std::string head = "| `" + std::string(k.kind) + "` | `" + std::string(k.command) + "` |";
    size_t at = doc.find(head);
    ASSERT_NE(at, std::string::npos) << head;
    const std::string row = doc.substr(at, doc.find('\n', at) - at);
    for (const KeySpec& key : k.keys) EXPECT_NE(row.find("`" + std::string(key.key) + "`"), std::string::npos) << k.kind << " " << key.key;
  }
}

}  // namespace
}  // namespace cleannet::audit
