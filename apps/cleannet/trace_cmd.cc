#include "trace_cmd.h"

#include <tbb/global_control.h>
#include <tbb/task_group.h>
#include <unistd.h>

#include <iostream>
#include <optional>

#include "cleannet/asgraph/directory.h"
#include "cleannet/trace/check.h"
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
};

int run_check(const TraceOptions& o) {
  trace::CheckInputs in;
  in.files = o.files;
  in.origins = {o.pfx2as, o.ribs, o.keep_going};
  in.ixp = o.ixp;
  const std::string& fmt = o.common.format;
  in.options.output = fmt == "json"    ? trace::Output::kJson
                      : fmt == "sarif" ? trace::Output::kSarif
                                       : trace::Output::kText;
  in.options.progress = !o.no_progress && ::isatty(STDERR_FILENO) != 0;
  if (auto st = trace::validate(in); !st) {
    print_error(st.error());
    return kExitInputError;
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

  const trace::CheckReport r = trace::check(
      in, tables, {c->registry, *c->resolver, c->policy, c->status_options, directory ? &*directory : nullptr},
      std::cout);
  std::cout << std::flush;
  // Errors on stderr; the warnings are in the summary, and on stderr too where the summary
  // is JSON or SARIF.
  for (const trace::FileResult& f : r.files) {
    if (f.error) print_error(*f.error);
    if (auto w = f.warning(); !w.empty() && fmt != "text") std::cerr << "warning: " << f.file << ": " << w << "\n";
  }
  trace::write_report(std::cout, r, in.options.output, o.top);
  if (!r.ok) return kExitInputError;
  return r.violations() ? kExitViolations : kExitClean;
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
  add_common_options(check, o->common, {"text", "json", "sarif"});
  check->callback([o, &result] { result = run_check(*o); });
}

}  // namespace cleannet::cli
