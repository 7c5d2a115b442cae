// Minimum cable cut: the fewest cables whose loss leaves a country with no cable path to
// any country of a target set (exact, by max-flow on a split-node graph; graph/flow.h).
//
// The model is countries joined by cables. A cable lands in several countries, so it is a
// hyperedge; each country counts as connected inside itself (terrestrial links and
// cross-border land routes are not in the data, so they are ignored). The flow network
// has a node per country, a super-sink fed by every target country (infinite capacity)
// and per cable an "in" and an "out" node joined by an arc of capacity 1; each landing
// country has infinite arcs country -> in and out -> country. Every finite arc is a cable,
// so a minimum s-t cut is a set of cables (Menger's theorem, vertex form), and its size is
// the maximum number of cable-disjoint routes from the country to the target set.
//
//   CableGraph g{3, {{0, 1}, {1, 2}, {0, 2}}};
//   CutResult r = min_cable_cut(g, {true, true, true}, /*source=*/0, {false, false, true});
//   // r.connected; r.cables has 2 cables: cable 2 and one of cables 0, 1
#pragma once

#include <cstdint>
#include <vector>

namespace cleannet::cable {

struct CableGraph {
  uint32_t num_countries = 0;
  std::vector<std::vector<uint32_t>> cable_countries;  // per cable, the countries it lands in
};

struct CutResult {
  bool connected = false;        // some usable cable path reaches the target set
  std::vector<uint32_t> cables;  // a minimum cut, by cable index ascending (empty when not connected)
};

// `usable[k]`: cable k may carry traffic; `is_target[c]`: country c is in the target set.
// The source must not itself be a target (the caller reports that case on its own).
CutResult min_cable_cut(const CableGraph& g, const std::vector<bool>& usable, uint32_t source,
                        const std::vector<bool>& is_target);

}  // namespace cleannet::cable
