// Asset inventories: a spreadsheet (CSV) or JSON list of cloud assets with their data
// classes, for estates that are not (only) described in Terraform.
//
// CSV (RFC 4180, header row required, '#' lines are comments):
//   name,kind,provider,region,endpoint,data_classes
//   hr-db,database,Alibaba Cloud,cn-hangzhou,rm-abc.mysql.rds.aliyuncs.com,personal-data
// Columns may come in any order; `name` is required, the others optional. `endpoint` (also
// accepted as hostname, host, ip, address) holds hostnames or IP addresses, several
// separated by ';' or spaces; `data_classes` (or data_class) several classes likewise.
// JSON:
//   {"assets": [{"name": "hr-db", "kind": "database", "provider": "Alibaba Cloud",
//                "region": "cn-hangzhou", "endpoints": ["rm-abc.mysql.rds.aliyuncs.com"],
//                "data_classes": ["personal-data"]}]}
// (closed keys; "hostname" and "ip" are accepted as single endpoints; top-level "name",
// "provenance" and "synthetic" as in the other native formats).
// Every endpoint must be an IP address or a hostname (RFC 1123 labels); every error names
// file:line:column and the field.
//
//   auto assets = read_inventory(*core::Input::open("assets.csv"));
#pragma once

#include <string_view>
#include <vector>

#include "cleannet/cloud/asset.h"
#include "cleannet/core/input.h"
#include "cleannet/core/result.h"

namespace cleannet::cloud {

core::Result<std::vector<Asset>> read_inventory_csv(core::Input in);
core::Result<std::vector<Asset>> read_inventory_json(core::Input& in);
// By content: a first non-blank byte '{' is JSON, anything else CSV.
core::Result<std::vector<Asset>> read_inventory(core::Input in);

// An IP address (no prefix length) or a hostname of RFC 1123 labels. A string of digits and
// dots, or with a ':', must be an address ("300.1.2.3" is a bad address, not a hostname).
bool is_valid_endpoint(std::string_view s);

}  // namespace cleannet::cloud
