// Fuzzes the CycloneDX HBOM reader: read_cyclonedx() on the bytes, then attach_cyclonedx()
// to a device of a small network (a vendor-less device, so the product-maker path is
// reached too). A rejected BOM must leave the network as it was.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "cleannet/core/input.h"
#include "cleannet/netmodel/cyclonedx.h"
#include "cleannet/netmodel/native_json.h"

namespace {

using namespace cleannet;

const netmodel::Network& base() {
  static const netmodel::Network* net = [] {
    auto in = core::Input::from_memory("base.json", R"({"devices": [
      {"id": "r1", "vendor": "Cisco", "role": "transmission"},
      {"id": "r2", "vendor": "", "role": "transmission"}]})");
    auto n = netmodel::load_network_json(std::move(*in));
    if (!n) {
      std::fprintf(stderr, "fuzz_netmodel_cyclonedx setup: %s\n", n.error().message().c_str());
      std::abort();
    }
    return new netmodel::Network(std::move(*n));
  }();
  return *net;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  auto in = core::Input::from_memory("bom.json", bytes);
  if (!in) return 0;
  auto bom = netmodel::read_cyclonedx(std::move(*in));
  if (!bom) (void)bom.error().message();
  for (const char* id : {"r1", "r2"}) {
    netmodel::Network net = base();
    auto again = core::Input::from_memory("bom.json", bytes);
    if (!again) return 0;
    auto s = netmodel::attach_cyclonedx(net, id, std::move(*again));
    if (s.ok() != bom.ok()) __builtin_trap();
    const auto& d = net.devices[*net.find_device(id)];
    if (!s.ok() && (!d.components.empty() || d.equipment.vendor != base().devices[*base().find_device(id)].equipment.vendor))
      __builtin_trap();
    if (s.ok() && d.components.size() < bom->components.size()) __builtin_trap();
  }
  return 0;
}
