#include "cleannet/audit/record.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cleannet/audit/json_dump.h"
#include "cleannet/report/finding_fields.h"
#include "cleannet/report/store_json.h"

namespace cleannet::audit {

using report::Json;

namespace {

// finding_to_store_json(f) as compact text, written without building its tree.
void write_document(const report::Finding& f, std::string_view fingerprint, std::string& out) {
  JsonTextWriter w(out, -1, JsonErrorHandler::strict);
  report::write_finding(w, f, fingerprint, /*identity=*/true);
}

}  // namespace

store::RunRecord to_record(const AuditRun& run, bool documents) {
  store::RunRecord r;
  r.id = run.id;
  r.scenario_name = run.scenario_name;
  r.scenario_path = run.scenario_path;
  r.scenario_sha256 = run.scenario_sha256;
  r.scenario_text = run.scenario_text;
  r.policy = run.policy;
  r.policy_sha256 = run.policy_sha256;
  r.as_of = run.as_of;
  r.version = run.version;
  r.started = run.started;
  r.ended = run.ended;
  r.exit_code = run.exit_code;
  for (const InputFile& f : run.inputs) r.inputs.push_back({f.role, f.path, f.size, f.sha256});
  for (size_t i = 0; i < run.checks.size(); ++i) {
    const CheckResult& c = run.checks[i];
    const report::CheckReport& rep = c.report;
    Json d = {{"line", c.line},
              {"command", c.command},
              {"seconds", c.seconds},
              {"summary", rep.summary},
              {"text_head", rep.text_head},
              {"text_tail", rep.text_tail},
              {"text_lists_findings", rep.text_lists_findings},
              {"violations", rep.violations},
              {"reported", rep.reported},
              {"notes", rep.notes}};
    r.checks.push_back({static_cast<int>(i), c.kind, c.name, d.dump()});
    // Each finding's fingerprint (and JSON document), in parallel: a run can hold hundreds of
    // thousands of findings.
    const size_t first = r.findings.size();
    r.findings.resize(first + rep.findings.size());
    tbb::parallel_for(tbb::blocked_range<size_t>(0, rep.findings.size(), 256), [&](const tbb::blocked_range<size_t>& b) {
      for (size_t k = b.begin(); k != b.end(); ++k) {
        const report::Finding& f = rep.findings[k];
        store::StoredFinding& out = r.findings[first + k];
        out = {static_cast<int>(i), report::fingerprint(f), f.line, f.rule, report::severity_name(f.severity),
               f.organisation, f.element, f.suppression.has_value(), {}};
        if (documents) write_document(f, out.fingerprint, out.document);
      }
    });
  }
  Json doc = {{"fail_on", fail_on_name(run.fail_on)},
              {"suppressions_applied", run.suppressions_applied},
              {"suppressions", run.suppressions},
              {"compliance", run.compliance},
              {"compliance_text", run.compliance_text}};
  r.document = doc.dump();
  return r;
}

core::Result<int64_t> store_run(store::Store& store, const AuditRun& run) {
  const store::RunRecord r = to_record(run, /*documents=*/false);
  // Finding i of the record is finding `at[i].second` of check `at[i].first`.
  std::vector<std::pair<size_t, size_t>> at;
  at.reserve(r.findings.size());
  for (size_t c = 0; c < run.checks.size(); ++c)
    for (size_t k = 0; k < run.checks[c].report.findings.size(); ++k) at.emplace_back(c, k);
  return store.add_run(r, [&](size_t i, std::string& out) {
    write_document(run.checks[at[i].first].report.findings[at[i].second], r.findings[i].fingerprint, out);
  });
}

core::Result<AuditRun> from_record(const store::RunRecord& r) {
  const std::string where = "run " + std::to_string(r.id);
  auto bad = [&](const std::string& part, const std::string& why) {
    return core::Error(core::SourcePos(where + " " + part), "a stored audit run as this cleannet writes it", why);
  };
  AuditRun run;
  run.id = r.id;
  run.scenario_name = r.scenario_name;
  run.scenario_path = r.scenario_path;
  run.scenario_sha256 = r.scenario_sha256;
  run.scenario_text = r.scenario_text;
  run.policy = r.policy;
  run.policy_sha256 = r.policy_sha256;
  run.as_of = r.as_of;
  run.version = r.version;
  run.started = r.started;
  run.ended = r.ended;
  run.exit_code = r.exit_code;
  for (const store::InputFile& f : r.inputs) run.inputs.push_back({f.role, f.path, f.size, f.sha256});
  try {
    Json doc = Json::parse(r.document);
    auto fail_on = parse_fail_on(doc.at("fail_on").get<std::string>());
    if (!fail_on) return bad("document", "an unknown fail_on");
    run.fail_on = *fail_on;
    run.suppressions_applied = doc.at("suppressions_applied").get<bool>();
    run.suppressions = doc.at("suppressions");
    run.compliance = doc.at("compliance");
    run.compliance_text = doc.at("compliance_text").get<std::string>();
    for (const store::StoredCheck& c : r.checks) {
      if (c.index != static_cast<int>(run.checks.size())) return bad("check " + c.name, "checks out of order");
      Json d = Json::parse(c.document);
      CheckResult out;
      out.name = c.name;
      out.kind = c.kind;
      out.line = d.at("line").get<std::string>();
      out.command = d.at("command").get<std::string>();
      out.seconds = d.at("seconds").get<double>();
      out.report.summary = d.at("summary");
      out.report.text_head = d.at("text_head").get<std::string>();
      out.report.text_tail = d.at("text_tail").get<std::string>();
      out.report.text_lists_findings = d.at("text_lists_findings").get<bool>();
      out.report.violations = d.at("violations").get<bool>();
      out.report.reported = d.at("reported").get<bool>();
      out.report.notes = d.at("notes").get<std::vector<std::string>>();
      run.checks.push_back(std::move(out));
    }
    for (size_t i = 0; i < r.findings.size(); ++i) {
      const store::StoredFinding& f = r.findings[i];
      if (f.check < 0 || static_cast<size_t>(f.check) >= run.checks.size())
        return bad("finding " + std::to_string(i + 1), "a finding of no check");
      auto finding = report::finding_from_store_json(Json::parse(f.document), "finding " + std::to_string(i + 1));
      if (!finding) return finding.error();
      if (report::fingerprint(*finding) != f.fingerprint)
        return bad("finding " + std::to_string(i + 1), "a fingerprint that is not the finding's");
      run.checks[static_cast<size_t>(f.check)].report.findings.push_back(std::move(*finding));
    }
  } catch (const Json::exception& e) {
    return bad("document", e.what());
  }
  return run;
}

}  // namespace cleannet::audit
