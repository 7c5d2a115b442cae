// Devices from sightings: the same MAC (or, without one, the same IP) seen in one or several
// captures is one device with every sighting of it, in the order of its first sighting.
//
//   std::vector<Device> ds = group_devices(discoveries);
//   for (const Device& d : ds) ... d.sightings.front()->pos
#pragma once

#include <string>
#include <vector>

#include "cleannet/netmodel/discovered.h"

namespace cleannet::things {

struct Device {
  std::string mac;  // "" when none was seen
  netmodel::MacKind kind = netmodel::MacKind::kNone;
  // Into the discoveries grouped, which must outlive the device.
  std::vector<const netmodel::DiscoveredHost*> sightings;
};

std::vector<Device> group_devices(const std::vector<netmodel::Discovery>& discoveries);

// The distinct non-empty values of one field over a device's sightings, in sighting order.
std::vector<std::string> distinct(const Device& d, std::string netmodel::DiscoveredHost::*field);

}  // namespace cleannet::things
