// `cleannet cable check [--data FILE] [--country XX] [--to US,EU] [--without CABLE]...
// [--include-planned] [--format text|json|sarif|geojson] [--geojson FILE]`: Clean Cable
// check of submarine cable data (default: the bundled TeleGeography snapshot).
#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

void add_cable_commands(CLI::App& app, int& result);

}  // namespace cleannet::cli
