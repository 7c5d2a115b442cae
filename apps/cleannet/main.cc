// cleannet: `cleannet <noun> <verb>`. Exit codes: 0 clean, 1 violations or untrusted
// found, 2 usage or input error.
#include <CLI/CLI.hpp>
#include <iostream>

#include "apps_inspect_cmd.h"
#include "asgraph_cmd.h"
#include "cable_cmd.h"
#include "carrier_cmd.h"
#include "cleannet/report/render.h"
#include "cloud_cmd.h"
#include "context.h"
#include "merge_cmd.h"
#include "mrt_cmd.h"
#include "path_cmd.h"
#include "policy_cmd.h"
#include "registry_cmd.h"
#include "things_cmd.h"
#include "trace_cmd.h"
#include "apps_cmd.h"
#include "audit_cmd.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app{"cleannet: check the Clean Network trust framework on real data", "cleannet"};
  app.set_version_flag("--version", std::string(cleannet::report::kToolVersion));
  app.require_subcommand(1);
  int result = cleannet::cli::kExitClean;
  cleannet::cli::add_registry_commands(app, result);
  cleannet::cli::add_policy_commands(app, result);
  cleannet::cli::add_path_commands(app, result);
  cleannet::cli::add_asgraph_commands(app, result);
  cleannet::cli::add_things_commands(app, result);
  cleannet::cli::add_mrt_commands(app, result);
  cleannet::cli::add_carrier_commands(app, result);
  cleannet::cli::add_cloud_commands(app, result);
  cleannet::cli::add_trace_commands(app, result);
  cleannet::cli::add_cable_commands(app, result);
  cleannet::cli::add_apps_check_command(app, result);
  cleannet::cli::add_apps_inspect_commands(app, result);
  cleannet::cli::add_audit_commands(app, result);
  cleannet::cli::add_merge_command(app, result);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cleannet::cli::kExitInputError;
  }
  return result;
}
