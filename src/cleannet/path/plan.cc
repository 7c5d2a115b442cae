#include "cleannet/path/plan.h"

#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <queue>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace cleannet::path {

const char* plan_method_name(PlanMethod m) {
  switch (m) {
    case PlanMethod::kNone: return "none";
    case PlanMethod::kMip: return "mip";
    case PlanMethod::kMipTimeLimit: return "mip-time-limit";
    case PlanMethod::kGreedy: return "greedy";
  }
  return "?";
}

const char* demand_outcome_name(DemandOutcome o) {
  switch (o) {
    case DemandOutcome::kAlreadyClean: return "already-clean";
    case DemandOutcome::kCleanAfterReplacement: return "clean-after-replacement";
    case DemandOutcome::kImpossible: return "impossible";
  }
  return "?";
}

double Plan::ratio() const {
  if (lower_bound > 0) return total_cost / lower_bound;
  return total_cost > 0 ? std::numeric_limits<double>::infinity() : 1.0;
}

size_t Plan::num_impossible() const {
  return static_cast<size_t>(std::count_if(demands.begin(), demands.end(), [](const DemandPlan& d) {
    return d.outcome == DemandOutcome::kImpossible;
  }));
}

namespace {

constexpr int32_t kNoCand = -1;
constexpr uint32_t kUnset = std::numeric_limits<uint32_t>::max();
constexpr double kInf = std::numeric_limits<double>::infinity();

struct UnionFind {
  std::vector<uint32_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  uint32_t find(uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
  void unite(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

struct Candidate {
  bool is_link = false;
  uint32_t index = 0;
  double cost = 0;
  bool from_inventory = false;
  size_t first_class = 0;
};

// One traffic class's view of the network with every connected group of allowed devices
// (joined by allowed links) contracted to one node: what is left is the candidates
// (denied devices as nodes, denied links as arcs) and the free arcs between them. A
// path in the network maps to a walk here crossing the same candidates, and a simple
// path here expands back into one in the network, so both searches below run on it.
struct ClassGraph {
  std::string cls;
  const graph::NodeMask* allowed_nodes = nullptr;
  const graph::EdgeMask* allowed_edges = nullptr;
  std::vector<uint32_t> node_of_device;
  std::vector<int32_t> node_cand;   // candidate of a denied device's node, kNoCand for a contracted group
  std::vector<uint32_t> node_comp;  // connected component in the whole network
  std::vector<uint32_t> offsets;    // CSR, both directions of every edge
  std::vector<uint32_t> target;
  std::vector<int32_t> arc_cand;    // candidate link, kNoCand for a free arc
  uint32_t num_nodes() const { return static_cast<uint32_t>(node_cand.size()); }
};

ClassGraph contract(const std::string& cls, const graph::NodeMask& an, const graph::EdgeMask& ae,
                    const std::vector<std::pair<uint32_t, uint32_t>>& ends, const std::vector<int32_t>& cand_of_device,
                    const std::vector<int32_t>& cand_of_link, const std::vector<uint32_t>& device_comp) {
  ClassGraph cg;
  cg.cls = cls;
  cg.allowed_nodes = &an;
  cg.allowed_edges = &ae;
  const uint32_t nd = static_cast<uint32_t>(device_comp.size());
  UnionFind uf(nd);
  for (uint32_t e = 0; e < ends.size(); ++e) {
    auto [a, b] = ends[e];
    if (ae.test(graph::EdgeId{e}) && an.test(graph::NodeId{a}) && an.test(graph::NodeId{b})) uf.unite(a, b);
  }
  cg.node_of_device.assign(nd, kUnset);
  std::vector<uint32_t> node_of_root(nd, kUnset);
  for (uint32_t d = 0; d < nd; ++d) {
    if (an.test(graph::NodeId{d})) {
      uint32_t r = uf.find(d);
      if (node_of_root[r] == kUnset) {
        node_of_root[r] = cg.num_nodes();
        cg.node_cand.push_back(kNoCand);
        cg.node_comp.push_back(device_comp[d]);
      }
      cg.node_of_device[d] = node_of_root[r];
    } else {
      cg.node_of_device[d] = cg.num_nodes();
      cg.node_cand.push_back(cand_of_device[d]);
      cg.node_comp.push_back(device_comp[d]);
    }
  }
  struct E {
    uint32_t u, v;
    int32_t cand;
    auto operator<=>(const E&) const = default;
  };
  std::vector<E> edges;
  for (uint32_t e = 0; e < ends.size(); ++e) {
    uint32_t u = cg.node_of_device[ends[e].first], v = cg.node_of_device[ends[e].second];
    if (u == v) continue;  // inside a group, or a self-loop: never needed
    if (ae.test(graph::EdgeId{e})) {
      edges.push_back({std::min(u, v), std::max(u, v), kNoCand});
    } else {
      edges.push_back({u, v, cand_of_link[e]});
    }
  }
  std::sort(edges.begin(), edges.end());
  // Parallel free arcs are one arc; parallel denied links stay apart (each its own candidate).
  edges.erase(std::unique(edges.begin(), edges.end(),
                          [](const E& x, const E& y) { return x.cand == kNoCand && x == y; }),
              edges.end());
  cg.offsets.assign(cg.num_nodes() + 1, 0);
  for (const E& e : edges) {
    ++cg.offsets[e.u + 1];
    ++cg.offsets[e.v + 1];
  }
  for (uint32_t i = 0; i < cg.num_nodes(); ++i) cg.offsets[i + 1] += cg.offsets[i];
  cg.target.resize(cg.offsets.back());
  cg.arc_cand.resize(cg.offsets.back());
  std::vector<uint32_t> pos(cg.offsets.begin(), cg.offsets.end() - 1);
  for (const E& e : edges) {
    cg.target[pos[e.u]] = e.v;
    cg.arc_cand[pos[e.u]++] = e.cand;
    cg.target[pos[e.v]] = e.u;
    cg.arc_cand[pos[e.v]++] = e.cand;
  }
  return cg;
}

// Dijkstra on a ClassGraph where a candidate costs its replacement cost until replaced
// (a device's cost is paid on entering it). Labels are (cost, unreplaced candidates), so
// among equally cheap paths the one with fewest (zero-cost) replacements wins.
class CheapestReplacement {
 public:
  // Cost of the cheapest path s -> t and the unreplaced candidates on it (kInf if none).
  double run(const ClassGraph& cg, uint32_t s, uint32_t t, const std::vector<Candidate>& cands,
             const std::vector<char>& replaced, std::vector<int32_t>& on_path) {
    on_path.clear();
    const uint32_t n = cg.num_nodes();
    if (stamp_.size() < n) {
      stamp_.assign(n, 0);
      dist_.resize(n);
      count_.resize(n);
      parent_.resize(n);
      parent_arc_.resize(n);
      done_.resize(n);
    }
    if (++gen_ == 0) {
      std::fill(stamp_.begin(), stamp_.end(), 0);
      gen_ = 1;
    }
    auto weight = [&](int32_t c) { return c != kNoCand && !replaced[c] ? cands[c].cost : 0.0; };
    auto counted = [&](int32_t c) { return c != kNoCand && !replaced[c] ? 1u : 0u; };
    using Label = std::tuple<double, uint32_t, uint32_t>;  // cost, count, node
    std::priority_queue<Label, std::vector<Label>, std::greater<>> pq;
    auto relax = [&](uint32_t v, double d, uint32_t c, uint32_t from, uint32_t arc) {
      if (stamp_[v] == gen_ && (done_[v] || std::pair(dist_[v], count_[v]) <= std::pair(d, c))) return;
      stamp_[v] = gen_;
      done_[v] = 0;
      dist_[v] = d;
      count_[v] = c;
      parent_[v] = from;
      parent_arc_[v] = arc;
      pq.emplace(d, c, v);
    };
    relax(s, weight(cg.node_cand[s]), counted(cg.node_cand[s]), kUnset, kUnset);
    while (!pq.empty()) {
      auto [d, c, u] = pq.top();
      pq.pop();
      if (done_[u] || dist_[u] != d || count_[u] != c) continue;
      done_[u] = 1;
      if (u == t) break;
      for (uint32_t a = cg.offsets[u]; a < cg.offsets[u + 1]; ++a) {
        uint32_t v = cg.target[a];
        int32_t ca = cg.arc_cand[a], cv = cg.node_cand[v];
        relax(v, d + weight(ca) + weight(cv), c + counted(ca) + counted(cv), u, a);
      }
    }
    if (stamp_[t] != gen_ || !done_[t]) return kInf;
    for (uint32_t v = t;; v = parent_[v]) {
      int32_t cv = cg.node_cand[v];
      if (counted(cv)) on_path.push_back(cv);
      if (parent_[v] == kUnset) break;
      int32_t ca = cg.arc_cand[parent_arc_[v]];
      if (counted(ca)) on_path.push_back(ca);
    }
    return dist_[t];
  }

 private:
  uint32_t gen_ = 0;
  std::vector<uint32_t> stamp_;
  std::vector<double> dist_;
  std::vector<uint32_t> count_;
  std::vector<uint32_t> parent_, parent_arc_;
  std::vector<char> done_;
};

struct DemandInfo {
  const netmodel::Demand* demand = nullptr;
  size_t ci = 0;               // class index
  uint32_t s = 0, t = 0;       // devices
  uint32_t sn = 0, tn = 0;     // nodes of the class graph
  bool feasible = false;
  bool active = false;         // feasible and not clean without replacements
  double own_cost = 0;
  std::string reason;
};

struct Instance {
  const netmodel::Network* net = nullptr;
  const graph::Csr* g = nullptr;
  std::vector<Candidate> cands;
  std::vector<int32_t> cand_of_device, cand_of_link;
  std::vector<ClassGraph> classes;
  std::vector<DemandInfo> demands;
  std::vector<size_t> active;  // indices into demands
};

bool denied_in(const ClassGraph& cg, const Candidate& c) {
  return c.is_link ? !cg.allowed_edges->test(graph::EdgeId{c.index}) : !cg.allowed_nodes->test(graph::NodeId{c.index});
}

// ---------------------------------------------------------------------------------------
// Greedy: serve the dearest demand first (lazily re-evaluated: costs only fall as more is
// replaced, so a stale key is an upper bound).

struct GreedyResult {
  std::vector<char> chosen;
  size_t rounds = 0;
};

GreedyResult greedy(const Instance& in) {
  GreedyResult r;
  r.chosen.assign(in.cands.size(), 0);
  CheapestReplacement dj;
  std::vector<int32_t> on_path;
  using Item = std::pair<double, size_t>;  // key, -position in active (max-heap: dearest, then first)
  auto cmp = [](const Item& a, const Item& b) { return a.first < b.first || (a.first == b.first && a.second > b.second); };
  std::priority_queue<Item, std::vector<Item>, decltype(cmp)> heap(cmp);
  for (size_t i = 0; i < in.active.size(); ++i) heap.emplace(in.demands[in.active[i]].own_cost, i);
  while (!heap.empty()) {
    auto [key, i] = heap.top();
    heap.pop();
    const DemandInfo& d = in.demands[in.active[i]];
    double c = dj.run(in.classes[d.ci], d.sn, d.tn, in.cands, r.chosen, on_path);
    if (c == kInf) continue;  // cannot happen for an active demand
    if (c > 0 && !heap.empty() && c < heap.top().first) {
      heap.emplace(c, i);
      continue;
    }
    for (int32_t cand : on_path) r.chosen[cand] = 1;
    if (c > 0) ++r.rounds;
  }
  return r;
}

// ---------------------------------------------------------------------------------------
// Exact: the MIP, built only on the components (of the contracted class graphs) that hold
// an active demand.

struct MipSize {
  size_t relevant = 0;
  size_t flow_variables = 0;
  std::vector<char> is_relevant;
  // Per class: component -> contracted nodes, for components with an active demand.
  std::vector<std::unordered_map<uint32_t, std::vector<uint32_t>>> comp_nodes;
};

MipSize measure(const Instance& in) {
  MipSize m;
  m.is_relevant.assign(in.cands.size(), 0);
  m.comp_nodes.resize(in.classes.size());
  for (size_t k : in.active) {
    const DemandInfo& d = in.demands[k];
    m.comp_nodes[d.ci].emplace(in.classes[d.ci].node_comp[d.sn], std::vector<uint32_t>{});
  }
  std::vector<std::unordered_map<uint32_t, size_t>> comp_arcs(in.classes.size());
  for (size_t ci = 0; ci < in.classes.size(); ++ci) {
    const ClassGraph& cg = in.classes[ci];
    auto& cn = m.comp_nodes[ci];
    if (cn.empty()) continue;
    for (uint32_t v = 0; v < cg.num_nodes(); ++v) {
      auto it = cn.find(cg.node_comp[v]);
      if (it == cn.end()) continue;
      it->second.push_back(v);
      comp_arcs[ci][cg.node_comp[v]] += cg.offsets[v + 1] - cg.offsets[v];
      if (cg.node_cand[v] != kNoCand) m.is_relevant[cg.node_cand[v]] = 1;
      for (uint32_t a = cg.offsets[v]; a < cg.offsets[v + 1]; ++a)
        if (cg.arc_cand[a] != kNoCand) m.is_relevant[cg.arc_cand[a]] = 1;
    }
  }
  m.relevant = static_cast<size_t>(std::count(m.is_relevant.begin(), m.is_relevant.end(), 1));
  for (size_t k : in.active) {
    const DemandInfo& d = in.demands[k];
    if (d.sn != d.tn) m.flow_variables += comp_arcs[d.ci][in.classes[d.ci].node_comp[d.sn]];
  }
  return m;
}

struct MipResult {
  enum class Status { kOptimal, kFeasible, kFailed } status = Status::kFailed;
  std::vector<char> chosen;
  double lp_bound = 0;
  bool have_lp_bound = false;
  size_t flow_variables = 0;
  std::string detail;
};

class GlpkProblem {
 public:
  GlpkProblem() : p_(glp_create_prob()) {}
  ~GlpkProblem() { glp_delete_prob(p_); }
  GlpkProblem(const GlpkProblem&) = delete;
  GlpkProblem& operator=(const GlpkProblem&) = delete;
  glp_prob* get() const { return p_; }

 private:
  glp_prob* p_;
};

// Keeps GLPK quiet for the scope and restores the caller's setting after.
class QuietGlpk {
 public:
  QuietGlpk() : old_(glp_term_out(GLP_OFF)) {}
  ~QuietGlpk() { glp_term_out(old_); }
  QuietGlpk(const QuietGlpk&) = delete;
  QuietGlpk& operator=(const QuietGlpk&) = delete;

 private:
  int old_;
};

MipResult solve_mip(const Instance& in, const MipSize& size, int time_limit_ms) {
  MipResult res;
  struct Bounds {
    int type;
    double lb, ub;
  };
  std::vector<Bounds> rows, cols;
  std::vector<double> obj;
  std::vector<char> integer;
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  auto add_col = [&](Bounds b, double c, bool is_int) {
    cols.push_back(b);
    obj.push_back(c);
    integer.push_back(is_int);
    return static_cast<int>(cols.size());
  };
  auto add_row = [&](Bounds b) {
    rows.push_back(b);
    return static_cast<int>(rows.size());
  };
  auto entry = [&](int r, int c, double v) {
    ia.push_back(r);
    ja.push_back(c);
    ar.push_back(v);
  };

  std::vector<int> x_col(in.cands.size(), 0);
  for (size_t c = 0; c < in.cands.size(); ++c)
    if (size.is_relevant[c]) x_col[c] = add_col({GLP_DB, 0, 1}, in.cands[c].cost, true);
  auto require = [&](int32_t cand) {
    if (cand != kNoCand) cols[x_col[cand] - 1] = {GLP_FX, 1, 1};
  };

  // Contracted node -> its index in its component's node list, per class (set once).
  std::vector<std::vector<int>> local(in.classes.size());
  for (size_t ci = 0; ci < in.classes.size(); ++ci) {
    if (size.comp_nodes[ci].empty()) continue;
    local[ci].assign(in.classes[ci].num_nodes(), -1);
    for (const auto& [comp, nodes] : size.comp_nodes[ci])
      for (size_t i = 0; i < nodes.size(); ++i) local[ci][nodes[i]] = static_cast<int>(i);
  }
  std::vector<int> link_row(in.cands.size(), 0);
  std::vector<int32_t> touched;
  for (size_t k : in.active) {
    const DemandInfo& d = in.demands[k];
    const ClassGraph& cg = in.classes[d.ci];
    require(cg.node_cand[d.sn]);
    require(cg.node_cand[d.tn]);
    if (d.sn == d.tn) continue;
    const std::vector<uint32_t>& nodes = size.comp_nodes[d.ci].at(cg.node_comp[d.sn]);
    const std::vector<int>& loc = local[d.ci];
    // Unit flow s -> t: out - in = 1 at s, -1 at t, 0 elsewhere.
    const int base = static_cast<int>(rows.size()) + 1;
    for (uint32_t v : nodes) {
      double rhs = v == d.sn ? 1.0 : v == d.tn ? -1.0 : 0.0;
      add_row({GLP_FX, rhs, rhs});
    }
    // A denied device carries flow only when replaced: inflow <= x (s has no inflow: fixed above).
    std::vector<int> cap_row(nodes.size(), 0);
    for (size_t i = 0; i < nodes.size(); ++i) {
      int32_t cv = cg.node_cand[nodes[i]];
      if (cv == kNoCand || nodes[i] == d.sn) continue;
      cap_row[i] = add_row({GLP_UP, 0, 0});
      entry(cap_row[i], x_col[cv], -1);
    }
    for (uint32_t u : nodes) {
      if (u == d.tn) continue;  // no arc leaves t ...
      for (uint32_t a = cg.offsets[u]; a < cg.offsets[u + 1]; ++a) {
        uint32_t v = cg.target[a];
        if (v == d.sn) continue;  // ... or enters s
        int col = add_col({GLP_DB, 0, 1}, 0, false);
        ++res.flow_variables;
        entry(base + loc[u], col, 1);
        entry(base + loc[v], col, -1);
        if (cap_row[loc[v]]) entry(cap_row[loc[v]], col, 1);
        if (int32_t cl = cg.arc_cand[a]; cl != kNoCand) {
          // Both directions of a denied link share one row: f(u,v) + f(v,u) <= x.
          if (!link_row[cl]) {
            link_row[cl] = add_row({GLP_UP, 0, 0});
            entry(link_row[cl], x_col[cl], -1);
            touched.push_back(cl);
          }
          entry(link_row[cl], col, 1);
        }
      }
    }
    for (int32_t cl : touched) link_row[cl] = 0;
    touched.clear();
  }

  QuietGlpk quiet;
  GlpkProblem prob;
  glp_prob* P = prob.get();
  glp_set_obj_dir(P, GLP_MIN);
  if (!rows.empty()) glp_add_rows(P, static_cast<int>(rows.size()));
  for (size_t i = 0; i < rows.size(); ++i)
    glp_set_row_bnds(P, static_cast<int>(i + 1), rows[i].type, rows[i].lb, rows[i].ub);
  if (!cols.empty()) glp_add_cols(P, static_cast<int>(cols.size()));
  for (size_t j = 0; j < cols.size(); ++j) {
    int c = static_cast<int>(j + 1);
    if (integer[j]) glp_set_col_kind(P, c, GLP_IV);
    glp_set_col_bnds(P, c, cols[j].type, cols[j].lb, cols[j].ub);
    glp_set_obj_coef(P, c, obj[j]);
  }
  if (ia.size() > 1) glp_load_matrix(P, static_cast<int>(ia.size() - 1), ia.data(), ja.data(), ar.data());
  std::vector<int>().swap(ia);
  std::vector<int>().swap(ja);
  std::vector<double>().swap(ar);

  // The LP relaxation first, without GLPK's presolver: the presolver does not stop at
  // tm_lim, so on a large instance it could overrun --time-limit before the simplex starts.
  const auto start = std::chrono::steady_clock::now();
  glp_smcp sp;
  glp_init_smcp(&sp);
  sp.msg_lev = GLP_MSG_OFF;
  sp.presolve = GLP_OFF;
  sp.tm_lim = time_limit_ms;
  int rc = glp_simplex(P, &sp);
  if (rc != 0 || glp_get_status(P) != GLP_OPT) {
    if (rc == 0 && (glp_get_status(P) == GLP_NOFEAS || glp_get_status(P) == GLP_INFEAS)) {
      res.detail = "LP relaxation infeasible";
    } else {
      res.detail = rc == GLP_ETMLIM ? "time limit reached in the LP relaxation"
                                    : "LP relaxation not solved (GLPK code " + std::to_string(rc) + ")";
    }
    return res;
  }
  res.lp_bound = glp_get_obj_val(P);
  res.have_lp_bound = true;
  // Branch-and-bound from that optimal basis (no MIP presolver: it restarts from scratch
  // and does not heed the time limit either), for the time left.
  const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  glp_iocp ip;
  glp_init_iocp(&ip);
  ip.msg_lev = GLP_MSG_OFF;
  ip.presolve = GLP_OFF;
  ip.tm_lim = static_cast<int>(std::max<int64_t>(1, int64_t{time_limit_ms} - spent.count()));
  rc = glp_intopt(P, &ip);
  int st = glp_mip_status(P);
  if (st != GLP_OPT && st != GLP_FEAS) {
    res.detail = rc == GLP_ETMLIM ? "time limit reached before an integer solution" : "no integer solution";
    return res;
  }
  res.status = rc == 0 && st == GLP_OPT ? MipResult::Status::kOptimal : MipResult::Status::kFeasible;
  if (res.status == MipResult::Status::kFeasible)
    res.detail = rc == GLP_ETMLIM ? "time limit reached" : "stopped early (GLPK code " + std::to_string(rc) + ")";
  res.chosen.assign(in.cands.size(), 0);
  for (size_t c = 0; c < in.cands.size(); ++c)
    if (x_col[c] && glp_mip_col_val(P, x_col[c]) > 0.5) res.chosen[c] = 1;
  return res;
}

// ---------------------------------------------------------------------------------------
// On the network itself: check a selection, drop what no demand needs (reverse delete,
// dearest first), and find every demand's path.

class Realised {
 public:
  explicit Realised(const Instance& in) : in_(in) {
    for (const ClassGraph& cg : in.classes) {
      nodes_.push_back(*cg.allowed_nodes);
      edges_.push_back(*cg.allowed_edges);
    }
  }

  // Applies the selection; false (and the demand's reason) if some active demand still has no path.
  bool apply(const std::vector<char>& chosen) {
    for (size_t c = 0; c < chosen.size(); ++c)
      if (chosen[c]) set(c, true);
    witness_.assign(in_.demands.size(), std::nullopt);
    for (size_t k : in_.active) {
      witness_[k] = search(k);
      if (!witness_[k]) return false;
    }
    return true;
  }

  void prune(std::vector<char>& chosen) {
    std::vector<size_t> order;
    for (size_t c = 0; c < chosen.size(); ++c)
      if (chosen[c]) order.push_back(c);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return in_.cands[a].cost > in_.cands[b].cost; });
    std::vector<std::pair<size_t, graph::Path>> updates;
    for (size_t c : order) {
      set(c, false);
      updates.clear();
      bool ok = true;
      for (size_t k : in_.active) {
        const DemandInfo& d = in_.demands[k];
        if (!denied_in(in_.classes[d.ci], in_.cands[c]) || !uses(*witness_[k], in_.cands[c])) continue;
        auto p = search(k);
        if (!p) {
          ok = false;
          break;
        }
        updates.emplace_back(k, std::move(*p));
      }
      if (ok) {
        chosen[c] = 0;
        for (auto& [k, p] : updates) witness_[k] = std::move(p);
      } else {
        set(c, true);
      }
    }
  }

  std::optional<graph::Path> search(size_t k) {
    const DemandInfo& d = in_.demands[k];
    return graph::shortest_path(*in_.g, graph::NodeId{d.s}, graph::NodeId{d.t}, nodes_[d.ci], edges_[d.ci], ws_);
  }

  static bool uses(const graph::Path& p, const Candidate& c) {
    if (c.is_link) return std::find(p.edges.begin(), p.edges.end(), graph::EdgeId{c.index}) != p.edges.end();
    return std::find(p.nodes.begin(), p.nodes.end(), graph::NodeId{c.index}) != p.nodes.end();
  }

 private:
  // Replaced (value true) or not: only the classes that deny the candidate change.
  void set(size_t c, bool value) {
    const Candidate& cand = in_.cands[c];
    for (size_t ci = 0; ci < in_.classes.size(); ++ci) {
      if (!denied_in(in_.classes[ci], cand)) continue;
      if (cand.is_link) {
        edges_[ci].set(graph::EdgeId{cand.index}, value);
      } else {
        nodes_[ci].set(graph::NodeId{cand.index}, value);
      }
    }
  }

  const Instance& in_;
  std::vector<graph::NodeMask> nodes_;
  std::vector<graph::EdgeMask> edges_;
  std::vector<std::optional<graph::Path>> witness_;
  graph::SearchWorkspace ws_;
};

double total_of(const Instance& in, const std::vector<char>& chosen) {
  double t = 0;
  for (size_t c = 0; c < chosen.size(); ++c)
    if (chosen[c]) t += in.cands[c].cost;
  return t;
}

// Greedy then pruned; the selection and its rounds.
GreedyResult pruned_greedy(const Instance& in) {
  GreedyResult g = greedy(in);
  Realised r(in);
  if (r.apply(g.chosen)) r.prune(g.chosen);
  return g;
}

std::string fmt_count(size_t n, const char* what) { return std::to_string(n) + " " + what; }

}  // namespace

core::Result<Plan> plan_replacement(const netmodel::Network& net, const ElementTrust& trust, PathChecker& checker,
                                    std::span<const netmodel::Demand* const> demands, const PlanOptions& options) {
  if (!(options.default_replace_cost >= 0) || !std::isfinite(options.default_replace_cost))
    return core::Error(core::SourcePos("plan options"), "a default replacement cost >= 0",
                       std::to_string(options.default_replace_cost));
  if (options.time_limit_ms <= 0)
    return core::Error(core::SourcePos("plan options"), "a time limit > 0 ms", std::to_string(options.time_limit_ms));

  Instance in;
  in.net = &net;
  in.g = &checker.graph();
  const graph::Csr& g = *in.g;
  const uint32_t nd = g.num_nodes();

  // Classes of the chosen demands, in order of first use.
  std::unordered_map<std::string, size_t> class_index;
  std::vector<std::string> class_names;
  for (const netmodel::Demand* d : demands)
    if (class_index.emplace(d->traffic_class, class_names.size()).second) class_names.push_back(d->traffic_class);

  // Candidates: denied for some class; devices first, then links, by index.
  std::vector<const graph::NodeMask*> an;
  std::vector<const graph::EdgeMask*> ae;
  for (const auto& c : class_names) {
    an.push_back(&checker.allowed_nodes(c));
    ae.push_back(&checker.allowed_edges(c));
  }
  in.cand_of_device.assign(nd, kNoCand);
  in.cand_of_link.assign(g.num_edges(), kNoCand);
  auto check_cost = [&](const std::optional<double>& rc, const core::SourcePos& pos, const std::string& id,
                        const char* what) -> std::optional<core::Error> {
    if (rc && (!(*rc >= 0) || !std::isfinite(*rc)))
      return core::Error(pos, std::string("a replace_cost >= 0 for ") + what + " " + id, std::to_string(*rc));
    return std::nullopt;
  };
  for (uint32_t i = 0; i < nd; ++i) {
    for (size_t ci = 0; ci < class_names.size(); ++ci) {
      if (an[ci]->test(graph::NodeId{i})) continue;
      const netmodel::Device& dev = net.devices[i];
      if (auto e = check_cost(dev.replace_cost, dev.pos, dev.id, "device")) return *e;
      in.cand_of_device[i] = static_cast<int32_t>(in.cands.size());
      in.cands.push_back({false, i, dev.replace_cost.value_or(options.default_replace_cost),
                          dev.replace_cost.has_value(), ci});
      break;
    }
  }
  for (uint32_t i = 0; i < g.num_edges(); ++i) {
    for (size_t ci = 0; ci < class_names.size(); ++ci) {
      if (ae[ci]->test(graph::EdgeId{i})) continue;
      const netmodel::Link& l = net.links[i];
      if (auto e = check_cost(l.replace_cost, l.pos, l.id, "link")) return *e;
      in.cand_of_link[i] = static_cast<int32_t>(in.cands.size());
      in.cands.push_back({true, i, l.replace_cost.value_or(options.default_replace_cost), l.replace_cost.has_value(), ci});
      break;
    }
  }

  // Link ends and the network's connected components (everything replaced).
  std::vector<std::pair<uint32_t, uint32_t>> ends(g.num_edges());
  UnionFind all(nd);
  for (uint32_t u = 0; u < nd; ++u) {
    for (uint32_t a = g.arc_begin(graph::NodeId{u}); a < g.arc_end(graph::NodeId{u}); ++a) {
      uint32_t v = g.targets()[a].value();
      ends[g.edge_ids()[a].value()] = {std::min(u, v), std::max(u, v)};
      all.unite(u, v);
    }
  }
  std::vector<uint32_t> comp(nd);
  for (uint32_t u = 0; u < nd; ++u) comp[u] = all.find(u);

  for (size_t ci = 0; ci < class_names.size(); ++ci)
    in.classes.push_back(contract(class_names[ci], *an[ci], *ae[ci], ends, in.cand_of_device, in.cand_of_link, comp));

  // Demands: impossible, already clean, or active.
  for (const netmodel::Demand* dp : demands) {
    DemandInfo d;
    d.demand = dp;
    d.ci = class_index.at(dp->traffic_class);
    auto s = net.find_device(dp->source), t = net.find_device(dp->destination);
    if (!s || !t || *s >= nd || *t >= nd) {
      d.reason = "unknown device " + (s ? dp->destination : dp->source);
    } else if (comp[*s] != comp[*t]) {
      d.s = *s;
      d.t = *t;
      d.reason = dp->source + " and " + dp->destination + " are not connected, whatever is replaced";
    } else {
      d.s = *s;
      d.t = *t;
      d.feasible = true;
      const ClassGraph& cg = in.classes[d.ci];
      d.sn = cg.node_of_device[d.s];
      d.tn = cg.node_of_device[d.t];
      d.active = !(d.sn == d.tn && cg.node_cand[d.sn] == kNoCand);
    }
    if (d.active) in.active.push_back(in.demands.size());
    in.demands.push_back(std::move(d));
  }

  Plan plan;
  plan.num_candidates = in.cands.size();

  // Each active demand's own cheapest replacement: a lower bound on any plan.
  {
    CheapestReplacement dj;
    std::vector<char> none(in.cands.size(), 0);
    std::vector<int32_t> on_path;
    for (size_t k : in.active) {
      DemandInfo& d = in.demands[k];
      d.own_cost = dj.run(in.classes[d.ci], d.sn, d.tn, in.cands, none, on_path);
      plan.lower_bound = std::max(plan.lower_bound, d.own_cost);
    }
  }

  std::vector<char> chosen(in.cands.size(), 0);
  if (in.active.empty()) {
    plan.method = PlanMethod::kNone;
    plan.exact = true;
    plan.note = "no demand needs a replacement";
  } else {
    MipSize size = measure(in);
    plan.num_relevant_candidates = size.relevant;
    std::string why_not;
    if (options.force_approximation) {
      why_not = "approximation requested";
    } else if (size.relevant > options.exact_limit) {
      why_not = fmt_count(size.relevant, "candidates") + " > exact limit " + std::to_string(options.exact_limit);
    } else if (size.flow_variables > options.max_flow_variables) {
      why_not = fmt_count(size.flow_variables, "flow variables") + " > limit " +
                std::to_string(options.max_flow_variables);
    }
    bool done = false;
    if (why_not.empty()) {
      MipResult mip = solve_mip(in, size, options.time_limit_ms);
      plan.num_flow_variables = mip.flow_variables;
      if (mip.have_lp_bound) plan.lower_bound = std::max(plan.lower_bound, mip.lp_bound);
      std::string sizes = fmt_count(size.relevant, "candidates") + ", " + fmt_count(mip.flow_variables, "flow variables");
      bool feasible = false;
      if (mip.status != MipResult::Status::kFailed) {
        Realised r(in);
        feasible = r.apply(mip.chosen);
        if (feasible) r.prune(mip.chosen);
      }
      if (feasible && mip.status == MipResult::Status::kOptimal) {
        plan.method = PlanMethod::kMip;
        plan.exact = true;
        plan.note = "exact: GLPK MIP optimal (" + sizes + ")";
        chosen = std::move(mip.chosen);
        done = true;
      } else {
        GreedyResult gr = pruned_greedy(in);
        plan.rounds = gr.rounds;
        plan.exact = false;
        if (feasible && total_of(in, mip.chosen) <= total_of(in, gr.chosen)) {
          chosen = std::move(mip.chosen);
          plan.method = PlanMethod::kMipTimeLimit;
          plan.note = "GLPK MIP not proven optimal: " + mip.detail + " (" + sizes + "); its best solution kept";
        } else {
          chosen = std::move(gr.chosen);
          plan.method = mip.status == MipResult::Status::kFailed || !feasible ? PlanMethod::kGreedy
                                                                              : PlanMethod::kMipTimeLimit;
          std::string what = mip.status == MipResult::Status::kFailed ? mip.detail
                             : !feasible                             ? "MIP solution failed the path check"
                                                                     : mip.detail;
          plan.note = "GLPK MIP not proven optimal: " + what + " (" + sizes + "); greedy approximation kept";
        }
        done = true;
      }
    }
    if (!done) {
      GreedyResult gr = pruned_greedy(in);
      chosen = std::move(gr.chosen);
      plan.rounds = gr.rounds;
      plan.method = PlanMethod::kGreedy;
      plan.exact = false;
      plan.note = "approximation (greedy): " + why_not;
    }
  }

  // The plan on the network: elements, totals, each demand's path after replacement.
  std::vector<size_t> element_of(in.cands.size(), SIZE_MAX);
  for (size_t c = 0; c < in.cands.size(); ++c) {
    if (!chosen[c]) continue;
    const Candidate& cand = in.cands[c];
    PlanElement e;
    e.is_link = cand.is_link;
    e.index = cand.index;
    e.cost = cand.cost;
    e.cost_from_inventory = cand.from_inventory;
    e.traffic_class = class_names[cand.first_class];
    e.judgement = cand.is_link ? trust.link(cand.index, e.traffic_class) : trust.device(cand.index, e.traffic_class);
    element_of[c] = plan.replace.size();
    plan.replace.push_back(std::move(e));
    plan.total_cost += cand.cost;
  }
  if (plan.exact) plan.lower_bound = plan.total_cost;
  // An approximate plan that meets its lower bound is optimal too (always so for one demand).
  if (!plan.exact && plan.total_cost <= plan.lower_bound * (1 + 1e-9) + 1e-12) {
    plan.exact = true;
    plan.note += "; optimal: the total meets the lower bound";
  }
  plan.lower_bound = std::min(plan.lower_bound, plan.total_cost);  // LP rounding

  Realised real(in);
  bool all_ok = real.apply(chosen);
  (void)all_ok;  // checked by the MIP/greedy paths above; an unreachable demand shows as a missing path
  for (size_t k = 0; k < in.demands.size(); ++k) {
    const DemandInfo& d = in.demands[k];
    DemandPlan dp;
    dp.demand = d.demand;
    dp.own_cost = d.active ? d.own_cost : 0;
    dp.reason = d.reason;
    if (!d.feasible) {
      dp.outcome = DemandOutcome::kImpossible;
    } else {
      dp.outcome = d.active ? DemandOutcome::kCleanAfterReplacement : DemandOutcome::kAlreadyClean;
      if (auto p = real.search(k)) {
        RoutedPath r;
        for (auto n : p->nodes) r.devices.push_back(n.value());
        for (auto e : p->edges) r.links.push_back(e.value());
        r.cost = p->cost;
        for (uint32_t v : r.devices) {
          int32_t c = in.cand_of_device[v];
          if (c != kNoCand && chosen[c] && denied_in(in.classes[d.ci], in.cands[c])) dp.replaced.push_back(element_of[c]);
        }
        for (uint32_t l : r.links) {
          int32_t c = in.cand_of_link[l];
          if (c != kNoCand && chosen[c] && denied_in(in.classes[d.ci], in.cands[c])) dp.replaced.push_back(element_of[c]);
        }
        std::sort(dp.replaced.begin(), dp.replaced.end());
        for (size_t e : dp.replaced) plan.replace[e].demands.push_back(k);
        dp.path = std::move(r);
      }
    }
    plan.demands.push_back(std::move(dp));
  }
  return plan;
}

}  // namespace cleannet::path
