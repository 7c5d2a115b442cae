#include "trace_cmd.h"

#include <tbb/global_control.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <optional>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/asgraph/directory.h"
#include "cleannet/ip/origin.h"
#include "cleannet/report/render.h"
#include "cleannet/trace/attribution.h"
#include "cleannet/trace/check.h"
#include "cleannet/trace/rib.h"
#include "cleannet/trace/verdict.h"
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
    print_error(core::Error(core::SourcePos("--rib/--pfx2as"), "a prefix-to-AS source: --rib FILE or --pfx2as FILE", "none"));
    return kExitInputError;
  }
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  std::optional<tbb::global_control> threads;
  if (o.threads) threads.emplace(tbb::global_control::max_allowed_parallelism, o.threads);

  // One table from every source: a prefix present in several keeps all its origins.
  ip::OriginTable origins;
  std::string sources;
  auto merge = [&](const ip::OriginTable& t) {
    for (size_t i = 0; i < t.num_prefixes(); ++i) {
      auto e = t.entry(i);
      for (uint32_t a : e.origins) origins.add(e.prefix, a);
    }
    sources += (sources.empty() ? "" : ", ") + t.source;
  };
  for (const std::string& f : o.pfx2as) {
    auto in = core::Input::open(f);
    if (!in) {
      print_error(in.error());
      return kExitInputError;
    }
    auto t = ip::load_origin_table(std::move(*in));
    if (!t) {
      print_error(t.error());
      return kExitInputError;
    }
    if (o.pfx2as.size() + o.ribs.size() == 1) {
      origins = std::move(*t);
      sources = origins.source;
    } else {
      merge(*t);
    }
  }
  for (const std::string& f : o.ribs) {
    size_t damaged = 0;
    auto t = trace::origins_from_rib(f, o.keep_going, &damaged);
    if (!t) {
      print_error(t.error());
      return kExitInputError;
    }
    if (damaged) std::cerr << f << ": --keep-going: " << damaged << " damaged or cut record(s) skipped\n";
    if (o.pfx2as.size() + o.ribs.size() == 1) {
      origins = std::move(*t);
      sources = origins.source;
    } else {
      merge(*t);
    }
  }
  origins.source = sources;

  std::optional<trace::IxpTable> ixps;
  if (!o.ixp.empty()) {
    auto in = core::Input::open(o.ixp);
    if (!in) {
      print_error(in.error());
      return kExitInputError;
    }
    auto t = trace::IxpTable::load_caida(std::move(*in));
    if (!t) {
      print_error(t.error());
      return kExitInputError;
    }
    ixps = std::move(*t);
  }
  std::optional<asgraph::AsDirectory> directory;
  if (!load_as_directory(o.as_names, o.as2org, directory)) return kExitInputError;
  asgraph::AsAttributor attributor(*c->resolver, directory ? &*directory : nullptr);
  asgraph::AsJudge judge(attributor, c->registry, c->policy, c->status_options, trace::kLine);
  trace::HopAttributor hops(&origins, ixps ? &*ixps : nullptr);

  const std::string& fmt = o.common.format;
  trace::CheckOptions opt;
  opt.output = fmt == "json" ? trace::Output::kJson : fmt == "sarif" ? trace::Output::kSarif : trace::Output::kText;
  opt.progress = !o.no_progress && ::isatty(STDERR_FILENO) != 0;
  if (fmt == "text")
    std::cout << "trace check: policy " << c->policy.name << " (line trace), as of " << c->status_options.as_of.to_string()
              << "; origins " << origins.num_prefixes() << " prefixes from " << origins.source
              << (ixps ? "; IXP LANs " + std::to_string(ixps->prefixes().size()) + " prefixes from " + ixps->source : "")
              << "\n";
  trace::TraceCheck check(hops, judge, opt);
  auto st = check.run(o.files, std::cout);
  if (!st) {
    std::cout << std::flush;
    print_error(st.error());
    return kExitInputError;
  }
  if (fmt == "json") {
    report::Json s = check.summary().json();
    s["policy"] = c->policy.name;
    s["as_of"] = c->status_options.as_of.to_string();
    s["origins"] = origins.source;
    std::cout << s.dump() << "\n";
  } else if (fmt == "sarif") {
    std::cout << report::render_sarif(check.findings(), {"cleannet trace check"}).dump(2) << "\n";
  } else {
    std::cout << check.summary().text(o.top);
  }
  std::cout << std::flush;
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
  check->add_option("files", o->files, "RIPE Atlas results (JSON array or one per line) or scamper JSON (sc_warts2json); gz/bz2/xz/zstd")
      ->required();
  check->add_option("--rib", o->ribs, "MRT RIB dump (TABLE_DUMP or TABLE_DUMP_V2) for prefix -> origin AS (repeatable)");
  check->add_option("--pfx2as", o->pfx2as, "Prefix -> origin AS table: pyasn, RouteViews pfx2as or iptoasn (repeatable)");
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
