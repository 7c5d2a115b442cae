// Origins from an MRT RIB: the bundled first MiB of the RouteViews RIB of 2014-05-23
// (bgpdump -m shows 9072 distinct prefixes, one of them the default route 0.0.0.0/0 from
// AS16637's session, which is left out).
#include "cleannet/ip/rib.h"

#include <gtest/gtest.h>

namespace cleannet::ip {
namespace {

const std::string kRib = std::string(CLEANNET_SOURCE_DIR) + "/data/internet/mrt/rib.20140523.0600_firstMB.bz2";

TEST(Rib, OriginsAreTheLastAsOfEachPath) {
  size_t damaged = 0;
  auto t = origins_from_rib(kRib, true, &damaged);
  ASSERT_TRUE(t.ok()) << t.error().message();
  EXPECT_EQ(damaged, 1u);  // the record cut by the truncation
  EXPECT_EQ(t->num_prefixes(), 9071u);
  auto hit = t->lookup(*core::parse_prefix("1.0.0.1"));
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->prefix.to_string(), "1.0.0.0/24");
  ASSERT_EQ(hit->origins.size(), 1u);
  EXPECT_EQ(hit->origins[0], 15169u);
  // "701 4323 7545 56203" and "6539 577 174 7545 56203": the origin is the last AS
  hit = t->lookup(*core::parse_prefix("1.0.4.7"));
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->origins[0], 56203u);
  EXPECT_FALSE(t->lookup(*core::parse_prefix("200.1.1.1")));  // no default route
}

TEST(Rib, DamageIsAnErrorWithoutKeepGoing) {
  auto t = origins_from_rib(kRib, false);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message().find("expected a 1997-byte record"), std::string::npos) << t.error().message();
}

// The OpenBGPD file of tests/data/bgp (mrt-rs, MIT) is 31 BGP4MP_ENTRY records: no RIB route,
// and the error says what the file held.
TEST(Rib, RecordsSkippedByTypeAreNamedInTheError) {
  const std::string f = std::string(CLEANNET_SOURCE_DIR) + "/tests/data/bgp/openbgpd_rib_table-mp";
  auto t = origins_from_rib(f, false);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message(),
            f + ": expected a RIB dump with at least one route (TABLE_DUMP or TABLE_DUMP_V2), "
                "found 31 record(s) without a RIB route; skipped by type: 31 BGP4MP ENTRY (type 16 "
                "subtype 2)");
}

}  // namespace
}  // namespace cleannet::ip
