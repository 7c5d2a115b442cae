#include "carrier_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/carrier/partial.h"
#include "cleannet/carrier/run.h"
#include "cleannet/shard/shard.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct CarrierOptions {
  CommonOptions common;
  carrier::CarrierInputs in;
  std::string partial_out, shard;
  bool strict = false;
};

// A part of the run (or all of it) as a partial: docs/scale.md. An MRT file that cannot be
// read is reported here and recorded in the partial, whose merge reports it again and ends
// as an input error; the shard itself succeeded (re-running it would not help), unless
// --strict asks for the file to fail it.
int run_partial(const CarrierOptions& o, const Context& c) {
  const size_t n = o.in.ribs.size() + o.in.updates.size();
  shard::ShardSpec spec;
  if (!o.shard.empty()) {
    auto s = shard::parse_shard(o.shard);
    if (!s) {
      print_error(s.error());
      return kExitInputError;
    }
    spec = *s;
  }
  auto p = carrier::run_partial(o.in, spec.positions(n), c, context_options(o.common, false), o.strict);
  if (!p) {
    print_error(p.error());
    return kExitInputError;
  }
  for (const auto& in : p->state["inputs"])
    if (in.contains("error")) {
      core::Error e;
      if (shard::error_from_json(o.partial_out, in["error"], e)) print_error(e);
    }
  if (auto st = shard::write_partial(o.partial_out, *p); !st) {
    print_error(st.error());
    return kExitInputError;
  }
  return kExitClean;
}

int run_check(const CarrierOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  if (!o.partial_out.empty()) return run_partial(o, *c);
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
  auto* partial_out = check->add_option(
      "--partial-out", o->partial_out,
      "Write the run's partial result to FILE instead of a report, for `cleannet merge` (docs/scale.md)");
  check
      ->add_option("--shard", o->shard,
                   "Read only shard I of N of the MRT files (every N-th from the I-th, 1-based); needs --partial-out")
      ->needs(partial_out);
  check->add_flag("--strict", o->strict, "With --partial-out: an MRT file that cannot be read fails the run");
  add_common_options(check, o->common, {"text", "json", "sarif"});
  check->callback([o, &result] { result = run_check(*o); });
}

}  // namespace cleannet::cli
