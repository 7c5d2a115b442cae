// Reading findings back from JSON, and the complete JSON a store keeps.
//
// finding_from_json is the inverse of finding_to_json (report/render.h): every field,
// location, evidence (with `until`), suppression, verified and severity. The one thing that
// JSON leaves out is Finding::identity (docs/fingerprints.md); only its hash, "fingerprint",
// is there. So finding_from_json checks the fingerprint of what it restored against the
// one written, and a finding whose identity is not its subject and element (registry
// lookup, things, carrier, apps, trace) is an error rather than a finding with another
// fingerprint. The store JSON is finding_to_json plus "identity" (always present), so that
// its reader gives back the finding exactly, field for field.
//
//   Json j = finding_to_store_json(f);                 // what the audit store writes
//   core::Result<Finding> back = finding_from_store_json(j);
//   if (!back) return back.error();                    // "finding: expected a string at /evidence/1/date, found 3"
//   assert(*back == f);
//
//   auto g = finding_from_json(finding_to_json(f));   // f without identity: *g == f
#pragma once

#include <string_view>

#include "cleannet/core/result.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"

namespace cleannet::report {

// The inverse of finding_to_json. Errors (wrong shape, unknown key, unknown severity, a
// fingerprint other than the restored finding's) name `where`, the JSON pointer and what
// was expected there.
core::Result<Finding> finding_from_json(const Json& j, std::string_view where = "finding");

// finding_to_json(f) with "identity": [...] appended: all a finding holds.
Json finding_to_store_json(const Finding& f);
// The inverse of finding_to_store_json: *finding_from_store_json(finding_to_store_json(f)) == f.
core::Result<Finding> finding_from_store_json(const Json& j, std::string_view where = "finding");

}  // namespace cleannet::report
