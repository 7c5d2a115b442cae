// `cleannet carrier check --asn N [--rib FILE...] [--updates FILE...] [--as-rel FILE]
// [--as-names FILE | --as2org FILE]`: Clean Carrier exposure of a network.
#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

void add_carrier_commands(CLI::App& app, int& result);

}  // namespace cleannet::cli
