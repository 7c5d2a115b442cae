#include "cleannet/report/check_report.h"

#include <ostream>

namespace cleannet::report {

std::optional<Format> parse_format(std::string_view s) {
  if (s == "text") return Format::kText;
  if (s == "json") return Format::kJson;
  if (s == "sarif") return Format::kSarif;
  return std::nullopt;
}

std::string dump_json(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace); }

void print_check_report(std::ostream& out, Format format, const std::vector<Finding>& findings,
                        const std::string& command, const std::function<Json()>& summary,
                        const std::function<void(std::ostream&)>& text) {
  switch (format) {
    case Format::kJson: {
      Json j = summary ? summary() : Json::object();
      j["findings"] = render_findings_json(findings);
      out << dump_json(j) << "\n";
      break;
    }
    case Format::kSarif:
      out << dump_json(render_sarif(findings, {command})) << "\n";
      break;
    case Format::kText:
      if (text) text(out);
      break;
  }
}

void print_check_report(std::ostream& out, Format format, const CheckReport& report, const std::string& command,
                        const std::function<void(std::ostream&)>& text) {
  print_check_report(
      out, format, report.findings, command, [&] { return report.summary; }, text);
}

void print_check_report(std::ostream& out, std::ostream& err, Format format, const CheckReport& report,
                        const std::string& command) {
  for (const core::Error& e : report.errors) err << e.message() << "\n";
  for (const std::string& n : report.notes) err << n << "\n";
  if (!report.reported) return;
  print_check_report(out, format, report, command, [&](std::ostream& o) {
    o << report.text_head;
    if (report.text_lists_findings)
      for (const Finding& f : report.findings) o << render_finding_text(f);
    o << report.text_tail;
  });
}

std::string check_title(const std::string& command, const std::vector<std::string>& paths, const std::string& policy,
                        const std::string& as_of) {
  std::string t = command + " of";
  for (const std::string& p : paths) t += " " + p;
  return t + "; policy " + policy + ", as of " + as_of + "\n";
}

int exit_code(const CheckReport& report) {
  if (!report.errors.empty() || !report.reported) return 2;
  return report.violations ? 1 : 0;
}

ReportStream::ReportStream(std::ostream& out, Format format, std::string command)
    : out_(out), format_(format), command_(std::move(command)) {
  if (format_ == Format::kJson) out_ << "[\n";
}

void ReportStream::add(Finding finding, const std::function<Json()>& json, const std::function<std::string()>& text) {
  switch (format_) {
    case Format::kJson:
      out_ << (first_ ? "" : ",") << dump_json(json()) << "\n";
      break;
    case Format::kSarif:
      sarif_.push_back(std::move(finding));
      break;
    case Format::kText:
      out_ << text();
      break;
  }
  first_ = false;
  out_.flush();
}

void ReportStream::finish() {
  if (format_ == Format::kJson) out_ << "]\n";
  if (format_ == Format::kSarif) out_ << dump_json(render_sarif(sarif_, {command_})) << "\n";
  out_.flush();
}

}  // namespace cleannet::report
