// The one report printer: every check's report goes out through it, in the format the user
// chose, so "json", "sarif" and "text" mean the same on every line.
//   - json: the check's own object (its summary tables) with the findings added last;
//   - sarif: the findings as one SARIF 2.1.0 run of the command (report/render.h);
//   - text: what the check prints for people.
// Checks that answer one input at a time (registry lookup on a stream of identifiers) use
// ReportStream: each result goes out as soon as it is known.
//
//   CheckReport r = check.run();
//   print_check_report(std::cout, Format::kJson, r, "cleannet asgraph route", [&](std::ostream& o) { ... });
//   CheckReport s = things::scan(inputs);   // text head and tail, errors, violations
//   print_check_report(std::cout, std::cerr, Format::kText, s, "cleannet things scan");
//   return exit_code(s);
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"

namespace cleannet::report {

enum class Format { kText, kJson, kSarif };
// "text", "json", "sarif"; nullopt for anything else.
std::optional<Format> parse_format(std::string_view s);

// What a check answers: its findings, and the check-specific tables its JSON shows (a JSON
// object; the printer adds "findings" last).
struct CheckReport {
  std::vector<Finding> findings;
  Json summary = Json::object();
  // For checks whose text report is their findings between a head (title, one line per
  // element) and a tail (the counts): print_check_report(out, err, ...) below.
  std::string text_head;
  std::string text_tail;
  bool text_lists_findings = true;  // false: head and tail are the whole text (a check's own listing)
  bool violations = false;          // a judgement that violates the policy (trust::violates)
  // Inputs that could not be read, each with its error, in input order: the report covers
  // the others, and the run still ends as an input error (a partial report never passes
  // for a clean one).
  std::vector<core::Error> errors;
  std::vector<std::string> notes;  // for standard error: what reading skipped
  bool reported = true;            // false: nothing could be read, so there is no report
};

// A JSON document as every report writes it: indented by two, invalid UTF-8 in input
// names replaced (U+FFFD) rather than failing the run.
std::string dump_json(const Json& j);

// The report on `out`; `text` writes the text report and is called only for Format::kText
// (it may be empty for the other formats).
void print_check_report(std::ostream& out, Format format, const CheckReport& report, const std::string& command,
                        const std::function<void(std::ostream&)>& text);
// The same with the summary built only when JSON is asked for.
void print_check_report(std::ostream& out, Format format, const std::vector<Finding>& findings,
                        const std::string& command, const std::function<Json()>& summary,
                        const std::function<void(std::ostream&)>& text);

// A check's whole report: its errors and notes on `err`, then, when there is one, the
// report on `out` (a "findings" key already in the summary keeps its place); text is the
// head, each finding's text, the tail.
void print_check_report(std::ostream& out, std::ostream& err, Format format, const CheckReport& report,
                        const std::string& command);

// The first line of a check's text report on files: "cloud check of a.tf b.csv; policy
// clean-network, as of 2025-01-01".
std::string check_title(const std::string& command, const std::vector<std::string>& paths, const std::string& policy,
                        const std::string& as_of);

// 2 when an input could not be read (or nothing was), else 1 on a violation, else 0.
int exit_code(const CheckReport& report);

// One result at a time: JSON is an array with one element per result, each element ending
// its line (so messages on stderr never land inside one) and flushed; text is each result's
// text, flushed; SARIF keeps the findings and writes the run at finish().
class ReportStream {
 public:
  ReportStream(std::ostream& out, Format format, std::string command);
  void add(Finding finding, const std::function<Json()>& json, const std::function<std::string()>& text);
  void finish();

 private:
  std::ostream& out_;
  Format format_;
  std::string command_;
  bool first_ = true;
  std::vector<Finding> sarif_;
};

}  // namespace cleannet::report
