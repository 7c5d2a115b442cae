#include "cleannet/audit/suppressions.h"

#include <fnmatch.h>

#include <algorithm>
#include <tuple>

#include "cleannet/core/input.h"
#include "cleannet/core/toml.h"

namespace cleannet::audit {

namespace {

bool is_fingerprint(std::string_view s) {
  return s.size() == 32 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

bool SuppressionEntry::matches(const report::Finding& f, std::string_view fp) const {
  if (!fingerprint.empty()) return fingerprint == fp;
  if (!rule.empty() && rule != f.rule) return false;
  if (!organisation.empty() && organisation != f.organisation) return false;
  if (!line.empty() && line != f.line) return false;
  if (!element.empty() && ::fnmatch(element.c_str(), f.element.c_str(), 0) != 0) return false;
  return true;
}

std::string SuppressionEntry::what() const {
  if (!fingerprint.empty()) return "fingerprint " + fingerprint;
  std::string s;
  auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) s += (s.empty() ? "" : ", ") + std::string(k) + " " + v;
  };
  add("line", line);
  add("rule", rule);
  add("organisation", organisation);
  add("element", element);
  return s;
}

core::Result<Suppressions> parse_suppressions(const std::string& path, std::string_view text) {
  auto root = core::parse_toml(path, text);
  if (!root) return root.error();
  std::vector<core::Error> errs;
  Suppressions out;
  out.path = path;
  core::TableReader r(*root, path, errs, "a suppressions file");
  r.tables("suppression", [&](const toml::table& t) {
    core::TableReader e(t, path, errs, "[[suppression]]");
    SuppressionEntry s;
    s.source = path + ":" + std::to_string(t.source().begin.line);
    if (auto v = e.str("fingerprint")) {
      s.fingerprint = *v;
      if (!is_fingerprint(*v))
        e.error(*t.get("fingerprint"), "fingerprint as 32 lower-case hex digits (docs/fingerprints.md)",
                core::quote_found(*v));
    }
    if (auto v = e.str("rule")) s.rule = *v;
    if (auto v = e.str("organisation")) s.organisation = *v;
    if (auto v = e.str("element")) s.element = *v;
    if (auto v = e.str("line")) s.line = *v;
    if (auto v = e.str("reason", true)) {
      s.reason = *v;
      if (v->empty()) e.error(*t.get("reason"), "reason as a non-empty string", "an empty string");
    }
    if (auto v = e.str("owner", true)) {
      s.owner = *v;
      if (v->empty()) e.error(*t.get("owner"), "owner as a non-empty string", "an empty string");
    }
    auto created = e.date("created");
    auto expires = e.date("expires");
    if (!t.get("created")) errs.emplace_back(e.pos(), "key \"created\" in [[suppression]]", "none");
    if (!t.get("expires")) errs.emplace_back(e.pos(), "key \"expires\" in [[suppression]]", "none");
    e.finish({"fingerprint", "rule", "organisation", "element", "line", "reason", "owner", "created", "expires"});
    const bool pattern = !s.rule.empty() || !s.organisation.empty() || !s.element.empty() || !s.line.empty();
    if (s.fingerprint.empty() && !pattern)
      errs.emplace_back(e.pos(), "a fingerprint, or at least one of rule, organisation, element and line", "none");
    if (!s.fingerprint.empty() && pattern)
      errs.emplace_back(e.pos(), "a fingerprint or a rule/organisation/element/line pattern, not both", "both");
    if (created && expires) {
      s.created = *created;
      s.expires = *expires;
      if (*expires < *created)
        e.error(*t.get("expires"), "expires on or after created (" + created->to_string() + ")", expires->to_string());
    }
    out.entries.push_back(std::move(s));
  });
  r.finish({"suppression"});
  if (!errs.empty()) {
    return core::first_in_file(errs);
  }
  return out;
}

core::Result<Suppressions> load_suppressions(const std::string& path) {
  auto in = core::Input::open(path);
  if (!in) return in.error();
  auto text = in->read_all(16u << 20);
  if (!text) return text.error();
  return parse_suppressions(path, *text);
}

SuppressionOutcome apply(const Suppressions& s, core::Date as_of, std::vector<report::Finding*>& findings) {
  SuppressionOutcome out;
  std::vector<const SuppressionEntry*> active;
  for (const SuppressionEntry& e : s.entries) {
    if (as_of > e.expires)
      out.expired.push_back(e);
    else if (as_of < e.created)
      out.pending.push_back(e);
    else
      active.push_back(&e);
  }
  std::vector<bool> used(active.size(), false);
  for (report::Finding* f : findings) {
    const std::string fp = report::fingerprint(*f);
    for (size_t i = 0; i < active.size(); ++i) {
      const SuppressionEntry& e = *active[i];
      if (!e.matches(*f, fp)) continue;
      f->suppression = report::Suppression{e.reason, e.owner, e.expires.to_string(), e.created.to_string(), e.source};
      used[i] = true;
      ++out.suppressed;
      break;
    }
  }
  for (size_t i = 0; i < active.size(); ++i)
    if (!used[i]) out.stale.push_back(*active[i]);
  return out;
}

report::Json to_json(const SuppressionOutcome& o) {
  auto list = [](const std::vector<SuppressionEntry>& v) {
    report::Json a = report::Json::array();
    for (const SuppressionEntry& e : v)
      a.push_back({{"source", e.source},
                   {"matches", e.what()},
                   {"reason", e.reason},
                   {"owner", e.owner},
                   {"created", e.created.to_string()},
                   {"expires", e.expires.to_string()}});
    return a;
  };
  return {{"suppressed", o.suppressed}, {"expired", list(o.expired)}, {"pending", list(o.pending)}, {"stale", list(o.stale)}};
}

}  // namespace cleannet::audit
