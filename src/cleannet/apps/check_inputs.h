// The inputs of `cleannet apps check`, each read into an AppsCheck by its content: an APK (a
// file named *.apk, or any ZIP, also on standard input) as its package, verified signers'
// certificates and embedded SDKs; anything else as an app catalogue or device package list
// (catalogue.h, format by content).
//
//   AppsCheck check(resolver, policy, status_options, options);
//   InputsRead r = add_inputs({"index-v1.json", "app.apk"}, check);
//   report::CheckReport rep = run_check({"index-v1.json"}, resolver, policy, status_options, options);
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cleannet/apps/check.h"
#include "cleannet/core/result.h"
#include "cleannet/report/check_report.h"

namespace cleannet::apps {

struct InputsRead {
  std::vector<core::Error> errors;  // one per input that could not be read, in input order
  size_t readable = 0;              // inputs added to the check
};

// Every input is read; an unreadable one is an error and does not hide the others.
InputsRead add_inputs(const std::vector<std::string>& paths, AppsCheck& check);

// `apps check` as one call: every input read and judged, and the report the command prints.
// Unreadable inputs are the report's errors; when none was readable there is no report.
report::CheckReport run_check(const std::vector<std::string>& paths, const trust::Resolver& resolver,
                              const trust::Policy& policy, const trust::StatusOptions& status_options,
                              const CheckOptions& options);

}  // namespace cleannet::apps
