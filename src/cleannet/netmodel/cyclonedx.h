// CycloneDX hardware BOMs (JSON, specVersion 1.2 to 1.7; written for 1.4-1.6 HBOMs) attached
// to a device of a Network, so that the makers of its parts are checked like its own.
//
// Read from the BOM:
// - bomFormat must be "CycloneDX" (anything else, e.g. an SPDX document, is an error) and
//   specVersion one of 1.2 ... 1.7. An XML BOM is an error naming the conversion.
// - The product itself: metadata.component, its maker from metadata.component.manufacturer,
//   metadata.manufacturer (1.6), metadata.manufacture (deprecated), metadata.component.supplier
//   or metadata.supplier, in that order; none when metadata.component has a software type
//   (an SBOM of an application, library, ...: its makers made no hardware).
// - Every component of type "device" or "firmware", nested ones included (software types
//   are left out: cleannet checks equipment makers). Each becomes one Equipment: vendor from
//   manufacturer.name (1.6) or supplier.name ("" when the BOM names neither), model = name,
//   serial = property cdx:device:serialNumber, description = the component's description,
//   "version V" and its other cdx:device:* properties ("function=connector; quantity=8"),
//   joined by "; ". source is "CycloneDX component manufacturer" / "CycloneDX component
//   supplier" / "CycloneDX component (no manufacturer or supplier)"; pos is the
//   component's '{'.
// Other keys are ignored (the format is open), but the ones read must have the right type.
//
// attach_cyclonedx() appends the components to Device::components. When the device has no
// vendor yet, the product's maker (and model, if missing) fills it; when the BOM names a
// different maker for the product than the inventory does, that claim is appended as a
// component too, so that both are checked. Nothing is changed when the BOM is rejected.
//
//   auto bom = core::Input::open("r1.cdx.json");
//   if (auto s = attach_cyclonedx(net, "r1", std::move(*bom)); !s) fail(s.error());
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"
#include "cleannet/netmodel/network.h"

namespace cleannet::netmodel {

struct CycloneDxBom {
  std::string spec_version;
  std::optional<Equipment> product;   // the device the BOM describes, when it names a maker
  std::vector<Equipment> components;  // device and firmware components, in document order
};

core::Result<CycloneDxBom> read_cyclonedx(core::Input in);

// Errors: the BOM's, or an unknown device_id (at the BOM's file).
core::Status attach_cyclonedx(Network& net, const std::string& device_id, core::Input in);

}  // namespace cleannet::netmodel
