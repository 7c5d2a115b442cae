#include "cleannet/graph/flow.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace cleannet::graph {

namespace {
constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
}

FlowNetwork::FlowNetwork(uint32_t num_nodes) : head_(num_nodes, kNone) {}

uint32_t FlowNetwork::add_arc(uint32_t from, uint32_t to, int64_t capacity) {
  assert(from < num_nodes() && to < num_nodes() && capacity >= 0);
  const uint32_t a = static_cast<uint32_t>(arcs_.size());
  arcs_.push_back({from, to, capacity});
  to_.push_back(to);
  residual_.push_back(capacity);
  next_.push_back(head_[from]);
  head_[from] = 2 * a;
  to_.push_back(from);
  residual_.push_back(0);
  next_.push_back(head_[to]);
  head_[to] = 2 * a + 1;
  return a;
}

int64_t FlowNetwork::flow(uint32_t a) const { return arcs_[a].capacity - residual_[2 * a]; }

bool FlowNetwork::bfs(uint32_t s, uint32_t t) {
  level_.assign(num_nodes(), kNone);
  std::vector<uint32_t> queue{s};
  level_[s] = 0;
  for (size_t i = 0; i < queue.size(); ++i) {
    const uint32_t u = queue[i];
    for (uint32_t r = head_[u]; r != kNone; r = next_[r]) {
      if (residual_[r] > 0 && level_[to_[r]] == kNone) {
        level_[to_[r]] = level_[u] + 1;
        queue.push_back(to_[r]);
      }
    }
  }
  return level_[t] != kNone;
}

// Recursion depth is bounded by the level of t, at most the number of nodes; the cable
// graph has a few thousand, far from any stack limit.
int64_t FlowNetwork::dfs(uint32_t u, uint32_t t, int64_t pushed) {
  if (u == t) return pushed;
  for (uint32_t& r = cursor_[u]; r != kNone; r = next_[r]) {
    const uint32_t v = to_[r];
    if (residual_[r] <= 0 || level_[v] != level_[u] + 1) continue;
    const int64_t got = dfs(v, t, std::min(pushed, residual_[r]));
    if (got > 0) {
      residual_[r] -= got;
      residual_[r ^ 1] += got;
      return got;
    }
  }
  return 0;
}

int64_t FlowNetwork::max_flow(uint32_t s, uint32_t t) {
  assert(s < num_nodes() && t < num_nodes());
  for (size_t a = 0; a < arcs_.size(); ++a) {
    residual_[2 * a] = arcs_[a].capacity;
    residual_[2 * a + 1] = 0;
  }
  int64_t total = 0;
  if (s != t) {
    while (bfs(s, t)) {
      cursor_ = head_;
      while (int64_t f = dfs(s, t, std::numeric_limits<int64_t>::max())) total += f;
    }
  }
  // The nodes reachable from s in the residual graph (the last BFS computed exactly that).
  bfs(s, t);
  source_side_.assign(num_nodes(), false);
  for (uint32_t u = 0; u < num_nodes(); ++u) source_side_[u] = level_[u] != kNone;
  return total;
}

std::vector<uint32_t> FlowNetwork::min_cut_arcs() const {
  std::vector<uint32_t> out;
  if (source_side_.size() != num_nodes()) return out;
  for (uint32_t a = 0; a < arcs_.size(); ++a)
    if (source_side_[arcs_[a].from] && !source_side_[arcs_[a].to] && arcs_[a].capacity > 0) out.push_back(a);
  return out;
}

}  // namespace cleannet::graph
