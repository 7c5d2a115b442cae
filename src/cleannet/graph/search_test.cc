#include "cleannet/graph/search.h"
#include "cleannet/graph/subgraph.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <ostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace cleannet::graph {

// Readable failures: gtest finds this by argument-dependent lookup.
void PrintTo(const Path& p, std::ostream* os) {
  *os << "{nodes";
  for (NodeId v : p.nodes) *os << ' ' << v.value();
  *os << ", edges";
  for (EdgeId e : p.edges) *os << ' ' << e.value();
  *os << ", cost " << p.cost << '}';
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

NodeId N(uint32_t v) { return NodeId{v}; }
EdgeId E(uint32_t v) { return EdgeId{v}; }

std::vector<NodeId> nodes(std::initializer_list<uint32_t> v) {
  std::vector<NodeId> out;
  for (uint32_t x : v) out.push_back(N(x));
  return out;
}
std::vector<EdgeId> edges(std::initializer_list<uint32_t> v) {
  std::vector<EdgeId> out;
  for (uint32_t x : v) out.push_back(E(x));
  return out;
}

Csr make(uint32_t n, std::vector<Edge> es, Direction dir = Direction::kUndirected) {
  auto g = Csr::from_edges(n, es, dir);
  EXPECT_TRUE(g);
  return std::move(g).value();
}

// A graph with every node and edge allowed, and helpers to forbid some.
struct Fixture {
  Csr g;
  NodeMask nm;
  EdgeMask em;
  SearchWorkspace ws;

  explicit Fixture(Csr graph) : g(std::move(graph)), nm(g.num_nodes(), true), em(g.num_edges(), true) {}
  std::optional<Path> path(uint32_t s, uint32_t t) { return shortest_path(g, N(s), N(t), nm, em, ws); }
  bool reach(uint32_t s, uint32_t t) { return reachable(g, N(s), N(t), nm, em, ws); }
};

TEST(ShortestPath, Disconnected) {
  Fixture f(make(4, {{N(0), N(1), 1}, {N(2), N(3), 1}}));
  EXPECT_FALSE(f.path(0, 3));
  EXPECT_FALSE(f.reach(0, 2));
  EXPECT_TRUE(f.reach(3, 2));
  ShortestPathTree tree = all_targets(f.g, N(0), f.nm, f.em, f.ws);
  EXPECT_EQ(tree.distance(N(1)), 1);
  EXPECT_EQ(tree.distance(N(2)), kInf);
  EXPECT_FALSE(tree.reached(N(3)));
  EXPECT_FALSE(tree.path_to(N(3)));
  EXPECT_EQ(tree.num_reached(), 2u);
}

TEST(ShortestPath, SourceEqualsTargetIsTheEmptyPath) {
  Fixture f(make(2, {{N(0), N(0), 5}, {N(0), N(1), 1}}));
  EXPECT_EQ(f.path(0, 0), (Path{nodes({0}), {}, 0}));
  EXPECT_TRUE(f.reach(0, 0));
  // The self-loop is never part of a shortest path.
  EXPECT_EQ(f.path(0, 1), (Path{nodes({0, 1}), edges({1}), 1}));
}

TEST(ShortestPath, ParallelEdgesUseTheCheaperOne) {
  Fixture f(make(2, {{N(0), N(1), 5}, {N(1), N(0), 2}, {N(0), N(1), 3}}));
  EXPECT_EQ(f.path(0, 1), (Path{nodes({0, 1}), edges({1}), 2}));
  EXPECT_EQ(f.path(1, 0), (Path{nodes({1, 0}), edges({1}), 2}));
  f.em.reset(E(1));
  EXPECT_EQ(f.path(0, 1), (Path{nodes({0, 1}), edges({2}), 3}));
  f.em.reset(E(2));
  f.em.reset(E(0));
  EXPECT_FALSE(f.path(0, 1));
  EXPECT_FALSE(f.reach(0, 1));
}

TEST(ShortestPath, ZeroWeightsPreferFewestEdges) {
  // 0-1-2-3 all free, and a free shortcut 0-3: both cost 0, the shortcut has one edge.
  Fixture f(make(4, {{N(0), N(1), 0}, {N(1), N(2), 0}, {N(2), N(3), 0}, {N(0), N(3), 0}}));
  EXPECT_EQ(f.path(0, 3), (Path{nodes({0, 3}), edges({3}), 0}));
  f.em.reset(E(3));
  EXPECT_EQ(f.path(0, 3), (Path{nodes({0, 1, 2, 3}), edges({0, 1, 2}), 0}));
}

TEST(ShortestPath, CheaperBeatsFewerEdges) {
  Fixture f(make(3, {{N(0), N(2), 3}, {N(0), N(1), 1}, {N(1), N(2), 1}}));
  EXPECT_EQ(f.path(0, 2), (Path{nodes({0, 1, 2}), edges({1, 2}), 2}));
}

TEST(ShortestPath, MaskedSourceOrTargetHasNoPath) {
  Fixture f(make(3, {{N(0), N(1), 1}, {N(1), N(2), 1}}));
  f.nm.reset(N(0));
  EXPECT_FALSE(f.path(0, 2));
  EXPECT_FALSE(f.path(2, 0));
  EXPECT_FALSE(f.path(0, 0));  // even the empty path needs an allowed node
  EXPECT_FALSE(f.reach(0, 2));
  EXPECT_FALSE(f.reach(0, 0));
  ShortestPathTree tree = all_targets(f.g, N(0), f.nm, f.em, f.ws);
  EXPECT_EQ(tree.num_reached(), 0u);
  EXPECT_FALSE(tree.reached(N(0)));
  EXPECT_EQ(tree.distance(N(0)), kInf);
  EXPECT_TRUE(f.path(1, 2));
}

TEST(ShortestPath, MaskedMiddleNodeForcesADetour) {
  //   0 -1- 1 -1- 3      the cheap route is 0-1-3;
  //    \          |      without node 1 it is 0-2-4-3.
  //     2 --2-- 4
  Fixture f(make(5, {{N(0), N(1), 1}, {N(1), N(3), 1}, {N(0), N(2), 1}, {N(2), N(4), 2}, {N(4), N(3), 1}}));
  EXPECT_EQ(f.path(0, 3), (Path{nodes({0, 1, 3}), edges({0, 1}), 2}));
  f.nm.reset(N(1));
  EXPECT_EQ(f.path(0, 3), (Path{nodes({0, 2, 4, 3}), edges({2, 3, 4}), 4}));
  f.nm.reset(N(4));
  EXPECT_FALSE(f.path(0, 3));
  EXPECT_FALSE(f.reach(0, 3));
}

TEST(ShortestPath, MaskedEdgeForcesADetour) {
  Fixture f(make(3, {{N(0), N(2), 1}, {N(0), N(1), 1}, {N(1), N(2), 1}}));
  EXPECT_EQ(f.path(2, 0), (Path{nodes({2, 0}), edges({0}), 1}));
  f.em.reset(E(0));  // an undirected edge is forbidden in both directions
  EXPECT_EQ(f.path(0, 2), (Path{nodes({0, 1, 2}), edges({1, 2}), 2}));
  EXPECT_EQ(f.path(2, 0), (Path{nodes({2, 1, 0}), edges({2, 1}), 2}));
}

TEST(ShortestPath, DirectedEdgesGoOneWay) {
  Fixture f(make(3, {{N(0), N(1), 1}, {N(1), N(2), 1}, {N(2), N(0), 5}}, Direction::kDirected));
  EXPECT_EQ(f.path(0, 2), (Path{nodes({0, 1, 2}), edges({0, 1}), 2}));
  EXPECT_EQ(f.path(2, 1), (Path{nodes({2, 0, 1}), edges({2, 0}), 6}));
  f.em.reset(E(2));
  EXPECT_FALSE(f.path(2, 1));
  EXPECT_FALSE(f.reach(2, 1));
  EXPECT_TRUE(f.reach(0, 2));
}

TEST(ShortestPath, EqualCostEqualLengthTiesAreDeterministic) {
  // Two routes 0-1-3 and 0-2-3 of cost 2 and two edges: either may be returned, but the
  // same one every time, from a fresh workspace or one dirtied by other queries.
  for (Direction dir : {Direction::kUndirected, Direction::kDirected}) {
    Csr g = make(4, {{N(0), N(2), 1}, {N(2), N(3), 1}, {N(0), N(1), 1}, {N(1), N(3), 1}}, dir);
    NodeMask nm(4, true);
    EdgeMask em(4, true);
    const std::optional<Path> first = shortest_path(g, N(0), N(3), nm, em);
    ASSERT_TRUE(first);
    EXPECT_TRUE(*first == (Path{nodes({0, 1, 3}), edges({2, 3}), 2}) ||
                *first == (Path{nodes({0, 2, 3}), edges({0, 1}), 2}));
    SearchWorkspace ws;
    for (int i = 0; i < 3; ++i) {
      (void)shortest_path(g, N(3), N(0), nm, em, ws);  // dirty the workspace
      (void)all_targets(g, N(1), nm, em, ws);
      EXPECT_EQ(shortest_path(g, N(0), N(3), nm, em, ws), first);
    }
    const std::optional<Path> tree_path = all_targets(g, N(0), nm, em, ws).path_to(N(3));
    ASSERT_TRUE(tree_path);
    EXPECT_EQ(tree_path->cost, 2);
    EXPECT_EQ(tree_path->edges.size(), 2u);
  }
}

TEST(SearchWorkspace, ReusedAcrossGraphsOfDifferentSizes) {
  SearchWorkspace ws;
  Csr small = make(2, {{N(0), N(1), 1}});
  Csr big = make(6, {{N(0), N(5), 1}, {N(5), N(4), 1}});
  Csr small2 = make(3, {{N(1), N(2), 1}});
  EXPECT_TRUE(shortest_path(small, N(0), N(1), NodeMask(2, true), EdgeMask(1, true), ws));
  EXPECT_EQ(shortest_path(big, N(0), N(4), NodeMask(6, true), EdgeMask(2, true), ws)->cost, 2);
  EXPECT_FALSE(shortest_path(small2, N(0), N(1), NodeMask(3, true), EdgeMask(1, true), ws));
  EXPECT_FALSE(reachable(small2, N(0), N(2), NodeMask(3, true), EdgeMask(1, true), ws));
  EXPECT_GE(ws.memory_bytes(), 6u * 24);

  SearchWorkspace moved = std::move(ws);
  EXPECT_TRUE(reachable(big, N(4), N(0), NodeMask(6, true), EdgeMask(2, true), moved));
}

TEST(SearchWorkspace, GenerationWrapAroundForgetsOldLabels) {
  Csr g = make(4, {{N(0), N(1), 1}, {N(2), N(3), 1}});
  NodeMask nm(4, true);
  EdgeMask em(2, true);
  SearchWorkspace ws;
  ws.set_generation_for_testing(std::numeric_limits<uint32_t>::max() - 3);
  // Each query is one generation; labels written near the top must not look live after
  // the counter wraps, or 0-3 would appear connected.
  for (int i = 0; i < 8; ++i) {
    EXPECT_TRUE(shortest_path(g, N(2), N(3), nm, em, ws)) << i;
    EXPECT_FALSE(shortest_path(g, N(0), N(3), nm, em, ws)) << i;
    EXPECT_FALSE(reachable(g, N(1), N(2), nm, em, ws)) << i;
    EXPECT_EQ(all_targets(g, N(0), nm, em, ws).num_reached(), 2u) << i;
  }
}

// ---------------------------------------------------------------------------------------
// Randomised oracle: every search against brute-force enumeration of all simple paths.

struct Best {
  bool found = false;
  double cost = kInf;
  size_t hops = 0;
  int count = 0;  // paths (as node and edge sequences) with the optimal (cost, hops)
  Path path;
};

struct RandomGraph {
  uint32_t n = 0;
  Direction dir = Direction::kUndirected;
  std::vector<Edge> es;
  Csr g;
  NodeMask nm;
  EdgeMask em;
};

RandomGraph random_graph(std::mt19937& rng) {
  // Weights are dyadic so sums are exact, and few so that equal-cost paths are common;
  // half the graphs are mostly free edges, where only the edge count separates paths.
  static constexpr double kWeights[2][6] = {{0, 0.5, 1, 1, 2, 3}, {0, 0, 0, 1, 1, 2}};
  const double* weights = kWeights[rng() % 2];
  RandomGraph r;
  r.n = 1 + rng() % 10;
  r.dir = rng() % 3 == 0 ? Direction::kDirected : Direction::kUndirected;
  const uint32_t m = rng() % (2 * r.n + 4);
  for (uint32_t i = 0; i < m; ++i) {
    r.es.push_back({N(rng() % r.n), N(rng() % r.n), weights[rng() % 6]});
  }
  r.g = make(r.n, r.es, r.dir);
  r.nm = NodeMask(r.n);
  r.em = EdgeMask(m);
  const uint32_t node_pct = 60 + rng() % 41, edge_pct = 60 + rng() % 41;
  for (uint32_t v = 0; v < r.n; ++v) r.nm.set(N(v), rng() % 100 < node_pct);
  for (uint32_t e = 0; e < m; ++e) r.em.set(E(e), rng() % 100 < edge_pct);
  return r;
}

// Best (cost, hops) path from s to every node, by depth-first enumeration of every simple
// path through allowed nodes and edges; costs are summed in path order, as Dijkstra does.
std::vector<Best> brute_force(const RandomGraph& r, uint32_t s) {
  std::vector<Best> best(r.n);
  if (!r.nm.test(N(s))) return best;
  std::vector<bool> on_path(r.n, false);
  Path cur{nodes({s}), {}, 0};
  on_path[s] = true;
  auto record = [&](uint32_t v) {
    Best& b = best[v];
    const size_t hops = cur.edges.size();
    if (!b.found || cur.cost < b.cost || (cur.cost == b.cost && hops < b.hops)) {
      b = Best{true, cur.cost, hops, 1, cur};
    } else if (cur.cost == b.cost && hops == b.hops) {
      ++b.count;
    }
  };
  // adjacency[u] = (v, edge) for every allowed edge usable from u.
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> adjacency(r.n);
  for (uint32_t e = 0; e < r.es.size(); ++e) {
    if (!r.em.test(E(e))) continue;
    const uint32_t a = r.es[e].from.value(), b = r.es[e].to.value();
    adjacency[a].emplace_back(b, e);
    if (r.dir == Direction::kUndirected && a != b) adjacency[b].emplace_back(a, e);
  }
  auto dfs = [&](auto& self, uint32_t u) -> void {
    record(u);
    for (auto [v, e] : adjacency[u]) {
      if (on_path[v] || !r.nm.test(N(v))) continue;
      const double saved = cur.cost;
      on_path[v] = true;
      cur.nodes.push_back(N(v));
      cur.edges.push_back(E(e));
      cur.cost += r.es[e].weight;
      self(self, v);
      cur.cost = saved;
      cur.edges.pop_back();
      cur.nodes.pop_back();
      on_path[v] = false;
    }
  };
  dfs(dfs, s);
  return best;
}

std::string describe(const Path& p) {
  std::ostringstream os;
  PrintTo(p, &os);
  return os.str();
}

// What is wrong with a returned path, or "" when it is a real, allowed, simple s-t path
// whose weights add up to its cost. (Plain comparisons, not gtest assertions: the oracle
// checks ~100,000 pairs and must stay fast under sanitizers.)
std::string invalidity(const RandomGraph& r, const Path& p, uint32_t s, uint32_t t) {
  if (p.nodes.empty() || p.edges.size() + 1 != p.nodes.size()) return "malformed " + describe(p);
  if (p.nodes.front() != N(s) || p.nodes.back() != N(t)) return "wrong endpoints " + describe(p);
  std::vector<bool> seen(r.n, false);
  double cost = 0;
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    const uint32_t v = p.nodes[i].value();
    if (v >= r.n || !r.nm.test(p.nodes[i])) return "disallowed node in " + describe(p);
    if (seen[v]) return "repeated node in " + describe(p);
    seen[v] = true;
    if (i == 0) continue;
    const EdgeId eid = p.edges[i - 1];
    if (eid.value() >= r.es.size() || !r.em.test(eid)) return "disallowed edge in " + describe(p);
    const Edge& e = r.es[eid.value()];
    const uint32_t u = p.nodes[i - 1].value();
    const bool forward = e.from.value() == u && e.to.value() == v;
    const bool backward = e.to.value() == u && e.from.value() == v && r.dir == Direction::kUndirected;
    if (!forward && !backward) return "edge not joining its nodes in " + describe(p);
    cost += e.weight;
  }
  if (cost != p.cost) return "cost is not the sum of weights in " + describe(p);
  return "";
}

