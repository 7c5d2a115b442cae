#include "cleannet/path/plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <random>
#include <set>

#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"

namespace cleannet::path {
namespace {

trust::Registry bundled() {
  trust::RegistryBuilder b;
  EXPECT_TRUE(b.add_layer(trust::kBundledRegistryName, trust::bundled_registry_toml()).empty());
  EXPECT_TRUE(b.finish().empty());
  return b.take();
}

netmodel::Device dev(std::string id, std::string vendor, std::optional<double> replace_cost = std::nullopt) {
  netmodel::Device d;
  d.id = std::move(id);
  d.equipment.vendor = std::move(vendor);
  d.equipment.source = "test vendor";
  d.segment = "core";
  d.role = netmodel::Role::kTransmission;
  d.replace_cost = replace_cost;
  return d;
}

netmodel::Link link(std::string a, std::string b, double cost = 1, std::string vendor = "",
                    std::optional<double> replace_cost = std::nullopt) {
  netmodel::Link l;
  l.id = a + "-" + b;
  l.a = std::move(a);
  l.b = std::move(b);
  l.cost = cost;
  l.replace_cost = replace_cost;
  if (!vendor.empty()) {
    netmodel::Equipment e;
    e.vendor = std::move(vendor);
    e.source = "test link equipment";
    l.equipment.push_back(e);
  }
  return l;
}

netmodel::Demand demand(std::string id, std::string s, std::string t, std::string cls = "diplomatic") {
  netmodel::Demand d;
  d.id = std::move(id);
  d.source = std::move(s);
  d.destination = std::move(t);
  d.traffic_class = std::move(cls);
  return d;
}

// Registry, policy, trust and checker for one network, and the plan for all its demands.
struct Planner {
  trust::Registry reg = bundled();
  trust::Resolver resolver{reg};
  trust::StatusOptions opt;
  trust::Policy policy;
  std::optional<ElementTrust> et;
  std::optional<PathChecker> pc;

