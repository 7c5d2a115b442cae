#include "cleannet/report/registry_json.h"

#include "cleannet/report/evidence.h"
#include "cleannet/trust/judge.h"

namespace cleannet::report {

namespace {
Json opt_date(const std::optional<core::Date>& d) { return d ? Json(d->to_string()) : Json(nullptr); }
}  // namespace

Json designation_to_json(const trust::Registry& reg, const trust::Designation& d) {
  Json j;
  j["list"] = d.list;
  j["status"] = trust::status_name(d.status);
  j["date"] = opt_date(d.date);
  if (d.until) j["until"] = d.until->to_string();
  j["source_url"] = d.source_url;
  j["quote"] = d.quote;
  j["verified"] = d.verified;
  if (!d.note.empty()) j["note"] = d.note;
  j["layer"] = reg.layers()[d.layer];
  return j;
}

Json organisation_to_json(const trust::Registry& reg, const trust::Organisation& o) {
  Json j;
  j["id"] = o.id;
  j["name"] = o.name;
  j["aliases"] = o.aliases;
  j["country"] = o.country.empty() ? Json(nullptr) : Json(o.country);
  j["kinds"] = o.kinds;
  Json owners = Json::array();
  for (const auto& w : o.owners) {
    Json x = {{"id", w.owner},
              {"share", w.share ? Json(*w.share) : Json(nullptr)},
              {"since", opt_date(w.since)},
              {"until", opt_date(w.until)},
              {"verified", w.verified},
              {"as_parent", w.stated_as_parent},
              {"layer", reg.layers()[w.layer]}};
    if (!w.source_url.empty()) x["source_url"] = w.source_url;
    if (!w.note.empty()) x["note"] = w.note;
    owners.push_back(x);
  }
  j["owners"] = owners;
  if (!o.notes.empty()) j["notes"] = o.notes;
  Json ids;
  ids["asns"] = o.identifiers.asns;
  Json prefixes = Json::array();
  for (const auto& p : o.identifiers.prefixes) prefixes.push_back(p.to_string());
  ids["prefixes"] = prefixes;
  Json ouis = Json::array();
  for (const auto& x : o.identifiers.ouis) ouis.push_back(x.to_string());
  ids["ouis"] = ouis;
  ids["domains"] = o.identifiers.domains;
  ids["android_packages"] = o.identifiers.android_packages;
  ids["sdk_prefixes"] = o.identifiers.sdk_prefixes;
  ids["cert_sha256"] = o.identifiers.cert_sha256;
  ids["unverified"] = o.identifiers.unverified;
  j["identifiers"] = ids;
  Json ds = Json::array();
  for (const auto& d : o.designations) ds.push_back(designation_to_json(reg, d));
  j["designations"] = ds;
  Json ae = Json::array();
  for (const auto& e : o.asn_evidence) {
    Json x;
    x["asn"] = e.asn;
    x["as_name"] = e.as_name;
    x["registrant"] = e.registrant;
    x["registry_cc"] = e.registry_cc;
    x["source_url"] = e.source_url;
    x["verified"] = e.verified;
    if (!e.note.empty()) x["note"] = e.note;
    ae.push_back(std::move(x));
  }
  j["asn_evidence"] = ae;
  Json as = Json::array();
  for (const auto& a : o.assessments) {
    Json x;
    x["criterion"] = a.criterion;
    x["result"] = trust::criterion_result_name(a.result);
    x["date"] = opt_date(a.date);
    x["evidence_url"] = a.evidence_url;
    if (!a.note.empty()) x["note"] = a.note;
    x["layer"] = reg.layers()[a.layer];
    as.push_back(std::move(x));
  }
  j["assessments"] = as;
  Json layers = Json::array();
  for (uint32_t l : o.layers) layers.push_back(reg.layers()[l]);
  j["layers"] = layers;
  return j;
}

Json registry_to_json(const trust::Registry& reg) {
  Json j;
  j["schema"] = 1;
  j["layers"] = reg.layers();
  Json lists = Json::array();
  for (const auto& l : reg.lists())
    lists.push_back({{"name", l.name}, {"issuer", l.issuer}, {"url", l.url}, {"description", l.description}});
  j["lists"] = lists;
  Json criteria = Json::array();
  for (const auto& c : reg.criteria())
    criteria.push_back({{"id", c.id},
                        {"framework", c.framework},
                        {"text", c.text},
                        {"basis", c.basis},
                        {"source_url", c.source_url},
                        {"decisive", c.decisive}});
  j["criteria"] = criteria;
  Json orgs = Json::array();
  for (const auto& o : reg.organisations()) orgs.push_back(organisation_to_json(reg, o));
  j["organisations"] = orgs;
  return j;
}

Json policy_to_json(const trust::Policy& p) {
  Json j;
  j["name"] = p.name;
  j["title"] = p.title;
  j["source_url"] = p.source_url;
  j["description"] = p.description;
  j["origin"] = p.origin;
  j["defaults"] = {{"unknown", trust::action_name(p.unknown)},
                   {"ignore_unverified", p.ignore_unverified},
                   {"ownership_inheritance", p.ownership.to_string()}};
  Json rules = Json::array();
  for (const auto& r : p.rules)
    rules.push_back({{"id", r.id},
                     {"line", std::string(r.line_text())},
                     {"traffic_class", r.traffic_class},
                     {"segment", r.segment},
                     {"status", trust::status_name(r.status)},
                     {"action", trust::action_name(r.action)},
                     {"cite", r.cite}});
  j["rules"] = rules;
  return j;
}

Json organisation_status_json(const trust::Registry& reg, trust::OrganisationId id, const trust::StatusVerdict& st,
                              const core::Date& as_of) {
  Json j = organisation_to_json(reg, reg.org(id));
  j["status"] = {{"status", trust::status_name(st.status)},
                 {"verified", st.verified},
                 {"basis", trust::status_basis_name(st.basis)},
                 {"as_of", as_of.to_string()},
                 {"explanation", explain(reg, st, id)}};
  return j;
}

std::vector<std::string> ownership_paths(const trust::Registry& reg, trust::OrganisationId id) {
  // Every path from the organisation up to an owner that has none recorded, depth first in
  // recorded order; finish() forbids cycles, and the count is bounded for wide groups.
  constexpr size_t kMaxPaths = 32;
  std::vector<std::string> out;
  std::vector<std::pair<trust::OrganisationId, std::string>> todo{{id, reg.org(id).id}};
  while (!todo.empty() && out.size() < kMaxPaths) {
    auto [cur, text] = std::move(todo.back());
    todo.pop_back();
    const auto& owners = reg.org(cur).owners;
    if (owners.empty() && cur != id) out.push_back(text);
    for (auto it = owners.rbegin(); it != owners.rend(); ++it)
      if (it->owner_id) todo.emplace_back(it->owner_id, text + " -> " + ownership_text(*it));
  }
  return out;
}

std::string organisation_text(const trust::Registry& reg, trust::OrganisationId id, const trust::StatusVerdict& st,
                              const core::Date& as_of) {
  const trust::Organisation& org = reg.org(id);
  std::string s = org.id + ": " + org.name + "\n";
  s += "  status: " + explain(reg, st, id) + " (as of " + as_of.to_string() + ")\n";
  if (!org.aliases.empty()) {
    s += "  aliases:";
    for (const auto& a : org.aliases) s += " \"" + a + "\"";
    s += "\n";
  }
  if (!org.country.empty()) s += "  country: " + org.country + "\n";
  if (!org.kinds.empty()) {
    s += "  kinds:";
    for (const auto& k : org.kinds) s += " " + k;
    s += "\n";
  }
  for (const auto& path : ownership_paths(reg, id)) s += "  owned by: " + path + "\n";
  const auto& ids = org.identifiers;
  auto list = [&](const char* key, const std::vector<std::string>& v) {
    if (v.empty()) return;
    s += std::string("  ") + key + ":";
    for (const auto& x : v) s += " " + x;
    if (!ids.is_verified(key)) s += " [unverified]";
    s += "\n";
  };
  std::vector<std::string> asns, prefixes, ouis;
  for (auto a : ids.asns) asns.push_back("AS" + std::to_string(a));
  for (const auto& p : ids.prefixes) prefixes.push_back(p.to_string());
  for (const auto& x : ids.ouis) ouis.push_back(x.to_string());
  list("asns", asns);
  list("prefixes", prefixes);
  list("ouis", ouis);
  list("domains", ids.domains);
  list("android_packages", ids.android_packages);
  list("sdk_prefixes", ids.sdk_prefixes);
  list("cert_sha256", ids.cert_sha256);
  for (const auto& d : org.designations) {
    s += "  designation: " + designation_text(d);
    s += d.date ? " (" + d.date->to_string() + ")" : " (undated)";
    if (!d.verified) s += " [unverified]";
    if (!d.source_url.empty()) s += " <" + d.source_url + ">";
    if (d.layer > 0) s += " [from " + reg.layers()[d.layer] + "]";
    s += "\n";
  }
  for (const auto& a : org.assessments)
    s += "  assessment: " + a.criterion + " " + trust::criterion_result_name(a.result) +
         (a.evidence_url.empty() ? "" : " <" + a.evidence_url + ">") + "\n";
  if (!org.notes.empty()) s += "  notes: " + org.notes + "\n";
  return s;
}

// "traffic diplomatic: deny CN-PATH-DIPLOMATIC-UNKNOWN, violates; otherwise warn by default"
static std::string cases_text(const std::vector<trust::LineCase>& cases) {
  std::string s;
  for (size_t i = 0; i < cases.size(); ++i) {
    const trust::LineCase& c = cases[i];
    if (i) s += "; ";
    std::string when;
    if (c.rule && c.rule->traffic_class != "*") when += "traffic " + c.rule->traffic_class;
    if (c.rule && c.rule->segment != "*") when += (when.empty() ? "" : ", ") + ("segment " + c.rule->segment);
    if (!when.empty())
      s += when + ": ";
    else if (i)
      s += "otherwise ";
    s += std::string(trust::action_name(c.action)) + (c.rule ? " " + c.rule->id : " by default");
    if (c.violates) s += ", violates";
  }
  return s;
}

// One row per line and status: what the policy decides there, and whether that counts as a
// violation (trust/judge.h), the same for every command that judges the line.
std::string policy_lines_text(const trust::Policy& p) {
  std::string s = p.name + ": decisions by line and status (\"violates\": the finding counts against the policy)\n";
  for (trust::Line l : trust::kLines)
    for (trust::Status st : {trust::Status::kUntrusted, trust::Status::kUnknown, trust::Status::kTrusted}) {
      std::string head = trust::line_name(l);
      head.resize(10, ' ');
      std::string status = trust::status_name(st);
      status.resize(11, ' ');
      s += "  " + head + status + cases_text(trust::line_cases(p, l, st)) + "\n";
    }
  return s;
}

std::string policy_text(const trust::Policy& p) {
  std::string s = p.name + ": " + p.title + "\n";
  if (!p.source_url.empty()) s += "  source: " + p.source_url + "\n";
  if (!p.description.empty()) s += "  " + p.description + "\n";
  s += "  unknown status: " + std::string(trust::action_name(p.unknown)) +
       (p.ignore_unverified ? "; unverified designations are ignored\n" : "; unverified designations count\n");
  s += "  ownership: status passes from an owner through " + p.ownership.describe() + "\n";
  s += "  rules (first match wins):\n";
  for (const auto& r : p.rules) {
    s += "    " + r.id + ": " + trust::action_name(r.action) + " " + trust::status_name(r.status) + " on line " +
         std::string(r.line_text()) + ", traffic " + r.traffic_class + ", segment " + r.segment + "\n      " + r.cite +
         "\n";
  }
  s += "  otherwise: untrusted deny, unknown " + std::string(trust::action_name(p.unknown)) + ", trusted allow\n";
  return s;
}

}  // namespace cleannet::report
