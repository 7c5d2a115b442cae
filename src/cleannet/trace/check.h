// `cleannet trace check` without the command line: read traceroute files, attribute and
// judge every trace, write one verdict per trace in input order, and aggregate.
//
// Data-parallel over shards with oneTBB (tbb::parallel_pipeline): one thread cuts the input
// into batches (read.h: records of a JSON array, or blocks of whole NDJSON lines that the
// workers split), the workers parse, attribute and judge batches independently, and the
// verdicts leave in input order. At most `max_batches_in_flight`
// batches exist at once, so memory is bounded by that times the batch size, whatever the
// number of traces (the summary grows with distinct probes, destinations and ASes only).
//
// `cleannet trace check` is three calls, which tests make as the CLI does:
//
//   CheckInputs in{.files = {"a.json", "b.ndjson.gz"}, .origins = {.pfx2as = {"ipasn.dat"}}};
//   CheckTables tables = load_tables(in);                 // tables.error: exit 2
//   CheckReport r = check(in, tables, {registry, resolver, policy, as_of}, std::cout);  // verdicts
//   write_report(std::cout, r, in.options.output, 10);    // the summary after them
//
// or, with the judge built by the caller:
//
//   TraceCheck check(hops, judge, {.output = Output::kJson});
//   if (!check.run({"a.json", "b.ndjson.gz"}, std::cout)) ...  check.files()[i].error
//   check.summary().total().untrusted
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/asgraph/directory.h"
#include "cleannet/core/result.h"
#include "cleannet/ip/sources.h"
#include "cleannet/report/finding.h"
#include "cleannet/trace/attribution.h"
#include "cleannet/trace/judge.h"
#include "cleannet/trace/summary.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::trace {

// kFindings: no verdicts written, the findings kept (as with kSarif), for callers that render
// them with other checks' (audit/).
enum class Output { kText, kJson, kSarif, kFindings, kNone };

struct CheckOptions {
  Output output = Output::kText;     // of the verdicts; kNone and kFindings write none, nor the title
  size_t batch_records = 256;        // records of a JSON array in a batch
  size_t batch_bytes = 1u << 20;     // bytes of NDJSON lines in a batch (whole lines, at least one)
  size_t max_batches_in_flight = 0;  // 0: four per worker thread
  bool progress = false;             // a progress line on stderr (the CLI sets it when stderr is a terminal)
  bool strict = false;               // the first file that fails ends the run (the files after it are not read)
  // Set by another thread to end the run early (the Python module's verdict iterator, closed
  // before its end): no batch is read after it, the batches in flight are still written, and
  // the files after are not opened. The run's results are then incomplete.
  const std::atomic<bool>* cancel = nullptr;
};

// What one input file gave. A file fails (error) when it cannot be read, at its first bad
// record (the verdicts of the records before it have been written), when it holds no
// traceroute, and when not one hop address of its traces could be attributed while every
// trace is undetermined: nothing was read from it that a verdict can rest on (the tables do
// not cover its addresses). A file whose traces are all undetermined although some hops were
// attributed is valid but says little: warning().
struct FileResult {
  std::string file;
  uint64_t records = 0;    // records read (traceroutes and others, such as scamper cycle records)
  Summary::Counts counts;  // verdicts of its traceroutes
  size_t attributed_hops = 0;
  size_t findings = 0;  // of the run's findings (Output::kSarif, kFindings), those of this file
  std::optional<core::Error> error;
  // "every one of its 12 traces is undetermined", or empty.
  std::string warning() const;
};

class TraceCheck {
 public:
  TraceCheck(const HopAttributor& hops, AsJudge& judge, CheckOptions options);

  // Reads the files one after the other, each to its end or its error: a failed file does
  // not stop the others (files()), unless options.strict. True when none failed.
  bool run(const std::vector<std::string>& files, std::ostream& out);
  const std::vector<FileResult>& files() const { return files_; }

