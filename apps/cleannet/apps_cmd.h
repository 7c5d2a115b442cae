// `cleannet apps check PATH... [--device MAKER] [--policy NAME] [--as-of DATE]
// [--format text|json|sarif]`: Clean Store / Clean Apps check of app catalogues (F-Droid
// index v1/v2, CSV), device package lists (pm list packages output, plain or in Markdown;
// the Universal Android Debloater list) and APK files.
#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

void add_apps_check_command(CLI::App& app, int& result);

}  // namespace cleannet::cli
