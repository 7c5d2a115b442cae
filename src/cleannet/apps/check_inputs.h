// The inputs of `cleannet apps check`, each read into an AppsCheck by its content: an APK (a
// file named *.apk, or any ZIP, also on standard input) as its package, verified signers'
// certificates and embedded SDKs; anything else as an app catalogue or device package list
// (catalogue.h, format by content).
//
//   AppsCheck check(resolver, policy, status_options, options);
//   InputsRead r = add_inputs({"index-v1.json", "app.apk"}, check);
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cleannet/apps/check.h"
#include "cleannet/core/result.h"

namespace cleannet::apps {

struct InputsRead {
  std::vector<core::Error> errors;  // one per input that could not be read, in input order
  size_t readable = 0;              // inputs added to the check
};

// Every input is read; an unreadable one is an error and does not hide the others.
InputsRead add_inputs(const std::vector<std::string>& paths, AppsCheck& check);

}  // namespace cleannet::apps
