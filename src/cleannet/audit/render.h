// The outputs of an audit run, any number from one run (`audit run -o FORMAT:PATH`), each
// rendered from the run alone, so that `audit show` renders a stored run byte for byte
// as `audit run` wrote it.
//   - text: each check's report, the accepted risks, the compliance view, then the totals
//     and the findings that decide the exit code;
//   - json: one object with the run, its inputs, each check's summary and findings;
//   - sarif: one SARIF 2.1.0 log, a run per line of effort (report/sarif.h);
//   - junit: a testsuite per check, a testcase per finding (report/junit.h).
//
//   std::string out = render(run, OutputFormat::kJson);
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "cleannet/audit/run.h"

namespace cleannet::audit {

enum class OutputFormat { kText, kJson, kSarif, kJunit };
std::optional<OutputFormat> parse_output_format(std::string_view s);

std::string render(const AuditRun& run, OutputFormat format);
// The same text written to `os`; the JSON report piece by piece as it is rendered, so that
// a run's report is never whole in memory.
void render(const AuditRun& run, OutputFormat format, std::ostream& os);

}  // namespace cleannet::audit
