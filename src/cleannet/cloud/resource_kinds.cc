#include "cleannet/cloud/resource_kinds.h"

#include <algorithm>

#include "cleannet/core/text.h"
#include "cleannet/core/tsv.h"

namespace cleannet::cloud {

// data/cloud/resource-kinds/<provider>.tsv, embedded (src/cleannet/cloud/CMakeLists.txt).
std::string_view bundled_resource_kinds_alicloud();
std::string_view bundled_resource_kinds_aws();
std::string_view bundled_resource_kinds_azurerm();
std::string_view bundled_resource_kinds_baiducloud();
std::string_view bundled_resource_kinds_google();
std::string_view bundled_resource_kinds_huaweicloud();
std::string_view bundled_resource_kinds_tencentcloud();

namespace {

constexpr std::pair<KindClass, const char*> kClassNames[] = {
    {KindClass::kHoldsData, "holds-data"}, {KindClass::kProcessesData, "processes-data"},
    {KindClass::kNetwork, "network"},      {KindClass::kControl, "control"},
    {KindClass::kIdentity, "identity"},    {KindClass::kOther, "other"}};

// Each provider's registry namespace is that of its `required_providers` source
// (https://registry.terraform.io/providers/<namespace>/<provider>).
struct BundledTable {
  KindTableProvider provider;
  std::string_view (*text)();
};
constexpr BundledTable kBundled[] = {{{"alicloud", "aliyun"}, &bundled_resource_kinds_alicloud},
                                     {{"aws", "hashicorp"}, &bundled_resource_kinds_aws},
                                     {{"azurerm", "hashicorp"}, &bundled_resource_kinds_azurerm},
                                     {{"baiducloud", "baidubce"}, &bundled_resource_kinds_baiducloud},
                                     {{"google", "hashicorp"}, &bundled_resource_kinds_google},
                                     {{"huaweicloud", "huaweicloud"}, &bundled_resource_kinds_huaweicloud},
                                     {{"tencentcloud", "tencentcloudstack"}, &bundled_resource_kinds_tencentcloud}};

bool valid_type_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

const char* kind_class_name(KindClass c) {
  for (const auto& [k, name] : kClassNames)
    if (k == c) return name;
  return "other";
}

std::optional<KindClass> parse_kind_class(std::string_view s) {
  for (const auto& [k, name] : kClassNames)
    if (s == name) return k;
  return std::nullopt;
}

bool holds_or_processes_data(KindClass c) { return c == KindClass::kHoldsData || c == KindClass::kProcessesData; }

const std::vector<KindTableProvider>& ResourceKinds::bundled_providers() {
  static const std::vector<KindTableProvider> kProviders = [] {
    std::vector<KindTableProvider> v;
    for (const BundledTable& t : kBundled) v.push_back(t.provider);
    return v;
  }();
  return kProviders;
}

core::Result<ResourceKinds> ResourceKinds::bundled() {
  ResourceKinds k;
  for (const BundledTable& t : kBundled) {
    auto in = core::Input::from_memory("bundled:data/cloud/resource-kinds/" + std::string(t.provider.provider) + ".tsv",
                                       t.text());
    if (!in) return in.error();
    if (auto st = k.add(std::move(*in), t.provider); !st) return st.error();
  }
  return k;
}

core::Status ResourceKinds::add(core::Input in, const KindTableProvider& provider) {
  const std::string prefix = std::string(provider.provider) + "_";
  const std::string url_prefix = "https://registry.terraform.io/providers/" + std::string(provider.registry_namespace) +
                                 "/" + std::string(provider.provider) + "/latest/docs/resources/";
  core::TsvLines rows(in, 4, "type, class, documentation, summary");
  for (;;) {
    auto row = rows.next();
    if (!row) return row.error();
    if (!*row) break;
    const std::vector<std::string_view>& f = **row;
    ResourceKind k;
    k.type = std::string(f[0]);
    if (k.type.size() <= prefix.size() || k.type.compare(0, prefix.size(), prefix) != 0 ||
        !std::all_of(k.type.begin(), k.type.end(), valid_type_char))
      return core::Error(rows.at(0), "a resource type " + prefix + "NAME (lower-case letters, digits, '_')",
                         core::quote_found(f[0]));
    if (auto seen = index_.find(k.type); seen != index_.end())
      return core::Error(
          rows.at(0),
          "a resource type not listed before (first at line " + std::to_string(kinds_[seen->second].pos.line) + ")",
          core::quote_found(f[0]));
    auto cls = parse_kind_class(f[1]);
    if (!cls)
      return core::Error(rows.at(1), "a class holds-data, processes-data, network, control, identity or other",
                         core::quote_found(f[1]));
    k.cls = *cls;
    const std::string want_url = url_prefix + k.type.substr(prefix.size());
    if (f[2] != want_url) return core::Error(rows.at(2), "the registry page " + want_url, core::quote_found(f[2], 100));
    k.documentation = want_url;
    if (core::trim(f[3]).empty()) return core::Error(rows.at(3), "what the documentation says", "an empty field");
    k.summary = std::string(f[3]);
    k.pos = rows.at(0);
    index_.emplace(k.type, kinds_.size());
    kinds_.push_back(std::move(k));
  }
  return core::Ok{};
}

const ResourceKind* ResourceKinds::find(std::string_view type) const {
  auto it = index_.find(std::string(type));
  return it == index_.end() ? nullptr : &kinds_[it->second];
}

}  // namespace cleannet::cloud
