#include "cleannet/netmodel/native_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cleannet/core/testing/bad_corpus.h"

namespace cleannet::netmodel {
namespace {

namespace fs = std::filesystem;

core::Result<Network> from_text(std::string_view text, const std::string& name = "t.json") {
  auto in = core::Input::from_memory(name, text);
  if (!in) return in.error();
  return load_network_json(std::move(*in));
}

std::string error_of(std::string_view text) {
  auto r = from_text(text);
  return r ? std::string("(accepted)") : r.error().message();
}

// Runs from the repository root so that paths, and so messages, are relative to it.
class NativeJsonFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    old_ = fs::current_path();
    fs::current_path(CLEANNET_SOURCE_DIR);
  }
  void TearDown() override { fs::current_path(old_); }
  fs::path old_;
};

TEST_F(NativeJsonFiles, SmallSampleHandChecked) {
  auto net = load_network_json("tests/data/netmodel/native/small.json");
  ASSERT_TRUE(net.ok()) << net.error().message();
  EXPECT_EQ(net->name, "metro-east");
  EXPECT_TRUE(net->synthetic);
  EXPECT_NE(net->provenance.find("synthetic"), std::string::npos);
  ASSERT_EQ(net->devices.size(), 7u);
  ASSERT_EQ(net->links.size(), 7u);
  ASSERT_EQ(net->demands.size(), 3u);

  const Device& r1 = net->devices[0];
  EXPECT_EQ(r1.id, "r1");
  EXPECT_EQ(r1.name, "ber-core-1");
  EXPECT_EQ(r1.equipment.vendor, "Cisco");
  EXPECT_EQ(r1.equipment.model, "ASR 9006");
  EXPECT_EQ(r1.equipment.serial, "FOX1234ABCD");
  EXPECT_EQ(r1.equipment.source, "tests/data/netmodel/native/small.json devices[0].vendor");
  EXPECT_EQ(r1.equipment.pos.to_string(), "tests/data/netmodel/native/small.json:6:50");
  EXPECT_EQ(r1.pos.to_string(), "tests/data/netmodel/native/small.json:6:5");
  EXPECT_EQ(r1.role, Role::kTransmission);
  EXPECT_EQ(r1.segment, "core");
  EXPECT_EQ(r1.site, "Berlin");
  EXPECT_EQ(r1.country, "DE");
  EXPECT_EQ(r1.replace_cost, 250000.0);

  EXPECT_EQ(net->devices[1].equipment.vendor, "Huawei");
  EXPECT_EQ(net->devices[2].country, "DE");  // "de" upper-cased
  EXPECT_FALSE(net->devices[2].replace_cost.has_value());
  EXPECT_EQ(net->devices[3].equipment.vendor, "Palo Alto Networks, Inc.");
  EXPECT_EQ(net->devices[3].role, Role::kControl);
  EXPECT_EQ(net->devices[3].replace_cost, 60000.5);
  EXPECT_EQ(net->devices[4].role, Role::kComputing);
  EXPECT_EQ(net->devices[5].role, Role::kStorage);
  EXPECT_EQ(net->devices[5].country, "");
  EXPECT_EQ(net->devices[6].equipment.vendor, "");  // stated as unknown
  EXPECT_EQ(*net->find_device("emb"), 6u);

  const Link& l1 = net->links[0];
  EXPECT_EQ(l1.id, "l1");
  EXPECT_EQ(l1.a, "r1");
  EXPECT_EQ(l1.b, "r2");
  EXPECT_EQ(l1.cost, 10.0);
  EXPECT_EQ(l1.capacity, 100.0);
  EXPECT_EQ(l1.segment, "transport");
  EXPECT_EQ(l1.replace_cost, 90000.0);
  ASSERT_EQ(l1.equipment.size(), 1u);
  EXPECT_EQ(l1.equipment[0].vendor, "ZTE");
  EXPECT_EQ(l1.equipment[0].model, "ZXONE 9700");
  EXPECT_EQ(l1.equipment[0].source, "tests/data/netmodel/native/small.json links[0].equipment[0].vendor");
  EXPECT_EQ(l1.equipment[0].pos.to_string(), "tests/data/netmodel/native/small.json:22:20");
  EXPECT_EQ(l1.pos.line, 21u);
  EXPECT_FALSE(net->links[5].cost.has_value());

  const Demand& d1 = net->demands[0];
  EXPECT_EQ(d1.id, "d1");
  EXPECT_EQ(d1.source, "srv1");
  EXPECT_EQ(d1.destination, "emb");
  EXPECT_EQ(d1.traffic_class, "diplomatic");
  EXPECT_EQ(d1.path, (std::vector<std::string>{"srv1", "fw1", "r1", "r2", "r3", "emb"}));
  EXPECT_EQ(d1.pos.to_string(), "tests/data/netmodel/native/small.json:32:5");
  EXPECT_TRUE(net->demands[1].path.empty());
}

