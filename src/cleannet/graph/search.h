// Constrained searches on a Csr: shortest path, reachability and single-source
// distances using only the nodes and edges a mask allows. A "clean path" check is one
// of these with the masks built from trust verdicts; this module knows nothing of them.
//
//   NodeMask nodes(g.num_nodes(), true);  nodes.reset(huawei_router);
//   EdgeMask edges(g.num_edges(), true);
//   SearchWorkspace ws;                    // reuse across queries: no O(V) clearing
//   if (std::optional<Path> p = shortest_path(g, s, t, nodes, edges, ws))
//     print(p->nodes, p->cost);
//   bool any = reachable(g, s, t, nodes, edges, ws);
//   ShortestPathTree tree = all_targets(g, s, nodes, edges, ws);
//   double d = tree.distance(t);          // +infinity when unreachable
//
// Rules shared by every search here:
// - A path may only visit nodes whose bit is set in the node mask and traverse edges
//   whose bit is set in the edge mask. That includes the endpoints: if s or t is not
//   allowed there is no path (a demand that starts on a forbidden device is not clean,
//   however it is routed). s == t (and allowed) is the empty path of cost 0.
// - Masks must have exactly g.num_nodes() / g.num_edges() bits; node and edge ids must
//   be < num_nodes (checked by assert: these are programmer errors, not input errors).
// - Cost is the sum of edge weights, added in path order from s. Among paths of minimum
//   cost the one returned has the fewest edges (fewest devices to trust): searches order
//   labels by (cost, edges). Remaining ties are broken deterministically — the same
//   graph, masks and query give the same path on every run, whatever the workspace did
//   before — but not by a rule worth relying on: shortest_path and all_targets may pick
//   different paths among equally short ones. Costs are compared as computed doubles, so
//   "equal" is exact for integer (or dyadic) weights and up to rounding otherwise.
// - On undirected graphs shortest_path and reachable search from both ends: two small
//   balls instead of one large one (a ball's size grows with its radius, so two of half
//   the radius settle far fewer nodes than one reaching t; docs/PERFORMANCE.md). On
//   directed graphs they search forward only.
// - A SearchWorkspace belongs to one thread at a time; a Csr may be shared by many.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "cleannet/graph/csr.h"
#include "cleannet/graph/mask.h"

namespace cleannet::graph {

using NodeMask = Mask<NodeId>;
using EdgeMask = Mask<EdgeId>;

struct Path {
  std::vector<NodeId> nodes;  // s, ..., t
  std::vector<EdgeId> edges;  // edges[i] joins nodes[i] and nodes[i + 1]
  double cost = 0;

  friend bool operator==(const Path&, const Path&) = default;
};

namespace detail {
struct SearchAccess;
}

// Per-node labels (distance, parent, ...) stamped with a query generation, so a new
// query invalidates the previous one's labels in O(1) instead of clearing O(V) memory;
// it grows to the largest graph it has been used with (24 bytes per node and direction).
class SearchWorkspace {
 public:
  SearchWorkspace();
  ~SearchWorkspace();
  SearchWorkspace(SearchWorkspace&&) noexcept;
  SearchWorkspace& operator=(SearchWorkspace&&) noexcept;

  size_t memory_bytes() const;

  // Lets a test reach the generation counter's wrap-around without 2^32 queries.
  void set_generation_for_testing(uint32_t generation);

 private:
  friend struct detail::SearchAccess;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::optional<Path> shortest_path(const Csr& g, NodeId s, NodeId t, const NodeMask& node_allowed,
                                  const EdgeMask& edge_allowed, SearchWorkspace& ws);
std::optional<Path> shortest_path(const Csr& g, NodeId s, NodeId t, const NodeMask& node_allowed,
                                  const EdgeMask& edge_allowed);

// Breadth-first search that stops as soon as t is found; ignores weights.
bool reachable(const Csr& g, NodeId s, NodeId t, const NodeMask& node_allowed, const EdgeMask& edge_allowed,
               SearchWorkspace& ws);
bool reachable(const Csr& g, NodeId s, NodeId t, const NodeMask& node_allowed, const EdgeMask& edge_allowed);

// Shortest distances (and paths) from s to every node, e.g. for all demands sharing a source.
class ShortestPathTree {
 public:
  NodeId source() const { return source_; }
  bool reached(NodeId v) const { return parent_edge_[v.value()].valid() || v == source_reached_; }
  // +infinity when v is not reachable from the source.
  double distance(NodeId v) const { return dist_[v.value()]; }
  // A path as short as shortest_path(g, source(), v, ...) finds (the same one when the
  // cheapest-then-fewest-edges path is unique).
  std::optional<Path> path_to(NodeId v) const;
  size_t num_reached() const { return num_reached_; }

 private:
  friend struct detail::SearchAccess;
  NodeId source_;
  NodeId source_reached_;  // == source_ when the source itself was allowed, else invalid
  size_t num_reached_ = 0;
  std::vector<double> dist_;
  std::vector<NodeId> parent_;
  std::vector<EdgeId> parent_edge_;
};

ShortestPathTree all_targets(const Csr& g, NodeId s, const NodeMask& node_allowed, const EdgeMask& edge_allowed,
                             SearchWorkspace& ws);

}  // namespace cleannet::graph
