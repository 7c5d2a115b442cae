#include "cleannet/netmodel/cyclonedx.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cleannet/core/testing/bad_corpus.h"
#include "cleannet/netmodel/native_json.h"

namespace cleannet::netmodel {
namespace {

namespace fs = std::filesystem;

constexpr const char* kExamples = "/work/shared/data/inventory/cyclonedx/examples/";
constexpr const char* kSmall = "tests/data/netmodel/native/small.json";

core::Input memory(std::string_view text, const std::string& name = "bom.json") {
  return std::move(*core::Input::from_memory(name, text));
}

core::Result<CycloneDxBom> from_text(std::string_view text) { return read_cyclonedx(memory(text)); }

class CycloneDxFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    old_ = fs::current_path();
    fs::current_path(CLEANNET_SOURCE_DIR);
    auto net = load_network_json(kSmall);
    ASSERT_TRUE(net.ok()) << net.error().message();
    net_ = std::move(*net);
  }
  void TearDown() override { fs::current_path(old_); }
  const Device& dev(std::string_view id) const { return net_.devices[*net_.find_device(id)]; }
  core::Status attach(const std::string& id, const std::string& path) {
    auto in = core::Input::open(path);
    if (!in) return in.error();
    return attach_cyclonedx(net_, id, std::move(*in));
  }
  fs::path old_;
  Network net_;
};

TEST_F(CycloneDxFiles, PcieSataAdapterBoardHbom) {
  const std::string path = std::string(kExamples) + "hbom/pcie-sata-adapter-board.bom.json";
  if (!fs::exists(path)) GTEST_SKIP() << path << " is not staged";
  auto s = attach("r1", path);
  ASSERT_TRUE(s.ok()) << s.error().message();
  const Device& r1 = dev("r1");
  EXPECT_EQ(r1.equipment.vendor, "Cisco");  // the BOM names no maker for the board itself
  ASSERT_EQ(r1.components.size(), 6u);
  std::set<std::string> suppliers;
  for (const Equipment& e : r1.components) {
    suppliers.insert(e.vendor);
    EXPECT_EQ(e.source, "CycloneDX component supplier");
  }
  EXPECT_EQ(suppliers, (std::set<std::string>{"3M", "Molex", "Multicomp", "Samtec", "TE Connectivity"}));
  const Equipment& samtec = r1.components[0];
  EXPECT_EQ(samtec.vendor, "Samtec");
  EXPECT_EQ(samtec.model, "PCIE-098-02-F-D-EMS2");
  EXPECT_EQ(samtec.description,
            "Low Profile PCI Express\xC2\xAE GEN 4 Connector; version 2.9.10; quantity=1; function=connector; "
            "location=mainboard; deviceType=thru-hole");
  EXPECT_EQ(samtec.pos.to_string(), path + ":17:5");
  EXPECT_EQ(r1.components[1].model, "47155-4001");
  EXPECT_NE(r1.components[1].description.find("gs1:gtin-12=822348522712"), std::string::npos);
  EXPECT_EQ(r1.components[5].vendor, "Multicomp");
  EXPECT_EQ(r1.components[5].model, "MP000003");
}

TEST_F(CycloneDxFiles, SpecTestFixtures) {
  const std::string dir = std::string(kExamples) + "spec-tests/";
  if (!fs::exists(dir)) GTEST_SKIP() << dir << " is not staged";
  for (const char* f : {"valid-component-types-1.6.json", "valid-component-types-1.7.json"}) {
    auto in = core::Input::open(dir + f);
    ASSERT_TRUE(in.ok());
    auto bom = read_cyclonedx(std::move(*in));
    ASSERT_TRUE(bom.ok()) << bom.error().message();
    EXPECT_FALSE(bom->product.has_value());
    // Of the nine component types only firmware and device are equipment.
    ASSERT_EQ(bom->components.size(), 2u) << f;
    EXPECT_EQ(bom->components[0].model, "firmware-a");
    EXPECT_EQ(bom->components[1].model, "device-a");
    EXPECT_EQ(bom->components[1].vendor, "");
    EXPECT_EQ(bom->components[1].source, "CycloneDX component (no manufacturer or supplier)");
    EXPECT_EQ(bom->components[1].description, "version 1.0");
  }
  {
    auto in = core::Input::open(dir + "valid-metadata-manufacturer-1.6.json");
    auto bom = read_cyclonedx(std::move(*in));
    ASSERT_TRUE(bom.ok()) << bom.error().message();
    ASSERT_TRUE(bom->product.has_value());
    EXPECT_EQ(bom->product->vendor, "Acme, Inc.");
    EXPECT_EQ(bom->product->source, "CycloneDX metadata.manufacturer");
    EXPECT_TRUE(bom->components.empty());
  }
  // The product's maker fills a device with no vendor ...
  ASSERT_TRUE(attach("emb", dir + "valid-metadata-manufacture-1.6.json").ok());
  EXPECT_EQ(dev("emb").equipment.vendor, "Acme, Inc. // deprecated");
  EXPECT_EQ(dev("emb").equipment.source, "CycloneDX metadata.manufacture");
  EXPECT_TRUE(dev("emb").components.empty());
  // ... and is kept as a second claim on a device whose inventory names another maker.
  ASSERT_TRUE(attach("r2", dir + "valid-metadata-manufacturer-1.6.json").ok());
  EXPECT_EQ(dev("r2").equipment.vendor, "Huawei");
  ASSERT_EQ(dev("r2").components.size(), 1u);
  EXPECT_EQ(dev("r2").components[0].vendor, "Acme, Inc.");
}

