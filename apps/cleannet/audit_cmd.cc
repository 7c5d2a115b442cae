#include "audit_cmd.h"

#include <fstream>
#include <iostream>
#include <memory>

#include "cleannet/audit/render.h"
#include "cleannet/audit/run.h"
#include "cleannet/audit/scenario.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct Output {
  audit::OutputFormat format;
  std::string path;  // "-": standard output
};

// "-o FORMAT[:PATH]" values; the error names the value.
core::Result<std::vector<Output>> parse_outputs(const std::vector<std::string>& values) {
  std::vector<Output> out;
  for (const std::string& v : values) {
    size_t colon = v.find(':');
    std::string f = v.substr(0, colon);
    auto format = audit::parse_output_format(f);
    if (!format || (colon != std::string::npos && colon + 1 == v.size()))
      return core::Error(core::SourcePos("-o"), "FORMAT or FORMAT:PATH with FORMAT text, json, sarif or junit",
                         core::quote_found(v));
    out.push_back({*format, colon == std::string::npos ? "-" : v.substr(colon + 1)});
  }
  if (out.empty()) out.push_back({audit::OutputFormat::kText, "-"});
  return out;
}

// Writes every output; false (after saying why) when one cannot be written.
bool write_outputs(const audit::AuditRun& run, const std::vector<Output>& outputs) {
  bool ok = true;
  for (const Output& o : outputs) {
    std::string text = audit::render(run, o.format);
    if (o.path == "-") {
      std::cout << text << std::flush;
      continue;
    }
    std::ofstream f(o.path, std::ios::binary);
    f << text;
    f.close();
    if (!f) {
      print_error(core::Error(core::SourcePos(o.path), "a writable file for -o", "a write error"));
      ok = false;
    }
  }
  return ok;
}

struct RunOptions {
  std::string scenario;
  std::vector<std::string> outputs;
  std::string fail_on = "error";
  bool no_suppressions = false;
  std::string as_of;
  std::string ieee_dir;
  bool no_ieee = false;
};

int run_audit(const RunOptions& o) {
  auto outputs = parse_outputs(o.outputs);
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
  auto run = audit::run_audit(*scenario, ro);
  if (!run) {
    print_error(run.error());
    return kExitInputError;
  }
  for (const audit::CheckResult& c : run->checks) {
    for (const core::Error& e : c.report.errors) print_error(e);
    for (const std::string& n : c.report.notes) std::cerr << n << "\n";
  }
  if (!write_outputs(*run, *outputs)) return kExitInputError;
  return run->exit_code;
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
                  "FORMAT[:PATH]: an output (text, json, sarif, junit) to PATH or standard output (repeatable; "
                  "default text)")
      ->allow_extra_args(false);
  run->add_option("--fail-on", o->fail_on, "Exit 1 on an unsuppressed finding at or above this severity")
      ->check(CLI::IsMember({"error", "warning", "never"}))
      ->capture_default_str();
  run->add_flag("--no-suppressions", o->no_suppressions, "Audit mode: accepted risks suppress nothing");
  run->add_option("--as-of", o->as_of, "Judge as of this date (YYYY-MM-DD), overriding the scenario's as_of");
  run->add_option("--ieee-data", o->ieee_dir, "Directory with IEEE oui.csv/mam.csv/oui36.csv");
  run->add_flag("--no-ieee-data", o->no_ieee, "Do not load the IEEE MAC address registry");
  run->callback([o, &result] { result = run_audit(*o); });
}

}  // namespace cleannet::cli
