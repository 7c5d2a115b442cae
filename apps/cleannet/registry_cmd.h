// `cleannet registry lookup|show|check|export`.
#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

// Registers the subcommands; `result` receives the exit code of the one that ran.
void add_registry_commands(CLI::App& app, int& result);

}  // namespace cleannet::cli
