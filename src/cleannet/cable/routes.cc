#include "cleannet/cable/routes.h"

#include <string>

#include "cleannet/core/json.h"

namespace cleannet::cable {

std::string_view bundled_cable_geo_gz();  // embedded data/cables/cable-geo.json.gz

namespace {

namespace json = core::json;

// A coordinate array as the GeoJSON output carries it: integers stay integers, so that the
// map file prints the numbers as the source wrote them.
report::Json to_json(const json::Value& v) {
  switch (v.kind) {
    case json::Value::Kind::kNull: return nullptr;
    case json::Value::Kind::kBool: return v.boolean;
    case json::Value::Kind::kNumber:
      if (v.is_integer) return v.integer;
      return v.number;
    case json::Value::Kind::kString: return v.text;
    case json::Value::Kind::kArray: {
      report::Json a = report::Json::array();
      for (const json::Value& i : v.items) a.push_back(to_json(i));
      return a;
    }
    case json::Value::Kind::kObject: {
      report::Json o = report::Json::object();
      for (const json::Member& m : v.members) o[m.key] = to_json(m.value);
      return o;
    }
  }
  return nullptr;
}

}  // namespace

core::Result<report::Json> bundled_routes() {
  auto in = core::Input::from_memory("bundled:cable-geo.json", bundled_cable_geo_gz());
  if (!in) return in.error();
  return read_routes(*in);
}

core::Result<report::Json> read_routes(core::Input& in) {
  auto doc = json::read(in);
  if (!doc) return doc.error();
  const std::string& file = in.name();
  if (!doc->is_object())
    return core::Error(core::SourcePos(file, doc->line, doc->column),
                       "a GeoJSON FeatureCollection {\"features\": [...]}", json::describe(*doc));
  json::Problems p;
  json::Object top(*doc, file, "", p);
  const auto* features = top.array("features", true);
  if (p.any()) return p.first();
  report::Json out = report::Json::object();
  for (size_t i = 0; i < features->size(); ++i) {
    const json::Value& f = (*features)[i];
    const std::string where = "features[" + std::to_string(i) + "]";
    if (!f.is_object()) return core::Error(core::SourcePos(file, f.line, f.column), where + " as an object", json::describe(f));
    json::Object feature(f, file, where, p);
    // A feature without an id or without coordinates draws nothing (RFC 7946 section 3.2
    // allows a null geometry); wrong types are errors.
    const json::Value* props = feature.object("properties");
    const json::Value* geom = feature.object("geometry");
    if (p.any()) return p.first();
    if (!props || !geom) continue;
    json::Object properties(*props, file, where + ".properties", p);
    json::Object geometry(*geom, file, where + ".geometry", p);
    auto id = properties.str("id");
    auto type = geometry.str("type");
    const auto* coordinates = geometry.array("coordinates");
    if (p.any()) return p.first();
    if (!id || !coordinates) continue;
    auto& merged = out[*id];
    if (merged.is_null()) {
      merged["type"] = "MultiLineString";
      merged["coordinates"] = report::Json::array();
    }
    if (type == "MultiLineString") {
      for (const json::Value& line : *coordinates) merged["coordinates"].push_back(to_json(line));
    } else if (type == "LineString") {
      merged["coordinates"].push_back(to_json(*geom->find("coordinates")));
    }
  }
  return out;
}

}  // namespace cleannet::cable
