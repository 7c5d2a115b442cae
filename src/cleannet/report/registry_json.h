// JSON forms of registry objects, shared by `registry export`, `registry show` and the
// JSON lookups. The export's shape is described by docs/schemas/registry-export.schema.json.
#pragma once

#include "cleannet/report/render.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"

namespace cleannet::report {

Json designation_to_json(const trust::Registry& reg, const trust::Designation& d);
Json organisation_to_json(const trust::Registry& reg, const trust::Organisation& o);
// {"schema": 1, "layers": [...], "lists": [...], "criteria": [...], "organisations": [...]}
Json registry_to_json(const trust::Registry& reg);
Json policy_to_json(const trust::Policy& p);

}  // namespace cleannet::report
