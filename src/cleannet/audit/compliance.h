// The compliance view of an audit: findings filed under the measures of the frameworks the
// policies cite (the Clean Network's lines of effort, the EU 5G Toolbox's strategic and
// technical measures), with how many findings, how many suppressed, and which measures no
// check looked at. The measures, their sources and the mapping are data
// (data/policies/measures.toml, bundled into the binary); this file reads them and counts.
//
//   auto map = ComplianceMap::load_bundled();
//   std::vector<ComplianceItem> items = {{"path", "CN-PATH", report::Severity::kError, false}};
//   auto counts = summarise(*map, frameworks_for_policy("clean-network"), {"path"}, items);
//   std::cout << to_text(counts);   // (the test HeaderExample checks this output)
//   // measure           status       findings  suppressed  title
//   // CN-CLEAN-NETWORK  clean               0           0  The Clean Network
//   // CN-CLEAN-PATH     findings            1           0  5G Clean Path
//   // CN-CLEAN-CARRIER  not checked         0           0  Clean Carrier
//   // ... Clean Store, Clean Apps, Clean Cloud, Clean Cable: not checked
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"

namespace cleannet::audit {

inline constexpr std::string_view kCleanNetwork = "clean-network";
inline constexpr std::string_view kEu5gToolbox = "eu-5g-toolbox";

struct Measure {
  std::string id, framework, title, source_url, source_date, quote;
};

class ComplianceMap {
 public:
  // A measures file (format in data/policies/measures.toml). The first problem in the file
  // is the error: "file:line:col: expected ..., found ...".
  static core::Result<ComplianceMap> load(const std::string& path);
  // The bundled data/policies/measures.toml, compiled into the binary.
  static core::Result<ComplianceMap> load_bundled();
  static core::Result<ComplianceMap> parse(const std::string& origin, std::string_view toml_text);

  const std::vector<Measure>& measures() const { return measures_; }
  // The measures a finding of this line and rule counts toward, in file order, each once.
  std::vector<const Measure*> measures_for(std::string_view line, std::string_view rule) const;
  // Whether a check of `line` looks at the measure: a mapping entry names the line, or names
  // no line at all.
  bool covers(const Measure& m, std::string_view line) const;

 private:
  struct Entry {
    std::string line;  // empty: every line
    std::string rule;  // empty: every rule; ends in '*': a prefix
    std::vector<size_t> measures;
  };
  bool entry_matches(const Entry& e, std::string_view line, std::string_view rule) const;

  std::vector<Measure> measures_;
  std::vector<Entry> entries_;
};

// The frameworks a policy cites, by its name: clean-network -> {clean-network},
// eu-toolbox -> {eu-5g-toolbox}, any other (a custom policy) -> both.
std::vector<std::string> frameworks_for_policy(std::string_view policy_name);

// What the compliance view needs of a finding. Kept apart from report::Finding so that it
// does not follow that struct's growth; item_of() takes what it needs from one.
struct ComplianceItem {
  std::string line, rule;
  report::Severity severity = report::Severity::kWarning;
  bool suppressed = false;
};
ComplianceItem item_of(const report::Finding& f, bool suppressed);

struct MeasureCount {
  const Measure* measure = nullptr;
  uint64_t findings = 0;    // unsuppressed, at severity warning or error
  uint64_t suppressed = 0;  // suppressed, at severity warning or error
  bool checked = false;     // a check ran on a line the measure covers
  // "findings" when any unsuppressed finding counts, else "clean" when checked, else
  // "not checked".
  std::string_view status() const;
};

// One count per measure of the given frameworks, in file order. `lines_checked` are the
// lines a check ran on; items on other lines count too (a finding is evidence either way).
// A measure that is checked and has no finding is clean; "checked" says that a check looked
// at a line the measure covers, not that the policy had a rule of its own for the measure.
std::vector<MeasureCount> summarise(const ComplianceMap& map, const std::vector<std::string>& frameworks,
                                    const std::vector<std::string>& lines_checked,
                                    const std::vector<ComplianceItem>& items);

// [{"id", "framework", "title", "source_url", "source_date", "quote", "status", "findings",
//   "suppressed"}], in the order given.
report::Json to_json(const std::vector<MeasureCount>& counts);
// An aligned table, one measure a line: id, status, findings, suppressed, title.
std::string to_text(const std::vector<MeasureCount>& counts);

}  // namespace cleannet::audit
