// The data-class table (data/cloud/resource-kinds): the assume-heuristic construct classed as the
// providers' documentation says, coverage of every resource type in the bundled examples (and,
// when ../shared is present, the staged examples and the peers' files), every row checked
// against what its documentation says, and the malformed-table corpus (tests/data/bad/cloud).
#include "cleannet/cloud/resource_kinds.h"

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cleannet/cloud/attribution.h"
#include "cleannet/cloud/terraform.h"
#include "cleannet/core/testing/bad_corpus.h"

namespace cleannet::cloud {
namespace {

namespace fs = std::filesystem;

const ResourceKinds& kinds() {
  static const ResourceKinds k = [] {
    auto r = ResourceKinds::bundled();
    if (!r) ADD_FAILURE() << r.error().message();
    return r ? std::move(*r) : ResourceKinds{};
  }();
  return k;
}

std::string text_of(const fs::path& p) {
  auto in = core::Input::open(p.string());
  if (!in) return "";
  auto t = in->read_all(64u << 20);
  return t ? *t : "";
}

// Resource types declared in Terraform files: `resource "TYPE"` in .tf (also gzipped), the
// keys of "resource" in .tf.json. Read as text, so that coverage does not depend on what
// the HCL reader accepts.
void collect_types(const fs::path& root, std::map<std::string, std::string>& types) {
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    auto ends = [&](std::string_view s) { return name.ends_with(s); };
    if (ends(".tf.json")) {
      auto j = nlohmann::json::parse(text_of(e.path()), nullptr, false);
      if (j.is_object() && j.contains("resource") && j["resource"].is_object())
        for (const auto& [type, v] : j["resource"].items()) types.emplace(type, e.path().string());
      continue;
    }
    if (!ends(".tf") && !ends(".tf.gz")) continue;
    std::string t = text_of(e.path());
    for (size_t at = t.find("resource"); at != std::string::npos; at = t.find("resource", at + 8)) {
      if (at > 0 && t[at - 1] != '\n' && t[at - 1] != ' ' && t[at - 1] != '\t') continue;
      size_t q = t.find_first_not_of(" \t", at + 8);
      if (q == std::string::npos || q == at + 8 || t[q] != '"') continue;
      size_t end = t.find('"', q + 1);
      if (end == std::string::npos) continue;
      types.emplace(t.substr(q + 1, end - q - 1), e.path().string());
    }
  }
}

// Types of the cloud providers cleannet attributes (utility providers such as random, and
// Terraform's own test provider, are not clouds).
std::vector<std::pair<std::string, std::string>> cloud_types(const std::map<std::string, std::string>& types) {
  static const ProviderCatalog cat = *ProviderCatalog::bundled();
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [type, file] : types) {
    std::string provider = type.substr(0, type.find('_'));
    if (cat.by_terraform_type(provider)) out.emplace_back(type, file);
  }
  return out;
}

void expect_covered(const fs::path& root, size_t min_types) {
  std::map<std::string, std::string> types;
  collect_types(root, types);
  auto cloud = cloud_types(types);
  EXPECT_GE(cloud.size(), min_types) << root;
  for (const auto& [type, file] : cloud) EXPECT_NE(kinds().find(type), nullptr) << type << " (" << file << ")";
}

const fs::path kSource = CLEANNET_SOURCE_DIR;
const fs::path kShared = kSource / ".." / "shared" / "data";

// The assume-heuristic construct (../shared/data/peers/terraform/assume-heuristic/main.tf): data
// stores the name-based guess left unjudged, network and control resources it judged.
const std::vector<std::pair<std::string, bool>> kConstruct = {{"alicloud_cs_managed_kubernetes", true},
                                                              {"alicloud_log_store", true},
                                                              {"alicloud_maxcompute_project", true},
                                                              {"baiducloud_cfs", true},
                                                              {"baiducloud_scs", true},
                                                              {"huaweicloud_cbr_vault", true},
                                                              {"tencentcloud_ssm_secret", true},
                                                              {"tencentcloud_route_table", false},
                                                              {"huaweicloud_er_route_table", false},
                                                              {"alicloud_cen_instance", false},
                                                              {"huaweicloud_bms_instance_password_reset", false}};

void expect_construct(const std::vector<Asset>& assets) {
  size_t seen = 0;
  for (const Asset& a : assets)
    for (const auto& [type, holds] : kConstruct) {
      if (a.kind != type) continue;
      ++seen;
      const ResourceKind* k = kinds().find(type);
      ASSERT_NE(k, nullptr) << type;
      EXPECT_EQ(holds_or_processes_data(k->cls), holds) << type << " is " << kind_class_name(k->cls);
    }
  EXPECT_EQ(seen, kConstruct.size());
}

TEST(ResourceKinds, IssueConstructByHand) {
  auto assets = read_terraform_files({(kSource / "tests/data/cloud/golden/inputs/assume-kinds/main.tf").string()}, {});
  ASSERT_TRUE(assets) << assets.error().message();
  expect_construct(*assets);
  EXPECT_EQ(kinds().find("alicloud_ram_user"), nullptr);  // the case's type of no table: reported, not guessed
}

TEST(ResourceKinds, IssueConstructPeersFile) {
  const fs::path f = kShared / "peers/terraform/assume-heuristic/main.tf";
  if (!fs::exists(f)) GTEST_SKIP() << f << " not present";
  auto assets = read_terraform_files({f.string()}, {});
  ASSERT_TRUE(assets) << assets.error().message();
  expect_construct(*assets);
}

