#include "carrier_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/asgraph/directory.h"
#include "cleannet/asgraph/graph.h"
#include "cleannet/asgraph/relationships.h"
#include "cleannet/carrier/check.h"
#include "cleannet/carrier/routes.h"
#include "cleannet/report/render.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct CarrierOptions {
  CommonOptions common;
  std::vector<std::string> asns, prefixes, ribs, updates;
  std::string as_rel, as_names, as2org;
  size_t max_destinations = 1000;
  bool keep_going = false;
};

// Reads one MRT file into the check; false after printing its error. With --keep-going,
// damaged records are read as bgpdump reads them and a cut end stops the file: both are
// reported here.
bool read_mrt(const std::string& path, carrier::CarrierCheck& check, bool keep_going) {
  auto f = carrier::read_routes(path, check, keep_going);
  if (!f) {
    print_error(f.error());
    return false;
  }
  if (f->mrt.cut) {
    print_error(*f->mrt.cut);
    std::cerr << f->mrt.name << ": --keep-going: every complete record before it was read; the " << f->mrt.unread_bytes
              << " byte(s) from there to the end were not\n";
  }
  if (f->mrt.damaged)
    std::cerr << f->mrt.name << ": --keep-going: " << f->mrt.damaged
              << " damaged record(s) read as bgpdump reads them\n";
  return true;
}

std::optional<uint32_t> parse_asn(std::string_view s) {
  if (s.size() > 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's')) s.remove_prefix(2);
  return asgraph::parse_asn_decimal(s);
}

int run_check(const CarrierOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  carrier::Options opt;
  for (const std::string& a : o.asns) {
    auto asn = parse_asn(a);
    if (!asn) {
      print_error(core::Error(core::SourcePos("--asn"), "an AS number such as 3356 or AS3356", core::quote_found(a)));
      return kExitInputError;
    }
    opt.asns.push_back(*asn);
  }
  for (const std::string& p : o.prefixes) {
    auto prefix = core::parse_prefix(p, true);
    if (!prefix) {
      print_error(core::Error(core::SourcePos("--prefix"), "a prefix such as 192.0.2.0/24 with no host bits set",
                              core::quote_found(p)));
      return kExitInputError;
    }
    opt.prefixes.push_back(*prefix);
  }
  if (opt.asns.empty()) {
    print_error(core::Error(core::SourcePos("--asn"), "at least one AS of the network", "none"));
    return kExitInputError;
  }
  if (o.ribs.empty() && o.updates.empty() && o.as_rel.empty()) {
    print_error(core::Error(core::SourcePos("carrier check"),
                            "data to check the network against (--rib, --updates or --as-rel)", "none"));
    return kExitInputError;
  }
  std::optional<asgraph::AsDirectory> directory;
  if (!load_as_directory(o.as_names, o.as2org, directory)) return kExitInputError;
  asgraph::AsAttributor attributor(*c->resolver, directory ? &*directory : nullptr);
  asgraph::AsJudge judge(attributor, c->registry, c->policy, c->status_options, carrier::kLine);
  carrier::CarrierCheck check(opt, judge);
  // The relationships are read before the (much larger) MRT files, so that a bad file
  // stops the run before minutes of reading, not after.
  std::optional<asgraph::AsGraph> g;
  if (!o.as_rel.empty()) {
    auto rels = asgraph::read_relationships_file(o.as_rel);
    if (!rels) {
      print_error(rels.error());
      return kExitInputError;
    }
    auto built = asgraph::AsGraph::build(*rels);
    if (!built) {
      print_error(built.error());
      return kExitInputError;
    }
    g = std::move(*built);
  }
  // Every MRT file is read, each bad one reported with its error (rule: one unreadable
  // input does not hide the others); the report covers the files that were read, and the
  // run is exit 2 if any was not.
  size_t failed = 0, files = 0;
  for (const auto* list : {&o.ribs, &o.updates})
    for (const std::string& f : *list) {
      ++files;
      if (!read_mrt(f, check, o.keep_going)) ++failed;
    }
  if (failed && failed == files && !g) return kExitInputError;
  if (g) {
    check.add_relationships(*g, o.as_rel);
    check.infer(*g, o.max_destinations);
    if (directory) check.by_country(*g, *directory);
  }
  auto findings = check.findings();
  print_check_report(
      o.common.format, findings, "cleannet carrier check",
      [&] {
        report::Json j = check.json();
        j["policy"] = c->policy.name;
        j["as_of"] = c->status_options.as_of.to_string();
        return j;
      },
      [&] {
        std::cout << "carrier check of";
        for (uint32_t a : opt.asns) std::cout << " " << judge.as_text(a);
        std::cout << "; policy " << c->policy.name << ", as of " << c->status_options.as_of.to_string() << "\n";
        for (const auto& f : findings) std::cout << report::render_finding_text(f);
        std::cout << check.summary_text();
      });
  if (failed) {
    std::cerr << "carrier check: " << failed << " of " << files
              << " MRT file(s) could not be read (errors above); the report covers the rest\n";
    return kExitInputError;
  }
  return check.exposed() ? kExitViolations : kExitClean;
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
  check->add_option("--asn", o->asns, "An AS of the network (repeatable; the first is used for inference)")->required();
  check->add_option("--prefix", o->prefixes,
                    "A prefix of the network (repeatable; its ASes' originated prefixes count anyway)");
  check->add_option("--rib", o->ribs, "MRT RIB dump (TABLE_DUMP or TABLE_DUMP_V2; gz/bz2/xz/zstd; repeatable)");
  check->add_option("--updates", o->updates, "MRT update stream (BGP4MP, BGP4MP_ET; repeatable)");
  check->add_option("--as-rel", o->as_rel, "CAIDA AS relationships (as-rel or as-rel2)");
  check->add_option("--as-names", o->as_names, "AS number -> name/country list, for attribution by name and countries");
  check->add_option("--as2org", o->as2org, "CAIDA as2org file (instead of --as-names)");
  check
      ->add_option("--max-destinations", o->max_destinations,
                   "Destinations for inferred outbound routes (the largest originators first)")
      ->capture_default_str();
  check->add_flag("--keep-going", o->keep_going, "Read past damaged records and report what was skipped");
  add_common_options(check, o->common, {"text", "json", "sarif"});
  check->callback([o, &result] { result = run_check(*o); });
}

}  // namespace cleannet::cli
