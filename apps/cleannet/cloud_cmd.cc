#include "cloud_cmd.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cleannet/cloud/check.h"
#include "cleannet/cloud/inventory.h"
#include "cleannet/cloud/terraform.h"
#include "cleannet/netmodel/native_json.h"
#include "cleannet/report/render.h"
#include "context.h"

namespace cleannet::cli {

namespace {

namespace fs = std::filesystem;

struct CloudOptions {
  CommonOptions common;
  std::vector<std::string> paths;
  std::string data_class_tag = "data_class";
  std::string assume_data_class;
};

bool ends_with(const std::string& s, std::string_view x) {
  return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}

// Compressed copies (.tf.gz) count too: the bundled examples in data/ are gzipped.
std::string without_gz(const std::string& name) {
  return ends_with(name, ".gz") ? name.substr(0, name.size() - 3) : name;
}
bool is_tfvars(const std::string& name) {
  std::string n = without_gz(name);
  return n == "terraform.tfvars" || ends_with(n, ".auto.tfvars");
}
bool is_tf(const std::string& name) { return ends_with(without_gz(name), ".tf"); }

bool append_assets(core::Result<std::vector<cloud::Asset>> r, std::vector<cloud::Asset>& out) {
  if (!r) {
    print_error(r.error());
    return false;
  }
  for (auto& a : *r) out.push_back(std::move(a));
  return true;
}

// Standard input, by content: JSON ('{' or '[' first) is an inventory when it has "assets",
// else Terraform's; text whose first line (after comments) has '=' or '{' is HCL; else CSV.
bool read_stdin(const cloud::TerraformOptions& topt, std::vector<cloud::Asset>& out) {
  auto in = core::Input::open("-");
  if (!in) {
    print_error(in.error());
    return false;
  }
  auto text = in->read_all(netmodel::kMaxJsonBytes);
  if (!text) {
    print_error(text.error());
    return false;
  }
  const std::string name = in->name();
  auto mem = core::Input::from_memory(name, *text);
  if (!mem) {
    print_error(mem.error());
    return false;
  }
  size_t k = text->find_first_not_of(" \t\r\n");
  if (k != std::string::npos && ((*text)[k] == '{' || (*text)[k] == '[')) {
    if (text->find("\"assets\"") != std::string::npos && text->find("\"format_version\"") == std::string::npos &&
        text->find("\"resources\"") == std::string::npos)
      return append_assets(cloud::read_inventory_json(*mem), out);
    return append_assets(cloud::read_terraform_json(*mem, topt), out);
  }
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
    auto f = cloud::hcl::parse_hcl(name, *text);
    if (!f) {
      print_error(f.error());
      return false;
    }
    std::vector<cloud::hcl::File> files;
    files.push_back(std::move(*f));
    return append_assets(cloud::terraform_assets(files, {}, topt), out);
  }
  return append_assets(cloud::read_inventory_csv(std::move(*mem)), out);
}

// Reads one PATH argument into assets: a directory's .tf files (walked recursively in
// sorted order, hidden directories such as .terraform skipped) with their tfvars; a .tf or
// .tfvars file; a .tfstate; a .csv inventory; a .json that is an inventory ("assets") or
// Terraform show -json / state output.
bool read_path(const std::string& path, const cloud::TerraformOptions& topt, std::vector<cloud::Asset>& out) {
  if (path == "-") return read_stdin(topt, out);
  std::error_code ec;
  auto st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    print_error(core::Error(core::SourcePos(path), "a Terraform file or directory, a state, a plan or an inventory",
                            "no such file"));
    return false;
  }
  auto append = [&](core::Result<std::vector<cloud::Asset>> r) {
    if (!r) {
      print_error(r.error());
      return false;
    }
    for (auto& a : *r) out.push_back(std::move(a));
    return true;
  };
  if (fs::is_directory(st)) {
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (it->is_directory() && !name.empty() && name[0] == '.') {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && (is_tf(name) || is_tfvars(name))) files.push_back(it->path().string());
    }
    if (ec) {
      print_error(core::Error(core::SourcePos(path), "a readable directory", ec.message()));
      return false;
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      print_error(core::Error(core::SourcePos(path), "a directory with .tf files", "none"));
      return false;
    }
    return append(cloud::read_terraform_files(files, topt));
  }
  if (is_tf(path) || ends_with(without_gz(path), ".tfvars")) return append(cloud::read_terraform_files({path}, topt));
  auto in = core::Input::open(path);
  if (!in) {
    print_error(in.error());
    return false;
  }
  if (ends_with(path, ".csv") || ends_with(path, ".csv.gz")) return append(cloud::read_inventory_csv(std::move(*in)));
  // JSON: an inventory has "assets"; everything else is Terraform's.
  auto text = in->read_all(netmodel::kMaxJsonBytes);
  if (!text) {
    print_error(text.error());
    return false;
  }
  auto mem = core::Input::from_memory(path, *text);
  if (!mem) {
    print_error(mem.error());
    return false;
  }
  bool inventory = !ends_with(path, ".tfstate") && text->find("\"assets\"") != std::string::npos &&
                   text->find("\"format_version\"") == std::string::npos &&
                   text->find("\"resources\"") == std::string::npos;
  if (inventory) return append(cloud::read_inventory_json(*mem));
  return append(cloud::read_terraform_json(*mem, topt));
}

