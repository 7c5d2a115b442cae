#include "cleannet/cable/check.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "cleannet/cable/countries.h"
#include "cleannet/core/text.h"
#include "cleannet/report/evidence.h"

namespace cleannet::cable {

namespace {

using core::join;

// Line "cable" of the policy (CN-CABLE in clean-network.toml); the party's role is the
// segment, so a policy may treat suppliers and owners differently.
constexpr trust::Line kLine = trust::Line::kCable;
constexpr const char* kTrafficClass = "*";

report::Json cut_json(const CutResult& r, const std::vector<std::string>& names, const CableSet& set) {
  report::Json j;
  j["connected"] = r.connected;
  j["min_cut"] = r.cables.size();
  report::Json ids = report::Json::array();
  for (uint32_t k : r.cables) ids.push_back(set.cables[k].id);
  j["cut_cables"] = ids;
  j["cut_names"] = names;
  return j;
}

}  // namespace

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kTrusted:
      return "trusted";
    case Verdict::kUnknown:
      return "unknown";
    case Verdict::kUntrustedOwner:
      return "untrusted-owner";
    case Verdict::kUntrustedSupplier:
      return "untrusted-supplier";
  }
  return "unknown";
}

const char* verdict_colour(Verdict v) {
  switch (v) {
    case Verdict::kTrusted:
      return "#2e7d32";
    case Verdict::kUnknown:
      return "#9e9e9e";
    case Verdict::kUntrustedOwner:
      return "#ef6c00";
    case Verdict::kUntrustedSupplier:
      return "#c62828";
  }
  return "#9e9e9e";
}

CableCheck::CableCheck(const CableSet& set, const trust::Resolver& resolver, const trust::Policy& policy,
                       const trust::StatusOptions& status_options, CheckOptions options)
    : set_(set),
      resolver_(resolver),
      policy_(policy),
      judge_(resolver.registry(), policy, status_options, kLine),
      status_options_(status_options),
      options_(std::move(options)) {}

Party CableCheck::judge(std::string role, const std::string& text) const {
  std::optional<trust::Match> match;
  if (auto nm = resolver_.resolve_name(text)) match = trust::to_match(*nm);
  Party p;
  static_cast<trust::Judgement&>(p) = judge_.judge(std::move(match), kTrafficClass, role);
  p.role = std::move(role);
  p.text = text;
  return p;
}

const CountryRow* CableCheck::country(const std::string& code) const {
  for (const auto& r : countries_)
    if (r.code == code) return &r;
  return nullptr;
}

bool CableCheck::selected(uint32_t k) const {
  if (options_.country.empty()) return true;
  const auto& cs = verdicts_[k].countries;
  return std::binary_search(cs.begin(), cs.end(), options_.country);
}

core::Status CableCheck::run() {
  verdicts_.clear();
  verdicts_.reserve(set_.cables.size());
  // Parties repeat across cables ("ASN" on 136): resolve each string once.
  std::map<std::pair<std::string, std::string>, Party> cache;
  auto party = [&](const std::string& role, const std::string& text) {
    auto key = std::make_pair(role, text);
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(key, judge(role, text)).first;
    return it->second;
  };
  for (const Cable& c : set_.cables) {
    CableVerdict v;
    for (const auto& s : c.suppliers) v.parties.push_back(party("supplier", s));
    for (const auto& o : c.owners) v.parties.push_back(party("owner", o));
    bool any_unknown = v.parties.empty();
    for (size_t i = 0; i < v.parties.size(); ++i) {
      const Party& p = v.parties[i];
      if (p.status.status == trust::Status::kUntrusted) {
        Verdict here = p.role == "supplier" ? Verdict::kUntrustedSupplier : Verdict::kUntrustedOwner;
        if (v.deciding < 0 || here > v.verdict) {
          v.verdict = here;
          v.deciding = static_cast<int>(i);
        }
      } else if (p.status.status == trust::Status::kUnknown) {
        any_unknown = true;
      }
      if (p.violates()) v.clean = false;
    }
    if (v.deciding < 0) v.verdict = any_unknown ? Verdict::kUnknown : Verdict::kTrusted;
    for (const auto& lp : c.landing_points) v.countries.push_back(lp.country_code);
    std::sort(v.countries.begin(), v.countries.end());
    v.countries.erase(std::unique(v.countries.begin(), v.countries.end()), v.countries.end());
    v.carries = options_.include_planned || !c.planned;
    verdicts_.push_back(std::move(v));
  }
  // --without: ids first, then names (both exact, case-folded for names).
  removed_names_.clear();
  for (const std::string& w : options_.without) {
    std::optional<size_t> hit;
    for (size_t k = 0; k < set_.cables.size() && !hit; ++k)
      if (set_.cables[k].id == w) hit = k;
    for (size_t k = 0; k < set_.cables.size() && !hit; ++k)
      if (core::fold_ascii_lower(set_.cables[k].name) == core::fold_ascii_lower(w)) hit = k;
    if (!hit)
      return core::Error(core::SourcePos("--without"), "a cable id or name in " + set_.source, core::quote_found(w));
    verdicts_[*hit].removed = true;
    removed_names_.push_back(set_.cables[*hit].name);
  }
  connectivity();
  if (!options_.country.empty() && !country(options_.country))
    return core::Error(
        core::SourcePos("--country"), "a country with a cable in " + set_.source,
        options_.country +
            (country_name(options_.country).empty() ? std::string() : " (" + country_name(options_.country) + ")"));
  return core::Ok{};
}

