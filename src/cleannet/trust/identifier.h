// Identifiers users bring to the resolver, with their kind detected from their shape:
//   AS4134, 4134, 1.10 (asdot)          -> ASN
//   203.0.113.7, 2001:db8::/32          -> IP address or prefix
//   00:18:82:12:34:56, 0018.8212.3456,
//   00-18-82, 70:B3:D5:F2:F             -> MAC address or OUI (MA-L/MA-M/MA-S)
//   oss-cn-hangzhou.aliyuncs.com        -> domain
//   com.tencent.mm                      -> Android package
//   64 (or 40) hex digits               -> signing-certificate fingerprint
//   huawei / "Huawei Technologies Co."  -> organisation id or name
// A "kind:" prefix (asn:, ip:, mac:, domain:, package:, cert:, name:) forces the kind:
// digits alone are always an ASN unless written mac:001882123456.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cleannet/core/ipaddr.h"
#include "cleannet/core/result.h"
#include "cleannet/trust/registry.h"

namespace cleannet::trust {

enum class IdentifierKind { kAsn, kIp, kMac, kDomain, kAndroidPackage, kCertificate, kName };
const char* identifier_kind_name(IdentifierKind k);

struct Identifier {
  IdentifierKind kind = IdentifierKind::kName;
  std::string text;         // as given, without a kind: prefix
  uint32_t asn = 0;         // kAsn
  core::Prefix prefix;      // kIp
  Oui mac;                  // kMac: 48 bits for an address, 24/28/36 for an assignment
  std::string key;          // kDomain (lower-case), kAndroidPackage, kCertificate (upper hex), kName
  bool also_other = false;  // a dotted name that may be a domain as well as a package
};

// The identifier in one spelling whatever way it was typed: "AS4134", "203.0.113.0/24",
// "00:18:82:3B:C4:02", "huawei.com", a certificate in upper-case hex, a normalised name.
std::string canonical_text(const Identifier& id);

// Errors say what the text looked like and what that kind expects, e.g.
// "expected an AS number from 0 to 4294967295, found \"AS99999999999\"".
core::Result<Identifier> parse_identifier(std::string_view text);

// Parses an OUI or MAC in any common notation into (value, bits); nullopt if malformed.
std::optional<Oui> parse_oui(std::string_view s);

bool valid_domain(std::string_view s);
bool valid_package(std::string_view s);
// 64 or 40 hex digits, optionally colon-separated; returns upper-case hex without colons.
std::optional<std::string> parse_certificate(std::string_view s);

}  // namespace cleannet::trust
