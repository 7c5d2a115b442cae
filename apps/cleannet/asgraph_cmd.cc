// `cleannet asgraph route --from A --to B --as-rel FILE [--as-names FILE | --as2org FILE]
// [--avoid untrusted|ASN,...]`: asgraph::check_route (asgraph/route_check.h) rendered.
// Exit code: without --avoid, 1 when an AS on the route violates the policy; with --avoid,
// 1 when no route avoids them; 0 otherwise; 2 on input errors.
#include "asgraph_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/asgraph/route_check.h"
#include "cleannet/core/text.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct AsgraphOptions {
  CommonOptions common;
  std::string from, to;
  std::string as_rel, rel_format = "auto";
  std::string as_names, as2org;
  std::string avoid;
};

core::Result<uint32_t> parse_asn_option(const std::string& option, std::string_view text, const char* expected) {
  auto id = trust::parse_identifier(core::trim(text));
  if (!id || id->kind != trust::IdentifierKind::kAsn)
    return core::Error(core::SourcePos(option), expected, core::quote_found(text));
  return id->asn;
}

int run_route(const AsgraphOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  auto fail = [](const core::Error& e) {
    print_error(e);
    return kExitInputError;
  };
  constexpr const char* kAsnExpected = "an AS number (AS3320 or 3320)";
  asgraph::RouteInputs in;
  auto from = parse_asn_option("--from", o.from, kAsnExpected);
  if (!from) return fail(from.error());
  auto to = parse_asn_option("--to", o.to, kAsnExpected);
  if (!to) return fail(to.error());
  in.from = *from;
  in.to = *to;
  in.avoid_text = o.avoid;
  if (o.avoid == "untrusted") {
    in.avoid_untrusted = true;
  } else if (!o.avoid.empty()) {
    for (std::string_view part : core::split(o.avoid, ',')) {
      auto a = parse_asn_option("--avoid", part, "\"untrusted\" or AS numbers separated by commas");
      if (!a) return fail(a.error());
      in.avoid.push_back(*a);
    }
  }
  in.as_rel = o.as_rel;
  in.rel_format = *asgraph::parse_relationship_format(o.rel_format);
  in.as_names = o.as_names;
  in.as2org = o.as2org;
  auto r = asgraph::check_route(in, *c->resolver, c->registry, c->policy, c->status_options);
  if (!r) return fail(r.error());
  report::print_check_report(std::cout, output_format(o.common.format), r->report, "cleannet asgraph route",
                             [&](std::ostream& out) { out << r->text; });
  return r->violation ? kExitViolations : kExitClean;
}

}  // namespace

void add_asgraph_commands(CLI::App& app, int& result) {
  CLI::App* asg =
      app.add_subcommand("asgraph", "Clean Carrier: AS-level routes, who carries them, and clean alternatives");
  asg->require_subcommand(1);
  auto o = std::make_shared<AsgraphOptions>();
  CLI::App* route = asg->add_subcommand(
      "route", "The valley-free route one AS picks toward another, each AS's organisation and trust status");
  route->add_option("--from", o->from, "Source AS (AS3320 or 3320)")->required();
  route->add_option("--to", o->to, "Destination AS")->required();
  route
      ->add_option("--as-rel", o->as_rel,
                   "CAIDA AS relationships (as-rel serial-1 or as-rel2 serial-2; any compression)")
      ->required();
  route->add_option("--as-rel-format", o->rel_format, "Relationship file format")
      ->check(CLI::IsMember({"auto", "serial-1", "serial-2"}))
      ->capture_default_str();
  auto* names = route->add_option("--as-names", o->as_names, "AS-name list (ASN:NAME, CC) to attribute ASes by name");
  auto* as2org = route->add_option("--as2org", o->as2org, "CAIDA AS-to-organisation file to attribute ASes");
  names->excludes(as2org);
  route->add_option("--avoid", o->avoid,
                    "untrusted, or AS numbers separated by commas: also show the best route without them");
  add_common_options(route, o->common, {"text", "json", "sarif"});
  route->callback([o, &result] { result = run_route(*o); });
}

}  // namespace cleannet::cli
