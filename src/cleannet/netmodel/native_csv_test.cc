#include "cleannet/core/testing/bad_corpus.h"
#include "cleannet/netmodel/native_csv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cleannet/netmodel/native_json.h"

namespace cleannet::netmodel {
namespace {

namespace fs = std::filesystem;

core::Result<Network> from_text(std::string_view devices, std::string_view links, std::string_view demands = {}) {
  auto d = core::Input::from_memory("devices.csv", devices);
  auto l = core::Input::from_memory("links.csv", links);
  auto m = core::Input::from_memory("demands.csv", demands);
  std::optional<core::Input> dem;
  if (!demands.empty()) dem.emplace(std::move(*m));
  return load_network_csv(std::move(*d), std::move(*l), std::move(dem));
}

std::string error_of(std::string_view devices, std::string_view links, std::string_view demands = {}) {
  auto r = from_text(devices, links, demands);
  return r ? std::string("(accepted)") : r.error().message();
}

// Equipment and elements compared on what the inventory says, not where it said it.
void expect_same(const Equipment& a, const Equipment& b, const std::string& what) {
  EXPECT_EQ(a.vendor, b.vendor) << what;
  EXPECT_EQ(a.model, b.model) << what;
  EXPECT_EQ(a.serial, b.serial) << what;
  EXPECT_EQ(a.description, b.description) << what;
}

void expect_same_network(const Network& a, const Network& b) {
  ASSERT_EQ(a.devices.size(), b.devices.size());
  for (size_t i = 0; i < a.devices.size(); ++i) {
    const Device &x = a.devices[i], &y = b.devices[i];
    std::string what = "device " + x.id;
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name) << what;
    expect_same(x.equipment, y.equipment, what);
    EXPECT_EQ(x.role, y.role) << what;
    EXPECT_EQ(x.segment, y.segment) << what;
    EXPECT_EQ(x.site, y.site) << what;
    EXPECT_EQ(x.country, y.country) << what;
    EXPECT_EQ(x.replace_cost, y.replace_cost) << what;
    ASSERT_EQ(x.components.size(), y.components.size()) << what;
    for (size_t j = 0; j < x.components.size(); ++j) expect_same(x.components[j], y.components[j], what);
  }
  ASSERT_EQ(a.links.size(), b.links.size());
  for (size_t i = 0; i < a.links.size(); ++i) {
    const Link &x = a.links[i], &y = b.links[i];
    std::string what = "link " + x.id;
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.a, y.a) << what;
    EXPECT_EQ(x.b, y.b) << what;
    EXPECT_EQ(x.cost, y.cost) << what;
    EXPECT_EQ(x.capacity, y.capacity) << what;
    EXPECT_EQ(x.segment, y.segment) << what;
    EXPECT_EQ(x.replace_cost, y.replace_cost) << what;
    ASSERT_EQ(x.equipment.size(), y.equipment.size()) << what;
    for (size_t j = 0; j < x.equipment.size(); ++j) expect_same(x.equipment[j], y.equipment[j], what);
  }
  ASSERT_EQ(a.demands.size(), b.demands.size());
  for (size_t i = 0; i < a.demands.size(); ++i) {
    const Demand &x = a.demands[i], &y = b.demands[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.source, y.source) << x.id;
    EXPECT_EQ(x.destination, y.destination) << x.id;
    EXPECT_EQ(x.traffic_class, y.traffic_class) << x.id;
    EXPECT_EQ(x.path, y.path) << x.id;
  }
  EXPECT_EQ(a.device_index, b.device_index);
}

class NativeCsvFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    old_ = fs::current_path();
    fs::current_path(CLEANNET_SOURCE_DIR);
  }
  void TearDown() override { fs::current_path(old_); }
  fs::path old_;
};

constexpr const char* kDir = "tests/data/netmodel/native/small-csv/";

TEST_F(NativeCsvFiles, SameNetworkAsTheJsonSample) {
  auto csv = load_network_csv(std::string(kDir) + "devices.csv", std::string(kDir) + "links.csv",
                              std::string(kDir) + "demands.csv");
  ASSERT_TRUE(csv.ok()) << csv.error().message();
  auto js = load_network_json("tests/data/netmodel/native/small.json");
  ASSERT_TRUE(js.ok()) << js.error().message();
  expect_same_network(*csv, *js);
}

