// Policy: what each trust status gets, by line of effort, traffic class and segment.
//
// A policy is TOML (docs/policy-format.md). Rules are tried in file order and the first
// that matches decides, as in a firewall, so specific rules go first. A rule matches a
// line (trust::Line, or "*" for every line), a traffic class ("diplomatic",
// "personal-data", ... or "*"), a segment ("core", "ran", ... or "*") and a status. When no
// rule matches: untrusted is denied, unknown gets `unknown` from [defaults], trusted is
// allowed. Whether a decision counts as a violation is trust::Judgement's (judge.h).
//
//   auto p = load_policy("eu-toolbox");            // bundled name or a file path
//   Decision d = p->decide(Line::kPath, "public", "ran", Status::kUntrusted);   // warn, EU-RAN
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/trust/line.h"
#include "cleannet/trust/registry.h"

namespace cleannet::trust {

enum class Action { kAllow, kWarn, kDeny };
const char* action_name(Action a);

struct PolicyRule {
  std::string id;
  std::optional<Line> line;  // none: every line ("*")
  std::string traffic_class = "*", segment = "*";
  Status status = Status::kUntrusted;
  Action action = Action::kDeny;
  std::string cite;  // the policy paragraph the rule implements
  core::SourcePos pos;
  std::string_view line_text() const { return line ? line_name(*line) : "*"; }
};

struct Decision {
  Action action = Action::kAllow;
  const PolicyRule* rule = nullptr;  // null when a default decided
  std::string reason;                // the rule's id and citation, or which default applied
};

class Policy {
 public:
  std::string name, title, source_url, description;
  Action unknown = Action::kWarn;
  bool ignore_unverified = false;
  OwnershipRule ownership;  // [defaults] ownership_inheritance
  std::vector<PolicyRule> rules;
  std::string origin;  // "bundled:clean-network" or the file path

  Decision decide(Line line, std::string_view traffic_class, std::string_view segment, Status status) const;
  // The decision when no rule matches: untrusted deny, unknown `unknown`, trusted allow.
  Decision default_decision(Status status) const;
};

core::Result<Policy> parse_policy(const std::string& origin, std::string_view toml_text);
// A bundled policy by name (clean-network, eu-toolbox) or a path to a TOML file.
core::Result<Policy> load_policy(const std::string& name_or_path);
std::vector<std::string> bundled_policy_names();
// The TOML text of a bundled policy by name; empty for any other name.
std::string_view bundled_policy_toml(std::string_view name);

}  // namespace cleannet::trust
