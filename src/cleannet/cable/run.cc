#include "cleannet/cable/run.h"

#include "cleannet/cable/cable.h"
#include "cleannet/cable/check.h"
#include "cleannet/cable/countries.h"
#include "cleannet/cable/routes.h"

namespace cleannet::cable {

namespace {

CableRun not_reported(core::Error e) {
  CableRun run;
  run.report.errors.push_back(std::move(e));
  run.report.reported = false;
  return run;
}

}  // namespace

CableRun run_check(const CableInputs& in, const trust::Resolver& resolver, const trust::Policy& policy,
                   const trust::StatusOptions& status_options) {
  CheckOptions copt;
  auto targets = expand_country_set(in.to, "--to");
  if (!targets) return not_reported(targets.error());
  copt.targets = *targets;
  copt.targets_label = in.to;
  if (!in.country.empty()) {
    auto code = country_code(in.country);
    if (!code)
      return not_reported(core::Error(core::SourcePos("--country"), "an ISO 3166-1 alpha-2 code or a country name",
                                      core::quote_found(in.country)));
    copt.country = *code;
  }
  copt.without = in.without;
  copt.include_planned = in.include_planned;
  auto set = in.data.empty() ? bundled_cables() : read_cables_file(in.data);
  if (!set) return not_reported(set.error());
  CableCheck check(*set, resolver, policy, status_options, copt);
  if (auto st = check.run(); !st) return not_reported(st.error());
  CableRun run;
  if (in.geojson) {
    auto routes = bundled_routes();
    if (!routes) return not_reported(routes.error());
    run.geojson = check.geojson(*routes);
  }
  report::CheckReport& r = run.report;
  r.findings = check.findings();
  r.summary = check.json();
  r.text_head = "cable check of " + set->source + " (" + std::to_string(set->cables.size()) + " cables); policy " +
                policy.name + ", as of " + status_options.as_of.to_string() + "; to " + in.to +
                (in.include_planned ? "; planned cables included" : "; planned cables carry no traffic") + "\n";
  if (set->source == kBundledName) r.text_head += std::string(kAttribution) + "\n";
  r.text_tail = check.text();  // lists the cables and countries itself
  r.text_lists_findings = false;
  r.violations = check.violations();
  return run;
}

}  // namespace cleannet::cable
