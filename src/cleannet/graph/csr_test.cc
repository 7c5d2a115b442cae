#include "cleannet/graph/csr.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <tuple>
#include <vector>

#include "cleannet/graph/mask.h"

namespace cleannet::graph {
namespace {

NodeId N(uint32_t v) { return NodeId{v}; }
EdgeId E(uint32_t v) { return EdgeId{v}; }

// (target, weight, edge) of every arc leaving u, in stored order.
std::vector<std::tuple<uint32_t, double, uint32_t>> arcs(const Csr& g, uint32_t u) {
  std::vector<std::tuple<uint32_t, double, uint32_t>> out;
  for (uint32_t a = g.arc_begin(N(u)); a < g.arc_end(N(u)); ++a) {
    out.emplace_back(g.targets()[a].value(), g.weights()[a], g.edge_ids()[a].value());
  }
  return out;
}

using Arcs = std::vector<std::tuple<uint32_t, double, uint32_t>>;

TEST(Csr, EmptyGraph) {
  Csr g;
  EXPECT_EQ(g.num_nodes(), 0u);
  EXPECT_EQ(g.num_edges(), 0u);
  EXPECT_EQ(g.num_arcs(), 0u);
  EXPECT_EQ(g.offsets().size(), 1u);

  auto built = CsrBuilder(4, Direction::kUndirected).build();
  ASSERT_TRUE(built);
  EXPECT_EQ(built->num_nodes(), 4u);
  for (uint32_t u = 0; u < 4; ++u) EXPECT_EQ(built->degree(N(u)), 0u);
}

TEST(Csr, UndirectedEdgeAppearsTwiceWithTheSameId) {
  CsrBuilder b(3, Direction::kUndirected);
  EXPECT_EQ(b.add_edge(N(0), N(1), 2.5), E(0));
  EXPECT_EQ(b.add_edge(N(2), N(1)), E(1));
  auto g = std::move(b).build();
  ASSERT_TRUE(g);
  EXPECT_FALSE(g->directed());
  EXPECT_EQ(g->num_edges(), 2u);
  EXPECT_EQ(g->num_arcs(), 4u);
  EXPECT_EQ(arcs(*g, 0), (Arcs{{1, 2.5, 0}}));
  EXPECT_EQ(arcs(*g, 1), (Arcs{{0, 2.5, 0}, {2, 1.0, 1}}));
  EXPECT_EQ(arcs(*g, 2), (Arcs{{1, 1.0, 1}}));
  EXPECT_EQ(std::vector<uint32_t>(g->offsets().begin(), g->offsets().end()), (std::vector<uint32_t>{0, 1, 3, 4}));
}

TEST(Csr, DirectedEdgeIsOneArc) {
  auto g =
      Csr::from_edges(3, std::vector<Edge>{{N(0), N(1), 1}, {N(1), N(2), 2}, {N(2), N(0), 3}}, Direction::kDirected);
  ASSERT_TRUE(g);
  EXPECT_TRUE(g->directed());
  EXPECT_EQ(g->num_arcs(), 3u);
  EXPECT_EQ(arcs(*g, 0), (Arcs{{1, 1, 0}}));
  EXPECT_EQ(arcs(*g, 1), (Arcs{{2, 2, 1}}));
  EXPECT_EQ(arcs(*g, 2), (Arcs{{0, 3, 2}}));
}

TEST(Csr, SelfLoopIsStoredOnce) {
  auto g = Csr::from_edges(2, std::vector<Edge>{{N(1), N(1), 4}, {N(0), N(1), 1}}, Direction::kUndirected);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->num_arcs(), 3u);
  EXPECT_EQ(arcs(*g, 1), (Arcs{{1, 4, 0}, {0, 1, 1}}));
}

TEST(Csr, ParallelEdgesStaySeparate) {
  auto g =
      Csr::from_edges(2, std::vector<Edge>{{N(0), N(1), 5}, {N(1), N(0), 0}, {N(0), N(1), 2}}, Direction::kUndirected);
  ASSERT_TRUE(g);
  EXPECT_EQ(arcs(*g, 0), (Arcs{{1, 5, 0}, {1, 0, 1}, {1, 2, 2}}));
  EXPECT_EQ(arcs(*g, 1), (Arcs{{0, 5, 0}, {0, 0, 1}, {0, 2, 2}}));
}

// The counting sort against the obvious adjacency lists, on random multigraphs.
TEST(Csr, MatchesNaiveAdjacencyLists) {
  std::mt19937 rng(11);
  for (int round = 0; round < 200; ++round) {
    const uint32_t n = 1 + rng() % 30;
    const uint32_t m = rng() % 80;
    const Direction dir = rng() % 2 ? Direction::kDirected : Direction::kUndirected;
    std::vector<Arcs> expect(n);
    CsrBuilder b(n, dir);
    for (uint32_t e = 0; e < m; ++e) {
      uint32_t u = rng() % n, v = rng() % n;
      double w = static_cast<double>(rng() % 7) / 2;
      b.add_edge(N(u), N(v), w);
      expect[u].emplace_back(v, w, e);
      if (dir == Direction::kUndirected && u != v) expect[v].emplace_back(u, w, e);
    }
    auto g = std::move(b).build();
    ASSERT_TRUE(g);
    size_t total = 0;
    for (uint32_t u = 0; u < n; ++u) {
      EXPECT_EQ(arcs(*g, u), expect[u]) << "round " << round << " node " << u;
      total += expect[u].size();
    }
    EXPECT_EQ(g->num_arcs(), total);
    EXPECT_EQ(g->memory_bytes(), (n + 1) * 4 + total * 16);
  }
}

TEST(Csr, RejectsBadEdgesWithTheirIndex) {
  auto bad = [](double w, uint32_t to) {
    CsrBuilder b(3, Direction::kUndirected);
    b.add_edge(N(0), N(1), 1);
    b.add_edge(N(1), N(to), w);
    auto g = std::move(b).build();
    EXPECT_FALSE(g);
    return g ? std::string() : g.error().message();
  };
  EXPECT_EQ(bad(-1, 2), "edge list@1: expected a finite weight >= 0, found -1");
  EXPECT_EQ(bad(-0.25, 2), "edge list@1: expected a finite weight >= 0, found -0.25");
  EXPECT_EQ(bad(std::nan(""), 2), "edge list@1: expected a finite weight >= 0, found nan");
  EXPECT_EQ(bad(std::numeric_limits<double>::infinity(), 2), "edge list@1: expected a finite weight >= 0, found inf");
  EXPECT_EQ(bad(1, 3), "edge list@1: expected a node id below 3, found 3");
  EXPECT_EQ(bad(1, NodeId::kInvalid), "edge list@1: expected a node id below 3, found an invalid NodeId");

  auto from = Csr::from_edges(2, std::vector<Edge>{{N(5), N(0), 1}}, Direction::kDirected);
  ASSERT_FALSE(from);
  EXPECT_EQ(from.error().message(), "edge list@0: expected a node id below 2, found 5");
}

TEST(Csr, ZeroWeightIsAccepted) {
  auto g = Csr::from_edges(2, std::vector<Edge>{{N(0), N(1), 0}, {N(0), N(1), -0.0}}, Direction::kUndirected);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->weights()[0], 0.0);
}

TEST(Mask, SetTestCountAndTail) {
  Mask<NodeId> m(70);
  EXPECT_EQ(m.size(), 70u);
  EXPECT_EQ(m.count(), 0u);
  m.set(N(0));
  m.set(N(69));
  m.set(N(64));
  m.reset(N(64));
  EXPECT_TRUE(m.test(N(0)));
  EXPECT_TRUE(m.test(N(69)));
  EXPECT_FALSE(m.test(N(64)));
  EXPECT_EQ(m.count(), 2u);

  Mask<NodeId> all(70, true);
  EXPECT_EQ(all.count(), 70u);
  EXPECT_EQ(all.words()[1], (uint64_t{1} << 6) - 1);  // bits past size() stay clear
  all.fill(false);
  EXPECT_EQ(all, Mask<NodeId>(70));
  all.fill(true);
  EXPECT_EQ(all, Mask<NodeId>(70, true));

  Mask<EdgeId> exact(128, true);
  EXPECT_EQ(exact.count(), 128u);
  Mask<EdgeId> none;
  EXPECT_EQ(none.count(), 0u);
}

}  // namespace
}  // namespace cleannet::graph
