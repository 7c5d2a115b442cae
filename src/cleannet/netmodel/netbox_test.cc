#include "cleannet/netmodel/netbox.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cleannet/core/testing/bad_corpus.h"

namespace cleannet::netmodel {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDemo = "/work/shared/data/inventory/netbox-demo/netbox-demo-v3.6-dcim-circuits.json.gz";
constexpr const char* kRestDevices = "tests/data/netmodel/netbox-rest/devices.json";
constexpr const char* kRestCables = "tests/data/netmodel/netbox-rest/cables.json";

core::Result<Network> from_text(std::string_view devices, std::string_view cables = {}) {
  auto d = core::Input::from_memory("devices.json", devices);
  std::optional<core::Input> c;
  if (!cables.empty()) c.emplace(std::move(*core::Input::from_memory("cables.json", cables)));
  return load_netbox(std::move(*d), std::move(c));
}

const Device& device(const Network& net, std::string_view id) {
  auto i = net.find_device(id);
  if (!i) throw std::runtime_error("no device " + std::string(id));
  return net.devices[*i];
}

std::vector<std::string> link_list(const Network& net) {
  std::vector<std::string> out;
  for (const Link& l : net.links) out.push_back(l.id + " " + l.a + "-" + l.b);
  return out;
}

class NetboxFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    old_ = fs::current_path();
    fs::current_path(CLEANNET_SOURCE_DIR);
  }
  void TearDown() override { fs::current_path(old_); }
  fs::path old_;
};

TEST(NetboxRole, MappingTable) {
  EXPECT_EQ(netbox_role("router"), Role::kTransmission);
  EXPECT_EQ(netbox_role("Core Switch"), Role::kTransmission);
  EXPECT_EQ(netbox_role("access-switch"), Role::kTransmission);
  EXPECT_EQ(netbox_role("distribution-switch"), Role::kTransmission);
  EXPECT_EQ(netbox_role("ToR Switch"), Role::kTransmission);
  EXPECT_EQ(netbox_role("patch-panel"), Role::kTransmission);
  EXPECT_EQ(netbox_role("Spine"), Role::kTransmission);
  EXPECT_EQ(netbox_role("dwdm_roadm"), Role::kTransmission);
  EXPECT_EQ(netbox_role("Firewall"), Role::kControl);
  EXPECT_EQ(netbox_role("console-server"), Role::kControl);  // control before computing
  EXPECT_EQ(netbox_role("Load Balancer"), Role::kControl);
  EXPECT_EQ(netbox_role("wireless-controller"), Role::kControl);
  EXPECT_EQ(netbox_role("application-server"), Role::kComputing);
  EXPECT_EQ(netbox_role("Database Server"), Role::kComputing);
  EXPECT_EQ(netbox_role("hypervisor"), Role::kComputing);
  EXPECT_EQ(netbox_role("Storage Array"), Role::kStorage);
  EXPECT_EQ(netbox_role("storage-server"), Role::kStorage);  // storage before computing
  EXPECT_EQ(netbox_role("SAN"), Role::kStorage);
  EXPECT_EQ(netbox_role("PDU"), Role::kUnknown);
  EXPECT_EQ(netbox_role("ups"), Role::kUnknown);
  EXPECT_EQ(netbox_role("transporter"), Role::kUnknown);  // whole words only
  EXPECT_EQ(netbox_role(""), Role::kUnknown);
}

