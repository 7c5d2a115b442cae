// What changed between two audit runs, finding by fingerprint (docs/fingerprints.md): new
// (in B only), fixed (in A only), unchanged, and changed evidence (the same finding with
// another severity, status or evidence list, or suppressed in one run and not the other).
//
//   RunDiff d = diff_runs(last_quarter, this_quarter);
//   std::cout << render_diff(d, OutputFormat::kText);
//   return d.fails(FailOn::kError) ? 1 : 0;   // a new unsuppressed finding at or above error
#pragma once

#include <string>
#include <vector>

#include "cleannet/audit/render.h"
#include "cleannet/audit/run.h"

namespace cleannet::audit {

struct FindingRef {
  std::string check;  // the check's name
  report::Finding finding;
};

struct RunDiff {
  int64_t a = 0, b = 0;  // run ids
  std::string scenario_a, scenario_b, as_of_a, as_of_b, started_a, started_b;
  std::vector<FindingRef> added, fixed, changed, unchanged;  // changed: B's finding
  bool fails(FailOn on) const;  // an added finding, unsuppressed, at or above `on`
};

RunDiff diff_runs(const AuditRun& a, const AuditRun& b);
// text or json (the other formats are refused by the command).
std::string render_diff(const RunDiff& d, OutputFormat format, FailOn fail_on);
// The JSON of render_diff, compact, with each finding's evidence as indices into `evidence`
// (interned as the lists are written: new, fixed, changed_evidence, unchanged): the diff of
// the HTML report's data (audit/html.h).
std::string render_diff_json_interned(const RunDiff& d, FailOn fail_on, EvidenceTable& evidence);

}  // namespace cleannet::audit
