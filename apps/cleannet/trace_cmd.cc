#include "trace_cmd.h"

#include <tbb/global_control.h>
#include <tbb/task_group.h>
#include <unistd.h>

#include <iostream>
#include <optional>

#include "cleannet/asgraph/directory.h"
#include "cleannet/shard/partial.h"
#include "cleannet/shard/shard.h"
#include "cleannet/trace/check.h"
#include "cleannet/trace/partial.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct TraceOptions {
  CommonOptions common;
  std::vector<std::string> files, ribs, pfx2as;
  std::string ixp, as_names, as2org;
  bool keep_going = false;
  size_t threads = 0;
  size_t top = 10;
  bool no_progress = false;
  bool no_verdicts = false;
  bool strict = false;
  std::string partial_out, shard, shard_files;
};

// The positions of the files this run reads: --shard I/N, --shard-files LIST, or all.
core::Result<std::vector<size_t>> selected_positions(const TraceOptions& o) {
  if (!o.shard.empty()) {
    auto s = shard::parse_shard(o.shard);
    if (!s) return s.error();
    return s->positions(o.files.size());
  }
  if (!o.shard_files.empty()) return shard::parse_positions(o.shard_files, o.files.size(), "--shard-files");
  std::vector<size_t> all(o.files.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  return all;
}

trace::TableFiles table_files(const TraceOptions& o) {
  return {o.pfx2as, o.ribs, o.ixp, o.as_names, o.as2org, o.keep_going};
}

int run_check(const TraceOptions& o) {
  trace::CheckInputs in;
  auto positions = selected_positions(o);
  if (!positions) {
    print_error(positions.error());
    return kExitInputError;
  }
  for (size_t p : *positions) in.files.push_back(o.files[p]);
  in.origins = {o.pfx2as, o.ribs, o.keep_going};
  in.ixp = o.ixp;
  const std::string& fmt = o.common.format;
  const trace::Output output = fmt == "json"    ? trace::Output::kJson
                               : fmt == "sarif" ? trace::Output::kSarif
                                                : trace::Output::kText;
  // Without verdicts (and in a partial) the findings are kept for SARIF only.
  const bool verdicts = !o.no_verdicts && o.partial_out.empty();
  in.options.output = verdicts                          ? output
                      : output == trace::Output::kSarif ? trace::Output::kFindings
                                                        : trace::Output::kNone;
  in.options.progress = !o.no_progress && ::isatty(STDERR_FILENO) != 0;
  in.options.strict = o.strict;
  if (auto st = trace::validate(in); !st) {
    print_error(st.error());
    return kExitInputError;
  }
  if (!o.shard.empty() && !o.shard_files.empty()) {
    print_error(core::Error(core::SourcePos("--shard-files"), "either --shard or --shard-files", "both"));
    return kExitInputError;
  }
  report::Json digests;
  if (!o.partial_out.empty()) {
    auto d = trace::table_digests(table_files(o));
    if (!d) {
      print_error(d.error());
      return kExitInputError;
    }
    digests = std::move(*d);
  }
  std::optional<tbb::global_control> threads;
  if (o.threads) threads.emplace(tbb::global_control::max_allowed_parallelism, o.threads);

  // The tables load at once (tbb tasks) while this thread reads the registry and policy;
  // their errors are reported in command-line order (origin sources, --ixp, then
  // --as-names/--as2org), whichever finished first. Standard input can be read only once,
  // in order: a "-" among them keeps the reading sequential.
  trace::CheckTables tables;
  std::optional<asgraph::AsDirectory> directory;
  std::optional<core::Error> directory_error;
  auto load_directory = [&] {
    auto d = asgraph::read_directory(o.as_names, o.as2org);
    if (d)
      directory = std::move(*d);
    else
      directory_error = d.error();
  };
  bool stdin_input = o.ixp == "-" || o.as_names == "-" || o.as2org == "-";
  for (const auto& v : {&o.pfx2as, &o.ribs})
    for (const std::string& f : *v) stdin_input = stdin_input || f == "-";
  std::unique_ptr<Context> c;
  if (stdin_input) {
    c = load_context(o.common, false);
    if (!c) return kExitInputError;
    tables = trace::load_tables(in);
    load_directory();
  } else {
    tbb::task_group g;
    g.run([&] { tables = trace::load_tables(in); });
    g.run(load_directory);
    c = load_context(o.common, false);
    g.wait();
    if (!c) return kExitInputError;
  }
  for (const std::string& note : tables.origins.notes) std::cerr << note << "\n";
  for (const auto* e : {&tables.error, &directory_error})
    if (*e) {
      print_error(**e);
      return kExitInputError;
    }

  const trace::ReportData r = trace::report_data(trace::check(
      in, tables, {c->registry, *c->resolver, c->policy, c->status_options, directory ? &*directory : nullptr},
      std::cout));
  std::cout << std::flush;
  if (o.partial_out.empty()) return trace::finish_report(r, output, o.top, !verdicts, std::cout, std::cerr);

  // A partial: the files' errors on stderr and the exit code as the run's, no report.
  std::ostream none(nullptr);
  const int exit = trace::finish_report(r, output, o.top, false, none, std::cerr);
  // A strict run stopped at a failed file: what it holds is not its files' partial.
  if (o.strict && exit == kExitInputError) return exit;
  auto p = trace::make_partial(r, output == trace::Output::kSarif, std::move(digests), table_files(o),
                               tables.origins.notes, context_options(o.common, false), *c, o.files, *positions);
  if (!p) {
    print_error(p.error());
    return kExitInputError;
  }
  if (auto st = shard::write_partial(o.partial_out, *p); !st) {
    print_error(st.error());
    return kExitInputError;
  }
  return exit;
}

}  // namespace

