#include "cleannet/trace/partial.h"

#include <algorithm>
#include <ostream>

#include "cleannet/report/store_json.h"

namespace cleannet::trace {

namespace {

using report::Json;

constexpr const char* kDimensionMembers[] = {"by_destination", "by_probe", "by_source_as", "by_country"};
static_assert(std::size(kDimensionMembers) == kDimensions.size());

core::Error bad(const std::string& name, const std::string& expected, const std::string& found) {
  return core::Error(core::SourcePos(name), expected, found);
}

Json counts_json(const Summary::Counts& c) { return Json::array({c.traces, c.clean, c.untrusted, c.undetermined}); }

core::Result<Summary::Counts> counts_from(const std::string& name, const Json& j, const std::string& where) {
  const std::string what = "counts " + where + " as [traces, clean, untrusted, undetermined]";
  if (!j.is_array() || j.size() != 4) return bad(name, what, j.dump());
  for (const Json& v : j)
    if (!v.is_number_unsigned()) return bad(name, what, j.dump());
  Summary::Counts c{j[0].get<size_t>(), j[1].get<size_t>(), j[2].get<size_t>(), j[3].get<size_t>()};
  if (c.clean + c.untrusted + c.undetermined != c.traces) return bad(name, what + " that add up", j.dump());
  return c;
}

Json summary_state(const SummaryTables& t) {
  Json j = Json::object();
  j["total"] = counts_json(t.total);
  j["attributed_hops"] = t.attributed_hops;
  j["untrusted_networks"] = Json::object();
  for (const auto& [k, n] : t.untrusted_networks) j["untrusted_networks"][k] = n;
  for (size_t i = 0; i < kDimensions.size(); ++i) {
    Json m = Json::object();
    for (const auto& [k, c] : t.by[i]) m[k] = counts_json(c);
    j[kDimensionMembers[i]] = std::move(m);
  }
  return j;
}

core::Result<SummaryTables> summary_from(const std::string& name, const Json& state) {
  auto s = shard::member(name, state, "summary", Json::value_t::object);
  if (!s) return s.error();
  const Json& j = **s;
  SummaryTables t;
  auto total = shard::member(name, j, "total", Json::value_t::array);
  if (!total) return total.error();
  auto c = counts_from(name, **total, "\"total\"");
  if (!c) return c.error();
  t.total = *c;
  auto hops = shard::member(name, j, "attributed_hops", Json::value_t::number_unsigned);
  if (!hops) return hops.error();
  if (!(*hops)->is_number_unsigned()) return bad(name, "\"attributed_hops\" as a count", (*hops)->dump());
  t.attributed_hops = (*hops)->get<size_t>();
  auto networks = shard::member(name, j, "untrusted_networks", Json::value_t::object);
  if (!networks) return networks.error();
  for (const auto& [k, v] : (*networks)->items()) {
    if (!v.is_number_unsigned() || v.get<size_t>() == 0)
      return bad(name, "\"untrusted_networks\" as network -> traces", k + ": " + v.dump());
    t.untrusted_networks[k] = v.get<size_t>();
  }
  for (size_t i = 0; i < kDimensions.size(); ++i) {
    auto m = shard::member(name, j, kDimensionMembers[i], Json::value_t::object);
    if (!m) return m.error();
    for (const auto& [k, v] : (*m)->items()) {
      auto kc = counts_from(name, v, "of " + std::string(kDimensionMembers[i]) + " " + core::quote_found(k));
      if (!kc) return kc.error();
      t.by[i][k] = *kc;
    }
  }
  return t;
}

// The state's files, each with a position, and those the partial's positions: in the order written.
core::Result<const Json*> files_of(const std::string& name, const shard::Partial& p) {
  auto files = shard::member(name, p.state, "files", Json::value_t::array);
  if (!files) return files.error();
  std::vector<size_t> positions;
  for (const Json& f : **files) {
    if (!f.is_object() || !f.contains("position") || !f["position"].is_number_unsigned())
      return bad(name, "\"files\" as objects with a \"position\"", f.dump().substr(0, 80));
    positions.push_back(f["position"].get<size_t>());
  }
  if (auto st = shard::check_state_positions(name, p.header, std::move(positions)); !st) return st.error();
  return *files;
}

}  // namespace

shard::Partial to_partial(const ReportData& d, bool findings, Json identity, Json options, Json sources,
                          std::vector<std::string> inputs, std::vector<size_t> positions) {
  options["title"] = d.title;
  options["policy"] = d.policy;
  options["as_of"] = d.as_of;
  options["origins"] = d.origins;
  options["findings"] = findings;
  Json files = Json::array();
  size_t next_finding = 0;
  for (size_t i = 0; i < d.files.size(); ++i) {
    const FileResult& f = d.files[i];
    Json j = {{"position", positions.at(i)},
              {"file", f.file},
              {"records", f.records},
              {"counts", counts_json(f.counts)},
              {"attributed_hops", f.attributed_hops}};
    if (f.error) j["error"] = shard::error_to_json(*f.error);
    if (findings) {
      // The findings are in input order, f.findings of each file.
      Json fs = Json::array();
      for (size_t k = 0; k < f.findings && next_finding < d.findings.size(); ++k)
        fs.push_back(report::finding_to_store_json(d.findings[next_finding++]));
      j["findings"] = std::move(fs);
    }
    files.push_back(std::move(j));
  }
  shard::Partial p;
  p.header.kind = kPartialKind;
  p.header.version = report::kToolVersion;
  p.header.context = std::move(identity);
  p.header.options = std::move(options);
  p.header.sources = std::move(sources);
  p.header.inputs = std::move(inputs);
  p.header.positions = std::move(positions);
  p.state = {{"files", std::move(files)}, {"summary", summary_state(d.summary)}};
  return p;
}

core::Result<Json> table_digests(const TableFiles& t) {
  Json j = Json::object();
  auto add = [&](const char* key, const std::vector<std::string>& files) -> core::Status {
    Json a = Json::array();
    for (const std::string& f : files) {
      if (f == "-") {
        a.push_back("-");
        continue;
      }
      auto h = shard::content_sha256(f);
      if (!h) return h.error();
      a.push_back(*h);
    }
    j[key] = std::move(a);
    return core::Ok{};
  };
  auto one = [](const std::string& f) { return f.empty() ? std::vector<std::string>{} : std::vector<std::string>{f}; };
  for (const auto& [key, files] : {std::pair{"pfx2as", t.pfx2as},
                                   {"rib", t.ribs},
                                   {"ixp", one(t.ixp)},
                                   {"as_names", one(t.as_names)},
                                   {"as2org", one(t.as2org)}})
    if (auto st = add(key, files); !st) return st.error();
  j["keep_going"] = t.keep_going;
  return j;
}

core::Result<shard::Partial> make_partial(const ReportData& d, bool findings, Json digests, const TableFiles& files,
                                          const std::vector<std::string>& notes,
                                          const trust::ContextOptions& context_options,
                                          const trust::Context& context, std::vector<std::string> inputs,
                                          std::vector<size_t> positions) {
  auto identity = shard::context_identity(context_options, context);
  if (!identity) return identity.error();
  digests["notes"] = notes;
  Json sources = shard::context_sources(context_options);
  sources["pfx2as"] = files.pfx2as;
  sources["rib"] = files.ribs;
  return to_partial(d, findings, std::move(*identity), std::move(digests), std::move(sources), std::move(inputs),
                    std::move(positions));
}

core::Result<ReportData> report_data(const shard::Partial& p, bool with_findings) {
  const std::string name = "partial of " + std::to_string(p.header.positions.size()) + " inputs";
  ReportData d;
  const Json& o = p.header.options;
  for (auto [key, out] :
       {std::pair{"title", &d.title}, {"policy", &d.policy}, {"as_of", &d.as_of}, {"origins", &d.origins}}) {
    auto m = shard::member(name, o, key, Json::value_t::string);
    if (!m) return m.error();
    *out = (*m)->get<std::string>();
  }
  auto summary = summary_from(name, p.state);
  if (!summary) return summary.error();
  d.summary = std::move(*summary);
  auto files = files_of(name, p);
  if (!files) return files.error();
  std::vector<const Json*> sorted;
  for (const Json& f : **files) sorted.push_back(&f);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Json* a, const Json* b) {
    return (*a)["position"].get<size_t>() < (*b)["position"].get<size_t>();
  });
  for (const Json* fp : sorted) {
    const Json& f = *fp;
    FileResult r;
    auto file = shard::member(name, f, "file", Json::value_t::string);
    if (!file) return file.error();
    r.file = (*file)->get<std::string>();
    auto records = shard::member(name, f, "records", Json::value_t::number_unsigned);
    if (!records) return records.error();
    if (!(*records)->is_number_unsigned())
      return bad(name, "\"records\" of " + r.file + " as a count", (*records)->dump());
    r.records = (*records)->get<uint64_t>();
    auto counts = shard::member(name, f, "counts", Json::value_t::array);
    if (!counts) return counts.error();
    auto c = counts_from(name, **counts, "of " + r.file);
    if (!c) return c.error();
    r.counts = *c;
    auto hops = shard::member(name, f, "attributed_hops", Json::value_t::number_unsigned);
    if (!hops) return hops.error();
    if (!(*hops)->is_number_unsigned())
      return bad(name, "\"attributed_hops\" of " + r.file + " as a count", (*hops)->dump());
    r.attributed_hops = (*hops)->get<size_t>();
    if (f.contains("error")) {
      core::Error e;
      if (auto st = shard::error_from_json(name, f["error"], e); !st) return st.error();
      r.error = std::move(e);
    }
    if (with_findings) {
      auto fs = shard::member(name, f, "findings", Json::value_t::array);
      if (!fs) return fs.error();
      for (size_t k = 0; k < (*fs)->size(); ++k) {
        auto finding =
            report::finding_from_store_json((**fs)[k], name + ": " + r.file + " finding " + std::to_string(k));
        if (!finding) return finding.error();
        d.findings.push_back(std::move(*finding));
      }
      r.findings = (*fs)->size();
    }
    d.files.push_back(std::move(r));
  }
  return d;
}