// Collects complaints; the stream is only built for the first one (keeps the oracle fast).
class Complaints {
 public:
  std::ostream& add() {
    if (!os_) os_.emplace();
    return *os_;
  }
  bool any() const { return os_.has_value(); }
  std::string str() const { return os_ ? os_->str() : std::string(); }

 private:
  std::optional<std::ostringstream> os_;
};

// Disagreements between the searches and the brute force for one pair, or "".
std::string disagreement(const RandomGraph& r, uint32_t s, uint32_t t, const Best& b, bool reach,
                         const std::optional<Path>& p, const ShortestPathTree& tree) {
  Complaints c;
  if (reach != b.found) c.add() << "reachable " << reach << "; ";
  if (p.has_value() != b.found) c.add() << "shortest_path found " << p.has_value() << "; ";
  if (tree.reached(N(t)) != b.found) c.add() << "tree reached " << tree.reached(N(t)) << "; ";
  if (tree.distance(N(t)) != b.cost) c.add() << "tree distance " << tree.distance(N(t)) << "; ";
  const std::optional<Path> from_tree = tree.path_to(N(t));
  if (from_tree.has_value() != b.found) c.add() << "path_to found " << from_tree.has_value() << "; ";
  if (c.any() || !b.found) return c.str();
  for (const Path* q : {&*p, &*from_tree}) {
    const char* who = q == &*p ? "shortest_path: " : "path_to: ";
    if (std::string bad = invalidity(r, *q, s, t); !bad.empty()) c.add() << who << bad << "; ";
    if (q->cost != b.cost) c.add() << who << "cost " << q->cost << " not " << b.cost << "; ";
    // Fewest edges among the cheapest paths.
    if (q->edges.size() != b.hops) c.add() << who << q->edges.size() << " edges not " << b.hops << "; ";
    if (b.count == 1 && *q != b.path) {
      c.add() << who << describe(*q) << " not the only best " << describe(b.path) << "; ";
    }
  }
  return c.str();
}

