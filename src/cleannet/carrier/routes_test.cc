// carrier::read_routes on MRT files that give no route: the error names the file and says
// what it held. The OpenBGPD file of tests/data/bgp (mrt-rs, MIT) is 31 BGP4MP_ENTRY
// records (type 16 subtype 2), which neither bgpdump nor this reader decodes.
#include "cleannet/carrier/routes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"

namespace cleannet::carrier {
namespace {

namespace fs = std::filesystem;

// RFC 6396 §2 header (timestamp, type, subtype, length) and body.
std::string record(uint16_t type, uint16_t subtype, const std::string& body) {
  std::string r;
  auto be = [&](uint64_t v, int n) {
    for (int i = n - 1; i >= 0; --i) r += static_cast<char>((v >> (8 * i)) & 0xff);
  };
  be(1700000000, 4);
  be(type, 2);
  be(subtype, 2);
  be(body.size(), 4);
  return r + body;
}

std::string write(const std::string& name, const std::string& bytes) {
  const fs::path f = fs::path(::testing::TempDir()) / name;
  std::ofstream(f, std::ios::binary) << bytes;
  return f.string();
}

struct ReadRoutesTest : ::testing::Test {
  void SetUp() override {
    auto reg = trust::load_registry({}, true);
    ASSERT_TRUE(reg.ok()) << reg.error().message();
    registry = std::make_unique<trust::Registry>(std::move(*reg));
    resolver = std::make_unique<trust::Resolver>(*registry);
    attributor = std::make_unique<asgraph::AsAttributor>(*resolver, nullptr);
    auto p = trust::load_policy("clean-network");
    ASSERT_TRUE(p.ok());
    policy = std::move(*p);
    judge = std::make_unique<AsJudge>(*attributor, *registry, policy, options, kLine);
  }
  std::unique_ptr<trust::Registry> registry;
  std::unique_ptr<trust::Resolver> resolver;
  std::unique_ptr<asgraph::AsAttributor> attributor;
  trust::Policy policy;
  trust::StatusOptions options;
  std::unique_ptr<AsJudge> judge;
};

TEST_F(ReadRoutesTest, RecordsAllSkippedByTypeAreAnError) {
  const std::string f = write("entry.mrt", record(16, 2, "abcd") + record(16, 2, "ef") + record(16, 3, "g"));
  CarrierCheck check(Options{{64500}, {}}, *judge);
  auto r = read_routes(f, check, false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(),
            f + ": expected MRT records with routes (TABLE_DUMP or TABLE_DUMP_V2 RIB entries, BGP4MP UPDATE "
                "messages), found 3 record(s), all skipped by type: 2 BGP4MP ENTRY (type 16 subtype 2), 1 BGP4MP "
                "SNAPSHOT (type 16 subtype 3)");
  EXPECT_TRUE(check.inputs().empty());
}

TEST_F(ReadRoutesTest, RecordsWithoutRoutesAndEmptyFilesAreAnError) {
  // RFC 6396 §4.4.1 BGP4MP_STATE_CHANGE: Peer AS, Local AS, Interface, AFI, Peer IP, Local IP,
  // Old State, New State.
  const std::string state("\xfb\xf4\xfb\xf5\x00\x00\x00\x01\xc0\x00\x02\x01\xc0\x00\x02\x02\x00\x01\x00\x02", 20);
  const std::string f = write("state.mrt", record(16, 0, state) + record(16, 2, "x"));
  CarrierCheck check(Options{{64500}, {}}, *judge);
  auto r = read_routes(f, check, false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().found(),
            "2 record(s), none with a route (withdrawals, state changes or other messages only); skipped by type: 1 "
            "BGP4MP ENTRY (type 16 subtype 2)");
  auto e = read_routes(write("empty.mrt", ""), check, false);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().found(), "no record");
}

TEST_F(ReadRoutesTest, OpenBgpdEntryFile) {
  const std::string f = std::string(CLEANNET_SOURCE_DIR) + "/tests/data/bgp/openbgpd_rib_table-mp";
  CarrierCheck check(Options{{64500}, {}}, *judge);
  auto r = read_routes(f, check, false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().found(), "31 record(s), all skipped by type: 31 BGP4MP ENTRY (type 16 subtype 2)");
}

}  // namespace
}  // namespace cleannet::carrier
