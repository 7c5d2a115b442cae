#include "cleannet/graph/search.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <utility>

namespace cleannet::graph {

namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
constexpr double kInf = std::numeric_limits<double>::infinity();

// One node's search state. Kept together (24 bytes) because a relaxation touches all
// of it at once: one cache miss per neighbour instead of one per array.
struct Label {
  double dist;
  uint32_t hops;
  uint32_t stamp;  // label is valid only when stamp == the workspace's generation
  uint32_t parent;
  uint32_t parent_edge;
};
static_assert(sizeof(Label) == 24);

// Heap key: (dist, hops) is the lexicographic path length Dijkstra minimises — every
// edge adds (w >= 0, 1) — and node makes the pop order total, hence reproducible.
struct HeapEntry {
  double dist;
  uint32_t hops;
  uint32_t node;
};

inline bool before(const HeapEntry& a, const HeapEntry& b) {
  if (a.dist != b.dist) return a.dist < b.dist;
  if (a.hops != b.hops) return a.hops < b.hops;
  return a.node < b.node;
}

// A d-ary min-heap with lazy deletion (a node may be pushed again when its label
// improves; superseded entries are skipped when popped). Four children per node: the
// heap is half as deep as a binary one, so a pop on a large graph's heap touches fewer
// cache lines, while choosing the smallest child still reads only 64 bytes (four 16-byte
// entries, one cache line's worth); wider nodes read more per level than depth saves.
template <unsigned kArity>
class DaryHeap {
 public:
  bool empty() const { return v_.empty(); }
  size_t size() const { return v_.size(); }
  void clear() { v_.clear(); }
  size_t capacity_bytes() const { return v_.capacity() * sizeof(HeapEntry); }
  const HeapEntry& top() const { return v_.front(); }

  void push(HeapEntry e) {
    size_t i = v_.size();
    v_.push_back(e);
    while (i > 0) {
      size_t p = (i - 1) / kArity;
      if (!before(e, v_[p])) break;
      v_[i] = v_[p];
      i = p;
    }
    v_[i] = e;
  }

  HeapEntry pop() {
    HeapEntry top = v_.front();
    HeapEntry last = v_.back();
    v_.pop_back();
    const size_t n = v_.size();
    if (n == 0) return top;
    size_t i = 0;
    for (;;) {
      size_t c = i * kArity + 1;
      if (c >= n) break;
      size_t best = c;
      const size_t end = std::min(c + kArity, n);
      for (size_t k = c + 1; k < end; ++k) {
        if (before(v_[k], v_[best])) best = k;
      }
      if (!before(v_[best], last)) break;
      v_[i] = v_[best];
      i = best;
    }
    v_[i] = last;
    return top;
  }

 private:
  std::vector<HeapEntry> v_;
};

inline bool bit(const uint64_t* words, uint32_t i) { return (words[i >> 6] >> (i & 63)) & 1; }

// (d1, h1) < (d2, h2) in the lexicographic order searches minimise.
inline bool shorter(double d1, uint32_t h1, double d2, uint32_t h2) { return d1 < d2 || (d1 == d2 && h1 < h2); }

// The graph and masks as raw arrays, for the inner loops.
struct View {
  View(const Csr& g, const NodeMask& nodes, const EdgeMask& edges)
      : off(g.offsets().data()),
        tgt(g.targets().data()),
        wt(g.weights().data()),
        eid(g.edge_ids().data()),
        nw(nodes.words().data()),
        ew(edges.words().data()) {}
  const uint32_t* off;
  const NodeId* tgt;
  const double* wt;
  const EdgeId* eid;
  const uint64_t* nw;
  const uint64_t* ew;
};

// Search state of one direction: forward from s, or backward from t.
struct Side {
  std::vector<Label> labels;
  DaryHeap<4> heap;
  std::vector<uint32_t> queue;

  size_t memory_bytes() const {
    return labels.capacity() * sizeof(Label) + heap.capacity_bytes() + queue.capacity() * sizeof(uint32_t);
  }

