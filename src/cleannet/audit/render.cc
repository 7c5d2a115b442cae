#include "cleannet/audit/render.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <ostream>
#include <sstream>
#include <string_view>

#include "cleannet/audit/evidence_table.h"
#include "cleannet/audit/json_dump.h"
#include "cleannet/report/finding_fields.h"
#include "cleannet/report/check_report.h"
#include "cleannet/report/junit.h"
#include "cleannet/report/render.h"
#include "cleannet/report/sarif.h"

namespace cleannet::audit {

using report::Json;

std::optional<OutputFormat> parse_output_format(std::string_view s) {
  if (s == "text") return OutputFormat::kText;
  if (s == "json") return OutputFormat::kJson;
  if (s == "sarif") return OutputFormat::kSarif;
  if (s == "junit") return OutputFormat::kJunit;
  return std::nullopt;
}

namespace {

struct Counts {
  std::array<uint64_t, 3> by_severity{};  // note, warning, error (report::Severity order)
  uint64_t suppressed = 0;
  uint64_t total() const { return by_severity[0] + by_severity[1] + by_severity[2]; }
  void add(const report::Finding& f) {
    ++by_severity[static_cast<size_t>(f.severity)];
    if (f.suppression) ++suppressed;
  }
  std::string text() const {
    return std::to_string(total()) + " findings (" + std::to_string(by_severity[2]) + " error, " +
           std::to_string(by_severity[1]) + " warning, " + std::to_string(by_severity[0]) + " note), " +
           std::to_string(suppressed) + " suppressed";
  }
  Json json() const {
    return {{"findings", total()},
            {"error", by_severity[2]},
            {"warning", by_severity[1]},
            {"note", by_severity[0]},
            {"suppressed", suppressed}};
  }
};

Counts count(const CheckResult& c) {
  Counts n;
  for (const report::Finding& f : c.report.findings) n.add(f);
  return n;
}

std::string short_fp(const report::Finding& f) { return report::fingerprint(f); }

void text_suppressions(std::ostream& o, const Json& s) {
  o << "== accepted risks ==\n";
  o << s["suppressed"].get<uint64_t>() << " findings suppressed; " << s["expired"].size() << " entries expired, "
    << s["pending"].size() << " not yet in force, " << s["stale"].size() << " stale\n";
  for (const char* kind : {"expired", "pending", "stale"})
    for (const Json& e : s[kind])
      o << "  " << kind << ": " << e["source"].get<std::string>() << ": " << e["matches"].get<std::string>()
        << " (owner " << e["owner"].get<std::string>() << ", " << e["created"].get<std::string>() << " to "
        << e["expires"].get<std::string>() << "): " << e["reason"].get<std::string>() << "\n";
  o << "\n";
}

std::string render_text(const AuditRun& run) {
  std::ostringstream o;
  o << "cleannet audit " << run.scenario_name << " (" << run.scenario_path << ")";
  if (run.id) o << ", run " << run.id;
  o << "\npolicy " << run.policy << ", as of " << run.as_of << ", fail on " << fail_on_name(run.fail_on) << "; "
    << (run.suppressions.is_null() ? "no accepted risks applied" : "accepted risks applied") << "\n\n";
  for (const CheckResult& c : run.checks) {
    o << "== " << c.name << ": " << c.command << " ==\n";
    std::ostringstream errors;
    report::print_check_report(o, errors, report::Format::kText, c.report, c.command);
    o << errors.str();
    o << "\n";
  }
  if (!run.suppressions.is_null()) text_suppressions(o, run.suppressions);
  o << "== compliance ==\n" << run.compliance_text << "\n";
  o << "== result ==\n";
  Counts all;
  for (const CheckResult& c : run.checks) {
    Counts n = count(c);
    o << "  " << c.name << " (" << c.kind << "): " << n.text()
      << (c.report.errors.empty() ? "" : "; " + std::to_string(c.report.errors.size()) + " input errors") << "\n";
    for (const report::Finding& f : c.report.findings) all.add(f);
  }
  o << "total: " << all.text() << "\n";
  auto failing = run.failing();
  if (run.exit_code == 2) o << "input errors: the run is incomplete\n";
  if (!failing.empty()) {
    o << failing.size() << " unsuppressed findings at or above " << fail_on_name(run.fail_on) << ":\n";
    for (const report::Finding* f : failing)
      o << "  " << report::severity_name(f->severity) << " " << f->line << " [" << f->rule << "] " << f->element
        << (f->organisation.empty() ? "" : " -> " + f->organisation) << "  " << short_fp(*f) << "\n";
  }
  o << "exit " << run.exit_code << "\n";
  return o.str();
}

// The JSON report is written piece by piece, as `dump_json` of the whole document would write
// it (two-space indentation), without building that document: a run can hold hundreds of
// thousands of findings with their evidence, whose nlohmann tree (and its copies) took several
// times the memory of the text and most of the time of `audit run -o json`. Each finding is
// written as JSON text straight from its fields (report/finding_fields.h), the findings of a
// check in parallel.

// `j` as dump_json would write it, placed `depth` levels deep (every line after the first
// indented by two spaces a level).
void append_nested(std::string& out, const Json& j, size_t depth) {
  append_dump(out, j, 2, Json::error_handler_t::replace, static_cast<int>(depth));
}

// Writes an object member by member: `"key": value`, separated and indented as dump does.
class ObjectWriter {
 public:
  ObjectWriter(std::string& out, size_t depth) : out_(out), depth_(depth) {}
  // Starts a member and returns the depth its value is at.
  size_t key(std::string_view k) {
    out_ += first_ ? "{\n" : ",\n";
    first_ = false;
    out_.append(2 * (depth_ + 1), ' ');
    out_ += report::dump_json(Json(k));
    out_ += ": ";
    return depth_ + 1;
  }
  void member(std::string_view k, const Json& v) { append_nested(out_, v, key(k)); }
  void end() {
    if (first_) {
      out_ += "{}";
      return;
    }
    out_ += '\n';
    out_.append(2 * depth_, ' ');
    out_ += '}';
  }