void CableCheck::connectivity() {
  std::set<std::string> codes;
  for (const auto& v : verdicts_)
    if (v.carries)
      for (const auto& c : v.countries) codes.insert(c);
  std::vector<std::string> order(codes.begin(), codes.end());
  std::map<std::string, uint32_t> index;
  for (uint32_t i = 0; i < order.size(); ++i) index[order[i]] = i;
  CableGraph g;
  g.num_countries = static_cast<uint32_t>(order.size());
  g.cable_countries.resize(verdicts_.size());
  std::vector<bool> before_all(verdicts_.size()), before_clean(verdicts_.size()), all(verdicts_.size()),
      clean(verdicts_.size());
  countries_.assign(order.size(), {});
  for (uint32_t i = 0; i < order.size(); ++i) {
    countries_[i].code = order[i];
    countries_[i].name = country_name(order[i]);
  }
  for (uint32_t k = 0; k < verdicts_.size(); ++k) {
    const auto& v = verdicts_[k];
    if (!v.carries) continue;
    for (const auto& c : v.countries) g.cable_countries[k].push_back(index[c]);
    before_clean[k] = v.clean;
    all[k] = !v.removed;
    clean[k] = v.clean && !v.removed;
    if (v.removed) continue;
    for (uint32_t c : g.cable_countries[k]) {
      countries_[c].cables.push_back(k);
      countries_[c].clean += v.clean;
    }
  }
  std::vector<bool> is_target(order.size(), false);
  for (const auto& t : options_.targets) {
    auto it = index.find(t);
    if (it != index.end()) is_target[it->second] = true;
  }
  for (uint32_t c = 0; c < order.size(); ++c) {
    CountryRow& row = countries_[c];
    row.in_target = is_target[c];
    if (row.in_target) continue;
    row.all = min_cable_cut(g, all, c, is_target);
    row.clean_cut = min_cable_cut(g, clean, c, is_target);
    row.clean_before =
        options_.without.empty() ? row.clean_cut.connected : min_cable_cut(g, before_clean, c, is_target).connected;
  }
}

std::vector<std::string> CableCheck::cable_names(const std::vector<uint32_t>& cables) const {
  std::vector<std::string> out;
  for (uint32_t k : cables) out.push_back(set_.cables[k].name);
  return out;
}

