#include "cleannet/registry/diff.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace cleannet::registry {
namespace {

trust::Registry layer(const std::string& toml) {
  trust::RegistryBuilder b;
  auto errs = b.add_layer("test.toml", toml);
  EXPECT_TRUE(errs.empty()) << (errs.empty() ? "" : errs[0].message());
  auto fin = b.finish();
  EXPECT_TRUE(fin.empty()) << (fin.empty() ? "" : fin[0].message());
  return b.take();
}

const char* kLists = R"(schema = 1
[[list]]
name = "L1"
issuer = "i"
url = "https://example.org/l1"
description = "d"
[[list]]
name = "L2"
issuer = "i"
url = "https://example.org/l2"
description = "d"
)";

trust::StatusOptions as_of(const char* date) {
  trust::StatusOptions o;
  o.as_of = *core::Date::parse(date);
  return o;
}

// Hand-checked: one organisation added, one removed, one with a new alias and ASN, a
// designation ended (until), one added on a new edition date; statuses as of 2024-06-01.
TEST(RegistryDiff, HandCheckedCase) {
  trust::Registry before = layer(std::string(kLists) + R"(
[[organisation]]
id = "acme"
name = "Acme"
aliases = ["ACME Corp"]
[organisation.identifiers]
asns = [64500]
[[organisation.designation]]
list = "L1"
status = "untrusted"
date = 2020-08-06
source_url = "https://example.org/a"
quote = "q"

[[organisation]]
id = "gone"
name = "Gone Ltd"
)");
  trust::Registry after = layer(std::string(kLists) + R"(
[[organisation]]
id = "acme"
name = "Acme"
aliases = ["ACME Corp", "Acme Inc"]
[organisation.identifiers]
asns = [64500, 64501]
[[organisation.designation]]
list = "L1"
status = "untrusted"
date = 2020-08-06
until = 2021-06-09
source_url = "https://example.org/a"
quote = "q"
[[organisation.designation]]
list = "L2"
status = "untrusted"
date = 2026-06-08
source_url = "https://example.org/b"
quote = "r"

[[organisation]]
id = "newco"
name = "NewCo"
[[organisation.designation]]
list = "L2"
status = "untrusted"
date = 2024-01-31
source_url = "https://example.org/c"
quote = "s"
)");
  RegistryDiff d = diff(before, after, as_of("2024-06-01"));
  ASSERT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.added[0].id, "newco");
  ASSERT_EQ(d.added[0].designations_added.size(), 1u);
  EXPECT_EQ(d.added[0].designations_added[0].date, "2024-01-31");
  ASSERT_EQ(d.removed.size(), 1u);
  EXPECT_EQ(d.removed[0].id, "gone");
  ASSERT_EQ(d.changed.size(), 1u);
  const OrganisationChange& c = d.changed[0];
  EXPECT_EQ(c.id, "acme");
  ASSERT_EQ(c.fields.size(), 2u);
  EXPECT_EQ(c.fields[0].field, "aliases");
  EXPECT_EQ(c.fields[0].added, std::vector<std::string>{"Acme Inc"});
  EXPECT_EQ(c.fields[1].field, "asns");
  EXPECT_EQ(c.fields[1].added, std::vector<std::string>{"AS64501"});
  ASSERT_EQ(c.designations_changed.size(), 1u);
  EXPECT_EQ(c.designations_changed[0].fields, std::vector<std::string>{"until"});
  EXPECT_EQ(c.designations_changed[0].after.until, "2021-06-09");
  ASSERT_EQ(c.designations_added.size(), 1u);
  EXPECT_EQ(c.designations_added[0].list, "L2");
  EXPECT_TRUE(c.designations_removed.empty());
  // As of 2024-06-01: acme's L1 designation has ended and L2's is not yet in force
  // (untrusted -> unknown); newco is new and untrusted; gone is absent.
  ASSERT_EQ(d.status.size(), 3u);
  EXPECT_EQ(d.status[0].id, "acme");
  EXPECT_EQ(d.status[0].before, "untrusted");
  EXPECT_EQ(d.status[0].after, "unknown");
  EXPECT_EQ(d.status[1].id, "gone");
  EXPECT_EQ(d.status[1].after, "absent");
  EXPECT_EQ(d.status[2].id, "newco");
  EXPECT_EQ(d.status[2].before, "absent");
  EXPECT_EQ(d.status[2].after, "untrusted");
  EXPECT_EQ(diff_text(d),
            "+ newco (NewCo)\n"
            "    + designation L2 untrusted 2024-01-31\n"
            "- gone (Gone Ltd)\n"
            "~ acme (Acme)\n"
            "    + aliases Acme Inc\n"
            "    + asns AS64501\n"
            "    + designation L2 untrusted 2026-06-08\n"
            "    ~ designation L1 untrusted 2020-08-06: until changed (until none -> 2021-06-09)\n"
            "status as of 2024-06-01:\n"
            "  acme (Acme): untrusted -> unknown\n"
            "  gone (Gone Ltd): unknown -> absent\n"
            "  newco (NewCo): absent -> untrusted\n"
            "1 organisation(s) added, 1 removed, 1 changed; 3 status change(s) as of 2024-06-01\n");
}