 private:
  std::string& out_;
  size_t depth_;
  bool first_ = true;
};

// The findings array `depth` levels deep, as dump would write render_findings_json(findings).
// With `os`, what `out` holds and then the findings are written to it as they are rendered
// (`out` is left empty), so that the text of a large run is never whole in memory. With
// `table`, each finding's evidence is written as indices into it, interned before a batch is
// rendered, one finding after the other, so that the indices do not depend on the threads.
void append_findings(std::string& out, const std::vector<report::Finding>& findings, size_t depth, std::ostream* os,
                     EvidenceTable* table) {
  if (findings.empty()) {
    out += "[]";
    return;
  }
  out += '[';
  // Blocks of findings rendered at once, each into its own string, then joined in order; a
  // batch of blocks at a time.
  constexpr size_t kBlock = 512, kBatch = 64;
  const size_t block_count = (findings.size() + kBlock - 1) / kBlock;
  for (size_t first = 0; first < block_count; first += kBatch) {
    std::vector<std::string> blocks(std::min(kBatch, block_count - first));
    const size_t batch_begin = first * kBlock, batch_end = std::min(findings.size(), (first + kBatch) * kBlock);
    // Finding batch_begin + k's evidence indices: indices[starts[k] .. starts[k + 1]).
    std::vector<uint32_t> indices;
    std::vector<size_t> starts;
    if (table) {
      starts.reserve(batch_end - batch_begin + 1);
      for (size_t i = batch_begin; i < batch_end; ++i) {
        starts.push_back(indices.size());
        for (const report::Evidence& e : findings[i].evidence) indices.push_back(table->intern(e));
      }
      starts.push_back(indices.size());
    }
    tbb::parallel_for(size_t{0}, blocks.size(), [&](size_t k) {
      std::string& s = blocks[k];
      const size_t b = first + k, end = std::min(findings.size(), (b + 1) * kBlock);
      for (size_t i = b * kBlock; i < end; ++i) {
        s += i ? ",\n" : "\n";
        s.append(2 * (depth + 1), ' ');
        JsonTextWriter w(s, 2, Json::error_handler_t::replace, static_cast<int>(depth + 1));
        const std::string fp = report::fingerprint(findings[i]);
        if (!table) {
          report::write_finding(w, findings[i], fp, /*identity=*/false);
          continue;
        }
        report::write_finding(w, findings[i], fp, /*identity=*/false, [&](const std::vector<report::Evidence>&) {
          w.begin_array();
          for (size_t x = starts[i - batch_begin]; x < starts[i - batch_begin + 1]; ++x) w.value(uint64_t{indices[x]});
          w.end_array();
        });
      }
    });
    if (os) {
      *os << out;
      out.clear();
      for (const std::string& b : blocks) *os << b;
    } else {
      size_t size = 0;
      for (const std::string& b : blocks) size += b.size();
      out.reserve(out.size() + size + 2 * depth + 3);
      for (const std::string& b : blocks) out += b;
    }
  }
  out += '\n';
  out.append(2 * depth, ' ');
  out += ']';
}

// The JSON report; with `os`, written to it piece by piece (and "" returned); with `table`,
// the findings' evidence as indices into it.
std::string render_json(const AuditRun& run, std::ostream* os, EvidenceTable* table) {
  std::string out;
  ObjectWriter top(out, 0);
  top.member("audit", Json{{"name", run.scenario_name},
                           {"scenario", run.scenario_path},
                           {"scenario_sha256", run.scenario_sha256},
                           {"run", run.id ? Json(run.id) : Json(nullptr)},
                           {"policy", run.policy},
                           {"as_of", run.as_of},
                           {"version", run.version},
                           {"started", run.started},
                           {"ended", run.ended},
                           {"fail_on", fail_on_name(run.fail_on)},
                           {"suppressions_applied", !run.suppressions.is_null()},
                           {"exit_code", run.exit_code}});
  Json inputs = Json::array();
  for (const InputFile& f : run.inputs)
    inputs.push_back({{"role", f.role}, {"path", f.path}, {"size", f.size}, {"sha256", f.sha256}});
  top.member("inputs", inputs);
  const size_t checks_depth = top.key("checks");
  Counts all;
  if (run.checks.empty()) out += "[]";
  for (size_t i = 0; i < run.checks.size(); ++i) {
    const CheckResult& c = run.checks[i];
    out += i ? ",\n" : "[\n";
    out.append(2 * (checks_depth + 1), ' ');
    ObjectWriter e(out, checks_depth + 1);
    e.member("name", c.name);
    e.member("kind", c.kind);
    e.member("line", c.line);
    e.member("command", c.command);
    Json errors = Json::array();
    for (const core::Error& x : c.report.errors) errors.push_back(x.message());
    e.member("errors", errors);
    e.member("notes", c.report.notes);
    e.member("counts", count(c).json());
    e.member("summary", c.report.reported ? c.report.summary : Json(nullptr));
    append_findings(out, c.report.findings, e.key("findings"), os, table);
    e.end();
    for (const report::Finding& f : c.report.findings) all.add(f);
  }
  if (!run.checks.empty()) {
    out += '\n';
    out.append(2 * checks_depth, ' ');
    out += ']';
  }
  top.member("suppressions", run.suppressions);
  top.member("compliance", run.compliance);
  Json totals = all.json();
  auto failing = run.failing();
  totals["failing"] = failing.size();
  top.member("totals", totals);
  Json f = Json::array();
  for (const report::Finding* x : failing) f.push_back(report::fingerprint(*x));
  top.member("failing", f);
  top.end();
  out += '\n';
  if (!os) return out;
  *os << out;
  return {};
}

// One SARIF run per line of effort (checks of the same line share it), each with an
// automation id naming the scenario and line (SARIF 2.1.0 section 3.17), so that code-scanning
// dashboards keep one category per line.
Json render_sarif(const AuditRun& run) {
  std::vector<report::SarifRunFindings> runs;
  std::vector<std::string> lines;
  for (const CheckResult& c : run.checks) {
    size_t i = 0;
    while (i < lines.size() && lines[i] != c.line) ++i;
    if (i == lines.size()) {
      lines.push_back(c.line);
      runs.push_back({{c.command, "cleannet-audit/" + run.scenario_name + "/" + c.line}, {}});
    }
    runs[i].findings.insert(runs[i].findings.end(), c.report.findings.begin(), c.report.findings.end());
  }
  return report::render_sarif_log(runs);
}

std::string render_junit(const AuditRun& run) {
  std::vector<report::JunitSuite> suites;
  for (const CheckResult& c : run.checks) {
    report::JunitSuite s{c.name + " (" + c.command + ")", c.report.findings, {}, c.seconds};
    for (const core::Error& e : c.report.errors) s.errors.push_back(e.message());
    suites.push_back(std::move(s));
  }
  return report::render_junit(suites);
}

}  // namespace

std::string render(const AuditRun& run, OutputFormat format) {
  switch (format) {
    case OutputFormat::kText: return render_text(run);
    case OutputFormat::kJson: return render_json(run, nullptr, nullptr);
    case OutputFormat::kSarif: return report::dump_json(render_sarif(run)) + "\n";
    case OutputFormat::kJunit: return render_junit(run);
  }
  return {};
}

void render(const AuditRun& run, OutputFormat format, std::ostream& os) {
  if (format == OutputFormat::kJson) {
    render_json(run, &os, nullptr);
  } else {
    os << render(run, format);
  }
}

void render_json_interned(const AuditRun& run, std::ostream& os, EvidenceTable& evidence) {
  render_json(run, &os, &evidence);
}

}  // namespace cleannet::audit
