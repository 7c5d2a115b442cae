// Golden cases of every reader (tests/data/cloud/readers: each input beside its .expected,
// one describe() line per asset, checked by hand) and the malformed-input corpus
// (tests/data/bad/cloud).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "cleannet/cloud/attribution.h"
#include "cleannet/cloud/inputs.h"
#include "cleannet/cloud/inventory.h"
#include "cleannet/cloud/terraform.h"
#include "cleannet/core/testing/bad_corpus.h"
#include "cleannet/core/testing/golden.h"

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

// The golden tests/data/cloud/readers/EXPECTED_NAME (core/testing/golden.h).
void golden(const std::string& expected_name, const std::string& got) {
  cleannet::testing::expect_golden(std::string(CLEANNET_SOURCE_DIR) + "/" + kReaders + expected_name, got);
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

// "file:line:col" of either syntax, which differ between the two forms of one module.
std::string without_positions(const std::string& s) {
  static const std::regex kPos(R"(tests/data/cloud/readers/[^ ,)]+:[0-9]+:[0-9]+)");
  return std::regex_replace(s, kPos, "POS");
}

TEST(Readers, TerraformJsonConfigurationReadsLikeHcl) {
  InRoot root;
  auto hcl = read_terraform_files({kReaders + "module.tf", kReaders + "terraform.tfvars"}, {});
  auto json =
      read_terraform_files({kReaders + "json-module/main.tf.json", kReaders + "json-module/terraform.tfvars.json"}, {});
  ASSERT_TRUE(hcl) << hcl.error().message();
  ASSERT_TRUE(json) << json.error().message();
  EXPECT_EQ(json->size(), 8u);
  EXPECT_EQ(without_positions(lines(json)), without_positions(lines(hcl)));
  golden("json-module.expected", lines(json));
}

std::string parsed_json(std::string_view text) {
  auto f = parse_terraform_json_config("t.tf.json", text);
  if (!f) return "ERROR " + f.error().message();
  std::string out;
  for (const hcl::Block& b : f->body.blocks) {
    out += b.type;
    for (const std::string& l : b.labels) out += "[" + l + "]";
    out += "@" + std::to_string(b.line) + ":" + std::to_string(b.column) + " {";
    for (const hcl::Attribute& a : b.body.attributes) out += " " + a.name + " = " + hcl::to_string(a.value) + ";";
    for (const hcl::Block& n : b.body.blocks)
      out += " " + n.type + (n.labels.empty() ? "" : "[" + n.labels[0] + "]") + " {}";
    out += " }\n";
  }
  return out;
}

TEST(Readers, TerraformJsonConfigurationSyntax) {
  // Blocks: labels as nested objects, then a body or an array of bodies; "//" comments.
  EXPECT_EQ(parsed_json(R"({"//": "c", "resource": {"a_b": {"x": {"//": "c", "n": 1}, "y": [{"n": 2}, {"n": 3}]}},
"locals": {"l": [{"k": "v"}]}, "variable": {"v": {"default": "${var.w}"}}})"),
            "resource[a_b][x]@1:34 { n = 1; }\nresource[a_b][y]@1:66 { n = 2; }\nresource[a_b][y]@1:76 { n = 3; }\n"
            "locals@2:1 { l = [{k = \"v\"}]; }\nvariable[v]@2:45 { default = var.w; }\n");
  // Schema blocks and arrays of objects are blocks in resources and providers.
  EXPECT_EQ(parsed_json(R"({"resource": {"a_b": {"x": {"lifecycle": {"prevent_destroy": true}, "tags": [{"key": "k"}],
"m": {"k": "${x}-$${y}"}}}}})"),
            "resource[a_b][x]@1:23 { m = {k = \"${x}-${y}\"}; lifecycle {} tags {} }\n");
  EXPECT_EQ(
      parsed_json(R"({"resource": {"a_b": {"x": {"n": 1, "n": 2}}}})"),
      "ERROR t.tf.json:1:37: expected each argument set only once in the body of \"resource\" \"a_b\" \"x\", found "
      "\"n\" again (first set at t.tf.json:1:29)");
  EXPECT_EQ(
      parsed_json(R"({"resources": {}})"),
      "ERROR t.tf.json:1:2: expected a Terraform top-level block type (resource, data, provider, variable, output, "
      "module, locals, terraform, ...), found \"resources\"");
  EXPECT_EQ(
      parsed_json(R"({"resource": {"a_b": ["x"]}})"),
      "ERROR t.tf.json:1:22: expected an object whose keys are the labels of \"resource\" \"a_b\", found an array");
  EXPECT_EQ(parsed_json(R"({"resource": {"a_b": {"x": [1]}}})"),
            "ERROR t.tf.json:1:29: expected the body of \"resource\" \"a_b\" \"x\" as an object, found a number 1");
  EXPECT_EQ(parsed_json(R"([1])"),
            "ERROR t.tf.json:1:1: expected an object whose properties are Terraform block types, found an array");
  EXPECT_EQ(parsed_json("{\"resource\": "),
            "ERROR " + parse_terraform_json_config("t.tf.json", "{\"resource\": ").error().message());
}

