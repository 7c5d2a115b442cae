#include "cleannet/cloud/inputs.h"

#include <algorithm>
#include <filesystem>

#include "cleannet/cloud/inventory.h"
#include "cleannet/core/input.h"
#include "cleannet/core/json.h"

namespace cleannet::cloud {

namespace {

namespace fs = std::filesystem;

// Variable files Terraform loads by itself from a module's directory (Terraform language,
// "Variable Definitions (.tfvars) Files"); others are given with -var-file.
bool auto_loaded_tfvars(std::string name) {
  if (name.ends_with(".gz")) name.resize(name.size() - 3);
  return name == "terraform.tfvars" || name.ends_with(".auto.tfvars") || name == "terraform.tfvars.json" ||
         name.ends_with(".auto.tfvars.json");
}

// Adds a reader's result to `out`: true when it read.
bool add(core::Result<std::vector<Asset>> r, InputsRead& out) {
  if (!r) {
    out.errors.push_back(std::move(r.error()));
    return false;
  }
  for (Asset& a : *r) out.assets.push_back(std::move(a));
  return true;
}

// Adds configuration read from files: true when at least one file was read.
bool add(TerraformRead r, InputsRead& out) {
  for (core::Error& e : r.errors) out.errors.push_back(std::move(e));
  for (Asset& a : r.assets) out.assets.push_back(std::move(a));
  return r.tf + r.tf_json + r.tfvars > 0;
}

// JSON by content: state or show -json has "format_version", "version" or "resources"; an
// inventory has "assets"; JSON configuration has top-level block types ("resource" ...).
bool read_json(const std::string& name, std::string_view text, bool state_only, const TerraformOptions& opt,
               InputsRead& out) {
  auto has = [&](std::string_view key) { return text.find(key) != std::string_view::npos; };
  bool terraform_json = state_only || has("\"format_version\"") || has("\"resources\"");
  if (!terraform_json && has("\"assets\"")) {
    auto mem = core::Input::from_memory(name, text);
    if (!mem) return add(mem.error(), out);
    return add(read_inventory_json(*mem), out);
  }
  bool configuration = has("\"resource\"") || has("\"provider\"") || has("\"terraform\"") || has("\"variable\"") ||
                       has("\"module\"") || has("\"locals\"") || has("\"data\"") || has("\"output\"");
  if (!terraform_json && !has("\"version\"") && configuration) {
    auto f = parse_terraform_json_config(name, text);
    if (!f) return add(f.error(), out);
    std::vector<hcl::File> files;
    files.push_back(std::move(*f));
    return add(terraform_assets(files, {}, opt), out);
  }
  auto mem = core::Input::from_memory(name, text);
  if (!mem) return add(mem.error(), out);
  return add(read_terraform_json(*mem, opt), out);
}

// Standard input, by content: JSON ('{' or '[' first) as above; text whose first line (after
// comments) has '=' or '{' is HCL; else a CSV inventory.
bool read_stdin(const TerraformOptions& opt, InputsRead& out) {
  auto in = core::Input::open("-");
  if (!in) return add(in.error(), out);
  auto text = in->read_all(core::json::kMaxBytes);
  if (!text) return add(text.error(), out);
  const std::string name = in->name();
  size_t k = text->find_first_not_of(" \t\r\n");
  if (k != std::string::npos && ((*text)[k] == '{' || (*text)[k] == '['))
    return read_json(name, *text, false, opt, out);
  std::string_view rest = *text;
  std::string_view first;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string_view::npos || line[b] == '#' || line.substr(b, 2) == "//") continue;
    first = line;
    break;
  }
  if (first.find('=') != std::string_view::npos || first.find('{') != std::string_view::npos) {
    auto f = hcl::parse_hcl(name, *text);
    if (!f) return add(f.error(), out);
    std::vector<hcl::File> files;
    files.push_back(std::move(*f));
    return add(terraform_assets(files, {}, opt), out);
  }
  auto mem = core::Input::from_memory(name, *text);
  if (!mem) return add(mem.error(), out);
  return add(read_inventory_csv(std::move(*mem)), out);
}

bool read_directory(const std::string& path, const TerraformOptions& opt, InputsRead& out) {
  std::vector<std::string> files;
  size_t skipped = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (it->is_directory()) {
      if (!name.empty() && name[0] == '.') it.disable_recursion_pending();  // .terraform, .git
      continue;
    }
    if (!it->is_regular_file()) continue;
    ConfigFile kind = config_file_kind(name);
    bool tfvars = kind == ConfigFile::kTfvars || kind == ConfigFile::kTfvarsJson;
    if (kind == ConfigFile::kNone || (tfvars && !auto_loaded_tfvars(name)))
      ++skipped;
    else
      files.push_back(it->path().string());
  }
  if (ec) return add(core::Error(core::SourcePos(path), "a readable directory", ec.message()), out);
  if (files.empty())
    return add(core::Error(core::SourcePos(path), "a directory with Terraform files (.tf, .tf.json)",
                           "none" + (skipped ? " (skipped " + std::to_string(skipped) + " other files)" : "")),
               out);
  std::sort(files.begin(), files.end());
  TerraformRead r = read_terraform_config(files, opt);
  size_t read = r.tf + r.tf_json + r.tfvars, refused = r.errors.size();
  if (skipped || refused)
    out.notes.push_back(path + ": read " + std::to_string(read) + " files (.tf " + std::to_string(r.tf) +
                        ", .tf.json " + std::to_string(r.tf_json) + ", tfvars " + std::to_string(r.tfvars) +
                        "), refused " + std::to_string(refused) + ", skipped " + std::to_string(skipped) +
                        " (not Terraform)");
  return add(std::move(r), out);
}

bool read_path(const std::string& path, const TerraformOptions& opt, InputsRead& out) {
  if (path == "-") return read_stdin(opt, out);
  std::error_code ec;
  auto st = fs::status(path, ec);
  if (ec || !fs::exists(st))
    return add(core::Error(core::SourcePos(path), "a Terraform file or directory, a state, a plan or an inventory",
                           "no such file"),
               out);
  if (fs::is_directory(st)) return read_directory(path, opt, out);
  if (config_file_kind(path) != ConfigFile::kNone) return add(read_terraform_config({path}, opt), out);
  auto in = core::Input::open(path);
  if (!in) return add(in.error(), out);
  if (path.ends_with(".csv") || path.ends_with(".csv.gz")) return add(read_inventory_csv(std::move(*in)), out);
  auto text = in->read_all(core::json::kMaxBytes);
  if (!text) return add(text.error(), out);
  return read_json(path, *text, path.ends_with(".tfstate"), opt, out);
}

}  // namespace

InputsRead read_assets(const std::vector<std::string>& paths, const TerraformOptions& opt) {
  InputsRead out;
  for (const std::string& p : paths)
    if (read_path(p, opt, out)) ++out.inputs_read;
  return out;
}

}  // namespace cleannet::cloud
