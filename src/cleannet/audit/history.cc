#include "cleannet/audit/history.h"

#include <array>
#include <iomanip>
#include <map>
#include <sstream>

#include "cleannet/report/check_report.h"

namespace cleannet::audit {

report::Json history_json(const std::vector<store::RunSummary>& runs) {
  report::Json a = report::Json::array();
  for (const store::RunSummary& r : runs) {
    report::Json counts = report::Json::array();
    for (const store::RunCounts& c : r.counts)
      counts.push_back(
          {{"line", c.line}, {"severity", c.severity}, {"findings", c.findings}, {"suppressed", c.suppressed}});
    a.push_back({{"run", r.id},
                 {"scenario", r.scenario_name},
                 {"scenario_path", r.scenario_path},
                 {"as_of", r.as_of},
                 {"version", r.version},
                 {"started", r.started},
                 {"ended", r.ended},
                 {"exit_code", r.exit_code},
                 {"findings", r.findings},
                 {"counts", counts}});
  }
  return a;
}

std::string render_history(const std::vector<store::RunSummary>& runs, OutputFormat format) {
  if (format == OutputFormat::kJson) return report::dump_json(history_json(runs)) + "\n";
  std::ostringstream o;
  o << std::left << std::setw(5) << "run" << std::setw(20) << "scenario" << std::setw(12) << "as of" << std::setw(22)
    << "started" << std::setw(6) << "exit" << std::setw(10) << "findings"
    << "per line: error/warning/note (suppressed)\n";
  for (const store::RunSummary& r : runs) {
    std::map<std::string, std::array<uint64_t, 4>> by_line;  // error, warning, note, suppressed
    for (const store::RunCounts& c : r.counts) {
      auto& n = by_line[c.line];
      n[c.severity == "error" ? 0 : c.severity == "warning" ? 1 : 2] += c.findings;
      n[3] += c.suppressed;
    }
    std::string lines;
    for (const auto& [line, n] : by_line)
      lines += (lines.empty() ? "" : ", ") + line + " " + std::to_string(n[0]) + "/" + std::to_string(n[1]) + "/" +
               std::to_string(n[2]) + (n[3] ? " (" + std::to_string(n[3]) + ")" : "");
    o << std::left << std::setw(5) << r.id << std::setw(20) << r.scenario_name << std::setw(12) << r.as_of
      << std::setw(22) << r.started << std::setw(6) << r.exit_code << std::setw(10) << r.findings << lines << "\n";
  }
  return o.str();
}

}  // namespace cleannet::audit
