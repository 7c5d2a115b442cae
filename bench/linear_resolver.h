// LinearResolver: the naive peer that bench/lookup_bench.cc measures trust::Resolver
// against. It gives the same answers (the benchmark checks this before timing) but keeps no
// index: every lookup walks the registry's organisations, and for MAC addresses every IEEE
// assignment, from the start.
//
//   ASN, certificate   exact compare against every organisation's list
//   IP address         longest prefix among all prefixes that contain the address, else the
//                      longest bundled announced prefix, then the organisation of its origin AS
//   MAC address        longest registry OUI covering it, else longest IEEE assignment, whose
//                      registrant name is then resolved like a name (below), per query
//   domain             longest registry domain equal to it or a label suffix of it
//   package            longest registry package or SDK prefix that is a segment prefix of it
//   name               id, then case-folded name/alias, then normalise_name() of every
//                      registry name and alias, computed per query (nothing is cached),
//                      equal or else the longest whole-word prefix
//
// The match rules mirror src/cleannet/trust/resolver.cc exactly, including the order in
// which ties are broken, so that only the data structure differs.
#pragma once

#include <optional>
#include <utility>
#include <string>
#include <string_view>

#include "cleannet/core/ipaddr.h"
#include "cleannet/core/text.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/trust/ieee_oui.h"
#include "cleannet/trust/names.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"

namespace cleannet::bench {

class LinearResolver {
 public:
  using Match = trust::Match;
  using NameMatch = trust::NameMatch;
  using Identifier = trust::Identifier;
  using IdentifierKind = trust::IdentifierKind;
  using OrganisationId = trust::OrganisationId;

  explicit LinearResolver(const trust::Registry& reg, const trust::IeeeOuiRegistry* ieee = nullptr)
      : reg_(reg), ieee_(ieee) {}

  std::optional<NameMatch> resolve_name(std::string_view name) const {
    const auto& orgs = reg_.organisations();
    std::string_view t = core::trim(name);
    for (uint32_t i = 0; i < orgs.size(); ++i)
      if (orgs[i].id == t) return NameMatch{OrganisationId{i}, "id", 1.0, std::string(t)};
    std::string folded = core::fold_ascii_lower(t);
    for (uint32_t i = 0; i < orgs.size(); ++i) {
      if (core::fold_ascii_lower(orgs[i].name) == folded)
        return NameMatch{OrganisationId{i}, "name", 1.0, std::string(t)};
      for (const auto& a : orgs[i].aliases)
        if (core::fold_ascii_lower(a) == folded) return NameMatch{OrganisationId{i}, "alias", 1.0, std::string(t)};
    }
    std::string n = trust::normalise_name(t);
    if (n.empty()) return std::nullopt;
    // One pass: an equal normalised name wins at once; otherwise keep the longest registry
    // name that is a whole-word prefix of the query (at least 3 characters, as the resolver).
    // Names always qualify as prefixes; aliases only with two words or more, or when the
    // one word is the house name that begins the normalised legal name.
    std::optional<OrganisationId> best;
    size_t best_len = 0;
    auto consider = [&](uint32_t i, const std::string& nn, bool may_prefix) -> bool {
      if (nn == n) return true;
      if (may_prefix && nn.size() >= 3 && nn.size() < n.size() && nn.size() > best_len && n[nn.size()] == ' ' &&
          n.compare(0, nn.size(), nn) == 0) {
        best = OrganisationId{i};
        best_len = nn.size();
      }
      return false;
    };
    for (uint32_t i = 0; i < orgs.size(); ++i) {
      std::string legal = trust::normalise_name(orgs[i].name);
      if (consider(i, legal, true)) return NameMatch{OrganisationId{i}, "normalised", 0.9, n};
      std::string_view house = std::string_view(legal).substr(0, legal.find(' '));
      for (const auto& a : orgs[i].aliases) {
        std::string nn = trust::normalise_name(a);
        if (consider(i, nn, nn.find(' ') != std::string::npos || nn == house))
          return NameMatch{OrganisationId{i}, "normalised", 0.9, n};
      }
    }
    if (best) return NameMatch{*best, "name-prefix", 0.7, n.substr(0, best_len)};
    return std::nullopt;
  }

