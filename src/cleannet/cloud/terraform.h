// Terraform inputs as assets: configuration (.tf files in HCL), state files (.tfstate,
// format version 4) and `terraform show -json` output (a plan, or a state).
//
// Configuration: the .tf files of one directory form a module (Terraform's rule), read with
// the module's terraform.tfvars and *.auto.tfvars. Each `resource "TYPE" "NAME"` block is an
// asset at its file:line:column. Its provider is the `provider = NAME.ALIAS` attribute or
// the type's prefix up to the first '_' (Terraform's default), mapped to a provider type
// through `required_providers` sources ("aliyun/alicloud" -> alicloud). Its region is the
// resource's `region` or `location`, else the region of the provider block it uses; a
// `var.X` is resolved from tfvars, then the variable's default, and `local.X` from locals,
// when they are literals. The data class comes from the tag (`tags`, `labels`, or `tags`
// blocks with key/value) named by TerraformOptions::data_class_tag. Hostnames and
// addresses come from the literal values of endpoint-like attributes (endpoint, host,
// hostname, fqdn, domain, ip_address, public_ip, address, server, url).
//
// State and show -json: every managed resource instance (data sources are reads, not
// assets), with its attributes' region/location, tags/labels and endpoint-like values; the
// provider comes from the resource's provider address
// (provider["registry.terraform.io/aliyun/alicloud"]).
//
//   TerraformOptions opt;  opt.data_class_tag = "classification";
//   auto assets = read_terraform_module({"main.tf", "variables.tf"}, opt);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/cloud/asset.h"
#include "cleannet/cloud/hcl.h"
#include "cleannet/core/input.h"
#include "cleannet/core/result.h"

namespace cleannet::cloud {

struct TerraformOptions {
  std::string data_class_tag = "data_class";
};

// The assets of one module from parsed files (`tfvars` may be empty).
std::vector<Asset> terraform_assets(const std::vector<hcl::File>& files, const std::vector<hcl::File>& tfvars,
                                    const TerraformOptions& opt);

// Terraform's JSON configuration syntax (a .tf.json file; with `tfvars`, a .tfvars.json file
// of variable values) as the tree of the native syntax: resource -> type -> name -> body,
// provider, variable, locals, terraform, data, module, output ...; "//" properties of
// bodies are comments; a string that is one interpolated reference ("${var.region}") is that
// reference. Errors name the file, line and column.
core::Result<hcl::File> parse_terraform_json_config(const std::string& name, std::string_view text,
                                                    bool tfvars = false);

// The kind of Terraform configuration file a name is (a trailing .gz ignored: the bundled
// examples are gzipped): .tf, .tf.json, or variable values (.tfvars, .tfvars.json); kNone
// for any other name.
enum class ConfigFile : uint8_t { kNone, kTf, kTfJson, kTfvars, kTfvarsJson };
ConfigFile config_file_kind(std::string_view name);

// What reading a set of configuration files gave: the assets of every file that was read
// and one error for each file that could not be (a module's other files are still read),
// with counts by kind.
struct TerraformRead {
  std::vector<Asset> assets;
  std::vector<core::Error> errors;
  size_t tf = 0, tf_json = 0, tfvars = 0;  // files read
};

// Reads and parses the files (.tf and .tf.json as configuration, tfvars files as variable
// values; a file named otherwise is taken as .tf), grouped by directory into modules, in the
// order given.
TerraformRead read_terraform_config(const std::vector<std::string>& paths, const TerraformOptions& opt);

// The same, for callers that stop at the first error.
core::Result<std::vector<Asset>> read_terraform_files(const std::vector<std::string>& paths,
                                                      const TerraformOptions& opt);

// A .tfstate (version 4) or `terraform show -json` document (plan or state), told apart by
// content: "version" + "resources" is a state file, "format_version" is show -json.
core::Result<std::vector<Asset>> read_terraform_json(core::Input& in, const TerraformOptions& opt);

// The provider type of a provider source or address: "aliyun/alicloud",
// "registry.terraform.io/hashicorp/aws", provider["registry.terraform.io/hashicorp/aws"],
// "provider.aws" and module-qualified forms all give the last name ("alicloud", "aws").
std::string provider_type_of(std::string_view address);

}  // namespace cleannet::cloud
