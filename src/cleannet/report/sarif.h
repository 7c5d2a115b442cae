// One SARIF 2.1.0 log with several runs: the audit makes one run per line of effort (path,
// carrier, cloud, ...), each with its own rules, results, partial fingerprints and, for
// accepted risks, suppressions (SARIF §3.27.23, §3.35). render_sarif (report/render.h) is
// the one-run case of it.
//
//   std::vector<SarifRunFindings> runs;
//   runs.push_back({{"cleannet path check", "cleannet-audit/acme-2026q4/path"}, path_findings});
//   runs.push_back({{"cleannet cloud check", "cleannet-audit/acme-2026q4/cloud"}, cloud_findings});
//   std::cout << render_sarif_log(runs).dump(2) << "\n";
#pragma once

#include <vector>

#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"

namespace cleannet::report {

struct SarifRunFindings {
  SarifRun run;
  std::vector<Finding> findings;
};

// The log: {"$schema", "version": "2.1.0", "runs": [one run per element, in order]}.
Json render_sarif_log(const std::vector<SarifRunFindings>& runs);

}  // namespace cleannet::report