core::Result<Json> merge_states(const std::vector<std::pair<std::string, const shard::Partial*>>& parts) {
  SummaryTables summary;
  std::vector<const Json*> files;
  for (const auto& [name, p] : parts) {
    auto s = summary_from(name, p->state);
    if (!s) return s.error();
    summary.merge(*s);
    auto fs = files_of(name, *p);
    if (!fs) return fs.error();
    for (const Json& f : **fs) files.push_back(&f);
  }
  // By input position: the same state whatever the order and tree of the merges.
  std::stable_sort(files.begin(), files.end(), [](const Json* a, const Json* b) {
    return (*a)["position"].get<size_t>() < (*b)["position"].get<size_t>();
  });
  Json out = Json::array();
  for (const Json* f : files) out.push_back(*f);
  return Json{{"files", std::move(out)}, {"summary", summary_state(summary)}};
}

int render_partial(const shard::Partial& p, const trust::Context*, report::Format format, size_t top, std::ostream& out,
                   std::ostream& err) {
  const bool sarif = format == report::Format::kSarif;
  if (sarif && !p.header.options.value("findings", false)) {
    err << "merge: expected partials with findings for --format sarif, found partials of runs that kept none (run "
           "`trace check --format sarif --partial-out FILE` to keep them)\n";
    return 2;
  }
  // The notes of loading the tables (damaged RIB records skipped), as the run printed them first.
  if (auto notes = p.header.options.find("notes"); notes != p.header.options.end() && notes->is_array())
    for (const Json& n : *notes)
      if (n.is_string()) err << n.get<std::string>() << "\n";
  auto d = report_data(p, sarif);
  if (!d) {
    err << d.error().message() << "\n";
    return 2;
  }
  const Output output = format == report::Format::kJson ? Output::kJson : sarif ? Output::kSarif : Output::kText;
  return finish_report(*d, output, top, true, out, err);
}

}  // namespace cleannet::trace
