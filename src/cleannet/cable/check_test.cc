// CableCheck on the synthetic file (tests/data/cable/README.md works the answers by hand)
// under both bundled policies, and the real-data facts of MANIFEST.md on the bundled
// TeleGeography snapshot.
#include "cleannet/cable/check.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "cleannet/cable/countries.h"

namespace cleannet::cable {
namespace {

struct World {
  trust::Registry reg;
  std::unique_ptr<trust::Resolver> resolver;
  trust::StatusOptions opt;
  World() {
    reg = std::move(*trust::load_registry({}, true));
    resolver = std::make_unique<trust::Resolver>(reg);
    opt.as_of = *core::Date::parse("2024-01-01");
  }
};

World& world() {
  static World w;
  return w;
}

CableSet synthetic() {
  auto set = read_cables_file(std::string(CLEANNET_SOURCE_DIR) + "/tests/data/cable/synthetic.jsonl");
  EXPECT_TRUE(set) << set.error().message();
  return std::move(*set);
}

std::vector<std::string> losing(const CableCheck& c) {
  std::vector<std::string> out;
  for (const auto& r : c.countries())
    if (r.loses_clean() || r.lost_by_removal()) out.push_back(r.code);
  return out;
}

std::vector<std::string> cut_ids(const CableCheck& c, const CutResult& r) {
  std::vector<std::string> out;
  for (uint32_t k : r.cables) out.push_back(c.set().cables[k].id);
  return out;
}

TEST(CableCheck, SyntheticVerdictsAndConnectivity) {
  CableSet set = synthetic();
  auto policy = trust::load_policy("clean-network");
  ASSERT_TRUE(policy);
  CableCheck check(set, *world().resolver, *policy, world().opt, {});
  ASSERT_TRUE(check.run());
  const auto& v = check.verdicts();
  EXPECT_EQ(v[3].verdict, Verdict::kUntrustedSupplier);  // asia-hmn: HMN Tech
  EXPECT_EQ(v[4].verdict, Verdict::kUntrustedOwner);     // asia-ct: China Telecom, Ltd.
  EXPECT_EQ(v[8].verdict, Verdict::kUntrustedOwner);     // th-jp: China Unicom
  EXPECT_EQ(v[0].verdict, Verdict::kUnknown);            // atlantic-1: Alpha Telecom unknown
  EXPECT_FALSE(v[3].clean);
  EXPECT_TRUE(v[5].clean);
  EXPECT_FALSE(v[7].carries);  // planned
  ASSERT_GE(v[3].deciding, 0);
  const Party& hmn = v[3].parties[static_cast<size_t>(v[3].deciding)];
  EXPECT_EQ(world().reg.org(hmn.match->org).id, "hmn-tech");
  EXPECT_EQ(hmn.match->how, "alias");
  EXPECT_EQ(hmn.decision.action, trust::Action::kDeny);
  EXPECT_EQ(losing(check), (std::vector<std::string>{"KH", "MM", "TH"}));
  const CountryRow* sg = check.country("SG");
  ASSERT_TRUE(sg);
  EXPECT_EQ(sg->cables.size(), 3u);
  EXPECT_EQ(sg->clean, 1u);
  EXPECT_EQ(cut_ids(check, sg->all), (std::vector<std::string>{"pacific-1"}));
  // Over clean cables SG has sg-jp only: {sg-jp} and {pacific-1} are both minimum cuts, and
  // the one nearest the country is reported.
  EXPECT_EQ(cut_ids(check, sg->clean_cut), (std::vector<std::string>{"sg-jp"}));
  const CountryRow* kh = check.country("KH");
  EXPECT_EQ(kh->clean, 0u);
  EXPECT_TRUE(kh->all.connected);
  EXPECT_FALSE(kh->clean_cut.connected);
  EXPECT_EQ(cut_ids(check, kh->all), (std::vector<std::string>{"pacific-1"}));
  EXPECT_TRUE(check.country("US")->in_target);
  EXPECT_TRUE(check.violations());
}

TEST(CableCheck, SyntheticWhatIfAndPlanned) {
  CableSet set = synthetic();
  auto policy = trust::load_policy("clean-network");
  CheckOptions o;
  o.without = {"Pacific-1"};  // by name
  CableCheck cut(set, *world().resolver, *policy, world().opt, o);
  ASSERT_TRUE(cut.run());
  // KH, MM and TH had no clean connection before; now they have none at all. The removal
  // costs JP and SG theirs.
  EXPECT_EQ(losing(cut), (std::vector<std::string>{"JP", "SG"}));
  EXPECT_FALSE(cut.country("KH")->all.connected);
  EXPECT_TRUE(cut.country("SG")->lost_by_removal());
  EXPECT_FALSE(cut.country("SG")->all.connected);
  CheckOptions p;
  p.include_planned = true;
  CableCheck planned(set, *world().resolver, *policy, world().opt, p);
  ASSERT_TRUE(planned.run());
  EXPECT_EQ(losing(planned), (std::vector<std::string>{"KH", "TH"}));
  CheckOptions bad;
  bad.without = {"no-such-cable"};
  CableCheck b(set, *world().resolver, *policy, world().opt, bad);
  auto st = b.run();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().message(),
            "--without: expected a cable id or name in " + set.source + ", found \"no-such-cable\"");
}

TEST(CableCheck, SyntheticToEuUnderEuToolbox) {
  CableSet set = synthetic();
  auto policy = trust::load_policy("eu-toolbox");
  ASSERT_TRUE(policy);
  CheckOptions o;
  o.targets = *expand_country_set("EU", "--to");
  o.targets_label = "EU";
  CableCheck check(set, *world().resolver, *policy, world().opt, o);
  ASSERT_TRUE(check.run());
  // Europe is reached through France; the untrusted cables are warned about, not denied,
  // but they are still not clean.
  EXPECT_EQ(check.verdicts()[3].parties[0].decision.action, trust::Action::kWarn);
  EXPECT_EQ(losing(check), (std::vector<std::string>{"KH", "MM", "TH"}));
  EXPECT_EQ(cut_ids(check, check.country("US")->all), (std::vector<std::string>{"atlantic-2"}));
  EXPECT_EQ(cut_ids(check, check.country("GB")->all), (std::vector<std::string>{"atlantic-1"}));
  for (const auto& f : check.findings()) EXPECT_EQ(f.severity, report::Severity::kWarning) << f.subject;
}

// MANIFEST.md: in Cambodia, Myanmar and Suriname every in-service cable is HMN-supplied or
// owned by China Telecom, China Unicom or China Mobile; 36 cables list HMN Tech.
TEST(CableCheck, BundledSnapshotFacts) {
  auto set = bundled_cables();
  ASSERT_TRUE(set);
  auto policy = trust::load_policy("clean-network");
  CableCheck check(*set, *world().resolver, *policy, world().opt, {});
  ASSERT_TRUE(check.run());
  size_t hmn = 0, untrusted = 0;
  for (const auto& v : check.verdicts()) {
    bool h = false;
    for (const auto& p : v.parties)
      h = h || (p.role == "supplier" && p.match && world().reg.org(p.match->org).id == "hmn-tech");
    hmn += h;
    untrusted += v.verdict == Verdict::kUntrustedOwner || v.verdict == Verdict::kUntrustedSupplier;
  }
  EXPECT_EQ(hmn, 36u);
  EXPECT_EQ(untrusted, 54u);  // MANIFEST: 54 distinct cables HMN-supplied or CT/CU/CM-owned
  for (const char* code : {"KH", "MM", "SR"}) {
    const CountryRow* r = check.country(code);
    ASSERT_TRUE(r) << code;
    EXPECT_GT(r->cables.size(), 0u) << code;
    EXPECT_EQ(r->clean, 0u) << code;
  }
}

}  // namespace
}  // namespace cleannet::cable