report::Finding CableCheck::cable_finding(uint32_t k) const {
  const Cable& c = set_.cables[k];
  const CableVerdict& v = verdicts_[k];
  // The untrusted party that decides the verdict; without one, the first party whose
  // judgement violates the policy (a policy that denies unknown parties).
  size_t decider = 0;
  if (v.deciding >= 0)
    decider = static_cast<size_t>(v.deciding);
  else
    while (decider + 1 < v.parties.size() && !v.parties[decider].violates()) ++decider;
  const Party& p = v.parties[decider];
  const trust::Registry& reg = resolver_.registry();
  report::Finding f =
      report::finding_for(reg, kLine, p.decision, p.status.status, p.match ? &*p.match : nullptr, &p.status);
  f.subject = "cable " + c.id;
  f.element = p.role + " \"" + p.text + "\"";
  // Every untrusted party, not just the deciding one, is evidence.
  for (const Party& q : v.parties) {
    if (q.status.status != trust::Status::kUntrusted) continue;
    report::Evidence e;
    e.kind = "party";
    e.text = q.role + " \"" + q.text + "\" of " + c.name + " is " + reg.org(q.match->org).name + " (" +
             reg.org(q.match->org).id + ")";
    f.evidence.push_back(e);
    for (auto& ev : report::evidence_for(reg, q.status, &*q.match)) f.evidence.push_back(std::move(ev));
  }
  report::Evidence pol;
  pol.kind = "policy";
  pol.text = policy_.name + ": " + p.decision.reason;
  f.evidence.push_back(pol);
  f.explanation = c.name + " (" + (c.planned ? "planned" : "in service") +
                  (c.rfs_year ? ", " + std::to_string(*c.rfs_year) : std::string()) + "; lands in " +
                  join(v.countries) + ") has " +
                  (v.verdict == Verdict::kUntrustedSupplier ? "an untrusted supplier"
                   : v.verdict == Verdict::kUntrustedOwner  ? "an untrusted owner"
                                                            : "a " + p.role + " the policy does not accept") +
                  ": " +
                  (p.match ? report::explain(reg, p.status, p.match->org)
                           : p.text + " is not in the registry (status " + f.status + ").");
  f.suggested_fix = "Carry traffic that must stay clean on other cables; " +
                    std::string(c.planned ? "for a planned cable, choose a trusted supplier and owners"
                                          : "see the per-country minimum cuts for what depends on it");
  f.location = report::Location{set_.source, c.pos.line, c.pos.column};
  return f;
}

report::Finding CableCheck::country_finding(const CountryRow& row) const {
  // The decision an untrusted cable gets is the decision on losing the clean connection.
  trust::Decision d = judge_.decide(trust::Status::kUntrusted, kTrafficClass, "*");
  report::Finding f = report::finding_for(resolver_.registry(), kLine, d, trust::Status::kUntrusted);
  f.subject = "country " + row.code + " (" + row.name + ")";
  f.element = "connection to " + options_.targets_label;
  std::vector<std::string> listed;
  for (uint32_t k : row.cables) listed.push_back(set_.cables[k].name + " [" + verdict_name(verdicts_[k].verdict) + "]");
  report::Evidence e;
  e.kind = "connectivity";
  e.text = "cables landing in " + row.code + ": " + join(listed);
  f.evidence.push_back(e);
  report::Evidence cut;
  cut.kind = "min-cut";
  cut.text = "over all cables the smallest cut is " + std::to_string(row.all.cables.size()) +
             " cable(s): " + join(cable_names(row.all.cables));
  f.evidence.push_back(cut);
  if (!removed_names_.empty()) {
    report::Evidence w;
    w.kind = "what-if";
    w.text = "without " + join(removed_names_) +
             (row.clean_before ? " (the clean connection existed before)" : " (no clean connection before either)");
    f.evidence.push_back(w);
  }
  f.explanation = row.name + " (" + row.code + ") reaches " + options_.targets_label +
                  " by submarine cable, but not over clean cables: every route uses a cable with an untrusted "
                  "supplier or owner" +
                  (removed_names_.empty() ? "" : " or one of the cables removed") +
                  " (terrestrial links are not in the data and are ignored)";
  f.suggested_fix = "A clean cable from " + row.code + " to " + options_.targets_label +
                    " (or to a country that has one), or a terrestrial route";
  return f;
}

std::vector<report::Finding> CableCheck::findings() const {
  std::vector<report::Finding> out;
  for (uint32_t k = 0; k < verdicts_.size(); ++k)
    if (selected(k) && (verdicts_[k].deciding >= 0 || !verdicts_[k].clean)) out.push_back(cable_finding(k));
  for (const auto& row : countries_)
    if ((options_.country.empty() || row.code == options_.country) && (row.loses_clean() || row.lost_by_removal()))
      out.push_back(country_finding(row));
  return out;
}

bool CableCheck::violations() const {
  for (uint32_t k = 0; k < verdicts_.size(); ++k)
    if (selected(k) && !verdicts_[k].clean) return true;
  for (const auto& row : countries_)
    if ((options_.country.empty() || row.code == options_.country) && (row.loses_clean() || row.lost_by_removal()))
      return true;
  return false;
}

