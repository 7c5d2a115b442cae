#include "cleannet/netmodel/cyclonedx.h"

#include <utility>

#include "cleannet/core/json.h"
#include "cleannet/core/text.h"

namespace cleannet::netmodel {
namespace {

namespace json = core::json;

using json::Object;
using json::Problems;
using json::Value;

constexpr std::string_view kDeviceProp = "cdx:device:";

// The name of an organizational entity ({"name": ..., "url": [...]}) under `key`.
std::optional<std::string> entity_name(Object& o, std::string_view key) {
  const Value* v = o.object(key);
  if (!v) return std::nullopt;
  Object e(*v, o.file(), o.field(key), o.problems());
  auto name = e.str("name");
  if (name && core::trim(*name).empty()) return std::nullopt;
  return name;
}

// One component: its maker, name, serial and description (see cyclonedx.h).
Equipment read_component(Object& c) {
  Equipment e;
  e.pos = c.pos();
  e.model = c.str("name", true).value_or("");
  if (auto m = entity_name(c, "manufacturer")) {
    e.vendor = *m;
    e.source = "CycloneDX component manufacturer";
  } else if (auto s = entity_name(c, "supplier")) {
    e.vendor = *s;
    e.source = "CycloneDX component supplier";
  } else {
    e.source = "CycloneDX component (no manufacturer or supplier)";
  }
  std::vector<std::string> parts;
  if (auto d = c.str("description"); d && !d->empty()) parts.push_back(*d);
  if (auto v = c.str("version"); v && !v->empty()) parts.push_back("version " + *v);
  if (const auto* props = c.array("properties")) {
    for (size_t i = 0; i < props->size(); ++i) {
      const Value& pv = (*props)[i];
      std::string where = c.field("properties") + "[" + std::to_string(i) + "]";
      if (!pv.is_object()) {
        c.error(pv, where + " as a {name, value} object", json::describe(pv));
        continue;
      }
      Object p(pv, c.file(), where, c.problems());
      auto name = p.str("name", true);
      auto value = p.str("value");
      if (!name || name->rfind(kDeviceProp, 0) != 0) continue;
      std::string shortname = name->substr(kDeviceProp.size());
      if (shortname == "serialNumber")
        e.serial = value.value_or("");
      else
        parts.push_back(shortname + "=" + value.value_or(""));
    }
  }
  for (const std::string& s : parts) e.description += (e.description.empty() ? "" : "; ") + s;
  return e;
}

// Hardware among the CycloneDX component types (1.6 section "Component Type"): "device" and
// the "firmware" its maker ships with it. The others (application, library, framework,
// container, platform, operating-system, device-driver, file, machine-learning-model, data,
// cryptographic-asset) are software or data.
bool is_equipment_type(std::string_view type) { return type == "device" || type == "firmware"; }

void read_components(Object& parent, std::vector<Equipment>& out) {
  const auto* comps = parent.array("components");
  if (!comps) return;
  for (size_t i = 0; i < comps->size(); ++i) {
    const Value& v = (*comps)[i];
    std::string where = parent.field("components") + "[" + std::to_string(i) + "]";
    if (!v.is_object()) {
      parent.error(v, where + " as a component object", json::describe(v));
      continue;
    }
    Object c(v, parent.file(), where, parent.problems());
    c.check_unique_keys();
    auto type = c.str("type", true);
    Equipment e = read_component(c);
    if (type && is_equipment_type(*type)) out.push_back(std::move(e));
    read_components(c, out);  // nesting is bounded by json::kMaxDepth
  }
}

}  // namespace

core::Result<CycloneDxBom> read_cyclonedx(core::Input in) {
  const std::string& file = in.name();
  auto text = in.read_all(json::kMaxBytes);
  if (!text) return text.error();
  std::string_view head = core::trim(*text);
  if (!head.empty() && head.front() == '<')
    return core::Error(core::SourcePos(file, 1, 1), "a CycloneDX JSON BOM",
                       "XML (convert it: cyclonedx convert --input-file BOM.xml --output-format json)");
  auto doc = json::parse(file, *text);
  if (!doc) return doc.error();
  const Value& root = *doc;
  if (!root.is_object())
    return core::Error(core::SourcePos(file, root.line, root.column), "a CycloneDX BOM object", json::describe(root));
  Problems p;
  Object top(root, file, "", p);
  top.check_unique_keys();
  if (p.any()) return p.first();
  // Is it CycloneDX at all? Say so before anything else.
  const Value* format = root.find("bomFormat");
  if (!format || !format->is_string() || format->text != "CycloneDX")
    return core::Error(format ? top.pos(*format) : top.pos(), "a CycloneDX BOM (\"bomFormat\": \"CycloneDX\")",
                       format ? json::describe(*format) : "no bomFormat");
  CycloneDxBom bom;
  bom.spec_version = top.str("specVersion", true).value_or("");
  if (p.any()) return p.first();
  static constexpr std::string_view kVersions[] = {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"};
  bool known = false;
  for (std::string_view v : kVersions) known = known || bom.spec_version == v;
  if (!known)
    return core::Error(top.pos(*root.find("specVersion")), "specVersion 1.2 to 1.7",
                       core::quote_found(bom.spec_version));

  if (const Value* meta = top.object("metadata")) {
    Object m(*meta, file, top.field("metadata"), p);
    // The product's maker, most specific first.
    std::vector<std::pair<std::optional<std::string>, const char*>> makers;
    std::string model;
    core::SourcePos pos = m.pos();
    std::optional<std::string> component_supplier;
    // An SBOM's subject is software: no maker named in its metadata made the hardware.
    bool hardware_subject = true;
    if (const Value* comp = m.object("component")) {
      Object c(*comp, file, m.field("component"), p);
      if (auto type = c.str("type")) hardware_subject = is_equipment_type(*type);
      model = c.str("name", true).value_or("");
      pos = c.pos();
      makers.emplace_back(entity_name(c, "manufacturer"), "CycloneDX metadata.component.manufacturer");
      component_supplier = entity_name(c, "supplier");
      read_components(c, bom.components);  // the product's own parts are components too
    }
    makers.emplace_back(entity_name(m, "manufacturer"), "CycloneDX metadata.manufacturer");
    makers.emplace_back(entity_name(m, "manufacture"), "CycloneDX metadata.manufacture");
    makers.emplace_back(component_supplier, "CycloneDX metadata.component.supplier");
    makers.emplace_back(entity_name(m, "supplier"), "CycloneDX metadata.supplier");
    for (auto& [maker, source] : makers) {
      if (!maker || !hardware_subject) continue;
      Equipment e;
      e.vendor = *maker;
      e.model = model;
      e.source = source;
      e.pos = pos;
      bom.product = std::move(e);
      break;
    }
  }
  read_components(top, bom.components);
  if (p.any()) return p.first();
  return bom;
}

core::Status attach_cyclonedx(Network& net, const std::string& device_id, core::Input in) {
  auto dev = device_to_attach(net, device_id, in.name(), "the BOM");
  if (!dev) return dev.error();
  auto bom = read_cyclonedx(std::move(in));
  if (!bom) return bom.error();
  attach_equipment(**dev, bom->product ? &*bom->product : nullptr, std::move(bom->components));
  return core::Ok{};
}

}  // namespace cleannet::netmodel
