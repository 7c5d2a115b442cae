#include "cable_cmd.h"

#include <fstream>
#include <iostream>
#include <memory>

#include "cleannet/cable/cable.h"
#include "cleannet/cable/check.h"
#include "cleannet/cable/countries.h"
#include "cleannet/cable/routes.h"
#include "cleannet/report/render.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct CableOptions {
  CommonOptions common;
  std::string data;  // empty: bundled
  std::string country;
  std::string to = "US";
  std::vector<std::string> without;
  bool include_planned = false;
  std::string geojson_file;
};

int run_check(const CableOptions& o) {
  cable::CheckOptions copt;
  auto targets = cable::expand_country_set(o.to, "--to");
  if (!targets) {
    print_error(targets.error());
    return kExitInputError;
  }
  copt.targets = *targets;
  copt.targets_label = o.to;
  if (!o.country.empty()) {
    auto code = cable::country_code(o.country);
    if (!code) {
      print_error(core::Error(core::SourcePos("--country"), "an ISO 3166-1 alpha-2 code or a country name",
                              core::quote_found(o.country)));
      return kExitInputError;
    }
    copt.country = *code;
  }
  copt.without = o.without;
  copt.include_planned = o.include_planned;
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  auto set = o.data.empty() ? cable::bundled_cables() : cable::read_cables_file(o.data);
  if (!set) {
    print_error(set.error());
    return kExitInputError;
  }
  cable::CableCheck check(*set, *c->resolver, c->policy, c->status_options, copt);
  if (auto st = check.run(); !st) {
    print_error(st.error());
    return kExitInputError;
  }
  const std::string& fmt = o.common.format;
  report::Json routes = report::Json::object();
  if (fmt == "geojson" || !o.geojson_file.empty()) {
    auto r = cable::bundled_routes();
    if (!r) {
      print_error(r.error());
      return kExitInputError;
    }
    routes = std::move(*r);
  }
  if (!o.geojson_file.empty()) {
    std::ofstream out(o.geojson_file);
    out << check.geojson(routes).dump() << "\n";
    if (!out) {
      print_error(core::Error(core::SourcePos(o.geojson_file), "a writable file", "a write error"));
      return kExitInputError;
    }
  }
  auto findings = check.findings();
  if (fmt == "geojson") {
    std::cout << check.geojson(routes).dump() << "\n";
  } else {
    print_check_report(
        fmt, findings, "cleannet cable check", [&] { return check.json(); },
        [&] {
          std::cout << "cable check of " << set->source << " (" << set->cables.size() << " cables); policy "
                    << c->policy.name << ", as of " << c->status_options.as_of.to_string() << "; to " << o.to
                    << (o.include_planned ? "; planned cables included" : "; planned cables carry no traffic") << "\n";
          if (set->source == cable::kBundledName) std::cout << cable::kAttribution << "\n";
          std::cout << check.text();
        });
  }
  return check.violations() ? kExitViolations : kExitClean;
}

}  // namespace

void add_cable_commands(CLI::App& app, int& result) {
  CLI::App* cable = app.add_subcommand("cable", "Clean Cable: submarine cables with untrusted suppliers or owners");
  cable->require_subcommand(1);
  auto o = std::make_shared<CableOptions>();
  CLI::App* check = cable->add_subcommand(
      "check",
      "Judge each cable's suppliers and owners, and which countries keep a clean cable connection to a set of "
      "countries (with the smallest cable cuts)");
  check->add_option("--data", o->data,
                    "Cable file: TeleGeography API v3 records as JSON Lines or a JSON array, plain or compressed; "
                    "- reads standard input (default: the bundled 2022-11-10 snapshot, CC BY-NC-SA 3.0)");
  check->add_option("--country", o->country,
                    "Report only this country (ISO 3166-1 alpha-2 code or name) and its cables");
  check->add_option("--to", o->to, "Target countries: ISO codes, names and the group EU, comma-separated")
      ->capture_default_str();
  check
      ->add_option("--without", o->without,
                   "Remove this cable (id or name) from the network: a cut or a ban (repeatable)")
      ->allow_extra_args(false);
  check->add_flag("--include-planned", o->include_planned, "Planned cables carry traffic too");
  check->add_option("--geojson", o->geojson_file, "Also write the cables coloured by verdict as GeoJSON to this file");
  add_common_options(check, o->common, {"text", "json", "sarif", "geojson"});
  check->callback([o, &result] { result = run_check(*o); });
}

}  // namespace cleannet::cli
