// Fuzzes the cable reader (JSON Lines and JSON array forms, chosen by content): an accepted
// file has non-empty unique ids and an ISO code for every landing point, and the country
// connectivity on it (all cables, the first one removed) finishes without error.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

#include "cleannet/cable/cable.h"
#include "cleannet/cable/cut.h"
#include "cleannet/core/input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  auto in = core::Input::from_memory("fuzz.jsonl", bytes);
  if (!in) return 0;
  auto set = cable::read_cables(std::move(*in));
  if (!set) {
    (void)set.error().message();
    return 0;
  }
  std::set<std::string> ids, countries;
  for (const cable::Cable& c : set->cables) {
    if (c.id.empty() || !ids.insert(c.id).second) __builtin_trap();
    for (const auto& lp : c.landing_points) {
      if (lp.country_code.size() != 2) __builtin_trap();
      countries.insert(lp.country_code);
    }
  }
  // A small min-cut run over what was read: every country to the first one.
  if (countries.size() < 2 || set->cables.size() > 200) return 0;
  std::vector<std::string> order(countries.begin(), countries.end());
  cable::CableGraph g;
  g.num_countries = static_cast<uint32_t>(order.size());
  for (const cable::Cable& c : set->cables) {
    std::vector<uint32_t> cs;
    for (const auto& lp : c.landing_points)
      cs.push_back(
          static_cast<uint32_t>(std::lower_bound(order.begin(), order.end(), lp.country_code) - order.begin()));
    g.cable_countries.push_back(cs);
  }
  std::vector<bool> usable(g.cable_countries.size(), true), target(g.num_countries, false);
  target[0] = true;
  for (uint32_t c = 1; c < g.num_countries; ++c) {
    auto r = cable::min_cable_cut(g, usable, c, target);
    if (r.connected == r.cables.empty()) __builtin_trap();
  }
  return 0;
}
