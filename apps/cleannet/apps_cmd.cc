#include "apps_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/apps/catalogue.h"
#include "cleannet/apps/check.h"
#include "cleannet/report/render.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct AppsCheckOptions {
  CommonOptions common;
  std::vector<std::string> paths;
  std::string device;
};

bool ends_with(const std::string& s, std::string_view x) {
  return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}

int run_check(const AppsCheckOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  apps::CheckOptions copt;
  copt.device_maker = o.device;
  apps::AppsCheck check(*c->resolver, c->policy, c->status_options, copt);
  for (const std::string& p : o.paths) {
    auto in = core::Input::open(p);
    if (!in) {
      print_error(in.error());
      return kExitInputError;
    }
    if (ends_with(p, ".apk")) {
      print_error(core::Error(core::SourcePos(p), "a catalogue or a device list (APK inspection is not in this build)",
                              "an APK"));
      return kExitInputError;
    }
    auto set = apps::read_app_set(std::move(*in));
    if (!set) {
      print_error(set.error());
      return kExitInputError;
    }
    check.add(std::move(*set));
  }
  auto findings = check.findings();
  const std::string& fmt = o.common.format;
  if (fmt == "json") {
    report::Json j = check.json();
    j["as_of"] = c->status_options.as_of.to_string();
    j["findings"] = report::render_findings_json(findings);
    std::cout << j.dump(2) << "\n";
  } else if (fmt == "sarif") {
    std::cout << report::render_sarif(findings, {"cleannet apps check"}).dump(2) << "\n";
  } else {
    std::cout << "apps check of";
    for (const std::string& p : o.paths) std::cout << " " << p;
    std::cout << "; policy " << c->policy.name << ", as of " << c->status_options.as_of.to_string() << "\n";
    std::cout << check.verdict_lines();
    for (const auto& f : findings) std::cout << report::render_finding_text(f);
    std::cout << check.summary_text();
  }
  return check.untrusted_found() ? kExitViolations : kExitClean;
}

}  // namespace

void add_apps_check_command(CLI::App& app, int& result) {
  // The `apps` noun is shared with `apps inspect`: whichever registers first creates it.
  CLI::App* apps = app.get_subcommand_no_throw("apps");
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
