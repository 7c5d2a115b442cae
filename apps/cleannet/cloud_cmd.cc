// `cleannet cloud check PATH...`: Clean Cloud (cloud/run.h) on Terraform and inventories.
#include "cloud_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/cloud/run.h"
#include "cleannet/report/check_report.h"
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
  cloud::CloudInputs in;
  in.paths = o.paths;
  in.terraform.data_class_tag = o.data_class_tag;
  in.check.assume_data_class = o.assume_data_class;
  in.resolver = c->resolver.get();
  in.policy = &c->policy;
  in.status_options = c->status_options;
  report::CheckReport r = cloud::run_check(in);
  report::print_check_report(std::cout, std::cerr, output_format(o.common.format), r, "cleannet cloud check");
  return report::exit_code(r);
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
