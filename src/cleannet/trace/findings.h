// A traceroute's verdict (trace/judge.h) as a report::Finding, for SARIF and the common
// report printer: one per untrusted or undetermined trace, none for a clean one.
//
//   if (auto f = verdict_finding(t, v, file, judge)) findings.push_back(std::move(*f));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cleannet/report/finding.h"
#include "cleannet/trace/judge.h"
#include "cleannet/trace/traceroute.h"

namespace cleannet::trace {

// The evidence of one hop address, in reading order (attribution, organisation, status, policy).
std::vector<report::Evidence> hop_evidence(const HopAddress& h, const AsJudge& judge);
// The fingerprint of the trace's finding (report::fingerprint), for its JSON record; empty
// for a clean trace, which has no finding.
std::string verdict_fingerprint(const Traceroute& t, const TraceVerdict& v, const AsJudge& judge);
// `file` is the input as given on the command line.
std::optional<report::Finding> verdict_finding(const Traceroute& t, const TraceVerdict& v, const std::string& file,
                                               const AsJudge& judge);

}  // namespace cleannet::trace