// Random registries against an independent count: what the diff says was added and removed
// turns OLD's ids, aliases and designations into NEW's; a registry against itself is empty;
// NEW against OLD is the mirror image.
TEST(RegistryDiff, RandomRegistriesAgreeWithCounting) {
  std::mt19937 rng(20261207);
  auto make = [&](std::vector<std::string>& ids) {
    std::string t = kLists;
    for (int o = 0; o < 12; ++o) {
      if (rng() % 3 == 0) continue;
      std::string id = "org" + std::to_string(o);
      ids.push_back(id);
      t += "[[organisation]]\nid = \"" + id + "\"\nname = \"Org " + std::to_string(o) + "\"\naliases = [";
      for (int a = 0; a < 4; ++a)
        if (rng() % 2) t += "\"alias " + std::to_string(o) + "-" + std::to_string(a) + "\", ";
      t += "]\n";
      for (int k = 0; k < 4; ++k) {
        if (rng() % 2) continue;
        t += "[[organisation.designation]]\nlist = \"L" + std::to_string(1 + rng() % 2) + "\"\nstatus = \"" +
             (rng() % 4 ? "untrusted" : "trusted") + "\"\ndate = 202" + std::to_string(rng() % 3) + "-0" +
             std::to_string(1 + rng() % 3) + "-01\nsource_url = \"https://example.org/" + std::to_string(rng() % 2) +
             "\"\nquote = \"q\"\n";
      }
    }
    return layer(t);
  };
  for (int round = 0; round < 50; ++round) {
    std::vector<std::string> ids_a, ids_b;
    trust::Registry a = make(ids_a), b = make(ids_b);
    auto opt = as_of("2021-06-01");
    EXPECT_TRUE(diff(a, a, opt).empty());
    EXPECT_TRUE(diff(a, a, opt).status.empty());
    RegistryDiff d = diff(a, b, opt), back = diff(b, a, opt);
    std::set<std::string> sa(ids_a.begin(), ids_a.end()), sb(ids_b.begin(), ids_b.end());
    std::set<std::string> added, removed, back_added, back_removed;
    for (const auto& c : d.added) added.insert(c.id);
    for (const auto& c : d.removed) removed.insert(c.id);
    for (const auto& c : back.added) back_added.insert(c.id);
    for (const auto& c : back.removed) back_removed.insert(c.id);
    std::set<std::string> want_added, want_removed;
    for (const auto& id : sb)
      if (!sa.count(id)) want_added.insert(id);
    for (const auto& id : sa)
      if (!sb.count(id)) want_removed.insert(id);
    EXPECT_EQ(added, want_added);
    EXPECT_EQ(removed, want_removed);
    EXPECT_EQ(back_added, removed);
    EXPECT_EQ(back_removed, added);
    EXPECT_EQ(d.changed.size(), back.changed.size());
    EXPECT_EQ(d.status.size(), back.status.size());
    // For organisations in both: OLD's designations - removed + added = NEW's, and aliases likewise.
    for (const auto& c : d.changed) {
      const auto& oa = a.org(*a.find_id(c.id));
      const auto& ob = b.org(*b.find_id(c.id));
      EXPECT_EQ(oa.designations.size() - c.designations_removed.size() + c.designations_added.size(),
                ob.designations.size())
          << c.id;
      size_t aliases_added = 0, aliases_removed = 0;
      for (const auto& f : c.fields)
        if (f.field == "aliases") aliases_added = f.added.size(), aliases_removed = f.removed.size();
      EXPECT_EQ(oa.aliases.size() - aliases_removed + aliases_added, ob.aliases.size()) << c.id;
    }
  }
}

}  // namespace
}  // namespace cleannet::registry
