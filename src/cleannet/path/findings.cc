#include "cleannet/path/findings.h"

#include <cstdio>

#include "cleannet/report/evidence.h"

namespace cleannet::path {

namespace {

std::string cost_text(double c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", c);
  return buf;
}

report::Severity severity_of(trust::Action a) {
  return a == trust::Action::kDeny ? report::Severity::kError
         : a == trust::Action::kWarn ? report::Severity::kWarning
                                     : report::Severity::kNote;
}

std::string element_name(const netmodel::Network& net, const Offender& o) {
  if (o.is_link) {
    const auto& l = net.links[o.index];
    return "link " + (l.id.empty() ? l.a + "-" + l.b : l.id);
  }
  return "device " + net.devices[o.index].id;
}

std::string equipment_text(const netmodel::Equipment& e) {
  std::string s = e.vendor.empty() ? std::string("no vendor given") : e.vendor;
  if (!e.model.empty()) s += " " + e.model;
  if (!e.serial.empty()) s += " (serial " + e.serial + ")";
  return s;
}

}  // namespace

std::string path_text(const netmodel::Network& net, const RoutedPath& p) {
  std::string s;
  for (size_t i = 0; i < p.devices.size(); ++i) s += (i ? " > " : "") + net.devices[p.devices[i]].id;
  return s + " (cost " + cost_text(p.cost) + ")";
}

std::vector<report::Finding> demand_findings(const netmodel::Network& net, const ElementTrust& trust,
                                             const DemandVerdict& v) {
  std::vector<report::Finding> out;
  const auto& d = *v.demand;
  std::string subject = "demand " + d.id + " (" + (v.traffic_class.empty() ? "no traffic class" : v.traffic_class) +
                        ", " + d.source + " -> " + d.destination + ")";
  std::string fix;
  if (v.alternative && !v.routed_clean) {
    fix = "Route over the clean alternative " + path_text(net, *v.alternative);
    if (v.routed) fix += " instead of " + path_text(net, *v.routed);
    fix += ".";
  } else if (!v.clean_path_exists) {
    fix = "No clean path exists between " + d.source + " and " + d.destination +
          " under this policy: replace the denied equipment (see `cleannet path plan`).";
  }
  if (!v.routed) {
    report::Finding f;
    f.line = "path";
    f.subject = subject;
    f.element = "demand " + d.id;
    f.rule = "path-unreachable";
    f.rule_text = "A demand's endpoints must be connected";
    f.severity = report::Severity::kError;
    f.status = "unknown";
    f.explanation = d.source + " and " + d.destination + " are not connected in the inventory.";
    f.location = report::Location{d.pos.file, d.pos.line, d.pos.column};
    out.push_back(std::move(f));
    return out;
  }
  auto add = [&](const Offender& o) {
    const ElementJudgement& j = *o.judgement;
    report::Finding f;
    f.line = "path";
    f.subject = subject;
    f.element = element_name(net, o);
    f.rule = j.decision.rule ? j.decision.rule->id : std::string("default-") +
                                                         (j.worst ? trust::status_name(j.worst->status.status) : "trusted");
    f.rule_text = j.decision.rule ? j.decision.rule->cite : j.decision.reason;
    f.severity = severity_of(j.action);
    const std::string& segment = o.is_link ? net.links[o.index].segment : net.devices[o.index].segment;
    std::string where = std::string(v.routed->given ? "routed" : "presumed (shortest)") + " path " +
                        path_text(net, *v.routed) + ", hop " + std::to_string(o.hop + 1);
    if (j.worst) {
      const auto& r = *j.worst;
      f.status = trust::status_name(r.status.status);
      f.verified = r.verified;
      std::string eq = equipment_text(*r.equipment) + " [" + r.equipment->source + "]";
      if (r.match) {
        const auto& org = trust.registry().org(r.match->org);
        f.organisation = org.id;
        f.organisation_name = org.name;
        f.evidence = report::evidence_for(trust.registry(), r.status, &*r.match);
        f.explanation = f.element + (segment.empty() ? "" : " (segment " + segment + ")") + " on the " + where +
                        " carries " + eq + ". " + report::explain(trust.registry(), r.status, r.match->org);
      } else {
        f.explanation = f.element + (segment.empty() ? "" : " (segment " + segment + ")") + " on the " + where +
                        " carries " + eq + ", whose vendor is not in the registry (status unknown).";
      }
      report::Evidence src;
      src.kind = "inventory";
      src.text = "vendor \"" + r.equipment->vendor + "\" from " + r.equipment->source +
                 (r.equipment->pos.file.empty() ? "" : " at " + r.equipment->pos.to_string());
      f.evidence.insert(f.evidence.begin(), src);
      const auto& p = r.equipment->pos;
      if (!p.file.empty()) f.location = report::Location{p.file, p.line, p.column};
    }
    f.suggested_fix = fix;
    out.push_back(std::move(f));
  };
  for (const auto& o : v.routed_offenders) add(o);
  for (const auto& o : v.routed_warnings) add(o);
  return out;
}

report::Json demand_json(const netmodel::Network& net, const ElementTrust& trust, const DemandVerdict& v) {
  (void)trust;
  auto path_json = [&](const RoutedPath& p) {
    report::Json devs = report::Json::array();
    for (auto i : p.devices) devs.push_back(net.devices[i].id);
    report::Json links = report::Json::array();
    for (auto i : p.links) links.push_back(net.links[i].id);
    return report::Json{{"devices", devs}, {"links", links}, {"cost", p.cost}, {"given", p.given}};
  };
  report::Json j;
  j["id"] = v.demand->id;
  j["source"] = v.demand->source;
  j["destination"] = v.demand->destination;
  j["traffic_class"] = v.traffic_class;
  j["clean"] = v.clean();
  j["routed"] = v.routed ? path_json(*v.routed) : report::Json(nullptr);
  report::Json offenders = report::Json::array();
  for (const auto& o : v.routed_offenders) offenders.push_back(element_name(net, o));
  j["denied_on_route"] = offenders;
  report::Json warnings = report::Json::array();
  for (const auto& o : v.routed_warnings) warnings.push_back(element_name(net, o));
  j["warned_on_route"] = warnings;
  j["clean_path_exists"] = v.clean_path_exists;
  j["alternative"] = v.alternative ? path_json(*v.alternative) : report::Json(nullptr);
  return j;
}

std::string demand_summary(const netmodel::Network& net, const DemandVerdict& v) {
  const auto& d = *v.demand;
  std::string s = "demand " + d.id + " [" + (v.traffic_class.empty() ? "-" : v.traffic_class) + "] " + d.source +
                  " -> " + d.destination + ": ";
  if (!v.routed) return s + "NOT CONNECTED\n";
  if (v.routed_clean) {
    s += "clean";
    if (!v.routed_warnings.empty()) s += " with " + std::to_string(v.routed_warnings.size()) + " warning(s)";
    return s + " via " + path_text(net, *v.routed) + "\n";
  }
  s += "NOT CLEAN: " + std::string(v.routed->given ? "routed" : "presumed") + " path " + path_text(net, *v.routed) +
       " crosses " + std::to_string(v.routed_offenders.size()) + " denied element(s), first " +
       element_name(net, v.routed_offenders.front()) + "; ";
  if (v.alternative) s += "clean alternative " + path_text(net, *v.alternative) + "\n";
  else s += "no clean path exists\n";
  return s;
}

}  // namespace cleannet::path