  // The valid entry with the smallest key, dropping superseded ones; false when empty.
  bool peek(HeapEntry& out) {
    while (!heap.empty()) {
      const HeapEntry& top = heap.top();
      const Label& l = labels[top.node];
      if (top.dist == l.dist && top.hops == l.hops) {
        out = top;
        return true;
      }
      heap.pop();
    }
    return false;
  }
};

// Weight of edge e as seen from its endpoint u: a node's arcs are sorted by EdgeId.
double edge_weight(const Csr& g, uint32_t u, uint32_t e) {
  const uint32_t begin = g.arc_begin(NodeId{u}), end = g.arc_end(NodeId{u});
  const EdgeId* ids = g.edge_ids().data();
  const EdgeId* it = std::lower_bound(ids + begin, ids + end, EdgeId{e});
  assert(it != ids + end && *it == EdgeId{e});
  return g.weights()[static_cast<size_t>(it - ids)];
}

}  // namespace

struct SearchWorkspace::Impl {
  Side side[2];  // [0] forward from s; [1] backward from t, used by bidirectional searches
  uint32_t generation = 0;

  // Starts a query on a graph of n nodes using `sides` directions: afterwards no label
  // is valid. Labels added by growing have stamp 0, which is never a live generation.
  void begin(uint32_t n, int sides) {
    for (int k = 0; k < sides; ++k) {
      if (side[k].labels.size() < n) side[k].labels.resize(n, Label{kInf, 0, 0, kNone, kNone});
    }
    if (++generation == 0) {  // wrapped: old stamps could collide with new generations
      for (Side& sd : side) {
        for (Label& l : sd.labels) l.stamp = 0;
      }
      generation = 1;
    }
    for (Side& sd : side) {
      sd.heap.clear();
      sd.queue.clear();
    }
  }
};

SearchWorkspace::SearchWorkspace() : impl_(std::make_unique<Impl>()) {}
SearchWorkspace::~SearchWorkspace() = default;
SearchWorkspace::SearchWorkspace(SearchWorkspace&&) noexcept = default;
SearchWorkspace& SearchWorkspace::operator=(SearchWorkspace&&) noexcept = default;

size_t SearchWorkspace::memory_bytes() const {
  return impl_ ? impl_->side[0].memory_bytes() + impl_->side[1].memory_bytes() : 0;
}

namespace detail {

struct SearchAccess {
  using Impl = SearchWorkspace::Impl;

  static Impl& impl(SearchWorkspace& ws) {
    if (!ws.impl_) ws.impl_ = std::make_unique<Impl>();  // after a move
    return *ws.impl_;
  }

  static void check(const Csr& g, NodeId s, NodeId t, const NodeMask& nodes, const EdgeMask& edges) {
    assert(s.value() < g.num_nodes() && t.value() < g.num_nodes());
    assert(nodes.size() == g.num_nodes());
    assert(edges.size() == g.num_edges());
    (void)g, (void)s, (void)t, (void)nodes, (void)edges;
  }

  // Dijkstra from s on (dist, hops) in ws.side[0]; with kStopAtTarget it returns once t
  // is settled. Used for directed graphs and for all_targets. Precondition: s allowed.
  template <bool kStopAtTarget>
  static void dijkstra(const Csr& g, uint32_t s, uint32_t t, const NodeMask& nodes, const EdgeMask& edges, Impl& ws) {
    ws.begin(g.num_nodes(), 1);
    const uint32_t gen = ws.generation;
    const View gv(g, nodes, edges);
    Side& fwd = ws.side[0];
    Label* const lab = fwd.labels.data();

    lab[s] = Label{0, 0, gen, kNone, kNone};
    fwd.heap.push(HeapEntry{0, 0, s});
    while (!fwd.heap.empty()) {
      const HeapEntry top = fwd.heap.pop();
      const uint32_t u = top.node;
      if (top.dist != lab[u].dist || top.hops != lab[u].hops) continue;  // superseded entry
      if (kStopAtTarget && u == t) return;
      const uint32_t end = gv.off[u + 1];
      // Ask for all neighbours' labels before touching any, so their cache misses overlap.
      for (uint32_t a = gv.off[u]; a < end; ++a)
        if (bit(gv.nw, gv.tgt[a].value())) __builtin_prefetch(&lab[gv.tgt[a].value()]);
      for (uint32_t a = gv.off[u]; a < end; ++a) {
        const uint32_t v = gv.tgt[a].value();
        if (!bit(gv.nw, v)) continue;
        const uint32_t e = gv.eid[a].value();
        if (!bit(gv.ew, e)) continue;
        const double nd = top.dist + gv.wt[a];
        const uint32_t nh = top.hops + 1;
        Label& lv = lab[v];
        // Strict improvement only, so a settled node is never reopened (every edge adds
        // at least (0, 1)) and the first label found among equals is kept.
        if (lv.stamp != gen || shorter(nd, nh, lv.dist, lv.hops)) {
          lv = Label{nd, nh, gen, u, e};
          fwd.heap.push(HeapEntry{nd, nh, v});
        }
      }
    }
  }

