// JSON forms of registry objects, shared by `registry export`, `registry show` and the
// JSON lookups. The export's shape is described by docs/schemas/registry-export.schema.json.
#pragma once

#include <string>

#include "cleannet/report/render.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/status.h"

namespace cleannet::report {

Json designation_to_json(const trust::Registry& reg, const trust::Designation& d);
Json organisation_to_json(const trust::Registry& reg, const trust::Organisation& o);
// {"schema": 1, "layers": [...], "lists": [...], "criteria": [...], "organisations": [...]}
Json registry_to_json(const trust::Registry& reg);
Json policy_to_json(const trust::Policy& p);
// `policy show`: the policy's rules in order and its defaults.
std::string policy_text(const trust::Policy& p);
// `policy show --lines`: per line of effort and status, what the policy decides and whether
// that counts as a violation (trust/judge.h), the same for every command judging the line.
std::string policy_lines_text(const trust::Policy& p);
// `registry show`: an organisation's record with its status as of the date, as one element of
// its JSON array, and as text (aliases, country, ownership chain, identifiers, designations,
// assessments, notes).
Json organisation_status_json(const trust::Registry& reg, trust::OrganisationId id, const trust::StatusVerdict& st,
                              const core::Date& as_of);
// The ownership paths of an organisation for text output, one per top owner:
// "sub -> huawei (51%) until 2024-01-01 -> huawei-investment-holding [link unverified]".
std::vector<std::string> ownership_paths(const trust::Registry& reg, trust::OrganisationId id);
std::string organisation_text(const trust::Registry& reg, trust::OrganisationId id, const trust::StatusVerdict& st,
                              const core::Date& as_of);

}  // namespace cleannet::report
