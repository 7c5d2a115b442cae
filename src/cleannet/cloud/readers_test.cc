// Golden cases of every reader (tests/data/cloud/readers: each input beside its .expected,
// one describe() line per asset, checked by hand) and the malformed-input corpus
// (tests/data/bad/cloud).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cleannet/cloud/attribution.h"
#include "cleannet/cloud/inventory.h"
#include "cleannet/cloud/terraform.h"
#include "cleannet/core/testing/bad_corpus.h"

namespace cleannet::cloud {
namespace {

namespace fs = std::filesystem;

const std::string kReaders = "tests/data/cloud/readers/";

std::string lines(const core::Result<std::vector<Asset>>& r) {
  if (!r) return "ERROR " + r.error().message() + "\n";
  std::string out;
  for (const Asset& a : *r) out += describe(a) + "\n";
  return out;
}

// Compares with the .expected file; CLEANNET_UPDATE_GOLDEN=1 rewrites it (review the diff).
void golden(const std::string& expected_name, const std::string& got) {
  std::string path = std::string(CLEANNET_SOURCE_DIR) + "/" + kReaders + expected_name;
  if (const char* u = std::getenv("CLEANNET_UPDATE_GOLDEN"); u && std::string(u) == "1") {
    std::ofstream(path) << got;
    return;
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(got, ss.str()) << expected_name;
}

struct InRoot {
  fs::path old = fs::current_path();
  InRoot() { fs::current_path(CLEANNET_SOURCE_DIR); }
  ~InRoot() { fs::current_path(old); }
};

TEST(Readers, TerraformModuleGolden) {
  InRoot root;
  golden("module.expected", lines(read_terraform_files({kReaders + "module.tf", kReaders + "terraform.tfvars"}, {})));
}

TEST(Readers, TerraformDataClassTagIsConfigurable) {
  InRoot root;
  TerraformOptions opt;
  opt.data_class_tag = "owner";
  auto r = read_terraform_files({kReaders + "module.tf"}, opt);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ((*r)[0].data_classes, std::vector<std::string>{"hr"});
  EXPECT_EQ((*r)[0].data_class_source, "tag owner");
  // Without the tfvars file, the variable's default gives the region.
  EXPECT_EQ((*r)[0].region, "cn-hangzhou");
}

TEST(Readers, InventoryCsvGolden) {
  InRoot root;
  golden("inventory-csv.expected", lines(read_inventory(*core::Input::open(kReaders + "inventory.csv"))));
}

TEST(Readers, InventoryJsonGolden) {
  InRoot root;
  golden("inventory-json.expected", lines(read_inventory(*core::Input::open(kReaders + "inventory.json"))));
}

core::Result<std::vector<Asset>> tfjson(const std::string& name) {
  auto in = core::Input::open(kReaders + name);
  if (!in) return in.error();
  return read_terraform_json(*in, {});
}

TEST(Readers, StateGolden) {
  InRoot root;
  golden("state.expected", lines(tfjson("state.tfstate")));
  golden("fixture-modules-tfstate.expected", lines(tfjson("fixture-modules.tfstate")));
}

TEST(Readers, ShowJsonGolden) {
  InRoot root;
  golden("plan.expected", lines(tfjson("plan.json")));
  golden("fixture-basic-create.expected", lines(tfjson("fixture-basic-create.plan.json")));
  golden("fixture-modules-state.expected", lines(tfjson("fixture-modules.state.json")));
}

TEST(Readers, ProviderTypeOf) {
  EXPECT_EQ(provider_type_of("provider[\"registry.terraform.io/aliyun/alicloud\"]"), "alicloud");
  EXPECT_EQ(provider_type_of("module.web.provider[\"registry.terraform.io/hashicorp/aws\"].west"), "aws");
  EXPECT_EQ(provider_type_of("provider.google"), "google");
  EXPECT_EQ(provider_type_of("registry.terraform.io/tencentcloudstack/tencentcloud"), "tencentcloud");
  EXPECT_EQ(provider_type_of("aliyun/alicloud"), "alicloud");
}

TEST(Readers, Endpoints) {
  EXPECT_TRUE(is_valid_endpoint("oss-cn-beijing.aliyuncs.com"));
  EXPECT_TRUE(is_valid_endpoint("203.0.113.7"));
  EXPECT_TRUE(is_valid_endpoint("2001:db8::1"));
  EXPECT_TRUE(is_valid_endpoint("fqdn.example."));
  EXPECT_FALSE(is_valid_endpoint("300.1.2.3"));
  EXPECT_FALSE(is_valid_endpoint("203.0.113.0/24"));
  EXPECT_FALSE(is_valid_endpoint("bad..name"));
  EXPECT_FALSE(is_valid_endpoint("-x.example"));
  EXPECT_FALSE(is_valid_endpoint("a b"));
  EXPECT_FALSE(is_valid_endpoint("2001:db8::g"));
}

std::optional<std::string> error_of(core::Result<std::vector<Asset>> r) {
  if (r) return std::nullopt;
  return r.error().message();
}

TEST(BadCorpus, Hcl) {
  testing::check_bad_corpus("tests/data/bad/cloud/hcl", ".tf", 12,
                            [](const fs::path& f) { return error_of(read_terraform_files({f.string()}, {})); });
}

TEST(BadCorpus, InventoryCsv) {
  testing::check_bad_corpus("tests/data/bad/cloud/inventory-csv", ".csv", 6,
                            [](const fs::path& f) { return error_of(read_inventory(*core::Input::open(f.string()))); });
}

TEST(BadCorpus, InventoryJson) {
  testing::check_bad_corpus("tests/data/bad/cloud/inventory-json", ".json", 6,
                            [](const fs::path& f) { return error_of(read_inventory(*core::Input::open(f.string()))); });
}

TEST(BadCorpus, TerraformJson) {
  auto check = [](const fs::path& f) -> std::optional<std::string> {
    auto in = core::Input::open(f.string());
    if (!in) return in.error().message();
    return error_of(read_terraform_json(*in, {}));
  };
  testing::check_bad_corpus("tests/data/bad/cloud/tfstate", ".tfstate", 5, check);
  testing::check_bad_corpus("tests/data/bad/cloud/plan", ".json", 4, check);
}

TEST(BadCorpus, Ranges) {
  testing::check_bad_corpus("tests/data/bad/cloud/ranges", ".tsv", 4,
                            [](const fs::path& f) -> std::optional<std::string> {
                              auto c = ProviderCatalog::with_ranges(*core::Input::open(f.string()));
                              if (c) return std::nullopt;
                              return c.error().message();
                            });
}

}  // namespace
}  // namespace cleannet::cloud
