// Asset: one cloud resource, whatever it was read from (an inventory row, a Terraform
// resource block, a resource in a state file or plan), with what the Clean Cloud check needs:
// who runs it, where, what it is reachable as, and which data it holds.
//
//   Asset a;  a.name = "alicloud_oss_bucket.data";  a.terraform_provider = "alicloud";
//   a.data_classes = {"personal-data"};  a.data_class_source = "tag data_class";
#pragma once

#include <string>
#include <vector>

#include "cleannet/core/result.h"

namespace cleannet::cloud {

struct Asset {
  std::string name;           // "alicloud_oss_bucket.bucket-new", "module.foo.test_instance.x[0]", an inventory name
  std::string kind;           // resource type ("alicloud_oss_bucket") or the inventory's kind
  std::string source_format;  // inventory-csv, inventory-json, terraform, tfstate, plan-json, state-json
  core::SourcePos pos;        // where it is declared (file:line:column)

  // Provider as declared: the inventory's provider column, or the Terraform provider type
  // ("alicloud") with where it was determined ("resource type prefix", "provider = ...").
  std::string declared_provider;
  std::string terraform_provider;
  std::string provider_note;  // how terraform_provider was determined
  std::string region;
  std::string region_note;             // "provider block at main.tf:3:1", "var.region default" ...
  std::vector<std::string> endpoints;  // hostnames and IP addresses
  std::vector<std::string> data_classes;
  std::string data_class_source;  // "tag data_class", "column data_classes" ...
  bool data_bearing = false;      // an inventory row: inventories list what stores or processes data
};

// One line per asset, for golden tests and `--format text`'s asset list:
// "main.tf:12:1 alicloud_oss_bucket.b kind=alicloud_oss_bucket provider=alicloud(...) ...".
std::string describe(const Asset& a);

// Splits "personal-data; research-ip" on ';', ',', '|' and spaces, lower-cased, empty dropped.
std::vector<std::string> split_data_classes(std::string_view s);

}  // namespace cleannet::cloud
