// cleannet's native JSON inventory, read with the positioned JSON reader (core/json.h).
//
// The format is closed (an unknown key is an error, so a typo never silently drops data):
//
//   {"name": "metro-east",                       optional
//    "provenance": "...", "synthetic": false,    optional: where the data came from
//    "devices": [{"id": "r1", "name": "...", "vendor": "Huawei", "model": "NE40E-X8A",
//                 "serial": "...", "role": "transmission",   transmission|control|computing|storage
//                 "segment": "core", "site": "...", "country": "DE",
//                 "latitude": 52.52, "longitude": 13.40,     optional, degrees, both or neither
//                 "replace_cost": 120000,
//                 "components": [{"vendor": "...", "model": "...", "serial": "...",
//                                 "description": "..."}]}],
//    "links":   [{"id": "l1", "a": "r1", "b": "r2", "cost": 10, "capacity": 100,
//                 "segment": "transport", "replace_cost": 5000,
//                 "equipment": [{"vendor": "...", "model": "...", "serial": "...", "description": "..."}]}],
//    "demands": [{"id": "d1", "source": "r1", "destination": "r2",
//                 "traffic_class": "diplomatic", "path": ["r1", "r2"]}]}
//
// Required: devices (may be []), device id, vendor (may be "") and role; link a and b;
// demand id, source and destination; equipment vendor. null counts as absent. Numbers are
// finite and >= 0 (latitude -90..90, longitude -180..180, both given or neither);
// country is two letters (stored upper-case). Every element keeps the position of its '{'
// (Device::pos ...), every vendor the position of its value, and Equipment::source names
// the field ("inventory.json devices[3].vendor").
//
//   auto net = load_network_json(*core::Input::open("inventory.json"));
//   if (!net) { std::cerr << net.error().message() << '\n'; return 2; }
//
// Errors are "file:line:col: expected X, found Y", for the first problem in the file
// (in document order): JSON syntax, a wrong type, an unknown or repeated key, then the
// cross-references that Network::finalize() checks.
#pragma once

#include <string>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"
#include "cleannet/netmodel/network.h"

namespace cleannet::netmodel {

core::Result<Network> load_network_json(core::Input in);
core::Result<Network> load_network_json(const std::string& path);

}  // namespace cleannet::netmodel
