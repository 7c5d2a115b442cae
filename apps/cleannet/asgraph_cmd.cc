// `cleannet asgraph route --from A --to B --as-rel FILE [--as-names FILE | --as2org FILE]
// [--avoid untrusted|ASN,...]`: the route AS A picks toward AS B under the valley-free
// (Gao–Rexford) model on a CAIDA AS graph (asgraph/valley_free.h), every AS on it attributed
// to its organisation (asgraph/attribution.h) and judged on the "carrier" line by the same
// asgraph::AsJudge as `carrier check`. Every AS on the route whose judgement violates the
// policy (trust/judge.h; "untrusted" below) is a finding with its evidence. With --avoid,
// also the route A would pick if the avoided ASes carried no routes (the endpoints are
// kept: they are what was asked about).
// Exit code: without --avoid, 1 when an AS on the route violates the policy; with --avoid,
// 1 when no route avoids them; 0 otherwise; 2 on input errors.
#include "asgraph_cmd.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/asgraph/directory.h"
#include "cleannet/asgraph/graph.h"
#include "cleannet/asgraph/judge.h"
#include "cleannet/asgraph/valley_free.h"
#include "cleannet/core/text.h"
#include "cleannet/report/evidence.h"
#include "cleannet/report/render.h"
#include "context.h"

