#include "cloud_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/cloud/check.h"
#include "cleannet/cloud/inputs.h"
#include "cleannet/report/render.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct CloudOptions {
  CommonOptions common;
  std::vector<std::string> paths;
  std::string data_class_tag = "data_class";
  std::string assume_data_class;
};

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
  cloud::InputsRead inputs = cloud::read_cloud_inputs(o.paths, topt);
  for (const core::Error& e : inputs.errors) print_error(e);
  for (const std::string& n : inputs.notes) std::cerr << n << '\n';
  if (inputs.inputs_read == 0) return kExitInputError;
  cloud::CheckOptions copt;
  copt.assume_data_class = o.assume_data_class;
  auto kinds = cloud::ResourceKinds::bundled();
  if (!kinds) {
    print_error(kinds.error());
    return kExitInputError;
  }
  cloud::CloudCheck check(*catalog, *kinds, *c->resolver, c->policy, c->status_options, copt);
  for (const cloud::Asset& a : inputs.assets) check.add(a);
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
  // The readable inputs are reported; an unreadable one still fails the run.
  if (!inputs.errors.empty()) return kExitInputError;
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
          "Terraform .tf or .tf.json file or directory (walked), .tfstate, terraform show -json output, inventory "
          ".csv/.json; "
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
