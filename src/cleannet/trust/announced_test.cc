#include "cleannet/trust/announced.h"

#include <gtest/gtest.h>

#include "cleannet/core/testing/bad_corpus.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/trust/resolver.h"

namespace cleannet::trust {
namespace {

namespace fs = std::filesystem;

core::Result<AnnouncedPrefixes> read_text(std::string_view text) {
  auto in = core::Input::from_memory("t.tsv", text);
  if (!in) return in.error();
  return read_announced(std::move(*in));
}

Registry load(const std::string& layer = "") {
  RegistryBuilder b;
  EXPECT_TRUE(b.add_layer(kBundledRegistryName, bundled_registry_toml()).empty());
  if (!layer.empty()) {
    auto errs = b.add_layer("mine.toml", layer);
    for (auto& e : errs) ADD_FAILURE() << e.message();
  }
  EXPECT_TRUE(b.finish().empty());
  return b.take();
}

TEST(Announced, BundledTableIsDatedAndCoversTheCarriers) {
  const AnnouncedPrefixes& t = bundled_announced();
  ASSERT_TRUE(t.date);
  EXPECT_EQ(t.date->to_string(), "2015-11-01");
  EXPECT_NE(t.source.find("RouteViews"), std::string::npos);
  EXPECT_GE(t.rows.size(), 4000u);
  EXPECT_EQ(t.rows.size(), t.origins.size());
  // ChinaNet's backbone (AS4134) and China Unicom's (AS4837), hand-checked in the pyasn
  // table: 202.97.0.0/19 and 202.97.32.0/19 are AS4134's, 202.97.128.0/19 AS4837's.
  auto hit = t.origins.longest_match(*core::parse_prefix("202.97.33.5"));
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->value, 4134u);
  EXPECT_EQ(hit->prefix.to_string(), "202.97.0.0/18");
  auto unicom = t.origins.longest_match(*core::parse_prefix("202.97.130.1"));
  ASSERT_TRUE(unicom);
  EXPECT_EQ(unicom->value, 4837u);
  EXPECT_FALSE(t.origins.longest_match(*core::parse_prefix("8.8.8.8")));
}

TEST(Announced, ResolverAnswersAnAddressThroughItsOriginAs) {
  Registry reg = load();
  Resolver r(reg);
  auto m = r.resolve(*parse_identifier("202.97.33.5"));
  ASSERT_TRUE(m);
  EXPECT_EQ(reg.org(m->org).id, "china-telecom");
  EXPECT_EQ(m->how, "announced-prefix");
  EXPECT_EQ(m->matched, "202.97.0.0/18");
  EXPECT_EQ(m->confidence, 0.9);
  EXPECT_EQ(m->via,
            "AS4134 originated it in BGP on 2015-11-01 (RouteViews RIB rib_v6v4.20151101.0600 (2015-11-01 06:00 UTC), "
            "as pyasn's ipasn6_20151101.dat; derived, bundled:data/registry/announced-prefixes.tsv.gz)");
  r.set_announced(nullptr);
  EXPECT_FALSE(r.resolve(*parse_identifier("202.97.33.5")));
}

TEST(Announced, RegistryPrefixesComeFirstAndUnknownOriginsMiss) {
  auto table = read_text("# date: 2020-01-02\n# source: test table\n198.51.100.0/24\t64500\n203.0.113.0/24\t4134\n");
  ASSERT_TRUE(table.ok()) << table.error().message();
  Registry reg = load(R"(schema = 1
[[organisation]]
id = "doc-net"
name = "Documentation Net"
[organisation.identifiers]
prefixes = ["203.0.113.128/25"]
)");
  Resolver r(reg);
  r.set_announced(&*table);
  auto low = r.resolve(*parse_identifier("203.0.113.5"));
  ASSERT_TRUE(low);
  EXPECT_EQ(reg.org(low->org).id, "china-telecom");
  EXPECT_EQ(low->via, "AS4134 originated it in BGP on 2020-01-02 (test table; derived, t.tsv)");
  auto high = r.resolve(*parse_identifier("203.0.113.200"));  // the registry's own /25 wins
  ASSERT_TRUE(high);
  EXPECT_EQ(reg.org(high->org).id, "doc-net");
  EXPECT_EQ(high->how, "prefix");
  EXPECT_FALSE(r.resolve(*parse_identifier("198.51.100.1")));  // AS64500 is nobody's
}

TEST(Announced, BadTablesGiveExactErrors) {
  testing::check_bad_corpus("tests/data/bad/announced", ".tsv", 7, [](const fs::path& f) -> std::optional<std::string> {
    auto in = core::Input::open(f.string());
    if (!in) return in.error().message();
    auto t = read_announced(std::move(*in));
    if (t) return std::nullopt;
    return t.error().message();
  });
}

}  // namespace
}  // namespace cleannet::trust
