// Device CLI output: real samples (tests/data/netmodel/device-output, see its README) against
// the parses their upstream projects expect (ntc-templates .yml, NAPALM expected_result.json),
// a hand-made Huawei capture with prompts, and the bad-input corpus under
// tests/data/bad/netmodel/device-output.
#include "cleannet/core/testing/bad_corpus.h"
#include "cleannet/netmodel/device_output.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "cleannet/core/text.h"

namespace cleannet::netmodel {
namespace {

namespace fs = std::filesystem;
using Record = std::map<std::string, std::string>;

const std::string kDir = std::string(CLEANNET_SOURCE_DIR) + "/tests/data/netmodel/device-output/";

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The `parsed_sample:` list of an ntc-templates test .yml (gzip-compressed here): records of
// `key: "value"` lines, each record starting with "- ".
std::vector<Record> ntc_expected(const std::string& name) {
  auto in = core::Input::open(kDir + name + ".yml.gz");
  EXPECT_TRUE(in.ok()) << name;
  auto text = in->read_all(1 << 20);
  std::vector<Record> out;
  std::istringstream lines(*text);
  for (std::string line; std::getline(lines, line);) {
    std::string_view t = core::trim(line);
    if (t == "---" || t == "parsed_sample:" || t.empty()) continue;
    if (t.starts_with("- ")) {
      out.emplace_back();
      t.remove_prefix(2);
    }
    size_t colon = t.find(':');
    EXPECT_NE(colon, std::string_view::npos) << line;
    std::string key(t.substr(0, colon));
    std::string_view v = core::trim(t.substr(colon + 1));
    std::string value;
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) {
      for (size_t i = 1; i + 1 < v.size(); ++i) {
        if (v.front() == '"' && v[i] == '\\' && i + 2 < v.size()) ++i;
        value += v[i];
      }
    } else {
      value = std::string(v);
    }
    out.back()[key] = value;
  }
  return out;
}

DeviceInventory parse_file(const std::string& name, DeviceOutputFormat f = DeviceOutputFormat::kAuto) {
  auto in = core::Input::open(kDir + name);
  EXPECT_TRUE(in.ok()) << name;
  auto inv = parse_device_output(std::move(*in), f);
  EXPECT_TRUE(inv.ok()) << name << ": " << (inv ? "" : inv.error().message());
  return inv ? *inv : DeviceInventory{};
}

core::Result<DeviceInventory> parse_text(const std::string& text, DeviceOutputFormat f = DeviceOutputFormat::kAuto) {
  auto in = core::Input::from_memory("cli.txt", text);
  return parse_device_output(std::move(*in), f);
}

// --- Cisco ------------------------------------------------------------------------------------

TEST(DeviceOutput, CiscoShowInventoryMatchesNtcTemplates) {
  for (const char* name : {"cisco_ios_show_inventory", "cisco_nxos_show_inventory1", "cisco_nxos_show_inventory2",
                           "cisco_xr_admin_show_inventory", "cisco_xr_admin_show_inventory2",
                           "cisco_xr_admin_show_inventory4", "cisco_xr_show_inventory_01"}) {
    SCOPED_TRACE(name);
    DeviceInventory inv = parse_file(std::string(name) + ".raw");
    auto want = ntc_expected(name);
    EXPECT_EQ(inv.format, DeviceOutputFormat::kCiscoShowInventory);
    EXPECT_EQ(inv.vendor, "Cisco");
    ASSERT_EQ(inv.items.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      SCOPED_TRACE(i);
      const InventoryItem& it = inv.items[i];
      EXPECT_EQ(it.name, want[i]["name"]);
      EXPECT_EQ(it.description, core::trim(want[i]["descr"]));
      EXPECT_EQ(it.model, want[i]["pid"]);
      EXPECT_EQ(it.version, want[i]["vid"]);
      EXPECT_EQ(it.serial, want[i]["sn"]);
      EXPECT_EQ(it.source, "show inventory PID");
    }
  }
}

TEST(DeviceOutput, CiscoVendorsChassisAndPositions) {
  DeviceInventory ios = parse_file("cisco_ios_show_inventory.raw");
  EXPECT_EQ(ios.chassis.name, "3640 chassis");
  EXPECT_EQ(ios.chassis.serial, "FF1045C5");
  EXPECT_EQ(ios.items[1].pos.to_string(), kDir + "cisco_ios_show_inventory.raw:5");  // the PID line
  for (const auto& it : ios.items) EXPECT_EQ(it.vendor, "Cisco");

  DeviceInventory nxos = parse_file("cisco_nxos_show_inventory1.raw");
  EXPECT_EQ(nxos.chassis.model, "N9K-C9396PX");
  EXPECT_EQ(nxos.chassis.serial, "SAL1819S6LU");
  // NX-OS transceivers name their maker in DESCR.
  EXPECT_EQ(nxos.items[11].name, "Ethernet1/46");
  EXPECT_EQ(nxos.items[11].vendor, "CISCO-AVAGO");
  EXPECT_EQ(nxos.items[12].vendor, "CISCO");
  EXPECT_EQ(nxos.items[10].vendor, "Cisco");

  DeviceInventory xr = parse_file("cisco_xr_admin_show_inventory.raw");  // CRLF, chassis listed last
  EXPECT_EQ(xr.chassis.model, "ASR-9006");
  EXPECT_EQ(xr.chassis.serial, "JCY98XR393D");

  DeviceInventory c8k = parse_file("cisco_xr_show_inventory_01.raw");
  EXPECT_EQ(c8k.chassis.name, "Rack 0");
  EXPECT_EQ(c8k.chassis.model, "8202-32FH-M");
  // "Non-Cisco" optics: the maker is not stated.
  EXPECT_EQ(c8k.items[5].model, "Q.161HG.2.C");
  EXPECT_EQ(c8k.items[5].vendor, "");
  EXPECT_EQ(c8k.items[4].vendor, "Cisco");
}

// --- Arista -----------------------------------------------------------------------------------

TEST(DeviceOutput, AristaShowInventoryMatchesNtcTemplates) {
  for (const char* name : {"arista_eos_show_inventory1", "arista_eos_show_inventory2"}) {
    SCOPED_TRACE(name);
    DeviceInventory inv = parse_file(std::string(name) + ".raw");
    EXPECT_EQ(inv.format, DeviceOutputFormat::kAristaShowInventory);
    std::vector<Record> want;
    for (auto& r : ntc_expected(name))
      if (!(r["pid"].empty() && r["sn"].empty())) want.push_back(r);  // "System has N ports" counts: not equipment
    ASSERT_EQ(inv.items.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      SCOPED_TRACE(i);
      const InventoryItem& it = inv.items[i];
      EXPECT_EQ(it.model, want[i]["pid"]);
      EXPECT_EQ(it.serial, want[i]["sn"]);
      EXPECT_EQ(it.version, want[i]["vid"]);
      std::string port = it.name == "Chassis" ? "" : it.name.substr(it.name.find(' ') + 1);
      EXPECT_EQ(port, want[i]["port"]);
      // ntc puts the chassis description, or a transceiver's manufacturer, in descr.
      bool xcvr = it.name.starts_with("Port ");
      EXPECT_EQ(xcvr ? it.vendor : it.description, core::trim(want[i]["descr"]));
      if (!xcvr) {
        EXPECT_EQ(it.vendor, "Arista");
      }
    }
  }
  DeviceInventory two = parse_file("arista_eos_show_inventory2.raw");
  EXPECT_EQ(two.chassis.model, "DCS-7280DR3A-54");
  EXPECT_EQ(two.chassis.serial, "FGN2348049J");
  EXPECT_EQ(two.chassis.version, "12.10");
  EXPECT_EQ(two.items.back().vendor, "WhiteBoxNetworks");
}

// --- Juniper ----------------------------------------------------------------------------------

using Triple = std::tuple<std::string, std::string, std::string>;  // part, serial, description

// ntc-templates' juniper template writes one wide record per leaf with a prefix per level
// (fpc_, mic_, pic_, xcvr_, ps_ ...); every (part, serial, description) it names.
std::set<Triple> ntc_juniper_triples(const std::vector<Record>& records, Record* chassis) {
  std::set<Triple> out;
  for (const Record& r : records) {
    std::set<std::string> prefixes;
    for (const auto& [k, v] : r)
      if (!v.empty() && k.find('_') != std::string::npos) prefixes.insert(k.substr(0, k.find('_')));
    for (const std::string& p : prefixes) {
      auto get = [&](const char* f) {
        auto it = r.find(p + "_" + f);
        return it == r.end() ? std::string() : it->second;
      };
      if (p == "chassis") {
        (*chassis)["serial"] = get("serial_number");
        (*chassis)["description"] = get("description");
        continue;
      }
      out.emplace(get("part"), get("serial_number"), get("description"));
    }
  }
  return out;
}

TEST(DeviceOutput, JuniperShowChassisHardwareMatchesNtcTemplates) {
  for (const char* name : {"juniper_junos_show_chassis_hardware", "juniper_junos_show_chassis_hardware3",
                           "juniper_junos_show_chassis_hardware_dac_no_revision"}) {
    SCOPED_TRACE(name);
    DeviceInventory inv = parse_file(std::string(name) + ".raw");
    EXPECT_EQ(inv.format, DeviceOutputFormat::kJuniperShowChassisHardware);
    Record chassis;
    std::set<Triple> want = ntc_juniper_triples(ntc_expected(name), &chassis);
    std::set<Triple> got;
    for (const InventoryItem& it : inv.items)
      if (it.name != "Chassis") got.emplace(it.part_number, it.serial, it.description);
    // Every item ntc-templates reads, we read the same way.
    for (const Triple& t : want)
      EXPECT_TRUE(got.count(t)) << std::get<0>(t) << " | " << std::get<1>(t) << " | " << std::get<2>(t);
    // What we read beyond it: rows its template has no prefix for.
    for (const Triple& t : got)
      if (!want.count(t)) {
        const std::string& d = std::get<2>(t);
        EXPECT_TRUE(d == "QSFP28-100G-CU1M" || d.starts_with("JPSU-650W") || d.starts_with("fan-ctrl") ||
                    d == "FPC CPU" || d == "RE-EX4650-48Y-8C")
            << "not in ntc's parse: " << std::get<0>(t) << " | " << std::get<1>(t) << " | " << d;
      }
    if (inv.chassis.description.find(' ') == std::string::npos) {
      EXPECT_EQ(inv.chassis.serial, chassis["serial"]);
      EXPECT_EQ(inv.chassis.description, chassis["description"]);
    }
  }
  // ntc-templates mis-reads a chassis description with a space: "JNP204 [MX204]" becomes
  // serial "JNP204" and description "[MX204]", "Virtual Chassis" serial "Virtual"; the raw
  // lines say serial A0000 and XH3123120000.
  DeviceInventory mx204 = parse_file("juniper_junos_show_chassis_hardware3.raw");
  EXPECT_EQ(mx204.chassis.serial, "A0000");
  EXPECT_EQ(mx204.chassis.model, "JNP204 [MX204]");
  EXPECT_EQ(mx204.chassis.source, "show chassis hardware Description");
  DeviceInventory vc = parse_file("juniper_junos_show_chassis_hardware_dac_no_revision.raw");
  EXPECT_EQ(vc.chassis.serial, "XH3123120000");
  EXPECT_EQ(vc.chassis.description, "Virtual Chassis");
}

TEST(DeviceOutput, JuniperHierarchyAndThirdPartyOptics) {
  DeviceInventory inv = parse_file("juniper_junos_show_chassis_hardware.raw");
  EXPECT_EQ(inv.vendor, "Juniper");
  EXPECT_EQ(inv.chassis.model, "MX10-T");
  EXPECT_EQ(inv.chassis.serial, "A1111");
  auto it =
      std::find_if(inv.items.begin(), inv.items.end(), [](const InventoryItem& i) { return i.serial == "CC37BK0PQ"; });
  ASSERT_NE(it, inv.items.end());
  EXPECT_EQ(it->name, "FPC 1/MIC 1/PIC 2/Xcvr 0");
  EXPECT_EQ(it->part_number, "NON-JNPR");
  EXPECT_EQ(it->vendor, "");  // not Juniper's own part: maker unknown
  EXPECT_EQ(it->pos.line, 22u);
  auto pem = std::find_if(inv.items.begin(), inv.items.end(), [](const InventoryItem& i) { return i.name == "PEM 1"; });
  ASSERT_NE(pem, inv.items.end());
  EXPECT_EQ(pem->version, "Rev 05");
  EXPECT_EQ(pem->model, "740-028288");
  EXPECT_EQ(pem->vendor, "Juniper");
  EXPECT_EQ(inv.items.size(), 24u);
}

// --- Huawei -----------------------------------------------------------------------------------

TEST(DeviceOutput, HuaweiDisplayDeviceMatchesNtcTemplates) {
  for (const char* name :
       {"huawei_vrp_display_device", "huawei_vrp_display_device_all", "huawei_vrp_display_device_card"}) {
    SCOPED_TRACE(name);
    DeviceInventory inv = parse_file(std::string(name) + ".raw");
    EXPECT_EQ(inv.format, DeviceOutputFormat::kHuaweiDisplayDevice);
    EXPECT_EQ(inv.vendor, "Huawei");
    auto want = ntc_expected(name);
    ASSERT_EQ(inv.items.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      SCOPED_TRACE(i);
      Record& w = want[i];
      EXPECT_EQ(inv.items[i].model, w["pid"]);
      EXPECT_EQ(inv.items[i].status, w["online_status"]);
      EXPECT_EQ(inv.items[i].name, w["card"] == "-" ? w["slot"] : w["slot"] + "/" + w["card"]);
      EXPECT_EQ(inv.items[i].vendor, "Huawei");
    }
  }
  EXPECT_EQ(parse_file("huawei_vrp_display_device.raw").chassis.model, "CE12808S");
}

TEST(DeviceOutput, HuaweiDisplayVersionMatchesNtcTemplates) {
  for (const char* name :
       {"huawei_vrp_display_version2", "huawei_vrp_display_version3", "huawei_vrp_display_version5"}) {
    SCOPED_TRACE(name);
    DeviceInventory inv = parse_file(std::string(name) + ".raw");
    EXPECT_EQ(inv.format, DeviceOutputFormat::kHuaweiDisplayVersion);
    EXPECT_EQ(inv.chassis.model, ntc_expected(name).at(0)["model"]);
    ASSERT_EQ(inv.items.size(), 1u);
    EXPECT_EQ(inv.items[0].vendor, "Huawei");
  }
}

TEST(DeviceOutput, NapalmHuaweiSamples) {
  // napalm-huawei-vrp NE40E-X8A: model from display version, serial from display esn.
  DeviceInventory ver = parse_file("napalm-huawei-vrp-ne40e/display_version.txt");
  EXPECT_EQ(ver.chassis.model, "NE40E-X8A");
  DeviceInventory esn = parse_file("napalm-huawei-vrp-ne40e/display_esn.txt");
  EXPECT_EQ(esn.format, DeviceOutputFormat::kHuaweiDisplayEsn);
  EXPECT_EQ(esn.chassis.serial, "2102550AFWP0H6000080");
  EXPECT_EQ(esn.chassis.pos.line, 1u);
  // napalm-ce CE6850: model and vendor as NAPALM's get_facts expects them.
  auto facts = nlohmann::json::parse(read_text(kDir + "napalm-ce-ce6850/expected_result.json"));
  DeviceInventory ce = parse_file("napalm-ce-ce6850/display_version.txt");
  EXPECT_EQ(ce.chassis.model, facts["model"].get<std::string>());
  EXPECT_EQ(ce.vendor, facts["vendor"].get<std::string>());
}

TEST(DeviceOutput, HuaweiCaptureWithPrompts) {
  // Hand-made (see the README): display device, display esn, display elabel and an
  // unrelated command, each after its prompt.
  DeviceInventory inv = parse_file("handmade-huawei-capture.txt");
  EXPECT_EQ(inv.format, DeviceOutputFormat::kHuaweiDisplayDevice);
  ASSERT_EQ(inv.sections.size(), 4u);
  EXPECT_EQ(inv.sections[0].command, "display device");
  EXPECT_EQ(inv.sections[1].format, DeviceOutputFormat::kHuaweiDisplayEsn);
  EXPECT_EQ(inv.sections[2].format, DeviceOutputFormat::kHuaweiDisplayElabel);
  EXPECT_EQ(inv.sections[2].pos.line, 10u);
  EXPECT_EQ(inv.sections[3].command, "display interface brief");
  EXPECT_EQ(inv.sections[3].format, DeviceOutputFormat::kAuto);  // skipped
  EXPECT_EQ(inv.chassis.model, "NE8000-M8");
  EXPECT_EQ(inv.chassis.serial, "2102351000TEST000001");
  ASSERT_EQ(inv.items.size(), 6u);  // 3 display device rows + 3 elabel boards
  EXPECT_EQ(inv.items[2].name, "PWR1");
  EXPECT_EQ(inv.items[2].model, "PAC3KS54-CE");
  const InventoryItem& board = inv.items[3];
  EXPECT_EQ(board.name, "Slot_1/Board");
  EXPECT_EQ(board.model, "CR5D00E8NC77");
  EXPECT_EQ(board.serial, "030TEST0000001");
  EXPECT_EQ(board.part_number, "03030TST");
  EXPECT_EQ(board.vendor, "Huawei");
  EXPECT_EQ(board.source, "display elabel BoardType");
  EXPECT_EQ(board.pos.line, 25u);
  const InventoryItem& optic = inv.items[4];
  EXPECT_EQ(optic.name, "Slot_1/Port_1");
  EXPECT_EQ(optic.vendor, "FINISAR CORP.");  // the elabel names another maker
  EXPECT_EQ(optic.serial, "TESTOPTIC0001");
  EXPECT_EQ(inv.items[5].name, "Slot_9/Backplane");
}

TEST(DeviceOutput, RealElabelExcerptIfStaged) {
  // The only real `display elabel` found has no licence, so it is not copied here (see the
  // MANIFEST); read it from the staged set when it is there.
  const std::string staged = std::string(CLEANNET_SOURCE_DIR) +
                             "/../shared/data/inventory/device-output/huawei-vrp-notes/s5730-display-device-elabel.txt";
  if (!fs::exists(staged)) GTEST_SKIP() << staged << " not present";
  auto in = core::Input::open(staged);
  ASSERT_TRUE(in.ok());
  auto inv = parse_device_output(std::move(*in));
  ASSERT_TRUE(inv.ok()) << inv.error().message();
  EXPECT_EQ(inv->chassis.model, "S5730-48C-SI-AC");
  size_t elabel = 0;
  for (const InventoryItem& it : inv->items)
    if (it.source == "display elabel BoardType") {
      ++elabel;
      EXPECT_EQ(it.vendor, "Huawei");
    }
  EXPECT_EQ(elabel, 2u);
  EXPECT_EQ(inv->items.size(), 7u);  // 5 display device rows + 2 elabel blocks
}

// --- ZTE --------------------------------------------------------------------------------------

TEST(DeviceOutput, ZteShowVersion) {
  DeviceInventory inv = parse_file("zte_zxros_show_version.raw");
  EXPECT_EQ(inv.format, DeviceOutputFormat::kZteShowVersion);
  EXPECT_EQ(inv.vendor, "ZTE");
  EXPECT_EQ(inv.chassis.model, "ZXCTN 6120H-S");
  EXPECT_TRUE(inv.chassis.model.ends_with(core::trim(ntc_expected("zte_zxros_show_version").at(0)["hardware"])));
  ASSERT_EQ(inv.items.size(), 4u);
  EXPECT_EQ(inv.items[0].name, "shelf 1, slot 1");
  EXPECT_EQ(inv.items[0].model, "SMGD");
  EXPECT_EQ(inv.items[0].description, "6120H-S System Main Board D");
  EXPECT_EQ(inv.items[3].model, "PW1DC");
  for (const auto& it : inv.items) EXPECT_EQ(it.vendor, "ZTE");
}

// --- formats and errors -----------------------------------------------------------------------

TEST(DeviceOutput, UnknownFormatNamesTheFileAndFirstLine) {
  auto in = core::Input::open(kDir + "cisco_ios_show_cdp_neighbors_detail2.raw");
  auto inv = parse_device_output(std::move(*in));
  ASSERT_FALSE(inv.ok());
  EXPECT_EQ(inv.error().message(),
            kDir +
                "cisco_ios_show_cdp_neighbors_detail2.raw:1:1: expected device CLI output in a known format (Cisco or "
                "Arista show inventory, Juniper show chassis hardware, Huawei display device, display elabel, display "
                "version or display esn, ZTE show version), found \"Device ID: switchxxxxx\"");
  auto empty = parse_text("\n\n");
  ASSERT_FALSE(empty.ok());
  EXPECT_TRUE(empty.error().message().ends_with("found an empty output"));
}

TEST(DeviceOutput, ExplicitFormat) {
  // Forced format: the Cisco parser reads an IOS capture with its prompt removed.
  auto inv = parse_text("r1#show inventory\nNAME: \"c\", DESCR: \"d\"\nPID: P1 , VID: V1 , SN: S1\nr1#\n",
                        DeviceOutputFormat::kCiscoShowInventory);
  ASSERT_TRUE(inv.ok()) << inv.error().message();
  ASSERT_EQ(inv->items.size(), 1u);
  EXPECT_EQ(inv->items[0].model, "P1");
  EXPECT_EQ(inv->sections.at(0).command, "show inventory");
  auto wrong =
      parse_text("NAME: \"c\", DESCR: \"d\"\nPID: P1 , VID: V1 , SN: S1\n", DeviceOutputFormat::kHuaweiDisplayDevice);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(
      wrong.error().message(),
      "cli.txt:2: expected the Slot/Type/Online header of display device, found none before the end of the output");
}

TEST(DeviceOutput, FormatNames) {
  for (auto f :
       {DeviceOutputFormat::kAuto, DeviceOutputFormat::kCiscoShowInventory, DeviceOutputFormat::kAristaShowInventory,
        DeviceOutputFormat::kJuniperShowChassisHardware, DeviceOutputFormat::kHuaweiDisplayDevice,
        DeviceOutputFormat::kHuaweiDisplayElabel, DeviceOutputFormat::kHuaweiDisplayVersion,
        DeviceOutputFormat::kHuaweiDisplayEsn, DeviceOutputFormat::kZteShowVersion})
    EXPECT_EQ(parse_device_output_format(device_output_format_name(f)), f);
  EXPECT_EQ(parse_device_output_format("Cisco-Show-Inventory"), DeviceOutputFormat::kCiscoShowInventory);
  EXPECT_FALSE(parse_device_output_format("cisco"));
}

// --- bad corpus ---------------------------------------------------------------------------

// Every tests/data/bad/netmodel/device-output/NAME.txt is rejected with exactly the message in
// NAME.expected, the path relative to the repository root.

TEST(BadDeviceOutput, EachCaseGivesExactlyTheExpectedMessage) {
  testing::check_bad_corpus("tests/data/bad/netmodel/device-output", ".txt", 5,
                            [](const fs::path& f) -> std::optional<std::string> {
                              auto inv = parse_device_output(*core::Input::open(f.string()));
                              if (inv) return std::nullopt;
                              return inv.error().message();
                            });
}

// --- attaching a capture to a device of a network ------------------------------------------

Device device(std::string id, std::string vendor = "") {
  Device d;
  d.id = std::move(id);
  d.equipment.vendor = std::move(vendor);
  return d;
}

TEST(DeviceOutput, AttachFillsMissingVendorAndAddsParts) {
  Network net;
  net.devices.push_back(device("mx1"));
  net.devices.push_back(device("r2", "Cisco"));
  const std::string juniper = kDir + "juniper_junos_show_chassis_hardware.raw";
  auto parsed = parse_device_output(*core::Input::open(juniper));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();

  ASSERT_TRUE(attach_device_output(net, "mx1", *core::Input::open(juniper)).ok());
  const Device& mx = net.devices[0];
  // The empty inventory vendor is filled from the chassis; every other item is a component.
  EXPECT_EQ(mx.equipment.vendor, parsed->chassis.vendor);
  EXPECT_EQ(mx.equipment.model, parsed->chassis.model);
  EXPECT_EQ(mx.equipment.pos.to_string(), parsed->chassis.pos.to_string());
  ASSERT_EQ(mx.components.size(), parsed->items.size() - 1);
  EXPECT_EQ(mx.components[0].model, parsed->items[1].model);
  // Where the part sits leads its description.
  EXPECT_TRUE(mx.components[0].description.starts_with(parsed->items[1].name)) << mx.components[0].description;

  // A chassis whose maker disagrees with the inventory is kept as a component, so both are judged.
  ASSERT_TRUE(attach_device_output(net, "r2", *core::Input::open(juniper)).ok());
  const Device& r2 = net.devices[1];
  EXPECT_EQ(r2.equipment.vendor, "Cisco");
  ASSERT_EQ(r2.components.size(), parsed->items.size());
  EXPECT_EQ(r2.components[0].vendor, parsed->chassis.vendor);
  EXPECT_EQ(r2.components[0].model, parsed->chassis.model);
}

TEST(DeviceOutput, AttachRejectsUnknownDeviceAndBadCaptureWithoutChange) {
  Network net;
  net.devices.push_back(device("r1", "Cisco"));
  auto unknown = attach_device_output(net, "r9", *core::Input::from_memory("cap.txt", "x"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message(),
            "cap.txt: expected a device of the network to attach the CLI output to, found no device \"r9\"");
  auto bad = attach_device_output(net, "r1", *core::Input::from_memory("cap.txt", "hello\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(net.devices[0].components.empty());
  EXPECT_EQ(net.devices[0].equipment.vendor, "Cisco");
}

}  // namespace
}  // namespace cleannet::netmodel