  // Where the two searches of a bidirectional Dijkstra join: s ~> x (forward labels),
  // edge x-y, y ~> t (backward labels).
  struct Meet {
    uint32_t x = kNone, y = kNone, edge = kNone;
    double dist = kInf;
    uint32_t hops = std::numeric_limits<uint32_t>::max();
  };

  // Bidirectional Dijkstra on an undirected graph (the backward search from t walks the
  // same arcs). Each side settles nodes in (dist, hops, node) order; every arc scanned
  // into a node the other side has labelled proposes a path, kept if strictly shorter.
  // It stops when the two smallest keys add up to at least the best proposal: any
  // shorter path would have an arc between a forward-settled and a backward-settled
  // node, and the later of the two scans would have proposed it (the standard rule, see
  // Goldberg & Harrelson, "Computing the shortest path: A* search meets graph theory",
  // SODA 2005). Keys and the rule compare (cost, hops): a rule on cost alone can stop
  // before the fewest-edges path among the cheapest is proposed (the oracle test has
  // such graphs). The side with fewer entries queued moves next, forward on ties (Pohl,
  // "Bi-directional search", Machine Intelligence 6, 1971): it balances the two searches'
  // work rather than their radii, which matters when one end sits in a dense part of the
  // graph: moving the side with the smaller key would grow the dense side's ball as far
  // as the sparse side's.
  static Meet bidijkstra(const Csr& g, uint32_t s, uint32_t t, const NodeMask& nodes, const EdgeMask& edges, Impl& ws) {
    ws.begin(g.num_nodes(), 2);
    const uint32_t gen = ws.generation;
    const View gv(g, nodes, edges);
    ws.side[0].labels[s] = Label{0, 0, gen, kNone, kNone};
    ws.side[0].heap.push(HeapEntry{0, 0, s});
    ws.side[1].labels[t] = Label{0, 0, gen, kNone, kNone};
    ws.side[1].heap.push(HeapEntry{0, 0, t});

    Meet best;
    HeapEntry f, b;
    // When one side runs out, every node it can reach is settled, including the last
    // node before the other side's origin on a shortest path, whose scan proposed it.
    while (ws.side[0].peek(f) && ws.side[1].peek(b)) {
      if (!shorter(f.dist + b.dist, f.hops + b.hops, best.dist, best.hops)) break;
      const int k = ws.side[1].heap.size() < ws.side[0].heap.size() ? 1 : 0;
      Side& me = ws.side[k];
      const Label* const other = ws.side[1 - k].labels.data();
      Label* const lab = me.labels.data();
      const HeapEntry top = me.heap.pop();
      const uint32_t u = top.node;
      const uint32_t end = gv.off[u + 1];
      // Ask for all neighbours' labels before touching any: their cache misses then
      // overlap instead of queueing one after another. Only the
      // allowed ones: the node mask is small enough to stay in cache, and a clean-path
      // search on an inventory where most devices are denied would otherwise spend most
      // of its memory bandwidth on labels it never reads.
      for (uint32_t a = gv.off[u]; a < end; ++a) {
        const uint32_t v = gv.tgt[a].value();
        if (!bit(gv.nw, v)) continue;
        __builtin_prefetch(&lab[v]);
        __builtin_prefetch(&other[v]);
      }
      for (uint32_t a = gv.off[u]; a < end; ++a) {
        const uint32_t v = gv.tgt[a].value();
        if (!bit(gv.nw, v)) continue;
        const uint32_t e = gv.eid[a].value();
        if (!bit(gv.ew, e)) continue;
        const double nd = top.dist + gv.wt[a];
        const uint32_t nh = top.hops + 1;
        Label& lv = lab[v];
        if (lv.stamp != gen || shorter(nd, nh, lv.dist, lv.hops)) {
          lv = Label{nd, nh, gen, u, e};
          me.heap.push(HeapEntry{nd, nh, v});
        }
        const Label& ov = other[v];
        if (ov.stamp == gen && shorter(nd + ov.dist, nh + ov.hops, best.dist, best.hops)) {
          best = k == 0 ? Meet{u, v, e, nd + ov.dist, nh + ov.hops} : Meet{v, u, e, nd + ov.dist, nh + ov.hops};
        }
      }
    }
    return best;
  }

