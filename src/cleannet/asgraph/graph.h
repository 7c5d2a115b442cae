// AsGraph: the AS-level Internet as integer ids and CSR adjacency, each arc labelled with
// what the neighbour is to the AS (customer, peer or provider).
//
// Node ids are dense (0 .. num_ases-1) and ordered by AS number, so "lowest next-hop ASN"
// is "lowest node id" and every tie-break on ids is a tie-break on ASNs. A node's arcs are
// stored grouped by relation, customers first, then peers, then providers, each group in
// increasing id order: route inference walks exactly one group at a time. Memory is
// 16 bytes per AS (its ASN, three arc offsets) plus 8 per link (2 arcs of 4 bytes), with no
// per-element allocation:
// the full CAIDA graph of 2018-01-01 (60,006 ASes, 261,340 links) takes 2.9 MiB.
//
//   auto rels = read_relationships_file("20180101.as-rel.txt.bz2");
//   auto g = AsGraph::build(*rels);                   // fails on a pair listed twice
//   graph::NodeId v = *g->find(3356);
//   for (graph::NodeId c : g->customers(v)) use(g->asn(c));
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cleannet/asgraph/relationships.h"
#include "cleannet/core/result.h"
#include "cleannet/graph/csr.h"

namespace cleannet::asgraph {

using graph::NodeId;

// What a neighbour is to an AS.
enum class Relation : uint8_t { kCustomer = 0, kPeer = 1, kProvider = 2 };
const char* relation_name(Relation r);  // "customer", "peer", "provider"

class AsGraph {
 public:
  AsGraph() = default;

  // Fails (at the later line) when an AS pair is listed twice, in either order and with
  // the same or another relationship: CAIDA lists each pair once, so a second line is a
  // broken or concatenated file.
  static core::Result<AsGraph> build(const AsRelationships& rels);
  // The same from bare links; `source` names them in errors.
  static core::Result<AsGraph> from_links(std::span<const AsLink> links, const std::string& source = "links");

  uint32_t num_ases() const { return static_cast<uint32_t>(asns_.size()); }
  size_t num_links() const { return num_links_; }
  size_t num_provider_customer_links() const { return num_p2c_; }
  size_t num_peer_links() const { return num_links_ - num_p2c_; }

  uint32_t asn(NodeId v) const { return asns_[v.value()]; }
  std::span<const uint32_t> asns() const { return asns_; }  // ascending
  std::optional<NodeId> find(uint32_t asn) const;

  std::span<const NodeId> neighbours(NodeId v, Relation r) const {
    const size_t i = 3 * size_t{v.value()} + static_cast<size_t>(r);
    return {targets_.data() + index_[i], targets_.data() + index_[i + 1]};
  }
  std::span<const NodeId> customers(NodeId v) const { return neighbours(v, Relation::kCustomer); }
  std::span<const NodeId> peers(NodeId v) const { return neighbours(v, Relation::kPeer); }
  std::span<const NodeId> providers(NodeId v) const { return neighbours(v, Relation::kProvider); }
  uint32_t degree(NodeId v) const { return index_[3 * size_t{v.value()} + 3] - index_[3 * size_t{v.value()}]; }

  // What u is to v, or nullopt when they are not linked (binary search, O(log degree)).
  std::optional<Relation> relation(NodeId v, NodeId u) const;

  size_t memory_bytes() const;

 private:
  std::vector<uint32_t> asns_;   // node id -> ASN, ascending
  std::vector<uint32_t> index_;  // 3 * num_ases + 1 arc offsets: v's customers, peers, providers
  std::vector<NodeId> targets_;  // 2 per link
  size_t num_links_ = 0;
  size_t num_p2c_ = 0;
};

}  // namespace cleannet::asgraph
