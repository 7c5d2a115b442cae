// NetBox inventories, in the two forms an operator has at hand:
//
// 1. REST API exports: GET /api/dcim/devices/?limit=0 and /api/dcim/cables/?limit=0 saved
//    as JSON, i.e. {"count": N, "next": null, "results": [...]}, or the pages' "results"
//    joined into one array. Devices use id, name, device_type.manufacturer.name,
//    device_type.model, role (NetBox >= 3.6) or device_role (older), site.name, serial and
//    custom_fields; cables use id and a_terminations / b_terminations
//    ([{object_type: "dcim.interface", object: {device: {id, name}}}], NetBox >= 3.3) or
//    termination_a_type / termination_a (older). Other keys are ignored (the API adds
//    fields in every release). An export with a "next" page, or fewer results than its
//    "count", is an error rather than a silently partial network.
// 2. Django dumpdata (`manage.py dumpdata`, as the netbox-demo-data repository ships it):
//    one array of {model, pk, fields}, with the cables in the same file. Devices are
//    resolved through dcim.devicetype -> dcim.manufacturer, dcim.devicerole and dcim.site;
//    cables through dcim.cabletermination (termination_type a content type, as
//    ["dcim", "interface"] or a contenttypes.contenttype pk) and the port's device (or
//    the termination's cached _device); dcim.module -> dcim.moduletype and
//    dcim.inventoryitem with a manufacturer become Device::components.
// The form is detected from the devices input; a cables input must be in the same form.
//
// Devices: id is the NetBox name, or "netbox-device-<pk>" for an unnamed device; a name
// used by several devices (NetBox allows it across sites) becomes "<name>#<pk>" for each.
// Device::name keeps the NetBox name. Custom fields (custom_fields / custom_field_data)
// "segment", "country" (two letters) and "replace_cost" (a number >= 0) are read when
// present. Device status is not filtered: planned and offline devices are included.
//
// Links: one per cable whose two ends are data ports of devices (dcim.interface,
// frontport, rearport, consoleport, consoleserverport), id "cable-<pk>" (a cable with
// several devices on an end gives one link per device pair, "cable-<pk>/<n>"). Power
// cables (dcim.powerport, poweroutlet, powerfeed) and cables to circuits
// (circuits.circuittermination) carry no traffic between inventoried devices and are left
// out; any other termination type is an error. Patch panels are devices, so a path
// through one is an approximation (their front-to-rear port mapping is not traced).
//
// Role mapping (netbox_role): the role's slug (or name), lower-cased with every run of
// other characters turned into '-', split into words at '-'; the first rule with a
// matching word wins:
//
//   control       firewall, fw, console, oob, balancer, loadbalancer, controller, ids, ips,
//                 vpn, security
//   storage       storage, san, nas
//   computing     server, servers, compute, host, hypervisor, virtualization, vm
//   transmission  router, switch, patch, panel, leaf, spine, tor, optical, dwdm, roadm,
//                 mux, olt, ont, radio, wireless, ap, modem, gateway, bng, bras, transport
//   unknown       anything else (pdu, ups, kvm, ...): Role::kUnknown
//
// e.g. "Router", "Core Switch", "Access Switch", "ToR Switch", "Patch Panel" ->
// transmission; "Firewall", "Console Server" -> control; "Application Server",
// "Database Server" -> computing; "Storage Array" -> storage; "PDU" -> unknown.
// Device::role_label always keeps the NetBox role name.
//
//   auto net = load_netbox("devices.json", "cables.json");
//   auto demo = load_netbox("netbox-demo-v3.6-dcim-circuits.json.gz");
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"
#include "cleannet/netmodel/network.h"

namespace cleannet::netmodel {

// cables "" / nullopt: no cables input (a dumpdata file carries its own).
core::Result<Network> load_netbox(core::Input devices, std::optional<core::Input> cables = std::nullopt);
core::Result<Network> load_netbox(const std::string& devices_path, const std::string& cables_path = "");

// The mapping above, from a NetBox role slug or name.
Role netbox_role(std::string_view slug_or_name);

}  // namespace cleannet::netmodel