  explicit Planner(const netmodel::Network& net, const char* policy_name = "clean-network") {
    opt.as_of = *core::Date::parse("2024-06-01");
    policy = *trust::load_policy(policy_name);
    et.emplace(net, resolver, policy, opt);
    pc.emplace(net, *et);
  }
  core::Result<Plan> plan(const netmodel::Network& net, const PlanOptions& o = {}) {
    std::vector<const netmodel::Demand*> ds;
    for (const auto& d : net.demands) ds.push_back(&d);
    return plan_replacement(net, *et, *pc, ds, o);
  }
};

std::string names(const netmodel::Network& net, const Plan& p) {
  std::string s;
  for (const auto& e : p.replace) {
    if (!s.empty()) s += ",";
    s += e.is_link ? net.links[e.index].id : net.devices[e.index].id;
  }
  return s;
}

std::string path_ids(const netmodel::Network& net, const RoutedPath& r) {
  std::string s;
  for (uint32_t d : r.devices) s += (s.empty() ? "" : ">") + net.devices[d].id;
  return s;
}

// The plan's promise, checked on the network itself: every possible demand's path joins
// its endpoints over links that exist and crosses only elements allowed for its class or
// replaced by the plan; the total is the sum of the element costs.
void expect_plan_holds(const netmodel::Network& net, const ElementTrust& et, const Plan& p) {
  std::set<uint32_t> rd, rl;
  double total = 0;
  for (const auto& e : p.replace) {
    (e.is_link ? rl : rd).insert(e.index);
    total += e.cost;
  }
  EXPECT_DOUBLE_EQ(p.total_cost, total);
  ASSERT_EQ(p.demands.size(), net.demands.size());
  for (size_t k = 0; k < p.demands.size(); ++k) {
    const DemandPlan& dp = p.demands[k];
    const netmodel::Demand& d = net.demands[k];
    if (dp.outcome == DemandOutcome::kImpossible) {
      EXPECT_FALSE(dp.path);
      continue;
    }
    ASSERT_TRUE(dp.path) << "demand " << k;
    const RoutedPath& r = *dp.path;
    ASSERT_FALSE(r.devices.empty());
    EXPECT_EQ(r.devices.front(), *net.find_device(d.source));
    EXPECT_EQ(r.devices.back(), *net.find_device(d.destination));
    ASSERT_EQ(r.links.size() + 1, r.devices.size());
    for (uint32_t v : r.devices)
      EXPECT_TRUE(et.device(v, d.traffic_class).action != trust::Action::kDeny || rd.count(v))
          << "demand " << k << " crosses denied device " << net.devices[v].id;
    for (size_t i = 0; i < r.links.size(); ++i) {
      const auto& l = net.links[r.links[i]];
      uint32_t a = *net.find_device(l.a), b = *net.find_device(l.b);
      EXPECT_TRUE((a == r.devices[i] && b == r.devices[i + 1]) || (b == r.devices[i] && a == r.devices[i + 1]));
      EXPECT_TRUE(et.link(r.links[i], d.traffic_class).action != trust::Action::kDeny || rl.count(r.links[i]))
          << "demand " << k << " crosses denied link " << l.id;
    }
  }
}

// Hand-checked: two demands a->b and c->d can only meet through the Huawei hub h: it is
// replaced once, for both.
//   a - h - b,   c - h - d
TEST(Plan, SharedBadElementIsReplacedOnce) {
  netmodel::Network net;
  net.devices = {dev("a", "Cisco"), dev("b", "Cisco"), dev("c", "Cisco"), dev("d", "Cisco"), dev("h", "Huawei", 7)};
  net.links = {link("a", "h"), link("h", "b"), link("c", "h"), link("h", "d")};
  net.demands = {demand("d1", "a", "b"), demand("d2", "c", "d")};
  ASSERT_TRUE(net.finalize().ok());
  Planner pl(net);
  auto p = pl.plan(net);
  ASSERT_TRUE(p) << p.error().message();
  EXPECT_EQ(p->method, PlanMethod::kMip);
  EXPECT_TRUE(p->exact);
  EXPECT_EQ(names(net, *p), "h");
  EXPECT_EQ(p->total_cost, 7);
  EXPECT_EQ(p->lower_bound, 7);
  EXPECT_EQ(p->gap(), 0);
  ASSERT_EQ(p->replace.size(), 1u);
  EXPECT_TRUE(p->replace[0].cost_from_inventory);
  EXPECT_EQ(p->replace[0].traffic_class, "diplomatic");
  ASSERT_TRUE(p->replace[0].judgement.has_value());
  EXPECT_EQ(p->replace[0].judgement->decision->rule->id, "CN-PATH");
  EXPECT_EQ(p->replace[0].demands, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(p->num_candidates, 1u);
  for (const auto& dp : p->demands) {
    EXPECT_EQ(dp.outcome, DemandOutcome::kCleanAfterReplacement);
    EXPECT_EQ(dp.replaced, (std::vector<size_t>{0}));
    EXPECT_EQ(dp.own_cost, 7);
  }
  EXPECT_EQ(path_ids(net, *p->demands[0].path), "a>h>b");
  EXPECT_EQ(path_ids(net, *p->demands[1].path), "c>h>d");
  expect_plan_holds(net, *pl.et, *p);
}

// Hand-checked: a - x1 - x2 - b (two Huawei routers at 1 each) against a - y - b (one
// Huawei router at 5, or at 1.5): two cheap replacements beat one dear one, not a cheaper one.
TEST(Plan, TwoCheapElementsBeatOneExpensive) {
  for (double y_cost : {5.0, 1.5}) {
    netmodel::Network net;
    net.devices = {dev("a", "Cisco"), dev("x1", "Huawei", 1), dev("x2", "Huawei", 1), dev("y", "Huawei", y_cost),
                   dev("b", "Cisco")};
    net.links = {link("a", "x1"), link("x1", "x2"), link("x2", "b"), link("a", "y", 10), link("y", "b", 10)};
    net.demands = {demand("d1", "a", "b")};
    ASSERT_TRUE(net.finalize().ok());
    Planner pl(net);
    for (bool approx : {false, true}) {
      PlanOptions o;
      o.force_approximation = approx;
      auto p = pl.plan(net, o);
      ASSERT_TRUE(p);
      EXPECT_EQ(p->method, approx ? PlanMethod::kGreedy : PlanMethod::kMip);
      // One demand: the greedy is optimal and proves it (its total meets its lower bound).
      EXPECT_TRUE(p->exact);
      if (y_cost == 5) {
        EXPECT_EQ(names(net, *p), "x1,x2");
        EXPECT_EQ(p->total_cost, 2);
        EXPECT_EQ(path_ids(net, *p->demands[0].path), "a>x1>x2>b");
      } else {
        EXPECT_EQ(names(net, *p), "y");
        EXPECT_EQ(p->total_cost, 1.5);
        EXPECT_EQ(path_ids(net, *p->demands[0].path), "a>y>b");
      }
      EXPECT_EQ(p->lower_bound, p->total_cost);
      expect_plan_holds(net, *pl.et, *p);
    }
  }
}

// Hand-checked: d2's destination z hangs off nothing, so no replacement connects it; d1
// is still planned (bad link equipment: the only link a-b carries a ZTE line system).
TEST(Plan, ImpossibleDemandIsReportedAndTheRestPlanned) {
  netmodel::Network net;
  net.devices = {dev("a", "Cisco"), dev("b", "Cisco"), dev("z", "Cisco")};
  net.links = {link("a", "b", 1, "ZTE", 4)};
  net.demands = {demand("d1", "a", "b"), demand("d2", "a", "z")};
  ASSERT_TRUE(net.finalize().ok());
  Planner pl(net);
  auto p = pl.plan(net);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->method, PlanMethod::kMip);
  EXPECT_EQ(names(net, *p), "a-b");
  EXPECT_TRUE(p->replace[0].is_link);
  EXPECT_EQ(p->total_cost, 4);
  EXPECT_EQ(p->demands[0].outcome, DemandOutcome::kCleanAfterReplacement);
  EXPECT_EQ(p->demands[1].outcome, DemandOutcome::kImpossible);
  EXPECT_EQ(p->demands[1].reason, "a and z are not connected, whatever is replaced");
  EXPECT_EQ(p->num_impossible(), 1u);
  EXPECT_STREQ(demand_outcome_name(p->demands[1].outcome), "impossible");
  expect_plan_holds(net, *pl.et, *p);

  // Only the impossible demand: nothing to replace.
  net.demands.erase(net.demands.begin());
  auto q = pl.plan(net);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->method, PlanMethod::kNone);
  EXPECT_TRUE(q->replace.empty());
  EXPECT_EQ(q->num_impossible(), 1u);
}

// Hand-checked: two routes a-h1-b and a-h2-b; h1 costs 3 in the inventory, h2 has no cost
// and takes the default: 2 -> h2 (default), 4 -> h1 (inventory).
TEST(Plan, ReplaceCostFromInventoryOrDefault) {
  netmodel::Network net;
  net.devices = {dev("a", "Cisco"), dev("h1", "Huawei", 3), dev("h2", "Huawei"), dev("b", "Cisco")};
  net.links = {link("a", "h1"), link("h1", "b"), link("a", "h2"), link("h2", "b")};
  net.demands = {demand("d1", "a", "b")};
  ASSERT_TRUE(net.finalize().ok());
  Planner pl(net);
  PlanOptions o;
  o.default_replace_cost = 2;
  auto p = pl.plan(net, o);
  ASSERT_TRUE(p);
  EXPECT_EQ(names(net, *p), "h2");
  EXPECT_EQ(p->total_cost, 2);
  EXPECT_FALSE(p->replace[0].cost_from_inventory);
  o.default_replace_cost = 4;
  p = pl.plan(net, o);
  ASSERT_TRUE(p);
  EXPECT_EQ(names(net, *p), "h1");
  EXPECT_EQ(p->total_cost, 3);
  EXPECT_TRUE(p->replace[0].cost_from_inventory);
  // Default of the default: 1.
  p = pl.plan(net);
  ASSERT_TRUE(p);
  EXPECT_EQ(names(net, *p), "h2");
  EXPECT_EQ(p->total_cost, 1);
}

// Hand-checked: a denied endpoint must itself be replaced, whatever the route; an unknown
// vendor (Nokia) is denied on diplomatic traffic only, so a public demand over it is
// already clean and the element is a candidate only because of the diplomatic one.
TEST(Plan, DeniedEndpointAndClassDependentDenial) {
  netmodel::Network net;
  net.devices = {dev("s", "Huawei", 2), dev("m", "Nokia", 5), dev("t", "Cisco"), dev("u", "Cisco")};
  net.links = {link("s", "m"), link("m", "t"), link("t", "u"), link("u", "m")};
  net.demands = {demand("dip", "s", "t"), demand("pub", "u", "t", "public"), demand("dip2", "u", "t")};
  ASSERT_TRUE(net.finalize().ok());
  Planner pl(net);
  auto p = pl.plan(net);
  ASSERT_TRUE(p);
  // s is the source (2), and every route from s crosses m (5); u -> t is direct.
  EXPECT_EQ(names(net, *p), "s,m");
  EXPECT_EQ(p->total_cost, 7);
  EXPECT_EQ(p->num_candidates, 2u);
  EXPECT_EQ(p->demands[0].outcome, DemandOutcome::kCleanAfterReplacement);
  EXPECT_EQ(p->demands[1].outcome, DemandOutcome::kAlreadyClean);
  EXPECT_EQ(p->demands[2].outcome, DemandOutcome::kAlreadyClean);
  EXPECT_EQ(path_ids(net, *p->demands[1].path), "u>t");
  expect_plan_holds(net, *pl.et, *p);

  // Only the public demand: m is not a candidate, nothing to do.
  std::vector<const netmodel::Demand*> pub{&net.demands[1]};
  auto q = plan_replacement(net, *pl.et, *pl.pc, pub);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->method, PlanMethod::kNone);
  EXPECT_EQ(q->num_candidates, 1u);  // s (Huawei is denied on public traffic too), not m
  EXPECT_TRUE(q->exact);

