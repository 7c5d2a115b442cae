// `cleannet audit run SCENARIO [--store DB] [-o FORMAT:PATH]... [--fail-on error|warning|never]
// [--no-suppressions]`, `audit history`, `audit diff`, `audit show`: one scenario for a whole
// estate, with its run history (audit/).
#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

void add_audit_commands(CLI::App& app, int& result);

}  // namespace cleannet::cli
