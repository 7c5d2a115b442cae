// evaluate_status: golden cases on the bundled registry, layered overrides, expiry,
// ownership links, criteria derivation, and a randomised comparison with a plain
// reimplementation of the rules in status.h.
#include "cleannet/trust/status.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace cleannet::trust {
namespace {

core::Date date(const char* s) {
  auto d = core::Date::parse(s);
  EXPECT_TRUE(d) << s;
  return d ? *d : core::Date{};
}

StatusOptions at(const char* s, bool ignore_unverified = false) {
  StatusOptions o;
  o.as_of = date(s);
  o.ignore_unverified = ignore_unverified;
  return o;
}

Registry build(const std::vector<std::pair<std::string, std::string>>& layers, bool with_bundled) {
  RegistryBuilder b;
  if (with_bundled) {
    auto errs = b.add_layer(kBundledRegistryName, bundled_registry_toml());
    for (auto& e : errs) ADD_FAILURE() << e.message();
  }
  for (const auto& [name, text] : layers) {
    auto errs = b.add_layer(name, text);
    for (auto& e : errs) ADD_FAILURE() << e.message();
  }
  for (auto& e : b.finish()) ADD_FAILURE() << e.message();
  return b.take();
}

const Registry& bundled() {
  static const Registry reg = build({}, true);
  return reg;
}

OrganisationId id_of(const Registry& reg, const char* id) {
  auto o = reg.find_id(id);
  EXPECT_TRUE(o) << id;
  return o ? *o : OrganisationId{};
}

std::vector<std::string> chain_ids(const Registry& reg, const StatusVerdict& v) {
  std::vector<std::string> out;
  for (auto id : v.chain) out.push_back(reg.org(id).id);
  return out;
}

// "list@date" for each designation, in verdict order.
std::vector<std::string> lists(const std::vector<const Designation*>& ds) {
  std::vector<std::string> out;
  for (auto* d : ds) out.push_back(d->list + "@" + (d->date ? d->date->to_string() : "undated"));
  return out;
}

using Strings = std::vector<std::string>;

TEST(StatusNames, All) {
  EXPECT_STREQ(status_name(Status::kTrusted), "trusted");
  EXPECT_STREQ(status_name(Status::kUntrusted), "untrusted");
  EXPECT_STREQ(status_name(Status::kUnknown), "unknown");
  EXPECT_STREQ(status_basis_name(StatusBasis::kDesignation), "designation");
  EXPECT_STREQ(status_basis_name(StatusBasis::kInherited), "inherited");
  EXPECT_STREQ(status_basis_name(StatusBasis::kCriteria), "criteria");
  EXPECT_STREQ(status_basis_name(StatusBasis::kNone), "none");
}

TEST(BundledStatus, HuaweiUntrustedByDesignation) {
  const Registry& reg = bundled();
  StatusVerdict v = evaluate_status(reg, id_of(reg, "huawei"), at("2025-06-01"));
  EXPECT_EQ(v.status, Status::kUntrusted);
  EXPECT_EQ(v.basis, StatusBasis::kDesignation);
  EXPECT_TRUE(v.verified);
  EXPECT_EQ(chain_ids(reg, v), Strings{"huawei"});
  EXPECT_EQ(lists(v.deciding), (Strings{"FCC Covered List@2021-03-12", "Clean Network 2020 statement@2020-04-29",
                                        "Clean Network 2020 statement@2020-08-05", "US Commerce Entity List@2019-05-16",
                                        "US DoD Section 1260H list@2021-06-03",
                                        "UK designated vendor direction (Telecommunications (Security) Act 2021)@2022-10-13",
                                        "Germany 5G operator contracts (BMI, 2024)@2024-07-11",
                                        "Sweden PTS 5G licence conditions (2020)@2020-10-20",
                                        "EU Commission 5G Toolbox communication (2023)@2023-06-15"}));
  EXPECT_TRUE(v.overridden.empty());
  // The 1260H edition of 2026-06-08 is after the date asked.
  EXPECT_EQ(lists(v.not_in_force), Strings{"US DoD Section 1260H list@2026-06-08"});
  EXPECT_TRUE(v.ignored_unverified.empty());
  EXPECT_TRUE(v.notes.empty());

  // Before the first designation (Entity List, 2019-05-16) nothing is in force.
  StatusVerdict early = evaluate_status(reg, id_of(reg, "huawei"), at("2019-05-15"));
  EXPECT_EQ(early.status, Status::kUnknown);
  EXPECT_EQ(early.basis, StatusBasis::kNone);
  // Its own ten designations and the two 1260H designations of its (unverified) parent,
  // Huawei Investment & Holding, none of them in force yet.
  EXPECT_EQ(early.not_in_force.size(), 12u);
  // On the designation's own date it is in force.
  StatusVerdict on_day = evaluate_status(reg, id_of(reg, "huawei"), at("2019-05-16"));
  EXPECT_EQ(on_day.status, Status::kUntrusted);
  EXPECT_EQ(lists(on_day.deciding), Strings{"US Commerce Entity List@2019-05-16"});
  EXPECT_EQ(on_day.not_in_force.size(), 9u);
}

TEST(BundledStatus, ChinaTelecomAmericasOverTime) {
  const Registry& reg = bundled();
  OrganisationId cta = id_of(reg, "china-telecom-americas");

  StatusVerdict v2020 = evaluate_status(reg, cta, at("2020-01-01"));
  EXPECT_EQ(v2020.status, Status::kUnknown);
  EXPECT_EQ(v2020.basis, StatusBasis::kNone);
  EXPECT_EQ(chain_ids(reg, v2020), Strings{"china-telecom-americas"});
  // Its own three designations, its parent's four and its grandparent's two (China Telecom
  // Group, from the 1260H list's grouping; all from 2020-08-05 on) were looked at and found
  // not yet in force; prc-state has none.
  EXPECT_EQ(lists(v2020.not_in_force),
            (Strings{"Clean Network 2020 statement@2020-08-05",
                     "FCC 2021 revocation of China Telecom Americas section 214@2021-10-26",
                     "FCC Covered List@2022-03-25", "Clean Network 2020 statement@2020-08-05",
                     "Clean Network 2020 statement@2020-08-05", "US DoD Section 1260H list@2021-06-03",
                     "US DoD Section 1260H list@2026-06-08", "US DoD Section 1260H list@2024-01-31",
                     "US DoD Section 1260H list@2026-06-08"}));
  EXPECT_TRUE(v2020.deciding.empty());

  StatusVerdict v2021 = evaluate_status(reg, cta, at("2021-01-01"));
  EXPECT_EQ(v2021.status, Status::kUntrusted);
  EXPECT_EQ(v2021.basis, StatusBasis::kDesignation);
  EXPECT_TRUE(v2021.verified);
  EXPECT_EQ(chain_ids(reg, v2021), Strings{"china-telecom-americas"});
  EXPECT_EQ(lists(v2021.deciding), Strings{"Clean Network 2020 statement@2020-08-05"});
  EXPECT_EQ(lists(v2021.not_in_force), (Strings{"FCC 2021 revocation of China Telecom Americas section 214@2021-10-26",
                                                 "FCC Covered List@2022-03-25"}));

  StatusVerdict v2023 = evaluate_status(reg, cta, at("2023-01-01"));
  EXPECT_EQ(v2023.status, Status::kUntrusted);
  EXPECT_EQ(v2023.deciding.size(), 3u);
  EXPECT_TRUE(v2023.not_in_force.empty());
}

TEST(BundledStatus, SubsidiariesInherit) {
  const Registry& reg = bundled();
  // China Telecom Global: no designation of its own, unverified link to China Telecom.
  StatusVerdict ctg = evaluate_status(reg, id_of(reg, "china-telecom-global"), at("2021-01-01"));
  EXPECT_EQ(ctg.status, Status::kUntrusted);
  EXPECT_EQ(ctg.basis, StatusBasis::kInherited);
  EXPECT_EQ(chain_ids(reg, ctg), (Strings{"china-telecom-global", "china-telecom"}));
  EXPECT_EQ(lists(ctg.deciding),
            (Strings{"Clean Network 2020 statement@2020-08-05", "Clean Network 2020 statement@2020-08-05"}));
  EXPECT_FALSE(ctg.verified);
  EXPECT_EQ(ctg.notes, Strings{"ownership link china-telecom-global -> china-telecom is unverified"});

  // China Mobile International: the same, through China Mobile.
  StatusVerdict cmi = evaluate_status(reg, id_of(reg, "china-mobile-international"), at("2021-01-01"));
  EXPECT_EQ(cmi.status, Status::kUntrusted);
  EXPECT_EQ(cmi.basis, StatusBasis::kInherited);
  EXPECT_EQ(chain_ids(reg, cmi), (Strings{"china-mobile-international", "china-mobile"}));
  EXPECT_FALSE(cmi.verified);

  // Alibaba Cloud: a verified link to Alibaba, so the inherited verdict is verified.
  StatusVerdict ac = evaluate_status(reg, id_of(reg, "alibaba-cloud"), at("2021-01-01"));
  EXPECT_EQ(ac.status, Status::kUntrusted);
  EXPECT_EQ(ac.basis, StatusBasis::kInherited);
  EXPECT_EQ(chain_ids(reg, ac), (Strings{"alibaba-cloud", "alibaba"}));
  EXPECT_EQ(lists(ac.deciding), Strings{"Clean Network 2020 statement@2020-08-05"});
  EXPECT_TRUE(ac.verified);
  EXPECT_TRUE(ac.notes.empty());

  // Before the parent's designation, the subsidiary is unknown and its chain is itself.
  StatusVerdict ac_early = evaluate_status(reg, id_of(reg, "alibaba-cloud"), at("2020-08-04"));
  EXPECT_EQ(ac_early.status, Status::kUnknown);
  EXPECT_EQ(chain_ids(reg, ac_early), Strings{"alibaba-cloud"});
  EXPECT_EQ(lists(ac_early.not_in_force),
            (Strings{"Clean Network 2020 statement@2020-08-05", "US DoD Section 1260H list@2026-06-08"}));
}

TEST(BundledStatus, CleanTelcos) {
  const Registry& reg = bundled();
  StatusVerdict t = evaluate_status(reg, id_of(reg, "telstra"), at("2025-06-01"));
  EXPECT_EQ(t.status, Status::kTrusted);
  EXPECT_EQ(t.basis, StatusBasis::kDesignation);
  EXPECT_TRUE(t.verified);
  EXPECT_EQ(lists(t.deciding),
            (Strings{"Clean Network clean telco@2020-07-21", "Clean Network clean telco@2020-06-24"}));

  // SoftBank: one undated, unverified designation.
  OrganisationId sb = id_of(reg, "softbank");
  StatusVerdict s = evaluate_status(reg, sb, at("2025-06-01"));
  EXPECT_EQ(s.status, Status::kTrusted);
  EXPECT_EQ(s.basis, StatusBasis::kDesignation);
  EXPECT_FALSE(s.verified);
  EXPECT_EQ(lists(s.deciding), Strings{"Clean Network clean telco@undated"});
  EXPECT_EQ(s.notes, (Strings{"designation on \"Clean Network clean telco\" carries no date; taken as in force",
                              "every deciding designation is unverified (verified = false)"}));
  // Undated means in force at any date.
  EXPECT_EQ(evaluate_status(reg, sb, at("1990-01-01")).status, Status::kTrusted);

  StatusVerdict strict = evaluate_status(reg, sb, at("2025-06-01", true));
  EXPECT_EQ(strict.status, Status::kUnknown);
  EXPECT_EQ(strict.basis, StatusBasis::kNone);
  EXPECT_TRUE(strict.deciding.empty());
  EXPECT_EQ(lists(strict.ignored_unverified), Strings{"Clean Network clean telco@undated"});
  EXPECT_EQ(chain_ids(reg, strict), Strings{"softbank"});

  // ignore_unverified leaves verified designations alone.
  StatusVerdict t2 = evaluate_status(reg, id_of(reg, "telstra"), at("2025-06-01", true));
  EXPECT_EQ(t2.status, Status::kTrusted);
  EXPECT_TRUE(t2.ignored_unverified.empty());
}

TEST(BundledStatus, NoDesignationIsUnknown) {
  const Registry& reg = bundled();
  for (const char* id : {"ericsson", "nokia", "juniper", "subcom"}) {
    StatusVerdict v = evaluate_status(reg, id_of(reg, id), at("2025-06-01"));
    EXPECT_EQ(v.status, Status::kUnknown) << id;
    EXPECT_EQ(v.basis, StatusBasis::kNone) << id;
    EXPECT_TRUE(v.verified) << id;
    EXPECT_EQ(chain_ids(reg, v), Strings{id});
    EXPECT_TRUE(v.deciding.empty()) << id;
  }
}

constexpr const char* kNationalList = R"(schema = 1
[[list]]
name = "National list"
url = "https://example.org/list"
)";