TEST(SearchOracle, AgreesWithBruteForceOnRandomSmallGraphs) {
  std::mt19937 rng(20200805);  // the Clean Network announcement date
  SearchWorkspace ws;          // shared by every query: also tests the generation stamps
  int graphs = 0, pairs = 0, connected = 0, unique = 0, failures = 0;
  for (; graphs < 2000; ++graphs) {
    const RandomGraph r = random_graph(rng);
    // The allowed part as a graph of its own must answer exactly as the masked search.
    const Subgraph sub = Subgraph::induced(r.g, r.nm, r.em);
    for (uint32_t s = 0; s < r.n; ++s) {
      const std::vector<Best> best = brute_force(r, s);
      const ShortestPathTree tree = all_targets(r.g, N(s), r.nm, r.em, ws);
      for (uint32_t t = 0; t < r.n; ++t) {
        ++pairs;
        const Best& b = best[t];
        const bool reach = reachable(r.g, N(s), N(t), r.nm, r.em, ws);
        const std::optional<Path> p = shortest_path(r.g, N(s), N(t), r.nm, r.em, ws);
        std::string bad = disagreement(r, s, t, b, reach, p, tree);
        if (bad.empty() && sub.shortest_path(N(s), N(t), ws) != p) bad = "the subgraph's path differs";
        if (!bad.empty()) {
          ADD_FAILURE() << "graph " << graphs << " (" << r.n << " nodes, " << r.es.size() << " edges) s=" << s
                        << " t=" << t << ": " << bad;
          if (++failures >= 20) return;
        }
        connected += b.found;
        unique += b.found && b.count == 1;
      }
    }
  }
  // The generator must exercise all three outcomes, not just one.
  EXPECT_GT(connected, pairs / 4);
  EXPECT_GT(pairs - connected, pairs / 10);
  EXPECT_GT(unique, connected / 3);
  EXPECT_LT(unique, connected);
}

