#include "audit_cmd.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>

#include <filesystem>
#include <iomanip>

#include "cleannet/audit/diff.h"
#include "cleannet/audit/history.h"
#include "cleannet/audit/html.h"
#include "cleannet/audit/record.h"
#include "cleannet/audit/render.h"
#include "cleannet/audit/run.h"
#include "cleannet/audit/scenario.h"
#include "cleannet/core/text.h"
#include "cleannet/report/check_report.h"
#include "cleannet/store/store.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct Output {
  std::string format;  // text, json, sarif, junit (audit::OutputFormat) or html
  std::string path;    // "-": standard output
};

// "-o FORMAT[:PATH]" values, FORMAT one of `formats`; the error names the value. HTML goes to
// standard output only when that is not a terminal (a megabyte of minified script is no
// use on a screen).
core::Result<std::vector<Output>> parse_outputs(const std::vector<std::string>& values,
                                                const std::vector<std::string>& formats,
                                                const std::string& default_format = "text") {
  std::vector<Output> out;
  for (const std::string& v : values) {
    size_t colon = v.find(':');
    std::string f = v.substr(0, colon);
    if (std::find(formats.begin(), formats.end(), f) == formats.end() ||
        (colon != std::string::npos && colon + 1 == v.size()))
      return core::Error(core::SourcePos("-o"), "FORMAT or FORMAT:PATH with FORMAT " + core::join(formats, ", "),
                         core::quote_found(v));
    out.push_back({f, colon == std::string::npos ? "-" : v.substr(colon + 1)});
    if (f == "html" && out.back().path == "-" && ::isatty(STDOUT_FILENO))
      return core::Error(core::SourcePos("-o"), "html:PATH, or standard output that is not a terminal",
                         "a terminal for " + core::quote_found(v));
  }
  if (out.empty()) out.push_back({default_format, "-"});
  return out;
}

bool wants_html(const std::vector<Output>& outputs) {
  return std::any_of(outputs.begin(), outputs.end(), [](const Output& o) { return o.format == "html"; });
}

// Writes one output of the run to `os` (html with `ctx`).
void render_output(const audit::AuditRun& run, const Output& o, const audit::HtmlContext& ctx, std::ostream& os) {
  if (o.format == "html")
    audit::render_html(run, ctx, os);
  else
    audit::render(run, *audit::parse_output_format(o.format), os);
}

// Writes every output; false (after saying why) when one cannot be written.
bool write_outputs(const std::vector<Output>& outputs, const std::function<void(const Output&, std::ostream&)>& write) {
  bool ok = true;
  for (const Output& o : outputs) {
    if (o.path == "-") {
      write(o, std::cout);
      std::cout << std::flush;
      continue;
    }
    std::ofstream f(o.path, std::ios::binary);
    write(o, f);
    f.close();
    if (!f) {
      print_error(core::Error(core::SourcePos(o.path), "a writable file for -o", "a write error"));
      ok = false;
    }
  }
  return ok;
}

bool write_outputs(const audit::AuditRun& run, const std::vector<Output>& outputs, const audit::HtmlContext& ctx) {
  return write_outputs(outputs, [&](const Output& o, std::ostream& os) { render_output(run, o, ctx, os); });
}

const std::vector<std::string> kRunFormats = {"text", "json", "sarif", "junit", "html"};

constexpr const char* kDefaultStore = ".cleannet/history.sqlite";

// The store at `path`; null after printing why it cannot be opened.
std::unique_ptr<store::Store> open_store(const std::string& path, bool create) {
  auto st = store::Store::open(path, create);
  if (!st) {
    print_error(st.error());
    return nullptr;
  }
  return std::make_unique<store::Store>(std::move(*st));
}

// A stored run read back; nullopt after printing why.
std::optional<audit::AuditRun> load_run(const store::Store& st, int64_t id) {
  auto rec = st.run(id);
  if (!rec) {
    print_error(rec.error());
    return std::nullopt;
  }
  auto run = audit::from_record(*rec);
  if (!run) {
    print_error(run.error());
    return std::nullopt;
  }
  return std::move(*run);
}

// The context of the report of a stored run; nullopt after printing why.
std::optional<audit::HtmlContext> load_html_context(const store::Store& st, const audit::AuditRun& run) {
  auto c = audit::html_context(st, run);
  if (!c) {
    print_error(c.error());
    return std::nullopt;
  }
  return std::move(*c);
}

