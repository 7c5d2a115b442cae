// Which Terraform resource types hold data: the data-class table that decides, for
// `cloud check --assume-data-class`, which unclassified resources are judged.
//
// One table per provider, data/cloud/resource-kinds/<provider>.tsv (compiled into the
// binary; vocabulary and sources in data/cloud/resource-kinds/README.md). Each row is a
// resource type, its class, the Terraform registry page of the resource and what that page
// says (subcategory and description), so that every class rests on the provider's own
// documentation rather than on words in the type's name. Classes:
//   holds-data      stores customer data: object, file and block storage, databases, caches,
//                   logs, backups and vaults, secrets and keys, warehouses;
//   processes-data  runs the workloads that read and write it: instances, virtual machines,
//                   clusters and node pools, scaling groups, containers, functions;
//   network         VPCs, subnets, routes, gateways, addresses, load balancers, security groups;
//   control         settings of other resources: attachments, policies, ACLs, scaling rules,
//                   schedules, password resets;
//   identity        accounts, users, privileges, key pairs;
//   other           containers of resources that hold nothing themselves (resource groups).
// The first two are judged under an assumed data class (Clean Cloud: data "stored and
// processed"); a type that is in no table is reported as of an unclassified kind.
//
//   auto kinds = ResourceKinds::bundled();
//   const ResourceKind* k = kinds->find("alicloud_log_store");  // k->cls == KindClass::kHoldsData
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"

namespace cleannet::cloud {

enum class KindClass : uint8_t { kHoldsData, kProcessesData, kNetwork, kControl, kIdentity, kOther };

// "holds-data", "processes-data", "network", "control", "identity", "other"
const char* kind_class_name(KindClass c);
std::optional<KindClass> parse_kind_class(std::string_view s);
// holds-data and processes-data: the kinds an assumed data class applies to.
bool holds_or_processes_data(KindClass c);

struct ResourceKind {
  std::string type;  // "alicloud_log_store"
  KindClass cls = KindClass::kOther;
  std::string documentation;  // the registry page the class rests on
  std::string summary;        // what that page says: "Log Service (SLS): The log store is ..."
  core::SourcePos pos;        // the row
};

// The registry namespace of each provider with a bundled table ("alicloud" -> "aliyun").
struct KindTableProvider {
  std::string_view provider;
  std::string_view registry_namespace;
};

class ResourceKinds {
 public:
  // The bundled tables of every provider in bundled_providers().
  static core::Result<ResourceKinds> bundled();
  static const std::vector<KindTableProvider>& bundled_providers();

  // Adds one provider's table: tab-separated rows of type, class, documentation URL and
  // summary ('#' lines and blank lines are comments). Every type is PROVIDER_NAME and
  // listed once; its documentation is
  // https://registry.terraform.io/providers/NAMESPACE/PROVIDER/latest/docs/resources/NAME.
  // Errors name the file, line and column of the bad field.
  core::Status add(core::Input in, const KindTableProvider& provider);

  const ResourceKind* find(std::string_view type) const;
  const std::vector<ResourceKind>& kinds() const { return kinds_; }

 private:
  std::vector<ResourceKind> kinds_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace cleannet::cloud
