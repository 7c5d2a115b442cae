// Max-flow / min-cut: hand-checked cases, then an oracle: on 1,000 random small directed
// graphs (seeded), the flow value equals the cheapest set of arcs whose removal leaves no
// s-t path, found by brute force over every subset of arcs, and the cut the network
// returns is such a set (it disconnects, and its capacity is the flow value).
#include "cleannet/graph/flow.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace cleannet::graph {
namespace {

bool reaches(uint32_t n, const std::vector<FlowArc>& arcs, uint32_t removed_mask, uint32_t s, uint32_t t) {
  std::vector<bool> seen(n, false);
  std::vector<uint32_t> stack{s};
  seen[s] = true;
  while (!stack.empty()) {
    uint32_t u = stack.back();
    stack.pop_back();
    for (uint32_t a = 0; a < arcs.size(); ++a) {
      if ((removed_mask >> a) & 1 || arcs[a].capacity == 0 || arcs[a].from != u || seen[arcs[a].to]) continue;
      seen[arcs[a].to] = true;
      stack.push_back(arcs[a].to);
    }
  }
  return seen[t];
}

TEST(Flow, TwoDisjointPathsAndABottleneck) {
  // 0 -> 1 -> 3 and 0 -> 2 -> 3 (capacity 1 each), plus 1 -> 2 (capacity 5): flow 2.
  FlowNetwork f(4);
  f.add_arc(0, 1, 3);
  f.add_arc(1, 3, 1);
  f.add_arc(0, 2, 1);
  f.add_arc(2, 3, 1);
  f.add_arc(1, 2, 5);
  EXPECT_EQ(f.max_flow(0, 3), 2);
  // Residual from 0: 1 (3-1 left) and 2 via 1 -> 2; so the cut is {1->3, 2->3}.
  EXPECT_EQ(f.min_cut_arcs(), (std::vector<uint32_t>{1, 3}));
  EXPECT_EQ(f.flow(1) + f.flow(3), 2);
}

TEST(Flow, DisconnectedAndInfinite) {
  FlowNetwork f(3);
  f.add_arc(0, 1, kInfiniteCapacity);
  EXPECT_EQ(f.max_flow(0, 2), 0);
  EXPECT_TRUE(f.min_cut_arcs().empty());
  EXPECT_EQ(f.source_side(), (std::vector<bool>{true, true, false}));
}

TEST(Flow, AgreesWithBruteForceOnRandomGraphs) {
  std::mt19937 rng(20261204);
  const int kGraphs = 1000;
  int nonzero = 0;
  for (int g = 0; g < kGraphs; ++g) {
    const uint32_t n = 2 + rng() % 5;  // 2..6 nodes
    const uint32_t m = rng() % 13;     // 0..12 arcs (4,096 subsets at most)
    std::vector<FlowArc> arcs;
    FlowNetwork f(n);
    for (uint32_t i = 0; i < m; ++i) {
      FlowArc a{static_cast<uint32_t>(rng() % n), static_cast<uint32_t>(rng() % n), static_cast<int64_t>(rng() % 4)};
      arcs.push_back(a);
      f.add_arc(a.from, a.to, a.capacity);
    }
    const uint32_t s = 0, t = n - 1;
    int64_t best = -1;
    for (uint32_t mask = 0; mask < (1u << m); ++mask) {
      int64_t cost = 0;
      for (uint32_t a = 0; a < m; ++a)
        if ((mask >> a) & 1) cost += arcs[a].capacity;
      if ((best < 0 || cost < best) && !reaches(n, arcs, mask, s, t)) best = cost;
    }
    SCOPED_TRACE("graph " + std::to_string(g));
    const int64_t value = f.max_flow(s, t);
    ASSERT_EQ(value, best);
    uint32_t cut_mask = 0;
    int64_t cut_cost = 0;
    for (uint32_t a : f.min_cut_arcs()) {
      cut_mask |= 1u << a;
      cut_cost += arcs[a].capacity;
    }
    EXPECT_EQ(cut_cost, value);
    EXPECT_FALSE(reaches(n, arcs, cut_mask, s, t));
    nonzero += value > 0;
  }
  EXPECT_GT(nonzero, kGraphs / 4);  // the sample is not all trivially disconnected
}

}  // namespace
}  // namespace cleannet::graph
