// `cloud check` as one library call: the inputs read into assets (inputs.h: files,
// directories, standard input by content), each judged against the bundled provider
// catalogue and data-class table (check.h), into the report the command prints.
//
//   CloudInputs in{.paths = {"infra/"}, .resolver = &resolver, .policy = &policy};
//   report::CheckReport r = run_check(in);
#pragma once

#include <string>
#include <vector>

#include "cleannet/cloud/check.h"
#include "cleannet/cloud/terraform.h"
#include "cleannet/report/check_report.h"

namespace cleannet::cloud {

struct CloudInputs {
  std::vector<std::string> paths;  // "-" is standard input
  TerraformOptions terraform;
  CheckOptions check;
  // Both must outlive the call.
  const trust::Resolver* resolver = nullptr;
  const trust::Policy* policy = nullptr;
  trust::StatusOptions status_options;
};

// Each input that cannot be read is an error beside the report on the others; with none
// read there is no report.
report::CheckReport run_check(const CloudInputs& in);

}  // namespace cleannet::cloud
