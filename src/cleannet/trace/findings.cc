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

namespace {

// What identifies a trace across runs of the same measurement (docs/fingerprints.md): the
// measurement, the vantage point and the destination. Not the file, its line, the time of
// the run or the Paris id (which rotates between runs), nor the source AS (which depends on
// the origin table given).
std::vector<std::string> trace_identity(const Traceroute& t) {
  std::vector<std::string> id;
  id.push_back(t.msm_id >= 0 ? "msm " + std::to_string(t.msm_id) : std::string("msm -"));
  id.push_back(t.prb_id >= 0 ? "prb " + std::to_string(t.prb_id) : "from " + t.from);
  id.push_back("to " + std::string(t.destination()));
  return id;
}

// The fields a non-clean trace's finding is identified by: the finding's start, and all
// that its fingerprint hashes (report::fingerprint), so the JSON record and the finding
// carry the same one.
report::Finding finding_key(const Traceroute& t, const TraceVerdict& v, const AsJudge& judge) {
  report::Finding f;
  std::vector<std::string> id = trace_identity(t);
  if (v.kind == VerdictKind::kUntrusted) {
    const HopAddress& h = v.addresses[v.untrusted.front()];
    const AsJudgement& j = *h.deciding;
    f = report::finding_for(judge.registry(), j.line, j.decision, j.status.status, j.match ? &*j.match : nullptr,
                            &j.status);
    f.verified = j.verified;
    // The hop by address and AS: its TTL can change with the path before it.
    id.push_back(address_text(h.address));
    id.push_back("AS" + std::to_string(j.asn));
  } else {
    // No judgement decides it: the check's own rule.
    f.line = trust::line_name(kLine);
    f.rule = "trace-undetermined";
    id.push_back(v.undetermined.empty() ? "the trace" : address_text(v.addresses[v.undetermined.front()].address));
  }
  f.identity = std::move(id);
  return f;
}

}  // namespace

std::string verdict_fingerprint(const Traceroute& t, const TraceVerdict& v, const AsJudge& judge) {
  if (v.kind == VerdictKind::kClean) return {};
  return report::fingerprint(finding_key(t, v, judge));
}

std::optional<report::Finding> verdict_finding(const Traceroute& t, const TraceVerdict& v, const std::string& file,
                                               const AsJudge& judge) {
  if (v.kind == VerdictKind::kClean) return std::nullopt;
  report::Finding f = finding_key(t, v, judge);
  if (v.kind == VerdictKind::kUntrusted) {
    const HopAddress& h = v.addresses[v.untrusted.front()];
    const AsJudgement& j = *h.deciding;
    f.element = "hop " + std::to_string(h.hop) + " " + address_text(h.address) + " (AS" + std::to_string(j.asn) + ")";
    for (size_t i : v.untrusted) {  // each untrusted hop's chain, in hop order
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
  f.subject = "traceroute " + trace_title(t, v);
  f.location = report::Location{file, static_cast<uint32_t>(t.line), t.column};
  return f;
}

}  // namespace cleannet::trace
