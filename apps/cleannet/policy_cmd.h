// `cleannet policy show|list`.
#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

void add_policy_commands(CLI::App& app, int& result);

}  // namespace cleannet::cli
