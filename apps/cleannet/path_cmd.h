// `cleannet path check`.
#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

void add_path_commands(CLI::App& app, int& result);

}  // namespace cleannet::cli
