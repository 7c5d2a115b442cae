// Valley-free (Gao–Rexford) route inference: the route every AS picks toward one
// destination AS, for all sources at once, in O(V + E).
//
// The model (L. Gao and J. Rexford, "Stable Internet routing without global coordination",
// IEEE/ACM ToN 9(6), 2001; the routing-tree algorithm of P. Gill, M. Schapira and
// S. Goldberg, "Let the market drive deployment", SIGCOMM 2011, section 2):
// - Export: a route learned from a customer (or originated) is exported to every
//   neighbour; a route learned from a peer or a provider only to customers. So every path
//   is valley-free: zero or more customer->provider hops, at most one peer hop, then zero
//   or more provider->customer hops.
// - Preference, in this order:
//     1. the class of the route: learned from a customer > from a peer > from a provider
//        (what pays beats what is free beats what costs);
//     2. the shortest AS path (number of AS hops);
//     3. the lowest next-hop AS number (our documented tie-break: deterministic and
//        independent of input order; real routers use router ids, which the data lacks).
// - Loops are never chosen (BGP drops paths that contain the receiver).
// The algorithm runs three breadth-first phases: customer routes climb from the
// destination to its providers, their providers and so on; peer routes take one peer hop
// from an AS with a customer route; provider routes descend from every AS with a route to
// its customers, in order of path length. Each phase settles an AS at its shortest length
// in its best class, and ties are compared at the moment they meet, so the result is the
// stable routing state of the model (checked against exhaustive path enumeration in
// valley_free_test.cc).
//
// `allowed` restricts the ASes that may carry or choose routes (--avoid): a removed AS
// neither picks a route nor passes one on; when the destination is removed, no AS has a
// route. This answers "which route would A take if the untrusted ASes were not there".
//
//   RouteTree t;
//   infer_routes(g, *g.find(4134), nullptr, t);
//   if (t.has_route(a)) for (NodeId v : t.path(a)) print(g.asn(v));
//   bool clean = exists_clean(g, a, b, &allowed);   // any valley-free path over allowed ASes
#pragma once

#include <cstdint>
#include <vector>

#include "cleannet/asgraph/graph.h"
#include "cleannet/graph/mask.h"

namespace cleannet::asgraph {

using NodeMask = graph::Mask<NodeId>;

// Where an AS learned its chosen route from (what its next hop is to it).
enum class RouteClass : uint8_t { kOrigin, kCustomer, kPeer, kProvider, kNone };
const char* route_class_name(RouteClass c);  // "origin", "customer", "peer", "provider", "none"

// Every AS's chosen route toward one destination. Reuse one RouteTree across calls: its
// arrays are resized, not reallocated, when the graph stays the same size.
class RouteTree {
 public:
  NodeId destination() const { return destination_; }
  bool has_route(NodeId v) const { return class_[v.value()] != RouteClass::kNone; }
  RouteClass route_class(NodeId v) const { return class_[v.value()]; }
  // AS hops to the destination (0 for the destination itself); meaningless without a route.
  uint32_t length(NodeId v) const { return length_[v.value()]; }
  // Invalid for the destination and for ASes without a route.
  NodeId next_hop(NodeId v) const { return next_hop_[v.value()]; }
  // v, next hop, ..., destination; empty when v has no route.
  std::vector<NodeId> path(NodeId v) const;
  // ASes with a route (the destination included).
  size_t num_routed() const { return num_routed_; }
  size_t memory_bytes() const;

 private:
  friend void infer_routes(const AsGraph&, NodeId, const NodeMask*, RouteTree&);
  NodeId destination_;
  size_t num_routed_ = 0;
  std::vector<RouteClass> class_;
  std::vector<uint32_t> length_;
  std::vector<NodeId> next_hop_;
  // Scratch for the phases (kept to avoid reallocating on the next call).
  std::vector<NodeId> settled_, queue_, frontier_;
  std::vector<uint32_t> count_;
};

// Fills `out` with every AS's route toward `destination` using only ASes whose bit is set
// in `allowed` (null: all). `allowed` must have g.num_ases() bits.
void infer_routes(const AsGraph& g, NodeId destination, const NodeMask* allowed, RouteTree& out);

// Is there a valley-free path from `from` to `to` over allowed ASes only (endpoints
// included)? The same as "does `from` have a route toward `to`" under infer_routes with
// that mask, answered by a search from `from` alone that stops at `to`.
bool exists_clean(const AsGraph& g, NodeId from, NodeId to, const NodeMask* allowed);

}  // namespace cleannet::asgraph
