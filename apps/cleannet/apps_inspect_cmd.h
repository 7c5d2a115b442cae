// `cleannet apps inspect APK... [--classes] [--top N] [--format text|json|sarif]`: what an
// APK is (package, version, signing certificates, DEX files, classes) and which SDKs it
// embeds (Exodus Privacy signatures plus cleannet's own), each SDK's company and registry
// status. Exit 1 when an SDK, the package or a signing certificate resolves to an untrusted
// organisation under the policy (rule CN-APPS of clean-network).
#pragma once

#include <CLI/CLI.hpp>

namespace cleannet::cli {

void add_apps_inspect_commands(CLI::App& app, int& result);

}  // namespace cleannet::cli
