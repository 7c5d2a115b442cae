#include "cleannet/trust/identifier.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "cleannet/core/text.h"

namespace cleannet::trust {

const char* identifier_kind_name(IdentifierKind k) {
  switch (k) {
    case IdentifierKind::kAsn:
      return "asn";
    case IdentifierKind::kIp:
      return "ip";
    case IdentifierKind::kMac:
      return "mac";
    case IdentifierKind::kDomain:
      return "domain";
    case IdentifierKind::kAndroidPackage:
      return "package";
    case IdentifierKind::kCertificate:
      return "certificate";
    case IdentifierKind::kName:
      return "name";
  }
  return "?";
}

namespace {

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_val(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }
bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<uint64_t> parse_u64(std::string_view s) {
  if (!all_digits(s) || s.size() > 19) return std::nullopt;
  uint64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// First labels that mark a reverse-DNS Java/Android package name rather than a host name.
constexpr std::array<std::string_view, 30> kReverseDnsHeads = {
    "com", "org", "net", "edu", "gov",  "io",  "cn", "de", "uk", "fr", "jp", "kr", "ru", "in", "tv",
    "me",  "co",  "app", "dev", "info", "biz", "eu", "nl", "br", "au", "tw", "hk", "sg", "it", "es"};

}  // namespace

std::optional<Oui> parse_oui(std::string_view s) {
  std::string hex;
  char sep = 0;
  for (char c : s) {
    if (is_hex(c)) {
      hex += c;
    } else if (c == ':' || c == '-' || c == '.') {
      if (sep && sep != c) return std::nullopt;  // one separator style per value
      sep = c;
    } else {
      return std::nullopt;
    }
  }
  // Separators must sit where a notation puts them: pairs (00:18:82), quads (0018.8212.3456),
  // or a trailing MA-M/MA-S nibble group (70:B3:D5:F2:F).
  if (sep) {
    auto parts = core::split(s, sep);
    for (size_t i = 0; i < parts.size(); ++i) {
      size_t want = sep == '.' ? 4 : 2;
      bool last = i + 1 == parts.size();
      if (parts[i].empty() || parts[i].size() > want || (!last && parts[i].size() != want)) return std::nullopt;
    }
  }
  if (hex.size() != 6 && hex.size() != 7 && hex.size() != 9 && hex.size() != 12) return std::nullopt;
  Oui o;
  for (char c : hex) o.value = (o.value << 4) | static_cast<uint64_t>(hex_val(c));
  o.bits = static_cast<uint8_t>(hex.size() * 4);
  return o;
}

bool valid_domain(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);  // FQDN root dot
  if (s.empty() || s.size() > 253) return false;
  // Label by label, without splitting into a vector (the registry loader checks every domain).
  size_t labels = 0;
  std::string_view l;
  for (size_t start = 0;; start += l.size() + 1) {
    l = s.substr(start, s.find('.', start) - start);
    if (l.empty() || l.size() > 63 || l.front() == '-' || l.back() == '-') return false;
    for (char c : l)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
        return false;
    ++labels;
    if (start + l.size() == s.size()) break;
  }
  // RFC 1123 §2.1: a top-level label is not all digits (that would be an IPv4 address).
  return labels >= 2 && !all_digits(l);
}

bool valid_package(std::string_view s) {
  if (s.empty() || s.size() > 255) return false;
  for (auto seg : core::split(s, '.')) {
    if (seg.empty()) return false;
    char f = seg.front();
    if (!((f >= 'a' && f <= 'z') || (f >= 'A' && f <= 'Z') || f == '_')) return false;
    for (char c : seg)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::optional<std::string> parse_certificate(std::string_view s) {
  std::string hex;
  for (char c : s) {
    if (is_hex(c)) {
      hex += static_cast<char>(c >= 'a' ? c - 32 : c);
    } else if (c != ':') {
      return std::nullopt;
    }
  }
  if (hex.size() != 64 && hex.size() != 40) return std::nullopt;
  if (s.find(':') != std::string_view::npos && s.size() != hex.size() / 2 * 3 - 1) return std::nullopt;
  return hex;
}

core::Result<Identifier> parse_identifier(std::string_view raw) {
  std::string_view s = core::trim(raw);
  auto fail = [&](std::string expected) {
    return core::Error(core::SourcePos(), std::move(expected), core::quote_found(raw));
  };
  if (s.empty()) return fail("an identifier");

  std::optional<IdentifierKind> forced;
  static constexpr std::pair<std::string_view, IdentifierKind> kForced[] = {
      {"asn:", IdentifierKind::kAsn},
      {"ip:", IdentifierKind::kIp},
      {"mac:", IdentifierKind::kMac},
      {"oui:", IdentifierKind::kMac},
      {"domain:", IdentifierKind::kDomain},
      {"package:", IdentifierKind::kAndroidPackage},
      {"pkg:", IdentifierKind::kAndroidPackage},
      {"cert:", IdentifierKind::kCertificate},
      {"name:", IdentifierKind::kName},
      {"org:", IdentifierKind::kName}};
  for (auto& [p, k] : kForced) {
    if (s.size() > p.size() && core::iequals(s.substr(0, p.size()), p)) {
      forced = k;
      s = core::trim(s.substr(p.size()));
      break;
    }
  }

  Identifier id;
  id.text = std::string(s);

  auto as_asn = [&]() -> std::optional<core::Result<Identifier>> {
    std::string_view d = s;
    bool as_prefix = d.size() > 2 && (d[0] == 'A' || d[0] == 'a') && (d[1] == 'S' || d[1] == 's');
    if (as_prefix) d.remove_prefix(2);
    // Digit strings of a fingerprint's length are left to the fingerprint parser (a SHA-1
    // can be all digits); any other digit string is an AS number, or an error when too big.
    if (!as_prefix && !forced && (d.size() == 40 || d.size() == 64)) return std::nullopt;
    // RFC 5396 asdot: "1.10" is 65546.
    if (auto dot = d.find('.');
        dot != std::string_view::npos && all_digits(d.substr(0, dot)) && all_digits(d.substr(dot + 1))) {
      auto hi = parse_u64(d.substr(0, dot)), lo = parse_u64(d.substr(dot + 1));
      if (!hi || !lo || *hi > 65535 || *lo > 65535) return fail("an asdot AS number (0-65535.0-65535)");
      id.kind = IdentifierKind::kAsn;
      id.asn = static_cast<uint32_t>((*hi << 16) | *lo);
      return id;
    }
    if (!all_digits(d)) return std::nullopt;
    auto v = parse_u64(d);
    if (!v || *v > 0xFFFFFFFFull) return fail("an AS number from 0 to 4294967295");
    id.kind = IdentifierKind::kAsn;
    id.asn = static_cast<uint32_t>(*v);
    return id;
  };
  auto as_mac = [&]() -> std::optional<Identifier> {
    auto o = parse_oui(s);
    if (!o) return std::nullopt;
    id.kind = IdentifierKind::kMac;
    id.mac = *o;
    if (o->bits == 48) id.mac.bits = 48;
    return id;
  };
  auto as_ip = [&]() -> std::optional<Identifier> {
    auto p = core::parse_prefix(s);
    if (!p) return std::nullopt;
    id.kind = IdentifierKind::kIp;
    id.prefix = *p;
    return id;
  };
  auto as_cert = [&]() -> std::optional<Identifier> {
    auto c = parse_certificate(s);
    if (!c) return std::nullopt;
    id.kind = IdentifierKind::kCertificate;
    id.key = *c;
    return id;
  };
  auto as_dotted = [&](std::optional<IdentifierKind> want) -> std::optional<Identifier> {
    bool dom = valid_domain(s), pkg = valid_package(s) && s.find('.') != std::string_view::npos;
    if (!dom && !pkg) return std::nullopt;
    std::string_view head = s.substr(0, s.find('.'));
    bool reverse = false;
    for (auto h : kReverseDnsHeads)
      if (core::iequals(h, head)) reverse = true;
    IdentifierKind k =
        want ? *want : ((pkg && (reverse || !dom)) ? IdentifierKind::kAndroidPackage : IdentifierKind::kDomain);
    if (k == IdentifierKind::kDomain && !dom) return std::nullopt;
    if (k == IdentifierKind::kAndroidPackage && !pkg) return std::nullopt;
    id.kind = k;
    id.also_other = !want && dom && pkg;
    if (k == IdentifierKind::kDomain) {
      id.key = core::to_lower(s);
      if (!id.key.empty() && id.key.back() == '.') id.key.pop_back();
    } else {
      id.key = std::string(s);
    }
    return id;
  };

  if (forced) {
    switch (*forced) {
      case IdentifierKind::kAsn:
        if (auto r = as_asn()) return *r;
        return fail("an AS number such as AS4134");
      case IdentifierKind::kIp:
        if (auto r = as_ip()) return *r;
        return fail("an IPv4 or IPv6 address or prefix");
      case IdentifierKind::kMac: {
        // Forced: 12 digits are a MAC, not an ASN.
        if (auto r = as_mac()) return *r;
        return fail("a MAC address or OUI such as 00:18:82:12:34:56 or 00-18-82");
      }
      case IdentifierKind::kDomain:
        if (auto r = as_dotted(IdentifierKind::kDomain)) return *r;
        return fail("a domain name such as aliyuncs.com");
      case IdentifierKind::kAndroidPackage:
        if (auto r = as_dotted(IdentifierKind::kAndroidPackage)) return *r;
        return fail("an Android package name such as com.tencent.mm");
      case IdentifierKind::kCertificate:
        if (auto r = as_cert()) return *r;
        return fail("a SHA-256 or SHA-1 certificate fingerprint (64 or 40 hex digits)");
      case IdentifierKind::kName:
        id.kind = IdentifierKind::kName;
        id.key = id.text;
        return id;
    }
  }

  if (auto r = as_asn()) return *r;
  if (auto r = as_cert()) return *r;
  if (auto r = as_mac()) return *r;
  if (auto r = as_ip()) return *r;
  bool has_space = s.find_first_of(" \t,") != std::string_view::npos;
  if (!has_space && s.find('.') != std::string_view::npos) {
    if (auto r = as_dotted(std::nullopt)) return *r;
  }
  // A token that looks like an address but is not one is an error rather than a name:
  // "203.0.113.300" or "2001:db8::zz" should not silently resolve to nothing.
  bool addressish = !has_space && s.find_first_not_of("0123456789.:/abcdefABCDEF") == std::string_view::npos &&
                    (s.find(':') != std::string_view::npos || s.find('.') != std::string_view::npos);
  // Two or more colons in one alphanumeric token is an IPv6 or MAC shape with a bad digit.
  addressish =
      addressish || (!has_space && std::count(s.begin(), s.end(), ':') >= 2 &&
                     s.find_first_not_of("0123456789.:/%abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
                         std::string_view::npos);
  // Hex groups joined by '-' (a MAC with a group missing or added: 00-18-82-12-34).
  addressish = addressish || (!has_space && std::count(s.begin(), s.end(), '-') >= 2 &&
                              s.find_first_not_of("0123456789abcdefABCDEF-") == std::string_view::npos);
  if (addressish) return fail("an IP address, prefix, MAC address or OUI");
  id.kind = IdentifierKind::kName;
  id.key = id.text;
  return id;
}

std::string canonical_text(const Identifier& id) {
  switch (id.kind) {
    case IdentifierKind::kAsn:
      return "AS" + std::to_string(id.asn);
    case IdentifierKind::kIp:
      return id.prefix.to_string();
    case IdentifierKind::kMac:
      return id.mac.to_string();
    default:
      return id.key;
  }
}

}  // namespace cleannet::trust