struct RunOptions {
  std::string scenario;
  std::string store;
  bool no_store = false;
  std::vector<std::string> outputs;
  std::string fail_on = "error";
  bool no_suppressions = false;
  std::string as_of;
  std::string ieee_dir;
  bool no_ieee = false;
};

int run_audit(const RunOptions& o) {
  auto outputs = parse_outputs(o.outputs, kRunFormats);
  if (!outputs) {
    print_error(outputs.error());
    return kExitInputError;
  }
  auto scenario = audit::load_scenario(o.scenario);
  if (!scenario) {
    print_error(scenario.error());
    return kExitInputError;
  }
  audit::RunOptions ro;
  ro.fail_on = *audit::parse_fail_on(o.fail_on);
  ro.suppressions = !o.no_suppressions;
  ro.as_of = o.as_of;
  ro.ieee_dir = o.ieee_dir;
  ro.no_ieee = o.no_ieee;
  // A progress line for a person watching: each check as it ends.
  if (::isatty(STDERR_FILENO)) {
    ro.progress = [](const audit::CheckResult& c, size_t done, size_t total) {
      std::cerr << "\r\033[K" << done << "/" << total << " checks: " << c.name << " ended in " << std::fixed
                << std::setprecision(1) << c.seconds << " s" << std::defaultfloat << std::flush;
      if (done == total) std::cerr << "\r\033[K" << std::flush;
    };
  }
  // The store opens first: a store that cannot take the run stops it before any check runs.
  std::unique_ptr<store::Store> st;
  if (!o.no_store) {
    std::string path = o.store;
    if (path.empty())
      path = (std::filesystem::path(o.scenario).parent_path() / kDefaultStore).lexically_normal().string();
    st = open_store(path, true);
    if (!st) return kExitInputError;
  }
  auto run = audit::run_audit(*scenario, ro);
  if (!run) {
    print_error(run.error());
    return kExitInputError;
  }
  // Input errors on stderr too (the run ends with exit 2); notes are in every output.
  for (const audit::CheckResult& c : run->checks)
    for (const core::Error& e : c.report.errors) print_error(e);
  if (st && run->exit_code == kExitInputError) {
    std::cerr << "audit run: not stored in " << st->path() << ": some inputs could not be read\n";
  } else if (st) {
    auto id = audit::store_run(*st, *run);
    if (!id) {
      print_error(id.error());
      return kExitInputError;
    }
    run->id = *id;
  }
  // The report's history and change: from the store when the run is in it (audit/html.h).
  std::optional<audit::HtmlContext> ctx = audit::HtmlContext{};
  if (st && run->id && wants_html(*outputs)) ctx = load_html_context(*st, *run);
  if (!ctx) return kExitInputError;
  if (!write_outputs(*run, *outputs, *ctx)) return kExitInputError;
  return run->exit_code;
}

struct StoreOptions {
  std::string store = kDefaultStore;
  std::string format = "text";
  std::string scenario;  // history and diff: this scenario's runs only
  std::vector<int64_t> runs;
  std::vector<std::string> outputs;
  std::string fail_on = "error";
};

int run_history(const StoreOptions& o) {
  auto st = open_store(o.store, false);
  if (!st) return kExitInputError;
  auto runs = st->runs(o.scenario);
  if (!runs) {
    print_error(runs.error());
    return kExitInputError;
  }
  std::cout << audit::render_history(*runs,
                                     o.format == "json" ? audit::OutputFormat::kJson : audit::OutputFormat::kText);
  return kExitClean;
}

