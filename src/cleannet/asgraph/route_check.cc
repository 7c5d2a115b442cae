#include "cleannet/asgraph/route_check.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/asgraph/directory.h"
#include "cleannet/asgraph/graph.h"
#include "cleannet/asgraph/judge.h"
#include "cleannet/asgraph/valley_free.h"
#include "cleannet/report/evidence.h"

namespace cleannet::asgraph {

namespace {

using report::Json;

struct Hop {
  uint32_t asn = 0;
  std::optional<Relation> relation;  // what it is to the previous AS on the route
  std::optional<AsEntry> entry;
  const AsJudgement* verdict = nullptr;  // lives in the AsJudge
};

struct Route {
  bool exists = false;
  RouteClass route_class = RouteClass::kNone;
  std::vector<Hop> hops;
};

struct Loaded {
  AsRelationships rels;
  AsGraph graph;
  std::optional<AsDirectory> directory;
};

Route make_route(const Loaded& l, AsJudge& judge, const RouteTree& t, NodeId from) {
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
  if (r.route_class == RouteClass::kOrigin) return "the destination itself";
  return std::string("a ") + route_class_name(r.route_class) + " route of " + std::to_string(n) +
         (n == 1 ? " AS hop" : " AS hops");
}

std::string entry_text(const std::optional<AsEntry>& e) {
  if (!e) return "";
  std::string s(e->name);
  if (!e->org_name.empty()) s += " / " + std::string(e->org_name);
  if (!e->country.empty()) s += " (" + std::string(e->country) + ")";
  return s;
}

std::string attribution_text(const trust::Registry& reg, const trust::Match& m) {
  const auto& o = reg.org(m.org);
  std::string s = o.name + " [" + o.id + "] by " + m.how;
  if (m.how != "asn") s += " \"" + m.matched + "\" (confidence " + report::confidence_text(m.confidence) + ")";
  return s;
}

std::string hops_text(const trust::Registry& reg, const Route& r) {
  size_t w = 0;
  for (const Hop& h : r.hops) w = std::max(w, std::to_string(h.asn).size() + 2);
  std::string s;
  for (const Hop& h : r.hops) {
    std::string as = "AS" + std::to_string(h.asn);
    std::string rel = h.relation ? relation_name(*h.relation) : "source";
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
  j["relation"] = h.relation ? Json(relation_name(*h.relation)) : Json(nullptr);
  j["name"] = h.entry ? Json(std::string(h.entry->name)) : Json(nullptr);
  if (h.entry && !h.entry->org_id.empty()) {
    j["as2org_id"] = std::string(h.entry->org_id);
    j["as2org_name"] = std::string(h.entry->org_name);
  }
  j["country"] = h.entry ? Json(std::string(h.entry->country)) : Json(nullptr);
  const AsJudgement& v = *h.verdict;
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
  j["class"] = route_class_name(r.route_class);
  j["length"] = r.hops.empty() ? 0 : r.hops.size() - 1;
  Json hops = Json::array();
  for (const Hop& h : r.hops) hops.push_back(hop_json(reg, h));
  j["hops"] = hops;
  return j;
}

report::Finding hop_finding(const trust::Registry& reg, const Loaded& l, const Route& r, size_t i,
                            const std::string& subject, const std::string& fix) {
  const Hop& h = r.hops[i];
  const AsJudgement& v = *h.verdict;
  report::Finding f = report::finding_for(reg, v);
  f.subject = subject;
  f.element = "AS" + std::to_string(h.asn);
  if (h.entry) f.element += " (" + std::string(h.entry->name) + ")";
  const std::string role = i == 0 ? "the source"
                           : i + 1 == r.hops.size()
                               ? "the destination"
                               : "transit AS " + std::to_string(i + 1) + " of " + std::to_string(r.hops.size());
  f.explanation = "AS" + std::to_string(h.asn) + " is " + role + " on the inferred route " + route_text(r) + " (" +
                  route_kind(r) + "). " +
                  (v.match ? report::explain(reg, v.status, v.match->org)
                           : "No organisation of the registry is known for it (status unknown).");
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

}  // namespace

core::Result<RouteResult> check_route(const RouteInputs& in, const trust::Resolver& resolver,
                                      const trust::Registry& reg, const trust::Policy& policy,
                                      const trust::StatusOptions& options) {
  Loaded l;
  auto rels = read_relationships_file(in.as_rel, in.rel_format);
  if (!rels) return rels.error();
  l.rels = std::move(*rels);
  auto g = AsGraph::build(l.rels);
  if (!g) return g.error();
  l.graph = std::move(*g);
  l.rels.links.clear();
  l.rels.links.shrink_to_fit();
  auto dir = read_directory(in.as_names, in.as2org);
  if (!dir) return dir.error();
  l.directory = std::move(*dir);
  auto from = l.graph.find(in.from);
  auto to = l.graph.find(in.to);
  for (auto [opt, asn, v] : {std::tuple{"--from", in.from, from}, std::tuple{"--to", in.to, to}}) {
    if (!v)
      return core::Error(core::SourcePos(opt), "an AS of the graph in " + l.rels.source,
                         "AS" + std::to_string(asn) + ", which is in none of its links");
  }

  AsAttributor at(resolver, l.directory ? &*l.directory : nullptr);
  AsJudge judge(at, reg, policy, options, trust::Line::kCarrier);
  RouteTree tree;
  infer_routes(l.graph, *to, nullptr, tree);
  Route route = make_route(l, judge, tree, *from);

  // The same inference with the avoided ASes removed, the endpoints kept.
  std::optional<Route> clean;
  size_t avoided = 0;
  std::vector<uint32_t> kept_endpoints;
  if (in.avoid_untrusted || !in.avoid.empty()) {
    NodeMask allowed(l.graph.num_ases(), true);
    auto avoid = [&](NodeId v) {
      if (v == *from || v == *to) {
        if (std::find(kept_endpoints.begin(), kept_endpoints.end(), l.graph.asn(v)) == kept_endpoints.end())
          kept_endpoints.push_back(l.graph.asn(v));
        return;
      }
      if (allowed.test(v)) ++avoided;
      allowed.reset(v);
    };
    if (in.avoid_untrusted) {
      for (uint32_t i = 0; i < l.graph.num_ases(); ++i)
        if (judge.judge(l.graph.asn(NodeId{i})).untrusted()) avoid(NodeId{i});
    }
    for (uint32_t a : in.avoid)
      if (auto v = l.graph.find(a)) avoid(*v);
    RouteTree clean_tree;
    infer_routes(l.graph, *to, &allowed, clean_tree);
    clean = make_route(l, judge, clean_tree, *from);
  }
  // "108 untrusted ASes", "1 listed AS"
  const std::string avoided_what =
      std::to_string(avoided) + (in.avoid_untrusted ? " untrusted" : " listed") + (avoided == 1 ? " AS" : " ASes");

  const std::string subject = "route AS" + std::to_string(in.from) + " -> AS" + std::to_string(in.to);
  std::string fix;
  if (clean && clean->exists) {
    fix = "Route over " + route_text(*clean) + " (" + route_kind(*clean) + ", avoiding " + avoided_what + ").";
  } else if (clean) {
    fix = "No valley-free route from AS" + std::to_string(in.from) + " to AS" + std::to_string(in.to) + " avoids the " +
          avoided_what + ".";
  } else {
    fix = "`cleannet asgraph route --avoid untrusted` gives the route that avoids untrusted ASes.";
  }
  RouteResult res;
  std::vector<report::Finding>& findings = res.report.findings;
  for (size_t i = 0; i < route.hops.size(); ++i)
    if (route.hops[i].verdict->untrusted()) findings.push_back(hop_finding(reg, l, route, i, subject, fix));
  const size_t flagged = findings.size();
  res.violation = clean ? !clean->exists : flagged > 0;

  Json& j = res.report.summary;
  j["graph"] = {{"file", l.rels.source},
                {"format", relationship_format_name(l.rels.format)},
                {"ases", l.graph.num_ases()},
                {"links", l.graph.num_links()},
                {"provider_customer", l.graph.num_provider_customer_links()},
                {"peer", l.graph.num_peer_links()}};
  j["directory"] = l.directory ? Json{{"file", l.directory->file()},
                                      {"source", directory_source_name(l.directory->source())},
                                      {"ases", l.directory->size()}}
                               : Json(nullptr);
  j["policy"] = policy.name;
  j["as_of"] = options.as_of.to_string();
  j["from"] = in.from;
  j["to"] = in.to;
  j["route"] = route_json(reg, route);
  if (clean) {
    Json a;
    a["avoid"] = in.avoid_text;
    a["avoided"] = avoided;
    a["endpoints_kept"] = kept_endpoints;
    a["route"] = route_json(reg, *clean);
    j["clean_route"] = a;
  }

  std::ostringstream os;
  os << "AS graph " << l.rels.source << ": " << l.graph.num_ases() << " ASes, " << l.graph.num_links() << " links ("
     << l.graph.num_provider_customer_links() << " provider-customer, " << l.graph.num_peer_links() << " peer)";
  if (l.directory)
    os << "; " << (l.directory->source() == DirectorySource::kAs2Org ? "as2org " : "AS names ") << l.directory->file()
       << " (" << l.directory->size() << " ASes)";
  os << "; policy " << policy.name << ", as of " << options.as_of.to_string() << "\n";
  if (!route.exists) {
    os << "no valley-free route from AS" << in.from << " to AS" << in.to << "\n";
  } else {
    os << subject << ": " << route_kind(route) << "\n" << hops_text(reg, route);
  }
  if (clean) {
    os << "\n";
    std::string what = "avoiding " + avoided_what;
    if (!kept_endpoints.empty()) {
      what += " (kept: ";
      for (size_t i = 0; i < kept_endpoints.size(); ++i)
        what += (i ? ", AS" : "AS") + std::to_string(kept_endpoints[i]);
      what += std::string(kept_endpoints.size() == 1 ? ", an endpoint" : ", the endpoints") + ")";
    }
    if (clean->exists) {
      os << (in.avoid_untrusted ? "clean route " : "route ") << what << ": " << route_kind(*clean) << "\n"
         << hops_text(reg, *clean);
    } else {
      os << "no valley-free route " << what << "\n";
    }
  }
  if (!findings.empty()) os << "\n";
  for (const auto& f : findings) os << report::render_finding_text(f);
  os << "\n" << flagged << (flagged == 1 ? " untrusted AS" : " untrusted ASes") << " on the route";
  if (clean && in.avoid_untrusted) os << "; " << (clean->exists ? "a clean route exists" : "no clean route exists");
  if (clean && !in.avoid_untrusted)
    os << "; " << (clean->exists ? "a route avoiding the listed ASes exists" : "no route avoids the listed ASes");
  os << "\n";
  res.text = os.str();
  return res;
}

}  // namespace cleannet::asgraph