TEST(ResourceKinds, CoversBundledExamples) { expect_covered(kSource / "data/cloud/terraform-examples", 60); }

TEST(ResourceKinds, CoversStagedExamplesAndPeers) {
  if (!fs::exists(kShared / "cloud/terraform")) GTEST_SKIP() << "../shared/data not present";
  expect_covered(kShared / "cloud/terraform", 60);
  expect_covered(kShared / "peers/terraform", 15);
}

// What a row's documentation says decides its class, by the words it uses: phrases first
// ("storage account" is storage, "key pair" identity), then single words, each pass in the
// order control, identity, network, other, holds-data, processes-data ("RDS account" is an
// account, "MySQL instance ... database instances" a database). An independent reading of
// the quoted documentation, not of the type's name.
KindClass class_from_documentation(std::string_view summary) {
  std::string t = " ";
  for (char c : summary) {
    unsigned char u = static_cast<unsigned char>(c);
    t += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : ' ';
  }
  const std::vector<std::pair<KindClass, std::vector<std::string>>> words = {
      {KindClass::kControl,
       {"password reset", "deployment version", "scaling rule", "backup policy", "attach", "policy", "acl", "configur",
        "schedul"}},
      {KindClass::kIdentity, {"key pair", "account", "user", "privilege"}},
      {KindClass::kNetwork,
       {"security group", "route table", "routing table", "load balancer", "internet gateway", "network interface",
        "virtual network", "vpc", "subnet", "vswitch", "rout", "eip", "network", "connection", "gateway"}},
      {KindClass::kOther, {"resource group"}},
      {KindClass::kHoldsData, {"storage account", "log store", "kms key", "file storage", "bucket",
                               "storage",         "database",  "rds",     "mysql",        "sql",
                               "postgresql",      "mongodb",   "db",      "table",        "disk",
                               "volume",          "snapshot",  "cds",     "cfs",          "cache",
                               "redis",           "backup",    "vault",   "secret",       "kms",
                               "object",          "log",       "queue",   "dataset",      "maxcompute"}},
      {KindClass::kProcessesData,
       {"virtual machine", "node pool", "scaling group", "instance", "kubernetes", "cluster", "vm", "server", "compute",
        "cvm", "ecs", "function", "containeriz"}}};
  for (bool phrases : {true, false})
    for (const auto& [cls, list] : words)
      for (const std::string& w : list)
        if ((w.find(' ') != std::string::npos) == phrases && t.find(" " + w) != std::string::npos) return cls;
  return KindClass::kOther;
}

TEST(ResourceKinds, EveryRowAgreesWithItsDocumentation) {
  std::set<KindClass> classes;
  for (const ResourceKind& k : kinds().kinds()) {
    SCOPED_TRACE(k.pos.to_string() + " " + k.type);
    classes.insert(k.cls);
    EXPECT_EQ(kind_class_name(class_from_documentation(k.summary)), std::string(kind_class_name(k.cls))) << k.summary;
    // The registry page of this very resource, under the provider's registry namespace.
    std::string provider = k.type.substr(0, k.type.find('_'));
    std::string ns;
    for (const KindTableProvider& p : ResourceKinds::bundled_providers())
      if (p.provider == provider) ns = p.registry_namespace;
    EXPECT_EQ(k.documentation, "https://registry.terraform.io/providers/" + ns + "/" + provider +
                                   "/latest/docs/resources/" + k.type.substr(provider.size() + 1));
  }
  EXPECT_EQ(classes.size(), 6u);  // every class of the vocabulary is in use
}

TEST(ResourceKinds, ClassNames) {
  for (KindClass c : {KindClass::kHoldsData, KindClass::kProcessesData, KindClass::kNetwork, KindClass::kControl,
                      KindClass::kIdentity, KindClass::kOther})
    EXPECT_EQ(parse_kind_class(kind_class_name(c)), c);
  EXPECT_EQ(parse_kind_class("holds data"), std::nullopt);
  EXPECT_TRUE(holds_or_processes_data(KindClass::kHoldsData));
  EXPECT_TRUE(holds_or_processes_data(KindClass::kProcessesData));
  EXPECT_FALSE(holds_or_processes_data(KindClass::kNetwork));
  EXPECT_FALSE(holds_or_processes_data(KindClass::kControl));
}

TEST(ResourceKinds, RowsAndPositions) {
  const ResourceKind* k = kinds().find("alicloud_log_store");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->cls, KindClass::kHoldsData);
  EXPECT_EQ(k->documentation,
            "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/log_store");
  EXPECT_EQ(k->pos.file, "bundled:data/cloud/resource-kinds/alicloud.tsv");
  EXPECT_EQ(kinds().find("alicloud_log"), nullptr);  // whole types only, no prefixes
  EXPECT_EQ(kinds().find(""), nullptr);
}

TEST(BadCorpus, ResourceKinds) {
  testing::check_bad_corpus("tests/data/bad/cloud/resource-kinds", ".tsv", 8,
                            [](const fs::path& f) -> std::optional<std::string> {
                              ResourceKinds k;
                              auto st = k.add(*core::Input::open(f.string()), {"alicloud", "aliyun"});
                              if (st) return std::nullopt;
                              return st.error().message();
                            });
}

}  // namespace
}  // namespace cleannet::cloud
