#include "cleannet/trace/check.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>

#include "cleannet/trace/findings.h"
#include "cleannet/trace/read.h"
#include "cleannet/trace/render.h"

namespace cleannet::trace {

namespace {

// Work for one worker: records copied out by the reader (JSON arrays, and the first line of
// a file), or a block of whole lines read straight into the batch (NDJSON: the records are
// found by the worker).
struct Batch {
  std::vector<Record> records;
  size_t used = 0;
  LineBlock block;
  bool lines = false;  // block holds this batch's records
  std::string out;
  std::vector<report::Finding> findings;
  std::optional<core::Error> error;
  uint64_t traces = 0;
};

struct Worker {
  Worker(const HopAttributor& hops, AsJudge& judge) : judge(hops, judge) {}
  RecordParser parser;
  TraceJudge judge;
  Traceroute trace;
  Summary summary;  // this worker's share, merged once at the end: counts commute
};

}  // namespace

TraceCheck::TraceCheck(const HopAttributor& hops, AsJudge& judge, CheckOptions options)
    : hops_(hops), judge_(judge), options_(options) {}

std::string FileResult::warning() const {
  if (error || counts.traces == 0 || counts.undetermined != counts.traces) return {};
  return "every one of its " + std::to_string(counts.traces) +
         " traces is undetermined: the tables attribute too few of its hop addresses to judge any";
}

bool TraceCheck::run(const std::vector<std::string>& files, std::ostream& out) {
  bool ok = true;
  for (const std::string& f : files) {
    if (options_.cancel && options_.cancel->load()) break;
    if (auto st = run_file(f, out); !st) {
      ok = false;
      if (options_.strict) break;
    }
  }
  return ok;
}

core::Status TraceCheck::run_file(const std::string& file, std::ostream& out) {
  FileResult r;
  r.file = file;
  const Summary::Counts before = summary_.total();
  const size_t hops_before = summary_.attributed_hops();
  const uint64_t records_before = records_;
  const size_t findings_before = findings_.size();
  auto st = read_file(file, out);
  r.findings = findings_.size() - findings_before;
  r.records = records_ - records_before;
  r.counts = summary_.total();
  r.counts.traces -= before.traces;
  r.counts.clean -= before.clean;
  r.counts.untrusted -= before.untrusted;
  r.counts.undetermined -= before.undetermined;
  r.attributed_hops = summary_.attributed_hops() - hops_before;
  if (!st) {
    r.error = st.error();
  } else if (r.counts.traces == 0) {
    // An empty array, or records of other kinds only: no verdict from this file.
    r.error = core::Error(core::SourcePos(file), "RIPE Atlas or scamper traceroute results",
                          r.records ? std::to_string(r.records) + " record(s), none a traceroute" : "no record");
  } else if (r.counts.undetermined == r.counts.traces && r.attributed_hops == 0) {
    r.error = core::Error(core::SourcePos(file), "traceroutes with hops that the origin tables attribute",
                          std::to_string(r.counts.traces) +
                              " traceroute(s), every one undetermined, and not one of their hop addresses attributed "
                              "to an AS");
  }
  files_.push_back(r);
  if (r.error) return *r.error;
  return core::Ok{};
}

core::Status TraceCheck::read_file(const std::string& file, std::ostream& out) {
  auto reader = RecordReader::open(file);
  if (!reader) return reader.error();
  // The first record tells the format.
  Record first;
  auto got = reader->next(first);
  if (!got) return got.error();
  if (!*got) return core::Ok{};  // an empty array
  SourceFormat format = SourceFormat::kAtlas;
  if (!reader->array_mode()) {
    auto f = detect_format(first, file);
    if (!f) return f.error();
    format = *f;
  }
  bool pending = true;
  const bool lines_mode = !reader->array_mode();

  std::mutex pool_mu;
  std::vector<std::unique_ptr<Batch>> pool;
  std::optional<core::Error> error;
  bool stop = false;  // set by the output stage on the first error; read by the input stage
  std::mutex stop_mu;
  tbb::enumerable_thread_specific<std::unique_ptr<Worker>> workers(
      [&] { return std::make_unique<Worker>(hops_, judge_); });

  const size_t threads = static_cast<size_t>(tbb::this_task_arena::max_concurrency());
  const size_t tokens =
      options_.max_batches_in_flight ? options_.max_batches_in_flight : 4 * std::max<size_t>(threads, 1);
  const auto t0 = std::chrono::steady_clock::now();
  auto last = t0;

  tbb::parallel_pipeline(
      tokens, tbb::make_filter<void, Batch*>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& fc) -> Batch* {
                {
                  std::lock_guard<std::mutex> l(stop_mu);
                  if (stop || (options_.cancel && options_.cancel->load())) {
                    fc.stop();
                    return nullptr;
                  }
                }
                std::unique_ptr<Batch> b;
                {
                  std::lock_guard<std::mutex> l(pool_mu);
                  if (!pool.empty()) {
                    b = std::move(pool.back());
                    pool.pop_back();
                  }
                }
                if (!b) b = std::make_unique<Batch>();
                b->used = 0;
                b->error.reset();
                b->lines = false;
                if (lines_mode && !pending) {
                  auto more = reader->next_lines(b->block, options_.batch_bytes);
                  if (!more)
                    b->error = more.error();
                  else
                    b->lines = *more;
                } else {
                  if (b->records.size() < options_.batch_records) b->records.resize(options_.batch_records);
                  while (b->used < options_.batch_records) {
                    if (pending) {
                      std::swap(b->records[b->used++], first);
                      pending = false;
                      if (lines_mode) break;  // the lines after it come in blocks
                      continue;
                    }
                    auto more = reader->next(b->records[b->used]);
                    if (!more) {
                      b->error = more.error();
                      break;
                    }
                    if (!*more) break;
                    ++b->used;
                  }
                }
                if (b->used == 0 && !b->lines && !b->error) {
                  std::lock_guard<std::mutex> l(pool_mu);
                  pool.push_back(std::move(b));
                  fc.stop();
                  return nullptr;
                }
                return b.release();
              }) & tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel, [&](Batch* b) -> Batch* {
                Worker& w = *workers.local();
                b->out.clear();
                b->findings.clear();
                b->traces = 0;
                // False at an error in the record, which comes before a reading error after
                // the batch.
                auto one = [&](const RecordView& rec) {
                  auto ok = w.parser.parse(rec, file, format, w.trace);
                  if (!ok) {
                    b->error = ok.error();
                    return false;
                  }
                  if (!*ok) return true;
                  ++b->traces;
                  w.summary.prefetch(w.trace);
                  const TraceVerdict& v = w.judge.judge(w.trace);
                  switch (options_.output) {
                    case Output::kJson:
                      append_verdict_json(b->out, w.trace, v, file, judge_);
                      break;
                    case Output::kText:
                      append_verdict_text(b->out, w.trace, v, file, judge_);
                      break;
                    case Output::kSarif:
                    case Output::kFindings:
                      if (auto f = verdict_finding(w.trace, v, file, judge_)) b->findings.push_back(std::move(*f));
                      break;
                    case Output::kNone:
                      break;
                  }
                  w.summary.add(w.trace, v, judge_);
                  return true;
                };
                if (b->lines) {
                  size_t n = 0;
                  bool ok = true;
                  b->block.each_record([&](const RecordView& rec) {
                    if (ok && (ok = one(rec))) ++n;
                  });
                  b->used = n;
                } else {
                  for (size_t i = 0; i < b->used; ++i)
                    if (!one(b->records[i].view())) {
                      b->used = i;
                      break;
                    }
                }
                return b;
              }) & tbb::make_filter<Batch*, void>(tbb::filter_mode::serial_in_order, [&](Batch* raw) {
                std::unique_ptr<Batch> b(raw);
                bool stopped;
                {
                  std::lock_guard<std::mutex> l(stop_mu);
                  stopped = stop;
                }
                if (!stopped) {
                  out.write(b->out.data(), static_cast<std::streamsize>(b->out.size()));
                  for (auto& f : b->findings) findings_.push_back(std::move(f));
                  records_ += b->used;
                  traces_ += b->traces;
                  if (b->error) {
                    error = *b->error;
                    std::lock_guard<std::mutex> l(stop_mu);
                    stop = true;
                  }
                }
                if (options_.progress) {
                  auto now = std::chrono::steady_clock::now();
                  if (now - last > std::chrono::milliseconds(500)) {
                    last = now;
                    double s = std::chrono::duration<double>(now - t0).count();
                    std::cerr << "\r" << file << ": " << traces_ << " traces, "
                              << static_cast<uint64_t>(traces_ / std::max(s, 1e-9)) << "/s   " << std::flush;
                  }
                }
                std::lock_guard<std::mutex> l(pool_mu);
                pool.push_back(std::move(b));
              }));
  for (auto& w : workers) summary_.merge(w->summary);
  if (options_.progress) std::cerr << "\r\033[K" << std::flush;
  if (error) return *error;
  return core::Ok{};
}

