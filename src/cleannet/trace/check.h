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
//   TraceCheck check(hops, judge, {.output = Output::kJson});
//   if (auto st = check.run({"a.json", "b.ndjson.gz"}, std::cout); !st) fail(st.error());
//   check.summary().total().untrusted
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/report/finding.h"
#include "cleannet/trace/attribution.h"
#include "cleannet/trace/judge.h"
#include "cleannet/trace/summary.h"

namespace cleannet::trace {

enum class Output { kText, kJson, kSarif, kNone };

struct CheckOptions {
  Output output = Output::kText;
  size_t batch_records = 256;        // records of a JSON array in a batch
  size_t batch_bytes = 1u << 20;     // bytes of NDJSON lines in a batch (whole lines, at least one)
  size_t max_batches_in_flight = 0;  // 0: four per worker thread
  bool progress = false;             // a progress line on stderr (the CLI sets it when stderr is a terminal)
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
  std::optional<core::Error> error;
  // "every one of its 12 traces is undetermined", or empty.
  std::string warning() const;
};

class TraceCheck {
 public:
  TraceCheck(const HopAttributor& hops, AsJudge& judge, CheckOptions options);

  // Reads the files one after the other, each to its end or its error: a failed file does
  // not stop the others (files()). True when none failed.
  bool run(const std::vector<std::string>& files, std::ostream& out);
  const std::vector<FileResult>& files() const { return files_; }
  // The files' warnings, a line each, for the text summary; and every file's counts, error
  // and warning for the JSON one.
  std::string files_text() const;
  report::Json files_json() const;

  const Summary& summary() const { return summary_; }
  // Kept only with Output::kSarif: one per untrusted or undetermined trace.
  const std::vector<report::Finding>& findings() const { return findings_; }
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

}  // namespace cleannet::trace
