#include "cable_cmd.h"

#include <fstream>
#include <iostream>
#include <memory>

#include "cleannet/cable/run.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct CableOptions {
  CommonOptions common;
  cable::CableInputs in;
  std::string geojson_file;
};

int run_check(const CableOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  const bool geojson_out = o.common.format == "geojson";
  cable::CableInputs in = o.in;
  in.geojson = geojson_out || !o.geojson_file.empty();
  cable::CableRun run = cable::run_check(in, *c->resolver, c->policy, c->status_options);
  if (run.geojson && !o.geojson_file.empty()) {
    std::ofstream out(o.geojson_file);
    out << run.geojson->dump() << "\n";
    if (!out) {
      print_error(core::Error(core::SourcePos(o.geojson_file), "a writable file", "a write error"));
      return kExitInputError;
    }
  }
  if (geojson_out && run.geojson)
    std::cout << run.geojson->dump() << "\n";
  else
    report::print_check_report(std::cout, std::cerr, output_format(o.common.format), run.report,
                               "cleannet cable check");
  return report::exit_code(run.report);
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
  check->add_option("--data", o->in.data,
                    "Cable file: TeleGeography API v3 records as JSON Lines or a JSON array, plain or compressed; "
                    "- reads standard input (default: the bundled 2022-11-10 snapshot, CC BY-NC-SA 3.0)");
  check->add_option("--country", o->in.country,
                    "Report only this country (ISO 3166-1 alpha-2 code or name) and its cables");
  check->add_option("--to", o->in.to, "Target countries: ISO codes, names and the group EU, comma-separated")
      ->capture_default_str();
  check
      ->add_option("--without", o->in.without,
                   "Remove this cable (id or name) from the network: a cut or a ban (repeatable)")
      ->allow_extra_args(false);
  check->add_flag("--include-planned", o->in.include_planned, "Planned cables carry traffic too");
  check->add_option("--geojson", o->geojson_file, "Also write the cables coloured by verdict as GeoJSON to this file");
  add_common_options(check, o->common, {"text", "json", "sarif", "geojson"});
  check->callback([o, &result] { result = run_check(*o); });
}

}  // namespace cleannet::cli
