// `carrier check` as one library call: the network's ASes and prefixes as given, the MRT
// files, the AS relationships and the AS directory read and checked, and the report the
// command prints (check.h has the check itself).
//
//   CarrierInputs in;
//   in.asns = {"AS3356"}; in.ribs = {"rib.bz2"}; in.as_rel = "as-rel.txt";
//   report::CheckReport r = run_check(in, resolver, policy, status_options);
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cleannet/report/check_report.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::carrier {

struct CarrierInputs {
  std::vector<std::string> asns;           // "3356" or "AS3356"; at least one
  std::vector<std::string> prefixes;       // "192.0.2.0/24", no host bits set
  std::vector<std::string> ribs, updates;  // MRT files
  std::string as_rel;                      // CAIDA as-rel(2), for inference; empty: none
  std::string as_names, as2org;            // the AS directory (asgraph/directory.h); empty: none
  size_t max_destinations = 1000;
  bool keep_going = false;  // read past damaged MRT records (read_routes)
};

// Bad arguments or an unreadable relationship or directory file end the run with nothing
// reported (r.reported false). Every MRT file is read, each bad one an error (one unreadable
// input does not hide the others): the report covers the files that were read, and the run
// is still an input error. A violation is an exposure (CarrierCheck::exposed).
report::CheckReport run_check(const CarrierInputs& in, const trust::Resolver& resolver, const trust::Policy& policy,
                              const trust::StatusOptions& status_options);

}  // namespace cleannet::carrier
