#include "trace_cmd.h"

#include <tbb/global_control.h>
#include <tbb/task_group.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <optional>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/asgraph/directory.h"
#include "cleannet/ip/sources.h"
#include "cleannet/report/render.h"
#include "cleannet/trace/attribution.h"
#include "cleannet/trace/check.h"
#include "cleannet/trace/render.h"
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
  if (o.ribs.empty() && o.pfx2as.empty()) {
    print_error(
        core::Error(core::SourcePos("--rib/--pfx2as"), "a prefix-to-AS source: --rib FILE or --pfx2as FILE", "none"));
    return kExitInputError;
  }
  std::optional<tbb::global_control> threads;
  if (o.threads) threads.emplace(tbb::global_control::max_allowed_parallelism, o.threads);

  // The input tables are independent: they load at once (tbb tasks) while this thread
  // reads the registry and policy, then are checked in command-line order (pfx2as files,
  // RIBs, --ixp, --as-names/--as2org), so the first bad one is still the one reported
  // and nothing depends on which finished first. Standard input can be read only once,
  // in order: a "-" among them keeps the reading sequential.
  ip::LoadedOrigins loaded;
  auto load_tables = [&] {
    loaded = ip::load_origins({.pfx2as = o.pfx2as, .ribs = o.ribs, .keep_going = o.keep_going});
  };
  std::optional<trace::IxpTable> ixps;
  std::optional<core::Error> ixp_error;
  auto load_ixps = [&] {
    if (o.ixp.empty()) return;
    auto in = core::Input::open(o.ixp);
    auto t = in ? trace::IxpTable::load_caida(std::move(*in)) : core::Result<trace::IxpTable>(in.error());
    if (t)
      ixps = std::move(*t);
    else
      ixp_error = t.error();
  };
  std::optional<asgraph::AsDirectory> directory;
  std::optional<core::Error> directory_error;
  auto load_directory = [&] {  // the error is kept for its turn in command-line order
    auto d = read_as_directory(o.as_names, o.as2org);
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
    load_tables();
    load_ixps();
    load_directory();
  } else {
    tbb::task_group g;
    g.run(load_tables);
    g.run(load_ixps);
    g.run(load_directory);
    c = load_context(o.common, false);
    g.wait();
    if (!c) return kExitInputError;
  }
  for (const std::string& note : loaded.notes) std::cerr << note << "\n";
  if (loaded.error) {
    print_error(*loaded.error);
    return kExitInputError;
  }
  const ip::OriginTable& origins = loaded.table;
  if (ixp_error) {
    print_error(*ixp_error);
    return kExitInputError;
  }
  if (directory_error) {
    print_error(*directory_error);
    return kExitInputError;
  }
  asgraph::AsAttributor attributor(*c->resolver, directory ? &*directory : nullptr);
  asgraph::AsJudge judge(attributor, c->registry, c->policy, c->status_options, trace::kLine);
  trace::HopAttributor hops(&origins, ixps ? &*ixps : nullptr);

  const std::string& fmt = o.common.format;
  trace::CheckOptions opt;
  opt.output = fmt == "json" ? trace::Output::kJson : fmt == "sarif" ? trace::Output::kSarif : trace::Output::kText;
  opt.progress = !o.no_progress && ::isatty(STDERR_FILENO) != 0;
  if (fmt == "text")
    std::cout << "trace check: policy " << c->policy.name << " (line trace), as of "
              << c->status_options.as_of.to_string() << "; origins " << origins.num_prefixes() << " prefixes from "
              << origins.source
              << (ixps ? "; IXP LANs " + std::to_string(ixps->prefixes().size()) + " prefixes from " + ixps->source
                       : "")
              << "\n";
  trace::TraceCheck check(hops, judge, opt);
  const bool ok = check.run(o.files, std::cout);
  std::cout << std::flush;
  // Errors on stderr; the warnings are in the summary, and on stderr too where the summary
  // is JSON or SARIF.
  for (const trace::FileResult& f : check.files()) {
    if (f.error) print_error(*f.error);
    if (auto w = f.warning(); !w.empty() && fmt != "text") std::cerr << "warning: " << f.file << ": " << w << "\n";
  }
  if (fmt == "json") {
    report::Json s = check.summary().json();
    s["policy"] = c->policy.name;
    s["as_of"] = c->status_options.as_of.to_string();
    s["origins"] = origins.source;
    s["files"] = check.files_json();
    std::cout << s.dump() << "\n";
  } else if (fmt == "sarif") {
    std::cout << report::render_sarif(check.findings(), {"cleannet trace check"}).dump(2) << "\n";
  } else {
    std::cout << check.summary().text(o.top) << check.files_text();
  }
  std::cout << std::flush;
  if (!ok) return kExitInputError;
  return check.summary().total().untrusted ? kExitViolations : kExitClean;
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
