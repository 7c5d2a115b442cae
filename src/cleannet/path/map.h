// The located part of a network for a map: every device with a location (GraphML
// coordinates, native JSON latitude/longitude), its trust status as the path check sees it,
// and the links between two located devices. The HTML report draws it under the demands'
// routed and alternative paths, which the demands' own JSON already lists.
//
//   ElementTrust et(net, resolver, policy, status_options);
//   if (auto m = map_json(net, et)) summary["map"] = *m;
#pragma once

#include <cstddef>
#include <optional>

#include "cleannet/netmodel/network.h"
#include "cleannet/path/element_trust.h"
#include "cleannet/report/render.h"

namespace cleannet::path {

// More located devices than a page can draw as separate circles and still answer.
inline constexpr size_t kMaxMapDevices = 20000;

// {"devices": [{"id", "name", "site", "vendor", "latitude", "longitude", "status",
// "organisation"}], "links": [{"id", "a", "b"}]}. A device's status is that of its least
// trusted piece of equipment (untrusted, then unknown, then trusted; the first of equal ones),
// whatever the traffic class: a device is as untrusted as its worst equipment (element_trust.h),
// while the policy's decision on it differs per demand. `organisation` is that equipment's
// registry organisation, null when the vendor is not in the registry or there is no equipment.
// None when no device has a location.
std::optional<report::Json> map_json(const netmodel::Network& net, const ElementTrust& trust);

// How many devices have a location.
size_t located_devices(const netmodel::Network& net);

}  // namespace cleannet::path
