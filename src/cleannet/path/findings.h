// From demand verdicts to Findings (text, JSON, SARIF all come from these) and to the
// per-demand JSON summary: the element, the rule, the evidence, and the clean alternative.
//
//   auto fs = demand_findings(net, trust, verdict);     // one finding per offending element
//   report::Json j = demand_json(net, trust, verdict);  // routed / exists / alternative
#pragma once

#include <string>
#include <vector>

#include "cleannet/path/check.h"
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

// One line per demand: "D1 diplomatic a -> b: NOT CLEAN ...; clean alternative ...".
std::string demand_summary(const netmodel::Network& net, const DemandVerdict& v);

}  // namespace cleannet::path
