// From a trust verdict to the evidence chain a Finding carries: the same words for every
// line of effort, so a Huawei router on a path and a Huawei OUI on a LAN cite alike.
//
//   auto ev = evidence_for(reg, verdict, &match);   // designations, ownership, overrides ...
#pragma once

#include <string>
#include <vector>

#include "cleannet/report/finding.h"
#include "cleannet/trust/judge.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::report {

// Evidence items in reading order: how the identifier matched (when given), the ownership
// chain for an inherited status, the deciding designations or assessments, then what was
// overridden, not yet in force or ignored, and notes on unverified facts.
std::vector<Evidence> evidence_for(const trust::Registry& reg, const trust::StatusVerdict& v,
                                   const trust::Match* match);

// One sentence: "Huawei Technologies Co., Ltd. is untrusted: FCC Covered List (2021-03-12) ..."
// One holding as the text outputs show it: "china-telecom-corp (51%) since 2002-05-16"; a
// holding of unstated share (control, `parent`) is the owner's id alone.
std::string ownership_text(const trust::Ownership& w);
std::string explain(const trust::Registry& reg, const trust::StatusVerdict& v, trust::OrganisationId org);

// The severity of a finding on a policy decision, for every line: deny is an error, warn a
// warning, allow (a finding shown for information) a note.
Severity severity_of(trust::Action a);

// The common fields of a finding on a judgement, filled the same way on every line: line,
// rule (trust::rule_id) and its citation (or the default's reason), severity, status,
// verified, and the organisation with the evidence chain of its status. The check adds
// what only it knows: subject, element, identity, explanation, fix and location.
Finding finding_for(const trust::Registry& reg, const trust::Judgement& j);

// The same for a decision a check took on a status it derived (the least trusted of an
// app's publishers, a cloud asset's worst attribution, a path element's worst equipment,
// the loss of a clean connection). `match` and `party` are the match and status of the
// party that decided it, whose organisation the finding names; null when none did. No
// evidence chain is added: such checks cite each party themselves.
Finding finding_for(const trust::Registry& reg, trust::Line line, const trust::Decision& d, trust::Status status,
                    const trust::Match* match = nullptr, const trust::StatusVerdict* party = nullptr);

// Text of a designation: `FCC Covered List: untrusted (2021-03-12): "quote"`.
std::string designation_text(const trust::Designation& d);
// A match's confidence as every finding words it: two decimals ("0.85").
std::string confidence_text(double confidence);

}  // namespace cleannet::report
