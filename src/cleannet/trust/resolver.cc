#include "cleannet/trust/resolver.h"

#include "cleannet/core/text.h"
#include "cleannet/trust/names.h"

namespace cleannet::trust {

namespace {
int oui_slot(uint8_t bits) { return bits == 24 ? 0 : bits == 28 ? 1 : 2; }
// Aliases shorter than this are too short to trust as a prefix of a longer name ("KT").
constexpr size_t kMinPrefixAlias = 3;
}  // namespace

Resolver::Resolver(const Registry& reg, const IeeeOuiRegistry* ieee)
    : Resolver(reg, std::function<const IeeeOuiRegistry*()>([ieee] { return ieee; })) {}

Resolver::Resolver(const Registry& reg, std::function<const IeeeOuiRegistry*()> ieee_source)
    : reg_(reg), ieee_source_(std::move(ieee_source)) {
  const auto& orgs = reg.organisations();
  // Every table sized before it is filled: a registry of 100,000 organisations would
  // otherwise rehash each one many times over.
  size_t asns = 0, prefixes = 0, ouis[3] = {0, 0, 0}, domains = 0, packages = 0, sdks = 0, certs = 0, aliases = 0;
  for (const Organisation& o : orgs) {
    asns += o.identifiers.asns.size();
    prefixes += o.identifiers.prefixes.size();
    for (const auto& x : o.identifiers.ouis) ++ouis[oui_slot(x.bits)];
    domains += o.identifiers.domains.size();
    packages += o.identifiers.android_packages.size();
    sdks += o.identifiers.sdk_prefixes.size();
    certs += o.identifiers.cert_sha256.size();
    aliases += o.aliases.size();
  }
  asn_.reserve(asns);
  prefixes_.reserve(prefixes);
  for (int s = 0; s < 3; ++s) ouis_[s].reserve(ouis[s]);
  domains_.reserve(domains);
  packages_.reserve(packages);
  sdks_.reserve(sdks);
  certs_.reserve(certs);
  ids_.reserve(orgs.size());
  exact_is_alias_.reserve(orgs.size() + aliases);
  normalised_names_.reserve(orgs.size() + aliases);
  prefix_names_.reserve(orgs.size() + aliases);
  for (uint32_t i = 0; i < orgs.size(); ++i) {
    OrganisationId id{i};
    const Organisation& o = orgs[i];
    for (uint32_t a : o.identifiers.asns) asn_.emplace(a, id);
    for (const auto& p : o.identifiers.prefixes) prefixes_.insert(p, id);
    for (const auto& x : o.identifiers.ouis) ouis_[oui_slot(x.bits)].emplace(x.value, id);
    for (const auto& d : o.identifiers.domains) domains_.emplace(d, id);
    for (const auto& p : o.identifiers.android_packages) packages_.emplace(p, id);
    for (const auto& p : o.identifiers.sdk_prefixes) sdks_.emplace(p, id);
    for (const auto& c : o.identifiers.cert_sha256) certs_.emplace(c, id);
    ids_.emplace(o.id, id);
    exact_is_alias_.emplace(core::fold_ascii_lower(o.name), std::make_pair(id, false));
    std::string legal = normalise_name(o.name);
    normalised_names_.emplace(legal, id);
    prefix_names_.emplace(legal, id);
    std::string house = legal.substr(0, legal.find(' '));
    for (const auto& a : o.aliases) {
      exact_is_alias_.emplace(core::fold_ascii_lower(a), std::make_pair(id, true));
      std::string n = normalise_name(a);
      normalised_names_.emplace(n, id);
      // A one-word alias may start a longer name only when it is the house name that
      // begins the legal name ("Huawei" for Huawei Technologies). A brand such as "Vivo"
      // (Telefonica Brasil) must not claim "vivo Mobile Communication", nor "Plus"
      // (Polkomtel) every "Plus One ..." registrant in the IEEE registry.
      if (n.find(' ') != std::string::npos || n == house) prefix_names_.emplace(n, id);
    }
  }
}

const IeeeOuiRegistry* Resolver::ieee() const {
  attribute_ieee();
  return ieee_;
}

void Resolver::attribute_ieee() const {
  std::call_once(ieee_once_, [this] {
    ieee_ = ieee_source_ ? ieee_source_() : nullptr;
    if (!ieee_) return;
    // Each distinct registrant name is resolved once; many assignments share one.
    std::unordered_map<std::string, std::optional<NameMatch>> cache;
    ieee_org_.reserve(ieee_->size());
    for (const auto& a : ieee_->assignments()) {
      auto it = cache.find(a.organisation);
      if (it == cache.end()) it = cache.emplace(a.organisation, resolve_name(a.organisation)).first;
      ieee_org_.push_back(it->second);
    }
  });
}

Match to_match(const NameMatch& nm) {
  Match m;
  m.org = nm.org;
  m.kind = IdentifierKind::kName;
  m.how = nm.how;
  m.confidence = nm.confidence;
  m.matched = nm.matched;
  return m;
}

Match Resolver::make(OrganisationId org, IdentifierKind kind, std::string how, double conf, std::string matched,
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

std::optional<NameMatch> Resolver::resolve_name(std::string_view name) const {
  std::string_view t = core::trim(name);
  if (auto it = ids_.find(t); it != ids_.end()) return NameMatch{it->second, "id", 1.0, std::string(t)};
  if (auto it = exact_is_alias_.find(core::fold_ascii_lower(t)); it != exact_is_alias_.end())
    return NameMatch{it->second.first, it->second.second ? "alias" : "name", 1.0, std::string(t)};
  std::string n = normalise_name(t);
  if (n.empty()) return std::nullopt;
  if (auto it = normalised_names_.find(n); it != normalised_names_.end())
    return NameMatch{it->second, "normalised", 0.9, n};
  // Longest whole-word prefix: try the name cut at each space, longest first.
  for (size_t cut = n.rfind(' '); cut != std::string::npos && cut > 0; cut = n.rfind(' ', cut - 1)) {
    std::string head = n.substr(0, cut);
    if (head.size() < kMinPrefixAlias) break;
    if (auto it = prefix_names_.find(head); it != prefix_names_.end())
      return NameMatch{it->second, "name-prefix", 0.7, head};
    if (cut == 0) break;
  }
  return std::nullopt;
}

std::optional<Match> Resolver::resolve_dotted(const Identifier& id, IdentifierKind kind) const {
  if (kind == IdentifierKind::kDomain) {
    // Suffix match label by label: a.b.aliyuncs.com, b.aliyuncs.com, aliyuncs.com, com.
    // Host names compare case-insensitively: a package read as a domain keeps its case in
    // the key, so lower-case it here.
    std::string lowered;
    std::string_view d = id.key;
    if (id.kind != IdentifierKind::kDomain) d = lowered = core::to_lower(id.key);
    for (size_t start = 0;;) {
      std::string_view suffix = d.substr(start);
      if (auto it = domains_.find(suffix); it != domains_.end())
        return make(it->second, kind, start == 0 ? "domain" : "domain-suffix", 1.0, std::string(suffix), "domains");
      size_t dot = d.find('.', start);
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    return std::nullopt;
  }
  // Packages by prefix, segment by segment from the longest: com.tencent.mm.opensdk ->
  // com.tencent.mm -> com.tencent -> com. Then SDK class prefixes the same way.
  std::string_view p = id.key;
  for (size_t end = p.size();;) {
    std::string_view head = p.substr(0, end);
    if (auto it = packages_.find(head); it != packages_.end())
      return make(it->second, kind, end == p.size() ? "package" : "package-prefix", 1.0, std::string(head),
                  "android_packages");
    if (auto it = sdks_.find(head); it != sdks_.end())
      return make(it->second, kind, "sdk-prefix", 1.0, std::string(head), "sdk_prefixes");
    size_t dot = p.rfind('.', end - 1);
    if (dot == std::string_view::npos || dot == 0) break;
    end = dot;
  }
  return std::nullopt;
}

std::optional<Match> Resolver::resolve_mac(const Identifier& id) const {
  // The registry's own OUIs first (an operator may know better than IEEE), longest first.
  for (uint8_t bits : {36, 28, 24}) {
    if (id.mac.bits < bits) continue;
    uint64_t key = id.mac.value >> (id.mac.bits - bits);
    auto& m = ouis_[oui_slot(bits)];
    if (auto it = m.find(key); it != m.end()) {
      Oui o{key, bits};
      return make(it->second, IdentifierKind::kMac, "oui", 1.0, o.to_string(), "ouis");
    }
  }
  attribute_ieee();
  if (!ieee_) return std::nullopt;
  const IeeeAssignment* a = ieee_->lookup(id.mac);
  if (!a) return std::nullopt;
  const auto& nm = ieee_org_[static_cast<size_t>(a - ieee_->assignments().data())];
  if (!nm) return std::nullopt;
  Match m = make(nm->org, IdentifierKind::kMac, "ieee-oui", nm->confidence, a->oui.to_string(), nullptr);
  m.via = a->registry + " " + a->oui.to_string() + " registered to \"" + a->organisation + "\" (" + nm->how + " match)";
  return m;
}

std::optional<Match> Resolver::resolve_announced(const core::Prefix& address) const {
  const AnnouncedPrefixes* t = bundled_announced_ ? &bundled_announced() : announced_;
  if (!t) return std::nullopt;
  auto hit = t->origins.longest_match(address);
  if (!hit) return std::nullopt;
  auto org = asn_.find(hit->value);
  if (org == asn_.end()) return std::nullopt;
  // Derived and dated: routing moves, so the answer is less certain than a registry prefix,
  // and the ASN's own verification carries over.
  Match m = make(org->second, IdentifierKind::kIp, "announced-prefix", 0.9, hit->prefix.to_string(), "asns");
  m.via = "AS" + std::to_string(hit->value) + " originated it in BGP" +
          (t->date ? " on " + t->date->to_string() : std::string()) + " (" +
          (t->source.empty() ? t->name : t->source) + "; derived, " + t->name + ")";
  return m;
}

std::optional<Match> Resolver::resolve(const Identifier& id) const {
  switch (id.kind) {
    case IdentifierKind::kAsn:
      if (auto it = asn_.find(id.asn); it != asn_.end())
        return make(it->second, id.kind, "asn", 1.0, "AS" + std::to_string(id.asn), "asns");
      return std::nullopt;
    case IdentifierKind::kIp:
      if (auto hit = prefixes_.longest_match(id.prefix))
        return make(hit->value, id.kind, "prefix", 1.0, hit->prefix.to_string(), "prefixes");
      return resolve_announced(id.prefix);
    case IdentifierKind::kMac:
      return resolve_mac(id);
    case IdentifierKind::kCertificate:
      if (auto it = certs_.find(id.key); it != certs_.end())
        return make(it->second, id.kind, "certificate", 1.0, id.key, "cert_sha256");
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
      return to_match(*nm);
    }
  }
  return std::nullopt;
}

}  // namespace cleannet::trust
