// Fuzzes the NetBox importer (REST exports and Django dumpdata). The input is split at the
// first form feed ('\f') into the devices and the cables input; with none, the bytes are
// the devices input alone.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "cleannet/core/input.h"
#include "cleannet/netmodel/netbox.h"

using namespace cleannet;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  size_t ff = bytes.find('\f');
  std::string_view devices = bytes.substr(0, ff);
  if (core::detect_compression(devices) != core::Compression::kNone) return 0;
  auto dev = core::Input::from_memory("devices.json", devices);
  if (!dev) return 0;
  std::optional<core::Input> cables;
  if (ff != std::string_view::npos) {
    std::string_view rest = bytes.substr(ff + 1);
    if (core::detect_compression(rest) != core::Compression::kNone) return 0;
    auto c = core::Input::from_memory("cables.json", rest);
    if (!c) return 0;
    cables.emplace(std::move(*c));
  }
  auto net = netmodel::load_netbox(std::move(*dev), std::move(cables));
  if (!net) {
    (void)net.error().message();
    return 0;
  }
  if (net->device_index.size() != net->devices.size()) __builtin_trap();
  for (const auto& l : net->links)
    if (!net->find_device(l.a) || !net->find_device(l.b)) __builtin_trap();
  for (const auto& d : net->devices) (void)netmodel::netbox_role(d.role_label);
  return 0;
}