core::Status validate(const CheckInputs& in) {
  if (in.origins.pfx2as.empty() && in.origins.ribs.empty())
    return core::Error(core::SourcePos("--rib/--pfx2as"), "a prefix-to-AS source: --rib FILE or --pfx2as FILE", "none");
  return core::Ok{};
}

CheckTables load_tables(const CheckInputs& in) {
  CheckTables t;
  if (auto st = validate(in); !st) {
    t.error = st.error();
    return t;
  }
  std::optional<core::Error> ixp_error;
  auto load_ixps = [&] {
    if (in.ixp.empty()) return;
    auto input = core::Input::open(in.ixp);
    auto x = input ? IxpTable::load_caida(std::move(*input)) : core::Result<IxpTable>(input.error());
    if (x)
      t.ixps = std::move(*x);
    else
      ixp_error = x.error();
  };
  auto load_origins = [&] { t.origins = ip::load_origins(in.origins); };
  // Standard input can be read only once, in order.
  bool stdin_input = in.ixp == "-";
  for (const auto* v : {&in.origins.pfx2as, &in.origins.ribs})
    for (const std::string& f : *v) stdin_input = stdin_input || f == "-";
  if (stdin_input) {
    load_origins();
    load_ixps();
  } else {
    tbb::task_group g;
    g.run(load_ixps);
    load_origins();
    g.wait();
  }
  if (t.origins.error)
    t.error = t.origins.error;
  else if (ixp_error)
    t.error = ixp_error;
  return t;
}