  // A demand from s to s: only s itself needs replacing.
  net.demands = {demand("self", "s", "s")};
  auto r = pl.plan(net);
  ASSERT_TRUE(r);
  EXPECT_EQ(names(net, *r), "s");
  EXPECT_EQ(path_ids(net, *r->demands[0].path), "s");
}

// The greedy's worst case, and its guarantee: k demands each with a private Huawei
// router at 1 or a shared one at 1.25. Every demand's own cheapest fix is its private
// router, so the greedy pays k; the optimum is 1.25. The plan says so: lower bound 1,
// rounds k, total <= rounds x lower bound.
TEST(Plan, GreedyWorstCaseStaysWithinItsReportedBound) {
  const int k = 4;
  netmodel::Network net;
  net.devices.push_back(dev("shared", "Huawei", 1.25));
  for (int i = 0; i < k; ++i) {
    std::string s = "s" + std::to_string(i), t = "t" + std::to_string(i), p = "p" + std::to_string(i);
    net.devices.push_back(dev(s, "Cisco"));
    net.devices.push_back(dev(t, "Cisco"));
    net.devices.push_back(dev(p, "Huawei", 1));
    net.links.push_back(link(s, p));
    net.links.push_back(link(p, t));
    net.links.push_back(link(s, "shared"));
    net.links.push_back(link("shared", t));
    net.demands.push_back(demand("d" + std::to_string(i), s, t));
  }
  ASSERT_TRUE(net.finalize().ok());
  Planner pl(net);
  PlanOptions o;
  o.force_approximation = true;
  auto g = pl.plan(net, o);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->method, PlanMethod::kGreedy);
  EXPECT_FALSE(g->exact);
  EXPECT_EQ(g->total_cost, k);
  EXPECT_EQ(g->lower_bound, 1);
  EXPECT_EQ(g->rounds, static_cast<size_t>(k));
  EXPECT_EQ(g->ratio(), k);
  EXPECT_EQ(g->note, "approximation (greedy): approximation requested");
  expect_plan_holds(net, *pl.et, *g);
  auto e = pl.plan(net);
  ASSERT_TRUE(e);
  EXPECT_EQ(names(net, *e), "shared");
  EXPECT_EQ(e->total_cost, 1.25);
  EXPECT_EQ(e->replace[0].demands.size(), static_cast<size_t>(k));
  // Above the exact limit the approximation is used, and the plan says why.
  o.force_approximation = false;
  o.exact_limit = 3;
  auto l = pl.plan(net, o);
  ASSERT_TRUE(l);
  EXPECT_EQ(l->method, PlanMethod::kGreedy);
  EXPECT_EQ(l->num_relevant_candidates, 5u);
  EXPECT_EQ(l->note, "approximation (greedy): 5 candidates > exact limit 3");
  o.exact_limit = 200;
  o.max_flow_variables = 10;
  l = pl.plan(net, o);
  ASSERT_TRUE(l);
  EXPECT_EQ(l->method, PlanMethod::kGreedy);
  EXPECT_NE(l->note.find("flow variables > limit 10"), std::string::npos) << l->note;
}

