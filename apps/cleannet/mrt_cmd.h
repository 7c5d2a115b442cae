// `cleannet mrt dump FILE... [--keep-going]`: MRT files in bgpdump's -m format.
#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

void add_mrt_commands(CLI::App& app, int& result);

}  // namespace cleannet::cli
