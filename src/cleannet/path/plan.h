// Rip-and-replace plan: the cheapest set of denied devices and links to replace so that
// every chosen demand has a clean path (State Department 5G Clean Path; EU 5G Toolbox
// SM03 "replace high-risk suppliers' equipment in critical and sensitive assets").
//
// Candidates are the elements the policy denies for the traffic class of at least one
// chosen demand; replacing one (with trusted equipment, at its inventory replace_cost or
// the default) makes it allowed for every class. A demand is satisfied when a path from
// its source to its destination crosses only allowed or replaced elements, endpoints
// included.
//
//  - Exact: a mixed-integer program solved by GLPK (binary x per candidate, one unit
//    flow per demand, arc capacities x(link), node capacities x(device)), when the
//    instance is small enough (PlanOptions::exact_limit, max_flow_variables).
//  - Otherwise a greedy approximation (docs/plan-algorithm.md): repeatedly serve the
//    demand whose cheapest path is most expensive, replacing what that path crosses. Its
//    total is at most rounds x lower_bound <= (#demands) x optimum; the lower bound (the
//    dearest demand's own minimum cost, or the LP relaxation when one was solved) and the
//    gap are reported with the plan.
// Both are followed by a pruning pass that drops every chosen element no demand needs.
//
//   PathChecker checker(net, element_trust);
//   std::vector<const netmodel::Demand*> ds;  for (auto& d : net.demands) ds.push_back(&d);
//   core::Result<Plan> p = plan_replacement(net, element_trust, checker, ds);
//   for (const PlanElement& e : p->replace) print(e.is_link, e.index, e.cost);
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/netmodel/network.h"
#include "cleannet/path/check.h"
#include "cleannet/path/element_trust.h"

namespace cleannet::path {

struct PlanOptions {
  // Cost of replacing an element whose inventory gives no replace_cost (must be >= 0).
  double default_replace_cost = 1.0;
  // Largest number of candidates that could serve a demand needing replacement for which
  // the exact MIP is built; above it the approximation is used.
  size_t exact_limit = 200;
  // Largest MIP built: flow variables (one per demand and arc of the contracted graph).
  size_t max_flow_variables = 2'000'000;
  // Time limit for GLPK (LP relaxation plus branch-and-bound), milliseconds; GLPK checks
  // it between iterations, so it may overrun by about a second on large MIPs. When it
  // runs out the better of GLPK's best integer solution (if any) and the greedy plan is
  // returned, not flagged exact.
  int time_limit_ms = 60'000;
  // Skip the MIP and use the approximation whatever the size (for comparisons and tests).
  bool force_approximation = false;
};

enum class PlanMethod {
  kNone,          // no demand needs a replacement (all clean already, or impossible)
  kMip,           // GLPK branch-and-bound, proven optimal
  kMipTimeLimit,  // GLPK stopped at the time limit; best solution found (MIP or greedy)
  kGreedy,        // the approximation
};
const char* plan_method_name(PlanMethod m);  // "none", "mip", "mip-time-limit", "greedy"

struct PlanElement {
  bool is_link = false;
  uint32_t index = 0;                 // device or link index in the network
  double cost = 0;
  bool cost_from_inventory = false;   // false: PlanOptions::default_replace_cost
  std::string traffic_class;          // first chosen demand's class that denies it
  std::optional<ElementJudgement> judgement;  // the denial under that class
  std::vector<size_t> demands;        // indices into Plan::demands whose planned path crosses it
};

enum class DemandOutcome {
  kAlreadyClean,           // a clean path exists without replacing anything
  kCleanAfterReplacement,  // needs the plan
  kImpossible,             // not even replacing every candidate connects it
};
const char* demand_outcome_name(DemandOutcome o);  // "already-clean", "clean-after-replacement", "impossible"

struct DemandPlan {
  const netmodel::Demand* demand = nullptr;
  DemandOutcome outcome = DemandOutcome::kImpossible;
  // The shortest path by link cost over allowed and replaced elements once the plan is
  // carried out; none when impossible.
  std::optional<RoutedPath> path;
  std::vector<size_t> replaced;       // indices into Plan::replace that `path` crosses
  // The cheapest replacement this demand needs on its own (a lower bound on any plan).
  double own_cost = 0;
  std::string reason;                 // why impossible
};

struct Plan {
  PlanMethod method = PlanMethod::kNone;
  bool exact = true;                  // total_cost is proven minimal (by the MIP, or by meeting lower_bound)
  std::vector<PlanElement> replace;   // devices first, then links, each by index
  double total_cost = 0;
  // A lower bound on the optimum: total_cost when exact; else the larger of the dearest
  // demand's own_cost and the MIP's LP relaxation (when solved).
  double lower_bound = 0;
  // The approximation's a-priori guarantee: total_cost <= rounds x lower_bound, with
  // rounds <= the number of demands needing replacement (0 when exact).
  size_t rounds = 0;
  std::vector<DemandPlan> demands;    // in the order given
  size_t num_candidates = 0;          // elements denied for some chosen demand's class
  size_t num_relevant_candidates = 0; // of those, on some path of a demand needing replacement
  size_t num_flow_variables = 0;      // size of the MIP built (0 when none)
  std::string note;                   // how the method was chosen and how it ended

  double gap() const { return total_cost - lower_bound; }
  // total_cost / lower_bound (1 when both are 0).
  double ratio() const;
  size_t num_impossible() const;
};

// Plans replacements for `demands` (pointers into net.demands, or demands on the same
// devices). `checker` supplies the graph and the per-class allowed masks (it must be
// built on `net` and `trust`). Fails on a negative or non-finite replace_cost in the
// inventory, naming the element, or on bad options.
core::Result<Plan> plan_replacement(const netmodel::Network& net, const ElementTrust& trust, PathChecker& checker,
                                    std::span<const netmodel::Demand* const> demands, const PlanOptions& options = {});

}  // namespace cleannet::path
