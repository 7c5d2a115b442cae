#include "cleannet/trust/registry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace cleannet::trust {
namespace {

TEST(BundledRegistry, LoadsWithoutProblems) {
  RegistryBuilder b;
  auto errs = b.add_layer(kBundledRegistryName, bundled_registry_toml());
  for (auto& e : errs) ADD_FAILURE() << e.message();
  auto fin = b.finish();
  for (auto& e : fin) ADD_FAILURE() << e.message();
  Registry reg = b.take();
  // Counted in the TOML text itself, independently of the parser, so that the test follows
  // the generated file (scripts/registry-seed-to-toml.py) as the seed and its updates grow.
  size_t want_orgs = 0, want_designations = 0, want_unverified = 0;
  {
    std::istringstream text{std::string(bundled_registry_toml())};
    bool in_designation = false;
    for (std::string line; std::getline(text, line);) {
      if (line.starts_with("[")) in_designation = line == "[[organisation.designation]]";
      want_orgs += line == "[[organisation]]";
      want_designations += in_designation && line.starts_with("[[");
      want_unverified += in_designation && line == "verified = false";
    }
  }
  // The seed alone had 67 organisations and 70 designations; the 2026-12 update adds to them.
  EXPECT_GT(want_orgs, 67u);
  EXPECT_GT(want_designations, 70u);
  EXPECT_EQ(reg.organisations().size(), want_orgs);
  size_t designations = 0, unverified = 0;
  for (const auto& o : reg.organisations()) {
    designations += o.designations.size();
    for (const auto& d : o.designations) unverified += !d.verified;
  }
  EXPECT_EQ(designations, want_designations);
  EXPECT_EQ(unverified, want_unverified);
  EXPECT_GT(unverified, 0u);
  // Every FCC Covered List entity and every Clean Network-named party is there.
  for (const char* id : {"huawei", "zte", "hytera", "hikvision", "dahua", "kaspersky", "china-mobile-international-usa",
                         "china-telecom-americas", "pacific-networks", "comnet-usa", "china-unicom-americas", "dji",
                         "autel-robotics", "china-telecom", "china-unicom", "china-mobile", "alibaba", "baidu", "tencent",
                         "bytedance", "hmn-tech", "telstra", "orange", "reliance-jio", "telefonica", "sk-telecom", "kt",
                         "ntt", "telefonica-uk-o2",
                         // added by the 2026-12 update (1260H list, FCC Covered List)
                         "tp-link", "quectel", "inspur", "smic", "cetc", "huawei-investment-holding",
                         "china-telecom-group", "digitalsystem-technology"})
    EXPECT_TRUE(reg.find_id(id)) << id;
  auto ct = reg.find_id("china-telecom-americas");
  ASSERT_TRUE(ct);
  ASSERT_EQ(reg.org(*ct).owners.size(), 1u);
  EXPECT_EQ(reg.org(reg.org(*ct).owners[0].owner_id).id, "china-telecom");
  EXPECT_TRUE(reg.org(*ct).owners[0].stated_as_parent);
  EXPECT_NE(reg.find_list("FCC Covered List"), nullptr);
  const Criterion* c = reg.find_criterion("CSIS-PLACEHOLDER");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->basis, "placeholder");
}

TEST(RegistryBuilder, LaterLayerOverridesAndAddsDesignations) {
  RegistryBuilder b;
  ASSERT_TRUE(b.add_layer(kBundledRegistryName, bundled_registry_toml()).empty());
  auto errs = b.add_layer("mine.toml", R"(schema = 1
[[list]]
name = "National list"
url = "https://example.org/list"
[[organisation]]
id = "huawei"
aliases = ["HW"]
[[organisation.designation]]
list = "National list"
status = "trusted"
date = 2024-01-01
source_url = "https://example.org/list#hw"
[[organisation]]
id = "acme-sub"
name = "Acme Subsidiary"
parent = "zte"
)");
  for (auto& e : errs) ADD_FAILURE() << e.message();
  ASSERT_TRUE(b.finish().empty());
  Registry reg = b.take();
  const Organisation& hw = reg.org(*reg.find_id("huawei"));
  EXPECT_EQ(hw.name, "Huawei Technologies Co., Ltd.");  // kept from the bundled layer
  EXPECT_EQ(hw.layers, (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(hw.designations.back().layer, 1u);
  EXPECT_EQ(hw.aliases.back(), "HW");
  const Organisation& acme = reg.org(*reg.find_id("acme-sub"));
  ASSERT_EQ(acme.owners.size(), 1u);
  EXPECT_EQ(reg.org(acme.owners[0].owner_id).id, "zte");
}

}  // namespace
}  // namespace cleannet::trust

namespace cleannet::trust {
namespace {

// A layer over 1 MiB is parsed in parts (registry.cc, split_layer): positions stay those of
// the whole file, and checks across parts (duplicate ids, list references) still hold.
TEST(LargeLayer, PartsKeepPositionsAndCrossPartChecks) {
  auto make = [](size_t n, size_t bad_at, const std::string& bad_line, size_t* bad_line_no) {
    std::string t = "schema = 1\n[[list]]\nname = \"L\"\n";
    size_t line = 4;
    for (size_t i = 0; i < n; ++i) {
      t += "[[organisation]]\nid = \"org-" + std::to_string(i) + "\"\nname = \"Organisation number " +
           std::to_string(i) + "\"\nnotes = \"" + std::string(200, 'x') + "\"\n";
      line += 4;
      if (i == bad_at) {
        *bad_line_no = line;
        t += bad_line + "\n";
        ++line;
      }
    }
    return t;
  };
  size_t at = 0;
  // An unknown key far into the file.
  std::string text = make(12000, 11000, "website = \"https://example.org\"", &at);
  ASSERT_GT(text.size(), 2u << 20);
  RegistryBuilder b;
  auto errs = b.add_layer("big.toml", text);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0].pos().line, at) << errs[0].message();
  // A TOML syntax error far into the file.
  text = make(12000, 9000, "name = ", &at);
  RegistryBuilder b2;
  errs = b2.add_layer("big.toml", text);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0].pos().line, at) << errs[0].message();
  // A duplicate id in a later part, and a designation on a list declared in the first part.
  text = make(12000, 11500, "[[organisation.designation]]\nlist = \"L\"\nstatus = \"untrusted\"\nverified = false", &at);
  text += "[[organisation]]\nid = \"org-3\"\nname = \"Again\"\n";
  RegistryBuilder b3;
  errs = b3.add_layer("big.toml", text);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_NE(errs[0].message().find("a unique organisation id (first defined at big.toml:16:1)"), std::string::npos)
      << errs[0].message();
  EXPECT_EQ(b3.registry().organisations().size(), 12000u);
  EXPECT_EQ(b3.registry().organisations()[11500].designations.size(), 1u);
}

}  // namespace
}  // namespace cleannet::trust
