#include "cleannet/asgraph/graph.h"

#include <algorithm>
#include <limits>

namespace cleannet::asgraph {

namespace {

std::string link_text(const AsLink& l) {
  return std::to_string(l.a) + "|" + std::to_string(l.b) + "|" + (l.kind == LinkKind::kPeer ? "0" : "-1");
}

}  // namespace

const char* relation_name(Relation r) {
  switch (r) {
    case Relation::kCustomer:
      return "customer";
    case Relation::kPeer:
      return "peer";
    case Relation::kProvider:
      return "provider";
  }
  return "?";
}

core::Result<AsGraph> AsGraph::build(const AsRelationships& rels) { return from_links(rels.links, rels.source); }

core::Result<AsGraph> AsGraph::from_links(std::span<const AsLink> links, const std::string& source) {
  const size_t m = links.size();
  if (2 * m >= std::numeric_limits<uint32_t>::max())
    return core::Error(core::SourcePos(source), "at most 2^31 - 1 AS links", std::to_string(m));
  AsGraph g;
  // Dense ids in ASN order.
  g.asns_.reserve(2 * m);
  for (const AsLink& l : links) {
    g.asns_.push_back(l.a);
    g.asns_.push_back(l.b);
  }
  std::sort(g.asns_.begin(), g.asns_.end());
  g.asns_.erase(std::unique(g.asns_.begin(), g.asns_.end()), g.asns_.end());
  g.asns_.shrink_to_fit();
  const auto id_of = [&](uint32_t asn) {
    return static_cast<uint32_t>(std::lower_bound(g.asns_.begin(), g.asns_.end(), asn) - g.asns_.begin());
  };
  std::vector<uint32_t> from(m), to(m);
  for (size_t e = 0; e < m; ++e) {
    from[e] = id_of(links[e].a);
    to[e] = id_of(links[e].b);
    if (from[e] == to[e])
      return core::Error(core::SourcePos(source, links[e].line, 1), "two different ASes", link_text(links[e]));
  }

  // Each unordered pair once: sort (pair, position) and look at neighbours in the order.
  {
    std::vector<std::pair<uint64_t, uint32_t>> keys(m);
    for (size_t e = 0; e < m; ++e) {
      uint64_t lo = std::min(from[e], to[e]), hi = std::max(from[e], to[e]);
      keys[e] = {(lo << 32) | hi, static_cast<uint32_t>(e)};
    }
    std::sort(keys.begin(), keys.end());
    size_t bad = m;  // the repeated line that comes first in the file
    size_t first = m;
    for (size_t i = 1; i < m; ++i) {
      if (keys[i].first != keys[i - 1].first) continue;
      // keys[i - 1] is an earlier position of the same pair (positions sort ascending).
      if (bad == m || keys[i].second < bad) {
        bad = keys[i].second;
        first = keys[i - 1].second;
      }
    }
    if (bad != m) {
      const AsLink& l = links[bad];
      const AsLink& f = links[first];
      return core::Error(
          core::SourcePos(source, l.line, 1), "each AS pair once",
          link_text(l) + " after " + link_text(f) + (f.line ? " on line " + std::to_string(f.line) : ""));
    }
  }

  // Counting sort into (node, relation) buckets.
  const size_t n = g.asns_.size();
  g.index_.assign(3 * n + 1, 0);
  auto bucket = [](uint32_t v, Relation r) { return 3 * size_t{v} + static_cast<size_t>(r); };
  for (size_t e = 0; e < m; ++e) {
    if (links[e].kind == LinkKind::kPeer) {
      ++g.index_[bucket(from[e], Relation::kPeer) + 1];
      ++g.index_[bucket(to[e], Relation::kPeer) + 1];
      continue;
    }
    ++g.num_p2c_;
    ++g.index_[bucket(from[e], Relation::kCustomer) + 1];  // a's customer b
    ++g.index_[bucket(to[e], Relation::kProvider) + 1];    // b's provider a
  }
  for (size_t i = 1; i < g.index_.size(); ++i) g.index_[i] += g.index_[i - 1];
  g.targets_.resize(2 * m);
  {
    std::vector<uint32_t> cursor(g.index_.begin(), g.index_.end() - 1);
    for (size_t e = 0; e < m; ++e) {
      const bool peer = links[e].kind == LinkKind::kPeer;
      g.targets_[cursor[bucket(from[e], peer ? Relation::kPeer : Relation::kCustomer)]++] = NodeId{to[e]};
      g.targets_[cursor[bucket(to[e], peer ? Relation::kPeer : Relation::kProvider)]++] = NodeId{from[e]};
    }
  }
  for (size_t b = 0; b + 1 < g.index_.size(); ++b)
    std::sort(g.targets_.begin() + g.index_[b], g.targets_.begin() + g.index_[b + 1]);
  g.num_links_ = m;
  return g;
}

std::optional<NodeId> AsGraph::find(uint32_t asn) const {
  auto it = std::lower_bound(asns_.begin(), asns_.end(), asn);
  if (it == asns_.end() || *it != asn) return std::nullopt;
  return NodeId{static_cast<uint32_t>(it - asns_.begin())};
}

std::optional<Relation> AsGraph::relation(NodeId v, NodeId u) const {
  for (Relation r : {Relation::kCustomer, Relation::kPeer, Relation::kProvider}) {
    auto ns = neighbours(v, r);
    if (std::binary_search(ns.begin(), ns.end(), u)) return r;
  }
  return std::nullopt;
}

size_t AsGraph::memory_bytes() const {
  return asns_.capacity() * sizeof(uint32_t) + index_.capacity() * sizeof(uint32_t) +
         targets_.capacity() * sizeof(NodeId);
}

}  // namespace cleannet::asgraph