void add_trace_commands(CLI::App& app, int& result) {
  CLI::App* trace = app.add_subcommand("trace", "Clean Path on measured traffic: whose networks traceroutes crossed");
  trace->require_subcommand(1);
  auto o = std::make_shared<TraceOptions>();
  CLI::App* check = trace->add_subcommand(
      "check",
      "Attribute every hop of RIPE Atlas or scamper traceroutes to its network and organisation, and judge each trace");
  check
      ->add_option("files", o->files,
                   "RIPE Atlas results (JSON array or one per line) or scamper JSON (sc_warts2json); gz/bz2/xz/zstd")
      ->required();
  check->add_option("--rib", o->ribs,
                    "MRT RIB dump (TABLE_DUMP or TABLE_DUMP_V2) for prefix -> origin AS (repeatable)");
  check->add_option("--pfx2as", o->pfx2as,
                    "Prefix -> origin AS table: pyasn, RouteViews pfx2as or iptoasn (repeatable)");
  check->add_option("--ixp", o->ixp, "IXP peering-LAN prefixes: CAIDA IXPs dataset (ixs_YYYYMM.jsonl)");
  check->add_option("--as-names", o->as_names, "AS number -> name/country list, for attribution by name and countries");
  check->add_option("--as2org", o->as2org, "CAIDA as2org file (instead of --as-names)");
  check->add_flag("--keep-going", o->keep_going, "Read past damaged RIB records and report what was skipped");
  check->add_option("--threads", o->threads, "Worker threads (default: all cores)");
  check->add_option("--top", o->top, "Rows per aggregate table in text output")->capture_default_str();
  check->add_flag("--no-progress", o->no_progress, "No progress line on stderr even when it is a terminal");
  check->add_flag("--no-verdicts", o->no_verdicts,
                  "Only the summary (and the title line in text): no line or object per trace");
  check->add_option("--partial-out", o->partial_out,
                    "Write the run's partial result (for `cleannet merge`) to FILE instead of the report");
  check->add_flag("--strict", o->strict,
                  "Stop at the first file that fails (default: report it and read the others); with --partial-out, "
                  "no partial is written then");
  check->add_option("--shard", o->shard,
                    "Read only every N-th file starting at the I-th (I/N, 1-based); each keeps its position");
  check->add_option("--shard-files", o->shard_files,
                    "Read only the files at these 1-based positions (1,4,7); each keeps its position");
  add_common_options(check, o->common, {"text", "json", "sarif"});
  check->callback([o, &result] { result = run_check(*o); });
}

}  // namespace cleannet::cli
