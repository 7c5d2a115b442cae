// cleannet's native CSV inventory: devices.csv, links.csv and optionally demands.csv, each
// RFC 4180 with a header row naming its columns (in any order, case-insensitive; a UTF-8
// byte-order mark is ignored). An empty cell is an absent value; blank lines are skipped.
//
//   devices.csv  id*, name, vendor*, model, role*, segment, site, country, serial, replace_cost
//   links.csv    id, a*, b*, cost, capacity, segment, equipment_vendor, equipment_model, replace_cost
//   demands.csv  id*, source*, destination*, traffic_class, path
//
// (* = the column is required; its cells may still be empty where the JSON form allows
// "", e.g. an unknown vendor.) role is transmission|control|computing|storage; cost,
// capacity and replace_cost are finite numbers >= 0; country is two letters (stored
// upper-case); path lists device ids separated by spaces and/or '>' ("r1>r2>r3",
// "r1 > r2 > r3"). A link's equipment_vendor/equipment_model become one Equipment on the
// link (a model needs a vendor). Positions are the record's first line; Equipment::source
// is "<file> vendor" or "<file> equipment_vendor".
//
// The result equals load_network_json() on the same network, apart from positions and
// sources (tests/data/netmodel/small.json and tests/data/netmodel/small-csv/ are one
// network in both forms).
//
//   auto net = load_network_csv("devices.csv", "links.csv", "demands.csv");
//
// Errors: "file:line: expected X, found Y" for the first problem: an unknown, repeated or
// missing column (at the header line), a record with a different number of fields than the
// header, a bad role, number or country, then what Network::finalize() checks.
#pragma once

#include <optional>
#include <string>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"
#include "cleannet/netmodel/network.h"

namespace cleannet::netmodel {

// demands_path "" means no demands.
core::Result<Network> load_network_csv(const std::string& devices_path, const std::string& links_path,
                                       const std::string& demands_path = "");
core::Result<Network> load_network_csv(core::Input devices, core::Input links,
                                       std::optional<core::Input> demands = std::nullopt);

// Adds the demands of a demands.csv to any loaded network (e.g. one read from GraphML or
// NetBox), checking their endpoints and paths against it; on error the network is unchanged.
core::Status add_demands_csv(Network& net, const std::string& demands_path);

}  // namespace cleannet::netmodel
