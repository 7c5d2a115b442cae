#include "policy_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/report/registry_json.h"
#include "context.h"

namespace cleannet::cli {

namespace {

int show_policy(const std::string& name, const std::string& format, bool lines) {
  auto p = trust::load_policy(name);
  if (!p) {
    print_error(p.error());
    return kExitInputError;
  }
  if (lines) {
    std::cout << report::policy_lines_text(*p);
    return kExitClean;
  }
  if (format == "json") {
    std::cout << report::policy_to_json(*p).dump(2) << "\n";
    return kExitClean;
  }
  std::cout << report::policy_text(*p);
  return kExitClean;
}

}  // namespace

void add_policy_commands(CLI::App& app, int& result) {
  CLI::App* pol =
      app.add_subcommand("policy", "Trust policies: what each status gets, by line, traffic class and segment");
  pol->require_subcommand(1);

  struct ShowOpts {
    std::string name;
    std::string format = "text";
    bool lines = false;
  };
  auto so = std::make_shared<ShowOpts>();
  CLI::App* show = pol->add_subcommand("show", "Show a bundled policy (clean-network, eu-toolbox) or a policy file");
  show->add_option("name", so->name, "Policy name or TOML file")->required();
  show->add_option("--format", so->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  show->add_flag("--lines", so->lines, "Per line of effort and status: the decision and whether it is a violation");
  show->callback([so, &result] { result = show_policy(so->name, so->format, so->lines); });

  CLI::App* list = pol->add_subcommand("list", "List the bundled policies");
  list->callback([&result] {
    for (const auto& n : trust::bundled_policy_names()) {
      auto p = trust::load_policy(n);
      std::cout << n << ": " << (p ? p->title : std::string("(failed to load)")) << "\n";
    }
    result = kExitClean;
  });
}

}  // namespace cleannet::cli
