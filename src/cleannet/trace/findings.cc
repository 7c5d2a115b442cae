#include "cleannet/trace/findings.h"

#include "cleannet/report/evidence.h"
#include "cleannet/trace/render.h"

namespace cleannet::trace {

std::vector<report::Evidence> hop_evidence(const HopAddress& h, const AsJudge& judge) {
  std::vector<report::Evidence> ev;
  report::Evidence a;
  a.kind = "attribution";
  a.text = attribution_text(h);
  ev.push_back(a);
  if (h.deciding) {
    const AsJudgement& j = *h.deciding;
    if (j.match) {
      auto more = report::evidence_for(judge.registry(), j.status, &*j.match);
      ev.insert(ev.end(), more.begin(), more.end());
    }
    report::Evidence p;
    p.kind = "policy";
    p.text = std::string(trust::action_name(j.decision.action)) + " on line trace: " + j.decision.reason;
    ev.push_back(p);
  }
  return ev;
}

std::optional<report::Finding> verdict_finding(const Traceroute& t, const TraceVerdict& v, const std::string& file,
                                               const AsJudge& judge) {
  if (v.kind == VerdictKind::kClean) return std::nullopt;
  report::Finding f;
  f.line = trust::line_name(kLine);
  f.subject = "traceroute " + trace_title(t, v);
  f.location = report::Location{file, static_cast<uint32_t>(t.line), t.column};
  if (v.kind == VerdictKind::kUntrusted) {
    const HopAddress& h = v.addresses[v.untrusted.front()];
    const AsJudgement& j = *h.deciding;
    f.element = "hop " + std::to_string(h.hop) + " " + address_text(h.address) + " (AS" + std::to_string(j.asn) + ")";
    f.rule = j.decision.rule ? j.decision.rule->id : "default-" + std::string(trust::status_name(j.status.status));
    f.rule_text = j.decision.rule ? j.decision.rule->cite : j.decision.reason;
    f.severity = report::severity_of(j.decision.action);
    f.status = trust::status_name(j.status.status);
    f.verified = j.status.verified;
    if (j.match) {
      const auto& org = judge.registry().org(j.match->org);
      f.organisation = org.id;
      f.organisation_name = org.name;
    }
    for (size_t i : v.untrusted) {
      auto ev = hop_evidence(v.addresses[i], judge);
      f.evidence.insert(f.evidence.end(), ev.begin(), ev.end());
    }
    f.explanation = "The traceroute crossed " + std::to_string(v.untrusted.size()) +
                    " hop address(es) in untrusted networks: " + v.why + ".";
    f.suggested_fix = "Route this traffic over trusted carriers (peering or transit that avoids " + j.as_text + ").";
  } else {
    f.element = v.undetermined.empty() ? "the trace"
                                       : "hop " + std::to_string(v.addresses[v.undetermined.front()].hop) + " " +
                                             address_text(v.addresses[v.undetermined.front()].address);
    f.rule = "trace-undetermined";
    f.rule_text = "A trace is judged only when every responding public hop is attributed to a network";
    f.severity = report::Severity::kWarning;
    f.status = "unknown";
    for (size_t i : v.undetermined) {
      auto ev = hop_evidence(v.addresses[i], judge);
      f.evidence.insert(f.evidence.end(), ev.begin(), ev.end());
    }
    f.explanation = v.why + ".";
    f.suggested_fix = "Give a more complete prefix-to-AS table (--pfx2as or --rib) or repeat the measurement.";
  }
  return f;
}
}  // namespace cleannet::trace
