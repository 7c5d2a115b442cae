#include "cleannet/cable/routes.h"

#include "cleannet/core/input.h"

namespace cleannet::cable {

std::string_view bundled_cable_geo_gz();  // embedded data/cables/cable-geo.json.gz

core::Result<report::Json> bundled_routes() {
  auto in = core::Input::from_memory("bundled:cable-geo.json", bundled_cable_geo_gz());
  if (!in) return in.error();
  auto text = in->read_all(16u << 20);
  if (!text) return text.error();
  report::Json doc = report::Json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.contains("features") || !doc["features"].is_array())
    return core::Error(core::SourcePos("bundled:cable-geo.json"), "a GeoJSON FeatureCollection", "something else");
  report::Json out = report::Json::object();
  for (const auto& f : doc["features"]) {
    if (!f.contains("properties") || !f["properties"].contains("id") || !f.contains("geometry")) continue;
    const std::string id = f["properties"]["id"].get<std::string>();
    const auto& g = f["geometry"];
    if (!g.contains("coordinates")) continue;
    auto& merged = out[id];
    if (merged.is_null()) {
      merged["type"] = "MultiLineString";
      merged["coordinates"] = report::Json::array();
    }
    const std::string type = g.value("type", "");
    if (type == "MultiLineString") {
      for (const auto& line : g["coordinates"]) merged["coordinates"].push_back(line);
    } else if (type == "LineString") {
      merged["coordinates"].push_back(g["coordinates"]);
    }
  }
  return out;
}

}  // namespace cleannet::cable
