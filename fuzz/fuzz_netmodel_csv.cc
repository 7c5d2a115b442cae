// Fuzzes the native CSV inventory importer. The input is split at form feeds ('\f') into
// devices.csv, links.csv and (optionally) demands.csv; with no form feed the bytes are the
// devices and a header-only links.csv is used.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/netmodel/native_csv.h"

using namespace cleannet;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (parts.size() < 2) {
    size_t ff = bytes.find('\f', start);
    if (ff == std::string_view::npos) break;
    parts.push_back(bytes.substr(start, ff - start));
    start = ff + 1;
  }
  parts.push_back(bytes.substr(start));
  for (std::string_view p : parts)
    if (core::detect_compression(p) != core::Compression::kNone) return 0;
  auto devices = core::Input::from_memory("devices.csv", parts[0]);
  auto links = core::Input::from_memory("links.csv", parts.size() > 1 ? parts[1] : std::string_view("a,b\n"));
  if (!devices || !links) return 0;
  std::optional<core::Input> demands;
  if (parts.size() > 2) {
    auto d = core::Input::from_memory("demands.csv", parts[2]);
    if (!d) return 0;
    demands.emplace(std::move(*d));
  }
  auto net = netmodel::load_network_csv(std::move(*devices), std::move(*links), std::move(demands));
  if (!net) {
    (void)net.error().message();
    return 0;
  }
  if (net->device_index.size() != net->devices.size()) __builtin_trap();
  for (const auto& l : net->links)
    if (!net->find_device(l.a) || !net->find_device(l.b)) __builtin_trap();
  return 0;
}
