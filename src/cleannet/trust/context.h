// What every check reads before its own inputs: the registry (bundled and layered files),
// the policy, the status options (as-of date, the policy's treatment of unverified facts and
// ownership), and the resolver over them, with the IEEE MAC registry read on the first MAC
// lookup only. One loader for the commands and for `audit run`.
//
//   ContextOptions o;  o.registries = {"acme-vendors.toml"};  o.policy = "eu-toolbox";
//   auto c = load_context(o);                // heap-allocated: the resolver points into it
//   if (!c) { std::cerr << c.error().message(); return 2; }
//   (*c)->resolver->resolve_asn(4134);
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/trust/ieee_oui.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::trust {

struct ContextOptions {
  std::string as_of;                     // YYYY-MM-DD; empty: today
  std::string as_of_source = "--as-of";  // where as_of was given, for its error
  std::vector<std::string> registries;   // layered over the bundled registry, in order
  bool bundled = true;
  std::string policy = "clean-network";  // a bundled policy name or a policy file
  bool need_ieee = false;                // MAC addresses may be looked up
  // The IEEE registry folder; empty: $CLEANNET_IEEE_DATA, else Debian's /usr/share/ieee-data
  // when it is there (its absence is then a note, not an error).
  std::string ieee_dir;
  bool no_ieee = false;
};

struct Context {
  Registry registry;
  std::unique_ptr<IeeeOuiRegistry> ieee;
  std::unique_ptr<Resolver> resolver;
  Policy policy;
  StatusOptions status_options;
  std::string ieee_note;                  // why IEEE data is absent, when it is
  std::string ieee_dir;                   // loaded on the first MAC lookup (see Resolver)
  std::optional<core::Error> ieee_error;  // set when that load failed: the run is an input error
};

core::Result<std::unique_ptr<Context>> load_context(const ContextOptions& o);

}  // namespace cleannet::trust