// ---------------------------------------------------------------------------------------
// Scale measurement, not a timed test: runs only when CLEANNET_GRAPH_SCALE is set, e.g.
//   CLEANNET_GRAPH_SCALE=1 build/src/cleannet/graph/graph_test --gtest_filter='SearchScale.*'

// Wall and CPU milliseconds since construction. CPU time is the steadier figure on a
// shared machine: it leaves out time spent waiting for a core.
struct Stopwatch {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  double wall_ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count();
  }
  double cpu_ms() const { return 1000.0 * static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC; }
};

TEST(SearchScale, MillionNodesFourMillionEdges) {
  if (!std::getenv("CLEANNET_GRAPH_SCALE")) GTEST_SKIP() << "set CLEANNET_GRAPH_SCALE=1 to measure";
  constexpr uint32_t kNodes = 1'000'000, kEdges = 4'000'000, kQueries = 100, kTrees = 5;
  std::mt19937_64 rng(42);
  Stopwatch add;
  CsrBuilder b(kNodes, Direction::kUndirected);
  b.reserve(kEdges);
  for (uint32_t e = 0; e < kEdges; ++e) {
    b.add_edge(N(rng() % kNodes), N(rng() % kNodes), 1.0 + static_cast<double>(rng() % 1000) / 10);
  }
  const double add_ms = add.cpu_ms();
  Stopwatch build;
  Csr g = std::move(b).build().value();
  const double build_ms = build.cpu_ms();

  NodeMask nm(kNodes, true);
  for (uint32_t v = 0; v < kNodes; ++v) nm.set(N(v), rng() % 10 != 0);
  EdgeMask em(kEdges, true);
  std::vector<std::pair<NodeId, NodeId>> queries;
  while (queries.size() < kQueries) {
    NodeId s = N(rng() % kNodes), t = N(rng() % kNodes);
    if (nm.test(s) && nm.test(t)) queries.emplace_back(s, t);  // masked endpoints cost nothing
  }

  SearchWorkspace ws;
  Stopwatch first;
  (void)shortest_path(g, queries[0].first, queries[0].second, nm, em, ws);  // sizes the workspace
  const double first_ms = first.cpu_ms();
  size_t found = 0, hops = 0;
  Stopwatch sp;
  for (auto [s, t] : queries) {
    if (auto p = shortest_path(g, s, t, nm, em, ws)) ++found, hops += p->edges.size();
  }
  const double sp_cpu = sp.cpu_ms() / kQueries, sp_wall = sp.wall_ms() / kQueries;
  size_t reach = 0;
  Stopwatch re;
  for (auto [s, t] : queries) reach += reachable(g, s, t, nm, em, ws);
  const double re_cpu = re.cpu_ms() / kQueries, re_wall = re.wall_ms() / kQueries;
  size_t reached = 0;
  Stopwatch all;
  for (uint32_t i = 0; i < kTrees; ++i) reached += all_targets(g, queries[i].first, nm, em, ws).num_reached();
  const double all_cpu = all.cpu_ms() / kTrees, all_wall = all.wall_ms() / kTrees;

  EXPECT_EQ(found, reach);
  std::printf("graph: %u nodes, %u edges, %zu arcs; add_edge %.0f ms, build %.0f ms (CPU)\n", kNodes, kEdges,
              g.num_arcs(), add_ms, build_ms);
  std::printf("memory: csr %zu bytes (%.1f bytes/edge), workspace %zu bytes\n", g.memory_bytes(),
              static_cast<double>(g.memory_bytes()) / kEdges, ws.memory_bytes());
  std::printf("first query (sizes the workspace): %.1f ms CPU\n", first_ms);
  std::printf("shortest_path: %.2f ms/query CPU, %.2f wall (%zu/%u found, mean %.1f edges)\n", sp_cpu, sp_wall, found,
              kQueries, found ? static_cast<double>(hops) / static_cast<double>(found) : 0.0);
  std::printf("reachable: %.2f ms/query CPU, %.2f wall\n", re_cpu, re_wall);
  std::printf("all_targets: %.0f ms/query CPU, %.0f wall (%zu reached)\n", all_cpu, all_wall, reached / kTrees);
}