report::Json CableCheck::json() const {
  const trust::Registry& reg = resolver_.registry();
  report::Json j;
  j["source"] = set_.source;
  if (set_.source == kBundledName) j["attribution"] = kAttribution;
  j["policy"] = policy_.name;
  j["as_of"] = status_options_.as_of.to_string();
  j["targets"] = options_.targets;
  j["include_planned"] = options_.include_planned;
  report::Json wo = report::Json::array();
  for (uint32_t k = 0; k < verdicts_.size(); ++k)
    if (verdicts_[k].removed) wo.push_back(set_.cables[k].id);
  j["without"] = wo;
  if (!options_.country.empty()) j["country"] = options_.country;
  std::map<std::string, size_t> counts;
  report::Json cables = report::Json::array();
  for (uint32_t k = 0; k < verdicts_.size(); ++k) {
    if (!selected(k)) continue;
    const Cable& c = set_.cables[k];
    const CableVerdict& v = verdicts_[k];
    ++counts[verdict_name(v.verdict)];
    counts["clean"] += v.clean;
    counts["planned"] += c.planned;
    report::Json cj;
    cj["id"] = c.id;
    cj["name"] = c.name;
    cj["verdict"] = verdict_name(v.verdict);
    cj["clean"] = v.clean;
    cj["planned"] = c.planned;
    cj["removed"] = v.removed;
    cj["rfs_year"] = c.rfs_year ? report::Json(*c.rfs_year) : report::Json();
    cj["length_km"] = c.length_km ? report::Json(*c.length_km) : report::Json();
    cj["countries"] = v.countries;
    report::Json parties = report::Json::array();
    for (const Party& p : v.parties) {
      report::Json pj;
      pj["role"] = p.role;
      pj["text"] = p.text;
      if (p.match) {
        pj["organisation"] = reg.org(p.match->org).id;
        pj["organisation_name"] = reg.org(p.match->org).name;
        pj["match"] = p.match->how;
        pj["matched"] = p.match->matched;
        pj["confidence"] = p.match->confidence;
      } else {
        pj["organisation"] = nullptr;
      }
      pj["status"] = trust::status_name(p.status.status);
      pj["decision"] = trust::action_name(p.decision.action);
      pj["rule"] = trust::rule_id(p.decision, p.status.status);
      parties.push_back(pj);
    }
    cj["parties"] = parties;
    cables.push_back(cj);
  }
  report::Json cnt;
  cnt["cables"] = cables.size();
  for (const char* key : {"untrusted-supplier", "untrusted-owner", "unknown", "trusted", "clean", "planned"})
    cnt[key] = counts[key];
  j["counts"] = cnt;
  j["cables"] = cables;
  report::Json rows = report::Json::array();
  report::Json losing = report::Json::array();
  for (const auto& row : countries_) {
    if (!options_.country.empty() && row.code != options_.country) continue;
    report::Json rj;
    rj["code"] = row.code;
    rj["name"] = row.name;
    rj["cables"] = row.cables.size();
    rj["clean_cables"] = row.clean;
    rj["in_target"] = row.in_target;
    if (!row.in_target) {
      rj["all"] = cut_json(row.all, cable_names(row.all.cables), set_);
      rj["clean"] = cut_json(row.clean_cut, cable_names(row.clean_cut.cables), set_);
      if (!options_.without.empty()) rj["clean_before"] = row.clean_before;
    }
    rj["loses_clean"] = row.loses_clean() || row.lost_by_removal();
    if (row.loses_clean() || row.lost_by_removal()) losing.push_back(row.code);
    rows.push_back(rj);
  }
  j["countries"] = rows;
  j["losing_clean"] = losing;
  return j;
}