// One unreadable file does not hide the others: each readable file of a walk gives its
// assets, the unreadable one its error; files that are not Terraform are counted.
TEST(Readers, WalkReadsEveryFileItCan) {
  InRoot root;
  const std::string dir = "tests/data/cloud/walk/one-bad-file";
  InputsRead r = read_assets({dir, "tests/data/cloud/walk/nothing-terraform", "tests/data/cloud/no-such"}, {});
  std::string names;
  for (const Asset& a : r.assets) names += a.pos.to_string() + " " + a.name + "\n";
  EXPECT_EQ(names,
            dir + "/good.tf:2:1 alicloud_oss_bucket.hr\n" + dir + "/main.tf.json:1:77 tencentcloud_cos_bucket.lab\n");
  std::vector<std::string> errors;
  for (const core::Error& e : r.errors) errors.push_back(e.message());
  EXPECT_EQ(errors, (std::vector<std::string>{
                        dir + "/bad.tf:3:12: expected '\"' closing the string opened here, on the same line, found a "
                              "line break",
                        "tests/data/cloud/walk/nothing-terraform: expected a directory with Terraform files (.tf, "
                        ".tf.json), found none (skipped 1 other files)",
                        "tests/data/cloud/no-such: expected a Terraform file or directory, a state, a plan or an "
                        "inventory, found no such file"}));
  EXPECT_EQ(r.notes, std::vector<std::string>{dir + ": read 2 files (.tf 1, .tf.json 1, tfvars 0), refused 1, skipped "
                                                    "1 (not Terraform)"});
  EXPECT_EQ(r.inputs_read, 1u);
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

TEST(BadCorpus, TerraformJsonConfiguration) {
  testing::check_bad_corpus("tests/data/bad/cloud/tfjson-config", ".tf.json", 6,
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

// The peers' files (../shared/data; optional, skipped when absent): every file Terraform
// accepts is read, the one it rejects (an attribute redefined) is refused, and the JSON
// configuration beside a .tf file is judged.
TEST(Peers, TerraformFiles) {
  InRoot root;
  const fs::path peers = fs::path("..") / "shared" / "data" / "peers" / "terraform";
  const fs::path staged = fs::path("..") / "shared" / "data" / "cloud" / "terraform";
  if (!fs::exists(peers) || !fs::exists(staged)) GTEST_SKIP() << "no ../shared/data";
  size_t files = 0;
  for (const fs::path& root_dir : {peers, staged})
    for (const auto& e : fs::recursive_directory_iterator(root_dir)) {
      if (!e.is_regular_file() || e.path().extension() != ".tf") continue;
      ++files;
      auto r = read_terraform_files({e.path().string()}, {});
      if (e.path().parent_path().filename() == "dup-attr") {
        ASSERT_FALSE(r);
        EXPECT_NE(r.error().message().find("main.tf:4:3: expected each argument set only once in a body, found "
                                           "\"tags\" again"),
                  std::string::npos)
            << r.error().message();
      } else {
        EXPECT_TRUE(r) << r.error().message();
      }
    }
  EXPECT_GE(files, 60u);
  InputsRead mixed = read_assets({(peers / "tfjson-mixed").string()}, {});
  EXPECT_TRUE(mixed.errors.empty());
  ASSERT_EQ(mixed.assets.size(), 2u);
  EXPECT_EQ(mixed.assets[0].name, "alicloud_oss_bucket.hr");
  EXPECT_EQ(mixed.assets[0].data_classes, std::vector<std::string>{"personal-data"});
  EXPECT_EQ(mixed.assets[1].name, "aws_s3_bucket.a");
}

}  // namespace
}  // namespace cleannet::cloud
