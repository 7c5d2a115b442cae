// `cleannet registry check`: registry files validated as layers over the bundled registry
// (or alone), every problem a finding on the offending line, so a registry kept in a
// repository gets annotations in code-scanning tools (SARIF). A problem is an input error:
// the report's errors, and exit code 2.
//
//   report::CheckReport r = registry::validate({"operator.toml"}, false);
#pragma once

#include <string>
#include <vector>

#include "cleannet/report/check_report.h"

namespace cleannet::registry {

// Text: each file "ok" with its organisations when all are; JSON: {"files", "ok",
// "problems"} with the findings last.
report::CheckReport validate(const std::vector<std::string>& files, bool standalone);

}  // namespace cleannet::registry
