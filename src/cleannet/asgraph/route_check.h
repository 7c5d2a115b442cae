// The route check, `cleannet asgraph route`: the route AS `from` picks toward AS `to` under
// the valley-free (Gao–Rexford) model on a CAIDA AS graph (valley_free.h), every AS on it
// attributed to its organisation (attribution.h) and judged on the "carrier" line by the
// same AsJudge as `carrier check` (judge.h). Every AS on the route whose judgement violates
// the policy is a finding with its evidence. With something to avoid, also the route `from`
// would pick if the avoided ASes carried no routes (the endpoints are kept: they are what
// was asked about).
//
//   RouteInputs in;  in.from = 3320;  in.to = 4134;  in.as_rel = "as-rel2.txt";
//   auto r = check_route(in, resolver, registry, policy, status_options);
//   print_check_report(std::cout, format, r->report, "cleannet asgraph route", ...r->text...);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cleannet/asgraph/relationships.h"
#include "cleannet/core/result.h"
#include "cleannet/report/check_report.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::asgraph {

struct RouteInputs {
  uint32_t from = 0, to = 0;
  std::string as_rel;  // CAIDA as-rel / as-rel2 file, any compression
  RelationshipFormat rel_format = RelationshipFormat::kAuto;
  std::string as_names, as2org;  // at most one: the directory that attributes ASes by name
  // What to avoid: every AS whose judgement violates the policy, and/or these ASes.
  bool avoid_untrusted = false;
  std::vector<uint32_t> avoid;
  std::string avoid_text;  // the request as given ("untrusted", "4134,4809"), shown in JSON
};

struct RouteResult {
  // Findings: the ASes on the route that violate the policy; summary: graph, directory,
  // route and clean route as `--format json` shows them.
  report::CheckReport report;
  std::string text;  // the text report, findings included
  // Without anything to avoid: an AS on the route violates the policy; with: no route
  // avoids what was to be avoided.
  bool violation = false;
};

// Reads the relationships and the directory, infers and judges. Errors: a bad input file,
// or an endpoint that is in none of the graph's links (named by --from / --to).
core::Result<RouteResult> check_route(const RouteInputs& in, const trust::Resolver& resolver,
                                      const trust::Registry& registry, const trust::Policy& policy,
                                      const trust::StatusOptions& options);

}  // namespace cleannet::asgraph