TEST_F(NetboxFiles, RestSampleHandChecked) {
  auto net = load_netbox(kRestDevices, kRestCables);
  ASSERT_TRUE(net.ok()) << net.error().message();
  ASSERT_EQ(net->devices.size(), 7u);
  EXPECT_EQ(net->provenance, std::string("NetBox REST export ") + kRestDevices + ", " + kRestCables);

  const Device& pe = device(*net, "fra-pe1");
  EXPECT_EQ(pe.name, "fra-pe1");
  EXPECT_EQ(pe.equipment.vendor, "Huawei");
  EXPECT_EQ(pe.equipment.model, "NE40E-X8A");
  EXPECT_EQ(pe.equipment.serial, "2102351931P0K8000123");
  EXPECT_EQ(pe.equipment.source, std::string(kRestDevices) + " results[0].device_type.manufacturer.name");
  EXPECT_EQ(pe.equipment.pos.to_string(), std::string(kRestDevices) + ":11:22");
  EXPECT_EQ(pe.pos.to_string(), std::string(kRestDevices) + ":6:5");
  EXPECT_EQ(pe.role, Role::kTransmission);
  EXPECT_EQ(pe.role_label, "Router");
  EXPECT_EQ(pe.site, "FRA1");
  EXPECT_EQ(pe.segment, "core");
  EXPECT_EQ(pe.country, "DE");
  EXPECT_EQ(pe.replace_cost, 180000.0);

  const Device& p = device(*net, "fra-p1");
  EXPECT_EQ(p.equipment.vendor, "ZTE");
  EXPECT_EQ(p.role_label, "Core Router");
  EXPECT_EQ(p.role, Role::kTransmission);
  EXPECT_EQ(p.country, "DE");
  EXPECT_FALSE(p.replace_cost.has_value());

  EXPECT_EQ(device(*net, "ber-asw1").role, Role::kTransmission);
  const Device& fw = device(*net, "ber-fw1");  // pre-3.6 "device_role"
  EXPECT_EQ(fw.role, Role::kControl);
  EXPECT_EQ(fw.role_label, "Firewall");
  EXPECT_EQ(fw.segment, "");
  EXPECT_EQ(device(*net, "ber-db1").role, Role::kComputing);
  const Device& st = device(*net, "netbox-device-6");  // unnamed
  EXPECT_EQ(st.name, "");
  EXPECT_EQ(st.equipment.vendor, "NetApp");
  EXPECT_EQ(st.role, Role::kStorage);
  const Device& pdu = device(*net, "ber-pdu1");
  EXPECT_EQ(pdu.role, Role::kUnknown);
  EXPECT_EQ(pdu.role_label, "PDU");

  // #5 (power) and #6 (to a circuit) give no link; #4 has two devices on its B end.
  EXPECT_EQ(link_list(*net),
            (std::vector<std::string>{"cable-1 fra-pe1-fra-p1", "cable-2 fra-p1-ber-asw1", "cable-3 ber-asw1-ber-fw1",
                                      "cable-4/1 ber-fw1-ber-db1", "cable-4/2 ber-fw1-netbox-device-6",
                                      "cable-7 ber-db1-netbox-device-6"}));
  EXPECT_EQ(net->links[0].pos.to_string(), std::string(kRestCables) + ":6:5");
  EXPECT_TRUE(net->links[0].equipment.empty());
}

TEST_F(NetboxFiles, RestDevicesWithoutCables) {
  auto net = load_netbox(kRestDevices);
  ASSERT_TRUE(net.ok()) << net.error().message();
  EXPECT_EQ(net->devices.size(), 7u);
  EXPECT_TRUE(net->links.empty());
}

TEST(Netbox, RestPlainArrayAndLegacyCables) {
  const char* devices = R"([
 {"id": 10, "name": "a", "device_type": {"manufacturer": {"name": "Nokia"}, "model": "7750 SR-1"},
  "device_role": {"slug": "pe-router"}, "site": null, "serial": null},
 {"id": 11, "name": "b", "device_type": {"manufacturer": {"name": "Ericsson"}, "model": "Router 6675"},
  "role": {"name": "Router"}}])";
  const char* cables = R"({"count": 1, "next": null, "results": [
 {"id": 3, "termination_a_type": "dcim.interface", "termination_a": {"device": {"id": 10, "name": "a"}},
  "termination_b_type": "dcim.interface", "termination_b": {"device": {"id": 11, "name": "b"}}}]})";
  auto net = from_text(devices, cables);
  ASSERT_TRUE(net.ok()) << net.error().message();
  EXPECT_EQ(net->devices[0].role, Role::kTransmission);
  EXPECT_EQ(net->devices[0].role_label, "pe-router");
  EXPECT_EQ(net->devices[0].site, "");
  EXPECT_EQ(net->devices[0].equipment.source, "devices.json [0].device_type.manufacturer.name");
  EXPECT_EQ(link_list(*net), (std::vector<std::string>{"cable-3 a-b"}));
}

