#include "cleannet/audit/diff.h"

#include <sstream>
#include <unordered_map>

#include "cleannet/audit/evidence_table.h"
#include "cleannet/audit/json_dump.h"
#include "cleannet/report/check_report.h"
#include "cleannet/report/finding_fields.h"
#include "cleannet/report/render.h"

namespace cleannet::audit {

using report::Json;

namespace {

// What a finding says, as opposed to what identifies it: a change here is "changed evidence".
bool same_evidence(const report::Finding& x, const report::Finding& y) {
  return x.severity == y.severity && x.status == y.status && x.verified == y.verified && x.evidence == y.evidence &&
         x.suppression.has_value() == y.suppression.has_value();
}

std::vector<std::pair<std::string, const report::Finding*>> findings_of(const AuditRun& r) {
  std::vector<std::pair<std::string, const report::Finding*>> out;
  for (const CheckResult& c : r.checks)
    for (const report::Finding& f : c.report.findings) out.emplace_back(c.name, &f);
  return out;
}

std::string line_of(const FindingRef& r) {
  const report::Finding& f = r.finding;
  std::string s = "  " + std::string(report::severity_name(f.severity)) + " " + f.line + " [" + f.rule + "] " +
                  f.element + (f.organisation.empty() ? "" : " -> " + f.organisation) + "  " +
                  report::fingerprint(f);
  if (f.suppression) s += " (suppressed: " + f.suppression->reason + ")";
  return s + "\n";
}

}  // namespace

bool RunDiff::fails(FailOn on) const {
  for (const FindingRef& r : added)
    if (audit::fails(r.finding, on)) return true;
  return false;
}

RunDiff diff_runs(const AuditRun& a, const AuditRun& b) {
  RunDiff d;
  d.a = a.id;
  d.b = b.id;
  d.scenario_a = a.scenario_name;
  d.scenario_b = b.scenario_name;
  d.as_of_a = a.as_of;
  d.as_of_b = b.as_of;
  d.started_a = a.started;
  d.started_b = b.started;
  // A fingerprint may stand for several findings (the same element on several demands'
  // paths): they pair up in order, and the extra ones are added or fixed.
  std::unordered_map<std::string, std::vector<std::pair<std::string, const report::Finding*>>> in_a;
  std::vector<std::string> order_a;
  for (auto& [check, f] : findings_of(a)) {
    std::string fp = report::fingerprint(*f);
    auto& v = in_a[fp];
    if (v.empty()) order_a.push_back(fp);
    v.emplace_back(check, f);
  }
  std::unordered_map<std::string, size_t> used;
  for (auto& [check, f] : findings_of(b)) {
    std::string fp = report::fingerprint(*f);
    auto it = in_a.find(fp);
    size_t& n = used[fp];
    if (it == in_a.end() || n >= it->second.size()) {
      d.added.push_back({check, *f});
      continue;
    }
    const report::Finding& old = *it->second[n++].second;
    (same_evidence(old, *f) ? d.unchanged : d.changed).push_back({check, *f});
  }
  for (const std::string& fp : order_a) {
    const auto& v = in_a[fp];
    for (size_t i = used[fp]; i < v.size(); ++i) d.fixed.push_back({v[i].first, *v[i].second});
  }
  return d;
}

namespace {

// The JSON of `audit diff --format json`; with `table`, each finding's evidence as indices into
// it, interned in the order the lists are written.
Json diff_json(const RunDiff& d, FailOn fail_on, EvidenceTable* table) {
  auto list = [table](const std::vector<FindingRef>& v) {
    Json a = Json::array();
    for (const FindingRef& r : v) {
      Json f;
      if (table) {
        report::JsonTreeWriter w;
        report::write_finding(w, r.finding, report::fingerprint(r.finding), /*identity=*/false,
                              [&](const std::vector<report::Evidence>& evidence) {
                                w.begin_array();
                                for (const report::Evidence& e : evidence) w.value(uint64_t{table->intern(e)});
                                w.end_array();
                              });
        f = std::move(w).result();
      } else {
        f = report::finding_to_json(r.finding);
      }
      f["check"] = r.check;
      a.push_back(std::move(f));
    }
    return a;
  };
  return {{"a", {{"run", d.a}, {"scenario", d.scenario_a}, {"as_of", d.as_of_a}, {"started", d.started_a}}},
          {"b", {{"run", d.b}, {"scenario", d.scenario_b}, {"as_of", d.as_of_b}, {"started", d.started_b}}},
          {"counts",
           {{"new", d.added.size()},
            {"fixed", d.fixed.size()},
            {"changed_evidence", d.changed.size()},
            {"unchanged", d.unchanged.size()}}},
          {"new", list(d.added)},
          {"fixed", list(d.fixed)},
          {"changed_evidence", list(d.changed)},
          {"unchanged", list(d.unchanged)},
          {"fail_on", fail_on_name(fail_on)},
          {"fails", d.fails(fail_on)}};
}

}  // namespace

std::string render_diff_json_interned(const RunDiff& d, FailOn fail_on, EvidenceTable& evidence) {
  return dump(diff_json(d, fail_on, &evidence), -1, Json::error_handler_t::replace);
}

std::string render_diff(const RunDiff& d, OutputFormat format, FailOn fail_on) {
  if (format == OutputFormat::kJson) return report::dump_json(diff_json(d, fail_on, nullptr)) + "\n";
  std::ostringstream o;
  o << "audit diff: run " << d.a << " (" << d.scenario_a << ", as of " << d.as_of_a << ", " << d.started_a
    << ") -> run " << d.b << " (" << d.scenario_b << ", as of " << d.as_of_b << ", " << d.started_b << ")\n";
  o << d.added.size() << " new, " << d.fixed.size() << " fixed, " << d.changed.size() << " changed evidence, "
    << d.unchanged.size() << " unchanged\n";
  auto section = [&](const char* title, const std::vector<FindingRef>& v) {
    if (v.empty()) return;
    o << "\n" << title << " (" << v.size() << "):\n";
    for (const FindingRef& r : v) o << line_of(r);
  };
  section("new", d.added);
  section("fixed", d.fixed);
  section("changed evidence", d.changed);
  if (d.fails(fail_on)) o << "\nnew unsuppressed findings at or above " << fail_on_name(fail_on) << ": exit 1\n";
  return o.str();
}

}  // namespace cleannet::audit
