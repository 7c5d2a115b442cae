// Resolver: from any identifier to the organisation behind it, and how it matched.
//
// Every index is a hash map or a per-length table, so a lookup costs the same whatever
// the registry's size: ASNs and certificates by exact key; IP prefixes by longest-prefix
// match, then the origin AS of the longest announced prefix (announced.h, derived data); MAC addresses by the registry's own OUIs, then the IEEE registry, whose
// registrant name is resolved like any other name; domains by suffix (label by label);
// packages and SDK class names by prefix (segment by segment); names by id, exact name or
// alias, normalised name (normalise_name), then the longest name or alias that is a
// whole-word prefix of the name (one-word aliases only when they begin the legal name).
//
//   Resolver r(registry, &ieee);
//   auto m = r.resolve(*parse_identifier("oss-cn-hangzhou.aliyuncs.com"));
//   // m->org = alibaba-cloud, m->how = "domain-suffix", m->matched = "aliyuncs.com"
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cleannet/core/ipaddr.h"
#include "cleannet/trust/announced.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/trust/ieee_oui.h"
#include "cleannet/trust/registry.h"

namespace cleannet::trust {

struct Match {
  OrganisationId org;
  IdentifierKind kind = IdentifierKind::kName;
  // asn, prefix, oui, ieee-oui, domain, domain-suffix, package, package-prefix,
  // sdk-prefix, certificate, id, name, alias, normalised, name-prefix; scan-vendor (see
  // mac_attribution.h)
  std::string how;
  double confidence = 1.0;
  std::string matched;              // the registry key that matched: "AS4134", "aliyuncs.com", ...
  std::string via;                  // for MACs: the IEEE assignment and registrant that led to the name
  bool identifier_verified = true;  // false when the matching identifier kind is marked unverified
};

// How a name matched: the building block the IEEE attribution reuses.
struct NameMatch {
  OrganisationId org;
  std::string how;
  double confidence;
  std::string matched;
};

// A name match as a Match of kind name: the form the checks keep as evidence. A name
// carries no identifier kind that the registry can mark unverified, so it stays verified.
Match to_match(const NameMatch& nm);

class Resolver {
 public:
  // Both must outlive the resolver. `ieee` may be null (MACs then resolve only through
  // the registry's own OUIs).
  explicit Resolver(const Registry& reg, const IeeeOuiRegistry* ieee = nullptr);
  // The IEEE registry is asked for on the first MAC lookup only: attributing its ~46,000
  // assignments costs more than a whole run of non-MAC lookups. The source may return null.
  Resolver(const Registry& reg, std::function<const IeeeOuiRegistry*()> ieee_source);

  std::optional<Match> resolve(const Identifier& id) const;

  // Addresses no registry prefix covers are resolved through announced prefixes (the
  // origin AS of the longest one, then its organisation): by default the bundled table
  // (announced.h), read on the first such lookup; null turns this off. Must outlive the
  // resolver.
  void set_announced(const AnnouncedPrefixes* table) {
    announced_ = table;
    bundled_announced_ = false;
  }
  std::optional<NameMatch> resolve_name(std::string_view name) const;

  const Registry& registry() const { return reg_; }
  const IeeeOuiRegistry* ieee() const;

 private:
  std::optional<Match> resolve_dotted(const Identifier& id, IdentifierKind kind) const;
  std::optional<Match> resolve_mac(const Identifier& id) const;
  Match make(OrganisationId org, IdentifierKind kind, std::string how, double conf, std::string matched,
             const char* id_kind) const;

  void attribute_ieee() const;
  std::optional<Match> resolve_announced(const core::Prefix& address) const;

  const Registry& reg_;
  std::function<const IeeeOuiRegistry*()> ieee_source_;
  mutable std::once_flag ieee_once_;
  mutable const IeeeOuiRegistry* ieee_ = nullptr;
  const AnnouncedPrefixes* announced_ = nullptr;
  bool bundled_announced_ = true;
  std::unordered_map<uint32_t, OrganisationId> asn_;
  core::PrefixTable<OrganisationId> prefixes_;
  std::unordered_map<uint64_t, OrganisationId> ouis_[3];  // 24, 28, 36 bits
  // Keyed by views of the registry's own strings (the registry outlives the resolver): no copy
  // of each key at construction, and lookups probe with a string_view.
  std::unordered_map<std::string_view, OrganisationId> domains_, packages_, sdks_, certs_, ids_;
  std::unordered_map<std::string, OrganisationId> normalised_names_;
  // Normalised names that may match as a whole-word prefix of a longer name.
  std::unordered_map<std::string, OrganisationId> prefix_names_;
  std::unordered_map<std::string, std::pair<OrganisationId, bool>> exact_is_alias_;
  // IEEE registrant name -> resolved organisation (or none), computed once per name.
  mutable std::vector<std::optional<NameMatch>> ieee_org_;
};

}  // namespace cleannet::trust
