// The cable reader: the synthetic file field by field, the JSON array form, splitting of
// owner strings, the country table, the bad corpus (tests/data/bad/cable), and the facts
// MANIFEST.md states about the bundled TeleGeography snapshot.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "cleannet/cable/cable.h"
#include "cleannet/cable/countries.h"
#include "cleannet/core/testing/bad_corpus.h"

namespace cleannet::cable {
namespace {

const std::string kSynthetic = std::string(CLEANNET_SOURCE_DIR) + "/tests/data/cable/synthetic.jsonl";

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CableReader, SyntheticFile) {
  auto set = read_cables_file(kSynthetic);
  ASSERT_TRUE(set) << set.error().message();
  ASSERT_EQ(set->cables.size(), 9u);
  const Cable& c = set->cables[4];
  EXPECT_EQ(c.id, "asia-ct");
  EXPECT_EQ(c.name, "Asia CT");
  EXPECT_EQ(c.length, "2,500 km");
  EXPECT_EQ(*c.length_km, 2500);
  EXPECT_EQ(c.owners, (std::vector<std::string>{"China Telecom, Ltd.", "Delta Telecom"}));
  EXPECT_EQ(c.suppliers, (std::vector<std::string>{"ASN"}));
  EXPECT_EQ(*c.rfs_year, 2016);
  EXPECT_FALSE(c.planned);
  ASSERT_EQ(c.landing_points.size(), 3u);
  EXPECT_EQ(c.landing_points[1].id, "ngwe-saung-mm");
  EXPECT_EQ(c.landing_points[1].country, "Myanmar");
  EXPECT_EQ(c.landing_points[1].country_code, "MM");
  EXPECT_EQ(c.pos.line, 5u);
  const Cable& p = set->cables[7];
  EXPECT_TRUE(p.planned);
  EXPECT_FALSE(p.rfs_year);
  EXPECT_FALSE(p.length_km);
  EXPECT_TRUE(p.landing_points[1].tbd);
  EXPECT_TRUE(set->cables[6].suppliers.empty());
}

TEST(CableReader, JsonArrayFormGivesTheSameCables) {
  std::string lines = slurp(kSynthetic);
  std::string array = "[\n";
  std::istringstream ls(lines);
  std::string line;
  bool first = true;
  while (std::getline(ls, line)) {
    array += (first ? "" : ",\n") + line;
    first = false;
  }
  array += "\n]\n";
  auto a = read_cables(*core::Input::from_memory("a.json", array));
  auto b = read_cables(*core::Input::from_memory("b.jsonl", lines));
  ASSERT_TRUE(a) << a.error().message();
  ASSERT_TRUE(b);
  ASSERT_EQ(a->cables.size(), b->cables.size());
  for (size_t i = 0; i < a->cables.size(); ++i) {
    EXPECT_EQ(a->cables[i].id, b->cables[i].id);
    EXPECT_EQ(a->cables[i].owners, b->cables[i].owners);
    EXPECT_EQ(a->cables[i].pos.line, i + 2);  // one object per line after "["
  }
}

TEST(CableReader, BlankLinesAndEmptyInput) {
  auto e = read_cables(*core::Input::from_memory("e", "\n  \n"));
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->cables.empty());
  auto s = read_cables(*core::Input::from_memory(
      "s", "\n{\"id\":\"x\",\"name\":\"X\",\"landing_points\":[{\"id\":\"a\",\"country\":\"FR\"}]}\n\n"));
  ASSERT_TRUE(s) << s.error().message();
  EXPECT_EQ(s->cables[0].pos.line, 2u);
  EXPECT_EQ(s->cables[0].landing_points[0].country_code, "FR");
  EXPECT_EQ(s->cables[0].landing_points[0].name, "a");
}

TEST(CableReader, SplitParties) {
  EXPECT_EQ(split_parties("A, B,C"), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(split_parties("Foo, Inc., Bar  Baz, LLC., Lda."),
            (std::vector<std::string>{"Foo, Inc.", "Bar Baz, LLC., Lda."}));
  EXPECT_EQ(split_parties(" , ,"), std::vector<std::string>{});
  EXPECT_EQ(split_parties("Inc., X"), (std::vector<std::string>{"Inc.", "X"}));  // nothing to attach to
}

TEST(CableCountries, NamesCodesAndGroups) {
  EXPECT_EQ(*country_code("Congo, Dem. Rep."), "CD");
  EXPECT_EQ(*country_code("Côte d'Ivoire"), "CI");
  EXPECT_EQ(*country_code("cote d'ivoire"), "CI");
  EXPECT_EQ(*country_code("Virgin Islands (U.S.)"), "VI");
  EXPECT_EQ(*country_code("Taiwan"), "TW");
  EXPECT_EQ(*country_code("gb"), "GB");
  EXPECT_FALSE(country_code("XX"));
  EXPECT_FALSE(country_code("Atlantis"));
  EXPECT_EQ(country_name("KH"), "Cambodia");
  auto s = expand_country_set("US, eu,France", "--to");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->size(), 28u);
  EXPECT_EQ(eu_members().size(), 27u);
  auto bad = expand_country_set("US,,EU", "--to");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message(),
            "--to: expected an ISO 3166-1 alpha-2 code, a country name or EU, found an empty item");
}

// MANIFEST.md (../shared/data/cables): 526 cables, 315 list a supplier, 65 planned, 2,410
// landing points all with a country; HMN Tech 36; owner tokens China Telecom 15, China
// Unicom 13, China Mobile 11. The bundled copy is byte-identical to the staged file.
TEST(CableReader, BundledSnapshotMatchesTheManifest) {
  auto set = bundled_cables();
  ASSERT_TRUE(set) << set.error().message();
  EXPECT_EQ(set->source, kBundledName);
  ASSERT_EQ(set->cables.size(), 526u);
  size_t with_supplier = 0, planned = 0, landings = 0;
  std::map<std::string, size_t> supplier, owner;
  for (const Cable& c : set->cables) {
    with_supplier += !c.suppliers.empty();
    planned += c.planned;
    landings += c.landing_points.size();
    for (const auto& lp : c.landing_points) EXPECT_EQ(lp.country_code.size(), 2u) << lp.country;
    for (const auto& s : c.suppliers) ++supplier[s];
    for (const auto& o : c.owners) ++owner[o];
  }
  EXPECT_EQ(with_supplier, 315u);
  EXPECT_EQ(planned, 65u);
  EXPECT_EQ(landings, 2410u);
  EXPECT_EQ(supplier["HMN Tech"], 36u);
  EXPECT_EQ(supplier["ASN"], 136u);
  EXPECT_EQ(owner["China Telecom"], 15u);
  EXPECT_EQ(owner["China Unicom"], 13u);
  EXPECT_EQ(owner["China Mobile"], 11u);
}

TEST(CableReader, BadCorpus) {
  cleannet::testing::check_bad_corpus("tests/data/bad/cable", ".jsonl", 15,
                                      [](const std::filesystem::path& f) -> std::optional<std::string> {
                                        auto r = read_cables_file(f.string());
                                        if (r) return std::nullopt;
                                        return r.error().message();
                                      });
}

}  // namespace
}  // namespace cleannet::cable
