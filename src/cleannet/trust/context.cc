#include "cleannet/trust/context.h"

#include <cstdlib>
#include <filesystem>

#include "cleannet/core/date.h"

namespace cleannet::trust {

core::Result<std::unique_ptr<Context>> load_context(const ContextOptions& o) {
  auto ctx = std::make_unique<Context>();
  Context& c = *ctx;
  if (!o.as_of.empty()) {
    auto d = core::Date::parse(o.as_of);
    if (!d) return core::Error(core::SourcePos(o.as_of_source), "a date YYYY-MM-DD", core::quote_found(o.as_of));
    c.status_options.as_of = *d;
  }
  auto reg = load_registry(o.registries, o.bundled);
  if (!reg) return reg.error();
  c.registry = std::move(*reg);
  auto pol = load_policy(o.policy);
  if (!pol) return pol.error();
  c.policy = std::move(*pol);
  c.status_options.ignore_unverified = c.policy.ignore_unverified;
  c.status_options.ownership = c.policy.ownership;
  if (o.need_ieee && !o.no_ieee) {
    std::string dir = o.ieee_dir;
    bool explicit_dir = !dir.empty();
    if (dir.empty()) {
      const char* env = std::getenv("CLEANNET_IEEE_DATA");
      dir = env && *env ? env : IeeeOuiRegistry::kDefaultDir;
      explicit_dir = env && *env;
    }
    if (!explicit_dir && !std::filesystem::exists(dir + "/oui.csv")) {
      c.ieee_note = "IEEE registry not found at " + dir +
                    " (install Debian's ieee-data); MACs resolve only through registry OUIs";
    } else if (!std::filesystem::exists(dir + "/oui.csv")) {
      return core::Error(core::SourcePos(dir + "/oui.csv"), "the IEEE MA-L registry (Debian package ieee-data)",
                         "no such file");
    } else {
      c.ieee_dir = dir;
    }
  }
  // The IEEE files are read on the first MAC lookup only: most runs never need them.
  Context* cp = &c;
  c.resolver = std::make_unique<Resolver>(c.registry, [cp]() -> const IeeeOuiRegistry* {
    if (cp->ieee_dir.empty()) return nullptr;
    auto ieee = IeeeOuiRegistry::load_dir(cp->ieee_dir);
    if (!ieee) {
      cp->ieee_error = ieee.error();
      return nullptr;
    }
    cp->ieee = std::make_unique<IeeeOuiRegistry>(std::move(*ieee));
    return cp->ieee.get();
  });
  return ctx;
}

}  // namespace cleannet::trust
