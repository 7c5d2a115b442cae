// Fuzzes the native JSON inventory importer and the positioned JSON reader under it: the
// bytes as a document on their own, then as an inventory. An accepted network must be
// internally consistent (finalize() ran: every reference resolves).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/core/input.h"
#include "cleannet/core/json.h"
#include "cleannet/netmodel/native_json.h"

namespace {

using namespace cleannet;

void check(const netmodel::Network& net) {
  if (net.device_index.size() != net.devices.size()) __builtin_trap();
  for (const auto& l : net.links)
    if (!net.find_device(l.a) || !net.find_device(l.b)) __builtin_trap();
  for (const auto& d : net.demands) {
    if (!net.find_device(d.source) || !net.find_device(d.destination)) __builtin_trap();
    for (const auto& hop : d.path)
      if (!net.find_device(hop)) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Compressed inputs are the input layer's business (fuzz_input); here they would only
  // spend the time budget inflating.
  if (cleannet::core::detect_compression(bytes) != cleannet::core::Compression::kNone) return 0;
  if (auto doc = core::json::parse("fuzz.json", bytes); !doc) (void)doc.error().message();
  auto in = core::Input::from_memory("fuzz.json", bytes);
  if (!in) return 0;
  auto net = netmodel::load_network_json(std::move(*in));
  if (!net) {
    (void)net.error().message();
    return 0;
  }
  check(*net);
  return 0;
}
