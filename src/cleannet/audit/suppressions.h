// Accepted risks: a TOML file of entries that each suppress findings, by fingerprint or by
// rule + organisation + element pattern + line, with the reason, the owner who accepted the
// risk, when it was accepted and the last day it holds (docs/audit.md "Suppressions").
//
//   [[suppression]]
//   fingerprint = "3f1c0a9e5b7d2c41aa09e1f0b2c3d4e5"   # or rule/organisation/element/line
//   reason = "RAN swap-out contracted for 2027-Q1"
//   owner = "radio-team@acme.example"
//   created = 2026-11-02
//   expires = 2027-03-31
//
// An entry suppresses from `created` through `expires` (both days included). A suppressed
// finding is still reported, marked with the entry; an entry past its end is reported as
// expired and suppresses nothing; an entry in force that matched no finding is stale.
//
//   auto s = load_suppressions("accepted-risks.toml");
//   SuppressionOutcome out = apply(*s, as_of, findings_of_every_check);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/date.h"
#include "cleannet/core/result.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"

namespace cleannet::audit {

struct SuppressionEntry {
  std::string source;  // "file:line" of the [[suppression]] table
  std::string fingerprint;
  std::string rule, organisation, element, line;  // element: a glob (fnmatch) pattern
  std::string reason, owner;
  core::Date created, expires;

  bool matches(const report::Finding& f, std::string_view fingerprint) const;
  // "fingerprint 3f1c..." or "rule EU-RAN, organisation huawei, element ran-*".
  std::string what() const;
};

struct Suppressions {
  std::string path;
  std::vector<SuppressionEntry> entries;
};

core::Result<Suppressions> load_suppressions(const std::string& path);
core::Result<Suppressions> parse_suppressions(const std::string& path, std::string_view text);

struct SuppressionOutcome {
  std::vector<SuppressionEntry> expired;  // past `expires` on the as-of date
  std::vector<SuppressionEntry> pending;  // `created` after the as-of date: not yet in force
  std::vector<SuppressionEntry> stale;    // in force, and no finding matched
  uint64_t suppressed = 0;                // findings marked
};

// Marks every finding that an entry in force on `as_of` matches (the first such entry in file
// order) with that entry.
SuppressionOutcome apply(const Suppressions& s, core::Date as_of, std::vector<report::Finding*>& findings);

report::Json to_json(const SuppressionOutcome& o);

}  // namespace cleannet::audit
