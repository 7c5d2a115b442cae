#include "cleannet/path/findings.h"

#include <cstdio>

#include "cleannet/report/evidence.h"
#include "cleannet/trust/judge.h"

namespace cleannet::path {

namespace {

std::string cost_text(double c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", c);
  return buf;
}

std::string element_name(const netmodel::Network& net, bool is_link, uint32_t index) {
  if (is_link) {
    const auto& l = net.links[index];
    return "link " + (l.id.empty() ? l.a + "-" + l.b : l.id);
  }
  const auto& d = net.devices[index];
  // Topology Zoo ids are numbers: the name is what a reader recognises.
  return "device " + d.id + (d.name.empty() || d.name == d.id ? "" : " (" + d.name + ")");
}

// The rule a judgement cites (trust::rule_id), with the status of the equipment that decided.
std::string element_rule(const ElementJudgement& j) {
  return trust::rule_id(*j.decision, j.worst ? j.worst->vendor->status.status : trust::Status::kTrusted);
}

std::string element_name(const netmodel::Network& net, const Offender& o) {
  return element_name(net, o.is_link, o.index);
}

// A demand whose endpoints no path joins, whatever is allowed or replaced.
report::Finding unreachable_finding(const netmodel::Demand& d, const std::string& subject, std::string explanation) {
  report::Finding f;
  f.line = "path";
  f.subject = subject;
  f.element = "demand " + d.id;
  f.rule = "path-unreachable";
  f.rule_text = "A demand's endpoints must be connected";
  f.severity = report::Severity::kError;
  f.status = "unknown";
  f.explanation = std::move(explanation);
  f.location = report::Location{d.pos.file, d.pos.line, d.pos.column};
  return f;
}

std::string equipment_text(const netmodel::Equipment& e) {
  std::string s = e.vendor.empty() ? std::string("no vendor given") : e.vendor;
  if (!e.model.empty()) s += " " + e.model;
  if (!e.serial.empty()) s += " (serial " + e.serial + ")";
  return s;
}

}  // namespace

std::string path_text(const netmodel::Network& net, const RoutedPath& p) {
  std::string s;
  for (size_t i = 0; i < p.devices.size(); ++i) s += (i ? " > " : "") + net.devices[p.devices[i]].id;
  return s + " (cost " + cost_text(p.cost) + ")";
}

report::Finding element_finding(const netmodel::Network& net, const ElementTrust& trust, bool is_link, uint32_t index,
                                const ElementJudgement& j, const std::string& where) {
  const VendorResolution* vendor = j.worst ? j.worst->vendor : nullptr;
  report::Finding f = report::finding_for(
      trust.registry(), trust::Line::kPath, *j.decision, vendor ? vendor->status.status : trust::Status::kTrusted,
      vendor && vendor->match ? &*vendor->match : nullptr, vendor ? &vendor->status : nullptr);
  if (!vendor) f.status.clear();
  f.element = element_name(net, is_link, index);
  const std::string& segment = is_link ? net.links[index].segment : net.devices[index].segment;
  std::string what = f.element + (segment.empty() ? "" : " (segment " + segment + ")") + where;
  f.explanation = what + ".";
  if (!j.worst) return f;
  const auto& r = *j.worst;
  const VendorResolution& v = *r.vendor;
  std::string eq = equipment_text(*r.equipment) + " [" + r.equipment->source + "]";
  if (v.match) {
    f.evidence = report::evidence_for(trust.registry(), v.status, &*v.match);
    f.explanation = what + " carries " + eq + ". " + report::explain(trust.registry(), v.status, v.match->org);
  } else {
    f.explanation = what + " carries " + eq + ", whose vendor is not in the registry (status unknown).";
  }
  report::Evidence src;
  src.kind = "inventory";
  src.text = "vendor \"" + r.equipment->vendor + "\" from " + r.equipment->source +
             (r.equipment->pos.file.empty() ? "" : " at " + r.equipment->pos.to_string());
  f.evidence.insert(f.evidence.begin(), src);
  const auto& p = r.equipment->pos;
  if (!p.file.empty()) f.location = report::Location{p.file, p.line, p.column};
  return f;
}

std::vector<report::Finding> demand_findings(const netmodel::Network& net, const ElementTrust& trust,
                                             const DemandVerdict& v) {
  std::vector<report::Finding> out;
  const auto& d = *v.demand;
  std::string subject = "demand " + d.id + " (" + (v.traffic_class.empty() ? "no traffic class" : v.traffic_class) +
                        ", " + d.source + " -> " + d.destination + ")";
  std::string fix;
  if (v.alternative && !v.routed_clean) {
    fix = "Route over the clean alternative " + path_text(net, *v.alternative);
    if (v.routed) fix += " instead of " + path_text(net, *v.routed);
    fix += ".";
  } else if (!v.clean_path_exists) {
    fix = "No clean path exists between " + d.source + " and " + d.destination +
          " under this policy: replace the denied equipment (see `cleannet path plan`).";
  }
  if (!v.routed) {
    out.push_back(
        unreachable_finding(d, subject, d.source + " and " + d.destination + " are not connected in the inventory."));
    return out;
  }
  std::string route =
      std::string(v.routed->given ? "routed" : "presumed (shortest)") + " path " + path_text(net, *v.routed);
  auto add = [&](const Offender& o) {
    report::Finding f = element_finding(net, trust, o.is_link, o.index, o.judgement,
                                        " on the " + route + ", hop " + std::to_string(o.hop + 1));
    f.subject = subject;
    f.suggested_fix = fix;
    out.push_back(std::move(f));
  };
  for (const auto& o : v.routed_offenders) add(o);
  for (const auto& o : v.routed_warnings) add(o);
  return out;
}

report::Json demand_json(const netmodel::Network& net, const ElementTrust& trust, const DemandVerdict& v) {
  (void)trust;
  auto path_json = [&](const RoutedPath& p) {
    report::Json devs = report::Json::array();
    for (auto i : p.devices) devs.push_back(net.devices[i].id);
    report::Json links = report::Json::array();
    for (auto i : p.links) links.push_back(net.links[i].id);
    return report::Json{{"devices", devs}, {"links", links}, {"cost", p.cost}, {"given", p.given}};
  };
  report::Json j;
  j["id"] = v.demand->id;
  j["source"] = v.demand->source;
  j["destination"] = v.demand->destination;
  j["traffic_class"] = v.traffic_class;
  j["clean"] = v.clean();
  j["routed"] = v.routed ? path_json(*v.routed) : report::Json(nullptr);
  report::Json offenders = report::Json::array();
  for (const auto& o : v.routed_offenders) offenders.push_back(element_name(net, o));
  j["denied_on_route"] = offenders;
  report::Json warnings = report::Json::array();
  for (const auto& o : v.routed_warnings) warnings.push_back(element_name(net, o));
  j["warned_on_route"] = warnings;
  j["clean_path_exists"] = v.clean_path_exists;
  j["alternative"] = v.alternative ? path_json(*v.alternative) : report::Json(nullptr);
  return j;
}

std::string demand_summary(const netmodel::Network& net, const DemandVerdict& v) {
  const auto& d = *v.demand;
  std::string s = "demand " + d.id + " [" + (v.traffic_class.empty() ? "-" : v.traffic_class) + "] " + d.source +
                  " -> " + d.destination + ": ";
  if (!v.routed) return s + "NOT CONNECTED\n";
  if (v.routed_clean) {
    s += "clean";
    if (!v.routed_warnings.empty()) s += " with " + std::to_string(v.routed_warnings.size()) + " warning(s)";
    return s + " via " + path_text(net, *v.routed) + "\n";
  }
  s += "NOT CLEAN: " + std::string(v.routed->given ? "routed" : "presumed") + " path " + path_text(net, *v.routed) +
       " crosses " + std::to_string(v.routed_offenders.size()) + " denied element(s), first " +
       element_name(net, v.routed_offenders.front()) + "; ";
  if (v.alternative)
    s += "clean alternative " + path_text(net, *v.alternative) + "\n";
  else
    s += "no clean path exists\n";
  return s;
}

namespace {

std::string demand_list(const Plan& plan, const std::vector<size_t>& demands) {
  std::string s;
  for (size_t i = 0; i < demands.size(); ++i) s += (i ? ", " : "") + plan.demands[demands[i]].demand->id;
  return s;
}

std::string element_cost_text(const PlanElement& e) {
  return cost_text(e.cost) + (e.cost_from_inventory ? " (inventory)" : " (default)");
}

std::string method_text(const Plan& plan) {
  switch (plan.method) {
    case PlanMethod::kNone:
      return "nothing to replace";
    case PlanMethod::kMip:
      return "exact (GLPK MIP, proven optimal)";
    case PlanMethod::kMipTimeLimit:
      return "GLPK MIP stopped at its time limit; at most " + cost_text(plan.gap()) +
             " above the optimum (lower bound " + cost_text(plan.lower_bound) + ")";
    case PlanMethod::kGreedy:
      return plan.exact
                 ? "greedy, proven optimal (meets the lower bound)"
                 : "greedy approximation, at most " + cost_text(plan.gap()) + " above the optimum (lower bound " +
                       cost_text(plan.lower_bound) + "; guaranteed at most " + std::to_string(plan.rounds) + "x it)";
  }
  return "?";
}

}  // namespace

std::vector<report::Finding> plan_findings(const netmodel::Network& net, const ElementTrust& trust, const Plan& plan) {
  std::vector<report::Finding> out;
  const std::string subject = "rip-and-replace plan for " + std::to_string(plan.demands.size()) + " demand(s)";
  for (const PlanElement& e : plan.replace) {
    report::Finding f;
    if (e.judgement) {
      f = element_finding(net, trust, e.is_link, e.index, *e.judgement, "");
    } else {
      f.line = "path";
      f.element = element_name(net, e.is_link, e.index);
      f.severity = report::Severity::kError;
      f.explanation = f.element + ".";
    }
    f.explanation +=
        " The policy denies it for " +
        (e.traffic_class.empty() ? std::string("demands with no traffic class") : e.traffic_class + " traffic") +
        "; the plan replaces it for demand(s) " + demand_list(plan, e.demands) + ".";
    f.subject = subject;
    f.suggested_fix = "Replace " + f.element + " with equipment from a trusted vendor (cost " + element_cost_text(e) +
                      "; plan " + plan_method_name(plan.method) + ", total " + cost_text(plan.total_cost) + ").";
    out.push_back(std::move(f));
  }
  for (const DemandPlan& dp : plan.demands) {
    if (dp.outcome != DemandOutcome::kImpossible) continue;
    const auto& d = *dp.demand;
    out.push_back(
        unreachable_finding(d, subject, "No replacement gives demand " + d.id + " a clean path: " + dp.reason + "."));
  }
  return out;
}

report::Json plan_json(const netmodel::Network& net, const Plan& plan) {
  report::Json j;
  j["method"] = plan_method_name(plan.method);
  j["exact"] = plan.exact;
  j["total_cost"] = plan.total_cost;
  j["lower_bound"] = plan.lower_bound;
  j["rounds"] = plan.rounds;
  j["note"] = plan.note;
  j["candidates"] = plan.num_candidates;
  j["relevant_candidates"] = plan.num_relevant_candidates;
  j["flow_variables"] = plan.num_flow_variables;
  report::Json rs = report::Json::array();
  for (const PlanElement& e : plan.replace) {
    report::Json demands = report::Json::array();
    for (size_t i : e.demands) demands.push_back(plan.demands[i].demand->id);
    const netmodel::Equipment* eq = e.judgement && e.judgement->worst ? e.judgement->worst->equipment : nullptr;
    rs.push_back({{"kind", e.is_link ? "link" : "device"},
                  {"id", e.is_link ? net.links[e.index].id : net.devices[e.index].id},
                  {"vendor", eq ? eq->vendor : ""},
                  {"rule", e.judgement ? element_rule(*e.judgement) : ""},
                  {"traffic_class", e.traffic_class},
                  {"cost", e.cost},
                  {"cost_from_inventory", e.cost_from_inventory},
                  {"demands", demands}});
  }
  j["replace"] = rs;
  report::Json ds = report::Json::array();
  for (const DemandPlan& dp : plan.demands) {
    report::Json d;
    d["id"] = dp.demand->id;
    d["source"] = dp.demand->source;
    d["destination"] = dp.demand->destination;
    d["traffic_class"] = dp.demand->traffic_class;
    d["outcome"] = demand_outcome_name(dp.outcome);
    d["own_cost"] = dp.own_cost;
    if (dp.path) {
      report::Json devs = report::Json::array();
      for (auto i : dp.path->devices) devs.push_back(net.devices[i].id);
      d["path"] = {{"devices", devs}, {"cost", dp.path->cost}};
    } else {
      d["path"] = nullptr;
    }
    report::Json replaced = report::Json::array();
    for (size_t i : dp.replaced) {
      const PlanElement& e = plan.replace[i];
      replaced.push_back(e.is_link ? net.links[e.index].id : net.devices[e.index].id);
    }
    d["replaced"] = replaced;
    if (!dp.reason.empty()) d["reason"] = dp.reason;
    ds.push_back(std::move(d));
  }
  j["demands"] = ds;
  return j;
}

std::string plan_text(const netmodel::Network& net, const Plan& plan) {
  size_t clean = 0, after = 0;
  for (const DemandPlan& dp : plan.demands) {
    clean += dp.outcome == DemandOutcome::kAlreadyClean;
    after += dp.outcome == DemandOutcome::kCleanAfterReplacement;
  }
  std::string s = "plan for " + std::to_string(plan.demands.size()) + " demand(s): " + std::to_string(clean) +
                  " need no replacement (a clean path exists), " + std::to_string(after) + " clean after replacing " +
                  std::to_string(plan.replace.size()) + " element(s), " + std::to_string(plan.num_impossible()) +
                  " impossible\n";
  s += "total cost " + cost_text(plan.total_cost) + ": " + method_text(plan) + "\n";
  for (const PlanElement& e : plan.replace) {
    const netmodel::Equipment* eq = e.judgement && e.judgement->worst ? e.judgement->worst->equipment : nullptr;
    s += "  replace " + element_name(net, e.is_link, e.index);
    if (eq) s += ": " + equipment_text(*eq);
    s += ", cost " + element_cost_text(e) + ", for " + demand_list(plan, e.demands) + "\n";
  }
  for (const DemandPlan& dp : plan.demands) {
    const auto& d = *dp.demand;
    s += "demand " + d.id + " [" + (d.traffic_class.empty() ? "-" : d.traffic_class) + "] " + d.source + " -> " +
         d.destination + ": ";
    switch (dp.outcome) {
      case DemandOutcome::kAlreadyClean:
        s += "no replacement needed, clean path " + path_text(net, *dp.path);
        break;
      case DemandOutcome::kCleanAfterReplacement: {
        s += "clean after replacement via " + path_text(net, *dp.path) + ", replacing ";
        for (size_t i = 0; i < dp.replaced.size(); ++i) {
          const PlanElement& e = plan.replace[dp.replaced[i]];
          s += (i ? ", " : "") + (e.is_link ? net.links[e.index].id : net.devices[e.index].id);
        }
        break;
      }
      case DemandOutcome::kImpossible:
        s += "IMPOSSIBLE: " + dp.reason;
        break;
    }
    s += "\n";
  }
  return s;
}

}  // namespace cleannet::path