namespace cleannet::cli {

namespace {

using asgraph::NodeId;
using report::Json;

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

struct Hop {
  uint32_t asn = 0;
  std::optional<asgraph::Relation> relation;  // what it is to the previous AS on the route
  std::optional<asgraph::AsEntry> entry;
  // The AS judged on the carrier line, as `carrier check` judges it (lives in the AsJudge).
  const asgraph::AsJudgement* verdict = nullptr;
};

struct Route {
  bool exists = false;
  asgraph::RouteClass route_class = asgraph::RouteClass::kNone;
  std::vector<Hop> hops;
};

struct Loaded {
  std::unique_ptr<Context> ctx;
  asgraph::AsRelationships rels;
  asgraph::AsGraph graph;
  std::optional<asgraph::AsDirectory> directory;
};

Route make_route(const Loaded& l, asgraph::AsJudge& judge, const asgraph::RouteTree& t, NodeId from) {
  Route r;
  r.exists = t.has_route(from);
  r.route_class = t.route_class(from);
  std::vector<NodeId> p = t.path(from);
  for (size_t i = 0; i < p.size(); ++i) {
    Hop h;
    h.asn = l.graph.asn(p[i]);
    if (i > 0) h.relation = l.graph.relation(p[i - 1], p[i]);
    if (l.directory) h.entry = l.directory->find(h.asn);
    h.verdict = &judge.judge(h.asn);
    r.hops.push_back(std::move(h));
  }
  return r;
}

std::string route_text(const Route& r) {
  std::string s;
  for (size_t i = 0; i < r.hops.size(); ++i) s += (i ? " > AS" : "AS") + std::to_string(r.hops[i].asn);
  return s;
}

std::string route_kind(const Route& r) {
  const size_t n = r.hops.empty() ? 0 : r.hops.size() - 1;
  if (r.route_class == asgraph::RouteClass::kOrigin) return "the destination itself";
  return std::string("a ") + asgraph::route_class_name(r.route_class) + " route of " + std::to_string(n) +
         (n == 1 ? " AS hop" : " AS hops");
}

std::string entry_text(const std::optional<asgraph::AsEntry>& e) {
  if (!e) return "";
  std::string s(e->name);
  if (!e->org_name.empty()) s += " / " + std::string(e->org_name);
  if (!e->country.empty()) s += " (" + std::string(e->country) + ")";
  return s;
}

std::string confidence_text(double c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", c);
  return buf;
}

std::string attribution_text(const trust::Registry& reg, const trust::Match& m) {
  const auto& o = reg.org(m.org);
  std::string s = o.name + " [" + o.id + "] by " + m.how;
  if (m.how != "asn") s += " \"" + m.matched + "\" (confidence " + confidence_text(m.confidence) + ")";
  return s;
}

std::string hops_text(const trust::Registry& reg, const Route& r) {
  size_t w = 0;
  for (const Hop& h : r.hops) w = std::max(w, std::to_string(h.asn).size() + 2);
  std::string s;
  for (const Hop& h : r.hops) {
    std::string as = "AS" + std::to_string(h.asn);
    std::string rel = h.relation ? asgraph::relation_name(*h.relation) : "source";
    std::string status = trust::status_name(h.verdict->status.status);
    char head[96];
    std::snprintf(head, sizeof head, "  %-*s  %-8s  %-9s", static_cast<int>(w), as.c_str(), rel.c_str(),
                  status.c_str());
    std::string line = head;
    std::string name = entry_text(h.entry);
    if (!name.empty()) line += "  " + name;
    if (h.verdict->match) line += (name.empty() ? "  " : "; ") + attribution_text(reg, *h.verdict->match);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    s += line + "\n";
  }
  return s;
}

Json hop_json(const trust::Registry& reg, const Hop& h) {
  Json j;
  j["asn"] = h.asn;
  j["relation"] = h.relation ? Json(asgraph::relation_name(*h.relation)) : Json(nullptr);
  j["name"] = h.entry ? Json(std::string(h.entry->name)) : Json(nullptr);
  if (h.entry && !h.entry->org_id.empty()) {
    j["as2org_id"] = std::string(h.entry->org_id);
    j["as2org_name"] = std::string(h.entry->org_name);
  }
  j["country"] = h.entry ? Json(std::string(h.entry->country)) : Json(nullptr);
  const asgraph::AsJudgement& v = *h.verdict;
  if (v.match) {
    j["organisation"] = reg.org(v.match->org).id;
    j["organisation_name"] = reg.org(v.match->org).name;
    j["attributed_by"] = v.match->how;
    j["matched"] = v.match->matched;
    j["confidence"] = v.match->confidence;
    j["status"] = trust::status_name(v.status.status);
    j["verified"] = v.verified;
  } else {
    j["organisation"] = nullptr;
    j["status"] = "unknown";
  }
  j["action"] = trust::action_name(v.decision.action);
  j["untrusted"] = v.untrusted();
  return j;
}

Json route_json(const trust::Registry& reg, const Route& r) {
  Json j;
  j["exists"] = r.exists;
  j["class"] = asgraph::route_class_name(r.route_class);
  j["length"] = r.hops.empty() ? 0 : r.hops.size() - 1;
  Json hops = Json::array();
  for (const Hop& h : r.hops) hops.push_back(hop_json(reg, h));
  j["hops"] = hops;
  return j;
}

report::Finding hop_finding(const Loaded& l, const Route& r, size_t i, const std::string& subject,
                            const std::string& fix) {
  const trust::Registry& reg = l.ctx->registry;
  const Hop& h = r.hops[i];
  const asgraph::AsJudgement& v = *h.verdict;
  report::Finding f;
  f.line = trust::line_name(trust::Line::kCarrier);
  f.subject = subject;
  f.element = "AS" + std::to_string(h.asn);
  if (h.entry) f.element += " (" + std::string(h.entry->name) + ")";
  f.rule = v.decision.rule ? v.decision.rule->id : "default-" + std::string(trust::status_name(v.status.status));
  f.rule_text = v.decision.rule ? v.decision.rule->cite : v.decision.reason;
  f.severity = report::severity_of(v.decision.action);
  f.status = trust::status_name(v.status.status);
  f.verified = v.verified;
  if (v.match) {
    const auto& org = reg.org(v.match->org);
    f.organisation = org.id;
    f.organisation_name = org.name;
  }
  const std::string role = i == 0 ? "the source"
                           : i + 1 == r.hops.size()
                               ? "the destination"
                               : "transit AS " + std::to_string(i + 1) + " of " + std::to_string(r.hops.size());
  f.explanation = "AS" + std::to_string(h.asn) + " is " + role + " on the inferred route " + route_text(r) + " (" +
                  route_kind(r) + "). " +
                  (v.match ? report::explain(reg, v.status, v.match->org)
                           : "No organisation of the registry is known for it (status unknown).");
  if (v.match) f.evidence = report::evidence_for(reg, v.status, &*v.match);
  report::Evidence route;
  route.kind = "route";
  route.text = "valley-free route inferred from " + l.rels.source + ": " + route_text(r);
  f.evidence.insert(f.evidence.begin(), route);
  if (v.match && v.match->how != "asn" && l.directory)
    f.location = report::Location{l.directory->file(), h.entry ? h.entry->line : 0, 0};
  f.suggested_fix = i == 0 || i + 1 == r.hops.size()
                        ? "The " + role.substr(4) + " itself is " + f.status + ": no route avoids it."
                        : fix;
  return f;
}

int run_route(const AsgraphOptions& o) {
  Loaded l;
  l.ctx = load_context(o.common, false);
  if (!l.ctx) return kExitInputError;
  const Context& c = *l.ctx;
  auto fail = [](const core::Error& e) {
    print_error(e);
    return kExitInputError;
  };
  constexpr const char* kAsnExpected = "an AS number (AS3320 or 3320)";
  auto from_asn = parse_asn_option("--from", o.from, kAsnExpected);
  if (!from_asn) return fail(from_asn.error());
  auto to_asn = parse_asn_option("--to", o.to, kAsnExpected);
  if (!to_asn) return fail(to_asn.error());
  bool avoid_untrusted = false;
  std::vector<uint32_t> avoid_list;
  if (o.avoid == "untrusted") {
    avoid_untrusted = true;
  } else if (!o.avoid.empty()) {
    for (std::string_view part : core::split(o.avoid, ',')) {
      auto a = parse_asn_option("--avoid", part, "\"untrusted\" or AS numbers separated by commas");
      if (!a) return fail(a.error());
      avoid_list.push_back(*a);
    }
  }

  auto format = asgraph::parse_relationship_format(o.rel_format);
  auto rels = asgraph::read_relationships_file(o.as_rel, *format);
  if (!rels) return fail(rels.error());
  l.rels = std::move(*rels);
  auto g = asgraph::AsGraph::build(l.rels);
  if (!g) return fail(g.error());
  l.graph = std::move(*g);
  l.rels.links.clear();
  l.rels.links.shrink_to_fit();
  for (const std::string* dir : {&o.as_names, &o.as2org}) {
    if (dir->empty()) continue;
    auto in = core::Input::open(*dir);
    if (!in) return fail(in.error());
    auto d = dir == &o.as_names ? asgraph::read_as_names(std::move(*in)) : asgraph::read_as2org(std::move(*in));
    if (!d) return fail(d.error());
    l.directory = std::move(*d);
  }
  auto from = l.graph.find(*from_asn);
  auto to = l.graph.find(*to_asn);
  for (auto [opt, asn, v] : {std::tuple{"--from", *from_asn, from}, std::tuple{"--to", *to_asn, to}}) {
    if (!v)
      return fail(core::Error(core::SourcePos(opt), "an AS of the graph in " + l.rels.source,
                              "AS" + std::to_string(asn) + ", which is in none of its links"));
  }

  asgraph::AsAttributor at(*c.resolver, l.directory ? &*l.directory : nullptr);
  asgraph::AsJudge judge(at, c.registry, c.policy, c.status_options, trust::Line::kCarrier);
  asgraph::RouteTree tree;
  asgraph::infer_routes(l.graph, *to, nullptr, tree);
  Route route = make_route(l, judge, tree, *from);

  // --avoid: the same inference with the avoided ASes removed, the endpoints kept.
  std::optional<Route> clean;
  size_t avoided = 0;
  std::vector<uint32_t> kept_endpoints;
  if (avoid_untrusted || !avoid_list.empty()) {
    asgraph::NodeMask allowed(l.graph.num_ases(), true);
    auto avoid = [&](NodeId v) {
      if (v == *from || v == *to) {
        if (std::find(kept_endpoints.begin(), kept_endpoints.end(), l.graph.asn(v)) == kept_endpoints.end())
          kept_endpoints.push_back(l.graph.asn(v));
        return;
      }
      if (allowed.test(v)) ++avoided;
      allowed.reset(v);
    };
    if (avoid_untrusted) {
      for (uint32_t i = 0; i < l.graph.num_ases(); ++i)
        if (judge.judge(l.graph.asn(NodeId{i})).untrusted()) avoid(NodeId{i});
    }
    for (uint32_t a : avoid_list)
      if (auto v = l.graph.find(a)) avoid(*v);
    asgraph::RouteTree clean_tree;
    asgraph::infer_routes(l.graph, *to, &allowed, clean_tree);
    clean = make_route(l, judge, clean_tree, *from);
  }
  // "108 untrusted ASes", "1 listed AS"
  const std::string avoided_what =
      std::to_string(avoided) + (avoid_untrusted ? " untrusted" : " listed") + (avoided == 1 ? " AS" : " ASes");

  const std::string subject = "route AS" + std::to_string(*from_asn) + " -> AS" + std::to_string(*to_asn);
  std::string fix;
  if (clean && clean->exists) {
    fix = "Route over " + route_text(*clean) + " (" + route_kind(*clean) + ", avoiding " + avoided_what + ").";
  } else if (clean) {
    fix = "No valley-free route from AS" + std::to_string(*from_asn) + " to AS" + std::to_string(*to_asn) +
          " avoids the " + avoided_what + ".";
  } else {
    fix = "`cleannet asgraph route --avoid untrusted` gives the route that avoids untrusted ASes.";
  }
  std::vector<report::Finding> findings;
  size_t flagged = 0;
  for (size_t i = 0; i < route.hops.size(); ++i) {
    if (!route.hops[i].verdict->untrusted()) continue;
    ++flagged;
    findings.push_back(hop_finding(l, route, i, subject, fix));
  }
  int exit_code = clean ? (clean->exists ? kExitClean : kExitViolations) : (flagged ? kExitViolations : kExitClean);

  const trust::Registry& reg = c.registry;
  print_check_report(
      o.common.format, findings, "cleannet asgraph route",
      [&] {
        Json j;
        j["graph"] = {{"file", l.rels.source},
                      {"format", asgraph::relationship_format_name(l.rels.format)},
                      {"ases", l.graph.num_ases()},
                      {"links", l.graph.num_links()},
                      {"provider_customer", l.graph.num_provider_customer_links()},
                      {"peer", l.graph.num_peer_links()}};
        j["directory"] = l.directory ? Json{{"file", l.directory->file()},
                                            {"source", asgraph::directory_source_name(l.directory->source())},
                                            {"ases", l.directory->size()}}
                                     : Json(nullptr);
        j["policy"] = c.policy.name;
        j["as_of"] = c.status_options.as_of.to_string();
        j["from"] = *from_asn;
        j["to"] = *to_asn;
        j["route"] = route_json(reg, route);
        if (clean) {
          Json a;
          a["avoid"] = o.avoid;
          a["avoided"] = avoided;
          a["endpoints_kept"] = kept_endpoints;
          a["route"] = route_json(reg, *clean);
          j["clean_route"] = a;
        }
        return j;
      },
      [&] {
        std::cout << "AS graph " << l.rels.source << ": " << l.graph.num_ases() << " ASes, " << l.graph.num_links()
                  << " links (" << l.graph.num_provider_customer_links() << " provider-customer, "
                  << l.graph.num_peer_links() << " peer)";
        if (l.directory)
          std::cout << "; " << (l.directory->source() == asgraph::DirectorySource::kAs2Org ? "as2org " : "AS names ")
                    << l.directory->file() << " (" << l.directory->size() << " ASes)";
        std::cout << "; policy " << c.policy.name << ", as of " << c.status_options.as_of.to_string() << "\n";
        if (!route.exists) {
          std::cout << "no valley-free route from AS" << *from_asn << " to AS" << *to_asn << "\n";
        } else {
          std::cout << subject << ": " << route_kind(route) << "\n" << hops_text(reg, route);
        }
        if (clean) {
          std::cout << "\n";
          std::string what = "avoiding " + avoided_what;
          if (!kept_endpoints.empty()) {
            what += " (kept: ";
            for (size_t i = 0; i < kept_endpoints.size(); ++i)
              what += (i ? ", AS" : "AS") + std::to_string(kept_endpoints[i]);
            what += std::string(kept_endpoints.size() == 1 ? ", an endpoint" : ", the endpoints") + ")";
          }
          if (clean->exists) {
            std::cout << (avoid_untrusted ? "clean route " : "route ") << what << ": " << route_kind(*clean) << "\n"
                      << hops_text(reg, *clean);
          } else {
            std::cout << "no valley-free route " << what << "\n";
          }
        }
        if (!findings.empty()) std::cout << "\n";
        for (const auto& f : findings) std::cout << report::render_finding_text(f);
        std::cout << "\n" << flagged << (flagged == 1 ? " untrusted AS" : " untrusted ASes") << " on the route";
        if (clean && avoid_untrusted)
          std::cout << "; " << (clean->exists ? "a clean route exists" : "no clean route exists");
        if (clean && !avoid_untrusted)
          std::cout << "; "
                    << (clean->exists ? "a route avoiding the listed ASes exists" : "no route avoids the listed ASes");
        std::cout << "\n";
      });
  return exit_code;
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
