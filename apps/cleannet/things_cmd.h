// `cleannet things scan`: Clean Things, devices found on a network by their MAC addresses.
#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

void add_things_commands(CLI::App& app, int& result);

}  // namespace cleannet::cli
