#include "cleannet/cloud/run.h"

#include "cleannet/cloud/inputs.h"

namespace cleannet::cloud {

report::CheckReport run_check(const CloudInputs& in) {
  report::CheckReport r;
  auto catalog = ProviderCatalog::bundled();
  if (!catalog) {
    r.errors.push_back(catalog.error());
    r.reported = false;
    return r;
  }
  InputsRead inputs = read_assets(in.paths, in.terraform);
  r.errors = std::move(inputs.errors);
  r.notes = std::move(inputs.notes);
  if (inputs.inputs_read == 0) {
    r.reported = false;
    return r;
  }
  auto kinds = ResourceKinds::bundled();
  if (!kinds) {
    r.errors.push_back(kinds.error());
    r.reported = false;
    return r;
  }
  CloudCheck check(*catalog, *kinds, *in.resolver, *in.policy, in.status_options, in.check);
  for (const Asset& a : inputs.assets) check.add(a);
  r.findings = check.findings();
  r.violations = check.violations();
  r.summary = check.json();
  r.summary["as_of"] = in.status_options.as_of.to_string();
  r.text_head = report::check_title("cloud check", in.paths, in.policy->name, in.status_options.as_of.to_string());
  r.text_tail = check.summary_text();
  return r;
}

}  // namespace cleannet::cloud
