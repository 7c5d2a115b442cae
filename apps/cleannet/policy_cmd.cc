#include "policy_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/report/registry_json.h"
#include "context.h"

namespace cleannet::cli {

namespace {

int show_policy(const std::string& name, const std::string& format) {
  auto p = trust::load_policy(name);
  if (!p) {
    print_error(p.error());
    return kExitInputError;
  }
  if (format == "json") {
    std::cout << report::policy_to_json(*p).dump(2) << "\n";
    return kExitClean;
  }
  std::string s = p->name + ": " + p->title + "\n";
  if (!p->source_url.empty()) s += "  source: " + p->source_url + "\n";
  if (!p->description.empty()) s += "  " + p->description + "\n";
  s += "  unknown status: " + std::string(trust::action_name(p->unknown)) +
       (p->ignore_unverified ? "; unverified designations are ignored\n" : "; unverified designations count\n");
  s += "  rules (first match wins):\n";
  for (const auto& r : p->rules) {
    s += "    " + r.id + ": " + trust::action_name(r.action) + " " + trust::status_name(r.status) + " on line " + r.line +
         ", traffic " + r.traffic_class + ", segment " + r.segment + "\n      " + r.cite + "\n";
  }
  s += "  otherwise: untrusted deny, unknown " + std::string(trust::action_name(p->unknown)) + ", trusted allow\n";
  std::cout << s;
  return kExitClean;
}

}  // namespace

void add_policy_commands(CLI::App& app, int& result) {
  CLI::App* pol = app.add_subcommand("policy", "Trust policies: what each status gets, by line, traffic class and segment");
  pol->require_subcommand(1);

  struct ShowOpts {
    std::string name;
    std::string format = "text";
  };
  auto so = std::make_shared<ShowOpts>();
  CLI::App* show = pol->add_subcommand("show", "Show a bundled policy (clean-network, eu-toolbox) or a policy file");
  show->add_option("name", so->name, "Policy name or TOML file")->required();
  show->add_option("--format", so->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  show->callback([so, &result] { result = show_policy(so->name, so->format); });

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
