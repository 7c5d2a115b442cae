// `trace check` as a pull iterator over its verdicts: trace::check runs on a thread of its
// own and writes its JSON verdict lines into a bounded LineQueue; the reader takes them one
// by one, and the summary (the line `trace check --format json` prints last) once they are
// all taken. Memory stays bounded whatever the number of traces; closing the run early
// cancels the check (trace::CheckOptions::cancel) and waits for its thread.
//
//   TraceRun run(context, tables, {"a.json"}, {});
//   while (auto line = run.next()) ...          // one verdict, JSON
//   run.summary();                              // then the summary, errors and warnings
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cleannet/asgraph/directory.h"
#include "cleannet/trace/check.h"
#include "cleannet/trace/partial.h"
#include "cleannet/trust/context.h"
#include "line_queue.h"

namespace cleannet::python {

// What trace_tables() loads once and many runs share (a worker of a cluster keeps one).
struct TraceTables {
  trace::CheckTables tables;
  std::optional<asgraph::AsDirectory> directory;
  std::vector<std::string> notes;  // what reading skipped (damaged RIB records)
  trace::TableFiles files;         // what they were read from
  report::Json digests;            // trace::table_digests(files): what a partial's shards compare
};

struct TraceRunOptions {
  size_t threads = 0;                 // worker threads of the check; 0: all cores
  size_t max_queued_bytes = 8 << 20;  // verdict text waiting for the reader
};

class TraceRun {
 public:
  TraceRun(std::shared_ptr<const trust::Context> context, std::shared_ptr<const TraceTables> tables,
           std::vector<std::string> files, TraceRunOptions options);
  ~TraceRun();
  TraceRun(const TraceRun&) = delete;
  TraceRun& operator=(const TraceRun&) = delete;

  // The next verdict line (JSON, no newline); nullopt at the end. Blocks while the check has
  // not written it yet: call without holding locks the check's thread might want.
  std::optional<std::string> next();
  // Stops the check if it is still running and waits for its thread; next() then ends.
  void close();
  bool closed() const { return closed_.load(); }
  // Verdict bytes the check has handed to the queue so far.
  size_t written_bytes() const { return queue_.pushed_bytes(); }

  // After next() returned nullopt (not after close()): the summary line, the inputs' errors
  // (messages naming file and line) and warnings, and a failure of the run itself.
  const std::string& summary() const { return summary_; }
  const std::vector<std::string>& errors() const { return errors_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  const std::string& failure() const { return failure_; }

 private:
  void work();
  void join();

  std::shared_ptr<const trust::Context> context_;
  std::shared_ptr<const TraceTables> tables_;
  std::vector<std::string> files_;
  TraceRunOptions options_;
  std::atomic<bool> cancel_{false};
  LineQueue queue_;
  // Written by the thread before it finishes the queue, read after next() ended.
  std::string summary_, failure_;
  std::vector<std::string> errors_, warnings_;
  // close() may come from another thread than the reader's next() (a Python thread closing
  // an iterator another one reads): the thread is joined once, under this lock.
  std::atomic<bool> closed_{false};
  std::mutex join_mu_;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace cleannet::python