int run_diff(const StoreOptions& o) {
  // Without -o: --format to standard output.
  auto outputs = parse_outputs(o.outputs, {"text", "json", "html"}, o.format);
  if (!outputs) {
    print_error(outputs.error());
    return kExitInputError;
  }
  auto st = open_store(o.store, false);
  if (!st) return kExitInputError;
  std::vector<int64_t> ids = o.runs;
  if (ids.size() < 2) {
    // The last two runs of the scenario: the one given, or that of the run named or the last.
    auto all = st->runs(o.scenario);
    if (!all) {
      print_error(all.error());
      return kExitInputError;
    }
    std::string scenario = o.scenario;
    if (scenario.empty() && !all->empty()) {
      scenario = all->back().scenario_name;
      for (const store::RunSummary& r : *all)
        if (!ids.empty() && r.id == ids[0]) scenario = r.scenario_name;
    }
    std::vector<int64_t> same;
    for (const store::RunSummary& r : *all)
      if (r.scenario_name == scenario) same.push_back(r.id);
    if (ids.size() == 1) {
      // RUN_A alone: compared with the scenario's last run.
      if (!same.empty()) ids.push_back(same.back());
    } else if (same.size() >= 2) {
      ids = {same[same.size() - 2], same.back()};
    }
    if (ids.size() < 2) {
      print_error(core::Error(core::SourcePos(st->path()), "two runs of scenario " + core::quote_found(scenario) + " to compare",
                              std::to_string(same.size()) + " run(s)"));
      return kExitInputError;
    }
  }
  auto a = load_run(*st, ids[0]);
  if (!a) return kExitInputError;
  auto b = load_run(*st, ids[1]);
  if (!b) return kExitInputError;
  audit::RunDiff d = audit::diff_runs(*a, *b);
  auto fail_on = *audit::parse_fail_on(o.fail_on);
  // html: the report of run B with its change since run A (and B's scenario's history).
  audit::HtmlContext ctx;
  if (wants_html(*outputs)) {
    auto c = audit::html_context(*st, *b, ids[0]);
    if (!c) {
      print_error(c.error());
      return kExitInputError;
    }
    ctx = std::move(*c);
    ctx.diff_fail_on = fail_on;
  }
  bool ok = write_outputs(*outputs, [&](const Output& out, std::ostream& os) {
    if (out.format == "html")
      audit::render_html(*b, ctx, os);
    else
      os << audit::render_diff(d, *audit::parse_output_format(out.format), fail_on);
  });
  if (!ok) return kExitInputError;
  return d.fails(fail_on) ? kExitViolations : kExitClean;
}

int run_show(const StoreOptions& o) {
  auto outputs = parse_outputs(o.outputs, kRunFormats);
  if (!outputs) {
    print_error(outputs.error());
    return kExitInputError;
  }
  auto st = open_store(o.store, false);
  if (!st) return kExitInputError;
  auto run = load_run(*st, o.runs.at(0));
  if (!run) return kExitInputError;
  std::optional<audit::HtmlContext> ctx = audit::HtmlContext{};
  if (wants_html(*outputs)) ctx = load_html_context(*st, *run);
  if (!ctx) return kExitInputError;
  if (!write_outputs(*run, *outputs, *ctx)) return kExitInputError;
  return run->exit_code;
}

struct ReportOptions {
  std::string store = kDefaultStore;
  std::string scenario;
  std::vector<int64_t> runs;  // none: the last run (of the scenario)
  std::string output = "report.html";
};

int run_report(const ReportOptions& o) {
  if (o.output.empty()) {
    print_error(core::Error(core::SourcePos("-o"), "a file to write the report to, or -", "an empty path"));
    return kExitInputError;
  }
  auto outputs = parse_outputs({"html:" + o.output}, {"html"});
  if (!outputs) {
    print_error(outputs.error());
    return kExitInputError;
  }
  auto st = open_store(o.store, false);
  if (!st) return kExitInputError;
  int64_t id = o.runs.empty() ? 0 : o.runs[0];
  if (!id) {
    auto all = st->runs(o.scenario);
    if (!all) {
      print_error(all.error());
      return kExitInputError;
    }
    if (all->empty()) {
      print_error(core::Error(core::SourcePos(st->path()),
                              o.scenario.empty() ? "a run" : "a run of scenario " + core::quote_found(o.scenario),
                              "none"));
      return kExitInputError;
    }
    id = all->back().id;
  }
  auto run = load_run(*st, id);
  if (!run) return kExitInputError;
  auto ctx = load_html_context(*st, *run);
  if (!ctx) return kExitInputError;
  return write_outputs(*run, *outputs, *ctx) ? kExitClean : kExitInputError;
}

}  // namespace

