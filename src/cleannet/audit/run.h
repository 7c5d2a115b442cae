// `audit run` without the command line: every check of a scenario run through the library
// (independent checks at once), the inputs recorded with their SHA-256, the accepted risks
// applied, the compliance view counted, and the exit code decided. The result is what the
// store keeps and what every output format renders (audit/render.h), so a stored run renders
// again byte for byte.
//
//   auto s = load_scenario("acme/scenario.toml");
//   RunOptions o;  o.fail_on = FailOn::kWarning;
//   auto run = run_audit(*s, o);            // an error: the registry, policy or suppressions
//   std::cout << render(*run, OutputFormat::kText);
//   return run->exit_code;                  // 2 when a check's input failed
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/audit/scenario.h"
#include "cleannet/audit/suppressions.h"
#include "cleannet/core/result.h"
#include "cleannet/report/check_report.h"

namespace cleannet::audit {

enum class FailOn { kError, kWarning, kNever };
std::optional<FailOn> parse_fail_on(std::string_view s);
const char* fail_on_name(FailOn f);

struct CheckResult;

// Whether a finding decides a failing exit code: unsuppressed, at or above `on`.
bool fails(const report::Finding& f, FailOn on);

struct RunOptions {
  FailOn fail_on = FailOn::kError;
  bool suppressions = true;  // false: audit mode, every finding counts
  std::string as_of;         // YYYY-MM-DD overriding the scenario's; empty: the scenario's, else today
  std::string ieee_dir;      // overriding the scenario's ieee_data
  bool no_ieee = false;
  // Called as each check ends (from the thread that ran it, one call at a time), with the
  // number of checks ended so far: the command's progress line.
  std::function<void(const CheckResult&, size_t done, size_t total)> progress;
};

struct InputFile {
  std::string role;  // scenario, policy, registry, suppressions, or the check's name
  std::string path;  // as the scenario resolves it; "bundled:<name>" for bundled data
  uint64_t size = 0;
  std::string sha256;
};

struct CheckResult {
  std::string name, kind, line, command;
  // The findings (each marked when an accepted risk suppresses it), the check's JSON summary
  // and text. Its errors (inputs that could not be read) make the run an input error.
  report::CheckReport report;
  double seconds = 0;
};

struct AuditRun {
  int64_t id = 0;  // in the store; 0 when not stored
  std::string scenario_name, scenario_path, scenario_sha256, scenario_text;
  std::string policy, policy_sha256, as_of, version, started, ended;
  FailOn fail_on = FailOn::kError;
  bool suppressions_applied = true;
  std::vector<InputFile> inputs;
  std::vector<CheckResult> checks;
  report::Json suppressions;  // to_json(SuppressionOutcome): counts, expired, pending, stale entries; null: none applied
  report::Json compliance = report::Json::array();  // audit/compliance.h to_json
  std::string compliance_text;
  int exit_code = 0;

  // The findings that decide the exit code: unsuppressed, at or above fail_on.
  std::vector<const report::Finding*> failing() const;
};

// Runs the scenario. The error is what stops the run before any check runs: the registry,
// policy or suppressions file. A check whose inputs fail still reports (its errors are in
// its report) and the run's exit code is then 2.
core::Result<AuditRun> run_audit(const Scenario& scenario, const RunOptions& options);

// SHA-256 of a file as 64 hex digits, with its size; a folder is each regular file under it.
core::Result<InputFile> hash_file(const std::string& role, const std::string& path);

}  // namespace cleannet::audit
