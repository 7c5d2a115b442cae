#include "cleannet/trace/summary.h"

#include <algorithm>
#include <map>

namespace cleannet::trace {

void Summary::Counts::add(VerdictKind k) {
  ++traces;
  if (k == VerdictKind::kClean)
    ++clean;
  else if (k == VerdictKind::kUntrusted)
    ++untrusted;
  else
    ++undetermined;
}

void Summary::Counts::merge(const Counts& o) {
  traces += o.traces;
  clean += o.clean;
  untrusted += o.untrusted;
  undetermined += o.undetermined;
}

namespace {

// Counts of `key`, allocating the key only the first time it is seen.
template <typename Table>
Summary::Counts& at(Table& m, std::string_view key) {
  auto it = m.find(key);
  if (it == m.end()) it = m.emplace(std::string(key), Summary::Counts{}).first;
  return it->second;
}

}  // namespace

void Summary::add(const Traceroute& t, const TraceVerdict& v, const AsJudge& judge) {
  total_.add(v.kind);
  attributed_hops_ += v.attributed;
  at(by_destination_, t.destination()).add(v.kind);
  if (t.prb_id >= 0)
    by_prb_[t.prb_id].add(v.kind);
  else
    at(by_probe_, t.from.empty() ? std::string_view("unknown probe") : std::string_view(t.from)).add(v.kind);
  if (v.source_as)
    by_source_as_[v.source_asn].add(v.kind);
  else
    unknown_source_.add(v.kind);
  if (!directory_) directory_ = judge.directory();
  if (!judge_) judge_ = &judge;
  // each untrusted network once per trace; named when rendered
  for (size_t k = 0; k < v.untrusted.size(); ++k) {
    const AsJudgement* j = v.addresses[v.untrusted[k]].deciding;
    bool seen = false;
    for (size_t e = 0; e < k && !seen; ++e) seen = v.addresses[v.untrusted[e]].deciding == j;
    if (!seen) ++untrusted_by_as_[j];
  }
}

std::vector<std::pair<std::string, size_t>> Summary::untrusted_networks() const {
  // "AS4134 (...) -> china-telecom": an AS's text names its number, so no two ASes share a key
  std::map<std::string, size_t> named;
  for (const auto& [j, n] : untrusted_by_as_) {
    std::string key = j->as_text;
    if (j->match) key += " -> " + judge_->registry().org(j->match->org).id;
    named[key] += n;
  }
  std::vector<std::pair<std::string, size_t>> o(named.begin(), named.end());
  std::stable_sort(o.begin(), o.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return o;
}

void Summary::merge(const Summary& o) {
  total_.merge(o.total_);
  attributed_hops_ += o.attributed_hops_;
  for (const auto& [k, c] : o.by_destination_) at(by_destination_, k).merge(c);
  for (const auto& [k, c] : o.by_probe_) at(by_probe_, k).merge(c);
  for (const auto& [k, c] : o.by_prb_) by_prb_[k].merge(c);
  for (const auto& [k, c] : o.by_source_as_) by_source_as_[k].merge(c);
  unknown_source_.merge(o.unknown_source_);
  if (!directory_) directory_ = o.directory_;
  if (!judge_) judge_ = o.judge_;
  for (const auto& [j, n] : o.untrusted_by_as_) untrusted_by_as_[j] += n;
}

const char* dimension_name(Dimension d) {
  switch (d) {
    case Dimension::kDestination:
      return "destination";
    case Dimension::kProbe:
      return "probe";
    case Dimension::kSourceAs:
      return "source AS";
    case Dimension::kCountry:
      return "country";
  }
  return "?";
}

const char* dimension_key(Dimension d) {
  switch (d) {
    case Dimension::kDestination:
      return "by_destination";
    case Dimension::kProbe:
      return "by_probe";
    case Dimension::kSourceAs:
      return "by_source_as";
    case Dimension::kCountry:
      return "by_country";
  }
  return "?";
}

Summary::Table Summary::table(Dimension d) const {
  switch (d) {
    case Dimension::kDestination:
      return by_destination_;
    case Dimension::kProbe: {
      Table t = by_probe_;
      for (const auto& [id, c] : by_prb_) at(t, "prb " + std::to_string(id)).merge(c);
      return t;
    }
    case Dimension::kSourceAs: {
      Table t;
      for (const auto& [asn, c] : by_source_as_) at(t, "AS" + std::to_string(asn)).merge(c);
      if (unknown_source_.traces) at(t, "unknown").merge(unknown_source_);
      return t;
    }
    case Dimension::kCountry: {
      Table t;
      for (const auto& [asn, c] : by_source_as_) {
        std::string_view country = "unknown";
        if (directory_)
          if (auto e = directory_->find(asn); e && !e->country.empty()) country = e->country;
        at(t, country).merge(c);
      }
      if (unknown_source_.traces) at(t, "unknown").merge(unknown_source_);
      return t;
    }
  }
  return {};
}

namespace {

void put_counts(report::Json& j, const Summary::Counts& c) {
  j["traces"] = c.traces;
  j["clean"] = c.clean;
  j["untrusted"] = c.untrusted;
  j["undetermined"] = c.undetermined;
}

}  // namespace

std::vector<std::pair<std::string, Summary::Counts>> sorted_rows(const std::map<std::string, Summary::Counts>& m) {
  // By key first (the map's order), so that the order among ties does not depend on a hash table's.
  std::vector<std::pair<std::string, Summary::Counts>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    if (a.second.untrusted != b.second.untrusted) return a.second.untrusted > b.second.untrusted;
    return a.second.traces > b.second.traces;
  });
  return v;
}

