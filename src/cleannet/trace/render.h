// A traceroute's verdict (trace/judge.h) as text and as one NDJSON line, the outputs of
// `cleannet trace check` per trace. `file` is the input as given on the command line.
//
//   append_verdict_json(out, t, v, file, judge);   // {"file":...,"verdict":"untrusted",...}\n
//   append_verdict_text(out, t, v, file, judge);   // file:line: prb 190 -> 8.8.8.8 ...: untrusted
#pragma once

#include <string>

#include "cleannet/trace/judge.h"
#include "cleannet/trace/traceroute.h"

namespace cleannet::trace {

// One JSON object on one line (NDJSON), ending in "\n"; hops that decide are listed with
// their evidence, the others only counted.
void append_verdict_json(std::string& out, const Traceroute& t, const TraceVerdict& v, const std::string& file,
                         const AsJudge& judge);
// "file:line: prb 190 -> 8.8.8.8 (msm 5017): untrusted" and an indented line per deciding hop.
void append_verdict_text(std::string& out, const Traceroute& t, const TraceVerdict& v, const std::string& file,
                         const AsJudge& judge);

// "192.0.2.1 is in 192.0.2.0/24, originated by AS64500 (...), in table": what places one hop
// address (for hops that are listed: untrusted, unattributed).
std::string attribution_text(const HopAddress& h);
// "prb 190 from 192.0.2.50 (AS64500) -> 8.8.8.8, msm 5017": which measurement a trace is.
std::string trace_title(const Traceroute& t, const TraceVerdict& v);

}  // namespace cleannet::trace
