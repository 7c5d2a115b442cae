// CheckReport: what every check returns (ARCHITECTURE.md, "Modules": inputs -> CheckReport
// {findings, summary}), and the one way it is printed, so that a command is options -> one
// library call -> print_check_report, and a test sees exactly what the command prints.
//
//   report::CheckReport r = things::scan(inputs);
//   report::print_check_report(std::cout, std::cerr, "json", r, "cleannet things scan");
//   return report::exit_code(r);
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"

namespace cleannet::report {

struct CheckReport {
  std::vector<Finding> findings;
  // The check's own tables: its JSON report without the findings, which go where the
  // object has a "findings" key (kept in its place) or else last.
  Json summary;
  // Its text report: what comes before the findings (title, one line per element) and after
  // them (the counts).
  std::string text_head;
  std::string text_tail;
  bool violations = false;  // a judgement that violates the policy (trust::violates)
  // Inputs that could not be read, each with its error, in input order: the report covers
  // the others, and the run still ends as an input error (a partial report never passes
  // for a clean one).
  std::vector<core::Error> errors;
  std::vector<std::string> notes;  // for standard error: what reading skipped
  bool reported = true;            // false: nothing could be read, so there is no report
};

// The errors and notes on `err`, then (when there is one) the report on `out` in `format`:
// "json" the summary with the findings, "sarif" the findings as a SARIF run of `command`
// ("cleannet things scan"), anything else the text report.
void print_check_report(std::ostream& out, std::ostream& err, std::string_view format, const CheckReport& r,
                        const std::string& command);

// The first line of a check's text report on files: "cloud check of a.tf b.csv; policy
// clean-network, as of 2025-01-01".
std::string check_title(const std::string& command, const std::vector<std::string>& paths, const std::string& policy,
                        const std::string& as_of);

// 2 when an input could not be read (or nothing was), else 1 on a violation, else 0.
int exit_code(const CheckReport& r);

}  // namespace cleannet::report