  const Summary& summary() const { return summary_; }
  // Kept only with Output::kSarif and kFindings: one per untrusted or undetermined trace.
  const std::vector<report::Finding>& findings() const { return findings_; }
  // The findings moved out (findings() is empty after): a run can keep hundreds of thousands.
  std::vector<report::Finding> take_findings() { return std::move(findings_); }
  uint64_t records() const { return records_; }
  uint64_t traces() const { return traces_; }

 private:
  core::Status run_file(const std::string& file, std::ostream& out);
  core::Status read_file(const std::string& file, std::ostream& out);

  const HopAttributor& hops_;
  AsJudge& judge_;
  CheckOptions options_;
  Summary summary_;
  std::vector<report::Finding> findings_;
  uint64_t records_ = 0, traces_ = 0;
  std::vector<FileResult> files_;
};

// What `trace check` reads besides the registry and policy.
struct CheckInputs {
  std::vector<std::string> files;  // traceroute results, judged in this order
  ip::OriginSources origins;       // prefix -> origin AS tables and RIBs (at least one)
  std::string ixp;                 // the CAIDA IXPs dataset, or empty
  CheckOptions options;
};

// What the inputs lack before anything is read: an origin source.
core::Status validate(const CheckInputs& in);

// The tables hops are attributed with, loaded at once.
struct CheckTables {
  ip::LoadedOrigins origins;  // its notes: damaged RIB records skipped
  std::optional<IxpTable> ixps;
  // validate()'s error, else the first bad table in the order of the command line (origin
  // sources, then --ixp).
  std::optional<core::Error> error;
};
CheckTables load_tables(const CheckInputs& in);

// What the registry and policy give (all must outlive the check and its report).
struct CheckContext {
  const trust::Registry& registry;
  const trust::Resolver& resolver;
  const trust::Policy& policy;
  trust::StatusOptions status_options;
  const asgraph::AsDirectory* directory = nullptr;  // AS names and countries, when given
};

struct CheckReport {
  std::unique_ptr<asgraph::AsAttributor> attributor;  // the summary names the networks it judged
  std::unique_ptr<AsJudge> judge;
  std::vector<report::Finding> findings;  // with Output::kSarif, kFindings: one per untrusted or undetermined trace
  Summary summary;
  std::vector<FileResult> files;  // every input: its counts, error and warning
  std::string policy, as_of, origins;
  // "trace check: policy clean-network (line trace), as of ...; origins ...": the first line
  // of the text output, written by check() before the verdicts (Output::kText).
  std::string title;
  bool ok = false;  // no input failed
  bool violations() const { return summary.total().untrusted != 0; }
};

// What a report is rendered from once the traces are judged: what write_report() and
// finish_report() read, and what a partial (trace/partial.h) holds.
struct ReportData {
  std::string title, policy, as_of, origins;
  SummaryTables summary;
  std::vector<FileResult> files;          // in input order
  std::vector<report::Finding> findings;  // SARIF's results, in input order
};
ReportData report_data(const CheckReport& r);
ReportData report_data(CheckReport&& r);  // the findings moved

// Judges every trace of in.files, writing the verdicts (text: after a title line) to
// `verdicts` in input order as they are judged.
CheckReport check(const CheckInputs& in, const CheckTables& tables, const CheckContext& context,
                  std::ostream& verdicts);
// What follows the verdicts in each output: the summary (text: the `top` rows of each
// dimension and the files' warnings; JSON: one object with the files), or the SARIF log.
void write_report(std::ostream& out, const CheckReport& r, Output output, size_t top);
void write_report(std::ostream& out, const ReportData& r, Output output, size_t top);

// What `trace check` prints after the verdicts, and `cleannet merge` of its partials: each
// failed file's error on `err` (and each warning, where the summary is not text), then the
// title line when `title` (text output without verdicts: check() wrote none), then
// write_report(); returns the exit code: 2 when a file failed, else 1 when a trace is
// untrusted, else 0.
int finish_report(const ReportData& r, Output output, size_t top, bool title, std::ostream& out, std::ostream& err);

}  // namespace cleannet::trace
