// `cable check` as one library call: the cable file (or the bundled snapshot) read, the
// options checked, the cables judged and the network cut, and the report the command prints,
// with the GeoJSON map when asked for.
//
//   CableInputs in;
//   in.to = "EU"; in.geojson = true;
//   CableRun run = run_check(in, resolver, policy, status_options);
//   print_check_report(std::cout, std::cerr, Format::kText, run.report, "cleannet cable check");
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cleannet/report/check_report.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::cable {

struct CableInputs {
  std::string data;                  // TeleGeography cable file; empty: the bundled snapshot
  std::string country;               // report only this country (code or name); empty: all
  std::string to = "US";             // target countries (expand_country_set)
  std::vector<std::string> without;  // cables removed (id or name)
  bool include_planned = false;
  bool geojson = false;  // also build the map (CableCheck::geojson)
};

struct CableRun {
  report::CheckReport report;
  std::optional<report::Json> geojson;  // when asked for and the report was made
};

// A bad option or an unreadable cable file is the report's error, with nothing reported.
CableRun run_check(const CableInputs& in, const trust::Resolver& resolver, const trust::Policy& policy,
                   const trust::StatusOptions& status_options);

}  // namespace cleannet::cable
