// An operator's inventory read whatever form it comes in, and the network a check works on:
// the inventory with what else is given about it (demands, hardware BOMs, CLI inventories of
// single devices, a default traffic class).
//
// The form is told by what the path is: a folder holds devices.csv, links.csv and
// optionally demands.csv (native_csv.h); a .graphml (.gz, .xz) file is GraphML
// (graphml.h); any other file is JSON, NetBox's (netbox.h: a top-level array, a REST page
// with "results", or a device object with "device_type") or else cleannet's native JSON
// (native_json.h).
//
//   auto net = load_inventory("data/inventory/topologyzoo/Geant2012.graphml.gz",
//                             {.vendors = "data/inventory/synthetic/Geant2012.vendors.csv"});
//   NetworkSources s{.inventory = "net.json", .demands = "demands.csv"};
//   auto full = load_network(s);
#pragma once

#include <string>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/netmodel/network.h"

namespace cleannet::netmodel {

struct InventoryOptions {
  std::string vendors;  // vendor assignment CSV for a GraphML topology (vendor_assignment.h)
  std::string cables;   // NetBox cables export (REST form) for a NetBox devices export
};

core::Result<Network> load_inventory(const std::string& path, const InventoryOptions& options = {});

// A file about one device of the inventory.
struct DeviceFile {
  std::string device;  // the device's id
  std::string file;
};

struct NetworkSources {
  std::string inventory;
  InventoryOptions options;
  std::string demands;                     // demands CSV added to the inventory's; "" none
  std::vector<DeviceFile> hboms;           // CycloneDX hardware BOMs (cyclonedx.h)
  std::vector<DeviceFile> device_outputs;  // the devices' CLI inventories (device_output.h)
  std::string traffic_class;               // for demands that name none; "" leaves them
};

// The inventory with everything the sources add to it. The importers and add_demands_csv
// check the references; attaching equipment adds no ids.
core::Result<Network> load_network(const NetworkSources& sources);

}  // namespace cleannet::netmodel
