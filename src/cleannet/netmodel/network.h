// An operator's network as cleannet sees it: devices (with vendor, model, role, segment),
// links (with the equipment on them, e.g. optical line systems) and demands (source,
// destination, traffic class, optionally the path routed today). Every importer
// (native JSON, CSV, NetBox, GraphML, CycloneDX HBOM, device CLI output) produces this,
// with the source position of every element so that findings can point back at it.
// Importers never decide trust: vendors stay free text for the trust resolver.
//
//   auto net = load_network_json(*core::Input::open("inventory.json"));
//   for (const Device& d : net->devices) resolve(d.vendor) ...
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"

namespace cleannet::netmodel {

// Clean Path's four equipment roles (State Department, 5G Clean Path, 2020-04-29).
enum class Role { kTransmission, kControl, kComputing, kStorage, kUnknown };
const char* role_name(Role r);
std::optional<Role> parse_role(std::string_view s);  // case-insensitive; "" -> kUnknown

// A piece of equipment with its maker, as a source states it (a device's own vendor field,
// a hardware-BOM component, a line of `show inventory`, an optical system on a link).
struct Equipment {
  std::string vendor;  // free text, resolved by the trust registry
  std::string model;
  std::string serial;
  std::string description;
  std::string source;  // which field said so: "devices.csv vendor", "CycloneDX component supplier" ...
  core::SourcePos pos;
};

// A place on Earth (WGS 84), as Topology Zoo GraphML and the native inventory give it.
struct GeoPoint {
  double latitude = 0;   // degrees, -90..90
  double longitude = 0;  // degrees, -180..180
};

struct Device {
  std::string id;
  std::string name;
  Equipment equipment;  // the device itself: vendor, model, serial
  Role role = Role::kUnknown;
  std::string role_label;  // the source's own role name, mapped to `role` or not (NetBox "Core Switch"); "" if none
  std::string segment;     // core, ran, transport, management, access ... ("" = unspecified)
  std::string site;
  std::string country;               // ISO 3166-1 alpha-2 or ""
  std::optional<GeoPoint> location;  // where the source places it; none when it does not say
  std::optional<double> replace_cost;
  std::vector<Equipment> components;  // HBOM components, inventory modules
  core::SourcePos pos;
};

struct Link {
  std::string id;
  std::string a, b;            // device ids
  std::optional<double> cost;  // routing cost (default 1)
  std::optional<double> capacity;
  std::string segment;
  std::vector<Equipment> equipment;  // equipment on the link itself
  std::optional<double> replace_cost;
  core::SourcePos pos;
};

struct Demand {
  std::string id;
  std::string source, destination;  // device ids
  std::string traffic_class;        // diplomatic, personal-data, public ... ("" = unspecified)
  std::vector<std::string> path;    // device ids of today's routed path, if given
  core::SourcePos pos;
};

// What an importer read but left out, and why (a cable whose ends contradict the devices
// export): commands show these beside their result.
struct InputWarning {
  core::SourcePos pos;
  std::string text;
};

struct Network {
  std::string name;
  std::string provenance;  // where the data came from; says "synthetic" when it is
  bool synthetic = false;
  std::vector<Device> devices;
  std::vector<Link> links;
  std::vector<Demand> demands;
  std::vector<InputWarning> warnings;

  // Index of device ids, built by finalize().
  std::unordered_map<std::string, uint32_t> device_index;
  std::optional<uint32_t> find_device(std::string_view id) const;

  // Builds the index and checks references: unique device, link and demand ids; link ends
  // and demand endpoints and paths naming known devices; consecutive path devices linked.
  // Errors name the element's source position.
  core::Status finalize();
};

// What a second source says a device is made of (a CycloneDX HBOM, the device's own CLI
// inventory), merged into it so that every maker is checked: when the device has no vendor
// yet, the product's maker (and model, if missing) fills it; when the source names a
// different maker for the product than the inventory does, that claim is kept as a
// component too; the components are appended. `product` may be null.
void attach_equipment(Device& device, const Equipment* product, std::vector<Equipment> components);

// The device a source describing `device_id` is attached to, or an error at `file`
// ("a device of the network to attach <what> to").
core::Result<Device*> device_to_attach(Network& net, const std::string& device_id, const std::string& file,
                                       const std::string& what);

}  // namespace cleannet::netmodel
