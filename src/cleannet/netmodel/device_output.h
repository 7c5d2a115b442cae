// A vendor census from what network devices say about themselves: the CLI output operators
// collect (by hand, RANCID, Oxidized, netmiko ...) parsed into the equipment it lists.
//
// Formats (detected from the text unless given):
//   Cisco `show inventory` (IOS, IOS XE, NX-OS, IOS XR, also `admin show inventory`):
//       NAME/DESCR and PID/VID/SN line pairs;
//   Arista `show inventory`: system information, power supplies, fans, transceivers;
//   Juniper `show chassis hardware`: the Item/Version/Part number/Serial number/Description table;
//   Huawei VRP `display device` (Slot/Card|Sub/Type/Online ... table), `display elabel`
//       ([Board Properties] blocks: BoardType, BarCode, Item, Description, VendorName),
//       `display version` (the chassis model) and `display esn` (the chassis serial);
//   ZTE ZXROS `show version` (the chassis model and its [board, shelf, slot] blocks).
// A capture holding several commands, each after its prompt ("<SW>display device",
// "router#show inventory", "user@mx> show chassis hardware"), is read section by section;
// sections in no known format are skipped and listed.
//
// Each item's vendor is the maker the output implies (Cisco, Arista, Juniper, Huawei, ZTE)
// unless it names another: an elabel VendorName, an Arista transceiver's Manufacturer, an
// NX-OS transceiver's DESCR; "" (unknown) when it says the part is not the vendor's own
// (Juniper "NON-JNPR", Cisco "Non-Cisco ..."). Vendors stay free text for the trust resolver.
//
//   auto inv = parse_device_output(*core::Input::open("r1-show-inventory.txt"));
//   if (!inv) return fail(inv.error());
//   for (const InventoryItem& it : inv->items) census[it.vendor]++;
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"
#include "cleannet/netmodel/network.h"

namespace cleannet::netmodel {

enum class DeviceOutputFormat {
  kAuto,
  kCiscoShowInventory,
  kAristaShowInventory,
  kJuniperShowChassisHardware,
  kHuaweiDisplayDevice,
  kHuaweiDisplayElabel,
  kHuaweiDisplayVersion,
  kHuaweiDisplayEsn,
  kZteShowVersion,
};

// "auto", "cisco-show-inventory", "arista-show-inventory", "juniper-show-chassis-hardware",
// "huawei-display-device", "huawei-display-elabel", "huawei-display-version",
// "huawei-display-esn", "zte-show-version".
const char* device_output_format_name(DeviceOutputFormat f);
std::optional<DeviceOutputFormat> parse_device_output_format(std::string_view name);

// One line of an inventory: Equipment (vendor, model, serial, description, source, pos = the
// line it was read from) plus what places it in the box.
struct InventoryItem : Equipment {
  std::string name;         // Cisco NAME, Juniper Item path ("FPC 1/MIC 0/PIC 2/Xcvr 0"), Huawei
                            // slot[/card] ("1/FAN1"), elabel section ("Slot_0/Main_Board"),
                            // Arista "PSU 1", "Fan 1", "Port 1"; ZTE "shelf 1, slot 2"
  std::string version;      // Cisco VID, Juniper Version, Arista HW version or Rev, elabel IssueNumber
  std::string part_number;  // Juniper Part number, elabel Item (BOM code)
  std::string status;       // Huawei display device Online column ("Present", "Offline")
};

struct DeviceOutputSection {
  DeviceOutputFormat format = DeviceOutputFormat::kAuto;  // kAuto: not recognised, skipped
  std::string command;                                    // the command after the prompt, "" without prompts
  core::SourcePos pos;                                    // its first line
};

struct DeviceInventory {
  DeviceOutputFormat format = DeviceOutputFormat::kAuto;  // of the first section read
  std::string vendor;                                     // the maker the output implies ("Cisco", "Huawei" ...)
  InventoryItem chassis;                                  // the box itself, as far as the output names it
  std::vector<InventoryItem> items;                       // every item listed; just the chassis for version/esn output
  std::vector<DeviceOutputSection> sections;
};

// Largest capture read (decompressed).
inline constexpr size_t kMaxDeviceOutputBytes = size_t{64} << 20;

// Parses a capture. Errors name file:line[:column] and what was expected there; output in no
// known format is rejected with its first non-blank line.
core::Result<DeviceInventory> parse_device_output(core::Input in,
                                                  DeviceOutputFormat format = DeviceOutputFormat::kAuto);

// Parses a capture and attaches what it lists to a device of the network (attach_equipment:
// the chassis is the product, every other item a component), so that a Huawei line card
// in a Cisco chassis is checked like the chassis. Errors: the parser's, or an unknown
// device_id (at the capture's file). Nothing is changed on error.
core::Status attach_device_output(Network& net, const std::string& device_id, core::Input in,
                                  DeviceOutputFormat format = DeviceOutputFormat::kAuto);

}  // namespace cleannet::netmodel
