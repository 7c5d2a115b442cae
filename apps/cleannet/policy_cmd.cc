#include "policy_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/report/registry_json.h"
#include "cleannet/trust/judge.h"
#include "context.h"

namespace cleannet::cli {

namespace {

// "traffic diplomatic: deny CN-PATH-DIPLOMATIC-UNKNOWN, violates; otherwise warn by default"
std::string cases_text(const std::vector<trust::LineCase>& cases) {
  std::string s;
  for (size_t i = 0; i < cases.size(); ++i) {
    const trust::LineCase& c = cases[i];
    if (i) s += "; ";
    std::string when;
    if (c.rule && c.rule->traffic_class != "*") when += "traffic " + c.rule->traffic_class;
    if (c.rule && c.rule->segment != "*") when += (when.empty() ? "" : ", ") + ("segment " + c.rule->segment);
    if (!when.empty())
      s += when + ": ";
    else if (i)
      s += "otherwise ";
    s += std::string(trust::action_name(c.action)) + (c.rule ? " " + c.rule->id : " by default");
    if (c.violates) s += ", violates";
  }
  return s;
}

// One row per line and status: what the policy decides there, and whether that counts as a
// violation (trust/judge.h), the same for every command that judges the line.
std::string lines_text(const trust::Policy& p) {
  std::string s = p.name + ": decisions by line and status (\"violates\": the finding counts against the policy)\n";
  for (trust::Line l : trust::kLines)
    for (trust::Status st : {trust::Status::kUntrusted, trust::Status::kUnknown, trust::Status::kTrusted}) {
      std::string head = trust::line_name(l);
      head.resize(10, ' ');
      std::string status = trust::status_name(st);
      status.resize(11, ' ');
      s += "  " + head + status + cases_text(trust::line_cases(p, l, st)) + "\n";
    }
  return s;
}

int show_policy(const std::string& name, const std::string& format, bool lines) {
  auto p = trust::load_policy(name);
  if (!p) {
    print_error(p.error());
    return kExitInputError;
  }
  if (lines) {
    std::cout << lines_text(*p);
    return kExitClean;
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
    s += "    " + r.id + ": " + trust::action_name(r.action) + " " + trust::status_name(r.status) + " on line " +
         std::string(r.line_text()) + ", traffic " + r.traffic_class + ", segment " + r.segment + "\n      " + r.cite +
         "\n";
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
