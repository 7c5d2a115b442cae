// Clean Path's two commands as library calls on a loaded network (netmodel/inventory.h):
// `path check` judges every demand (check.h, findings.h), `path plan` finds the cheapest
// rip-and-replace (plan.h); each gives the report its command prints.
//
//   auto net = netmodel::load_network(sources);
//   PathInputs in{&*net, "net.json", &resolver, &policy, status_options};
//   report::CheckReport r = run_check(in);
#pragma once

#include <string>
#include <vector>

#include "cleannet/netmodel/network.h"
#include "cleannet/path/plan.h"
#include "cleannet/report/check_report.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::path {

struct PathInputs {
  // All must outlive the call.
  const netmodel::Network* net = nullptr;
  std::string inventory;  // the path it was read from: names a network without a name
  const trust::Resolver* resolver = nullptr;
  const trust::Policy* policy = nullptr;
  trust::StatusOptions status_options;
};

// Every demand: its routed path, whether a clean one exists, the clean alternative. A
// violation is a demand that is not clean. A network without demands is an input error, not
// "0 of 0 demands not clean": no clean verdict from nothing read.
report::CheckReport run_check(const PathInputs& in);

struct PlanRequest {
  std::vector<std::string> classes;  // plan for demands of these traffic classes; empty: all
  PlanOptions options;
};

// The plan for the chosen demands; a violation is an element to replace or a demand no
// plan can serve.
report::CheckReport run_plan(const PathInputs& in, const PlanRequest& request);

}  // namespace cleannet::path
