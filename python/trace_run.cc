#include "trace_run.h"

#include <tbb/task_arena.h>

#include <exception>
#include <ostream>
#include <sstream>
#include <utility>

namespace cleannet::python {

TraceRun::TraceRun(std::shared_ptr<const trust::Context> context, std::shared_ptr<const TraceTables> tables,
                   std::vector<std::string> files, TraceRunOptions options)
    : context_(std::move(context)),
      tables_(std::move(tables)),
      files_(std::move(files)),
      options_(options),
      queue_(options.max_queued_bytes),
      thread_([this] { work(); }) {}

TraceRun::~TraceRun() { close(); }

std::optional<std::string> TraceRun::next() {
  if (closed_) return std::nullopt;
  auto line = queue_.pop();
  if (!line) join();  // the end: the thread has written everything, so this does not wait
  return line;
}

void TraceRun::close() {
  if (closed_.exchange(true)) return;
  cancel_ = true;
  queue_.cancel();
  join();
}

void TraceRun::join() {
  std::lock_guard<std::mutex> l(join_mu_);
  if (thread_.joinable()) thread_.join();
}

void TraceRun::work() {
  try {
    LineQueueBuf buf(queue_);
    std::ostream out(&buf);
    trace::CheckInputs in;
    in.files = files_;
    in.options.output = trace::Output::kJson;
    in.options.cancel = &cancel_;
    const trust::Context& c = *context_;
    const trace::CheckContext cc{c.registry, *c.resolver, c.policy, c.status_options,
                                 tables_->directory ? &*tables_->directory : nullptr};
    std::optional<trace::CheckReport> r;
    auto run = [&] { r.emplace(trace::check(in, tables_->tables, cc, out)); };
    // Its own arena: the thread limit holds for this run only (tbb::global_control, the
    // CLI's --threads, would hold for the whole process and every other run in it).
    if (options_.threads) {
      tbb::task_arena arena(static_cast<int>(options_.threads));
      arena.execute(run);
    } else {
      run();
    }
    out.flush();
    if (!cancel_) {
      // What the CLI prints after the verdicts: the errors on stderr, the summary last.
      for (const trace::FileResult& f : r->files) {
        if (f.error) errors_.push_back(f.error->message());
        if (auto w = f.warning(); !w.empty()) warnings_.push_back(f.file + ": " + w);
      }
      std::ostringstream s;
      trace::write_report(s, *r, trace::Output::kJson, 10);
      summary_ = s.str();
      while (!summary_.empty() && summary_.back() == '\n') summary_.pop_back();
    }
  } catch (const std::exception& e) {
    failure_ = e.what();
  } catch (...) {
    failure_ = "an unknown exception";
  }
  queue_.finish();
}

}  // namespace cleannet::python