TEST(LayeredStatus, UserLayerOverridesBundled) {
  Registry reg = build({{"mine.toml", std::string(kNationalList) + R"(
[[organisation]]
id = "huawei"
[[organisation.designation]]
list = "National list"
status = "trusted"
date = 2024-01-01
source_url = "https://example.org/list#hw"

[[organisation]]
id = "hw-sub"
name = "Huawei Test Subsidiary"
parent = "huawei"
)"}},
                       true);
  OrganisationId hw = id_of(reg, "huawei");
  StatusVerdict v = evaluate_status(reg, hw, at("2025-06-01"));
  EXPECT_EQ(v.status, Status::kTrusted);
  EXPECT_EQ(v.basis, StatusBasis::kDesignation);
  EXPECT_TRUE(v.verified);
  EXPECT_EQ(lists(v.deciding), Strings{"National list@2024-01-01"});
  EXPECT_EQ(v.deciding[0]->layer, 1u);
  // Every bundled designation in force on the date (the 1260H edition of 2026-06-08 is not).
  EXPECT_EQ(lists(v.overridden), (Strings{"FCC Covered List@2021-03-12", "Clean Network 2020 statement@2020-04-29",
                                          "Clean Network 2020 statement@2020-08-05", "US Commerce Entity List@2019-05-16",
                                          "US DoD Section 1260H list@2021-06-03",
                                          "UK designated vendor direction (Telecommunications (Security) Act 2021)@2022-10-13",
                                          "Germany 5G operator contracts (BMI, 2024)@2024-07-11",
                                          "Sweden PTS 5G licence conditions (2020)@2020-10-20",
                                          "EU Commission 5G Toolbox communication (2023)@2023-06-15"}));
  for (auto* d : v.overridden) EXPECT_EQ(d->layer, 0u);

  // Before the user's designation, the bundled ones decide again.
  StatusVerdict before = evaluate_status(reg, hw, at("2023-06-01"));
  EXPECT_EQ(before.status, Status::kUntrusted);
  EXPECT_TRUE(before.overridden.empty());
  EXPECT_EQ(lists(before.not_in_force),
            (Strings{"US DoD Section 1260H list@2026-06-08", "Germany 5G operator contracts (BMI, 2024)@2024-07-11",
                     "EU Commission 5G Toolbox communication (2023)@2023-06-15", "National list@2024-01-01"}));

  // A subsidiary with nothing of its own inherits the override.
  StatusVerdict sub = evaluate_status(reg, id_of(reg, "hw-sub"), at("2025-06-01"));
  EXPECT_EQ(sub.status, Status::kTrusted);
  EXPECT_EQ(sub.basis, StatusBasis::kInherited);
  EXPECT_EQ(chain_ids(reg, sub), (Strings{"hw-sub", "huawei"}));
  EXPECT_EQ(sub.overridden.size(), v.overridden.size());
  EXPECT_TRUE(sub.verified);  // parent_verified defaults to true

  // Huawei Cloud has a designation of its own, which wins over its parent's status.
  StatusVerdict cloud = evaluate_status(reg, id_of(reg, "huawei-cloud"), at("2025-06-01"));
  EXPECT_EQ(cloud.status, Status::kUntrusted);
  EXPECT_EQ(cloud.basis, StatusBasis::kDesignation);
}

TEST(LayeredStatus, UntrustedOutweighsTrustedInOneLayer) {
  Registry reg = build({{"mine.toml", std::string(kNationalList) + R"(
[[organisation]]
id = "telstra"
[[organisation.designation]]
list = "National list"
status = "untrusted"
date = 2024-01-01
source_url = "https://example.org/list#t"
[[organisation.designation]]
list = "National list"
status = "trusted"
date = 2024-02-01
source_url = "https://example.org/list#t2"
)"}},
                       true);
  StatusVerdict v = evaluate_status(reg, id_of(reg, "telstra"), at("2025-06-01"));
  EXPECT_EQ(v.status, Status::kUntrusted);
  EXPECT_EQ(lists(v.deciding), Strings{"National list@2024-01-01"});
  EXPECT_EQ(v.overridden.size(), 2u);  // the bundled clean-telco designations
  // Between the two dates only the untrusted one is in force; before both the bundled decide.
  EXPECT_EQ(evaluate_status(reg, id_of(reg, "telstra"), at("2024-01-15")).status, Status::kUntrusted);
  StatusVerdict old = evaluate_status(reg, id_of(reg, "telstra"), at("2023-01-01"));
  EXPECT_EQ(old.status, Status::kTrusted);
  EXPECT_EQ(old.not_in_force.size(), 2u);
}

TEST(LayeredStatus, UntilExpires) {
  Registry reg = build({{"mine.toml", std::string(kNationalList) + R"(
[[organisation]]
id = "acme"
name = "Acme Networks"
[[organisation.designation]]
list = "National list"
status = "untrusted"
date = 2020-01-01
until = 2022-01-01
source_url = "https://example.org/list#acme"
[[organisation.designation]]
list = "National list"
status = "trusted"
date = 2023-01-01
verified = false
)"}},
                       false);
  OrganisationId acme = id_of(reg, "acme");
  EXPECT_EQ(evaluate_status(reg, acme, at("2019-12-31")).status, Status::kUnknown);
  EXPECT_EQ(evaluate_status(reg, acme, at("2020-01-01")).status, Status::kUntrusted);
  EXPECT_EQ(evaluate_status(reg, acme, at("2021-12-31")).status, Status::kUntrusted);
  // `until` is the first day it no longer applies.
  StatusVerdict expired = evaluate_status(reg, acme, at("2022-01-01"));
  EXPECT_EQ(expired.status, Status::kUnknown);
  EXPECT_EQ(lists(expired.not_in_force), (Strings{"National list@2020-01-01", "National list@2023-01-01"}));
  StatusVerdict later = evaluate_status(reg, acme, at("2024-01-01"));
  EXPECT_EQ(later.status, Status::kTrusted);
  EXPECT_FALSE(later.verified);
  EXPECT_EQ(lists(later.not_in_force), Strings{"National list@2020-01-01"});
  EXPECT_EQ(evaluate_status(reg, acme, at("2024-01-01", true)).status, Status::kUnknown);
}

TEST(LayeredStatus, OneVerifiedDecidingDesignationSuffices) {
  // The verdict is unverified only when every deciding designation is (status.cc); an
  // unverified designation next to a verified one of the same status does not taint it.
  Registry reg = build({{"mine.toml", std::string(kNationalList) + R"(
[[organisation]]
id = "acme"
name = "Acme Networks"
[[organisation.designation]]
list = "National list"
status = "untrusted"
date = 2020-01-01
verified = false
[[organisation.designation]]
list = "National list"
status = "untrusted"
date = 2021-01-01
source_url = "https://example.org/list#acme"
)"}},
                       false);
  OrganisationId acme = id_of(reg, "acme");
  StatusVerdict both = evaluate_status(reg, acme, at("2022-01-01"));
  EXPECT_EQ(both.status, Status::kUntrusted);
  EXPECT_EQ(both.deciding.size(), 2u);
  EXPECT_TRUE(both.verified);
  EXPECT_TRUE(both.notes.empty());
  StatusVerdict only_unverified = evaluate_status(reg, acme, at("2020-06-01"));
  EXPECT_EQ(only_unverified.status, Status::kUntrusted);
  EXPECT_FALSE(only_unverified.verified);
  EXPECT_EQ(only_unverified.notes, Strings{"every deciding designation is unverified (verified = false)"});
}

// Holdings with shares and periods, hand-checked. jv is held 50/50 by huawei (untrusted)
// and ericsson-like "nordic" (trusted); sub is held 51% by huawei from 2021-01-01 to
// 2024-01-01 and 30% by nordic; deep is held 100% by sub.
TEST(LayeredStatus, OwnershipSharesPeriodsAndTheRule) {
  Registry reg = build({{"mine.toml", R"(schema = 1
[[list]]
name = "Mine"
[[organisation]]
id = "nordic"
name = "Nordic Vendor AB"
[[organisation.designation]]
list = "Mine"
status = "trusted"
date = 2015-01-01
source_url = "https://example.org/nordic"
[[organisation]]
id = "jv"
name = "Joint Venture Ltd"
[[organisation.owner]]
id = "huawei"
share = 50
[[organisation.owner]]
id = "nordic"
share = 50
[[organisation]]
id = "sub"
name = "Sub Ltd"
[[organisation.owner]]
id = "huawei"
share = 51
since = 2021-01-01
until = 2024-01-01
source_url = "https://example.org/sub-register"
[[organisation.owner]]
id = "nordic"
share = 30.5
[[organisation]]
id = "deep"
name = "Deep Ltd"
parent = "sub"
)"}},
                       true);
  // Majority (more than 50%): a 50% holding does not pass; jv stays unknown, with notes.
  StatusVerdict jv = evaluate_status(reg, id_of(reg, "jv"), at("2025-06-01"));
  EXPECT_EQ(jv.status, Status::kUnknown);
  EXPECT_EQ(jv.notes, (Strings{"huawei holds 50% of jv, less than majority control (more than 50%); not inherited",
                               "nordic holds 50% of jv, less than majority control (more than 50%); not inherited"}));
  // At least 50%: both pass at the same distance, and the least trusted decides.
  StatusOptions fifty = at("2025-06-01");
  fifty.ownership = *OwnershipRule::parse("50%");
  StatusVerdict jv50 = evaluate_status(reg, id_of(reg, "jv"), fifty);
  EXPECT_EQ(jv50.status, Status::kUntrusted);
  EXPECT_EQ(jv50.basis, StatusBasis::kInherited);
  EXPECT_EQ(chain_ids(reg, jv50), (Strings{"jv", "huawei"}));
  ASSERT_EQ(jv50.links.size(), 1u);
  EXPECT_EQ(jv50.links[0]->share_text(), "50%");
  EXPECT_EQ(jv50.notes.back(), "also owned, as closely, by nordic (trusted); the least trusted decides");

  // sub: huawei's 51% is in force in 2022 only.
  StatusVerdict sub22 = evaluate_status(reg, id_of(reg, "sub"), at("2022-06-01"));
  EXPECT_EQ(sub22.status, Status::kUntrusted);
  EXPECT_EQ(chain_ids(reg, sub22), (Strings{"sub", "huawei"}));
  StatusVerdict sub25 = evaluate_status(reg, id_of(reg, "sub"), at("2025-06-01"));
  EXPECT_EQ(sub25.status, Status::kUnknown);
  EXPECT_EQ(sub25.notes,
            (Strings{"holding of sub by huawei (51%) is not in force on 2025-06-01; not inherited",
                     "nordic holds 30.5% of sub, less than majority control (more than 50%); not inherited"}));
  StatusVerdict sub20 = evaluate_status(reg, id_of(reg, "sub"), at("2020-12-31"));
  EXPECT_EQ(sub20.status, Status::kUnknown);
  // "any": nordic's 30.5% passes too; in 2025 it alone decides.
  StatusOptions any = at("2025-06-01");
  any.ownership = *OwnershipRule::parse("any");
  EXPECT_EQ(evaluate_status(reg, id_of(reg, "sub"), any).status, Status::kTrusted);

  // deep, two holdings up: the chain shows both, with their shares.
  StatusVerdict deep = evaluate_status(reg, id_of(reg, "deep"), at("2022-06-01"));
  EXPECT_EQ(deep.status, Status::kUntrusted);
  EXPECT_EQ(chain_ids(reg, deep), (Strings{"deep", "sub", "huawei"}));
  ASSERT_EQ(deep.links.size(), 2u);
  EXPECT_EQ(deep.links[0]->share_text(), "control, share not stated");
  EXPECT_EQ(deep.links[1]->share_text(), "51%");
  EXPECT_EQ(deep.links[1]->source_url, "https://example.org/sub-register");
}

// A later layer replaces a holding by the same owner and a `parent`; one table may not name
// the same owner twice.
TEST(LayeredStatus, OwnershipAcrossLayers) {
  Registry reg = build({{"a.toml", R"(schema = 1
[[organisation]]
id = "sub"
name = "Sub Ltd"
parent = "huawei"
[[organisation.owner]]
id = "zte"
share = 60
)"},
                        {"b.toml", R"(schema = 1
[[organisation]]
id = "sub"
parent = "ericsson"
[[organisation.owner]]
id = "zte"
share = 10
until = 2020-01-01
)"}},
                       true);
  const Organisation& sub = reg.org(id_of(reg, "sub"));
  ASSERT_EQ(sub.owners.size(), 2u);
  EXPECT_EQ(sub.owners[0].owner, "ericsson");
  EXPECT_TRUE(sub.owners[0].stated_as_parent);
  EXPECT_EQ(sub.owners[1].owner, "zte");
  EXPECT_EQ(*sub.owners[1].share, 10);
  EXPECT_EQ(sub.owners[1].layer, 2u);

  RegistryBuilder b;
  auto errs = b.add_layer("dup.toml", R"(schema = 1
[[organisation]]
id = "x"
name = "X"
[[organisation]]
id = "y"
name = "Y"
parent = "x"
[[organisation.owner]]
id = "x"
share = 20
)");
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0].message(),
            "dup.toml:9:1: expected each owner once per organisation (\"x\" first at dup.toml:8:10), found \"x\"");
}

TEST(LayeredStatus, UnverifiedOwnershipLinks) {
  Registry reg = build({{"mine.toml", R"(schema = 1
[[organisation]]
id = "sub-a"
name = "Sub A"
parent = "huawei"
parent_verified = false
[[organisation]]
id = "sub-b"
name = "Sub B"
parent = "sub-a"
[[organisation]]
id = "sub-c"
name = "Sub C"
parent = "huawei"
parent_verified = true
)"}},
                       true);
  StatusVerdict a = evaluate_status(reg, id_of(reg, "sub-a"), at("2025-06-01"));
  EXPECT_EQ(a.status, Status::kUntrusted);
  EXPECT_EQ(a.basis, StatusBasis::kInherited);
  EXPECT_FALSE(a.verified);
  EXPECT_EQ(a.notes, Strings{"ownership link sub-a -> huawei is unverified"});

  // Two links: the verified sub-b -> sub-a and the unverified sub-a -> huawei.
  StatusVerdict b = evaluate_status(reg, id_of(reg, "sub-b"), at("2025-06-01"));
  EXPECT_EQ(b.status, Status::kUntrusted);
  EXPECT_EQ(chain_ids(reg, b), (Strings{"sub-b", "sub-a", "huawei"}));
  EXPECT_FALSE(b.verified);
  EXPECT_EQ(b.notes, Strings{"ownership link sub-a -> huawei is unverified"});

  StatusVerdict c = evaluate_status(reg, id_of(reg, "sub-c"), at("2025-06-01"));
  EXPECT_EQ(c.status, Status::kUntrusted);
  EXPECT_TRUE(c.verified);
  EXPECT_TRUE(c.notes.empty());

  // A later layer can mark a link unverified.
  Registry reg2 = build({{"mine.toml", R"(schema = 1
[[organisation]]
id = "alibaba-cloud"
parent_verified = false
)"}},
                        true);
  StatusVerdict ac = evaluate_status(reg2, id_of(reg2, "alibaba-cloud"), at("2025-06-01"));
  EXPECT_EQ(ac.basis, StatusBasis::kInherited);
  EXPECT_FALSE(ac.verified);
}

// A registry of its own, so that the decisive criteria are exactly these.
constexpr const char* kCriteria = R"(schema = 1
[[list]]
name = "National list"
url = "https://example.org/list"
[[criterion]]
id = "D-READ"
framework = "Prague Proposals"
text = "Decisive, read"
basis = "read"
decisive = true
[[criterion]]
id = "D-READ-2"
framework = "Prague Proposals"
text = "Decisive, read"
basis = "read"
decisive = true
[[criterion]]
id = "N-SUMMARY"
framework = "CSIS"
text = "Not decisive"
basis = "summary"
decisive = false
)";

std::string org_with(const std::string& id, const std::vector<std::pair<const char*, const char*>>& results,
                     const std::string& extra = "") {
  std::string s = "\n[[organisation]]\nid = \"" + id + "\"\nname = \"Org " + id + "\"\n" + extra;
  for (auto& [c, r] : results)
    s += "[[organisation.assessment]]\ncriterion = \"" + std::string(c) + "\"\nresult = \"" + r + "\"\n";
  return s;
}

std::vector<std::string> criteria_of(const StatusVerdict& v) {
  std::vector<std::string> out;
  for (auto* a : v.assessments) out.push_back(a->criterion + "=" + criterion_result_name(a->result));
  return out;
}

TEST(CriteriaStatus, DecisiveCriteriaDecide) {
  std::string text = kCriteria;
  text += org_with("all-met", {{"D-READ", "met"}, {"D-READ-2", "met"}, {"N-SUMMARY", "not-met"}});
  text += org_with("one-not-met", {{"D-READ", "not-met"}, {"D-READ-2", "met"}});
  text += org_with("partial", {{"D-READ", "met"}});
  text += org_with("unknown-result", {{"D-READ", "met"}, {"D-READ-2", "unknown"}});
  text += org_with("nondecisive-only", {{"N-SUMMARY", "not-met"}});
  text += org_with("designated", {{"D-READ", "met"}, {"D-READ-2", "met"}}, "");
  text += R"([[organisation.designation]]
list = "National list"
status = "untrusted"
date = 2020-01-01
source_url = "https://example.org/list#d"
)";
  text += org_with("child", {}, "parent = \"one-not-met\"\n");
  Registry reg = build({{"criteria.toml", text}}, false);
  auto opt = at("2025-01-01");

  StatusVerdict all = evaluate_status(reg, id_of(reg, "all-met"), opt);
  EXPECT_EQ(all.status, Status::kTrusted);
  EXPECT_EQ(all.basis, StatusBasis::kCriteria);
  EXPECT_TRUE(all.verified);
  EXPECT_EQ(criteria_of(all), (Strings{"D-READ=met", "D-READ-2=met"}));  // the non-decisive one does not count

  StatusVerdict nm = evaluate_status(reg, id_of(reg, "one-not-met"), opt);
  EXPECT_EQ(nm.status, Status::kUntrusted);
  EXPECT_EQ(nm.basis, StatusBasis::kCriteria);
  EXPECT_TRUE(nm.verified);
  EXPECT_EQ(criteria_of(nm), Strings{"D-READ=not-met"});
  EXPECT_EQ(chain_ids(reg, nm), Strings{"one-not-met"});

  for (const char* id : {"partial", "unknown-result", "nondecisive-only"}) {
    StatusVerdict v = evaluate_status(reg, id_of(reg, id), opt);
    EXPECT_EQ(v.status, Status::kUnknown) << id;
    EXPECT_EQ(v.basis, StatusBasis::kNone) << id;
    EXPECT_TRUE(v.assessments.empty()) << id;
  }

  // A designation in force wins over the criteria.
  StatusVerdict d = evaluate_status(reg, id_of(reg, "designated"), opt);
  EXPECT_EQ(d.status, Status::kUntrusted);
  EXPECT_EQ(d.basis, StatusBasis::kDesignation);
  EXPECT_TRUE(d.assessments.empty());
  // ... but not before it is in force.
  StatusVerdict d_early = evaluate_status(reg, id_of(reg, "designated"), at("2019-01-01"));
  EXPECT_EQ(d_early.status, Status::kTrusted);
  EXPECT_EQ(d_early.basis, StatusBasis::kCriteria);

  // Criteria are the organisation's own: they are not inherited through ownership.
  StatusVerdict child = evaluate_status(reg, id_of(reg, "child"), opt);
  EXPECT_EQ(child.status, Status::kUnknown);
  EXPECT_EQ(child.basis, StatusBasis::kNone);
}

TEST(CriteriaStatus, LatestResultCounts) {
  std::string text = kCriteria;
  text += R"(
[[organisation]]
id = "changed"
name = "Changed"
[[organisation.assessment]]
criterion = "D-READ"
result = "met"
date = 2021-01-01
[[organisation.assessment]]
criterion = "D-READ"
result = "not-met"
date = 2020-01-01
[[organisation.assessment]]
criterion = "D-READ-2"
result = "met"
)";
  Registry reg = build({{"criteria.toml", text}}, false);
  StatusVerdict v = evaluate_status(reg, id_of(reg, "changed"), at("2025-01-01"));
  EXPECT_EQ(v.status, Status::kTrusted);  // the 2021 "met" is newer than the 2020 "not-met"
  ASSERT_EQ(v.assessments.size(), 2u);
  EXPECT_EQ(v.assessments[0]->date, date("2021-01-01"));

  // A later layer's result replaces an earlier layer's, whatever the dates.
  Registry reg2 = build({{"criteria.toml", text}, {"mine.toml", R"(schema = 1
[[organisation]]
id = "changed"
[[organisation.assessment]]
criterion = "D-READ"
result = "not-met"
date = 2019-01-01
)"}},
                        false);
  StatusVerdict v2 = evaluate_status(reg2, id_of(reg2, "changed"), at("2025-01-01"));
  EXPECT_EQ(v2.status, Status::kUntrusted);
  ASSERT_EQ(v2.assessments.size(), 1u);
  EXPECT_EQ(v2.assessments[0]->layer, 1u);
}

TEST(CriteriaStatus, UnreadCriteriaMakeTheVerdictUnverified) {
  std::string text = R"(schema = 1
[[criterion]]
id = "D-READ"
framework = "Prague Proposals"
text = "Decisive, read"
basis = "read"
decisive = true
[[criterion]]
id = "D-SUMMARY"
framework = "CSIS"
text = "Decisive, from a summary"
basis = "summary"
decisive = true
)";
  text += org_with("all-met", {{"D-READ", "met"}, {"D-SUMMARY", "met"}});
  text += org_with("summary-not-met", {{"D-READ", "met"}, {"D-SUMMARY", "not-met"}});
  text += org_with("read-not-met", {{"D-READ", "not-met"}, {"D-SUMMARY", "met"}});
  Registry reg = build({{"criteria.toml", text}}, false);
  auto opt = at("2025-01-01");

  StatusVerdict all = evaluate_status(reg, id_of(reg, "all-met"), opt);
  EXPECT_EQ(all.status, Status::kTrusted);
  EXPECT_FALSE(all.verified);
  EXPECT_EQ(all.notes, Strings{"criterion D-SUMMARY rests on a summary of its source, not its text"});

  StatusVerdict s = evaluate_status(reg, id_of(reg, "summary-not-met"), opt);
  EXPECT_EQ(s.status, Status::kUntrusted);
  EXPECT_FALSE(s.verified);

  // Only the deciding (not-met) assessment matters for an untrusted verdict.
  StatusVerdict r = evaluate_status(reg, id_of(reg, "read-not-met"), opt);
  EXPECT_EQ(r.status, Status::kUntrusted);
  EXPECT_TRUE(r.verified);
  EXPECT_EQ(criteria_of(r), Strings{"D-READ=not-met"});
}

TEST(CriteriaStatus, BundledDecisiveCriteria) {
  // In the bundled registry PRAGUE-4 (read), CSIS-2 (summary) and EU-RISK-a/b/c (recall)
  // are decisive: a not-met PRAGUE-4 alone decides untrusted, verified.
  Registry reg = build({{"mine.toml", R"(schema = 1
[[organisation]]
id = "vendor-x"
name = "Vendor X"
[[organisation.assessment]]
criterion = "PRAGUE-4"
result = "not-met"
date = 2024-05-01
[[organisation]]
id = "vendor-y"
name = "Vendor Y"
[[organisation.assessment]]
criterion = "PRAGUE-4"
result = "met"
[[organisation.assessment]]
criterion = "CSIS-2"
result = "met"
[[organisation.assessment]]
criterion = "EU-RISK-a"
result = "met"
[[organisation.assessment]]
criterion = "EU-RISK-b"
result = "met"
[[organisation.assessment]]
criterion = "EU-RISK-c"
result = "met"
[[organisation]]
id = "vendor-z"
name = "Vendor Z"
[[organisation.assessment]]
criterion = "PRAGUE-4"
result = "met"
)"}},
                       true);
  auto opt = at("2025-01-01");
  StatusVerdict x = evaluate_status(reg, id_of(reg, "vendor-x"), opt);
  EXPECT_EQ(x.status, Status::kUntrusted);
  EXPECT_EQ(x.basis, StatusBasis::kCriteria);
  EXPECT_TRUE(x.verified);
  StatusVerdict y = evaluate_status(reg, id_of(reg, "vendor-y"), opt);
  EXPECT_EQ(y.status, Status::kTrusted);
  EXPECT_FALSE(y.verified);  // CSIS-2 is a summary, EU-RISK-* are recalled
  EXPECT_EQ(y.notes.size(), 4u);
  EXPECT_EQ(evaluate_status(reg, id_of(reg, "vendor-z"), opt).status, Status::kUnknown);
}

// ---------------------------------------------------------------------------------------
// Randomised comparison with a reimplementation of the rules in status.h.

struct Expected {
  Status status = Status::kUnknown;
  bool verified = true;
  StatusBasis basis = StatusBasis::kNone;
  std::vector<OrganisationId> chain;
  std::vector<const Designation*> deciding, overridden, not_in_force, ignored;
  std::vector<const Assessment*> assessments;
};

// The rules, written out: the organisation's own designations in force (undated = always
// in force; `until` excluded) decide if there are any: the newest layer among them, untrusted
// beating trusted within it, verified if a deciding designation is verified. Otherwise the
// owners at the smallest number of passing holdings (in force on the date, share passing
// the rule, no share = control) that have designations in force decide the same way: the
// least trusted, then the lowest index; the chain goes back down choosing, at each distance,
// the lowest-index holder; verified also needs every holding crossed verified. Otherwise
// the organisation's own latest assessments (newest layer, then latest date) against the
// decisive criteria; otherwise unknown.
Expected oracle(const Registry& reg, OrganisationId org, const StatusOptions& opt) {
  Expected e;
  auto in_force = [&](const Designation& d) {
    bool started = !d.date || d.date->days() <= opt.as_of.days();
    bool ended = d.until && d.until->days() <= opt.as_of.days();
    return started && !ended;
  };
  auto passes = [&](const Ownership& w) {
    bool started = !w.since || w.since->days() <= opt.as_of.days();
    bool ended = w.until && w.until->days() <= opt.as_of.days();
    bool share = !w.share || (opt.ownership.inclusive ? *w.share >= opt.ownership.min_share
                                                      : *w.share > opt.ownership.min_share);
    return w.owner_id.valid() && started && !ended && share;
  };
  // One organisation's own designations: decided or not, into `x`.
  auto own = [&](OrganisationId id, Expected& x) {
    std::vector<const Designation*> counted;
    for (const auto& d : reg.org(id).designations) {
      if (!in_force(d)) x.not_in_force.push_back(&d);
      else if (opt.ignore_unverified && !d.verified) x.ignored.push_back(&d);
      else counted.push_back(&d);
    }
    if (counted.empty()) return false;
    uint32_t newest = 0;
    for (auto* d : counted) newest = std::max(newest, d->layer);
    bool any_untrusted = false;
    for (auto* d : counted)
      if (d->layer == newest && d->status == Status::kUntrusted) any_untrusted = true;
    x.status = any_untrusted ? Status::kUntrusted : Status::kTrusted;
    bool any_verified = false;
    for (auto* d : counted) {
      if (d->layer < newest) x.overridden.push_back(d);
      else if (d->status == x.status) x.deciding.push_back(d), any_verified |= d->verified;
    }
    x.verified = any_verified;
    return true;
  };
  e.chain = {org};
  if (own(org, e)) {
    e.basis = StatusBasis::kDesignation;
    return e;
  }
  const size_t n = reg.organisations().size();
  constexpr size_t kFar = ~size_t{0};
  std::vector<size_t> dist(n, kFar);
  dist[org.value()] = 0;
  for (size_t round = 0; round < n; ++round)
    for (size_t y = 0; y < n; ++y)
      if (dist[y] != kFar)
        for (const auto& w : reg.org(OrganisationId{static_cast<uint32_t>(y)}).owners)
          if (passes(w)) dist[w.owner_id.value()] = std::min(dist[w.owner_id.value()], dist[y] + 1);
  std::optional<Expected> best;
  size_t best_x = 0;
  for (size_t x = 0; x < n; ++x) {
    if (x == org.value() || dist[x] == kFar) continue;
    Expected c;
    if (!own(OrganisationId{static_cast<uint32_t>(x)}, c)) continue;
    bool better = !best || dist[x] < dist[best_x] ||
                  (dist[x] == dist[best_x] && distrust_rank(c.status) > distrust_rank(best->status));
    if (better) best = c, best_x = x;
  }
  // Designations not in force or ignored: the subject's, and those of every owner that does
  // not decide at the deciding distance or nearer (all reached owners when none decides).
  for (size_t x = 0; x < n; ++x) {
    if (x == org.value() || dist[x] == kFar || (best && dist[x] > dist[best_x])) continue;
    Expected c;
    if (!own(OrganisationId{static_cast<uint32_t>(x)}, c)) {
      e.not_in_force.insert(e.not_in_force.end(), c.not_in_force.begin(), c.not_in_force.end());
      e.ignored.insert(e.ignored.end(), c.ignored.begin(), c.ignored.end());
    }
  }
  if (best) {
    Expected r = *best;
    r.basis = StatusBasis::kInherited;
    r.not_in_force.insert(r.not_in_force.end(), e.not_in_force.begin(), e.not_in_force.end());
    r.ignored.insert(r.ignored.end(), e.ignored.begin(), e.ignored.end());
    r.chain = {OrganisationId{static_cast<uint32_t>(best_x)}};
    for (size_t k = dist[best_x]; k-- > 0;) {
      for (size_t y = 0; y < n; ++y) {
        if (dist[y] != k) continue;
        const Ownership* link = nullptr;
        for (const auto& w : reg.org(OrganisationId{static_cast<uint32_t>(y)}).owners)
          if (w.owner_id == r.chain.back() && passes(w)) link = &w;
        if (!link) continue;
        r.verified &= link->verified;
        r.chain.push_back(OrganisationId{static_cast<uint32_t>(y)});
        break;
      }
    }
    std::reverse(r.chain.begin(), r.chain.end());
    return r;
  }
  e.chain = {org};
  const Organisation& o = reg.org(org);
  // Latest assessment per criterion: sort by (layer, date), stable, keep the last.
  std::vector<const Assessment*> sorted;
  for (const auto& a : o.assessments) sorted.push_back(&a);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Assessment* a, const Assessment* b) {
    if (a->layer != b->layer) return a->layer < b->layer;
    return a->date < b->date;
  });
  std::map<std::string, const Assessment*> latest;
  for (auto* a : sorted) latest[a->criterion] = a;
  std::vector<const Assessment*> not_met, met;
  size_t decisive = 0;
  for (const auto& c : reg.criteria()) {
    if (!c.decisive) continue;
    ++decisive;
    auto it = latest.find(c.id);
    if (it == latest.end()) continue;
    if (it->second->result == CriterionResult::kNotMet) not_met.push_back(it->second);
    if (it->second->result == CriterionResult::kMet) met.push_back(it->second);
  }
  if (!not_met.empty()) {
    e.status = Status::kUntrusted;
    e.assessments = not_met;
  } else if (decisive > 0 && met.size() == decisive) {
    e.status = Status::kTrusted;
    e.assessments = met;
  } else {
    return e;
  }
  e.basis = StatusBasis::kCriteria;
  for (auto* a : e.assessments) e.verified &= reg.find_criterion(a->criterion)->basis == "read";
  return e;
}

template <typename T>
std::vector<T> sorted(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(StatusOracle, RandomForestsAgree) {
  auto t0 = std::chrono::steady_clock::now();
  std::mt19937_64 rng(20240501);
  auto u = [&](uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng); };
  auto p = [&](double x) { return std::uniform_real_distribution<double>(0, 1)(rng) < x; };
  auto rand_date = [&]() {
    auto d = core::Date::from_ymd(2017 + static_cast<int>(u(8)), 1 + static_cast<int>(u(12)), 1 + static_cast<int>(u(28)));
    return *d;
  };
  static const char* kBasis[] = {"read", "summary", "recall", "placeholder"};
  static const char* kResult[] = {"met", "not-met", "unknown"};

  size_t cases = 0, mismatches = 0;
  std::map<std::string, size_t> seen;
  for (int world = 0; world < 400; ++world) {
    size_t n_layers = 1 + u(3), n_orgs = 3 + u(10), n_crit = 1 + u(4);
    std::vector<std::ostringstream> layers(n_layers);
    for (auto& l : layers) l << "schema = 1\n";
    layers[0] << "[[list]]\nname = \"L1\"\n[[list]]\nname = \"L2\"\n";
    for (size_t c = 0; c < n_crit; ++c)
      layers[0] << "[[criterion]]\nid = \"C" << c << "\"\nframework = \"Prague Proposals\"\ntext = \"t\"\nbasis = \""
                << kBasis[u(4)] << "\"\ndecisive = " << (p(0.6) ? "true" : "false") << "\n";
    // Organisation i is defined in layer def[i]; its parent has a smaller index (a forest).
    std::vector<size_t> def(n_orgs);
    std::vector<std::vector<std::string>> blocks(n_layers);
    std::vector<std::string> owner_blocks;  // written after the organisation's other tables
    for (size_t i = 0; i < n_orgs; ++i) {
      def[i] = u(n_layers);
      for (size_t l = def[i]; l < n_layers; ++l) {
        if (l != def[i] && !p(0.5)) continue;
        std::ostringstream b;
        b << "\n[[organisation]]\nid = \"o" << i << "\"\n";
        // Owners have smaller indexes (acyclic): a parent in the defining layer, holdings
        // with shares and periods in any layer (a later one replaces the same owner's).
        std::vector<size_t> owners_here;
        if (l == def[i]) {
          b << "name = \"Org " << i << "\"\n";
          if (i > 0 && p(0.6)) {
            owners_here.push_back(u(i));
            b << "parent = \"o" << owners_here.back() << "\"\n";
            if (p(0.3)) b << "parent_verified = " << (p(0.5) ? "true" : "false") << "\n";
          }
        }
        for (size_t k = 0, nh = i > 0 && p(0.4) ? 1 + u(2) : 0; k < nh; ++k) {
          size_t owner = u(i);
          if (std::find(owners_here.begin(), owners_here.end(), owner) != owners_here.end()) continue;
          owners_here.push_back(owner);
          owner_blocks.push_back("[[organisation.owner]]\nid = \"o" + std::to_string(owner) + "\"\n");
          std::string& h = owner_blocks.back();
          static const char* kShares[] = {"10", "25", "49.9", "50", "50.01", "51", "75", "100"};
          if (p(0.8)) h += std::string("share = ") + kShares[u(8)] + "\n";
          std::optional<core::Date> since;
          if (p(0.3)) since = rand_date(), h += "since = " + since->to_string() + "\n";
          if (p(0.3)) {
            core::Date until = rand_date();
            if (!since || *since < until) h += "until = " + until.to_string() + "\n";
          }
          if (p(0.2)) h += "verified = false\n";
        }
        size_t nd = u(p(0.5) ? 2 : 4);
        for (size_t k = 0; k < nd; ++k) {
          b << "[[organisation.designation]]\nlist = \"" << (p(0.5) ? "L1" : "L2") << "\"\nstatus = \""
            << (p(0.5) ? "trusted" : "untrusted") << "\"\n";
          std::optional<core::Date> d;
          if (p(0.8)) {
            d = rand_date();
            b << "date = " << d->to_string() << "\n";
          }
          if (p(0.25)) {
            core::Date un = rand_date();
            if (!d || *d < un) b << "until = " << un.to_string() << "\n";
          }
          b << "source_url = \"https://example.org/" << k << "\"\n";
          if (p(0.3)) b << "verified = false\n";
        }
        size_t na = p(0.6) ? 0 : u(4);
        for (size_t k = 0; k < na; ++k) {
          b << "[[organisation.assessment]]\ncriterion = \"C" << u(n_crit) << "\"\nresult = \"" << kResult[u(3)] << "\"\n";
          if (p(0.6)) b << "date = " << rand_date().to_string() << "\n";
        }
        for (const auto& h : owner_blocks) b << h;
        owner_blocks.clear();
        blocks[l].push_back(b.str());
      }
    }
    RegistryBuilder builder;
    bool ok = true;
    for (size_t l = 0; l < n_layers; ++l) {
      for (auto& b : blocks[l]) layers[l] << b;
      auto errs = builder.add_layer("layer" + std::to_string(l) + ".toml", layers[l].str());
      for (auto& e : errs) ADD_FAILURE() << e.message() << "\n" << layers[l].str();
      ok &= errs.empty();
    }
    auto fin = builder.finish();
    for (auto& e : fin) ADD_FAILURE() << e.message();
    ASSERT_TRUE(ok && fin.empty());
    Registry reg = builder.take();
    ASSERT_EQ(reg.organisations().size(), n_orgs);

    for (int q = 0; q < 8; ++q) {
      OrganisationId org{static_cast<uint32_t>(u(n_orgs))};
      StatusOptions opt;
      opt.as_of = rand_date();
      opt.ignore_unverified = p(0.3);
      static const char* kRules[] = {"majority", "majority", "any", "25%", "50%", "75%"};
      opt.ownership = *OwnershipRule::parse(kRules[u(6)]);
      StatusVerdict v = evaluate_status(reg, org, opt);
      Expected e = oracle(reg, org, opt);
      ++cases;
      ++seen[std::string(status_name(e.status)) + "/" + status_basis_name(e.basis) + (e.verified ? "" : "/unverified")];
      bool same = v.status == e.status && v.verified == e.verified && v.basis == e.basis && v.chain == e.chain &&
                  sorted(v.deciding) == sorted(e.deciding) && sorted(v.overridden) == sorted(e.overridden) &&
                  sorted(v.not_in_force) == sorted(e.not_in_force) &&
                  sorted(v.ignored_unverified) == sorted(e.ignored) && sorted(v.assessments) == sorted(e.assessments);
      if (!same && ++mismatches <= 10) {
        std::ostringstream all;
        for (auto& l : layers) all << l.str() << "\n----\n";
        ADD_FAILURE() << "o" << org.value() << " as of " << opt.as_of.to_string() << " ignore_unverified "
                      << opt.ignore_unverified << ": got " << status_name(v.status) << "/"
                      << status_basis_name(v.basis) << " verified " << v.verified << " chain " << v.chain.size()
                      << " deciding " << v.deciding.size() << ", expected " << status_name(e.status) << "/"
                      << status_basis_name(e.basis) << " verified " << e.verified << " chain " << e.chain.size()
                      << " deciding " << e.deciding.size() << "\n"
                      << all.str();
      }
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "[ oracle   ] " << cases << " status cases in " << secs << " s\n";
  for (const auto& [k, n] : seen) std::cout << "[ oracle   ]   " << k << ": " << n << "\n";
  EXPECT_EQ(mismatches, 0u);
  EXPECT_GE(cases, 2000u);
  for (const char* k : {"untrusted/designation", "trusted/designation", "untrusted/inherited", "trusted/inherited",
                        "unknown/none", "untrusted/criteria", "untrusted/designation/unverified",
                        "trusted/inherited/unverified"})
    EXPECT_GE(seen[k], 20u) << k;
  EXPECT_GE(seen["trusted/criteria"] + seen["trusted/criteria/unverified"], 5u);
}

}  // namespace
}  // namespace cleannet::trust
