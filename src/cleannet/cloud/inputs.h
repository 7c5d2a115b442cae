// The inputs of a Clean Cloud check read into assets, each input on its own: a directory is
// walked (recursively, in sorted order, hidden directories such as .terraform skipped) and
// its .tf and .tf.json files with their auto-loaded variable files (terraform.tfvars,
// *.auto.tfvars, and their .json forms) read as modules; a file is read by its name (.tf,
// .tf.json, .tfvars, .tfstate, .csv) or, for .json, by content (an inventory has "assets",
// else Terraform state or show -json, or JSON configuration); "-" is standard input, its
// format told by content.
//
// One bad input or file does not hide the others: each readable one gives its assets, each
// unreadable one its error. Files a walk skips by type are counted, and an input from which
// nothing was read is an error.
//
//   InputsRead r = read_assets({"infra/", "state.tfstate"}, opt);
//   for (const core::Error& e : r.errors) std::cerr << e.message() << '\n';
//   for (const Asset& a : r.assets) check.add(a);
#pragma once

#include <string>
#include <vector>

#include "cleannet/cloud/asset.h"
#include "cleannet/cloud/terraform.h"
#include "cleannet/core/result.h"

namespace cleannet::cloud {

struct InputsRead {
  std::vector<Asset> assets;
  std::vector<core::Error> errors;  // one per unreadable input or file, in input order
  // For a walk that skipped or refused files: "DIR: read 3 files (.tf 2, .tf.json 1,
  // tfvars 0), refused 1, skipped 2 (not Terraform)".
  std::vector<std::string> notes;
  size_t inputs_read = 0;  // inputs from which something was read
};

InputsRead read_assets(const std::vector<std::string>& paths, const TerraformOptions& opt);

}  // namespace cleannet::cloud
