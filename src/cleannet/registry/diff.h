// `cleannet registry diff OLD NEW`: what changed between two registries (two layers, two
// editions of the bundled registry): organisations added and removed, and for those in both,
// the fields, identifiers and dated designations added, removed and changed; then whose
// trust status as of a date is different under NEW (the change a user's verdicts will see).
// Organisations are matched by id; a designation by its list and date (a list's editions
// are dated), several on the same list and date in file order.
//
//   auto d = registry::diff(old_registry, new_registry, status_options);
//   if (!d.empty()) std::cout << registry::diff_text(d);
#pragma once

#include <string>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/report/render.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/status.h"

namespace cleannet::registry {

// One designation as the diff shows it.
struct DesignationRef {
  std::string list, status, date, until, source_url, quote;
  bool verified = true;
};

struct DesignationChange {
  DesignationRef before, after;
  std::vector<std::string> fields;  // which of status, until, source_url, quote, verified changed
};

// A field of an organisation: scalar fields as one value, list fields (aliases, kinds,
// identifiers) as the items added and removed.
struct FieldChange {
  std::string field;
  std::string before, after;                // scalar fields
  std::vector<std::string> added, removed;  // list fields
};

struct OrganisationChange {
  std::string id, name;  // NEW's name (OLD's for a removed organisation)
  std::vector<FieldChange> fields;
  std::vector<DesignationRef> designations_added, designations_removed;
  std::vector<DesignationChange> designations_changed;
  bool empty() const {
    return fields.empty() && designations_added.empty() && designations_removed.empty() && designations_changed.empty();
  }
};

struct StatusChange {
  std::string id, name;
  std::string before, after;  // status names; "absent" where the registry has no such organisation
};

struct RegistryDiff {
  std::string as_of;
  std::vector<OrganisationChange> added, removed, changed;  // each by id
  std::vector<StatusChange> status;                         // by id
  bool empty() const { return added.empty() && removed.empty() && changed.empty(); }
};

RegistryDiff diff(const trust::Registry& before, const trust::Registry& after, const trust::StatusOptions& options);

// The registry a diff argument names: "bundled" (the registry compiled in), or a registry
// file read alone, or over the bundled registry when `over_bundled` (a layer that refers to
// bundled organisations).
inline constexpr const char* kBundledArgument = "bundled";
core::Result<trust::Registry> load_for_diff(const std::string& what, bool over_bundled);

report::Json diff_json(const RegistryDiff& d);
std::string diff_text(const RegistryDiff& d);

}  // namespace cleannet::registry