TEST(Subgraph, RenumbersDenselyAndMapsBack) {
  // 0 -1- 1 -1- 2 -1- 3, plus 0 -5- 3; node 1 denied, edge 2-3 denied.
  const Csr g = make(4, {{N(0), N(1), 1}, {N(1), N(2), 1}, {N(2), N(3), 1}, {N(0), N(3), 5}},
                     Direction::kUndirected);
  NodeMask nm(4, true);
  nm.reset(N(1));
  EdgeMask em(4, true);
  em.reset(E(2));
  const Subgraph sub = Subgraph::induced(g, nm, em);
  EXPECT_EQ(sub.graph().num_nodes(), 3u);
  EXPECT_EQ(sub.graph().num_edges(), 1u);  // only 0-3: 0-1 and 1-2 lose node 1, 2-3 is denied
  EXPECT_FALSE(sub.to_sub(N(1)).valid());
  EXPECT_EQ(sub.to_parent(sub.to_sub(N(3))), N(3));
  EXPECT_EQ(sub.to_parent(E(0)), E(3));
  SearchWorkspace ws;
  const auto p = sub.shortest_path(N(0), N(3), ws);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->nodes, nodes({0, 3}));
  EXPECT_EQ(p->edges, std::vector<EdgeId>{E(3)});
  EXPECT_EQ(p->cost, 5);
  EXPECT_FALSE(sub.shortest_path(N(0), N(2), ws).has_value());
  EXPECT_FALSE(sub.shortest_path(N(1), N(1), ws).has_value());
  EXPECT_EQ(sub.shortest_path(N(2), N(2), ws), (Path{nodes({2}), {}, 0}));
}

}  // namespace
}  // namespace cleannet::graph
