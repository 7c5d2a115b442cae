// Subgraph: the part of a graph that a node mask and an edge mask allow, as a graph of its
// own with nodes and edges renumbered densely, plus the maps back to the parent graph.
//
// Why: a masked search on the parent graph touches per-node labels spread over the whole
// graph (24 bytes per node and direction: 24 MB for a million devices), while a clean-path
// search only ever visits the allowed part. When the policy denies most devices (a
// diplomatic class on an inventory that is mostly untrusted or unknown), the compact copy's
// labels fit in cache (docs/PERFORMANCE.md, "Clean Path", gives the effect on
// bench/path_bench's inventory). Nodes and edges keep their relative order, and
// so do each node's arcs, so a search on the subgraph settles nodes in the same order as
// the masked search on the parent and returns the same path.
//
//   Subgraph sub = Subgraph::induced(g, allowed_nodes, allowed_edges);
//   SearchWorkspace ws;
//   std::optional<Path> p = sub.shortest_path(NodeId{s}, NodeId{t}, ws);  // parent ids
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "cleannet/graph/csr.h"
#include "cleannet/graph/search.h"

namespace cleannet::graph {

class Subgraph {
 public:
  Subgraph() = default;

  // The nodes `nodes` allows and the edges `edges` allows between two of them. Masks must
  // have g.num_nodes() / g.num_edges() bits.
  static Subgraph induced(const Csr& g, const NodeMask& nodes, const EdgeMask& edges);

  const Csr& graph() const { return g_; }
  // The subgraph's node for a parent node; invalid when the parent node is not in it.
  NodeId to_sub(NodeId parent) const { return to_sub_[parent.value()]; }
  NodeId to_parent(NodeId sub) const { return node_parent_[sub.value()]; }
  EdgeId to_parent(EdgeId sub) const { return edge_parent_[sub.value()]; }
  // A path of the subgraph in the parent's ids (same cost).
  Path to_parent(const Path& sub) const;

  // graph::shortest_path(parent, s, t, nodes, edges, ws), answered on the subgraph; s and t
  // and the result are in the parent's ids.
  std::optional<Path> shortest_path(NodeId s, NodeId t, SearchWorkspace& ws) const;

  size_t memory_bytes() const;

 private:
  Csr g_;
  NodeMask all_nodes_;
  EdgeMask all_edges_;
  std::vector<NodeId> to_sub_;        // per parent node
  std::vector<NodeId> node_parent_;   // per subgraph node
  std::vector<EdgeId> edge_parent_;   // per subgraph edge
};

}  // namespace cleannet::graph
