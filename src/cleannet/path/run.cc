#include "cleannet/path/run.h"

#include <algorithm>

#include "cleannet/path/check.h"
#include "cleannet/path/element_trust.h"
#include "cleannet/path/findings.h"
#include "cleannet/path/map.h"

namespace cleannet::path {

namespace {

// "network NAME: 40 devices, 61 links, 3 demands; policy clean-network, as of 2024-06-01"
std::string network_line(const PathInputs& in) {
  const netmodel::Network& net = *in.net;
  std::string s = "network " + (net.name.empty() ? in.inventory : net.name) + ": " +
                  std::to_string(net.devices.size()) + " devices, " + std::to_string(net.links.size()) + " links, " +
                  std::to_string(net.demands.size()) + " demands";
  if (net.synthetic) s += " (SYNTHETIC data: " + net.provenance + ")";
  return s + "; policy " + in.policy->name + ", as of " + in.status_options.as_of.to_string() + "\n";
}

report::Json network_json(const PathInputs& in) {
  const netmodel::Network& net = *in.net;
  report::Json j;
  j["network"] = {{"name", net.name},
                  {"provenance", net.provenance},
                  {"synthetic", net.synthetic},
                  {"devices", net.devices.size()},
                  {"links", net.links.size()}};
  report::Json warnings = report::Json::array();
  for (const auto& w : net.warnings) warnings.push_back({{"at", w.pos.to_string()}, {"text", w.text}});
  j["network"]["warnings"] = warnings;
  j["policy"] = in.policy->name;
  j["as_of"] = in.status_options.as_of.to_string();
  return j;
}

}  // namespace

report::CheckReport run_check(const PathInputs& in) {
  const netmodel::Network& net = *in.net;
  report::CheckReport r;
  if (net.demands.empty()) {
    r.errors.push_back(core::Error(
        core::SourcePos(in.inventory),
        "demands to check (in the inventory, a demands.csv beside it, or --demands FILE)",
        "none (" + std::to_string(net.devices.size()) + " devices, " + std::to_string(net.links.size()) + " links)"));
    r.reported = false;
    return r;
  }
  ElementTrust trust(net, *in.resolver, *in.policy, in.status_options);
  PathChecker checker(net, trust);
  std::vector<DemandVerdict> verdicts;
  size_t not_clean = 0, with_alternative = 0;
  for (const auto& d : net.demands) {
    verdicts.push_back(checker.check(d));
    const auto& v = verdicts.back();
    if (!v.clean()) {
      ++not_clean;
      with_alternative += v.alternative.has_value();
    }
    auto f = demand_findings(net, trust, v);
    r.findings.insert(r.findings.end(), f.begin(), f.end());
  }
  r.violations = not_clean > 0;
  r.summary = network_json(in);
  report::Json ds = report::Json::array();
  for (const auto& v : verdicts) ds.push_back(demand_json(net, trust, v));
  r.summary["demands"] = ds;
  if (size_t located = located_devices(net); located > kMaxMapDevices) {
    r.summary["map_omitted"] = std::to_string(located) + " devices have a location, more than the " +
                               std::to_string(kMaxMapDevices) + " a map shows";
  } else if (auto m = map_json(net, trust)) {
    r.summary["map"] = std::move(*m);
  }
  r.summary["findings"] = nullptr;  // the findings' place (report::print_check_report)
  r.summary["summary"] = {
      {"demands", verdicts.size()}, {"not_clean", not_clean}, {"with_clean_alternative", with_alternative}};
  r.text_head = network_line(in);
  for (const auto& v : verdicts) r.text_head += demand_summary(net, v);
  if (!r.findings.empty()) r.text_head += "\n";
  r.text_tail = "\n" + std::to_string(not_clean) + " of " + std::to_string(verdicts.size()) + " demands not clean; " +
                std::to_string(with_alternative) + " of them have a clean alternative\n";
  return r;
}

report::CheckReport run_plan(const PathInputs& in, const PlanRequest& request) {
  const netmodel::Network& net = *in.net;
  report::CheckReport r;
  std::vector<const netmodel::Demand*> chosen;
  for (const auto& d : net.demands)
    if (request.classes.empty() ||
        std::find(request.classes.begin(), request.classes.end(), d.traffic_class) != request.classes.end())
      chosen.push_back(&d);
  ElementTrust trust(net, *in.resolver, *in.policy, in.status_options);
  PathChecker checker(net, trust);
  auto plan = plan_replacement(net, trust, checker, chosen, request.options);
  if (!plan) {
    r.errors.push_back(plan.error());
    r.reported = false;
    return r;
  }
  r.findings = plan_findings(net, trust, *plan);
  r.violations = !plan->replace.empty() || plan->num_impossible() != 0;
  r.summary = network_json(in);
  r.summary["plan"] = plan_json(net, *plan);
  r.text_head = network_line(in) + plan_text(net, *plan);
  if (!r.findings.empty()) r.text_head += "\n";
  return r;
}

}  // namespace cleannet::path
