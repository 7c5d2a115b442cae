// Fuzzes the CAIDA relationship reader (serial-1 and serial-2), the AS graph build and
// valley-free route inference on whatever graph comes out, plus the as2org and AS-name
// readers on the same bytes. Compressed inputs are left to fuzz_input. Checks: every
// route is a path of the stated length ending at the destination, its class matches the
// first hop's relation, and exists_clean agrees with route existence.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/asgraph/directory.h"
#include "cleannet/asgraph/graph.h"
#include "cleannet/asgraph/valley_free.h"
#include "cleannet/core/input.h"

using namespace cleannet;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  for (int reader = 0; reader < 2; ++reader) {
    auto in = core::Input::from_memory("fuzz.txt", bytes);
    if (!in) return 0;
    auto d = reader == 0 ? asgraph::read_as2org(std::move(*in)) : asgraph::read_as_names(std::move(*in));
    if (!d) {
      (void)d.error().message();
    } else {
      for (size_t i = 0; i < d->size(); ++i)
        if (!d->find(d->entry(i).asn)) __builtin_trap();
    }
  }
  auto in = core::Input::from_memory("fuzz.txt", bytes);
  if (!in) return 0;
  auto rels = asgraph::read_relationships(std::move(*in));
  if (!rels) {
    (void)rels.error().message();
    return 0;
  }
  auto g = asgraph::AsGraph::build(*rels);
  if (!g) {
    (void)g.error().message();
    return 0;
  }
  if (g->num_links() != rels->links.size()) __builtin_trap();
  asgraph::RouteTree t;
  const uint32_t n = g->num_ases();
  for (uint32_t d : {0u, n / 2, n - 1}) {
    asgraph::NodeMask allowed(n, true);
    if (n > 2) allowed.reset(asgraph::NodeId{(d + 1) % n});
    const asgraph::NodeMask* masks[] = {nullptr, &allowed};
    for (const asgraph::NodeMask* m : masks) {
      asgraph::infer_routes(*g, asgraph::NodeId{d}, m, t);
      for (uint32_t v = 0; v < n; ++v) {
        const asgraph::NodeId s{v};
        auto p = t.path(s);
        if (t.has_route(s) != !p.empty()) __builtin_trap();
        if (asgraph::exists_clean(*g, s, asgraph::NodeId{d}, m) != t.has_route(s)) __builtin_trap();
        if (p.empty()) continue;
        if (p.size() != t.length(s) + 1 || p.back() != asgraph::NodeId{d}) __builtin_trap();
        if (p.size() > 1) {
          auto rel = g->relation(p[0], p[1]);
          if (!rel || static_cast<int>(*rel) + 1 != static_cast<int>(t.route_class(s))) __builtin_trap();
        }
      }
    }
  }
  return 0;
}