  // Appends the nodes and edges from the origin of `sd` to v, in that order.
  static void append_from_origin(const Side& sd, uint32_t v, Path& p) {
    const size_t first_node = p.nodes.size(), first_edge = p.edges.size();
    for (; sd.labels[v].parent != kNone; v = sd.labels[v].parent) {
      p.nodes.push_back(NodeId{v});
      p.edges.push_back(EdgeId{sd.labels[v].parent_edge});
    }
    p.nodes.push_back(NodeId{v});
    std::reverse(p.nodes.begin() + static_cast<ptrdiff_t>(first_node), p.nodes.end());
    std::reverse(p.edges.begin() + static_cast<ptrdiff_t>(first_edge), p.edges.end());
  }

  // Cost summed in path order from s, the same sum a one-directional search computes.
  static void add_up_cost(const Csr& g, Path& p) {
    p.cost = 0;
    for (size_t i = 0; i < p.edges.size(); ++i) p.cost += edge_weight(g, p.nodes[i].value(), p.edges[i].value());
  }

  static std::optional<Path> shortest(const Csr& g, NodeId s, NodeId t, const NodeMask& nodes, const EdgeMask& edges,
                                      SearchWorkspace& workspace) {
    check(g, s, t, nodes, edges);
    if (!nodes.test(s) || !nodes.test(t)) return std::nullopt;
    if (s == t) return Path{{s}, {}, 0};
    Impl& ws = impl(workspace);
    Path p;
    if (g.directed()) {
      dijkstra<true>(g, s.value(), t.value(), nodes, edges, ws);
      const Label& lt = ws.side[0].labels[t.value()];
      if (lt.stamp != ws.generation) return std::nullopt;
      p.nodes.reserve(size_t{lt.hops} + 1);
      p.edges.reserve(lt.hops);
      append_from_origin(ws.side[0], t.value(), p);
      p.cost = lt.dist;
      return p;
    }
    const Meet m = bidijkstra(g, s.value(), t.value(), nodes, edges, ws);
    if (m.x == kNone) return std::nullopt;
    p.nodes.reserve(size_t{m.hops} + 1);
    p.edges.reserve(m.hops);
    append_from_origin(ws.side[0], m.x, p);
    p.edges.push_back(EdgeId{m.edge});
    for (uint32_t v = m.y;; v = ws.side[1].labels[v].parent) {  // y ~> t, walking back towards t
      p.nodes.push_back(NodeId{v});
      if (ws.side[1].labels[v].parent == kNone) break;
      p.edges.push_back(EdgeId{ws.side[1].labels[v].parent_edge});
    }
    add_up_cost(g, p);
    return p;
  }

  // Breadth-first search; on an undirected graph from both ends, a whole level at a time
  // on the side with the smaller frontier, until a node seen by one side is seen by the
  // other. Only stamps are used: labels[v].stamp == generation means "seen".
  static bool reach(const Csr& g, NodeId s, NodeId t, const NodeMask& nodes, const EdgeMask& edges,
                    SearchWorkspace& workspace) {
    check(g, s, t, nodes, edges);
    if (!nodes.test(s) || !nodes.test(t)) return false;
    if (s == t) return true;
    Impl& ws = impl(workspace);
    const int sides = g.directed() ? 1 : 2;
    ws.begin(g.num_nodes(), sides);
    const uint32_t gen = ws.generation;
    const View gv(g, nodes, edges);
    uint32_t origin[2] = {s.value(), t.value()};
    size_t head[2] = {0, 0};
    for (int k = 0; k < sides; ++k) {
      ws.side[k].labels[origin[k]].stamp = gen;
      ws.side[k].queue.push_back(origin[k]);
    }
    for (;;) {
      // A side with nothing left to expand has seen everything it can reach: no meeting.
      const size_t pending[2] = {ws.side[0].queue.size() - head[0], ws.side[1].queue.size() - head[1]};
      if (pending[0] == 0 || (sides == 2 && pending[1] == 0)) return false;
      const int k = (sides == 1 || pending[0] <= pending[1]) ? 0 : 1;
      std::vector<uint32_t>& q = ws.side[k].queue;
      Label* const seen = ws.side[k].labels.data();
      const Label* const other_seen = ws.side[1 - k].labels.data();
      const size_t level_end = q.size();
      for (; head[k] < level_end; ++head[k]) {
        const uint32_t u = q[head[k]];
        const uint32_t end = gv.off[u + 1];
        for (uint32_t a = gv.off[u]; a < end; ++a) {
          const uint32_t v = gv.tgt[a].value();
          if (!bit(gv.nw, v) || seen[v].stamp == gen || !bit(gv.ew, gv.eid[a].value())) continue;
          if (sides == 1 ? v == origin[1] : other_seen[v].stamp == gen) return true;
          seen[v].stamp = gen;
          q.push_back(v);
        }
      }
    }
  }

