// A device's maker from its MAC address, with the reason whenever the IEEE data names none.
//
// The evidence, strongest first:
//   1. the registry's own OUIs and the IEEE assignment covering the MAC (Resolver::resolve,
//      match kinds "oui" and "ieee-oui");
//   2. the vendor a scanner printed for the MAC (nmap's <address vendor=...>, from nmap's
//      own copy of the IEEE lists, which is often newer than the installed ieee-data): the
//      name resolved like an IEEE registrant name, as match kind "scan-vendor" with
//      kScanVendorWeight times the name match's confidence, and never verified (a scanner's
//      label is not the registration). Used only when the IEEE data names no organisation.
// An MA-L registered to "IEEE Registration Authority" with no MA-M/MA-S block in the data for
// the MAC is not an assignment: its block is newer than the data, and the RA is not the
// maker. A MAC with the locally administered bit set (IEEE 802-2014, 8.2) is looked up like
// any other: a few early assignments have that bit (AA:00:04 Digital Equipment), and only
// when no assignment covers it is it taken as randomised.
//
//   auto a = attribute_mac(resolver, *parse_oui("00:4b:0d:12:34:56"), false, {"Huawei Device"});
//   // a.match->how == "scan-vendor", a.unknown_reason ==
//   //   "no IEEE assignment in data of 2022-08-27 (/usr/share/ieee-data)"
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cleannet/trust/resolver.h"

namespace cleannet::trust {

inline constexpr double kScanVendorWeight = 0.5;

struct MacAttribution {
  // False for a locally administered MAC that no assignment covers (randomised, virtual).
  bool attributable = true;
  std::optional<Match> match;
  const IeeeAssignment* ieee = nullptr;       // the maker's assignment covering the MAC
  const IeeeAssignment* ra_parent = nullptr;  // the RA's MA-L when no block of it is in the data
  // Why the IEEE data names no maker ("" when `ieee` is set): "no IEEE assignment in data of
  // 2022-08-27 (/usr/share/ieee-data)", "MA-L 08:F8:0D is registered to IEEE Registration
  // Authority, which sub-assigns MA-M/MA-S blocks; block not in data of ...", "no IEEE data".
  std::string unknown_reason;
};

// `mac` is a 48-bit address; `scan_vendors` the vendor strings scanners reported for it.
MacAttribution attribute_mac(const Resolver& r, const Oui& mac, bool locally_administered,
                             const std::vector<std::string>& scan_vendors);

}  // namespace cleannet::trust
