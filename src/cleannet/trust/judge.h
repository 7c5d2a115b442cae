// The one judgement of the spine (ARCHITECTURE.md, "One idea"): an element found to belong
// to an organisation (or to none), that organisation's trust status as of a date, and the
// policy's decision for it on one line of effort. Every check asks the Judge, so "does this
// count as a violation?" is answered in one place, the same way on every line.
//
// A judgement violates the policy when the decision is deny, or warn while the status is
// untrusted. The second case is the EU 5G Toolbox's (docs/policy.md): a high-risk supplier
// tolerated in the RAN "under restrictions" is still a high-risk supplier, reported with
// the severity warning. A warn on an organisation that is merely unknown (clean-network's
// default for unknown) is not a violation: most of the Internet and most app stores are
// unknown to any registry. A policy that wants unknown counted says deny for it, on the
// lines it wants (docs/policy.md, "Lines, statuses and decisions").
//
//   Judge judge(registry, policy, status_options, Line::kCarrier);
//   Judgement j = judge.judge(resolver.resolve(*parse_identifier("AS4134")));
//   if (j.violates()) ... j.decision.rule->id
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/trust/line.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::trust {

// Whether a decision on an element of the given status is a violation (see above).
bool violates(const Decision& d, Status s);

// How heavily a decision weighs against an element, for picking the one that decides among
// several (a device's pieces of equipment, an asset's data classes): a violation outweighs
// any non-violation, then deny > warn > allow.
int weight(const Decision& d, Status s);

// The id a finding cites for a decision: the rule's, or "default-<status>" when the policy's
// default for the status decided (the same spelling on every line).
std::string rule_id(const Decision& d, Status s);

// What a policy decides on one line for one status, case by case: the rules that can match
// there in file order, each with the traffic class and segment it needs, up to the first
// that needs neither; then the default, when no such rule ends the list.
struct LineCase {
  const PolicyRule* rule = nullptr;  // null: the policy's default for the status
  Action action = Action::kAllow;
  bool violates = false;
};
std::vector<LineCase> line_cases(const Policy& policy, Line line, Status status);

struct Judgement {
  Line line = Line::kRegistry;
  std::optional<Match> match;  // the organisation and how it was found; none: nobody found
  StatusVerdict status;        // of match->org; unknown without a match
  bool verified = true;        // the status is verified and so is the identifier that matched
  Decision decision;           // the policy's, for the line, traffic class, segment and status
  bool violates() const { return trust::violates(decision, status.status); }
};

class Judge {
 public:
  // registry and policy must outlive the judge.
  Judge(const Registry& registry, const Policy& policy, const StatusOptions& options, Line line);

  // `match`'s organisation judged: its status as of the date, then the policy's decision.
  Judgement judge(std::optional<Match> match, std::string_view traffic_class = "*",
                  std::string_view segment = "*") const;
  // The same with the status already evaluated (callers that keep one per organisation).
  Judgement judge(std::optional<Match> match, StatusVerdict status, std::string_view traffic_class = "*",
                  std::string_view segment = "*") const;
  // The decision alone, for callers that judge a status they derived themselves (the least
  // trusted of an app's publishers, a device's worst piece of equipment).
  Decision decide(Status s, std::string_view traffic_class = "*", std::string_view segment = "*") const {
    return policy_.decide(line_, traffic_class, segment, s);
  }

  Line line() const { return line_; }
  const Registry& registry() const { return registry_; }
  const Policy& policy() const { return policy_; }
  const StatusOptions& options() const { return options_; }

 private:
  const Registry& registry_;
  const Policy& policy_;
  StatusOptions options_;
  Line line_;
};

}  // namespace cleannet::trust