TEST(Plan, BadCostsAreErrors) {
  netmodel::Network net;
  net.devices = {dev("a", "Cisco"), dev("h", "Huawei", -1), dev("b", "Cisco")};
  net.links = {link("a", "h"), link("h", "b")};
  net.demands = {demand("d1", "a", "b")};
  ASSERT_TRUE(net.finalize().ok());
  Planner pl(net);
  auto p = pl.plan(net);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().expected(), "a replace_cost >= 0 for device h");
  net.devices[1].replace_cost = 1;
  PlanOptions o;
  o.default_replace_cost = std::nan("");
  EXPECT_FALSE(pl.plan(net, o));
  o.default_replace_cost = 1;
  o.time_limit_ms = 0;
  EXPECT_FALSE(pl.plan(net, o));
}

// ---------------------------------------------------------------------------------------
// Oracle: random small networks with up to 12 candidates (Huawei: denied for every class;
// Nokia: unknown, denied on diplomatic traffic only) and 1-4 demands. Brute force over all
// subsets of the candidates finds the cheapest one under which every possible demand is
// reachable over allowed-or-replaced elements; the exact plan must cost the same and hold,
// and the greedy must hold, cost at least that, and stay within its reported bound.

struct Instance {
  netmodel::Network net;
  std::vector<std::pair<bool, uint32_t>> cands;  // is_link, index
  std::vector<double> cost;
};

