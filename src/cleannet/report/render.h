// Renderers for findings: text for people, JSON for programs, SARIF 2.1.0 for code-scanning
// dashboards (OASIS SARIF v2.1.0; validated in tests by Microsoft's SARIF Multitool).
//
//   std::cout << render_findings_text(findings);
//   std::cout << render_findings_json(findings).dump(2);
//   std::cout << render_sarif(findings, {"registry lookup"}).dump(2);
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cleannet/report/finding.h"

namespace cleannet::report {

using Json = nlohmann::ordered_json;

inline constexpr const char* kToolName = "cleannet";
inline constexpr const char* kToolVersion = "0.1.0";
inline constexpr const char* kInformationUri = "https://github.com/cleannet/cleannet";

Json finding_to_json(const Finding& f);
Json render_findings_json(const std::vector<Finding>& findings);
std::string render_finding_text(const Finding& f);

struct SarifRun {
  std::string command;  // e.g. "cleannet registry lookup"
  // SARIF §3.17.4 run.automationDetails.id, e.g. "cleannet-audit/acme-2026q4/path": the
  // category of runs this one belongs to, then this run's own id after the last '/'.
  // Left out when empty.
  std::string automation_id = {};
};
// One run, one rule per distinct Finding::rule (with its citation as description),
// one result per finding. Findings without a location get a logical location only;
// suppressed findings carry SARIF suppressions. A log of several runs: report/sarif.h.
Json render_sarif(const std::vector<Finding>& findings, const SarifRun& run);

}  // namespace cleannet::report
