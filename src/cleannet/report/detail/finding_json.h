// Private to report/: the JSON pieces of a finding that more than one renderer writes (the
// finding JSON, the SARIF result properties and suppressions), so that each has one home.
#pragma once

#include <vector>

#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"

namespace cleannet::report::detail {

// [{kind, text, date?, until?, source_url?, verified}, ...]: empty date, until and
// source_url are left out.
Json evidence_to_json(const std::vector<Evidence>& evidence);

// {reason, owner, expires, created, source}: every key, empty or not.
Json suppression_to_json(const Suppression& s);

}  // namespace cleannet::report::detail