// A cable's end names its device by id and name; when the name is not the one the devices
// export gives that id, the two exports are of different NetBox instances (or times), and a
// link joined by id alone would route over a cable nobody laid: warn, leave it out.
TEST(Netbox, CableNamingOtherDevicesThanTheExportIsLeftOutWithAWarning) {
  const char* devices = R"({"count": 3, "next": null, "results": [
 {"id": 1, "name": "edge1", "device_type": {"manufacturer": {"name": "Juniper"}, "model": "MX960"}, "role": {"slug": "router"}},
 {"id": 2, "name": "core1", "device_type": {"manufacturer": {"name": "Juniper"}, "model": "MX960"}, "role": {"slug": "router"}},
 {"id": 3, "name": "core2", "device_type": {"manufacturer": {"name": "Juniper"}, "model": "MX960"}, "role": {"slug": "router"}}]})";
  const char* cables = R"([
 {"id": 7, "a_terminations": [{"object_type": "dcim.interface", "object": {"device": {"id": 1, "name": "tst1-test1"}}}],
  "b_terminations": [{"object_type": "dcim.interface", "object": {"device": {"id": 2, "name": "core1"}}}]},
 {"id": 8, "termination_a_type": "dcim.interface", "termination_a": {"device": {"id": 2, "name": "core1"}},
  "termination_b_type": "dcim.interface", "termination_b": {"device": {"id": 3}}}])";
  auto net = from_text(devices, cables);
  ASSERT_TRUE(net.ok()) << net.error().message();
  // A termination without a name cannot disagree: cable 8 is joined by id.
  EXPECT_EQ(link_list(*net), (std::vector<std::string>{"cable-8 core1-core2"}));
  ASSERT_EQ(net->warnings.size(), 1u);
  EXPECT_EQ(net->warnings[0].pos.to_string(), "cables.json:2:86");
  EXPECT_EQ(net->warnings[0].text,
            "cable 7: end A names device 1 \"tst1-test1\", but the devices export (devices.json:2:2) has device 1 "
            "\"edge1\": cable left out, no link made");
}

TEST(Netbox, SingleDeviceObjectIsNamedAsSuch) {
  auto net = from_text(R"({"id": 1, "name": "test1-edge1", "url": "http://localhost:8000/api/dcim/devices/1/",
 "device_type": {"manufacturer": {"name": "Juniper"}, "model": "MX960"}, "role": {"slug": "router"}})");
  ASSERT_FALSE(net.ok());
  EXPECT_EQ(net.error().message(),
            "devices.json:1:1: expected a NetBox device list export ({\"results\": [...]} of GET "
            "/api/dcim/devices/?limit=0, or dumpdata), found a single NetBox device object (GET "
            "/api/dcim/devices/ID/): device 1 \"test1-edge1\"");
}

// The pynetbox test fixtures (Apache-2.0, ../shared/data/peers/netbox; optional).
TEST_F(NetboxFiles, PynetboxFixtures) {
  const std::string dir = "../shared/data/peers/netbox/";
  if (!fs::exists(dir + "pynetbox_devices.json")) GTEST_SKIP() << dir << " is not staged";
  auto net = load_netbox(dir + "pynetbox_devices.json", dir + "pynetbox_cables.json");
  ASSERT_TRUE(net.ok()) << net.error().message();
  EXPECT_EQ(net->devices.size(), 11u);
  EXPECT_TRUE(net->links.empty());  // every cable names tst1-test* devices, the export test1-*
  EXPECT_EQ(net->warnings.size(), 3u);
  auto one = load_netbox(dir + "pynetbox_device.json");
  ASSERT_FALSE(one.ok());
  EXPECT_NE(one.error().message().find("a single NetBox device object (GET /api/dcim/devices/ID/): device 1 "
                                       "\"test1-edge1\""),
            std::string::npos)
      << one.error().message();
}

