// `cleannet cloud check PATH... [--policy NAME] [--data-class-tag NAME]
// [--assume-data-class CLASS] [--format text|json|sarif]`: Clean Cloud check of Terraform
// configuration (.tf, directories walked), Terraform state and show -json output, and asset
// inventories (CSV, JSON).
#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

void add_cloud_commands(CLI::App& app, int& result);

}  // namespace cleannet::cli
