// Several origin sources into one table: merge_origin_tables against the per-prefix union of
// its inputs on random tables (seeded), and load_origins' order of errors and notes.
#include "cleannet/ip/sources.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace cleannet::ip {
namespace {

TEST(MergeOriginTables, EveryPrefixKeepsTheOriginsOfEveryTableInOrder) {
  std::mt19937 rng(9);
  for (int round = 0; round < 50; ++round) {
    std::vector<OriginTable> tables(1 + rng() % 4);
    // the oracle: prefix text -> its origins, first seen first over the tables in order
    std::map<std::string, std::vector<uint32_t>> want;
    std::string want_source;
    for (size_t k = 0; k < tables.size(); ++k) {
      tables[k].source = "t" + std::to_string(k);
      want_source += (k ? ", " : "") + tables[k].source;
      for (int n = rng() % 40; n > 0; --n) {
        // few distinct prefixes and origins, so that tables share prefixes and origins repeat
        const bool v6 = rng() % 4 == 0;
        const std::string p = v6 ? "2001:db8:" + std::to_string(rng() % 6) + "::/48"
                                 : "10." + std::to_string(rng() % 6) + ".0.0/" + std::to_string(16 + 8 * (rng() % 2));
        const uint32_t asn = 64500 + rng() % 4;
        tables[k].add(*core::parse_prefix(p), asn);
        auto& o = want[core::parse_prefix(p)->to_string()];
        if (std::find(o.begin(), o.end(), asn) == o.end()) o.push_back(asn);
      }
    }
    const OriginTable merged = merge_origin_tables(std::move(tables));
    ASSERT_EQ(merged.num_prefixes(), want.size());
    for (const auto& [p, origins] : want) {
      const auto got = merged.exact(*core::parse_prefix(p));
      EXPECT_EQ(std::vector<uint32_t>(got.begin(), got.end()), origins) << p;
    }
    EXPECT_EQ(merged.source, want_source);
  }
}

TEST(LoadOrigins, TheFirstBadSourceInOrderIsTheError) {
  const std::string dir = std::string(CLEANNET_SOURCE_DIR) + "/";
  const std::string good = dir + "tests/data/trace/origins.pfx2as";
  const std::string rib = dir + "data/internet/mrt/rib.20140523.0600_firstMB.bz2";
  auto o = load_origins({.pfx2as = {good}, .ribs = {rib}, .keep_going = true});
  ASSERT_FALSE(o.error) << o.error->message();
  EXPECT_EQ(o.table.source, good + " (pfx2as), " + rib + " (MRT RIB)");
  EXPECT_GT(o.table.num_prefixes(), 9071u);  // the RIB's 9071 and the hand-made table's
  ASSERT_EQ(o.notes.size(), 1u);
  EXPECT_EQ(o.notes[0], rib + ": --keep-going: 1 damaged or cut record(s) skipped");
  // a missing pfx2as file comes before the RIB's damage, whichever is read first
  o = load_origins({.pfx2as = {good, dir + "no/such.pfx2as"}, .ribs = {rib}});
  ASSERT_TRUE(o.error);
  EXPECT_NE(o.error->message().find("no/such.pfx2as"), std::string::npos) << o.error->message();
  o = load_origins({.pfx2as = {good}, .ribs = {rib}});
  ASSERT_TRUE(o.error);
  EXPECT_NE(o.error->message().find("expected a 1997-byte record"), std::string::npos) << o.error->message();
}

}  // namespace
}  // namespace cleannet::ip