TEST(Netbox, DumpdataFeatures) {
  // Numeric content types (resolved through contenttypes.contenttype), a pre-3.3 cable with
  // its ends on itself, the cached _device when the port is not in the dump, an inventory
  // item, a module, two devices with one name, and a device whose name is null.
  const char* dump = R"([
 {"model": "contenttypes.contenttype", "pk": 7, "fields": {"app_label": "dcim", "model": "interface"}},
 {"model": "dcim.manufacturer", "pk": 1, "fields": {"name": "Huawei", "slug": "huawei"}},
 {"model": "dcim.manufacturer", "pk": 2, "fields": {"name": "Finisar", "slug": "finisar"}},
 {"model": "dcim.devicetype", "pk": 1, "fields": {"manufacturer": 1, "model": "NetEngine 8000 M8"}},
 {"model": "dcim.moduletype", "pk": 1, "fields": {"manufacturer": 1, "model": "CR5D00E4XF90"}},
 {"model": "dcim.devicerole", "pk": 1, "fields": {"name": "Edge Router", "slug": "edge-router"}},
 {"model": "dcim.site", "pk": 1, "fields": {"name": "HKG1"}},
 {"model": "dcim.device", "pk": 1, "fields": {"name": "edge", "device_type": 1, "device_role": 1, "site": 1,
   "serial": "SN1", "custom_field_data": {"segment": "core", "replace_cost": 5e4}}},
 {"model": "dcim.device", "pk": 2, "fields": {"name": "edge", "device_type": 1, "device_role": 1, "site": 1}},
 {"model": "dcim.device", "pk": 3, "fields": {"name": null, "device_type": 1, "role": 1, "site": null}},
 {"model": "dcim.module", "pk": 1, "fields": {"device": 1, "module_type": 1, "serial": "M1"}},
 {"model": "dcim.inventoryitem", "pk": 1, "fields": {"device": 1, "manufacturer": 2, "part_id": "FTLX8574D3BCL",
   "name": "SFP 0/1/0", "serial": "X1"}},
 {"model": "dcim.inventoryitem", "pk": 2, "fields": {"device": 1, "manufacturer": null, "name": "fan"}},
 {"model": "dcim.interface", "pk": 10, "fields": {"device": 1, "name": "GE0/1/0"}},
 {"model": "dcim.interface", "pk": 20, "fields": {"device": 2, "name": "GE0/1/0"}},
 {"model": "dcim.cable", "pk": 1, "fields": {"termination_a_type": ["dcim", "interface"], "termination_a_id": 10,
   "termination_b_type": 7, "termination_b_id": 20}},
 {"model": "dcim.cable", "pk": 2, "fields": {}},
 {"model": "dcim.cabletermination", "pk": 1, "fields": {"cable": 2, "cable_end": "A", "termination_type": 7,
   "termination_id": 20}},
 {"model": "dcim.cabletermination", "pk": 2, "fields": {"cable": 2, "cable_end": "B",
   "termination_type": ["dcim", "interface"], "termination_id": 30, "_device": 3}},
 {"model": "ipam.ipaddress", "pk": 1, "fields": {"address": "192.0.2.1/24"}}
])";
  auto net = from_text(dump);
  ASSERT_TRUE(net.ok()) << net.error().message();
  ASSERT_EQ(net->devices.size(), 3u);
  const Device& e1 = net->devices[0];
  EXPECT_EQ(e1.id, "edge#1");
  EXPECT_EQ(e1.name, "edge");
  EXPECT_EQ(net->devices[1].id, "edge#2");
  EXPECT_EQ(net->devices[2].id, "netbox-device-3");
  EXPECT_EQ(e1.equipment.vendor, "Huawei");
  EXPECT_EQ(e1.equipment.model, "NetEngine 8000 M8");
  EXPECT_EQ(e1.equipment.serial, "SN1");
  EXPECT_EQ(e1.equipment.source, "devices.json dcim.device 1 -> dcim.devicetype 1 -> dcim.manufacturer 1 name");
  EXPECT_EQ(e1.role, Role::kTransmission);
  EXPECT_EQ(e1.role_label, "Edge Router");
  EXPECT_EQ(e1.site, "HKG1");
  EXPECT_EQ(e1.segment, "core");
  EXPECT_EQ(e1.replace_cost, 50000.0);
  EXPECT_EQ(e1.pos.to_string(), "devices.json:9:2");
  ASSERT_EQ(e1.components.size(), 2u);  // the fan names no manufacturer
  EXPECT_EQ(e1.components[0].vendor, "Huawei");
  EXPECT_EQ(e1.components[0].model, "CR5D00E4XF90");
  EXPECT_EQ(e1.components[0].serial, "M1");
  EXPECT_EQ(e1.components[0].source, "devices.json dcim.module 1 -> dcim.moduletype 1 -> dcim.manufacturer 1 name");
  EXPECT_EQ(e1.components[1].vendor, "Finisar");
  EXPECT_EQ(e1.components[1].model, "FTLX8574D3BCL");
  EXPECT_EQ(e1.components[1].source, "devices.json dcim.inventoryitem 1 -> dcim.manufacturer 2 name");
  EXPECT_EQ(net->devices[2].site, "");
  EXPECT_EQ(link_list(*net), (std::vector<std::string>{"cable-1 edge#1-edge#2", "cable-2 edge#2-netbox-device-3"}));
  EXPECT_EQ(net->provenance, "NetBox dumpdata devices.json");
}

