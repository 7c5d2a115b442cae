// Clean Carrier check on hand-made routes and a hand-made AS graph, with the bundled
// registry (AS4134 China Telecom, AS4837 China Unicom, AS9808 China Mobile are untrusted;
// AS3356, AS174 and the private ASes are not in it) and the clean-network policy; and
// carrier::read_routes on MRT files that give no route.
#include "cleannet/carrier/check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cleannet/asgraph/relationships.h"
#include "cleannet/carrier/routes.h"
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

struct CarrierCheckTest : ::testing::Test {
  void SetUp() override {
    auto reg = trust::load_registry({}, true);
    ASSERT_TRUE(reg.ok()) << reg.error().message();
    registry = std::make_unique<trust::Registry>(std::move(*reg));
    resolver = std::make_unique<trust::Resolver>(*registry);
    attributor = std::make_unique<asgraph::AsAttributor>(*resolver, nullptr);
    auto p = trust::load_policy("clean-network");
    ASSERT_TRUE(p.ok());
    policy = std::move(*p);
    options.as_of = *core::Date::parse("2024-06-01");
    judge = std::make_unique<AsJudge>(*attributor, *registry, policy, options, kLine);
  }

  void route(CarrierCheck& c, std::string_view prefix, std::vector<uint32_t> path) {
    Route r;
    r.file = "rib.mrt";
    r.offset = 100;
    r.timestamp = 1700000000;  // 2023-11-14 22:13:20 UTC
    r.peer_asn = path.front();
    r.peer_ip = *core::parse_prefix("192.0.2.1");
    r.prefix = *core::parse_prefix(prefix);
    r.path = path;
    c.observe(r);
  }

  std::unique_ptr<trust::Registry> registry;
  std::unique_ptr<trust::Resolver> resolver;
  std::unique_ptr<asgraph::AsAttributor> attributor;
  trust::Policy policy;
  trust::StatusOptions options;
  std::unique_ptr<AsJudge> judge;
};

TEST_F(CarrierCheckTest, JudgesAsesThroughTheRegistry) {
  EXPECT_TRUE(judge->judge(4134).untrusted());
  EXPECT_TRUE(judge->judge(9808).untrusted());
  EXPECT_FALSE(judge->judge(3356).untrusted());  // unknown: warned by the policy, but not exposure
  EXPECT_EQ(judge->judge(3356).decision.action, trust::Action::kWarn);
  EXPECT_EQ(judge->judge(4134).decision.rule->id, "CN-CARRIER");
}

TEST_F(CarrierCheckTest, ObservedRoutesGiveAdjacencyInboundAndOutbound) {
  CarrierCheck c(Options{{64500}, {*core::parse_prefix("198.51.100.0/23")}}, *judge);
  // Toward the network's prefix, prepended, through China Telecom, which is adjacent.
  route(c, "198.51.100.0/24", {3356, 4134, 4134, 64500});
  // Toward a more specific of the network's prefix originated elsewhere: inbound only.
  route(c, "198.51.101.0/24", {174, 4837, 3356, 65010});
  // The network passes traffic to China Unicom then China Mobile toward a third party.
  route(c, "203.0.113.0/24", {64500, 4837, 9808, 65000});
  // Unrelated, and a route whose untrusted AS is only the destination.
  route(c, "192.0.2.0/24", {174, 3356, 65001});
  route(c, "192.0.3.0/24", {64500, 3356, 4134});
  EXPECT_EQ(c.routes_seen(), 5u);
  EXPECT_EQ(c.routes_relevant(), 3u);
  auto j = c.json();
  std::vector<std::string> got;
  for (const auto& e : j["exposures"])
    got.push_back(e["kind"].get<std::string>() + " " + std::to_string(e["network_asn"].get<uint32_t>()) + " " +
                  std::to_string(e["untrusted_asn"].get<uint32_t>()) + " " + std::to_string(e["routes"].get<size_t>()));
  // Ordered by kind (adjacent, inbound, outbound), then ASNs; inbound toward a prefix the
  // network does not originate has network ASN 0.
  EXPECT_EQ(got, (std::vector<std::string>{"adjacent 64500 4134 1", "adjacent 64500 4837 1", "inbound 0 4837 1",
                                           "inbound 64500 4134 1", "outbound 64500 4837 1", "outbound 64500 9808 1"}));
  EXPECT_TRUE(c.exposed());
  auto fs = c.findings();
  ASSERT_EQ(fs.size(), 6u);
  const report::Finding& inbound = fs[3];
  EXPECT_EQ(inbound.element, "AS4134 [on observed routes toward AS64500]");
  EXPECT_EQ(inbound.rule, "CN-CARRIER");
  EXPECT_EQ(inbound.organisation, "china-telecom");
  EXPECT_EQ(inbound.explanation,
            "1 observed route(s) toward 1 prefix(es) of AS64500 cross AS4134 of China Telecom Corporation Limited.");
  ASSERT_FALSE(inbound.evidence.empty());
  EXPECT_EQ(inbound.evidence[0].kind, "route");
  EXPECT_EQ(inbound.evidence[0].text,
            "rib.mrt byte 100: peer AS3356 192.0.2.1, 198.51.100.0/24, AS path 3356 4134 4134 64500, "
            "2023-11-14 22:13:20 UTC");
}

