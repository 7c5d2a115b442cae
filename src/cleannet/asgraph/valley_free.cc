#include "cleannet/asgraph/valley_free.h"

#include <algorithm>
#include <cassert>

namespace cleannet::asgraph {

const char* route_class_name(RouteClass c) {
  switch (c) {
    case RouteClass::kOrigin:
      return "origin";
    case RouteClass::kCustomer:
      return "customer";
    case RouteClass::kPeer:
      return "peer";
    case RouteClass::kProvider:
      return "provider";
    case RouteClass::kNone:
      return "none";
  }
  return "?";
}

std::vector<NodeId> RouteTree::path(NodeId v) const {
  std::vector<NodeId> p;
  if (!has_route(v)) return p;
  p.reserve(length(v) + 1);
  for (NodeId u = v; u.valid(); u = next_hop_[u.value()]) p.push_back(u);
  return p;
}

size_t RouteTree::memory_bytes() const {
  return class_.capacity() + length_.capacity() * sizeof(uint32_t) +
         (next_hop_.capacity() + settled_.capacity() + queue_.capacity() + frontier_.capacity()) * sizeof(NodeId) +
         count_.capacity() * sizeof(uint32_t);
}

void infer_routes(const AsGraph& g, NodeId d, const NodeMask* allowed, RouteTree& t) {
  const uint32_t n = g.num_ases();
  assert(d.value() < n);
  assert(!allowed || allowed->size() == n);
  t.destination_ = d;
  t.class_.assign(n, RouteClass::kNone);
  t.length_.assign(n, 0);
  t.next_hop_.assign(n, NodeId{});
  t.settled_.clear();
  t.num_routed_ = 0;
  auto ok = [allowed](NodeId v) { return !allowed || allowed->test(v); };
  if (!ok(d)) return;
  RouteClass* cls = t.class_.data();
  uint32_t* len = t.length_.data();
  NodeId* nh = t.next_hop_.data();

  // Phase 1, customer routes: breadth-first up the provider arcs from the destination.
  // settled_ collects the destination and every AS with a customer route, in BFS order
  // (so by nondecreasing length).
  cls[d.value()] = RouteClass::kOrigin;
  t.settled_.push_back(d);
  for (size_t head = 0; head < t.settled_.size(); ++head) {
    const NodeId v = t.settled_[head];
    const uint32_t l = len[v.value()] + 1;
    for (NodeId p : g.providers(v)) {
      const uint32_t i = p.value();
      if (cls[i] == RouteClass::kNone) {
        if (!ok(p)) continue;
        cls[i] = RouteClass::kCustomer;
        len[i] = l;
        nh[i] = v;
        t.settled_.push_back(p);
      } else if (cls[i] == RouteClass::kCustomer && len[i] == l && v < nh[i]) {
        nh[i] = v;  // as short, lower next-hop ASN
      }
    }
  }
  const size_t customer_routed = t.settled_.size();

  // Phase 2, peer routes: one peer hop from an AS whose route peers may learn (origin or
  // customer route), to an AS that has no customer route.
  for (size_t k = 0; k < customer_routed; ++k) {
    const NodeId v = t.settled_[k];
    const uint32_t l = len[v.value()] + 1;
    for (NodeId w : g.peers(v)) {
      const uint32_t i = w.value();
      if (cls[i] == RouteClass::kNone) {
        if (!ok(w)) continue;
        cls[i] = RouteClass::kPeer;
        len[i] = l;
        nh[i] = v;
        t.settled_.push_back(w);
      } else if (cls[i] == RouteClass::kPeer && (l < len[i] || (l == len[i] && v < nh[i]))) {
        len[i] = l;
        nh[i] = v;
      }
    }
  }

  // Phase 3, provider routes: every AS with a route exports it to its customers. ASes are
  // expanded in nondecreasing length, merging the routed ASes (counting-sorted by length)
  // with the ASes this phase reaches (a FIFO, nondecreasing by construction), so each AS
  // is reached first at its shortest provider route.
  uint32_t max_len = 0;
  for (NodeId v : t.settled_) max_len = std::max(max_len, len[v.value()]);
  t.count_.assign(size_t{max_len} + 2, 0);
  for (NodeId v : t.settled_) ++t.count_[len[v.value()] + 1];
  for (size_t i = 1; i < t.count_.size(); ++i) t.count_[i] += t.count_[i - 1];
  t.frontier_.resize(t.settled_.size());
  for (NodeId v : t.settled_) t.frontier_[t.count_[len[v.value()]]++] = v;
  t.queue_.clear();
  size_t si = 0, qi = 0;
  const size_t seeds = t.frontier_.size();
  while (si < seeds || qi < t.queue_.size()) {
    NodeId v;
    if (qi == t.queue_.size() || (si < seeds && len[t.frontier_[si].value()] <= len[t.queue_[qi].value()])) {
      v = t.frontier_[si++];
    } else {
      v = t.queue_[qi++];
    }
    const uint32_t l = len[v.value()] + 1;
    for (NodeId c : g.customers(v)) {
      const uint32_t i = c.value();
      if (cls[i] == RouteClass::kNone) {
        if (!ok(c)) continue;
        cls[i] = RouteClass::kProvider;
        len[i] = l;
        nh[i] = v;
        t.queue_.push_back(c);
      } else if (cls[i] == RouteClass::kProvider && len[i] == l && v < nh[i]) {
        nh[i] = v;
      }
    }
  }
  t.num_routed_ = seeds + t.queue_.size();
}

bool exists_clean(const AsGraph& g, NodeId from, NodeId to, const NodeMask* allowed) {
  auto ok = [allowed](NodeId v) { return !allowed || allowed->test(v); };
  if (!ok(from) || !ok(to)) return false;
  if (from == to) return true;
  // States: (AS, still climbing) and (AS, descending). Climbing may go to a provider
  // (still climbing), a peer or a customer (then descending); descending only to a
  // customer. A walk with a repeated AS shortens to a path, so visiting each state once
  // is exhaustive. Bit 0: reached climbing, bit 1: reached descending.
  std::vector<uint8_t> seen(g.num_ases(), 0);
  std::vector<std::pair<NodeId, bool>> stack;  // (AS, descending)
  stack.emplace_back(from, false);
  seen[from.value()] = 1;
  while (!stack.empty()) {
    auto [v, down] = stack.back();
    stack.pop_back();
    auto visit = [&](NodeId u, bool d) {
      if (!ok(u)) return false;
      const uint8_t bit = d ? 2 : 1;
      if (seen[u.value()] & bit) return false;
      // Descending from u is possible whenever climbing from u is (climbing may go down),
      // so a descending visit after a climbing one adds nothing.
      if (d && (seen[u.value()] & 1)) return false;
      seen[u.value()] |= bit;
      if (u == to) return true;
      stack.emplace_back(u, d);
      return false;
    };
    for (NodeId c : g.customers(v))
      if (visit(c, true)) return true;
    if (down) continue;
    for (NodeId p : g.peers(v))
      if (visit(p, true)) return true;
    for (NodeId p : g.providers(v))
      if (visit(p, false)) return true;
  }
  return false;
}

}  // namespace cleannet::asgraph