  std::optional<Match> resolve(const Identifier& id) const {
    const auto& orgs = reg_.organisations();
    switch (id.kind) {
      case IdentifierKind::kAsn:
        for (uint32_t i = 0; i < orgs.size(); ++i)
          for (uint32_t a : orgs[i].identifiers.asns)
            if (a == id.asn) return make(OrganisationId{i}, id.kind, "asn", 1.0, "AS" + std::to_string(id.asn), "asns");
        return std::nullopt;
      case IdentifierKind::kIp: {
        const core::Prefix* best = nullptr;
        uint32_t best_org = 0;
        for (uint32_t i = 0; i < orgs.size(); ++i)
          for (const auto& p : orgs[i].identifiers.prefixes)
            if (p.v6 == id.prefix.v6 && p.len <= id.prefix.len && (!best || p.len > best->len) &&
                contains(p, id.prefix)) {
              best = &p;
              best_org = i;
            }
        if (best)
          return make(OrganisationId{best_org}, id.kind, "prefix", 1.0,
                      core::truncate(id.prefix, best->len).to_string(), "prefixes");
        // Then the bundled announced prefixes, scanned in full: the longest, its origin AS,
        // and the organisation holding that ASN.
        const trust::AnnouncedPrefixes& t = trust::bundled_announced();
        const std::pair<core::Prefix, uint32_t>* row = nullptr;
        for (const auto& r : t.rows)
          if (r.first.v6 == id.prefix.v6 && r.first.len <= id.prefix.len && (!row || r.first.len > row->first.len) &&
              contains(r.first, id.prefix))
            row = &r;
        if (!row) return std::nullopt;
        for (uint32_t i = 0; i < orgs.size(); ++i)
          for (uint32_t a : orgs[i].identifiers.asns)
            if (a == row->second) {
              auto m = make(OrganisationId{i}, id.kind, "announced-prefix", 0.9, row->first.to_string(), "asns");
              m.via = "AS" + std::to_string(a) + " originated it in BGP on " + t.date->to_string() + " (" + t.source +
                      "; derived, " + t.name + ")";
              return m;
            }
        return std::nullopt;
      }
      case IdentifierKind::kMac:
        return resolve_mac(id);
      case IdentifierKind::kCertificate:
        for (uint32_t i = 0; i < orgs.size(); ++i)
          for (const auto& c : orgs[i].identifiers.cert_sha256)
            if (c == id.key) return make(OrganisationId{i}, id.kind, "certificate", 1.0, id.key, "cert_sha256");
        return std::nullopt;
      case IdentifierKind::kDomain:
      case IdentifierKind::kAndroidPackage: {
        if (auto m = resolve_dotted(id, id.kind)) return m;
        if (id.also_other) {
          auto other = id.kind == IdentifierKind::kDomain ? IdentifierKind::kAndroidPackage : IdentifierKind::kDomain;
          if (auto m = resolve_dotted(id, other)) return m;
        }
        return std::nullopt;
      }
      case IdentifierKind::kName: {
        auto nm = resolve_name(id.key);
        if (!nm) return std::nullopt;
        return make(nm->org, id.kind, nm->how, nm->confidence, nm->matched, nullptr);
      }
    }
    return std::nullopt;
  }

