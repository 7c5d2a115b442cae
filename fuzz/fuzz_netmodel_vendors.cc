// Fuzzes the vendor-assignment CSV (vendors for a GraphML topology): load_vendor_assignment()
// on the bytes, then apply_vendor_assignment() to a three-node network. A rejected
// assignment must name a position; an applied one must have set every listed device.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "cleannet/core/input.h"
#include "cleannet/netmodel/graphml.h"
#include "cleannet/netmodel/vendor_assignment.h"

namespace {

using namespace cleannet;

const netmodel::Network& base() {
  static const netmodel::Network* net = [] {
    auto in = core::Input::from_memory("base.graphml", R"(<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key attr.name="label" attr.type="string" for="node" id="d0"/>
  <graph edgedefault="undirected">
    <node id="0"><data key="d0">Paris</data></node>
    <node id="1"><data key="d0">Berlin</data></node>
    <node id="2"><data key="d0">Rome</data></node>
    <edge source="0" target="1"/>
    <edge source="1" target="2"/>
  </graph>
</graphml>)");
    auto n = netmodel::load_graphml(std::move(*in));
    if (!n) {
      std::fprintf(stderr, "fuzz_netmodel_vendors setup: %s\n", n.error().message().c_str());
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
  auto in = core::Input::from_memory("vendors.csv", bytes);
  if (!in) return 0;
  auto va = netmodel::load_vendor_assignment(std::move(*in));
  if (!va) {
    if (va.error().message().empty()) __builtin_trap();
    return 0;
  }
  netmodel::Network net = base();
  auto st = netmodel::apply_vendor_assignment(*va, net);
  if (!st) {
    (void)st.error().message();
    return 0;
  }
  if (va->synthetic && !net.synthetic) __builtin_trap();
  return 0;
}
