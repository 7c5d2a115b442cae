#include "cleannet/report/check_report.h"

namespace cleannet::report {

void print_check_report(std::ostream& out, std::ostream& err, std::string_view format, const CheckReport& r,
                        const std::string& command) {
  for (const core::Error& e : r.errors) err << e.message() << "\n";
  for (const std::string& n : r.notes) err << n << "\n";
  if (!r.reported) return;
  if (format == "json") {
    Json j = r.summary;
    j["findings"] = render_findings_json(r.findings);
    out << j.dump(2) << "\n";
  } else if (format == "sarif") {
    out << render_sarif(r.findings, {command}).dump(2) << "\n";
  } else {
    out << r.text_head;
    for (const Finding& f : r.findings) out << render_finding_text(f);
    out << r.text_tail;
  }
}

std::string check_title(const std::string& command, const std::vector<std::string>& paths, const std::string& policy,
                        const std::string& as_of) {
  std::string t = command + " of";
  for (const std::string& p : paths) t += " " + p;
  return t + "; policy " + policy + ", as of " + as_of + "\n";
}

int exit_code(const CheckReport& r) {
  if (!r.errors.empty() || !r.reported) return 2;
  return r.violations ? 1 : 0;
}

}  // namespace cleannet::report
