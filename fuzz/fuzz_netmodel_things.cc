// Fuzzes the Clean Things readers (netmodel/discovered.h): the bytes through core::Input as a
// capture of auto-detected format, then as each format named explicitly, so that every
// reader sees every input whatever its first line looks like. An accepted capture must hold
// only normalised MACs whose recorded kind matches their bits, and positions in the input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/core/input.h"
#include "cleannet/netmodel/discovered.h"

namespace {

using namespace cleannet;

void check(const netmodel::Discovery& d) {
  for (const auto& h : d.hosts) {
    if (h.mac.empty()) {
      if (h.mac_kind != netmodel::MacKind::kNone) __builtin_trap();
    } else {
      auto m = netmodel::parse_mac48(h.mac);
      if (!m || *m == 0 || netmodel::mac48_to_string(*m) != h.mac || netmodel::mac48_kind(*m) != h.mac_kind)
        __builtin_trap();
    }
    if (h.pos.line == 0 || h.source.empty() || h.format != d.format) __builtin_trap();
  }
  for (const auto& s : d.skipped)
    if (s.reason.empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Compressed inputs are the input layer's business (fuzz_input).
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  for (auto f :
       {netmodel::DiscoveryFormat::kAuto, netmodel::DiscoveryFormat::kNmapXml, netmodel::DiscoveryFormat::kDhcpdLeases,
        netmodel::DiscoveryFormat::kIpNeigh, netmodel::DiscoveryFormat::kArp}) {
    auto in = core::Input::from_memory("fuzz.txt", bytes);
    if (!in) return 0;
    auto d = netmodel::parse_discovered(std::move(*in), f);
    if (!d) {
      (void)d.error().message();
      continue;
    }
    check(*d);
  }
  return 0;
}
