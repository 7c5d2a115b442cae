// `cleannet trace check FILE... --rib FILE|--pfx2as FILE [--ixp FILE] [--as-names FILE]`:
// whose networks measured traffic crossed, trace by trace (docs/trace.md).
#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

void add_trace_commands(CLI::App& app, int& result);

}  // namespace cleannet::cli