TEST_F(NativeCsvFiles, SmallSampleHandChecked) {
  auto net = load_network_csv(std::string(kDir) + "devices.csv", std::string(kDir) + "links.csv",
                              std::string(kDir) + "demands.csv");
  ASSERT_TRUE(net.ok()) << net.error().message();
  ASSERT_EQ(net->devices.size(), 7u);
  const Device& fw = net->devices[3];
  EXPECT_EQ(fw.id, "fw1");
  EXPECT_EQ(fw.equipment.vendor, "Palo Alto Networks, Inc.");  // quoted, with a comma
  EXPECT_EQ(fw.equipment.source, "tests/data/netmodel/native/small-csv/devices.csv vendor");
  EXPECT_EQ(fw.pos.to_string(), "tests/data/netmodel/native/small-csv/devices.csv:5");
  EXPECT_EQ(fw.role, Role::kControl);
  EXPECT_EQ(fw.replace_cost, 60000.5);
  EXPECT_EQ(net->devices[2].country, "DE");
  EXPECT_EQ(net->devices[6].id, "emb");
  EXPECT_EQ(net->devices[6].pos.line, 9u);  // after the blank line 8
  const Link& l1 = net->links[0];
  ASSERT_EQ(l1.equipment.size(), 1u);
  EXPECT_EQ(l1.equipment[0].vendor, "ZTE");
  EXPECT_EQ(l1.equipment[0].model, "ZXONE 9700");
  EXPECT_EQ(l1.equipment[0].source, "tests/data/netmodel/native/small-csv/links.csv equipment_vendor");
  EXPECT_TRUE(net->links[1].equipment.empty());
  EXPECT_FALSE(net->links[3].capacity.has_value());
  EXPECT_EQ(net->demands[0].path, (std::vector<std::string>{"srv1", "fw1", "r1", "r2", "r3", "emb"}));
  EXPECT_EQ(net->demands[2].path, (std::vector<std::string>{"r1", "r3"}));
  EXPECT_EQ(net->demands[2].pos.to_string(), "tests/data/netmodel/native/small-csv/demands.csv:4");
}

TEST_F(NativeCsvFiles, AddDemandsToAnotherNetwork) {
  auto net = load_network_json("tests/data/netmodel/native/small.json");
  ASSERT_TRUE(net.ok()) << net.error().message();
  net->demands.clear();
  ASSERT_TRUE(add_demands_csv(*net, std::string(kDir) + "demands.csv").ok());
  ASSERT_EQ(net->demands.size(), 3u);
  EXPECT_EQ(net->demands[0].path, (std::vector<std::string>{"srv1", "fw1", "r1", "r2", "r3", "emb"}));
  // A second time the ids repeat: rejected, and the network keeps its three demands.
  auto again = add_demands_csv(*net, std::string(kDir) + "demands.csv");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message(), std::string(kDir) + "demands.csv:2: expected a unique demand id, found \"d1\"");
  EXPECT_EQ(net->demands.size(), 3u);
}

TEST(NativeCsv, ColumnsInAnyOrderWithBomAndQuotes) {
  auto net = from_text("\xEF\xBB\xBFRole, ID ,Vendor\n storage , s1 ,\"Huawei Technologies Co., Ltd.\"\n,s2,\n",
                       "\n  \nb,a\ns1,s2\n", "destination,source,id,path\ns2,s1,d,s1  >> s2\n");
  ASSERT_TRUE(net.ok()) << net.error().message();
  EXPECT_EQ(net->devices[0].id, "s1");
  EXPECT_EQ(net->devices[0].role, Role::kStorage);
  EXPECT_EQ(net->devices[0].equipment.vendor, "Huawei Technologies Co., Ltd.");
  EXPECT_EQ(net->devices[1].role, Role::kUnknown);
  EXPECT_EQ(net->links[0].a, "s2");
  EXPECT_EQ(net->links[0].pos.line, 4u);  // after two blank lines and the header
  EXPECT_EQ(net->demands[0].path, (std::vector<std::string>{"s1", "s2"}));
  EXPECT_TRUE(net->demands[0].traffic_class.empty());
}

TEST(NativeCsv, ErrorsNameFileLineAndWhatWasExpected) {
  EXPECT_EQ(error_of("id,vendor,role\nr1,x,storage\n", ""),
            "links.csv:1: expected a header row naming the columns (id, a, b, cost, capacity, segment, "
            "equipment_vendor, equipment_model, replace_cost), found an empty file");
  EXPECT_EQ(error_of("id,vendor,role\nr1,x,storage\n", "a,b,cost\nr1,r1,1,5\n"),
            "links.csv:2: expected 3 fields as in the header, found 4 fields");
  EXPECT_EQ(error_of("id,vendor,role\nr1,x,storage\n", "a,b,cost\nr1,r1,0x10\n"),
            "links.csv:2: expected cost as a finite number >= 0, found \"0x10\"");
  EXPECT_EQ(error_of("id,vendor,role\nr1,x,storage\n", "a,b\nr1,r1\n", "id,source\nd,r1\n"),
            "demands.csv:1: expected a column \"destination\" in the header, found only id, source");
  EXPECT_EQ(error_of("id,vendor,role\nr1,x,storage\n", "a,b\nr1,r2\n"),
            "links.csv:2: expected a link end that is a known device id, found \"r2\"");
  EXPECT_EQ(error_of("id,vendor,role\n\"r1\nr2\",x,storage\n,y,control\n", "a,b\n"),
            "devices.csv:4: expected a device id, found an empty id");
}

TEST_F(NativeCsvFiles, BadCorpus) {
  // Each case is a folder with devices.csv, links.csv and perhaps demands.csv.
  testing::check_bad_corpus("tests/data/bad/netmodel/csv", "/", 5, [](const fs::path& c) -> std::optional<std::string> {
    std::string demands = fs::exists(c / "demands.csv") ? (c / "demands.csv").string() : "";
    auto r = load_network_csv((c / "devices.csv").string(), (c / "links.csv").string(), demands);
    if (r) return std::nullopt;
    return r.error().message();
  });
}

}  // namespace
}  // namespace cleannet::netmodel