 private:
  std::optional<Match> resolve_dotted(const Identifier& id, IdentifierKind kind) const {
    const auto& orgs = reg_.organisations();
    std::string_view key = id.key;
    if (kind == IdentifierKind::kDomain) {
      // A package read as a domain keeps its case in the key; host names compare in lower case.
      std::string lowered;
      if (id.kind != IdentifierKind::kDomain) key = lowered = core::to_lower(id.key);
      // d matches when it is the key or a suffix of it that starts after a dot.
      const std::string* best = nullptr;
      uint32_t best_org = 0;
      for (uint32_t i = 0; i < orgs.size(); ++i)
        for (const auto& d : orgs[i].identifiers.domains)
          if ((!best || d.size() > best->size()) && key.ends_with(d) &&
              (d.size() == key.size() || key[key.size() - d.size() - 1] == '.')) {
            best = &d;
            best_org = i;
          }
      if (!best) return std::nullopt;
      return make(OrganisationId{best_org}, kind, best->size() == key.size() ? "domain" : "domain-suffix", 1.0, *best,
                  "domains");
    }
    // p matches when it is the key or a prefix of it that ends before a dot; the longest
    // wins, and a package wins over an SDK prefix of the same length.
    auto is_segment_prefix = [&](const std::string& p) {
      return !p.empty() && key.starts_with(p) && (p.size() == key.size() || key[p.size()] == '.');
    };
    const std::string* pkg = nullptr;
    const std::string* sdk = nullptr;
    uint32_t pkg_org = 0, sdk_org = 0;
    for (uint32_t i = 0; i < orgs.size(); ++i) {
      for (const auto& p : orgs[i].identifiers.android_packages)
        if ((!pkg || p.size() > pkg->size()) && is_segment_prefix(p)) {
          pkg = &p;
          pkg_org = i;
        }
      for (const auto& p : orgs[i].identifiers.sdk_prefixes)
        if ((!sdk || p.size() > sdk->size()) && is_segment_prefix(p)) {
          sdk = &p;
          sdk_org = i;
        }
    }
    if (pkg && (!sdk || pkg->size() >= sdk->size()))
      return make(OrganisationId{pkg_org}, kind, pkg->size() == key.size() ? "package" : "package-prefix", 1.0, *pkg,
                  "android_packages");
    if (sdk) return make(OrganisationId{sdk_org}, kind, "sdk-prefix", 1.0, *sdk, "sdk_prefixes");
    return std::nullopt;
  }

  // The first p.len bits of q equal p's (registry prefixes have no host bits set).
  static bool contains(const core::Prefix& p, const core::Prefix& q) {
    int full = p.len / 8, rest = p.len % 8;
    for (int i = 0; i < full; ++i)
      if (p.bytes[i] != q.bytes[i]) return false;
    if (rest == 0) return true;
    auto mask = static_cast<uint8_t>(0xFF << (8 - rest));
    return (q.bytes[full] & mask) == p.bytes[full];
  }

  static bool covers(const trust::Oui& o, const trust::Oui& q) {
    return o.bits <= q.bits && (q.value >> (q.bits - o.bits)) == o.value;
  }

  std::optional<Match> resolve_mac(const Identifier& id) const {
    const auto& orgs = reg_.organisations();
    const trust::Oui* best = nullptr;
    uint32_t best_org = 0;
    for (uint32_t i = 0; i < orgs.size(); ++i)
      for (const auto& o : orgs[i].identifiers.ouis)
        if ((!best || o.bits > best->bits) && covers(o, id.mac)) {
          best = &o;
          best_org = i;
        }
    if (best) return make(OrganisationId{best_org}, IdentifierKind::kMac, "oui", 1.0, best->to_string(), "ouis");
    if (!ieee_) return std::nullopt;
    const trust::IeeeAssignment* a = nullptr;
    for (const auto& x : ieee_->assignments())
      if ((!a || x.oui.bits > a->oui.bits) && covers(x.oui, id.mac)) a = &x;
    if (!a) return std::nullopt;
    auto nm = resolve_name(a->organisation);
    if (!nm) return std::nullopt;
    Match m = make(nm->org, IdentifierKind::kMac, "ieee-oui", nm->confidence, a->oui.to_string(), nullptr);
    m.via =
        a->registry + " " + a->oui.to_string() + " registered to \"" + a->organisation + "\" (" + nm->how + " match)";
    return m;
  }

  Match make(OrganisationId org, IdentifierKind kind, std::string how, double conf, std::string matched,
             const char* id_kind) const {
    Match m;
    m.org = org;
    m.kind = kind;
    m.how = std::move(how);
    m.confidence = conf;
    m.matched = std::move(matched);
    m.identifier_verified = id_kind == nullptr || reg_.org(org).identifiers.is_verified(id_kind);
    return m;
  }

  const trust::Registry& reg_;
  const trust::IeeeOuiRegistry* ieee_;
};

}  // namespace cleannet::bench
