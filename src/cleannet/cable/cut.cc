#include "cleannet/cable/cut.h"

#include <algorithm>

#include "cleannet/graph/flow.h"

namespace cleannet::cable {

CutResult min_cable_cut(const CableGraph& g, const std::vector<bool>& usable, uint32_t source,
                        const std::vector<bool>& is_target) {
  const uint32_t sink = g.num_countries;
  const uint32_t ncables = static_cast<uint32_t>(g.cable_countries.size());
  graph::FlowNetwork f(g.num_countries + 1 + 2 * ncables);
  for (uint32_t c = 0; c < g.num_countries; ++c)
    if (is_target[c]) f.add_arc(c, sink, graph::kInfiniteCapacity);
  std::vector<uint32_t> cable_arc(ncables, UINT32_MAX);
  for (uint32_t k = 0; k < ncables; ++k) {
    if (!usable[k]) continue;
    const uint32_t in = g.num_countries + 1 + 2 * k, out = in + 1;
    cable_arc[k] = f.add_arc(in, out, 1);
    for (uint32_t c : g.cable_countries[k]) {
      f.add_arc(c, in, graph::kInfiniteCapacity);
      f.add_arc(out, c, graph::kInfiniteCapacity);
    }
  }
  CutResult r;
  r.connected = f.max_flow(source, sink) > 0;
  if (!r.connected) return r;
  for (uint32_t a : f.min_cut_arcs()) {
    // Only capacity-1 arcs can be in a finite cut; map them back to cables.
    const uint32_t k = (f.arc(a).from - g.num_countries - 1) / 2;
    r.cables.push_back(k);
  }
  std::sort(r.cables.begin(), r.cables.end());
  return r;
}

}  // namespace cleannet::cable
