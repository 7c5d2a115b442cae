#include "cleannet/trust/judge.h"

namespace cleannet::trust {

bool violates(const Decision& d, Status s) {
  return d.action == Action::kDeny || (d.action == Action::kWarn && s == Status::kUntrusted);
}

int weight(const Decision& d, Status s) { return (violates(d, s) ? 3 : 0) + static_cast<int>(d.action); }

std::string rule_id(const Decision& d, Status s) {
  return d.rule ? d.rule->id : std::string("default-") + status_name(s);
}

std::vector<LineCase> line_cases(const Policy& policy, Line line, Status status) {
  std::vector<LineCase> out;
  for (const PolicyRule& r : policy.rules) {
    if (r.status != status || (r.line && *r.line != line)) continue;
    out.push_back({&r, r.action, violates(Decision{r.action, &r, {}}, status)});
    if (r.traffic_class == "*" && r.segment == "*") return out;
  }
  Decision d = policy.default_decision(status);
  out.push_back({nullptr, d.action, violates(d, status)});
  return out;
}

Judge::Judge(const Registry& registry, const Policy& policy, const StatusOptions& options, Line line)
    : registry_(registry), policy_(policy), options_(options), line_(line) {}

Judgement Judge::judge(std::optional<Match> match, std::string_view traffic_class, std::string_view segment) const {
  StatusVerdict status;
  if (match) status = evaluate_status(registry_, match->org, options_);
  return judge(std::move(match), std::move(status), traffic_class, segment);
}

Judgement Judge::judge(std::optional<Match> match, StatusVerdict status, std::string_view traffic_class,
                       std::string_view segment) const {
  Judgement j;
  j.line = line_;
  j.match = std::move(match);
  j.status = std::move(status);
  j.verified = j.status.verified && (!j.match || j.match->identifier_verified);
  j.decision = decide(j.status.status, traffic_class, segment);
  return j;
}

}  // namespace cleannet::trust