  static ShortestPathTree tree(const Csr& g, NodeId s, const NodeMask& nodes, const EdgeMask& edges,
                               SearchWorkspace& workspace) {
    check(g, s, s, nodes, edges);
    const uint32_t n = g.num_nodes();
    ShortestPathTree tr;
    tr.source_ = s;
    tr.dist_.assign(n, kInf);
    tr.parent_.assign(n, NodeId{});
    tr.parent_edge_.assign(n, EdgeId{});
    if (!nodes.test(s)) return tr;
    Impl& ws = impl(workspace);
    dijkstra<false>(g, s.value(), kNone, nodes, edges, ws);
    const uint32_t gen = ws.generation;
    const Label* const lab = ws.side[0].labels.data();
    for (uint32_t v = 0; v < n; ++v) {
      if (lab[v].stamp != gen) continue;
      tr.dist_[v] = lab[v].dist;
      tr.parent_[v] = NodeId{lab[v].parent};
      tr.parent_edge_[v] = EdgeId{lab[v].parent_edge};
      ++tr.num_reached_;
    }
    tr.source_reached_ = s;
    return tr;
  }

  static std::optional<Path> path_to(const ShortestPathTree& tr, NodeId t) {
    if (!tr.reached(t)) return std::nullopt;
    Path p;
    p.cost = tr.dist_[t.value()];
    for (NodeId v = t; v != tr.source_; v = tr.parent_[v.value()]) {
      p.nodes.push_back(v);
      p.edges.push_back(tr.parent_edge_[v.value()]);
    }
    p.nodes.push_back(tr.source_);
    std::reverse(p.nodes.begin(), p.nodes.end());
    std::reverse(p.edges.begin(), p.edges.end());
    return p;
  }
};

}  // namespace detail

using detail::SearchAccess;

void SearchWorkspace::set_generation_for_testing(uint32_t generation) {
  SearchAccess::impl(*this).generation = generation;
}

std::optional<Path> shortest_path(const Csr& g, NodeId s, NodeId t, const NodeMask& node_allowed,
                                  const EdgeMask& edge_allowed, SearchWorkspace& ws) {
  return SearchAccess::shortest(g, s, t, node_allowed, edge_allowed, ws);
}

std::optional<Path> shortest_path(const Csr& g, NodeId s, NodeId t, const NodeMask& node_allowed,
                                  const EdgeMask& edge_allowed) {
  SearchWorkspace ws;
  return shortest_path(g, s, t, node_allowed, edge_allowed, ws);
}

bool reachable(const Csr& g, NodeId s, NodeId t, const NodeMask& node_allowed, const EdgeMask& edge_allowed,
               SearchWorkspace& ws) {
  return SearchAccess::reach(g, s, t, node_allowed, edge_allowed, ws);
}

bool reachable(const Csr& g, NodeId s, NodeId t, const NodeMask& node_allowed, const EdgeMask& edge_allowed) {
  SearchWorkspace ws;
  return reachable(g, s, t, node_allowed, edge_allowed, ws);
}

std::optional<Path> ShortestPathTree::path_to(NodeId v) const { return SearchAccess::path_to(*this, v); }

ShortestPathTree all_targets(const Csr& g, NodeId s, const NodeMask& node_allowed, const EdgeMask& edge_allowed,
                             SearchWorkspace& ws) {
  return SearchAccess::tree(g, s, node_allowed, edge_allowed, ws);
}

}  // namespace cleannet::graph
