// What the registry and the policy say about one AS, under one line of the policy ("carrier"
// for Clean Carrier, "trace" for traceroutes), decided once per AS and kept:
//   1. the AS's organisation (AsAttributor: registry ASNs, then AS names; none: unknown);
//   2. that organisation's trust status as of the date (trust::evaluate_status); an
//      attribution by name is an inference, so the status is then unverified;
//   3. the policy's decision for the line, from the status alone (no traffic class or
//      segment applies to a whole AS).
// Steps 2 and 3 are trust::Judge's, so an AS counts as untrusted exactly when its judgement
// violates the policy (trust/judge.h), as any element of any line would.
//
//   AsJudge judge(attributor, registry, policy, status_options, trust::Line::kCarrier);
//   if (judge.judge(4134).untrusted()) ... judge.judge(4134).decision.rule->id
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/asgraph/directory.h"
#include "cleannet/trust/judge.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/status.h"

namespace cleannet::asgraph {

// The AS's trust::Judgement (match: none when no organisation was found for the AS).
struct AsJudgement : trust::Judgement {
  uint32_t asn = 0;
  std::string as_text;  // AsJudge::as_text(asn)
  bool untrusted() const { return violates(); }
};

// Thread-safe: judge() takes a lock (the attributor's caches are one thread's at a time);
// the judgements live, at fixed addresses, as long as the judge. Callers on a hot path keep
// their own view of what they asked (see carrier::CarrierCheck, trace::TraceJudge).
class AsJudge {
 public:
  // All must outlive the judge.
  AsJudge(const AsAttributor& attributor, const trust::Registry& registry, const trust::Policy& policy,
          const trust::StatusOptions& options, trust::Line line);
  const AsJudgement& judge(uint32_t asn);
  // "AS4134 (CHINANET-BACKBONE ..., CN)" with the directory's name when there is one.
  std::string as_text(uint32_t asn) const;
  const trust::Registry& registry() const { return judge_.registry(); }
  const trust::Policy& policy() const { return judge_.policy(); }
  const AsDirectory* directory() const { return attributor_.directory(); }
  trust::Line line() const { return judge_.line(); }

 private:
  const AsAttributor& attributor_;
  trust::Judge judge_;
  std::mutex mu_;
  std::unordered_map<uint32_t, std::unique_ptr<AsJudgement>> cache_;
};

}  // namespace cleannet::asgraph
