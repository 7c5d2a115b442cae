// Csr: an immutable weighted graph in compressed-sparse-row form, the one adjacency
// structure every check searches (operator networks of up to millions of devices).
//
// Nodes are 0..num_nodes-1 and edges are numbered in the order they were added, so the
// caller keeps its own device/link tables indexed by NodeId/EdgeId and the graph stores
// only integers: per arc a target, a weight and the EdgeId it came from (16 bytes), plus
// one 4-byte offset per node. An undirected edge becomes two arcs with the same EdgeId
// (a self-loop only one), which is what lets a link mask forbid both directions at once.
//
//   CsrBuilder b(3, Direction::kUndirected);
//   EdgeId ab = b.add_edge(NodeId{0}, NodeId{1}, 2.5);
//   b.add_edge(NodeId{1}, NodeId{2});  // weight 1
//   core::Result<Csr> g = std::move(b).build();
//   if (!g) { std::cerr << g.error().message() << '\n'; return; }
//   for (uint32_t a = g->arc_begin(NodeId{1}); a < g->arc_end(NodeId{1}); ++a)
//     use(g->targets()[a], g->weights()[a], g->edge_ids()[a]);
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "cleannet/core/ids.h"
#include "cleannet/core/result.h"

namespace cleannet::graph {

struct NodeTag {};
struct EdgeTag {};
using NodeId = core::Id<NodeTag>;
using EdgeId = core::Id<EdgeTag>;

enum class Direction : uint8_t { kUndirected, kDirected };

// One input edge; for a directed graph the arc goes from -> to.
struct Edge {
  NodeId from;
  NodeId to;
  double weight = 1.0;
};

class Csr {
 public:
  Csr() = default;  // the empty graph

  // Builds from a list of edges; EdgeId i is edges[i]. Same checks as CsrBuilder::build().
  static core::Result<Csr> from_edges(uint32_t num_nodes, std::span<const Edge> edges, Direction direction);

  uint32_t num_nodes() const { return num_nodes_; }
  uint32_t num_edges() const { return num_edges_; }
  // Arcs stored: 2 per undirected edge (1 per self-loop), 1 per directed edge.
  size_t num_arcs() const { return targets_.size(); }
  Direction direction() const { return direction_; }
  bool directed() const { return direction_ == Direction::kDirected; }

  // The arcs leaving u are the indices [arc_begin(u), arc_end(u)) into targets(),
  // weights() and edge_ids(), in increasing EdgeId order.
  uint32_t arc_begin(NodeId u) const { return offsets_[u.value()]; }
  uint32_t arc_end(NodeId u) const { return offsets_[u.value() + 1]; }
  uint32_t degree(NodeId u) const { return arc_end(u) - arc_begin(u); }

  std::span<const uint32_t> offsets() const { return offsets_; }  // num_nodes + 1 entries
  std::span<const NodeId> targets() const { return targets_; }
  std::span<const double> weights() const { return weights_; }
  std::span<const EdgeId> edge_ids() const { return edge_ids_; }

  // Heap bytes held by the graph (the arrays above), for capacity planning.
  size_t memory_bytes() const;

 private:
  friend class CsrBuilder;

  uint32_t num_nodes_ = 0;
  uint32_t num_edges_ = 0;
  Direction direction_ = Direction::kUndirected;
  std::vector<uint32_t> offsets_ = {0};
  std::vector<NodeId> targets_;
  std::vector<double> weights_;
  std::vector<EdgeId> edge_ids_;
};

// Collects edges, then lays them out in one counting-sort pass by source node.
class CsrBuilder {
 public:
  CsrBuilder(uint32_t num_nodes, Direction direction) : num_nodes_(num_nodes), direction_(direction) {}

  void reserve(size_t num_edges);
  // Returns the id the edge will have in the graph. Bad edges are reported by build().
  EdgeId add_edge(NodeId from, NodeId to, double weight = 1.0);
  size_t num_edges() const { return from_.size(); }

  // Fails on the first edge with an endpoint >= num_nodes or a weight that is negative
  // or not finite (Dijkstra's correctness needs weights >= 0), or when the graph would
  // need more than 2^32 - 1 arcs. The error's position is "edge list@<edge index>".
  core::Result<Csr> build() &&;

 private:
  uint32_t num_nodes_;
  Direction direction_;
  std::vector<uint32_t> from_;
  std::vector<uint32_t> to_;
  std::vector<double> weight_;
};

}  // namespace cleannet::graph
