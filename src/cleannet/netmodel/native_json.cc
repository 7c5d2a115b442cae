#include "cleannet/netmodel/native_json.h"

#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "cleannet/core/json.h"
#include "cleannet/core/text.h"

namespace cleannet::netmodel {

namespace {

namespace json = core::json;
using json::Object;
using json::Problems;
using json::Value;

std::string indexed(std::string_view base, size_t i) { return std::string(base) + "[" + std::to_string(i) + "]"; }

// Two ASCII letters, returned upper-case; anything else is an error at `at`.
std::optional<std::string> country_code(Object& o, std::string_view key) {
  auto s = o.str(key);
  if (!s || s->empty()) return s;
  auto code = core::alpha2_upper(*s);
  if (!code)
    o.error(*o.value().find(key), o.field(key) + " as an ISO 3166-1 alpha-2 code such as \"DE\"",
            core::quote_found(*s));
  return code;
}

// Latitude and longitude in degrees, both or neither: half a place cannot be drawn.
std::optional<GeoPoint> location(Object& o) {
  std::optional<double> lat, lon;
  for (auto [key, limit] : {std::pair<std::string_view, double>{"latitude", 90}, {"longitude", 180}}) {
    const Value* v = o.get(key);
    if (!v) continue;
    if (!v->is_number() || !std::isfinite(v->number) || std::fabs(v->number) > limit) {
      std::string range = std::to_string(static_cast<int>(limit));
      o.error(*v, o.field(key) + " in degrees (-" + range + " to " + range + ")", json::describe(*v));
      continue;
    }
    (key == "latitude" ? lat : lon) = v->number;
  }
  // A bad value is its own error; only a missing partner is this one.
  if (lat.has_value() != lon.has_value() && !o.get(lat ? "longitude" : "latitude")) {
    std::string missing = lat ? "longitude" : "latitude";
    o.problems().add(core::Error(o.pos(),
                                 "key \"" + missing + "\" in " + o.place() + " beside " +
                                     (lat ? "latitude" : "longitude") + " (a location needs both)",
                                 "none"));
  }
  if (lat && lon) return GeoPoint{*lat, *lon};
  return std::nullopt;
}

// A {vendor, model, serial, description} object (device components, link equipment).
std::optional<Equipment> read_equipment(const Value& v, const std::string& file, const std::string& where,
                                        Problems& p) {
  if (!v.is_object()) {
    p.add(core::Error(core::SourcePos(file, v.line, v.column), where + " as an object", json::describe(v)));
    return std::nullopt;
  }
  Object o(v, file, where, p);
  o.allow_only({"vendor", "model", "serial", "description"});
  Equipment e;
  e.vendor = o.str("vendor", true).value_or("");
  e.model = o.str("model").value_or("");
  e.serial = o.str("serial").value_or("");
  e.description = o.str("description").value_or("");
  e.source = file + " " + where + ".vendor";
  e.pos = o.pos();
  return e;
}

void read_device(const Value& v, const std::string& file, size_t i, Network& net, Problems& p) {
  std::string where = indexed("devices", i);
  if (!v.is_object()) {
    p.add(core::Error(core::SourcePos(file, v.line, v.column), where + " as an object", json::describe(v)));
    return;
  }
  Object o(v, file, where, p);
  o.allow_only({"id", "name", "vendor", "model", "serial", "role", "segment", "site", "country", "latitude",
                "longitude", "replace_cost", "components"});
  Device d;
  d.pos = o.pos();
  d.id = o.str("id", true).value_or("");
  d.name = o.str("name").value_or("");
  d.equipment.vendor = o.str("vendor", true).value_or("");
  d.equipment.model = o.str("model").value_or("");
  d.equipment.serial = o.str("serial").value_or("");
  d.equipment.source = file + " " + where + ".vendor";
  const Value* vendor = v.find("vendor");
  d.equipment.pos = vendor ? o.pos(*vendor) : o.pos();
  if (auto role = o.str("role", true)) {
    auto r = parse_role(*role);
    if (!r) {
      o.error(*v.find("role"), o.field("role") + " as one of transmission, control, computing, storage",
              core::quote_found(*role));
    } else {
      d.role = *r;
    }
  }
  d.segment = o.str("segment").value_or("");
  d.site = o.str("site").value_or("");
  d.country = country_code(o, "country").value_or("");
  d.location = location(o);
  d.replace_cost = o.number("replace_cost");
  if (auto* comps = o.array("components"))
    for (size_t j = 0; j < comps->size(); ++j)
      if (auto e = read_equipment((*comps)[j], file, where + ".components[" + std::to_string(j) + "]", p))
        d.components.push_back(std::move(*e));
  net.devices.push_back(std::move(d));
}

void read_link(const Value& v, const std::string& file, size_t i, Network& net, Problems& p) {
  std::string where = indexed("links", i);
  if (!v.is_object()) {
    p.add(core::Error(core::SourcePos(file, v.line, v.column), where + " as an object", json::describe(v)));
    return;
  }
  Object o(v, file, where, p);
  o.allow_only({"id", "a", "b", "cost", "capacity", "segment", "replace_cost", "equipment"});
  Link l;
  l.pos = o.pos();
  l.id = o.str("id").value_or("");
  l.a = o.str("a", true).value_or("");
  l.b = o.str("b", true).value_or("");
  l.cost = o.number("cost");
  l.capacity = o.number("capacity");
  l.segment = o.str("segment").value_or("");
  l.replace_cost = o.number("replace_cost");
  if (auto* eq = o.array("equipment"))
    for (size_t j = 0; j < eq->size(); ++j)
      if (auto e = read_equipment((*eq)[j], file, where + ".equipment[" + std::to_string(j) + "]", p))
        l.equipment.push_back(std::move(*e));
  net.links.push_back(std::move(l));
}

void read_demand(const Value& v, const std::string& file, size_t i, Network& net, Problems& p) {
  std::string where = indexed("demands", i);
  if (!v.is_object()) {
    p.add(core::Error(core::SourcePos(file, v.line, v.column), where + " as an object", json::describe(v)));
    return;
  }
  Object o(v, file, where, p);
  o.allow_only({"id", "source", "destination", "traffic_class", "path"});
  Demand d;
  d.pos = o.pos();
  d.id = o.str("id", true).value_or("");
  d.source = o.str("source", true).value_or("");
  d.destination = o.str("destination", true).value_or("");
  d.traffic_class = o.str("traffic_class").value_or("");
  if (auto* path = o.array("path")) {
    for (const Value& hop : *path) {
      if (!hop.is_string()) {
        o.error(hop, o.field("path") + " elements as device id strings", json::describe(hop));
        continue;
      }
      d.path.push_back(hop.text);
    }
  }
  net.demands.push_back(std::move(d));
}

}  // namespace

core::Result<Network> load_network_json(core::Input in) {
  auto doc = core::json::read(in);
  if (!doc) return doc.error();
  const std::string& file = in.name();
  const Value& root = *doc;
  if (!root.is_object())
    return core::Error(core::SourcePos(file, root.line, root.column), "a JSON object {\"devices\": [...], ...}",
                       json::describe(root));
  Problems p;
  Network net;
  Object top(root, file, "", p);
  top.allow_only({"name", "provenance", "synthetic", "devices", "links", "demands"});
  net.name = top.str("name").value_or("");
  net.provenance = top.str("provenance").value_or(file);
  net.synthetic = top.boolean("synthetic").value_or(false);
  const auto* devices = top.array("devices", true);
  const auto* links = top.array("links");
  const auto* demands = top.array("demands");
  // Everything is read; Problems keeps the earliest problem in the file.
  if (devices)
    for (size_t i = 0; i < devices->size(); ++i) read_device((*devices)[i], file, i, net, p);
  if (links)
    for (size_t i = 0; i < links->size(); ++i) read_link((*links)[i], file, i, net, p);
  if (demands)
    for (size_t i = 0; i < demands->size(); ++i) read_demand((*demands)[i], file, i, net, p);
  if (p.any()) return p.first();
  auto fin = net.finalize();
  if (!fin) return fin.error();
  return net;
}

core::Result<Network> load_network_json(const std::string& path) {
  auto in = core::Input::open(path);
  if (!in) return in.error();
  return load_network_json(std::move(*in));
}

}  // namespace cleannet::netmodel
