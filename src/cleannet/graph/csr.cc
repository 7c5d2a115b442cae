#include "cleannet/graph/csr.h"

#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace cleannet::graph {

namespace {

core::Error edge_error(size_t index, std::string expected, std::string found) {
  return core::Error(core::SourcePos::at_offset("edge list", index), std::move(expected), std::move(found));
}

std::string number(double w) {
  if (std::isnan(w)) return "nan";
  if (std::isinf(w)) return w > 0 ? "inf" : "-inf";
  std::string s = std::to_string(w);
  // std::to_string prints six decimals; drop the trailing zeros so "-1" reads as -1.
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

core::Result<Csr> Csr::from_edges(uint32_t num_nodes, std::span<const Edge> edges, Direction direction) {
  CsrBuilder b(num_nodes, direction);
  b.reserve(edges.size());
  for (const Edge& e : edges) b.add_edge(e.from, e.to, e.weight);
  return std::move(b).build();
}

size_t Csr::memory_bytes() const {
  return offsets_.capacity() * sizeof(uint32_t) + targets_.capacity() * sizeof(NodeId) +
         weights_.capacity() * sizeof(double) + edge_ids_.capacity() * sizeof(EdgeId);
}

void CsrBuilder::reserve(size_t num_edges) {
  from_.reserve(num_edges);
  to_.reserve(num_edges);
  weight_.reserve(num_edges);
}

EdgeId CsrBuilder::add_edge(NodeId from, NodeId to, double weight) {
  EdgeId id{static_cast<uint32_t>(from_.size())};
  from_.push_back(from.value());
  to_.push_back(to.value());
  weight_.push_back(weight);
  return id;
}

core::Result<Csr> CsrBuilder::build() && {
  const size_t m = from_.size();
  // EdgeId::kInvalid is reserved, so at most kInvalid edges; arcs are indexed by uint32_t.
  if (m >= EdgeId::kInvalid) {
    return edge_error(m - 1, "at most " + std::to_string(EdgeId::kInvalid - 1) + " edges", std::to_string(m));
  }
  const bool undirected = direction_ == Direction::kUndirected;
  uint64_t arcs = 0;
  for (size_t e = 0; e < m; ++e) {
    if (from_[e] >= num_nodes_ || to_[e] >= num_nodes_) {
      uint32_t bad = from_[e] >= num_nodes_ ? from_[e] : to_[e];
      return edge_error(e, "a node id below " + std::to_string(num_nodes_),
                        bad == NodeId::kInvalid ? "an invalid NodeId" : std::to_string(bad));
    }
    if (!(weight_[e] >= 0) || std::isinf(weight_[e])) {  // !(w >= 0) also catches NaN
      return edge_error(e, "a finite weight >= 0", number(weight_[e]));
    }
    arcs += (undirected && from_[e] != to_[e]) ? 2 : 1;
  }
  if (arcs > std::numeric_limits<uint32_t>::max()) {
    return edge_error(m - 1, "at most 2^32 - 1 arcs", std::to_string(arcs));
  }

  Csr g;
  g.num_nodes_ = num_nodes_;
  g.num_edges_ = static_cast<uint32_t>(m);
  g.direction_ = direction_;

  // Counting sort by source: degrees, then exclusive prefix sums, then one scatter pass
  // in edge order, so each node's arcs come out in increasing EdgeId order (the order
  // searches scan them in, which makes their tie-breaking reproducible).
  std::vector<uint32_t> offsets(size_t{num_nodes_} + 1, 0);
  for (size_t e = 0; e < m; ++e) {
    ++offsets[from_[e] + 1];
    if (undirected && from_[e] != to_[e]) ++offsets[to_[e] + 1];
  }
  for (size_t i = 1; i < offsets.size(); ++i) offsets[i] += offsets[i - 1];

  g.targets_.resize(arcs);
  g.weights_.resize(arcs);
  g.edge_ids_.resize(arcs);
  {
    std::vector<uint32_t> cursor(offsets.begin(), offsets.end() - 1);
    auto place = [&](uint32_t u, uint32_t v, double w, uint32_t e) {
      uint32_t a = cursor[u]++;
      g.targets_[a] = NodeId{v};
      g.weights_[a] = w;
      g.edge_ids_[a] = EdgeId{e};
    };
    for (size_t e = 0; e < m; ++e) {
      const auto id = static_cast<uint32_t>(e);
      place(from_[e], to_[e], weight_[e], id);
      if (undirected && from_[e] != to_[e]) place(to_[e], from_[e], weight_[e], id);
    }
  }
  g.offsets_ = std::move(offsets);

  // The builder is consumed; give its memory back before the caller's next allocation.
  std::vector<uint32_t>().swap(from_);
  std::vector<uint32_t>().swap(to_);
  std::vector<double>().swap(weight_);
  return g;
}

}  // namespace cleannet::graph