Instance random_instance(std::mt19937& rng) {
  Instance in;
  auto& net = in.net;
  const int n = 3 + static_cast<int>(rng() % 8);
  const int m = n - 2 + static_cast<int>(rng() % (n + 3));  // sparse to meshed
  const int max_bad = static_cast<int>(rng() % 13);
  const char* bad_vendors[] = {"Huawei", "ZTE", "Nokia"};
  std::vector<int> elements(n + m);
  std::iota(elements.begin(), elements.end(), 0);
  std::shuffle(elements.begin(), elements.end(), rng);
  std::set<int> bad(elements.begin(), elements.begin() + std::min(max_bad, n + m));
  auto rcost = [&]() -> std::optional<double> {
    if (rng() % 2) return std::nullopt;           // default
    return static_cast<double>(rng() % 9) / 2;     // 0, 0.5, ..., 4 from the inventory
  };
  for (int i = 0; i < n; ++i) {
    const char* v = bad.count(i) ? bad_vendors[rng() % 3] : "Cisco";
    net.devices.push_back(dev("n" + std::to_string(i), v, rcost()));
  }
  for (int e = 0; e < m; ++e) {
    int a = static_cast<int>(rng() % n), b = static_cast<int>(rng() % n);
    auto l = link("n" + std::to_string(a), "n" + std::to_string(b), 1 + rng() % 3,
                  bad.count(n + e) ? bad_vendors[rng() % 3] : "", rcost());
    l.id += "#" + std::to_string(e);
    net.links.push_back(l);
  }
  const int k = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < k; ++i) {
    int s = static_cast<int>(rng() % n), t = static_cast<int>(rng() % n);
    net.demands.push_back(
        demand("d" + std::to_string(i), "n" + std::to_string(s), "n" + std::to_string(t), rng() % 3 ? "diplomatic" : "public"));
  }
  return in;
}