int run_check(const CloudOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  if (o.data_class_tag.empty()) {
    print_error(core::Error(core::SourcePos("--data-class-tag"), "a tag or label name", "an empty name"));
    return kExitInputError;
  }
  auto catalog = cloud::ProviderCatalog::bundled();
  if (!catalog) {
    print_error(catalog.error());
    return kExitInputError;
  }
  cloud::TerraformOptions topt;
  topt.data_class_tag = o.data_class_tag;
  std::vector<cloud::Asset> assets;
  for (const std::string& p : o.paths)
    if (!read_path(p, topt, assets)) return kExitInputError;
  cloud::CheckOptions copt;
  copt.assume_data_class = o.assume_data_class;
  auto kinds = cloud::ResourceKinds::bundled();
  if (!kinds) {
    print_error(kinds.error());
    return kExitInputError;
  }
  cloud::CloudCheck check(*catalog, *kinds, *c->resolver, c->policy, c->status_options, copt);
  for (const cloud::Asset& a : assets) check.add(a);
  auto findings = check.findings();
  print_check_report(
      o.common.format, findings, "cleannet cloud check",
      [&] {
        report::Json j = check.json();
        j["as_of"] = c->status_options.as_of.to_string();
        return j;
      },
      [&] {
        std::cout << check_title("cloud check", o.paths, *c);
        for (const auto& f : findings) std::cout << report::render_finding_text(f);
        std::cout << check.summary_text();
      });
  return check.violations() ? kExitViolations : kExitClean;
}

}  // namespace

void add_cloud_commands(CLI::App& app, int& result) {
  CLI::App* cloud = app.add_subcommand("cloud", "Clean Cloud: sensitive data stored or processed on untrusted clouds");
  cloud->require_subcommand(1);
  auto o = std::make_shared<CloudOptions>();
  CLI::App* check = cloud->add_subcommand(
      "check",
      "Judge the cloud assets of Terraform configuration, state, plans and inventories by data class and provider");
  check
      ->add_option(
          "paths", o->paths,
          "Terraform .tf file or directory (walked), .tfstate, terraform show -json output, inventory .csv/.json; "
          "- reads standard input (format by content)")
      ->required();
  check->add_option("--data-class-tag", o->data_class_tag, "Tag or label that holds a resource's data class")
      ->capture_default_str();
  check->add_option(
      "--assume-data-class", o->assume_data_class,
      "Data class for resources that carry no data class tag and whose type holds or processes data by the "
      "data-class table (data/cloud/resource-kinds; default: not judged)");
  add_common_options(check, o->common, {"text", "json", "sarif"});
  check->callback([o, &result] { result = run_check(*o); });
}

}  // namespace cleannet::cli
