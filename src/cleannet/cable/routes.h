// Cable routes for maps: the TeleGeography cable-geo.json (GeoJSON FeatureCollection of
// MultiLineStrings, properties.id = the cable id; a cable may have several features),
// bundled as data/cables/cable-geo.json.gz, merged into one MultiLineString per cable.
//
//   auto routes = bundled_routes();   // {"2africa": {"type": "MultiLineString", ...}, ...}
#pragma once

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"
#include "cleannet/report/render.h"

namespace cleannet::cable {

// Cable id -> GeoJSON geometry. Reads the bundled copy once per call (~200 KiB gzip).
core::Result<report::Json> bundled_routes();
// The same from a cable-geo.json of one's own.
core::Result<report::Json> read_routes(core::Input& in);

}  // namespace cleannet::cable
