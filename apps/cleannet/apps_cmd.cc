#include "apps_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/apps/check.h"
#include "cleannet/apps/check_inputs.h"
#include "cleannet/report/render.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct AppsCheckOptions {
  CommonOptions common;
  std::vector<std::string> paths;
  std::string device;
};

int run_check(const AppsCheckOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  apps::CheckOptions copt;
  copt.device_maker = o.device;
  report::CheckReport r = apps::run_check(o.paths, *c->resolver, c->policy, c->status_options, copt);
  report::print_check_report(std::cout, std::cerr, output_format(o.common.format), r, "cleannet apps check");
  return report::exit_code(r);
}

}  // namespace

void add_apps_check_command(CLI::App& app, int& result) {
  // The `apps` noun is shared with `apps inspect`: whichever registers first creates it.
  // (CLI11 2.3 of Debian 12 has no get_subcommand_no_throw.)
  CLI::App* apps = nullptr;
  for (CLI::App* s : app.get_subcommands([](CLI::App* a) { return a->get_name() == "apps"; })) apps = s;
  if (!apps) {
    apps = app.add_subcommand("apps", "Clean Store / Clean Apps: app catalogues, device package lists and APKs");
    apps->require_subcommand(1);
  }
  auto o = std::make_shared<AppsCheckOptions>();
  CLI::App* check = apps->add_subcommand(
      "check",
      "Judge apps by publisher (package, developer name, signing certificate) and embedded SDKs, and a device's maker");
  check
      ->add_option("paths", o->paths,
                   "F-Droid index-v1/v2 JSON, app CSV, pm list packages output (plain or Markdown), UAD list JSON, "
                   "APK; - reads standard input (format by content)")
      ->required();
  check->add_option("--device", o->device,
                    "Maker of the device the package lists come from (default: the dominant maker package prefix)");
  add_common_options(check, o->common, {"text", "json", "sarif"});
  check->callback([o, &result] { result = run_check(*o); });
}

}  // namespace cleannet::cli