std::vector<std::pair<std::string, Summary::Counts>> Summary::rows(Dimension d) const {
  const Table m = table(d);
  return sorted_rows(std::map<std::string, Counts>(m.begin(), m.end()));
}

SummaryTables Summary::tables() const {
  SummaryTables t;
  t.total = total_;
  t.attributed_hops = attributed_hops_;
  for (const auto& [k, n] : untrusted_networks()) t.untrusted_networks[k] += n;
  for (size_t i = 0; i < kDimensions.size(); ++i) {
    const Table m = table(kDimensions[i]);
    t.by[i] = std::map<std::string, Counts>(m.begin(), m.end());
  }
  return t;
}

void SummaryTables::merge(const SummaryTables& o) {
  total.merge(o.total);
  attributed_hops += o.attributed_hops;
  for (const auto& [k, n] : o.untrusted_networks) untrusted_networks[k] += n;
  for (size_t i = 0; i < by.size(); ++i)
    for (const auto& [k, c] : o.by[i]) by[i][k].merge(c);
}

namespace {

// "AS4134 -> china-telecom" and its traces, most traces first, then by name.
std::vector<std::pair<std::string, size_t>> networks_by_traces(const std::map<std::string, size_t>& named) {
  std::vector<std::pair<std::string, size_t>> o(named.begin(), named.end());
  std::stable_sort(o.begin(), o.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return o;
}

}  // namespace

report::Json Summary::json() const { return summary_json(tables()); }

std::string Summary::text(size_t top) const { return summary_text(tables(), top); }

report::Json summary_json(const SummaryTables& t) {
  report::Json j;
  j["type"] = "summary";
  put_counts(j, t.total);
  report::Json orgs = report::Json::array();
  for (const auto& [k, n] : networks_by_traces(t.untrusted_networks)) orgs.push_back({{"network", k}, {"traces", n}});
  j["untrusted_networks"] = orgs;
  for (size_t i = 0; i < kDimensions.size(); ++i) {
    report::Json a = report::Json::array();
    for (const auto& [k, c] : sorted_rows(t.by[i])) {
      report::Json row;
      row["key"] = k;
      put_counts(row, c);
      a.push_back(row);
    }
    j[dimension_key(kDimensions[i])] = a;
  }
  return j;
}

std::string summary_text(const SummaryTables& t, size_t top) {
  const Summary::Counts& c = t.total;
  std::string s = std::to_string(c.traces) + " traces: " + std::to_string(c.untrusted) + " untrusted, " +
                  std::to_string(c.undetermined) + " undetermined, " + std::to_string(c.clean) + " clean\n";
  if (!t.untrusted_networks.empty()) {
    s += "untrusted networks crossed (traces):\n";
    for (const auto& [k, n] : networks_by_traces(t.untrusted_networks)) s += "  " + std::to_string(n) + "  " + k + "\n";
  }
  for (size_t i = 0; i < kDimensions.size(); ++i) {
    const auto r = sorted_rows(t.by[i]);
    s += "by " + std::string(dimension_name(kDimensions[i])) + " (" + std::to_string(r.size()) +
         "; traces untrusted/undetermined/clean):\n";
    for (size_t k = 0; k < r.size() && k < top; ++k)
      s += "  " + r[k].first + "  " + std::to_string(r[k].second.traces) + " " + std::to_string(r[k].second.untrusted) +
           "/" + std::to_string(r[k].second.undetermined) + "/" + std::to_string(r[k].second.clean) + "\n";
    if (r.size() > top) s += "  ... " + std::to_string(r.size() - top) + " more (--format json lists all)\n";
  }
  return s;
}

}  // namespace cleannet::trace
