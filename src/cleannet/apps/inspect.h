// The APK inspection check, `cleannet apps inspect`: for each APK its package, version,
// signing certificates, DEX classes and the SDKs they embed (sdk.h); the package and each
// verified signer's certificate resolved in the registry, each SDK attributed to its
// company's organisation, and all judged on the "apps" line by trust::Judge. Every judgement
// that violates the policy is a finding.
//
//   InspectInputs in;  in.paths = {"app.apk"};
//   auto r = inspect_apks(in, resolver, registry, policy, status_options);
//   for (const core::Error& e : r->errors) ...;  print_check_report(..., r->report, ..., r->text)
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/report/check_report.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::apps {

struct InspectInputs {
  std::vector<std::string> paths;  // APK files
  bool classes = false;            // list every class name
  size_t top = 10;                 // class prefixes shown
  size_t examples = 3;             // example classes per SDK
};

struct InspectResult {
  // Findings: the violating package, certificates and SDKs of every APK read; summary:
  // as_of, policy and each APK as `--format json` shows them.
  report::CheckReport report;
  std::string text;                 // the text report, findings included
  std::vector<core::Error> errors;  // one per APK that could not be read, in input order
  size_t readable = 0;              // APKs read
  bool violation = false;           // a finding violates the policy
};

// Every APK is read; an unreadable one is an error in `errors` and does not hide the others.
// Fails only when the bundled SDK signatures cannot be loaded.
core::Result<InspectResult> inspect_apks(const InspectInputs& in, const trust::Resolver& resolver,
                                         const trust::Registry& registry, const trust::Policy& policy,
                                         const trust::StatusOptions& options);

}  // namespace cleannet::apps