TEST(NativeJson, ComponentsAndMinimalElements) {
  auto net = from_text(R"({"devices": [
  {"id": "a", "vendor": "ZTE", "role": "Computing",
   "components": [{"vendor": "Intel", "model": "Xeon 6338", "serial": "S1", "description": "CPU"},
                  {"vendor": "Samsung"}]},
  {"id": "b", "vendor": "", "role": "", "name": null}],
 "links": [{"a": "a", "b": "b"}]})");
  ASSERT_TRUE(net.ok()) << net.error().message();
  const Device& a = net->devices[0];
  EXPECT_EQ(a.role, Role::kComputing);
  ASSERT_EQ(a.components.size(), 2u);
  EXPECT_EQ(a.components[0].vendor, "Intel");
  EXPECT_EQ(a.components[0].model, "Xeon 6338");
  EXPECT_EQ(a.components[0].serial, "S1");
  EXPECT_EQ(a.components[0].description, "CPU");
  EXPECT_EQ(a.components[0].source, "t.json devices[0].components[0].vendor");
  EXPECT_EQ(a.components[0].pos.to_string(), "t.json:3:19");
  EXPECT_EQ(a.components[1].pos.to_string(), "t.json:4:19");
  EXPECT_EQ(net->devices[1].role, Role::kUnknown);
  EXPECT_EQ(net->links[0].id, "");
  EXPECT_EQ(net->provenance, "t.json");
  EXPECT_FALSE(net->synthetic);
}

// A place is both coordinates or none; negative degrees (south, west) are places too.
TEST(NativeJson, LocationIsLatitudeAndLongitude) {
  auto net = from_text(R"({"devices": [
    {"id": "a", "vendor": "x", "role": "storage", "latitude": -33.87, "longitude": 151.21},
    {"id": "b", "vendor": "x", "role": "storage", "latitude": null, "longitude": null},
    {"id": "c", "vendor": "x", "role": "storage"}]})");
  ASSERT_TRUE(net.ok()) << net.error().message();
  ASSERT_TRUE(net->devices[0].location);
  EXPECT_DOUBLE_EQ(net->devices[0].location->latitude, -33.87);
  EXPECT_DOUBLE_EQ(net->devices[0].location->longitude, 151.21);
  EXPECT_FALSE(net->devices[1].location);
  EXPECT_FALSE(net->devices[2].location);
}

