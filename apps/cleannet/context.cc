#include "context.h"

#include <cstdlib>
#include <filesystem>
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

std::unique_ptr<Context> load_context(const CommonOptions& o, bool need_ieee) {
  // Heap-allocated: the resolver keeps references into the registry, which must not move.
  auto ctx = std::make_unique<Context>();
  Context& c = *ctx;
  if (!o.as_of.empty()) {
    auto d = core::Date::parse(o.as_of);
    if (!d) {
      print_error(core::Error(core::SourcePos("--as-of"), "a date YYYY-MM-DD", core::quote_found(o.as_of)));
      return nullptr;
    }
    c.status_options.as_of = *d;
  }
  auto reg = trust::load_registry(o.registries, !o.no_bundled);
  if (!reg) {
    print_error(reg.error());
    return nullptr;
  }
  c.registry = std::move(*reg);
  auto pol = trust::load_policy(o.policy);
  if (!pol) {
    print_error(pol.error());
    return nullptr;
  }
  c.policy = std::move(*pol);
  c.status_options.ignore_unverified = c.policy.ignore_unverified;
  c.status_options.ownership = c.policy.ownership;
  if (need_ieee && !o.no_ieee) {
    std::string dir = o.ieee_dir;
    bool explicit_dir = !dir.empty();
    if (dir.empty()) {
      const char* env = std::getenv("CLEANNET_IEEE_DATA");
      dir = env && *env ? env : trust::IeeeOuiRegistry::kDefaultDir;
      explicit_dir = env && *env;
    }
    if (!explicit_dir && !std::filesystem::exists(dir + "/oui.csv")) {
      c.ieee_note = "IEEE registry not found at " + dir +
                    " (install Debian's ieee-data); MACs resolve only through registry OUIs";
    } else if (!std::filesystem::exists(dir + "/oui.csv")) {
      print_error(core::Error(core::SourcePos(dir + "/oui.csv"), "the IEEE MA-L registry (Debian package ieee-data)",
                              "no such file"));
      return nullptr;
    } else {
      c.ieee_dir = dir;
    }
  }
  // The IEEE files are read on the first MAC lookup only: most runs never need them.
  Context* cp = &c;
  c.resolver = std::make_unique<trust::Resolver>(c.registry, [cp]() -> const trust::IeeeOuiRegistry* {
    if (cp->ieee_dir.empty()) return nullptr;
    auto ieee = trust::IeeeOuiRegistry::load_dir(cp->ieee_dir);
    if (!ieee) {
      cp->ieee_error = ieee.error();
      return nullptr;
    }
    cp->ieee = std::make_unique<trust::IeeeOuiRegistry>(std::move(*ieee));
    return cp->ieee.get();
  });
  return ctx;
}

}  // namespace cleannet::cli
