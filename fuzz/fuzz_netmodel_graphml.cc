// Fuzzes the GraphML importer (Internet Topology Zoo files): load_graphml() on the bytes.
// An accepted network must be internally consistent: finalize() ran, so every link end
// names a device of the network.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/core/input.h"
#include "cleannet/netmodel/graphml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Decompression is fuzz_input's business; here it would only spend the time budget.
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  auto in = core::Input::from_memory("fuzz.graphml", bytes);
  if (!in) return 0;
  netmodel::GraphmlDetails details;
  auto net = netmodel::load_graphml(std::move(*in), nullptr, &details);
  if (!net) {
    (void)net.error().message();
    return 0;
  }
  if (net->device_index.size() != net->devices.size()) __builtin_trap();
  for (const auto& l : net->links)
    if (!net->find_device(l.a) || !net->find_device(l.b)) __builtin_trap();
  return 0;
}
