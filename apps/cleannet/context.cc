#include "context.h"

#include <iostream>

#include "cleannet/core/input.h"

namespace cleannet::cli {

// Compiler-style "file:line:col: expected X, found Y", so editors can jump to the place.
void print_error(const core::Error& e) { std::cerr << e.message() << "\n"; }

report::Format output_format(const std::string& format) {
  return report::parse_format(format).value_or(report::Format::kText);
}

void add_common_options(CLI::App* app, CommonOptions& o, const std::vector<std::string>& formats, bool with_policy) {
  app->add_option("--format", o.format, "Output format")->check(CLI::IsMember(formats))->capture_default_str();
  app->add_option("--as-of", o.as_of, "Answer as of this date (YYYY-MM-DD); default today");
  app->add_option("--registry", o.registries,
                  "Registry file layered over the bundled one (repeatable; later files override earlier ones)")
      ->allow_extra_args(false);
  app->add_flag("--no-bundled", o.no_bundled, "Do not load the bundled registry");
  if (with_policy)
    app->add_option("--policy", o.policy, "Policy: clean-network, eu-toolbox, or a policy TOML file")
        ->capture_default_str();
  app->add_option(
      "--ieee-data", o.ieee_dir,
      "Directory with IEEE oui.csv/mam.csv/oui36.csv (default $CLEANNET_IEEE_DATA or /usr/share/ieee-data)");
  app->add_flag("--no-ieee-data", o.no_ieee, "Do not load the IEEE MAC address registry");
}

trust::ContextOptions context_options(const CommonOptions& o, bool need_ieee) {
  trust::ContextOptions t;
  t.as_of = o.as_of;
  t.registries = o.registries;
  t.bundled = !o.no_bundled;
  t.policy = o.policy;
  t.need_ieee = need_ieee;
  t.ieee_dir = o.ieee_dir;
  t.no_ieee = o.no_ieee;
  return t;
}

std::unique_ptr<Context> load_context(const CommonOptions& o, bool need_ieee) {
  return load_trust_context(context_options(o, need_ieee));
}

std::unique_ptr<Context> load_trust_context(const trust::ContextOptions& t) {
  auto c = trust::load_context(t);
  if (!c) {
    print_error(c.error());
    return nullptr;
  }
  return std::move(*c);
}

}  // namespace cleannet::cli
