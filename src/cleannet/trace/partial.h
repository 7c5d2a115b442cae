// The partial of `trace check` (shard/partial.h, kind "trace"): what its report is made of
// for some of the run's input files, so that runs over shards of the files merge
// (`cleannet merge`) into the report of `trace check --no-verdicts` over all of them, byte
// for byte. docs/trace.md ("Sharded runs") documents the state:
//
//   {"files": [{"position": 0, "file": "a.json", "records": 12, "counts": [12, 9, 1, 2],
//               "attributed_hops": 40, "error": {...}, "findings": [...]}, ...],
//    "summary": {"total": [...], "attributed_hops": 40,
//                "untrusted_networks": {"AS4134 -> china-telecom": 1},
//                "by_destination": {"8.8.8.8": [...]}, "by_probe": ..., "by_source_as": ...,
//                "by_country": ...}}
// Counts are [traces, clean, untrusted, undetermined]. Each file is kept by its position in
// the whole run, with its findings (only when the run kept them for SARIF); the summary
// holds the judgements already named (trace/summary.h, SummaryTables), so tables of
// disjoint files add up key by key and rendering needs neither judge nor AS directory.
//
//   ReportData d = report_data(check(in, tables, context, null_stream));
//   auto p = make_partial(d, false, *table_digests(files), files, notes, context_options, context,
//                         all_files, positions);
//   auto merged = merge_states({{"a.partial", &p}, {"b.partial", &q}});
//   int exit = render_partial(whole, nullptr, report::Format::kText, 10, std::cout, std::cerr);
#pragma once

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/report/check_report.h"
#include "cleannet/shard/partial.h"
#include "cleannet/trace/check.h"
#include "cleannet/trust/context.h"

namespace cleannet::trace {

inline constexpr const char* kPartialKind = "trace";

// The partial of a run over the files at `positions` (0-based, ascending) of `inputs`, whose
// report data is `d` (d.files in the order of positions). `findings`: d.findings are kept
// for SARIF (the run was asked for them). `options` holds what else must agree between the
// shards (the tables' digests); the report's title, policy, as-of and origins are added.
shard::Partial to_partial(const ReportData& d, bool findings, report::Json identity, report::Json options,
                          report::Json sources, std::vector<std::string> inputs, std::vector<size_t> positions);

// The tables' files of a run (trace check's --pfx2as, --rib, --ixp, --as-names, --as2org
// and --keep-going): the shards of one run must read the same.
struct TableFiles {
  std::vector<std::string> pfx2as, ribs;
  std::string ixp, as_names, as2org;
  bool keep_going = false;
};

// What the shards of one run must agree on besides the context: the tables by content
// (SHA-256; "-" for standard input) and keep_going. The error names a file that cannot be read.
core::Result<report::Json> table_digests(const TableFiles& t);

// The partial of `trace check --partial-out` (the command line's and the Python module's):
// the report data `d` of the files at `positions` of `inputs`, read with the tables of
// `files` (digests: table_digests(files); notes: what reading them skipped) and the context
// loaded from `context_options`.
core::Result<shard::Partial> make_partial(const ReportData& d, bool findings, report::Json digests,
                                          const TableFiles& files, const std::vector<std::string>& notes,
                                          const trust::ContextOptions& context_options,
                                          const trust::Context& context, std::vector<std::string> inputs,
                                          std::vector<size_t> positions);

// The report data of a partial (its files' findings read back only when `with_findings`);
// errors name the partial and the member that is not as written.
core::Result<ReportData> report_data(const shard::Partial& p, bool with_findings);

// scale::Kind's functions: the state of the union of the parts (check_mergeable has passed),
// and the report of a partial over every input as `trace check --no-verdicts` prints it.
core::Result<report::Json> merge_states(const std::vector<std::pair<std::string, const shard::Partial*>>& parts);
int render_partial(const shard::Partial& p, const trust::Context* context, report::Format format, size_t top,
                   std::ostream& out, std::ostream& err);

}  // namespace cleannet::trace