// The real NetBox v3.6 demo data (Django dumpdata, gzip): 72 devices; of its 108 cables,
// 76 have a device on both ends, 26 of them power cables (PDU outlets), leaving 50 data
// links (26 router-switch, 24 switch-patch panel); the other 32 go to circuits.
TEST(NetboxDemo, RealCounts) {
  if (!fs::exists(kDemo)) GTEST_SKIP() << kDemo << " is not staged";
  auto net = load_netbox(kDemo);
  ASSERT_TRUE(net.ok()) << net.error().message();
  ASSERT_EQ(net->devices.size(), 72u);
  EXPECT_EQ(net->links.size(), 50u);
  std::map<std::string, int> makers, roles, labels;
  size_t components = 0;
  for (const Device& d : net->devices) {
    ++makers[d.equipment.vendor];
    ++roles[role_name(d.role)];
    ++labels[d.role_label];
    components += d.components.size();
  }
  EXPECT_EQ(makers, (std::map<std::string, int>{
                        {"APC", 13}, {"Cisco", 26}, {"Generic", 6}, {"Juniper", 13}, {"Lenovo", 1}, {"Panduit", 13}}));
  EXPECT_EQ(roles, (std::map<std::string, int>{{"computing", 1}, {"transmission", 58}, {"unknown", 13}}));
  EXPECT_EQ(labels["Patch Panel"], 19);
  EXPECT_EQ(labels["Router"], 13);
  EXPECT_EQ(labels["PDU"], 13);
  EXPECT_EQ(components, 4u);  // four EX9200-32XS line cards in the two core switches
  const Device& core = device(*net, "ncsu-coreswitch1");
  EXPECT_EQ(core.equipment.vendor, "Juniper");
  EXPECT_EQ(core.equipment.model, "EX9214");
  EXPECT_EQ(core.role_label, "Core Switch");
  ASSERT_EQ(core.components.size(), 2u);
  EXPECT_EQ(core.components[0].model, "EX9200-32XS");
  const Device& rtr = device(*net, "dmi01-akron-rtr01");
  EXPECT_EQ(rtr.equipment.vendor, "Cisco");
  EXPECT_EQ(rtr.equipment.model, "ISR 1111-8P");
  EXPECT_EQ(rtr.site, "DM-Akron");
  // Three patch panels share the name "PP:MDF".
  EXPECT_TRUE(net->find_device("PP:MDF#90").has_value());
  EXPECT_FALSE(net->find_device("PP:MDF").has_value());
  std::set<std::string> ends;
  for (const Link& l : net->links) ends.insert(device(*net, l.a).role_label + "/" + device(*net, l.b).role_label);
  EXPECT_EQ(ends, (std::set<std::string>{"Router/Access Switch", "Core Switch/Patch Panel",
                                         "Distribution Switch/Patch Panel"}));
}

TEST_F(NetboxFiles, BadCorpus) {
  // A devices export NAME.json, with its cables in NAME.cables.json when the case has them.
  testing::check_bad_corpus("tests/data/bad/netmodel/netbox", ".json", 5,
                            [](const fs::path& c) -> std::optional<std::string> {
                              fs::path cables = fs::path(c).replace_extension(".cables.json");
                              auto r = load_netbox(c.string(), fs::exists(cables) ? cables.string() : "");
                              if (r) return std::nullopt;
                              return r.error().message();
                            },
                            {".cables.json"});
}

}  // namespace
}  // namespace cleannet::netmodel
