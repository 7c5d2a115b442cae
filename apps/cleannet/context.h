// What every `cleannet` command shares: the common options (--format, --as-of,
// --registry, --policy, --ieee-data) and the loaded registry, IEEE data, resolver and
// policy built from them. Input problems become messages on stderr and exit code 2.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cleannet/report/check_report.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"
#include "cleannet/trust/context.h"
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

using Context = trust::Context;

// The library's options for the common options.
trust::ContextOptions context_options(const CommonOptions& o, bool need_ieee);

// Loads everything; prints the problem and returns null on bad input.
std::unique_ptr<Context> load_context(const CommonOptions& o, bool need_ieee);
// The same from the library's options.
std::unique_ptr<Context> load_trust_context(const trust::ContextOptions& o);

void print_error(const core::Error& e);

// --format's value as the report printer's format (report/check_report.h); text for
// formats a command handles itself (cable's geojson).
report::Format output_format(const std::string& format);

}  // namespace cleannet::cli
