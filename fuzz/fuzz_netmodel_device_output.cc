// Fuzzes the device CLI output parsers (Cisco/Arista show inventory, Juniper show chassis
// hardware, Huawei display device/elabel/version/esn, ZTE show version): the bytes with
// format detection, then forced into each format, then attached to a device. Whatever is
// accepted must be consistent: every item has a position inside the input, and a rejected
// capture leaves the device as it was.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/core/input.h"
#include "cleannet/netmodel/device_output.h"

namespace {

using namespace cleannet;
using netmodel::DeviceOutputFormat;

void check(const netmodel::DeviceInventory& inv, size_t size) {
  for (const auto& it : inv.items)
    if (it.pos.line == 0 || it.pos.line > size + 1) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  for (DeviceOutputFormat f :
       {DeviceOutputFormat::kAuto, DeviceOutputFormat::kCiscoShowInventory, DeviceOutputFormat::kAristaShowInventory,
        DeviceOutputFormat::kJuniperShowChassisHardware, DeviceOutputFormat::kHuaweiDisplayDevice,
        DeviceOutputFormat::kHuaweiDisplayElabel, DeviceOutputFormat::kHuaweiDisplayVersion,
        DeviceOutputFormat::kHuaweiDisplayEsn, DeviceOutputFormat::kZteShowVersion}) {
    auto in = core::Input::from_memory("cli.txt", bytes);
    if (!in) return 0;
    auto inv = netmodel::parse_device_output(std::move(*in), f);
    if (!inv) {
      (void)inv.error().message();
      continue;
    }
    check(*inv, size);
  }
  netmodel::Network net;
  net.devices.emplace_back();
  net.devices.back().id = "r1";
  net.devices.back().equipment.vendor = "Cisco";
  auto in = core::Input::from_memory("cli.txt", bytes);
  if (!in) return 0;
  auto st = netmodel::attach_device_output(net, "r1", std::move(*in));
  if (!st.ok() && (!net.devices[0].components.empty() || net.devices[0].equipment.vendor != "Cisco")) __builtin_trap();
  return 0;
}