void add_audit_commands(CLI::App& app, int& result) {
  CLI::App* audit =
      app.add_subcommand("audit", "Audit an estate: every check of a scenario in one run, with history and diffs");
  audit->require_subcommand(1);
  auto o = std::make_shared<RunOptions>();
  CLI::App* run = audit->add_subcommand(
      "run", "Run every check of a scenario (docs/audit.md) and write its outputs; exit 1 on findings at --fail-on");
  run->add_option("scenario", o->scenario, "Scenario TOML file")->required();
  run->add_option("-o,--output", o->outputs,
                  "FORMAT[:PATH]: an output (text, json, sarif, junit, html: the report, docs/report.md) to PATH or "
                  "standard output (repeatable; default text)")
      ->allow_extra_args(false);
  run->add_option("--fail-on", o->fail_on, "Exit 1 on an unsuppressed finding at or above this severity")
      ->check(CLI::IsMember({"error", "warning", "never"}))
      ->capture_default_str();
  run->add_flag("--no-suppressions", o->no_suppressions, "Audit mode: accepted risks suppress nothing");
  run->add_option("--as-of", o->as_of, "Judge as of this date (YYYY-MM-DD), overriding the scenario's as_of");
  run->add_option("--ieee-data", o->ieee_dir, "Directory with IEEE oui.csv/mam.csv/oui36.csv");
  run->add_flag("--no-ieee-data", o->no_ieee, "Do not load the IEEE MAC address registry");
  run->add_option("--store", o->store, "The run history (SQLite; default .cleannet/history.sqlite beside the scenario)");
  run->add_flag("--no-store", o->no_store, "Do not record the run");
  run->callback([o, &result] { result = run_audit(*o); });

  auto h = std::make_shared<StoreOptions>();
  CLI::App* history = audit->add_subcommand("history", "The runs in a store, with counts per line and severity");
  history->add_option("--store", h->store, "The run history (SQLite)")->capture_default_str();
  history->add_option("--scenario", h->scenario, "Only the runs of this scenario (its name)");
  history->add_option("--format", h->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  history->callback([h, &result] { result = run_history(*h); });

  auto d = std::make_shared<StoreOptions>();
  CLI::App* diff = audit->add_subcommand(
      "diff", "New, fixed, unchanged and changed-evidence findings between two runs (default: the last two of the scenario)");
  diff->add_option("runs", d->runs, "RUN_A [RUN_B] (run ids, see audit history)")->expected(0, 2);
  diff->add_option("--store", d->store, "The run history (SQLite)")->capture_default_str();
  diff->add_option("--scenario", d->scenario, "Compare the last two runs of this scenario (its name)");
  diff->add_option("--format", d->format, "Output format on standard output, without -o")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  diff->add_option("-o,--output", d->outputs,
                   "FORMAT[:PATH] (text, json, or html: the report of RUN_B with this change; repeatable)")
      ->allow_extra_args(false);
  diff->add_option("--fail-on", d->fail_on, "Exit 1 on a new unsuppressed finding at or above this severity")
      ->check(CLI::IsMember({"error", "warning", "never"}))
      ->capture_default_str();
  diff->callback([d, &result] { result = run_diff(*d); });

  auto s = std::make_shared<StoreOptions>();
  CLI::App* show = audit->add_subcommand("show", "A stored run in any output format, as audit run wrote it");
  show->add_option("run", s->runs, "The run id (see audit history)")->required()->expected(1);
  show->add_option("--store", s->store, "The run history (SQLite)")->capture_default_str();
  show->add_option("-o,--output", s->outputs,
                   "FORMAT[:PATH] (text, json, sarif, junit, html; repeatable; default text)")
      ->allow_extra_args(false);
  show->callback([s, &result] { result = run_show(*s); });

  auto r = std::make_shared<ReportOptions>();
  CLI::App* report = audit->add_subcommand(
      "report", "The HTML report of a stored run (docs/report.md): one self-contained file to open in a browser");
  report->add_option("run", r->runs, "The run id (default: the last run, of --scenario when given)")->expected(0, 1);
  report->add_option("--store", r->store, "The run history (SQLite)")->capture_default_str();
  report->add_option("--scenario", r->scenario, "The last run of this scenario (its name)");
  report->add_option("-o,--output", r->output, "The file to write (-: standard output, when not a terminal)")
      ->capture_default_str();
  report->callback([r, &result] { result = run_report(*r); });
}

}  // namespace cleannet::cli
