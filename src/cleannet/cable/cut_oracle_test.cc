// Oracle for min_cable_cut: on 1,000 random small cable graphs (seeded), the cut size
// equals the fewest cables whose removal leaves no cable path from the source country to
// the target set, found by brute force over every subset of the usable cables; the cut
// returned is such a set, and `connected` agrees with a plain search.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "cleannet/cable/cut.h"

namespace cleannet::cable {
namespace {

// Can `source` reach a target using the usable cables not in `removed`?
bool reaches(const CableGraph& g, const std::vector<bool>& usable, uint32_t removed, uint32_t source,
             const std::vector<bool>& is_target) {
  std::vector<bool> seen(g.num_countries, false);
  std::vector<uint32_t> stack{source};
  seen[source] = true;
  while (!stack.empty()) {
    uint32_t u = stack.back();
    stack.pop_back();
    if (is_target[u]) return true;
    for (uint32_t k = 0; k < g.cable_countries.size(); ++k) {
      if (!usable[k] || (removed >> k) & 1) continue;
      const auto& cs = g.cable_countries[k];
      bool here = false;
      for (uint32_t c : cs) here = here || c == u;
      if (!here) continue;
      for (uint32_t c : cs)
        if (!seen[c]) {
          seen[c] = true;
          stack.push_back(c);
        }
    }
  }
  return false;
}

TEST(CableCutOracle, AgreesWithBruteForceOverCableSubsets) {
  std::mt19937 rng(7001);
  const int kGraphs = 1000;
  int connected = 0, multi = 0;
  for (int n = 0; n < kGraphs; ++n) {
    CableGraph g;
    g.num_countries = 2 + rng() % 6;      // 2..7 countries
    const uint32_t ncables = rng() % 11;  // 0..10 cables
    std::vector<bool> usable(ncables);
    for (uint32_t k = 0; k < ncables; ++k) {
      const uint32_t landings = 1 + rng() % 4;  // a cable may land in one country only
      std::vector<uint32_t> cs;
      for (uint32_t i = 0; i < landings; ++i) cs.push_back(rng() % g.num_countries);
      g.cable_countries.push_back(cs);
      usable[k] = rng() % 5 != 0;
    }
    const uint32_t source = 0;
    std::vector<bool> is_target(g.num_countries, false);
    for (uint32_t c = 1; c < g.num_countries; ++c) is_target[c] = rng() % 3 == 0;
    is_target[g.num_countries - 1] = true;
    SCOPED_TRACE("graph " + std::to_string(n));
    int best = -1;
    for (uint32_t mask = 0; mask < (1u << ncables); ++mask) {
      bool only_usable = true;
      for (uint32_t k = 0; k < ncables; ++k) only_usable = only_usable && (!((mask >> k) & 1) || usable[k]);
      if (!only_usable) continue;
      int size = __builtin_popcount(mask);
      if ((best < 0 || size < best) && !reaches(g, usable, mask, source, is_target)) best = size;
    }
    CutResult r = min_cable_cut(g, usable, source, is_target);
    ASSERT_EQ(r.connected, reaches(g, usable, 0, source, is_target));
    ASSERT_EQ(static_cast<int>(r.cables.size()), best);
    uint32_t mask = 0;
    for (uint32_t k : r.cables) {
      ASSERT_TRUE(usable[k]);
      mask |= 1u << k;
    }
    EXPECT_FALSE(reaches(g, usable, mask, source, is_target));
    connected += r.connected;
    multi += r.cables.size() > 1;
  }
  // The sample exercises both outcomes and cuts of more than one cable.
  EXPECT_GT(connected, kGraphs / 4);
  EXPECT_GT(multi, kGraphs / 20);
}

}  // namespace
}  // namespace cleannet::cable