TEST(Plan, ExactMatchesBruteForceAndGreedyStaysWithinBound) {
  std::mt19937 rng(20240601);
  trust::Registry reg = bundled();
  trust::Resolver resolver{reg};
  trust::StatusOptions sopt;
  sopt.as_of = *core::Date::parse("2024-06-01");
  auto policy = *trust::load_policy("clean-network");
  constexpr int kInstances = 1000;
  int instances = 0, with_replacement = 0, impossible = 0, greedy_optimal = 0, max_cands = 0, by_mip = 0, hard = 0, greedy_proven = 0;
  double worst_ratio = 1;
  for (int iter = 0; iter < kInstances; ++iter) {
    const double default_cost = rng() % 2 ? 1.0 : 2.5;
    Instance in = random_instance(rng);
    netmodel::Network& net = in.net;
    ASSERT_TRUE(net.finalize().ok());
    ElementTrust et(net, resolver, policy, sopt);
    PathChecker pc(net, et);
    std::vector<const netmodel::Demand*> ds;
    for (const auto& d : net.demands) ds.push_back(&d);

    // Candidates, independently of the planner.
    std::set<std::string> classes;
    for (const auto& d : net.demands) classes.insert(d.traffic_class);
    auto denied_dev = [&](uint32_t i, const std::string& c) { return et.device(i, c).action == trust::Action::kDeny; };
    auto denied_link = [&](uint32_t i, const std::string& c) { return et.link(i, c).action == trust::Action::kDeny; };
    for (uint32_t i = 0; i < net.devices.size(); ++i)
      for (const auto& c : classes)
        if (denied_dev(i, c)) {
          in.cands.emplace_back(false, i);
          in.cost.push_back(net.devices[i].replace_cost.value_or(default_cost));
          break;
        }
    for (uint32_t i = 0; i < net.links.size(); ++i)
      for (const auto& c : classes)
        if (denied_link(i, c)) {
          in.cands.emplace_back(true, i);
          in.cost.push_back(net.links[i].replace_cost.value_or(default_cost));
          break;
        }
    const size_t nc = in.cands.size();
    ASSERT_LE(nc, 12u);
    max_cands = std::max(max_cands, static_cast<int>(nc));

    // Brute force over every subset.
    const auto& g = pc.graph();
    graph::SearchWorkspace ws;
    graph::NodeMask all_n(g.num_nodes(), true);
    graph::EdgeMask all_e(g.num_edges(), true);
    std::vector<bool> possible;
    for (const auto& d : net.demands)
      possible.push_back(graph::reachable(g, graph::NodeId{*net.find_device(d.source)},
                                          graph::NodeId{*net.find_device(d.destination)}, all_n, all_e, ws));
    double best = std::numeric_limits<double>::infinity();
    for (uint32_t subset = 0; subset < (1u << nc); ++subset) {
      double cost = 0;
      for (size_t c = 0; c < nc; ++c)
        if (subset >> c & 1) cost += in.cost[c];
      if (cost >= best) continue;
      bool ok = true;
      for (size_t k = 0; k < net.demands.size() && ok; ++k) {
        if (!possible[k]) continue;
        const auto& d = net.demands[k];
        graph::NodeMask nm(g.num_nodes(), true);
        graph::EdgeMask em(g.num_edges(), true);
        for (uint32_t i = 0; i < net.devices.size(); ++i)
          if (denied_dev(i, d.traffic_class)) nm.reset(graph::NodeId{i});
        for (uint32_t i = 0; i < net.links.size(); ++i)
          if (denied_link(i, d.traffic_class)) em.reset(graph::EdgeId{i});
        for (size_t c = 0; c < nc; ++c) {
          if (!(subset >> c & 1)) continue;
          if (in.cands[c].first) {
            em.set(graph::EdgeId{in.cands[c].second});
          } else {
            nm.set(graph::NodeId{in.cands[c].second});
          }
        }
        ok = graph::reachable(g, graph::NodeId{*net.find_device(d.source)}, graph::NodeId{*net.find_device(d.destination)},
                              nm, em, ws);
      }
      if (ok) best = cost;
    }
    ASSERT_TRUE(std::isfinite(best)) << "iteration " << iter;

    PlanOptions o;
    o.default_replace_cost = default_cost;
    auto exact = plan_replacement(net, et, pc, ds, o);
    ASSERT_TRUE(exact) << exact.error().message();
    EXPECT_TRUE(exact->exact) << "iteration " << iter << ": " << exact->note;
    EXPECT_TRUE(exact->method == PlanMethod::kMip || exact->method == PlanMethod::kNone) << exact->note;
    EXPECT_NEAR(exact->total_cost, best, 1e-9) << "iteration " << iter << ": " << exact->note;
    EXPECT_EQ(exact->num_candidates, nc);
    for (size_t k = 0; k < possible.size(); ++k)
      EXPECT_EQ(exact->demands[k].outcome == DemandOutcome::kImpossible, !possible[k]) << "iteration " << iter;
    expect_plan_holds(net, et, *exact);

    o.force_approximation = true;
    auto approx = plan_replacement(net, et, pc, ds, o);
    ASSERT_TRUE(approx);
    expect_plan_holds(net, et, *approx);
    EXPECT_GE(approx->total_cost, best - 1e-9) << "iteration " << iter;
    EXPECT_LE(approx->lower_bound, best + 1e-9) << "iteration " << iter;
    if (approx->exact) {  // proven by its bound
      EXPECT_NEAR(approx->total_cost, best, 1e-9) << "iteration " << iter;
    }
    greedy_proven += approx->exact && approx->method == PlanMethod::kGreedy;
    size_t active = 0;
    for (const auto& dp : approx->demands) active += dp.outcome == DemandOutcome::kCleanAfterReplacement;
    if (approx->method == PlanMethod::kGreedy) {
      EXPECT_LE(approx->rounds, active);
      EXPECT_LE(approx->total_cost, static_cast<double>(approx->rounds) * approx->lower_bound + 1e-9)
          << "iteration " << iter;
    }
    ++instances;
    by_mip += exact->method == PlanMethod::kMip;
    hard += exact->method == PlanMethod::kMip && nc >= 8 && net.demands.size() >= 2;
    if (best > 0) {
      ++with_replacement;
      worst_ratio = std::max(worst_ratio, approx->total_cost / best);
    }
    if (approx->total_cost <= best + 1e-9) ++greedy_optimal;
    impossible += static_cast<int>(std::count(possible.begin(), possible.end(), false));
  }
  EXPECT_EQ(instances, kInstances);
  EXPECT_GT(with_replacement, 400);
  EXPECT_GT(impossible, 50);
  EXPECT_EQ(max_cands, 12);
  EXPECT_GT(hard, 100);
  std::printf("[ oracle ] %d instances (%d solved by the MIP, %d of them with >= 8 candidates and >= 2 demands), "
              "%d with a positive optimum, %d impossible demands; greedy optimal on %d (proven by its bound on %d), "
              "worst greedy/optimum %.3f\n",
              instances, by_mip, hard, with_replacement, impossible, greedy_optimal, greedy_proven, worst_ratio);
}

