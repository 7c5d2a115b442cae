// Provider attribution: which cloud provider runs an asset, and on what evidence.
//
// Five kinds of evidence, each named in the result so that a verdict can be weighed:
//  - terraform-provider: the resource's Terraform provider type (alicloud -> Alibaba Cloud);
//  - declared: the provider named in an inventory;
//  - domain-suffix: a hostname under a provider's service domain (aliyuncs.com ...; the
//    table in attribution.cc cites where each suffix is documented);
//  - published-range: an address in a range the provider publishes (AWS ip-ranges.json,
//    Google cloud.json, Azure Service Tags, OCI public_ip_ranges.json, Cloudflare ips-v4/v6),
//    with the file, prefix and region;
//  - asn-announced: an address in a prefix announced by the provider's ASNs, for the
//    providers that publish no range file (Alibaba, Tencent, Huawei Cloud, Baidu; UCloud),
//    with the ASNs, prefix and list.
// The ranges are data/cloud/provider-ranges.tsv.gz (compiled into the binary; built by
// scripts/cloud-ranges-to-tsv.py, provenance in data/cloud/PROVENANCE.md); lookups are
// longest-prefix matches in a core::PrefixTable.
//
//   auto cat = ProviderCatalog::bundled();
//   auto a = cat->by_domain("examplebucket.oss-cn-hangzhou.aliyuncs.com");
//   // a->provider = "alibaba-cloud", a->kind = kDomainSuffix, a->detail = "aliyuncs.com"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/ipaddr.h"
#include "cleannet/core/result.h"

namespace cleannet::cloud {

enum class EvidenceKind : uint8_t { kTerraformProvider, kDeclared, kDomainSuffix, kPublishedRange, kAsnAnnounced };
// "terraform-provider", "declared", "domain-suffix", "published-range", "asn-announced"
const char* evidence_kind_name(EvidenceKind k);

struct Provider {
  std::string key;           // "alibaba-cloud"
  std::string name;          // "Alibaba Cloud"
  std::string registry_id;   // the registry organisation ("" when the registry has none)
  std::string headquarters;  // ISO country of the provider's headquarters
};

struct Attribution {
  std::string provider;  // Provider::key
  EvidenceKind kind = EvidenceKind::kDeclared;
  std::string subject;  // what was attributed: the hostname, address, provider type or name
  // domain-suffix: the suffix; published-range: "aws-ip-ranges.json 3.5.140.0/22 region ap-northeast-2";
  // asn-announced: "AS45102,AS134963 103.81.186.0/23 (alibaba.json)"; terraform-provider/declared: how
  std::string detail;
};

struct RangeEntry {
  core::Prefix prefix;
  uint16_t provider = 0;  // index into providers()
  EvidenceKind kind = EvidenceKind::kPublishedRange;
  uint16_t source = 0;  // index into sources()
  std::string detail;   // region, or the announcing ASNs
};

struct DomainSuffix {
  std::string suffix;
  std::string provider;
};

class ProviderCatalog {
 public:
  // The providers, suffixes and Terraform types in attribution.cc with the bundled ranges.
  static core::Result<ProviderCatalog> bundled();
  // The same providers with ranges from a TSV file of the bundled format
  // (prefix, provider key, published-range|asn-announced, source file, detail).
  static core::Result<ProviderCatalog> with_ranges(core::Input in);

  const std::vector<Provider>& providers() const { return providers_; }
  const Provider* provider(std::string_view key) const;

  std::optional<Attribution> by_terraform_type(std::string_view type) const;
  // Provider names and aliases ("Alibaba Cloud", "aliyun", "AWS"), case-insensitive.
  std::optional<Attribution> by_name(std::string_view declared) const;
  // Longest matching suffix, whole labels, case-insensitive, trailing dot ignored.
  std::optional<Attribution> by_domain(std::string_view host) const;
  // Longest-prefix match over the ranges; the first listed entry for a prefix wins.
  std::optional<Attribution> by_address(const core::Prefix& address) const;
  // The entry by_address() uses (nullptr when none).
  const RangeEntry* range_for(const core::Prefix& address) const;

  const std::vector<RangeEntry>& ranges() const { return ranges_; }
  const std::vector<std::string>& sources() const { return sources_; }
  static const std::vector<DomainSuffix>& domain_suffixes();
  // Terraform provider types that are not clouds (random, null, tls ...): not assets.
  static bool is_utility_provider(std::string_view type);

 private:
  core::Status load_ranges(core::Input in);
  Attribution from_range(const RangeEntry& e) const;

  std::vector<Provider> providers_;
  std::unordered_map<std::string, uint16_t> by_key_;
  std::vector<RangeEntry> ranges_;
  std::vector<std::string> sources_;
  core::PrefixTable<uint32_t> index_;
};

// Whether a provider region is in mainland China (cn-* except cn-hongkong, Tencent's
// ap-beijing/ap-shanghai/ap-guangzhou/..., Baidu's bj/gz/su/bd/fwh, Azure china*).
bool is_mainland_china_region(std::string_view region);

}  // namespace cleannet::cloud