TEST(CycloneDx, ManufacturerSerialNestingAndProduct) {
  auto bom = from_text(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
 "metadata": {"component": {"type": "device", "name": "NE40E-X8A",
   "supplier": {"name": "Reseller GmbH"}, "manufacturer": {"name": "Huawei Technologies Co., Ltd."},
   "components": [{"type": "device", "name": "CR5D0LPUF240", "manufacturer": {"name": "Huawei"}}]}},
 "components": [
  {"type": "device", "name": "board", "supplier": {"name": "Foxconn"}, "manufacturer": {"name": "Hisilicon"},
   "properties": [{"name": "cdx:device:serialNumber", "value": "210235A1234"}, {"name": "other", "value": "x"}],
   "components": [{"type": "firmware", "name": "VRP", "version": "8.180", "supplier": {"name": "Huawei"}},
                  {"type": "library", "name": "openssl", "supplier": {"name": "OpenSSL"}}]},
  {"type": "device", "name": "psu", "supplier": {"name": "  "}}]})");
  ASSERT_TRUE(bom.ok()) << bom.error().message();
  ASSERT_TRUE(bom->product.has_value());
  EXPECT_EQ(bom->spec_version, "1.6");
  EXPECT_EQ(bom->product->vendor, "Huawei Technologies Co., Ltd.");
  EXPECT_EQ(bom->product->model, "NE40E-X8A");
  EXPECT_EQ(bom->product->source, "CycloneDX metadata.component.manufacturer");
  ASSERT_EQ(bom->components.size(), 4u);
  EXPECT_EQ(bom->components[0].model, "CR5D0LPUF240");  // a part of the product
  const Equipment& board = bom->components[1];
  EXPECT_EQ(board.vendor, "Hisilicon");  // manufacturer before supplier
  EXPECT_EQ(board.source, "CycloneDX component manufacturer");
  EXPECT_EQ(board.serial, "210235A1234");
  EXPECT_EQ(board.description, "");
  EXPECT_EQ(board.pos.to_string(), "bom.json:6:3");
  EXPECT_EQ(bom->components[2].model, "VRP");
  EXPECT_EQ(bom->components[2].description, "version 8.180");
  EXPECT_EQ(bom->components[3].model, "psu");
  EXPECT_EQ(bom->components[3].vendor, "");  // a blank supplier name says nothing
}

// An SBOM describes software: its metadata.component of a software type (CycloneDX 1.6
// component types application, framework, library, container, platform, operating-system,
// device-driver, file, machine-learning-model, data, cryptographic-asset) is no claim about
// who made the hardware, wherever the maker is written; its device parts still count.
TEST(CycloneDx, SoftwareMetadataComponentIsNoMakerClaim) {
  for (std::string type : {"application", "library", "framework", "container", "platform", "operating-system",
                           "device-driver", "file", "machine-learning-model", "data", "cryptographic-asset"}) {
    auto bom = from_text(R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
 "metadata": {"component": {"type": ")" +
                         type + R"(", "name": "acme-app",
   "manufacturer": {"name": "Acme Software"}, "supplier": {"name": "Acme Software"},
   "components": [{"type": "device", "name": "dongle", "manufacturer": {"name": "Huawei"}}]},
   "manufacturer": {"name": "Acme Software"}, "supplier": {"name": "Acme Software"}}})");
    ASSERT_TRUE(bom.ok()) << type << ": " << bom.error().message();
    EXPECT_FALSE(bom->product.has_value()) << type << ": " << bom->product->vendor << " from " << bom->product->source;
    ASSERT_EQ(bom->components.size(), 1u) << type;
    EXPECT_EQ(bom->components[0].vendor, "Huawei");
  }
  for (std::string type : {"device", "firmware"}) {
    auto bom = from_text(R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
 "metadata": {"component": {"type": ")" +
                         type + R"(", "name": "box"}, "supplier": {"name": "ZTE"}}})");
    ASSERT_TRUE(bom.ok()) << type << ": " << bom.error().message();
    ASSERT_TRUE(bom->product.has_value()) << type;
    EXPECT_EQ(bom->product->vendor, "ZTE");
    EXPECT_EQ(bom->product->source, "CycloneDX metadata.supplier");
  }
}

TEST(CycloneDx, RejectedBomLeavesTheNetworkAlone) {
  auto net =
      load_network_json(memory(R"({"devices": [{"id": "r1", "vendor": "", "role": "transmission"}]})", "n.json"));
  ASSERT_TRUE(net.ok()) << net.error().message();
  auto bad = attach_cyclonedx(*net, "r1", memory(R"({"bomFormat": "CycloneDX", "specVersion": "1.5",
 "metadata": {"manufacturer": {"name": "ZTE"}}, "components": [{"type": "device", "name": "a"}, {"type": 1}]})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(), "bom.json:2:97: expected key \"name\" in components[1], found none");
  EXPECT_EQ(net->devices[0].equipment.vendor, "");
  EXPECT_TRUE(net->devices[0].components.empty());
  auto unknown = attach_cyclonedx(*net, "r9", memory(R"({"bomFormat": "CycloneDX", "specVersion": "1.5"})"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message(),
            "bom.json: expected a device of the network to attach the BOM to, found no device \"r9\"");
}

TEST_F(CycloneDxFiles, BadCorpus) {
  // Attached to r1; a rejected BOM must leave the device as it was.
  testing::check_bad_corpus("tests/data/bad/netmodel/cyclonedx", ".json", 5,
                            [this](const fs::path& c) -> std::optional<std::string> {
                              auto r = attach("r1", c.string());
                              EXPECT_TRUE(dev("r1").components.empty()) << c;
                              if (r) return std::nullopt;
                              return r.error().message();
                            });
}

}  // namespace
}  // namespace cleannet::netmodel
