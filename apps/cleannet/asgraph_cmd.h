// `cleannet asgraph route`.
#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

void add_asgraph_commands(CLI::App& app, int& result);

}  // namespace cleannet::cli
