#include "cleannet/registry/diff.h"

#include <algorithm>
#include <map>
#include <set>

#include "cleannet/report/evidence.h"

namespace cleannet::registry {

namespace {

std::string date_text(const std::optional<core::Date>& d) { return d ? d->to_string() : std::string(); }

DesignationRef ref(const trust::Designation& d) {
  return DesignationRef{
      d.list, trust::status_name(d.status), date_text(d.date), date_text(d.until), d.source_url, d.quote, d.verified};
}

// Items of a list field as text, sorted and without repeats, for set differences.
std::vector<std::string> items(const trust::Organisation& o, const std::string& field) {
  std::vector<std::string> v;
  const trust::Identifiers& id = o.identifiers;
  if (field == "aliases") v = o.aliases;
  if (field == "kinds") v = o.kinds;
  if (field == "owners")
    for (const auto& w : o.owners) v.push_back(report::ownership_text(w));
  if (field == "asns")
    for (uint32_t a : id.asns) v.push_back("AS" + std::to_string(a));
  if (field == "prefixes")
    for (const auto& p : id.prefixes) v.push_back(p.to_string());
  if (field == "ouis")
    for (const auto& x : id.ouis) v.push_back(x.to_string());
  if (field == "domains") v = id.domains;
  if (field == "android_packages") v = id.android_packages;
  if (field == "sdk_prefixes") v = id.sdk_prefixes;
  if (field == "cert_sha256") v = id.cert_sha256;
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// A holding whose share, period or verification changed shows as one removed and one added.
constexpr const char* kListFields[] = {"aliases", "kinds",   "owners",           "asns",         "prefixes",
                                       "ouis",    "domains", "android_packages", "sdk_prefixes", "cert_sha256"};

void compare_fields(const trust::Organisation& a, const trust::Organisation& b, OrganisationChange& c) {
  auto scalar = [&](const char* field, const std::string& x, const std::string& y) {
    if (x != y) c.fields.push_back(FieldChange{field, x, y, {}, {}});
  };
  scalar("name", a.name, b.name);
  scalar("country", a.country, b.country);
  for (const char* field : kListFields) {
    std::vector<std::string> x = items(a, field), y = items(b, field);
    FieldChange f{field, {}, {}, {}, {}};
    std::set_difference(y.begin(), y.end(), x.begin(), x.end(), std::back_inserter(f.added));
    std::set_difference(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(f.removed));
    if (!f.added.empty() || !f.removed.empty()) c.fields.push_back(std::move(f));
  }
}

void compare_designations(const trust::Organisation& a, const trust::Organisation& b, OrganisationChange& c) {
  // By (list, date), in file order within one key: the k-th of OLD pairs with the k-th of NEW.
  using Key = std::pair<std::string, std::string>;
  std::map<Key, std::vector<const trust::Designation*>> before, after;
  for (const auto& d : a.designations) before[{d.list, date_text(d.date)}].push_back(&d);
  for (const auto& d : b.designations) after[{d.list, date_text(d.date)}].push_back(&d);
  for (const auto& [key, olds] : before) {
    auto it = after.find(key);
    const size_t paired = it == after.end() ? 0 : std::min(olds.size(), it->second.size());
    for (size_t i = 0; i < olds.size(); ++i) {
      if (i >= paired) {
        c.designations_removed.push_back(ref(*olds[i]));
        continue;
      }
      const trust::Designation& x = *olds[i];
      const trust::Designation& y = *it->second[i];
      DesignationChange ch{ref(x), ref(y), {}};
      if (x.status != y.status) ch.fields.push_back("status");
      if (x.until != y.until) ch.fields.push_back("until");
      if (x.source_url != y.source_url) ch.fields.push_back("source_url");
      if (x.quote != y.quote) ch.fields.push_back("quote");
      if (x.verified != y.verified) ch.fields.push_back("verified");
      if (!ch.fields.empty()) c.designations_changed.push_back(std::move(ch));
    }
  }
  for (const auto& [key, news] : after) {
    auto it = before.find(key);
    const size_t paired = it == before.end() ? 0 : std::min(news.size(), it->second.size());
    for (size_t i = paired; i < news.size(); ++i) c.designations_added.push_back(ref(*news[i]));
  }
}

OrganisationChange whole(const trust::Organisation& o, bool added) {
  OrganisationChange c;
  c.id = o.id;
  c.name = o.name;
  for (const auto& d : o.designations) (added ? c.designations_added : c.designations_removed).push_back(ref(d));
  return c;
}

report::Json ref_json(const DesignationRef& r) {
  report::Json j = {
      {"list", r.list}, {"status", r.status}, {"date", r.date.empty() ? report::Json(nullptr) : report::Json(r.date)}};
  if (!r.until.empty()) j["until"] = r.until;
  j["source_url"] = r.source_url;
  j["quote"] = r.quote;
  j["verified"] = r.verified;
  return j;
}

report::Json change_json(const OrganisationChange& c) {
  report::Json j = {{"id", c.id}, {"name", c.name}};
  report::Json fields = report::Json::array();
  for (const FieldChange& f : c.fields) {
    report::Json x = {{"field", f.field}};
    if (f.added.empty() && f.removed.empty()) {
      x["before"] = f.before;
      x["after"] = f.after;
    } else {
      x["added"] = f.added;
      x["removed"] = f.removed;
    }
    fields.push_back(std::move(x));
  }
  j["fields"] = std::move(fields);
  auto refs = [](const std::vector<DesignationRef>& v) {
    report::Json a = report::Json::array();
    for (const auto& r : v) a.push_back(ref_json(r));
    return a;
  };
  j["designations_added"] = refs(c.designations_added);
  j["designations_removed"] = refs(c.designations_removed);
  report::Json changed = report::Json::array();
  for (const auto& d : c.designations_changed)
    changed.push_back({{"before", ref_json(d.before)}, {"after", ref_json(d.after)}, {"fields", d.fields}});
  j["designations_changed"] = std::move(changed);
  return j;
}

std::string ref_text(const DesignationRef& r) {
  std::string s = r.list + " " + r.status + " " + (r.date.empty() ? "(undated)" : r.date);
  if (!r.until.empty()) s += " until " + r.until;
  if (!r.verified) s += " (unverified)";
  return s;
}

}  // namespace

RegistryDiff diff(const trust::Registry& before, const trust::Registry& after, const trust::StatusOptions& options) {
  RegistryDiff d;
  d.as_of = options.as_of.to_string();
  std::map<std::string, std::pair<const trust::Organisation*, const trust::Organisation*>> by_id;
  for (const auto& o : before.organisations()) by_id[o.id].first = &o;
  for (const auto& o : after.organisations()) by_id[o.id].second = &o;
  for (const auto& [id, pair] : by_id) {
    const auto [a, b] = pair;
    if (!a) {
      d.added.push_back(whole(*b, true));
    } else if (!b) {
      d.removed.push_back(whole(*a, false));
    } else {
      OrganisationChange c;
      c.id = id;
      c.name = b->name;
      compare_fields(*a, *b, c);
      compare_designations(*a, *b, c);
      if (!c.empty()) d.changed.push_back(std::move(c));
    }
    // A status can change with nothing changed in the organisation itself (an owner's did).
    const std::string& org_id = id;  // clang 14 (the sanitizer build) captures no structured binding
    auto status = [&](const trust::Registry& reg) -> std::string {
      auto oid = reg.find_id(org_id);
      return oid ? trust::status_name(trust::evaluate_status(reg, *oid, options).status) : "absent";
    };
    std::string s0 = status(before), s1 = status(after);
    if (s0 != s1) d.status.push_back(StatusChange{id, b ? b->name : a->name, s0, s1});
  }
  return d;
}

core::Result<trust::Registry> load_for_diff(const std::string& what, bool over_bundled) {
  if (what == kBundledArgument) return trust::load_registry({}, true);
  return trust::load_registry({what}, over_bundled);
}

report::Json diff_json(const RegistryDiff& d) {
  auto list = [](const std::vector<OrganisationChange>& v) {
    report::Json a = report::Json::array();
    for (const auto& c : v) a.push_back(change_json(c));
    return a;
  };
  report::Json status = report::Json::array();
  for (const auto& s : d.status)
    status.push_back({{"id", s.id}, {"name", s.name}, {"before", s.before}, {"after", s.after}});
  return {{"as_of", d.as_of},
          {"organisations_added", list(d.added)},
          {"organisations_removed", list(d.removed)},
          {"organisations_changed", list(d.changed)},
          {"status_changed", std::move(status)}};
}

std::string diff_text(const RegistryDiff& d) {
  std::string s;
  auto designations = [&](const OrganisationChange& c) {
    for (const auto& r : c.designations_added) s += "    + designation " + ref_text(r) + "\n";
    for (const auto& r : c.designations_removed) s += "    - designation " + ref_text(r) + "\n";
    for (const auto& ch : c.designations_changed) {
      s += "    ~ designation " + ref_text(ch.before) + ": ";
      for (size_t i = 0; i < ch.fields.size(); ++i) s += (i ? ", " : "") + ch.fields[i];
      s += " changed";
      if (ch.before.until != ch.after.until)
        s += " (until " + (ch.before.until.empty() ? std::string("none") : ch.before.until) + " -> " +
             (ch.after.until.empty() ? std::string("none") : ch.after.until) + ")";
      if (ch.before.status != ch.after.status) s += " (" + ch.before.status + " -> " + ch.after.status + ")";
      s += "\n";
    }
  };
  for (const auto& c : d.added) {
    s += "+ " + c.id + " (" + c.name + ")\n";
    designations(c);
  }
  for (const auto& c : d.removed) {
    s += "- " + c.id + " (" + c.name + ")\n";
    designations(c);
  }
  for (const auto& c : d.changed) {
    s += "~ " + c.id + " (" + c.name + ")\n";
    for (const FieldChange& f : c.fields) {
      if (f.added.empty() && f.removed.empty()) {
        s += "    ~ " + f.field + ": \"" + f.before + "\" -> \"" + f.after + "\"\n";
        continue;
      }
      for (const auto& x : f.added) s += "    + " + f.field + " " + x + "\n";
      for (const auto& x : f.removed) s += "    - " + f.field + " " + x + "\n";
    }
    designations(c);
  }
  if (!d.status.empty()) {
    s += "status as of " + d.as_of + ":\n";
    for (const auto& x : d.status) s += "  " + x.id + " (" + x.name + "): " + x.before + " -> " + x.after + "\n";
  }
  s += std::to_string(d.added.size()) + " organisation(s) added, " + std::to_string(d.removed.size()) + " removed, " +
       std::to_string(d.changed.size()) + " changed; " + std::to_string(d.status.size()) + " status change(s) as of " +
       d.as_of + "\n";
  return s;
}

}  // namespace cleannet::registry
