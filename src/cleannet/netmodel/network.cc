#include "cleannet/netmodel/network.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string_view>
#include <utility>

#include "cleannet/core/text.h"

namespace cleannet::netmodel {

const char* role_name(Role r) {
  switch (r) {
    case Role::kTransmission: return "transmission";
    case Role::kControl: return "control";
    case Role::kComputing: return "computing";
    case Role::kStorage: return "storage";
    case Role::kUnknown: return "unknown";
  }
  return "?";
}

std::optional<Role> parse_role(std::string_view s) {
  std::string l = core::to_lower(core::trim(s));
  if (l.empty() || l == "unknown") return Role::kUnknown;
  if (l == "transmission") return Role::kTransmission;
  if (l == "control") return Role::kControl;
  if (l == "computing") return Role::kComputing;
  if (l == "storage") return Role::kStorage;
  return std::nullopt;
}

std::optional<uint32_t> Network::find_device(std::string_view id) const {
  auto it = device_index.find(std::string(id));
  if (it == device_index.end()) return std::nullopt;
  return it->second;
}

core::Status Network::finalize() {
  device_index.clear();
  for (uint32_t i = 0; i < devices.size(); ++i) {
    const Device& d = devices[i];
    if (d.id.empty()) return core::Error(d.pos, "a device id", "an empty id");
    if (!device_index.emplace(d.id, i).second)
      return core::Error(d.pos, "a unique device id (first defined at " + devices[device_index[d.id]].pos.to_string() + ")",
                         core::quote_found(d.id));
  }
  // Ids are checked for uniqueness by sorting views of them, and adjacency only for the
  // device pairs that demand paths use: on a national inventory (4 million links) sets of
  // all link ids and all adjacent pairs would cost more memory than the links themselves.
  std::vector<std::pair<std::string_view, uint32_t>> ids;
  ids.reserve(links.size());
  for (uint32_t i = 0; i < links.size(); ++i)
    if (!links[i].id.empty()) ids.emplace_back(links[i].id, i);
  std::sort(ids.begin(), ids.end());
  // The first link, in input order, whose id an earlier link has: the second of its group.
  size_t first_duplicate = SIZE_MAX;
  for (size_t k = 1; k < ids.size(); ++k)
    if (ids[k].first == ids[k - 1].first && (k < 2 || ids[k - 2].first != ids[k].first))
      first_duplicate = std::min<size_t>(first_duplicate, ids[k].second);
  ids = {};
  std::set<std::pair<std::string_view, std::string_view>> adjacent;  // of the pairs paths use
  for (const Demand& d : demands)
    for (size_t i = 1; i < d.path.size(); ++i) adjacent.emplace(d.path[i - 1], d.path[i]);
  std::set<std::pair<std::string_view, std::string_view>> linked;
  for (size_t i = 0; i < links.size(); ++i) {
    const Link& l = links[i];
    if (i == first_duplicate) return core::Error(l.pos, "a unique link id", core::quote_found(l.id));
    for (const std::string* end : {&l.a, &l.b})
      if (!find_device(*end)) return core::Error(l.pos, "a link end that is a known device id", core::quote_found(*end));
    if (l.cost && !(*l.cost >= 0)) return core::Error(l.pos, "a link cost >= 0", std::to_string(*l.cost));
    if (adjacent.empty()) continue;
    for (auto pair : {std::pair<std::string_view, std::string_view>{l.a, l.b}, {l.b, l.a}})
      if (adjacent.count(pair)) linked.insert(pair);
  }
  std::set<std::string> demand_ids;
  for (const Demand& d : demands) {
    if (!d.id.empty() && !demand_ids.insert(d.id).second)
      return core::Error(d.pos, "a unique demand id", core::quote_found(d.id));
    for (const std::string* end : {&d.source, &d.destination})
      if (!find_device(*end)) return core::Error(d.pos, "a demand endpoint that is a known device id", core::quote_found(*end));
    for (size_t i = 0; i < d.path.size(); ++i) {
      if (!find_device(d.path[i])) return core::Error(d.pos, "a path of known device ids", core::quote_found(d.path[i]));
      if (i > 0 && !linked.count({d.path[i - 1], d.path[i]}))
        return core::Error(d.pos, "consecutive path devices joined by a link",
                           core::quote_found(d.path[i - 1]) + " -> " + core::quote_found(d.path[i]));
    }
    if (!d.path.empty() && (d.path.front() != d.source || d.path.back() != d.destination))
      return core::Error(d.pos, "a path from the demand's source to its destination",
                         core::quote_found(d.path.front()) + " ... " + core::quote_found(d.path.back()));
  }
  return core::Ok{};
}

void attach_equipment(Device& device, const Equipment* product, std::vector<Equipment> components) {
  if (product) {
    Equipment& own = device.equipment;
    if (core::trim(own.vendor).empty()) {
      own.vendor = product->vendor;
      if (own.model.empty()) own.model = product->model;
      own.source = product->source;
      own.pos = product->pos;
    } else if (core::fold_ascii_lower(core::trim(own.vendor)) != core::fold_ascii_lower(core::trim(product->vendor))) {
      device.components.push_back(*product);
    }
  }
  for (Equipment& e : components) device.components.push_back(std::move(e));
}

core::Result<Device*> device_to_attach(Network& net, const std::string& device_id, const std::string& file,
                                       const std::string& what) {
  // Linear, not find_device(): attaching happens before finalize() builds the index.
  for (Device& d : net.devices)
    if (d.id == device_id) return &d;
  return core::Error(core::SourcePos(file), "a device of the network to attach " + what + " to",
                     "no device " + core::quote_found(device_id));
}

}  // namespace cleannet::netmodel
