// `audit history`: the runs of a store, as a table for people or as JSON, one entry a run
// (oldest first, as store::Store::runs gives them). The HTML report's trend chart reads the
// same JSON entries (audit/html.h), so both are made here.
//
//   auto runs = store.runs("acme-2026q4");
//   std::cout << render_history(*runs, OutputFormat::kText);
#pragma once

#include <string>
#include <vector>

#include "cleannet/audit/render.h"
#include "cleannet/report/render.h"
#include "cleannet/store/store.h"

namespace cleannet::audit {

// [{"run", "scenario", "scenario_path", "as_of", "version", "started", "ended", "exit_code",
//   "findings", "counts": [{"line", "severity", "findings", "suppressed"}]}, ...]
report::Json history_json(const std::vector<store::RunSummary>& runs);
// kJson: history_json as indented JSON and a newline; otherwise the text table.
std::string render_history(const std::vector<store::RunSummary>& runs, OutputFormat format);

}  // namespace cleannet::audit
