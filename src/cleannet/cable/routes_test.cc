// Cable routes: features of one cable merged into one MultiLineString in the order read,
// features without an id or coordinates skipped, a malformed document an error naming
// file:line:col, and the bundled TeleGeography file read whole.
#include "cleannet/cable/routes.h"

#include <gtest/gtest.h>

namespace cleannet::cable {
namespace {

core::Result<report::Json> routes_of(std::string_view text) {
  auto in = core::Input::from_memory("g.json", text);
  if (!in) return in.error();
  return read_routes(*in);
}

std::string error_of(std::string_view text) {
  auto r = routes_of(text);
  return r ? "(accepted) " + r->dump() : r.error().message();
}

TEST(CableRoutes, FeaturesOfOneCableAreMerged) {
  auto r = routes_of(R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"id": "a"}, "geometry": {"type": "LineString", "coordinates": [[1, 2], [3.5, 4]]}},
    {"type": "Feature", "properties": {"id": "b"}, "geometry": {"type": "MultiLineString", "coordinates": [[[5, 6], [7, 8]]]}},
    {"type": "Feature", "properties": {"name": "no id"}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}},
    {"type": "Feature", "properties": {"id": "a"}, "geometry": {"type": "MultiLineString", "coordinates": [[[9, 10], [11, 12]], [[-1, -2.25], [0, 0]]]}},
    {"type": "Feature", "properties": {"id": "c"}, "geometry": {"type": "Point"}}]})");
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->dump(),
            R"({"a":{"type":"MultiLineString","coordinates":[[[1,2],[3.5,4]],[[9,10],[11,12]],[[-1,-2.25],[0,0]]]},)"
            R"("b":{"type":"MultiLineString","coordinates":[[[5,6],[7,8]]]}})");
}

TEST(CableRoutes, MalformedDocumentsArePositionedErrors) {
  EXPECT_EQ(error_of("{\"features\": [\n  {\"properties\": {\"id\": \"a\"},}]}"),
            "g.json:2:30: expected valid JSON, found syntax error while parsing object key - unexpected '}'; "
            "expected string literal");
  EXPECT_EQ(error_of("[]"), "g.json:1:1: expected a GeoJSON FeatureCollection {\"features\": [...]}, found an array");
  EXPECT_EQ(error_of("{\"features\": {}}"), "g.json:1:14: expected features as an array, found an object");
  EXPECT_EQ(error_of("{\"features\": [\n {\"properties\": {\"id\": 7}, \"geometry\": {\"coordinates\": []}}]}"),
            "g.json:2:24: expected features[0].properties.id as a string, found a number 7");
  EXPECT_EQ(error_of("{\"features\": [{\"properties\": {\"id\": \"a\"}, \"geometry\": {\"type\": \"LineString\", "
                     "\"coordinates\": 5}}]}"),
            "g.json:1:93: expected features[0].geometry.coordinates as an array, found a number 5");
}

TEST(CableRoutes, BundledFileReadsWhole) {
  auto r = bundled_routes();
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_TRUE(r->contains("2africa"));
  EXPECT_EQ((*r)["2africa"]["type"], "MultiLineString");
  EXPECT_GT((*r)["2africa"]["coordinates"].size(), 10u);
  EXPECT_GT(r->size(), 500u);
}

}  // namespace
}  // namespace cleannet::cable
