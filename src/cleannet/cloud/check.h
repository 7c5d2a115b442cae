// Clean Cloud (U.S. Department of State, 2020-08-05: "prevent U.S. citizens' most sensitive
// personal information and our businesses' most valuable intellectual property ... from being
// stored and processed on cloud-based systems accessible to our foreign adversaries through
// companies such as Alibaba, Baidu, China Mobile, China Telecom, and Tencent"): is sensitive
// data stored or processed on an untrusted cloud?
//
// Per asset: every attribution (Terraform provider, declared provider, each hostname and
// address; attribution.h) is resolved to a registry organisation and its trust status; the
// least trusted attribution decides (an address in an untrusted provider's range outweighs a
// trusted declaration, since the data is processed there). An asset no evidence attributes
// has an unknown provider. Each data class of the asset except `public` is sensitive and is
// judged with the policy's `cloud` line, the data class as traffic class, segment "*":
// deny -> error, warn -> warning, allow -> no finding. Assets without a data class are not
// judged unless CheckOptions::assume_data_class is set, and then only those that hold or
// process data: inventory rows (Asset::data_bearing) and resource types that the data-class
// table (resource_kinds.h) classes holds-data or processes-data. A resource type the table
// does not list is not guessed: its verdict is "unclassified-kind", counted and listed in
// the summary.
//
//   CloudCheck check(catalog, kinds, resolver, policy, status_options, {});
//   for (const Asset& a : assets) check.add(a);
//   for (const report::Finding& f : check.findings()) ...
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cleannet/cloud/asset.h"
#include "cleannet/cloud/attribution.h"
#include "cleannet/cloud/resource_kinds.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::cloud {

struct CheckOptions {
  std::string assume_data_class;  // for unclassified assets that hold or process data; empty: not judged
};

// One attribution with what the registry says about its provider.
struct JudgedAttribution {
  Attribution attribution;
  std::string provider_name;          // "Alibaba Cloud"
  std::optional<trust::Match> match;  // the registry organisation, when there is one
  trust::StatusVerdict status;
};

struct AssetVerdict {
  Asset asset;
  std::vector<JudgedAttribution> attributions;
  int deciding = -1;                        // index into attributions; -1: provider unknown
  std::vector<std::string> classes_judged;  // sensitive classes (or the assumed one)
  bool assumed_class = false;
  const ResourceKind* kind = nullptr;  // the data-class table's row, when an assumed class was considered
  std::string decisive_class;          // the class with the strictest decision
  trust::Decision decision;            // for decisive_class
  trust::Status status = trust::Status::kUnknown;
  // "deny", "warn", "allow", "public", "unclassified", "unclassified-kind", "not-cloud"
  std::string verdict;
};

class CloudCheck {
 public:
  // All must outlive the check.
  CloudCheck(const ProviderCatalog& catalog, const ResourceKinds& kinds, const trust::Resolver& resolver,
             const trust::Policy& policy, const trust::StatusOptions& status_options, CheckOptions options);

  void add(const Asset& a);

  const std::vector<AssetVerdict>& verdicts() const { return verdicts_; }
  std::vector<report::Finding> findings() const;
  report::Json json() const;  // per-asset verdicts with their evidence, and counts
  // One line of counts, and a line naming the kinds not in the data-class table if any.
  std::string summary_text() const;
  // An asset with sensitive data on an untrusted cloud (deny, or warn for an untrusted
  // provider), or denied for an unknown one.
  bool violations() const;

 private:
  std::optional<trust::NameMatch> registry_match(const Provider& p) const;
  JudgedAttribution judge(Attribution a) const;
  report::Finding finding(const AssetVerdict& v) const;
  std::string alternatives(const AssetVerdict& v) const;

  const ProviderCatalog& catalog_;
  const ResourceKinds& kinds_;
  const trust::Resolver& resolver_;
  const trust::Policy& policy_;
  trust::StatusOptions status_options_;
  CheckOptions options_;
  std::vector<AssetVerdict> verdicts_;
};

}  // namespace cleannet::cloud