std::string CableCheck::text() const {
  const trust::Registry& reg = resolver_.registry();
  std::ostringstream os;
  // Untrusted cables, one line each.
  std::map<std::string, std::pair<std::string, size_t>> tally;  // "role org" -> name, cables
  size_t n = 0, counts[4] = {0, 0, 0, 0}, clean = 0;
  for (uint32_t k = 0; k < verdicts_.size(); ++k) {
    if (!selected(k)) continue;
    const CableVerdict& v = verdicts_[k];
    const Cable& c = set_.cables[k];
    ++n;
    ++counts[static_cast<int>(v.verdict)];
    clean += v.clean;
    std::set<std::string> seen;
    for (const Party& p : v.parties) {
      if (p.status.status != trust::Status::kUntrusted) continue;
      const auto& org = reg.org(p.match->org);
      if (seen.insert(p.role + " " + org.id).second) {
        auto& t = tally[p.role + " " + org.id];
        t.first = org.name;
        ++t.second;
      }
    }
    if (v.deciding < 0) continue;
    os << verdict_name(v.verdict) << "  " << c.id << " (" << c.name << (c.planned ? ", planned" : "")
       << (c.rfs_year ? ", " + std::to_string(*c.rfs_year) : std::string()) << "):";
    const char* sep = " ";
    for (const Party& p : v.parties) {
      if (p.status.status != trust::Status::kUntrusted) continue;
      os << sep << p.role << " \"" << p.text << "\" -> " << reg.org(p.match->org).id << " (" << p.match->how << " \""
         << p.match->matched << "\", " << report::confidence_text(p.match->confidence) << ") "
         << trust::action_name(p.decision.action) << " [" << trust::rule_id(p.decision, p.status.status) << "]";
      sep = "; ";
    }
    os << "\n";
  }
  for (const auto& [key, t] : tally)
    os << key.substr(0, key.find(' ')) << " " << t.first << " (" << key.substr(key.find(' ') + 1) << "): " << t.second
       << " cable" << (t.second == 1 ? "" : "s") << "\n";
  // Countries whose only routes use untrusted cables, and (what-if) those whose clean
  // connection the removed cables take away.
  std::vector<std::string> losing, lost;
  for (const auto& row : countries_) {
    if (!options_.country.empty() && row.code != options_.country) continue;
    if (row.lost_by_removal())
      lost.push_back(row.code + " " + row.name);
    else if (row.loses_clean())
      losing.push_back(row.code + " " + row.name);
  }
  if (!options_.country.empty()) {
    const CountryRow& row = *country(options_.country);
    os << "country " << row.code << " " << row.name << ": " << row.cables.size() << " cable"
       << (row.cables.size() == 1 ? "" : "s") << " carrying traffic, " << row.clean << " clean\n";
    if (row.in_target) {
      os << "  in the target set " << options_.targets_label << "\n";
    } else {
      auto line = [&](const char* over, const CutResult& r) {
        os << "  to " << options_.targets_label << " over " << over << ": ";
        if (!r.connected) {
          os << "no connection\n";
          return;
        }
        os << "connected; smallest cut " << r.cables.size() << ": " << join(cable_names(r.cables)) << "\n";
      };
      line("all cables", row.all);
      line("clean cables", row.clean_cut);
    }
    for (uint32_t k : row.cables)
      os << "  " << verdict_name(verdicts_[k].verdict) << "  " << set_.cables[k].id << " (" << set_.cables[k].name
         << ")\n";
  }
  os << "countries losing a clean connection to " << options_.targets_label
     << " (only untrusted cables): " << (losing.empty() ? "none" : join(losing)) << "\n";
  if (!removed_names_.empty())
    os << "without " << join(removed_names_) << ": countries losing their clean connection to "
       << options_.targets_label << ": " << (lost.empty() ? "none" : join(lost)) << "\n";
  os << n << " cables: " << counts[3] << " untrusted-supplier, " << counts[2] << " untrusted-owner, " << counts[1]
     << " unknown, " << counts[0] << " trusted; " << clean << " clean\n";
  return os.str();
}

report::Json CableCheck::geojson(const report::Json& routes) const {
  report::Json fc;
  fc["type"] = "FeatureCollection";
  report::Json features = report::Json::array();
  for (uint32_t k = 0; k < verdicts_.size(); ++k) {
    if (!selected(k)) continue;
    const Cable& c = set_.cables[k];
    const CableVerdict& v = verdicts_[k];
    report::Json f;
    f["type"] = "Feature";
    f["id"] = c.id;
    auto it = routes.find(c.id);
    f["geometry"] = it == routes.end() ? report::Json() : *it;
    report::Json p;
    p["id"] = c.id;
    p["name"] = c.name;
    p["verdict"] = verdict_name(v.verdict);
    p["colour"] = verdict_colour(v.verdict);
    p["clean"] = v.clean;
    p["planned"] = c.planned;
    p["removed"] = v.removed;
    p["countries"] = v.countries;
    f["properties"] = p;
    features.push_back(f);
  }
  fc["features"] = features;
  if (set_.source == kBundledName) fc["attribution"] = kAttribution;
  return fc;
}

}  // namespace cleannet::cable
