#include "cleannet/graph/subgraph.h"

#include <algorithm>
#include <cassert>

namespace cleannet::graph {

Subgraph Subgraph::induced(const Csr& g, const NodeMask& nodes, const EdgeMask& edges) {
  assert(nodes.size() == g.num_nodes() && edges.size() == g.num_edges());
  Subgraph s;
  s.to_sub_.assign(g.num_nodes(), NodeId{});
  for (uint32_t v = 0; v < g.num_nodes(); ++v) {
    if (!nodes.test(NodeId{v})) continue;
    s.to_sub_[v] = NodeId{static_cast<uint32_t>(s.node_parent_.size())};
    s.node_parent_.push_back(NodeId{v});
  }
  // Each kept edge once, from the arc leaving its first end (an undirected edge has an arc
  // each way, a self-loop one), then in parent edge order so that sub edge ids keep it.
  struct Kept {
    uint32_t parent_edge;
    uint32_t from, to;
    double weight;
  };
  std::vector<Kept> kept;
  for (uint32_t u = 0; u < g.num_nodes(); ++u) {
    if (!s.to_sub_[u].valid()) continue;
    for (uint32_t a = g.arc_begin(NodeId{u}); a < g.arc_end(NodeId{u}); ++a) {
      const uint32_t v = g.targets()[a].value();
      const EdgeId e = g.edge_ids()[a];
      if (!s.to_sub_[v].valid() || !edges.test(e)) continue;
      if (!g.directed() && v < u) continue;  // the arc from the other end is the one kept
      kept.push_back(Kept{e.value(), s.to_sub_[u].value(), s.to_sub_[v].value(), g.weights()[a]});
    }
  }
  std::sort(kept.begin(), kept.end(), [](const Kept& a, const Kept& b) { return a.parent_edge < b.parent_edge; });
  CsrBuilder b(static_cast<uint32_t>(s.node_parent_.size()), g.directed() ? Direction::kDirected : Direction::kUndirected);
  b.reserve(kept.size());
  s.edge_parent_.reserve(kept.size());
  for (const Kept& k : kept) {
    b.add_edge(NodeId{k.from}, NodeId{k.to}, k.weight);
    s.edge_parent_.push_back(EdgeId{k.parent_edge});
  }
  // The parent was built with the same checks, and a subgraph is no larger: cannot fail.
  auto built = std::move(b).build();
  assert(built);
  if (built) s.g_ = std::move(*built);
  s.all_nodes_ = NodeMask(s.g_.num_nodes(), true);
  s.all_edges_ = EdgeMask(s.g_.num_edges(), true);
  return s;
}

Path Subgraph::to_parent(const Path& sub) const {
  Path p;
  p.cost = sub.cost;
  p.nodes.reserve(sub.nodes.size());
  p.edges.reserve(sub.edges.size());
  for (NodeId n : sub.nodes) p.nodes.push_back(to_parent(n));
  for (EdgeId e : sub.edges) p.edges.push_back(to_parent(e));
  return p;
}

std::optional<Path> Subgraph::shortest_path(NodeId s, NodeId t, SearchWorkspace& ws) const {
  assert(s.value() < to_sub_.size() && t.value() < to_sub_.size());
  const NodeId ss = to_sub_[s.value()], st = to_sub_[t.value()];
  if (!ss.valid() || !st.valid()) return std::nullopt;
  auto p = graph::shortest_path(g_, ss, st, all_nodes_, all_edges_, ws);
  if (!p) return std::nullopt;
  return to_parent(*p);
}

size_t Subgraph::memory_bytes() const {
  return g_.memory_bytes() + (all_nodes_.words().size() + all_edges_.words().size()) * sizeof(uint64_t) +
         to_sub_.capacity() * sizeof(NodeId) + node_parent_.capacity() * sizeof(NodeId) +
         edge_parent_.capacity() * sizeof(EdgeId);
}

}  // namespace cleannet::graph
