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

class EvidenceTable;  // audit/evidence_table.h

enum class OutputFormat { kText, kJson, kSarif, kJunit };
std::optional<OutputFormat> parse_output_format(std::string_view s);

std::string render(const AuditRun& run, OutputFormat format);
// The same text written to `os`; the JSON report piece by piece as it is rendered, so that
// a run's report is never whole in memory.
void render(const AuditRun& run, OutputFormat format, std::ostream& os);
// The JSON report as render(run, kJson, os) writes it, except that each finding's "evidence"
// is an array of indices into `evidence`, interned as the findings are written: the run of
// the HTML report's data (audit/html.h).
void render_json_interned(const AuditRun& run, std::ostream& os, EvidenceTable& evidence);

}  // namespace cleannet::audit
