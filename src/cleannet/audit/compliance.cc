#include "cleannet/audit/compliance.h"

#include <algorithm>
#include <cstdint>
#include <tuple>

#include "cleannet/core/input.h"
#include "cleannet/core/toml.h"
#include "cleannet/trust/line.h"

namespace cleannet::audit {

std::string_view bundled_measures_toml();

namespace {

constexpr size_t kMaxFileBytes = 16u << 20;
constexpr std::string_view kBundledOrigin = "bundled:measures";

bool is_framework(std::string_view f) { return f == kCleanNetwork || f == kEu5gToolbox; }

}  // namespace

core::Result<ComplianceMap> ComplianceMap::parse(const std::string& origin, std::string_view text) {
  auto root = core::parse_toml(origin, text);
  if (!root) return root.error();
  std::vector<core::Error> errs;
  ComplianceMap map;
  std::vector<core::SourcePos> first_seen;  // where each measure id was declared
  core::TableReader r(*root, origin, errs, "a measures file");

  r.tables("measure", [&](const toml::table& t) {
    core::TableReader mr(t, origin, errs, "[[measure]]");
    Measure m;
    if (auto v = mr.str("id", true)) m.id = *v;
    if (auto v = mr.str("framework", true)) m.framework = *v;
    if (auto v = mr.str("title", true)) m.title = *v;
    if (auto v = mr.str("source_url", true)) m.source_url = *v;
    mr.get("source_date", true);
    if (auto d = mr.date("source_date")) m.source_date = d->to_string();
    if (auto v = mr.str("quote", true)) m.quote = *v;
    mr.finish({"id", "framework", "title", "source_url", "source_date", "quote"});
    if (t.get("id") && t.get("id")->is_string() && m.id.empty())
      mr.error(*t.get("id"), "a measure id", "an empty string");
    if (!m.framework.empty() && !is_framework(m.framework))
      mr.error(*t.get("framework"), "framework \"clean-network\" or \"eu-5g-toolbox\"", core::quote_found(m.framework));
    if (!m.source_url.empty() && !m.source_url.starts_with("https://") && !m.source_url.starts_with("http://"))
      mr.error(*t.get("source_url"), "source_url as an http(s) URL", core::quote_found(m.source_url));
    for (size_t i = 0; i < map.measures_.size(); ++i)
      if (!m.id.empty() && map.measures_[i].id == m.id)
        mr.error(*t.get("id"), "a unique measure id (first used at " + first_seen[i].to_string() + ")",
                 core::quote_found(m.id));
    map.measures_.push_back(std::move(m));
    first_seen.push_back(mr.pos());
  });

  // Entries after measures, so that an entry may name a measure declared further down.
  r.tables("map", [&](const toml::table& t) {
    core::TableReader er(t, origin, errs, "[[map]]");
    Entry e;
    if (auto v = er.str("line")) {
      if (trust::parse_line(*v))
        e.line = *v;
      else
        er.error(*t.get("line"), "line path, carrier, cloud, cable, apps, things, trace or registry",
                 core::quote_found(*v));
    }
    if (auto v = er.str("rule")) {
      const size_t star = v->find('*');
      if (v->empty() || (star != std::string::npos && star + 1 != v->size()))
        er.error(*t.get("rule"), "rule as a rule id, or a prefix ending in \"*\"", core::quote_found(*v));
      else
        e.rule = *v;
    }
    if (!t.get("line") && !t.get("rule")) er.error(t, "line, rule or both in [[map]]", "neither");
    er.get("measures", true);
    er.strings("measures", [&](const std::string& id, const toml::node& n) {
      auto it = std::find_if(map.measures_.begin(), map.measures_.end(), [&](const Measure& m) { return m.id == id; });
      if (it == map.measures_.end()) {
        er.error(n, "a measure id declared in a [[measure]]", core::quote_found(id));
        return;
      }
      const size_t index = static_cast<size_t>(it - map.measures_.begin());
      if (std::find(e.measures.begin(), e.measures.end(), index) == e.measures.end()) e.measures.push_back(index);
    });
    if (const toml::node* n = t.get("measures"); n && n->is_array() && n->as_array()->empty())
      er.error(*n, "at least one measure id", "an empty array");
    er.finish({"line", "rule", "measures"});
    map.entries_.push_back(std::move(e));
  });
  r.finish({"measure", "map"});

  // One problem at a time, the first in the file (as the policy loader).
  if (!errs.empty()) {
    return core::first_in_file(errs);
  }
  return map;
}

core::Result<ComplianceMap> ComplianceMap::load(const std::string& path) {
  auto in = core::Input::open(path);
  if (!in) return core::Error(core::SourcePos(path), "a measures file", in.error().found());
  auto text = in->read_all(kMaxFileBytes);
  if (!text) return text.error();
  return parse(path, *text);
}

core::Result<ComplianceMap> ComplianceMap::load_bundled() {
  return parse(std::string(kBundledOrigin), bundled_measures_toml());
}

bool ComplianceMap::entry_matches(const Entry& e, std::string_view line, std::string_view rule) const {
  if (!e.line.empty() && e.line != line) return false;
  if (e.rule.empty()) return true;
  if (e.rule.back() == '*') return rule.starts_with(std::string_view(e.rule).substr(0, e.rule.size() - 1));
  return rule == e.rule;
}

std::vector<const Measure*> ComplianceMap::measures_for(std::string_view line, std::string_view rule) const {
  std::vector<bool> hit(measures_.size(), false);
  for (const Entry& e : entries_)
    if (entry_matches(e, line, rule))
      for (size_t i : e.measures) hit[i] = true;
  std::vector<const Measure*> out;
  for (size_t i = 0; i < measures_.size(); ++i)
    if (hit[i]) out.push_back(&measures_[i]);
  return out;
}

bool ComplianceMap::covers(const Measure& m, std::string_view line) const {
  for (const Entry& e : entries_) {
    if (!e.line.empty() && e.line != line) continue;
    for (size_t i : e.measures)
      if (&measures_[i] == &m) return true;
  }
  return false;
}

std::vector<std::string> frameworks_for_policy(std::string_view policy_name) {
  if (policy_name == "clean-network") return {std::string(kCleanNetwork)};
  if (policy_name == "eu-toolbox") return {std::string(kEu5gToolbox)};
  return {std::string(kCleanNetwork), std::string(kEu5gToolbox)};
}

ComplianceItem item_of(const report::Finding& f, bool suppressed) {
  return ComplianceItem{f.line, f.rule, f.severity, suppressed};
}

std::string_view MeasureCount::status() const {
  if (findings > 0) return "findings";
  return checked ? "clean" : "not checked";
}

std::vector<MeasureCount> summarise(const ComplianceMap& map, const std::vector<std::string>& frameworks,
                                    const std::vector<std::string>& lines_checked,
                                    const std::vector<ComplianceItem>& items) {
  const std::vector<Measure>& ms = map.measures();
  std::vector<MeasureCount> out;
  std::vector<size_t> slot(ms.size(), SIZE_MAX);  // measure index -> index in out
  for (size_t i = 0; i < ms.size(); ++i) {
    if (std::find(frameworks.begin(), frameworks.end(), ms[i].framework) == frameworks.end()) continue;
    MeasureCount c;
    c.measure = &ms[i];
    c.checked = std::any_of(lines_checked.begin(), lines_checked.end(),
                            [&](const std::string& line) { return map.covers(ms[i], line); });
    slot[i] = out.size();
    out.push_back(c);
  }
  for (const ComplianceItem& item : items) {
    for (const Measure* m : map.measures_for(item.line, item.rule)) {
      const size_t s = slot[static_cast<size_t>(m - ms.data())];
      if (s == SIZE_MAX) continue;
      MeasureCount& c = out[s];
      c.checked = true;  // a finding on the measure's line shows that a check looked
      // Notes are information, not a failing, suppressed or not.
      if (item.severity == report::Severity::kNote) continue;
      if (item.suppressed)
        ++c.suppressed;
      else
        ++c.findings;
    }
  }
  return out;
}

report::Json to_json(const std::vector<MeasureCount>& counts) {
  report::Json arr = report::Json::array();
  for (const MeasureCount& c : counts) {
    report::Json j;
    j["id"] = c.measure->id;
    j["framework"] = c.measure->framework;
    j["title"] = c.measure->title;
    j["source_url"] = c.measure->source_url;
    j["source_date"] = c.measure->source_date;
    j["quote"] = c.measure->quote;
    j["status"] = std::string(c.status());
    j["findings"] = c.findings;
    j["suppressed"] = c.suppressed;
    arr.push_back(std::move(j));
  }
  return arr;
}

std::string to_text(const std::vector<MeasureCount>& counts) {
  static constexpr std::string_view kHead[] = {"measure", "status", "findings", "suppressed", "title"};
  size_t w_id = kHead[0].size(), w_status = std::string_view("not checked").size();
  size_t w_findings = kHead[2].size(), w_suppressed = kHead[3].size();
  for (const MeasureCount& c : counts) {
    w_id = std::max(w_id, c.measure->id.size());
    w_findings = std::max(w_findings, std::to_string(c.findings).size());
    w_suppressed = std::max(w_suppressed, std::to_string(c.suppressed).size());
  }
  auto left = [](std::string& s, std::string_view v, size_t w) { s.append(v).append(w - v.size() + 2, ' '); };
  auto right = [](std::string& s, std::string_view v, size_t w) {
    s.append(w - v.size(), ' ').append(v).append(2, ' ');
  };
  std::string out;
  // The title goes last: it is long, and the columns before it stay aligned.
  left(out, kHead[0], w_id);
  left(out, kHead[1], w_status);
  right(out, kHead[2], w_findings);
  right(out, kHead[3], w_suppressed);
  out.append(kHead[4]).push_back('\n');
  for (const MeasureCount& c : counts) {
    left(out, c.measure->id, w_id);
    left(out, c.status(), w_status);
    right(out, std::to_string(c.findings), w_findings);
    right(out, std::to_string(c.suppressed), w_suppressed);
    out.append(c.measure->title).push_back('\n');
  }
  return out;
}

}  // namespace cleannet::audit
