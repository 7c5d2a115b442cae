// From demand verdicts to Findings (text, JSON, SARIF all come from these) and to the
// per-demand JSON summary: the element, the rule, the evidence, and the clean alternative.
//
//   auto fs = demand_findings(net, trust, verdict);     // one finding per offending element
//   report::Json j = demand_json(net, trust, verdict);  // routed / exists / alternative
//   auto ps = plan_findings(net, trust, plan);           // one finding per element to replace
#pragma once

#include <string>
#include <vector>

#include "cleannet/path/check.h"
#include "cleannet/path/plan.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"

namespace cleannet::path {

// "r1 > r2 > r3 (cost 3)"
std::string path_text(const netmodel::Network& net, const RoutedPath& p);

// One finding per denied or warned element on the routed path; a demand with no path at
// all between its endpoints gets one finding of its own.
std::vector<report::Finding> demand_findings(const netmodel::Network& net, const ElementTrust& trust,
                                             const DemandVerdict& v);

report::Json demand_json(const netmodel::Network& net, const ElementTrust& trust, const DemandVerdict& v);

// The finding for one denied or warned element: what is on it, who made that, the rule
// and the evidence chain. `where` continues the sentence after the element's name
// (" on the routed path a > b (cost 1), hop 2"). Subject and fix are left to the caller.
report::Finding element_finding(const netmodel::Network& net, const ElementTrust& trust, bool is_link,
                                uint32_t index, const ElementJudgement& j, const std::string& where);

// A rip-and-replace plan as findings (one per element to replace, one per demand no plan
// can serve), as JSON, and as text (the plan, then one line per demand).
std::vector<report::Finding> plan_findings(const netmodel::Network& net, const ElementTrust& trust, const Plan& plan);
report::Json plan_json(const netmodel::Network& net, const Plan& plan);
std::string plan_text(const netmodel::Network& net, const Plan& plan);

// One line per demand: "D1 diplomatic a -> b: NOT CLEAN ...; clean alternative ...".
std::string demand_summary(const netmodel::Network& net, const DemandVerdict& v);

}  // namespace cleannet::path
