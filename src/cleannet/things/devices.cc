#include "cleannet/things/devices.h"

#include <algorithm>
#include <unordered_map>

namespace cleannet::things {

std::vector<Device> group_devices(const std::vector<netmodel::Discovery>& discoveries) {
  std::vector<Device> devices;
  std::unordered_map<std::string, size_t> index;
  for (const auto& in : discoveries) {
    for (const auto& h : in.hosts) {
      std::string key = !h.mac.empty() ? h.mac : !h.ip.empty() ? "ip " + h.ip : "at " + h.pos.to_string();
      auto [it, fresh] = index.try_emplace(key, devices.size());
      if (fresh) {
        Device d;
        d.mac = h.mac;
        d.kind = h.mac_kind;
        devices.push_back(std::move(d));
      }
      devices[it->second].sightings.push_back(&h);
    }
  }
  return devices;
}

std::vector<std::string> distinct(const Device& d, std::string netmodel::DiscoveredHost::*field) {
  std::vector<std::string> out;
  for (const auto* h : d.sightings)
    if (!(h->*field).empty() && std::find(out.begin(), out.end(), h->*field) == out.end()) out.push_back(h->*field);
  return out;
}

}  // namespace cleannet::things
