#include "cleannet/trust/mac_attribution.h"

#include "cleannet/core/text.h"

namespace cleannet::trust {

MacAttribution attribute_mac(const Resolver& r, const Oui& mac, bool locally_administered,
                             const std::vector<std::string>& scan_vendors) {
  MacAttribution out;
  Identifier id;
  id.kind = IdentifierKind::kMac;
  id.mac = mac;
  std::optional<Match> m = r.resolve(id);
  const IeeeOuiRegistry* ieee = r.ieee();
  const IeeeAssignment* a = ieee ? ieee->lookup(mac) : nullptr;
  if (a && IeeeOuiRegistry::is_registration_authority(*a)) {
    out.ra_parent = a;
    a = nullptr;
  }
  out.ieee = a;
  if (!ieee)
    out.unknown_reason = "no IEEE data";
  else if (out.ra_parent)
    out.unknown_reason = "MA-L " + out.ra_parent->oui.to_string() + " is registered to " +
                         IeeeOuiRegistry::kRegistrationAuthority +
                         ", which sub-assigns MA-M/MA-S blocks; block not in " + ieee->describe();
  else if (!a)
    out.unknown_reason = "no IEEE assignment in " + ieee->describe();

  bool registry_oui = m && m->how == "oui";
  if (locally_administered && !a && !registry_oui) {
    out.attributable = false;
    return out;
  }
  // An IEEE match through the RA's parent MA-L would name the RA, not the maker.
  if (m && (registry_oui || a)) {
    out.match = std::move(m);
    return out;
  }
  for (const std::string& v : scan_vendors) {
    auto nm = r.resolve_name(v);
    if (!nm) continue;
    Match s;
    s.org = nm->org;
    s.kind = IdentifierKind::kMac;
    s.how = "scan-vendor";
    s.confidence = nm->confidence * kScanVendorWeight;
    s.matched = std::string(core::trim(v));
    s.via =
        nm->how + " match of the scan's vendor name (secondary evidence: " +
        (a ? a->registry + " " + a->oui.to_string() + " registrant \"" + a->organisation + "\" is not in the registry"
           : out.unknown_reason) +
        ")";
    s.identifier_verified = false;
    out.match = std::move(s);
    break;
  }
  return out;
}

}  // namespace cleannet::trust
