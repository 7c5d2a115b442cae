// Trust status of an organisation at a date, with the evidence that decides it.
//
// Order (ARCHITECTURE.md, Trust registry): an explicit designation in force wins;
// otherwise the status is inherited from the nearest owner that has one, following only
// holdings in force at the date that pass the policy's ownership rule (default majority
// control); of several owners at the same distance the least trusted decides (the chain,
// with each holding's share, is part of the verdict); otherwise it is derived from the organisation's
// own recorded criteria assessments (criteria.md: a not-met decisive criterion gives
// untrusted, all decisive criteria met gives trusted; an owner's assessments are not
// inherited); otherwise unknown.
// Within one organisation, the newest registry layer with designations in force decides
// (a user file overrides the bundled registry, visibly); inside a layer, untrusted
// outweighs trusted.
//
//   StatusOptions opt;  opt.as_of = *core::Date::parse("2021-01-01");
//   StatusVerdict v = evaluate_status(reg, *reg.find_id("china-telecom-americas"), opt);
#pragma once

#include <string>
#include <vector>

#include "cleannet/core/date.h"
#include "cleannet/trust/registry.h"

namespace cleannet::trust {

struct StatusOptions {
  core::Date as_of = core::Date::today();
  bool ignore_unverified = false;  // policy choice: unverified designations do not count
  OwnershipRule ownership;         // policy choice: from which holding status is inherited
};

enum class StatusBasis { kDesignation, kInherited, kCriteria, kNone };
const char* status_basis_name(StatusBasis b);

struct StatusVerdict {
  Status status = Status::kUnknown;
  // false when no deciding designation is verified (one verified source suffices), when an
  // ownership link crossed is unverified, or when a deciding criterion was not read
  bool verified = true;
  StatusBasis basis = StatusBasis::kNone;
  std::vector<OrganisationId> chain;             // the organisation, then owners up to the decider
  std::vector<const Ownership*> links;           // links[i] is the holding of chain[i] by chain[i + 1]
  std::vector<const Designation*> deciding;      // designations in force that decide
  std::vector<const Designation*> overridden;    // in force, but an older layer than the decider
  std::vector<const Designation*> outweighed;    // in force in the deciding layer, other status
  std::vector<const Designation*> not_in_force;  // dated after as_of, or expired by then
  std::vector<const Designation*> ignored_unverified;
  std::vector<const Assessment*> assessments;  // deciding assessments (criteria basis)
  std::vector<std::string> notes;              // unverified links, undated designations ...
};

StatusVerdict evaluate_status(const Registry& reg, OrganisationId org, const StatusOptions& opt);

}  // namespace cleannet::trust