// A hand-made AS graph (serial-1 as-rel: provider|customer|-1, peer|peer|0):
//   3356 is a provider of 64500 and of 65001; 4134 is a peer of 64500 and a provider of 65002;
//   174 is a provider of 65003 and a peer of 3356; 65004 is a customer of 4134 only.
TEST_F(CarrierCheckTest, RelationshipsAndInferredExposure) {
  auto in = core::Input::from_memory("as-rel.txt",
                                     "# hand-made\n3356|64500|-1\n3356|65001|-1\n4134|64500|0\n4134|65002|-1\n"
                                     "174|65003|-1\n174|3356|0\n4134|65004|-1\n3356|65002|-1\n");
  auto rels = asgraph::read_relationships(std::move(*in));
  ASSERT_TRUE(rels.ok()) << rels.error().message();
  auto g = asgraph::AsGraph::build(*rels);
  ASSERT_TRUE(g.ok()) << g.error().message();
  CarrierCheck c(Options{{64500}, {}}, *judge);
  c.add_relationships(*g, "as-rel.txt");
  c.infer(*g, 100);
  auto j = c.json();
  ASSERT_EQ(j["exposures"].size(), 1u);
  EXPECT_EQ(j["exposures"][0]["kind"], "relationship");
  EXPECT_EQ(j["exposures"][0]["relation"], "peer");
  EXPECT_EQ(j["exposures"][0]["untrusted_asn"], 4134u);
  // Routes toward 64500: 3356, 65001, 174, 65003 over 3356 (customer route); 65002 is a
  // customer of both 4134 and 3356 and picks the provider route of lower next-hop ASN,
  // 3356 (length 2 both ways); 65004's only provider is 4134, a peer of 64500: exposed,
  // and with 4134 removed it has no route at all. 4134 itself is not counted.
  EXPECT_EQ(j["inferred"]["sources"], 6u);
  EXPECT_EQ(j["inferred"]["exposed"], 1u);
  EXPECT_EQ(j["inferred"]["exposed_with_clean_alternative"], 0u);
  auto fs = c.findings();
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[0].explanation,
            "AS4134 of China Telecom Corporation Limited is a peer of AS64500 in the AS relationship data.");
  EXPECT_EQ(fs[1].rule, "carrier-inferred-exposure");
}

// carrier::read_routes on MRT files that give no route: the error names the file and says
// what it held. The OpenBGPD file of tests/data/bgp (mrt-rs, MIT) is 31 BGP4MP_ENTRY
// records (type 16 subtype 2), which neither bgpdump nor this reader decodes.
TEST_F(CarrierCheckTest, RecordsAllSkippedByTypeAreAnError) {
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

TEST_F(CarrierCheckTest, RecordsWithoutRoutesAndEmptyFilesAreAnError) {
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

TEST_F(CarrierCheckTest, OpenBgpdEntryFile) {
  const std::string f = std::string(CLEANNET_SOURCE_DIR) + "/tests/data/bgp/openbgpd_rib_table-mp";
  CarrierCheck check(Options{{64500}, {}}, *judge);
  auto r = read_routes(f, check, false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().found(), "31 record(s), all skipped by type: 31 BGP4MP ENTRY (type 16 subtype 2)");
}

}  // namespace
}  // namespace cleannet::carrier
