#include "cleannet/cloud/resource_kinds.h"

#include <algorithm>

#include "cleannet/core/text.h"

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

// The registry namespaces are those of each provider's `required_providers` source
// (https://registry.terraform.io/providers/<namespace>/<provider>).
const std::vector<KindTableProvider>& ResourceKinds::bundled_providers() {
  static const std::vector<KindTableProvider> kProviders = {{"alicloud", "aliyun"},
                                                            {"aws", "hashicorp"},
                                                            {"azurerm", "hashicorp"},
                                                            {"baiducloud", "baidubce"},
                                                            {"google", "hashicorp"},
                                                            {"huaweicloud", "huaweicloud"},
                                                            {"tencentcloud", "tencentcloudstack"}};
  return kProviders;
}

core::Result<ResourceKinds> ResourceKinds::bundled() {
  const std::pair<std::string_view, std::string_view (*)()> texts[] = {
      {"alicloud", &bundled_resource_kinds_alicloud},
      {"aws", &bundled_resource_kinds_aws},
      {"azurerm", &bundled_resource_kinds_azurerm},
      {"baiducloud", &bundled_resource_kinds_baiducloud},
      {"google", &bundled_resource_kinds_google},
      {"huaweicloud", &bundled_resource_kinds_huaweicloud},
      {"tencentcloud", &bundled_resource_kinds_tencentcloud}};
  ResourceKinds k;
  for (const KindTableProvider& p : bundled_providers()) {
    auto it = std::find_if(std::begin(texts), std::end(texts), [&](const auto& t) { return t.first == p.provider; });
    if (it == std::end(texts)) continue;
    auto in =
        core::Input::from_memory("bundled:data/cloud/resource-kinds/" + std::string(p.provider) + ".tsv", it->second());
    if (!in) return in.error();
    if (auto st = k.add(std::move(*in), p); !st) return st.error();
  }
  return k;
}

core::Status ResourceKinds::add(core::Input in, const KindTableProvider& provider) {
  const std::string prefix = std::string(provider.provider) + "_";
  const std::string url_prefix = "https://registry.terraform.io/providers/" + std::string(provider.registry_namespace) +
                                 "/" + std::string(provider.provider) + "/latest/docs/resources/";
  for (;;) {
    auto line = in.next_line();
    if (!line) return line.error();
    if (!*line) break;
    std::string_view l = **line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty() || l[0] == '#') continue;
    auto f = core::split(l, '\t');
    auto col = [&](size_t i) {
      uint32_t c = 1;
      for (size_t k = 0; k < i && k < f.size(); ++k) c += static_cast<uint32_t>(f[k].size()) + 1;
      return in.pos(c);
    };
    if (f.size() != 4)
      return core::Error(in.pos(1), "4 tab-separated fields (type, class, documentation, summary)",
                         std::to_string(f.size()) + " field(s)");
    ResourceKind k;
    k.type = std::string(f[0]);
    if (k.type.size() <= prefix.size() || k.type.compare(0, prefix.size(), prefix) != 0 ||
        !std::all_of(k.type.begin(), k.type.end(), valid_type_char))
      return core::Error(col(0), "a resource type " + prefix + "NAME (lower-case letters, digits, '_')",
                         core::quote_found(f[0]));
    if (auto seen = index_.find(k.type); seen != index_.end())
      return core::Error(
          col(0),
          "a resource type not listed before (first at line " + std::to_string(kinds_[seen->second].pos.line) + ")",
          core::quote_found(f[0]));
    auto cls = parse_kind_class(f[1]);
    if (!cls)
      return core::Error(col(1), "a class holds-data, processes-data, network, control, identity or other",
                         core::quote_found(f[1]));
    k.cls = *cls;
    const std::string want_url = url_prefix + k.type.substr(prefix.size());
    if (f[2] != want_url) return core::Error(col(2), "the registry page " + want_url, core::quote_found(f[2], 100));
    k.documentation = want_url;
    if (core::trim(f[3]).empty()) return core::Error(col(3), "what the documentation says", "an empty field");
    k.summary = std::string(f[3]);
    k.pos = in.pos(1);
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
