// `cleannet apps inspect APK...`: apps::inspect_apks (apps/inspect.h) rendered. Each
// unreadable APK is reported on stderr and makes the run exit 2; the others are reported.
#include "apps_inspect_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/apps/inspect.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct InspectOptions {
  CommonOptions common;
  apps::InspectInputs in;
};

int run_inspect(const InspectOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  auto r = apps::inspect_apks(o.in, *c->resolver, c->registry, c->policy, c->status_options);
  if (!r) {
    print_error(r.error());
    return kExitInputError;
  }
  for (const core::Error& e : r->errors) print_error(e);
  // Nothing readable: the errors are the whole answer.
  if (r->readable == 0 && !r->errors.empty()) return kExitInputError;
  report::print_check_report(std::cout, output_format(o.common.format), r->report, "cleannet apps inspect",
                             [&](std::ostream& out) { out << r->text; });
  if (!r->errors.empty()) return kExitInputError;
  return r->violation ? kExitViolations : kExitClean;
}

}  // namespace

void add_apps_inspect_commands(CLI::App& app, int& result) {
  // Both apps helpers add verbs under one noun: take it if the other file made it first.
  // (CLI11 2.3 in Debian 12 has no get_subcommand_no_throw: filter the subcommands by name.)
  auto found = app.get_subcommands([](CLI::App* s) { return s->get_name() == "apps"; });
  CLI::App* apps = found.empty() ? nullptr : found.front();
  if (!apps) {
    apps = app.add_subcommand("apps", "Clean Store / Clean Apps: APKs, the SDKs they embed, app catalogues");
    apps->require_subcommand(1);
  }
  auto o = std::make_shared<InspectOptions>();
  CLI::App* inspect = apps->add_subcommand(
      "inspect", "Inspect APK files: package, version, signing certificates, classes and the SDKs they embed");
  inspect->add_option("apks", o->in.paths, "APK files")->required();
  inspect->add_flag("--classes", o->in.classes, "List every class name (dotted form, DEX order)");
  inspect->add_option("--top", o->in.top, "How many class prefixes to show")->capture_default_str();
  inspect->add_option("--examples", o->in.examples, "Example classes per SDK")->capture_default_str();
  add_common_options(inspect, o->common, {"text", "json", "sarif"});
  inspect->callback([o, &result] { result = run_inspect(*o); });
}

}  // namespace cleannet::cli
