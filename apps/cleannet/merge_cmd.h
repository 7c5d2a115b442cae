#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

void add_merge_command(CLI::App& app, int& result);

}  // namespace cleannet::cli
