#include "apps_cmd.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

#include "cleannet/apps/apk.h"
#include "cleannet/apps/catalogue.h"
#include "cleannet/apps/check.h"
#include "cleannet/apps/sdk.h"
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

bool is_zip(std::string_view head) {
  return head.size() >= 4 && head.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

// The SDK signatures, compiled on the first APK only (catalogues and lists do not need them).
struct SdkTools {
  std::optional<apps::SdkCatalog> catalog;
  std::optional<apps::SdkMatcher> matcher;
};

// An APK: its package and its verified signers' certificates judged as the publisher, each
// embedded SDK (Exodus signatures and cleannet's additions) attributed to its company's
// organisation.
bool add_apk(const std::string& name, core::Result<apps::Apk> apk, SdkTools& sdk, apps::AppsCheck& check) {
  if (!apk) {
    print_error(apk.error());
    return false;
  }
  if (!sdk.catalog) {
    auto cat = apps::SdkCatalog::bundled();
    if (!cat) {
      print_error(cat.error());
      return false;
    }
    sdk.catalog = std::move(*cat);
    auto m = apps::SdkMatcher::compile(*sdk.catalog);
    if (!m) {
      print_error(m.error());
      return false;
    }
    sdk.matcher = std::move(*m);
  }
  apps::AppSet set;
  set.kind = apps::SetKind::kCatalogue;
  set.format = "apk";
  set.file = name;
  apps::AppEntry e;
  e.package = apk->manifest.package;
  e.pos = core::SourcePos(name);
  for (const apps::SigningCertificate& c : apk->certificates) {
    std::string hex;
    for (char ch : c.sha256) hex += static_cast<char>(ch >= 'a' && ch <= 'f' ? ch - 32 : ch);
    if (std::find(e.certificates.begin(), e.certificates.end(), hex) == e.certificates.end())
      e.certificates.push_back(hex);
  }
  set.apps.push_back(std::move(e));
  check.add(std::move(set));
  for (const apps::SdkMatch& m : sdk.matcher->match(apk->classes)) {
    const apps::SdkTracker& t = sdk.catalog->trackers()[m.tracker];
    std::string detail = std::to_string(m.classes) + " class(es) matched " + t.key + " signature(s) ";
    for (size_t i = 0; i < m.signatures.size(); ++i) detail += (i ? ", " : "") + m.signatures[i];
    detail += ", e.g. ";
    for (size_t i = 0; i < m.examples.size(); ++i) detail += (i ? ", " : "") + m.examples[i];
    if (!t.organisation.empty()) {
      check.add_sdk(t.name, t.organisation, detail);
    } else if (!t.company.empty()) {
      check.add_sdk(t.name, t.company, detail);
    } else {
      bool attributed = false;
      for (const std::string& sig : m.signatures)
        if ((attributed = check.add_sdk_by_signature(t.name, sig, detail))) break;
      if (!attributed) check.note_sdk(t.name);
    }
  }
  return true;
}

int run_check(const AppsCheckOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  apps::CheckOptions copt;
  copt.device_maker = o.device;
  apps::AppsCheck check(*c->resolver, c->policy, c->status_options, copt);
  SdkTools sdk;
  // Each readable input gets its result, each unreadable one its error; any error makes the
  // run exit 2.
  bool failed = false;
  size_t readable = 0;
  for (const std::string& p : o.paths) {
    auto in = core::Input::open(p);
    if (!in) {
      print_error(in.error());
      failed = true;
      continue;
    }
    if (ends_with(p, ".apk")) {
      if (add_apk(p, apps::inspect_apk_file(p), sdk, check))
        ++readable;
      else
        failed = true;
      continue;
    }
    auto text = in->read_all(apps::kMaxAppInputBytes);
    if (!text) {
      print_error(text.error());
      failed = true;
      continue;
    }
    if (is_zip(*text)) {  // an APK under another name, or on standard input
      if (add_apk(in->name(), apps::inspect_apk(in->name(), *text), sdk, check))
        ++readable;
      else
        failed = true;
      continue;
    }
    auto mem = core::Input::from_memory(in->name(), *text);
    if (!mem) {
      print_error(mem.error());
      failed = true;
      continue;
    }
    auto set = apps::read_app_set(std::move(*mem));
    if (!set) {
      print_error(set.error());
      failed = true;
      continue;
    }
    check.add(std::move(*set));
    ++readable;
  }
  // Nothing readable: the errors are the whole answer.
  if (readable == 0 && failed) return kExitInputError;
  auto findings = check.findings();
  print_check_report(
      o.common.format, findings, "cleannet apps check",
      [&] {
        report::Json j = check.json();
        j["as_of"] = c->status_options.as_of.to_string();
        return j;
      },
      [&] {
        std::cout << check_title("apps check", o.paths, *c);
        std::cout << check.verdict_lines();
        for (const auto& f : findings) std::cout << report::render_finding_text(f);
        std::cout << check.summary_text();
      });
  if (failed) return kExitInputError;
  return check.violations() ? kExitViolations : kExitClean;
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