// Larger inputs: a 60x60 grid cut into six regions by bands of Huawei routers (columns
// 19-20 and 39-40, rows 29-30; costs 1-4), with demands between random regions. Greedy
// above the exact limit, the MIP under it (both hold, the MIP no dearer than the greedy).
TEST(Plan, GridPlansHold) {
  netmodel::Network net;
  const int w = 60;
  std::mt19937 rng(7);
  auto id = [](int r, int c) { return "r" + std::to_string(r) + "c" + std::to_string(c); };
  auto in_band = [](int r, int c) { return c == 19 || c == 20 || c == 39 || c == 40 || r == 29 || r == 30; };
  for (int r = 0; r < w; ++r)
    for (int c = 0; c < w; ++c) {
      bool band = in_band(r, c);
      net.devices.push_back(dev(id(r, c), band ? "Huawei" : "Cisco", band ? std::optional<double>(1 + rng() % 4) : std::nullopt));
    }
  for (int r = 0; r < w; ++r)
    for (int c = 0; c < w; ++c) {
      if (c + 1 < w) net.links.push_back(link(id(r, c), id(r, c + 1)));
      if (r + 1 < w) net.links.push_back(link(id(r, c), id(r + 1, c)));
    }
  auto random_clean = [&]() {
    for (;;) {
      int r = static_cast<int>(rng() % w), c = static_cast<int>(rng() % w);
      if (!in_band(r, c)) return id(r, c);
    }
  };
  for (int i = 0; i < 6; ++i) net.demands.push_back(demand("d" + std::to_string(i), random_clean(), random_clean()));
  ASSERT_TRUE(net.finalize().ok());
  Planner pl(net);
  PlanOptions o;
  o.exact_limit = 100;
  auto g = pl.plan(net, o);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->method, PlanMethod::kGreedy) << g->note;
  EXPECT_GT(g->num_relevant_candidates, 100u);
  expect_plan_holds(net, *pl.et, *g);
  EXPECT_LE(g->total_cost, static_cast<double>(g->rounds) * g->lower_bound + 1e-9);
  o.exact_limit = 1000;
  auto e = pl.plan(net, o);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->method, PlanMethod::kMip) << e->note;
  expect_plan_holds(net, *pl.et, *e);
  EXPECT_LE(e->total_cost, g->total_cost + 1e-9);
  EXPECT_GE(e->total_cost, g->lower_bound - 1e-9);
  // The allowed parts are contracted: the MIP is over the band, not the grid.
  EXPECT_LT(e->num_flow_variables, 6u * 2000u);
  std::printf("[ grid ] greedy %.0f (lower bound %.0f, %zu rounds); MIP %.0f over %zu candidates, %zu flow variables\n",
              g->total_cost, g->lower_bound, g->rounds, e->total_cost, e->num_relevant_candidates, e->num_flow_variables);
}

}  // namespace
}  // namespace cleannet::path