TEST(NativeJson, ErrorsNameLineColumnAndWhatWasExpected) {
  EXPECT_EQ(error_of(""),
            "t.json:1:1: expected valid JSON, found syntax error while parsing value - unexpected end of input; "
            "expected '[', '{', or a literal");
  EXPECT_EQ(error_of("{\"devices\": [\n  {\"id\": \"a\",, }]}"),
            "t.json:2:14: expected valid JSON, found syntax error while parsing object key - unexpected ','; expected "
            "string literal");
  EXPECT_EQ(error_of("[]"), "t.json:1:1: expected a JSON object {\"devices\": [...], ...}, found an array");
  EXPECT_EQ(error_of("{}"), "t.json:1:1: expected key \"devices\" in the top-level object, found none");
  EXPECT_EQ(error_of("{\"devices\": [{\"id\": \"a\", \"vendor\": 7, \"role\": \"storage\"}]}"),
            "t.json:1:36: expected devices[0].vendor as a string, found a number 7");
  EXPECT_EQ(error_of("{\"devices\": [], \"devices\": []}"),
            "t.json:1:17: expected each key once in the top-level object, found a second \"devices\"");
  EXPECT_EQ(error_of("{\"devices\": [{\"id\": \"a\", \"vendor\": \"x\", \"role\": \"storage\", \"cost\": 1}]}"),
            "t.json:1:60: expected one of the keys id, name, vendor, model, serial, role, segment, site, country, "
            "latitude, longitude, replace_cost, components in devices[0], found unknown key \"cost\"");
  EXPECT_EQ(error_of(R"({"devices": [{"id": "a", "vendor": "x", "role": "storage", "longitude": -181}]})"),
            "t.json:1:73: expected devices[0].longitude in degrees (-180 to 180), found a number -181");
  EXPECT_EQ(error_of(R"({"devices": [{"id": "a", "vendor": "x", "role": "storage", "longitude": "13.4"}]})"),
            "t.json:1:73: expected devices[0].longitude in degrees (-180 to 180), found a string \"13.4\"");
  EXPECT_EQ(
      error_of(R"({"devices": [{"id": "a", "vendor": "x", "role": "storage", "longitude": 13.4}]})"),
      "t.json:1:14: expected key \"latitude\" in devices[0] beside longitude (a location needs both), found none");
  EXPECT_EQ(
      error_of("{\"devices\": [{\"id\": \"a\", \"vendor\": \"x\", \"role\": \"storage\", \"replace_cost\": -1}]}"),
      "t.json:1:76: expected devices[0].replace_cost >= 0, found a number -1");
  EXPECT_EQ(
      error_of("{\"devices\": [{\"id\": \"a\", \"vendor\": \"x\", \"role\": \"storage\", \"replace_cost\": 1e999}]}"),
      "t.json:1:76: expected valid JSON, found number overflow parsing '1e999'");
  // The earliest problem wins even when a later element is read first.
  EXPECT_EQ(error_of("{\"demands\": [{\"id\": 1, \"source\": \"a\", \"destination\": \"a\"}], \"devices\": [{}]}"),
            "t.json:1:21: expected demands[0].id as a string, found a number 1");
  EXPECT_EQ(error_of("{\"demands\": [{\"id\": \"d\"}], \"devices\": [{}]}"),
            "t.json:1:14: expected key \"source\" in demands[0], found none");
  // Cross-references are checked after the syntax.
  EXPECT_EQ(error_of("{\"devices\": [{\"id\": \"a\", \"vendor\": \"x\", \"role\": \"storage\"}], \"links\": [{\"a\": "
                     "\"a\", \"b\": \"z\"}]}"),
            "t.json:1:72: expected a link end that is a known device id, found \"z\"");
}

TEST(NativeJson, LimitsAreErrorsNotCrashes) {
  std::string deep(100000, '[');
  EXPECT_EQ(error_of(deep), "t.json:1:65: expected JSON nested at most 64 levels deep, found deeper nesting");
  std::string control = "{\"devices\": [{\"id\": \"a\x01\"}]}";
  EXPECT_EQ(error_of(control).substr(0, 60), "t.json:1:23: expected valid JSON, found syntax error while p");
}

TEST(NativeJson, CompressedInputReadsTheSame) {
  // core::Input decompresses by magic bytes; a gzip of {"devices":[]}.
  const unsigned char gz[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xab, 0x56,
                              0x4a, 0x49, 0x2d, 0xcb, 0x4c, 0x4e, 0x2d, 0x56, 0xb2, 0x8a, 0x8e, 0xad,
                              0x05, 0x00, 0xe1, 0x90, 0x0d, 0xc9, 0x0e, 0x00, 0x00, 0x00};
  auto net = from_text(std::string_view(reinterpret_cast<const char*>(gz), sizeof gz), "t.json.gz");
  ASSERT_TRUE(net.ok()) << net.error().message();
  EXPECT_TRUE(net->devices.empty());
}

// Every tests/data/bad/netmodel/json/NAME.json is rejected with exactly NAME.expected.
TEST_F(NativeJsonFiles, BadCorpus) {
  testing::check_bad_corpus("tests/data/bad/netmodel/json", ".json", 5,
                            [](const fs::path& c) -> std::optional<std::string> {
                              auto r = load_network_json(c.string());
                              if (r) return std::nullopt;
                              return r.error().message();
                            });
}

}  // namespace
}  // namespace cleannet::netmodel
