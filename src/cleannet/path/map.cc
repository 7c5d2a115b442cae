#include "cleannet/path/map.h"

#include <vector>

namespace cleannet::path {

namespace {

// Higher is less trusted: the equipment that ranks highest gives the device its status.
int distrust(trust::Status s) {
  switch (s) {
    case trust::Status::kUntrusted:
      return 2;
    case trust::Status::kUnknown:
      return 1;
    case trust::Status::kTrusted:
      return 0;
  }
  return 1;
}

}  // namespace

size_t located_devices(const netmodel::Network& net) {
  size_t n = 0;
  for (const auto& d : net.devices) n += d.location.has_value();
  return n;
}

std::optional<report::Json> map_json(const netmodel::Network& net, const ElementTrust& trust) {
  if (located_devices(net) == 0) return std::nullopt;
  report::Json devices = report::Json::array();
  for (uint32_t i = 0; i < net.devices.size(); ++i) {
    const netmodel::Device& d = net.devices[i];
    if (!d.location) continue;
    const ResolvedEquipment* worst = nullptr;
    for (const auto& e : trust.device_equipment(i))
      if (!worst || distrust(e.vendor->status.status) > distrust(worst->vendor->status.status)) worst = &e;
    trust::Status status = worst ? worst->vendor->status.status : trust::Status::kTrusted;
    report::Json org = nullptr;
    if (worst && worst->vendor->match) org = trust.registry().org(worst->vendor->match->org).id;
    devices.push_back({{"id", d.id},
                       {"name", d.name},
                       {"site", d.site},
                       {"vendor", d.equipment.vendor},
                       {"latitude", d.location->latitude},
                       {"longitude", d.location->longitude},
                       {"status", trust::status_name(status)},
                       {"organisation", org}});
  }
  report::Json links = report::Json::array();
  for (const auto& l : net.links) {
    auto a = net.find_device(l.a), b = net.find_device(l.b);
    if (!a || !b || !net.devices[*a].location || !net.devices[*b].location) continue;
    links.push_back({{"id", l.id}, {"a", l.a}, {"b", l.b}});
  }
  return report::Json{{"devices", devices}, {"links", links}};
}

}  // namespace cleannet::path
