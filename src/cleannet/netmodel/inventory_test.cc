// load_inventory picks the importer by what the inventory is; load_network adds demands,
// equipment and the default traffic class. Each form is checked against its own importer
// called directly on the same committed sample.
#include "cleannet/netmodel/inventory.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cleannet/netmodel/graphml.h"
#include "cleannet/netmodel/native_csv.h"
#include "cleannet/netmodel/native_json.h"
#include "cleannet/netmodel/netbox.h"

namespace cleannet::netmodel {
namespace {

const std::string kRoot = CLEANNET_SOURCE_DIR "/";
const std::string kNative = kRoot + "tests/data/netmodel/native/";

std::vector<std::string> device_ids(const Network& n) {
  std::vector<std::string> ids;
  for (const auto& d : n.devices) ids.push_back(d.id);
  return ids;
}

void expect_same(const core::Result<Network>& got, const core::Result<Network>& want) {
  ASSERT_TRUE(got) << got.error().message();
  ASSERT_TRUE(want) << want.error().message();
  EXPECT_EQ(got->name, want->name);
  EXPECT_EQ(device_ids(*got), device_ids(*want));
  EXPECT_EQ(got->links.size(), want->links.size());
  EXPECT_EQ(got->demands.size(), want->demands.size());
}

TEST(LoadInventory, FolderOfCsvWithItsDemands) {
  auto net = load_inventory(kNative + "small-csv");
  expect_same(net, load_network_csv(kNative + "small-csv/devices.csv", kNative + "small-csv/links.csv",
                                    kNative + "small-csv/demands.csv"));
  EXPECT_EQ(net->demands.size(), 3u);
}

TEST(LoadInventory, NativeJson) {
  auto net = load_inventory(kNative + "small.json");
  expect_same(net, load_network_json(kNative + "small.json"));
  EXPECT_EQ(net->name, "metro-east");
}

TEST(LoadInventory, NetBoxByContent) {
  const std::string dir = kRoot + "tests/data/netmodel/netbox-rest/";
  auto net = load_inventory(dir + "devices.json", {.vendors = "", .cables = dir + "cables.json"});
  expect_same(net, load_netbox(dir + "devices.json", dir + "cables.json"));
  EXPECT_EQ(net->devices.size(), 7u);
  EXPECT_FALSE(load_network_json(dir + "devices.json"));  // the native reader would refuse it
}

TEST(LoadInventory, GraphMlByName) {
  const std::string g = kRoot + "data/inventory/topologyzoo/Geant2012.graphml.gz";
  const std::string v = kRoot + "data/inventory/synthetic/Geant2012.vendors.csv";
  auto net = load_inventory(g, {.vendors = v, .cables = ""});
  expect_same(net, load_graphml_file(g, v));
  EXPECT_EQ(net->devices.size(), 40u);
  EXPECT_EQ(net->links.size(), 61u);
}

TEST(LoadInventory, MissingFileNamesIt) {
  auto net = load_inventory(kNative + "no-such.json");
  ASSERT_FALSE(net);
  EXPECT_EQ(net.error().pos().file, kNative + "no-such.json");
}

TEST(LoadNetwork, DemandsAndDefaultTrafficClass) {
  const auto demands = std::filesystem::temp_directory_path() / "cleannet-inventory-demands.csv";
  std::ofstream(demands) << "id,source,destination,traffic_class,path\nx1,r1,r3,,\nx2,r1,r2,public,\n";
  NetworkSources s;
  s.inventory = kNative + "small.json";
  s.demands = demands.string();
  s.traffic_class = "diplomatic";
  auto net = load_network(s);
  std::filesystem::remove(demands);
  ASSERT_TRUE(net) << net.error().message();
  size_t inventory_demands = load_network_json(kNative + "small.json")->demands.size();
  ASSERT_EQ(net->demands.size(), inventory_demands + 2);
  EXPECT_EQ(net->demands[inventory_demands].id, "x1");
  EXPECT_EQ(net->demands[inventory_demands].traffic_class, "diplomatic");
  EXPECT_EQ(net->demands[inventory_demands + 1].traffic_class, "public");
}

TEST(LoadNetwork, AnAttachmentOfAnUnknownDeviceIsAnError) {
  NetworkSources s;
  s.inventory = kNative + "small.json";
  s.hboms.push_back({"no-such-device", kRoot + "tests/data/path/golden/10-cyclonedx/pe2.cdx.json"});
  EXPECT_FALSE(load_network(s));
}

}  // namespace
}  // namespace cleannet::netmodel