CheckReport check(const CheckInputs& in, const CheckTables& tables, const CheckContext& context,
                  std::ostream& verdicts) {
  CheckReport r;
  r.attributor = std::make_unique<asgraph::AsAttributor>(context.resolver, context.directory);
  r.judge = std::make_unique<AsJudge>(*r.attributor, context.registry, context.policy, context.status_options, kLine);
  r.policy = context.policy.name;
  r.as_of = context.status_options.as_of.to_string();
  const ip::OriginTable& origins = tables.origins.table;
  r.origins = origins.source;
  const IxpTable* ixps = tables.ixps ? &*tables.ixps : nullptr;
  HopAttributor hops(&origins, ixps);
  r.title = "trace check: policy " + r.policy + " (line trace), as of " + r.as_of + "; origins " +
            std::to_string(origins.num_prefixes()) + " prefixes from " + origins.source +
            (ixps ? "; IXP LANs " + std::to_string(ixps->prefixes().size()) + " prefixes from " + ixps->source : "");
  if (in.options.output == Output::kText) verdicts << r.title << "\n";
  TraceCheck run(hops, *r.judge, in.options);
  r.ok = run.run(in.files, verdicts);
  r.findings = run.take_findings();
  r.summary = run.summary();
  r.files = run.files();
  return r;
}

ReportData report_data(const CheckReport& r) {
  return {r.title, r.policy, r.as_of, r.origins, r.summary.tables(), r.files, r.findings};
}

ReportData report_data(CheckReport&& r) {
  return {r.title, r.policy, r.as_of, r.origins, r.summary.tables(), r.files, std::move(r.findings)};
}

void write_report(std::ostream& out, const CheckReport& r, Output output, size_t top) {
  // Only SARIF needs the findings: the others are not copied.
  ReportData d{r.title, r.policy, r.as_of, r.origins, r.summary.tables(), r.files, {}};
  if (output == Output::kSarif) d.findings = r.findings;
  write_report(out, d, output, top);
}

void write_report(std::ostream& out, const ReportData& r, Output output, size_t top) {
  switch (output) {
    case Output::kJson: {
      report::Json s = summary_json(r.summary);
      s["policy"] = r.policy;
      s["as_of"] = r.as_of;
      s["origins"] = r.origins;
      report::Json files = report::Json::array();
      for (const FileResult& f : r.files) {
        report::Json j = {{"file", f.file},
                          {"records", f.records},
                          {"traces", f.counts.traces},
                          {"untrusted", f.counts.untrusted},
                          {"undetermined", f.counts.undetermined},
                          {"clean", f.counts.clean},
                          {"attributed_hops", f.attributed_hops}};
        if (f.error) j["error"] = f.error->message();
        if (auto w = f.warning(); !w.empty()) j["warning"] = w;
        files.push_back(std::move(j));
      }
      s["files"] = files;
      out << s.dump() << "\n";
      break;
    }
    case Output::kSarif:
      out << report::render_sarif(r.findings, {"cleannet trace check"}).dump(2) << "\n";
      break;
    case Output::kText:
      out << summary_text(r.summary, top);
      for (const FileResult& f : r.files)
        if (auto w = f.warning(); !w.empty()) out << "warning: " << f.file << ": " << w << "\n";
      break;
    case Output::kFindings:
    case Output::kNone:
      break;
  }
  out << std::flush;
}

int finish_report(const ReportData& r, Output output, size_t top, bool title, std::ostream& out, std::ostream& err) {
  // Errors on stderr; the warnings are in the summary, and on stderr too where the summary
  // is JSON or SARIF.
  bool ok = true;
  for (const FileResult& f : r.files) {
    if (f.error) {
      err << f.error->message() << "\n";
      ok = false;
    }
    if (auto w = f.warning(); !w.empty() && output != Output::kText) err << "warning: " << f.file << ": " << w << "\n";
  }
  err << std::flush;
  if (title && output == Output::kText) out << r.title << "\n";
  write_report(out, r, output, top);
  if (!ok) return 2;
  return r.summary.total.untrusted != 0 ? 1 : 0;
}

}  // namespace cleannet::trace
