// What every `cleannet` command shares: the common options (--format, --as-of,
// --registry, --policy, --ieee-data) and the loaded registry, IEEE data, resolver and
// policy built from them. Input problems become messages on stderr and exit code 2.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cleannet/asgraph/directory.h"
#include "cleannet/report/check_report.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"
#include "cleannet/trust/ieee_oui.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::cli {

inline constexpr int kExitClean = 0;
inline constexpr int kExitViolations = 1;
inline constexpr int kExitInputError = 2;

struct CommonOptions {
  std::string format = "text";
  std::string as_of;
  std::vector<std::string> registries;
  std::string policy = "clean-network";
  std::string ieee_dir;  // empty: $CLEANNET_IEEE_DATA or /usr/share/ieee-data, if present
  bool no_ieee = false;
  bool no_bundled = false;
};

// Adds the options to a subcommand; `formats` lists what --format accepts there.
void add_common_options(CLI::App* app, CommonOptions& o, const std::vector<std::string>& formats,
                        bool with_policy = true);

struct Context {
  trust::Registry registry;
  std::unique_ptr<trust::IeeeOuiRegistry> ieee;
  std::unique_ptr<trust::Resolver> resolver;
  trust::Policy policy;
  trust::StatusOptions status_options;
  std::string ieee_note;                  // why IEEE data is absent, when it is
  std::string ieee_dir;                   // loaded on the first MAC lookup (see Resolver)
  std::optional<core::Error> ieee_error;  // set when that load failed: the run ends with exit 2
};

// Loads everything; prints the problem and returns null on bad input.
std::unique_ptr<Context> load_context(const CommonOptions& o, bool need_ieee);

void print_error(const core::Error& e);

// --format's value as the report printer's format (report/check_report.h); text for
// formats a command handles itself (cable's geojson).
report::Format output_format(const std::string& format);
// A check's report on stdout through the one report printer (report::print_check_report):
// "json" the object `json()` builds with the findings added last, "sarif" the findings as a
// SARIF run of `command` ("cleannet cloud check"), text what `text()` prints.
void print_check_report(const std::string& format, const std::vector<report::Finding>& findings,
                        const std::string& command, const std::function<report::Json()>& json,
                        const std::function<void()>& text);
// The first line of a check's text report on files: "cloud check of a.tf b.csv; policy
// clean-network, as of 2025-01-01".
std::string check_title(const std::string& command, const std::vector<std::string>& paths, const Context& c);

// The AS directory of --as2org, else of --as-names (nullopt when neither is given), or the
// error of the bad input.
core::Result<std::optional<asgraph::AsDirectory>> read_as_directory(const std::string& as_names,
                                                                    const std::string& as2org);
// The same into `directory`; prints the problem and returns false on bad input.
bool load_as_directory(const std::string& as_names, const std::string& as2org,
                       std::optional<asgraph::AsDirectory>& directory);

}  // namespace cleannet::cli
