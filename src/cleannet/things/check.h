// Clean Things (`cleannet things scan FILE...`): every host that nmap, a DHCP server or a
// neighbour table saw is attributed through its MAC's OUI (the registry's own OUIs, then the
// IEEE registry, as `registry lookup` does, then the scan's own vendor string as secondary
// evidence: see trust/mac_attribution.h) and judged by the policy on the "things" line. The
// same MAC seen in several files is one device with all its sightings (devices.h). Group
// MACs are reported, not looked up; locally administered ones are randomised unless an IEEE
// assignment covers them. A device is a finding when its maker is untrusted or the policy
// does not allow it.
//
// Every file is read before anything is judged. Each readable file gets its report; each
// unreadable one its error, and so does a file from which no host was read (nothing usable
// is an input error, not a clean file).
//
//   ThingsInputs in{.files = {"scan.xml", "dhcpd.leases"}, .resolver = &resolver,
//                   .policy = &policy, .status_options = opt};
//   report::CheckReport r = scan(in);   // findings, and the JSON "devices" and "summary"
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/netmodel/discovered.h"
#include "cleannet/report/check_report.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::things {

struct ThingsInputs {
  std::vector<std::string> files;  // captures; "-" is standard input
  netmodel::DiscoveryFormat format = netmodel::DiscoveryFormat::kAuto;
  // The resolver (and its registry) and the policy must outlive the call.
  const trust::Resolver* resolver = nullptr;
  const trust::Policy* policy = nullptr;
  trust::StatusOptions status_options;
  std::string ieee_note;  // why the resolver has no IEEE data, when it has none
  // Set by the resolver's IEEE source when the IEEE files it loads on the first MAC lookup
  // are malformed: the scan then ends with that error and no report.
  const std::optional<core::Error>* ieee_error = nullptr;
};

report::CheckReport scan(const ThingsInputs& in);

}  // namespace cleannet::things
