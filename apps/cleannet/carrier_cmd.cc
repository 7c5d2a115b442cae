#include "carrier_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/carrier/run.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct CarrierOptions {
  CommonOptions common;
  carrier::CarrierInputs in;
};

int run_check(const CarrierOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  report::CheckReport r = carrier::run_check(o.in, *c->resolver, c->policy, c->status_options);
  report::print_check_report(std::cout, std::cerr, output_format(o.common.format), r, "cleannet carrier check");
  return report::exit_code(r);
}

}  // namespace

void add_carrier_commands(CLI::App& app, int& result) {
  CLI::App* carrier =
      app.add_subcommand("carrier", "Clean Carrier: interconnection with and transit through untrusted carriers");
  carrier->require_subcommand(1);
  auto o = std::make_shared<CarrierOptions>();
  CLI::App* check = carrier->add_subcommand(
      "check",
      "Direct interconnections, observed and inferred routes through untrusted carriers, for a network's ASes");
  check->add_option("--asn", o->in.asns, "An AS of the network (repeatable; the first is used for inference)")
      ->required();
  check->add_option("--prefix", o->in.prefixes,
                    "A prefix of the network (repeatable; its ASes' originated prefixes count anyway)");
  check->add_option("--rib", o->in.ribs, "MRT RIB dump (TABLE_DUMP or TABLE_DUMP_V2; gz/bz2/xz/zstd; repeatable)");
  check->add_option("--updates", o->in.updates, "MRT update stream (BGP4MP, BGP4MP_ET; repeatable)");
  check->add_option("--as-rel", o->in.as_rel, "CAIDA AS relationships (as-rel or as-rel2)");
  check->add_option("--as-names", o->in.as_names,
                    "AS number -> name/country list, for attribution by name and countries");
  check->add_option("--as2org", o->in.as2org, "CAIDA as2org file (instead of --as-names)");
  check
      ->add_option("--max-destinations", o->in.max_destinations,
                   "Destinations for inferred outbound routes (the largest originators first)")
      ->capture_default_str();
  check->add_flag("--keep-going", o->in.keep_going, "Read past damaged records and report what was skipped");
  add_common_options(check, o->common, {"text", "json", "sarif"});
  check->callback([o, &result] { result = run_check(*o); });
}

}  // namespace cleannet::cli
