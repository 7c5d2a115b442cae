// FlowNetwork: maximum flow and an exact minimum s-t cut on a directed graph with integer
// capacities (Dinic's algorithm: BFS level graph, then blocking flows by DFS with per-node
// arc pointers; O(V^2 E) in general, O(E sqrt V) on unit networks such as the cable graph).
//
// The minimum cut is read off the residual graph after the flow (max-flow min-cut theorem,
// Ford and Fulkerson 1956): the source side is every node still reachable from s, and the
// cut is every original arc leaving it. Vertex cuts (cables that can each be lost) are
// modelled by the caller by splitting a node into in -> out with capacity 1.
//
//   FlowNetwork f(4);
//   f.add_arc(0, 1, 1);  f.add_arc(1, 3, kInfiniteCapacity);  f.add_arc(0, 2, 1);  ...
//   int64_t value = f.max_flow(0, 3);
//   for (uint32_t a : f.min_cut_arcs()) use(f.arc(a).from, f.arc(a).to);
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cleannet::graph {

// Large enough never to be cut when every finite capacity is small, small enough that
// sums of a few million of them do not overflow int64.
inline constexpr int64_t kInfiniteCapacity = int64_t{1} << 40;

struct FlowArc {
  uint32_t from = 0, to = 0;
  int64_t capacity = 0;
};

class FlowNetwork {
 public:
  explicit FlowNetwork(uint32_t num_nodes);

  uint32_t num_nodes() const { return static_cast<uint32_t>(head_.size()); }
  // Returns the arc's index (0, 1, 2 ... in the order added). Capacity must be >= 0;
  // endpoints must be < num_nodes() (checked with assert: callers build from their own ids).
  uint32_t add_arc(uint32_t from, uint32_t to, int64_t capacity);
  size_t num_arcs() const { return arcs_.size(); }
  const FlowArc& arc(uint32_t a) const { return arcs_[a]; }
  // Flow on arc a after max_flow().
  int64_t flow(uint32_t a) const;

  // The value of a maximum s-t flow (0 when s == t is asked: nothing separates a node from
  // itself, so callers must not ask). Recomputes from zero flow on each call.
  int64_t max_flow(uint32_t s, uint32_t t);
  // After max_flow(s, t): which nodes are on s's side of a minimum cut.
  const std::vector<bool>& source_side() const { return source_side_; }
  // After max_flow(s, t): the arcs from the source side to the sink side, in index order;
  // their capacities sum to the flow value.
  std::vector<uint32_t> min_cut_arcs() const;

 private:
  bool bfs(uint32_t s, uint32_t t);
  int64_t dfs(uint32_t u, uint32_t t, int64_t pushed);

  std::vector<FlowArc> arcs_;
  // Residual arcs: 2k is arc k forward, 2k+1 its reverse.
  std::vector<uint32_t> to_;
  std::vector<int64_t> residual_;
  std::vector<uint32_t> next_;  // next residual arc out of the same node, or kNone
  std::vector<uint32_t> head_;  // first residual arc out of each node
  std::vector<uint32_t> level_, cursor_;
  std::vector<bool> source_side_;
};

}  // namespace cleannet::graph
