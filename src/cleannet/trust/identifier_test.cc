// parse_identifier in every notation identifier.h lists, with the kind detection rules and
// their documented corner cases. Expected values are worked out by hand.
#include "cleannet/trust/identifier.h"

#include <gtest/gtest.h>

#include <string>

namespace cleannet::trust {
namespace {

Identifier ok(std::string_view text) {
  auto r = parse_identifier(text);
  EXPECT_TRUE(r.ok()) << "\"" << text << "\": " << (r.ok() ? "" : r.error().message());
  return r.ok() ? *r : Identifier{};
}

std::string err(std::string_view text) {
  auto r = parse_identifier(text);
  EXPECT_FALSE(r.ok()) << "\"" << text << "\" parsed as "
                       << identifier_kind_name(r.ok() ? r->kind : IdentifierKind::kName);
  return r.ok() ? std::string() : r.error().message();
}

core::Prefix pfx(std::string_view s) {
  auto p = core::parse_prefix(s);
  EXPECT_TRUE(p) << s;
  return p ? *p : core::Prefix{};
}

TEST(IdentifierKindName, All) {
  EXPECT_STREQ(identifier_kind_name(IdentifierKind::kAsn), "asn");
  EXPECT_STREQ(identifier_kind_name(IdentifierKind::kIp), "ip");
  EXPECT_STREQ(identifier_kind_name(IdentifierKind::kMac), "mac");
  EXPECT_STREQ(identifier_kind_name(IdentifierKind::kDomain), "domain");
  EXPECT_STREQ(identifier_kind_name(IdentifierKind::kAndroidPackage), "package");
  EXPECT_STREQ(identifier_kind_name(IdentifierKind::kCertificate), "certificate");
  EXPECT_STREQ(identifier_kind_name(IdentifierKind::kName), "name");
}

TEST(CanonicalText, OneSpellingWhateverWayItWasTyped) {
  for (auto [a, b] : std::vector<std::pair<const char*, const char*>>{{"AS4134", "as4134"},
                                                                      {"AS4134", "4134"},
                                                                      {"huawei.com", "HUAWEI.COM"},
                                                                      {"00:18:82:3b:c4:02", "00-18-82-3B-C4-02"},
                                                                      {"203.0.113.7", "203.0.113.7/32"}})
    EXPECT_EQ(canonical_text(ok(a)), canonical_text(ok(b))) << a << " vs " << b;
  EXPECT_EQ(canonical_text(ok("as4134")), "AS4134");
  EXPECT_EQ(canonical_text(ok("HUAWEI.COM")), "huawei.com");
  EXPECT_NE(canonical_text(ok("AS4134")), canonical_text(ok("AS4812")));
  EXPECT_NE(canonical_text(ok("00:18:82:3b:c4:02")), canonical_text(ok("00:18:82:3b:c4:03")));
}

TEST(ParseIdentifier, AsnNotations) {
  for (const char* s : {"AS4134", "as4134", "As4134", "4134", "  AS4134  ", "asn:4134", "ASN:AS4134"}) {
    Identifier id = ok(s);
    EXPECT_EQ(id.kind, IdentifierKind::kAsn) << s;
    EXPECT_EQ(id.asn, 4134u) << s;
  }
  EXPECT_EQ(ok("AS4134").text, "AS4134");
  EXPECT_EQ(ok("asn:4134").text, "4134");  // text drops the kind: prefix
  EXPECT_EQ(ok("0").asn, 0u);
  EXPECT_EQ(ok("AS0").asn, 0u);
  EXPECT_EQ(ok("4294967295").asn, 4294967295u);
  EXPECT_EQ(ok("AS4294967295").asn, 4294967295u);
}

TEST(ParseIdentifier, Asdot) {
  // RFC 5396: high.low = high * 65536 + low.
  Identifier id = ok("1.10");
  EXPECT_EQ(id.kind, IdentifierKind::kAsn);
  EXPECT_EQ(id.asn, 65546u);
  EXPECT_EQ(ok("AS1.10").asn, 65546u);
  EXPECT_EQ(ok("0.4134").asn, 4134u);
  EXPECT_EQ(ok("65535.65535").asn, 4294967295u);
  EXPECT_EQ(ok("2.0").asn, 131072u);
}

TEST(ParseIdentifier, AsnOutOfRange) {
  EXPECT_EQ(err("AS99999999999"), "<input>: expected an AS number from 0 to 4294967295, found \"AS99999999999\"");
  EXPECT_EQ(err("4294967296"), "<input>: expected an AS number from 0 to 4294967295, found \"4294967296\"");
  EXPECT_EQ(err("AS4294967296"), "<input>: expected an AS number from 0 to 4294967295, found \"AS4294967296\"");
  EXPECT_EQ(err("asn:99999999999999999999"),
            "<input>: expected an AS number from 0 to 4294967295, found \"asn:99999999999999999999\"");
  EXPECT_EQ(err("65536.1"), "<input>: expected an asdot AS number (0-65535.0-65535), found \"65536.1\"");
  EXPECT_EQ(err("1.65536"), "<input>: expected an asdot AS number (0-65535.0-65535), found \"1.65536\"");
  auto r = parse_identifier("AS99999999999");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().expected(), "an AS number from 0 to 4294967295");
  EXPECT_EQ(r.error().found(), "\"AS99999999999\"");
}

TEST(ParseIdentifier, LongDigitStringsAreAsnsUnlessFingerprintLength) {
  // "Digits alone are always an ASN": a 13-digit number is a too-large ASN, not a name.
  EXPECT_EQ(err("1234567890123"), "<input>: expected an AS number from 0 to 4294967295, found \"1234567890123\"");
  EXPECT_EQ(err("12345678901234567890123"),
            "<input>: expected an AS number from 0 to 4294967295, found \"12345678901234567890123\"");
  // 40 digits can be a SHA-1 fingerprint, so they are left to the fingerprint parser.
  Identifier sha1 = ok("1234567890123456789012345678901234567890");
  EXPECT_EQ(sha1.kind, IdentifierKind::kCertificate);
  EXPECT_EQ(sha1.key, "1234567890123456789012345678901234567890");
}

TEST(ParseIdentifier, Ipv4) {
  Identifier a = ok("203.0.113.7");
  EXPECT_EQ(a.kind, IdentifierKind::kIp);
  EXPECT_FALSE(a.prefix.v6);
  EXPECT_EQ(a.prefix.len, 32);
  EXPECT_EQ(a.prefix, pfx("203.0.113.7/32"));
  EXPECT_EQ(a.prefix.to_string(), "203.0.113.7/32");

  Identifier p = ok("203.0.113.0/24");
  EXPECT_EQ(p.kind, IdentifierKind::kIp);
  EXPECT_EQ(p.prefix.len, 24);
  EXPECT_EQ(p.prefix.to_string(), "203.0.113.0/24");

  // Host bits beyond the length are cleared (the lenient form).
  EXPECT_EQ(ok("203.0.113.7/24").prefix.to_string(), "203.0.113.0/24");
  EXPECT_EQ(ok("0.0.0.0/0").prefix.len, 0);
  EXPECT_EQ(ok("ip:10.1.2.3").prefix.to_string(), "10.1.2.3/32");
}

TEST(ParseIdentifier, Ipv6) {
  Identifier a = ok("2001:db8::1");
  EXPECT_EQ(a.kind, IdentifierKind::kIp);
  EXPECT_TRUE(a.prefix.v6);
  EXPECT_EQ(a.prefix.len, 128);
  EXPECT_EQ(a.prefix.to_string(), "2001:db8::1/128");

  Identifier p = ok("2001:db8::/32");
  EXPECT_EQ(p.kind, IdentifierKind::kIp);
  EXPECT_EQ(p.prefix.len, 32);
  EXPECT_EQ(p.prefix.bytes[0], 0x20);
  EXPECT_EQ(p.prefix.bytes[1], 0x01);
  EXPECT_EQ(p.prefix.bytes[2], 0x0d);
  EXPECT_EQ(p.prefix.bytes[3], 0xb8);
  EXPECT_EQ(ok("::1").prefix.to_string(), "::1/128");
  EXPECT_EQ(ok("2001:DB8:0:0:0:0:0:1").prefix.to_string(), "2001:db8::1/128");
  EXPECT_EQ(ok("::ffff:192.0.2.1").kind, IdentifierKind::kIp);
  // IPv4-mapped (RFC 4291 §2.5.5.2): looked up as the IPv4 address, in either notation.
  EXPECT_EQ(ok("::ffff:192.0.2.1").prefix.to_string(), "192.0.2.1/32");
  EXPECT_EQ(ok("::ffff:c000:201").prefix.to_string(), "192.0.2.1/32");
}

TEST(ParseIdentifier, BadAddressesAreErrorsNotNames) {
  const std::string want = "an IP address, prefix, MAC address or OUI";
  for (const char* s :
       {"203.0.113.300", "203.0.113", "1.2.3", "203.0.113.0/33", "256.1.1.1", "2001:db8:::1", "2001:db8::/129",
        "00:18:82:12:34", "00:18:8", "1.2.3.4.5", "2001:db8::zz", "00:18:82:12:34:5g"}) {
    auto r = parse_identifier(s);
    ASSERT_FALSE(r.ok()) << s << " parsed as " << identifier_kind_name(r->kind);
    EXPECT_EQ(r.error().expected(), want) << s;
    EXPECT_EQ(r.error().found(), "\"" + std::string(s) + "\"");
  }
  EXPECT_EQ(err("203.0.113.300"),
            "<input>: expected an IP address, prefix, MAC address or OUI, found \"203.0.113.300\"");
  EXPECT_EQ(err("ip:huawei"), "<input>: expected an IPv4 or IPv6 address or prefix, found \"ip:huawei\"");
  EXPECT_EQ(err("ip:203.0.113.300"), "<input>: expected an IPv4 or IPv6 address or prefix, found \"ip:203.0.113.300\"");
}

TEST(ParseIdentifier, MacAddressNotations) {
  for (const char* s : {"00:18:82:12:34:56", "00-18-82-12-34-56", "0018.8212.3456", "00:18:82:12:34:56 ",
                        "mac:001882123456", "MAC:00:18:82:12:34:56", "oui:00-18-82-12-34-56"}) {
    Identifier id = ok(s);
    EXPECT_EQ(id.kind, IdentifierKind::kMac) << s;
    EXPECT_EQ(id.mac.bits, 48) << s;
    EXPECT_EQ(id.mac.value, 0x001882123456ull) << s;
  }
  // Hex letters make 12 characters a MAC rather than an ASN, in either case.
  Identifier a = ok("00188212345a");
  EXPECT_EQ(a.kind, IdentifierKind::kMac);
  EXPECT_EQ(a.mac.bits, 48);
  EXPECT_EQ(a.mac.value, 0x00188212345Aull);
  EXPECT_EQ(ok("00188212345A").mac.value, 0x00188212345Aull);
  EXPECT_EQ(ok("AC:DE:48:00:11:22").mac.value, 0xACDE48001122ull);
  EXPECT_EQ(ok("ac:de:48:00:11:22").mac.to_string(), "AC:DE:48:00:11:22");
}

TEST(ParseIdentifier, OuiNotations) {
  for (const char* s : {"00:18:82", "00-18-82", "mac:001882", "oui:001882", "AC:DE:48"}) {
    Identifier id = ok(s);
    EXPECT_EQ(id.kind, IdentifierKind::kMac) << s;
    EXPECT_EQ(id.mac.bits, 24) << s;
  }
  EXPECT_EQ(ok("00:18:82").mac.value, 0x001882u);
  EXPECT_EQ(ok("acde48").mac.value, 0xACDE48u);
  EXPECT_EQ(ok("acde48").kind, IdentifierKind::kMac);
}

TEST(ParseIdentifier, DigitsOnlyOuiOrMacIsAnAsn) {
  // Documented rule: digits alone are always an ASN unless written mac:...; so an OUI or
  // MAC written without separators and without hex letters is read as an AS number.
  Identifier o = ok("001882");
  EXPECT_EQ(o.kind, IdentifierKind::kAsn);
  EXPECT_EQ(o.asn, 1882u);
  Identifier m = ok("001882123456");
  EXPECT_EQ(m.kind, IdentifierKind::kAsn);
  EXPECT_EQ(m.asn, 1882123456u);
  Identifier mam = ok("0018821");
  EXPECT_EQ(mam.kind, IdentifierKind::kAsn);
  EXPECT_EQ(mam.asn, 18821u);
  // With the prefix they are MACs.
  EXPECT_EQ(ok("mac:001882").kind, IdentifierKind::kMac);
  EXPECT_EQ(ok("mac:001882").mac.bits, 24);
  EXPECT_EQ(ok("mac:001882123456").mac.bits, 48);
}

TEST(ParseIdentifier, HexWordsLookLikeOuis) {
  // Six hex letters are an MA-L OUI ("facade" = FA:CA:DE); "name:" forces a name.
  Identifier f = ok("facade");
  EXPECT_EQ(f.kind, IdentifierKind::kMac);
  EXPECT_EQ(f.mac.bits, 24);
  EXPECT_EQ(f.mac.value, 0xFACADEu);
  Identifier n = ok("name:facade");
  EXPECT_EQ(n.kind, IdentifierKind::kName);
  EXPECT_EQ(n.key, "facade");
}

TEST(ParseIdentifier, PartialAssignments) {
  Identifier mam = ok("00:18:82:1");
  EXPECT_EQ(mam.kind, IdentifierKind::kMac);
  EXPECT_EQ(mam.mac.bits, 28);
  EXPECT_EQ(mam.mac.value, 0x0018821u);
  EXPECT_EQ(mam.mac.to_string(), "00:18:82:1");

  Identifier mas = ok("70:B3:D5:F2:F");
  EXPECT_EQ(mas.kind, IdentifierKind::kMac);
  EXPECT_EQ(mas.mac.bits, 36);
  EXPECT_EQ(mas.mac.value, 0x70B3D5F2Full);
  EXPECT_EQ(mas.mac.to_string(), "70:B3:D5:F2:F");

  EXPECT_EQ(ok("70-B3-D5-F2-F").mac.bits, 36);
  EXPECT_EQ(ok("70B3D5F2F").mac.bits, 36);
  EXPECT_EQ(ok("70b3d5f2f").mac.value, 0x70B3D5F2Full);
  EXPECT_EQ(ok("mac:0018821").mac.bits, 28);
  EXPECT_EQ(ok("mac:70B3D5F2F").mac.bits, 36);
}

TEST(ParseOui, Notations) {
  auto o = parse_oui("00:18:82");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->value, 0x001882u);
  EXPECT_EQ(o->bits, 24);
  EXPECT_EQ(parse_oui("0018.8212.3456")->bits, 48);
  EXPECT_EQ(parse_oui("001882")->bits, 24);  // parse_oui itself has no ASN rule
  EXPECT_EQ(parse_oui("001882123456")->bits, 48);
  EXPECT_FALSE(parse_oui(""));
  EXPECT_FALSE(parse_oui("0018"));      // 4 digits: no assignment size
  EXPECT_FALSE(parse_oui("00188212"));  // 8 digits
  EXPECT_FALSE(parse_oui("00:18-82"));  // mixed separators
  EXPECT_FALSE(parse_oui("001:882"));   // separators in the wrong places
  EXPECT_FALSE(parse_oui("0018:82"));
  EXPECT_FALSE(parse_oui("00::18:82"));  // empty group
  EXPECT_FALSE(parse_oui("00:18:82:"));  // trailing separator
  EXPECT_FALSE(parse_oui("001.882"));    // dots group by four
  EXPECT_FALSE(parse_oui("00:18:8g"));
  EXPECT_FALSE(parse_oui("00 18 82"));
}

TEST(ParseIdentifier, ForcedKinds) {
  Identifier d = ok("domain:com.tencent.mm");
  EXPECT_EQ(d.kind, IdentifierKind::kDomain);
  EXPECT_EQ(d.key, "com.tencent.mm");
  EXPECT_FALSE(d.also_other);

  Identifier p = ok("package:com.tencent.mm");
  EXPECT_EQ(p.kind, IdentifierKind::kAndroidPackage);
  EXPECT_EQ(p.key, "com.tencent.mm");
  EXPECT_FALSE(p.also_other);
  EXPECT_EQ(ok("pkg:www.baidu.com").kind, IdentifierKind::kAndroidPackage);

  Identifier n = ok("name:4134");
  EXPECT_EQ(n.kind, IdentifierKind::kName);
  EXPECT_EQ(n.key, "4134");
  EXPECT_EQ(n.text, "4134");
  EXPECT_EQ(ok("NAME:  Huawei ").key, "Huawei");
  EXPECT_EQ(ok("org:huawei").kind, IdentifierKind::kName);

  std::string sha = "AB" + std::string(62, '0');
  Identifier c = ok("cert:" + sha);
  EXPECT_EQ(c.kind, IdentifierKind::kCertificate);
  EXPECT_EQ(c.key, sha);

  Identifier a = ok("asn:1.10");
  EXPECT_EQ(a.kind, IdentifierKind::kAsn);
  EXPECT_EQ(a.asn, 65546u);

  // A bare prefix word with nothing after it is not a prefix.
  Identifier bare = ok("asn:");
  EXPECT_EQ(bare.kind, IdentifierKind::kName);
  EXPECT_EQ(bare.key, "asn:");
}

TEST(ParseIdentifier, ForcedKindErrors) {
  EXPECT_EQ(err("asn:huawei"), "<input>: expected an AS number such as AS4134, found \"asn:huawei\"");
  EXPECT_EQ(err("mac:00:18"),
            "<input>: expected a MAC address or OUI such as 00:18:82:12:34:56 or 00-18-82, found \"mac:00:18\"");
  EXPECT_EQ(err("domain:-bad-.com"),
            "<input>: expected a domain name such as aliyuncs.com, found \"domain:-bad-.com\"");
  EXPECT_EQ(err("domain:localhost"),
            "<input>: expected a domain name such as aliyuncs.com, found \"domain:localhost\"");
  EXPECT_EQ(err("package:oss-cn-hangzhou.aliyuncs.com"),
            "<input>: expected an Android package name such as com.tencent.mm, found "
            "\"package:oss-cn-hangzhou.aliyuncs.com\"");
  EXPECT_EQ(err("package:tencent"),
            "<input>: expected an Android package name such as com.tencent.mm, found \"package:tencent\"");
  EXPECT_EQ(err("cert:ABCD"),
            "<input>: expected a SHA-256 or SHA-1 certificate fingerprint (64 or 40 hex digits), found \"cert:ABCD\"");
}

TEST(ParseIdentifier, DomainVersusPackage) {
  Identifier wechat = ok("com.tencent.mm");
  EXPECT_EQ(wechat.kind, IdentifierKind::kAndroidPackage);
  EXPECT_EQ(wechat.key, "com.tencent.mm");
  EXPECT_TRUE(wechat.also_other);  // "com.tencent.mm" is also a valid host name

  Identifier oss = ok("oss-cn-hangzhou.aliyuncs.com");
  EXPECT_EQ(oss.kind, IdentifierKind::kDomain);
  EXPECT_EQ(oss.key, "oss-cn-hangzhou.aliyuncs.com");
  EXPECT_FALSE(oss.also_other);  // '-' cannot be in a package

  Identifier www = ok("www.baidu.com");
  EXPECT_EQ(www.kind, IdentifierKind::kDomain);
  EXPECT_TRUE(www.also_other);

  Identifier upper = ok("WWW.Baidu.COM");
  EXPECT_EQ(upper.kind, IdentifierKind::kDomain);
  EXPECT_EQ(upper.key, "www.baidu.com");  // domains are lower-cased
  EXPECT_EQ(upper.text, "WWW.Baidu.COM");

  Identifier fqdn = ok("huawei.com.");
  EXPECT_EQ(fqdn.kind, IdentifierKind::kDomain);
  EXPECT_EQ(fqdn.key, "huawei.com");
  EXPECT_FALSE(fqdn.also_other);  // the root dot makes it no package

  Identifier tiktok = ok("com.zhiliaoapp.musically");
  EXPECT_EQ(tiktok.kind, IdentifierKind::kAndroidPackage);
  EXPECT_TRUE(tiktok.also_other);

  // Packages keep their case; reverse-DNS heads are matched case-insensitively.
  Identifier mixed = ok("Com.Tencent.MM");
  EXPECT_EQ(mixed.kind, IdentifierKind::kAndroidPackage);
  EXPECT_EQ(mixed.key, "Com.Tencent.MM");

  Identifier wps = ok("cn.wps.moffice_eng");
  EXPECT_EQ(wps.kind, IdentifierKind::kAndroidPackage);

  // A digit-led label is no package segment.
  Identifier mobile = ok("10086.cn");
  EXPECT_EQ(mobile.kind, IdentifierKind::kDomain);
  EXPECT_FALSE(mobile.also_other);
  Identifier one = ok("com.1password");
  EXPECT_EQ(one.kind, IdentifierKind::kDomain);
  EXPECT_FALSE(one.also_other);

  // Non-reverse-DNS heads that are valid packages too are domains with also_other.
  Identifier ab = ok("tiktokcdn.net");
  EXPECT_EQ(ab.kind, IdentifierKind::kDomain);
  EXPECT_TRUE(ab.also_other);
}

TEST(ParseIdentifier, Fingerprints) {
  const std::string sha256 = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
  Identifier a = ok(sha256);
  EXPECT_EQ(a.kind, IdentifierKind::kCertificate);
  EXPECT_EQ(a.key, sha256);

  std::string lower = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  EXPECT_EQ(ok(lower).key, sha256);

  std::string colons;
  for (size_t i = 0; i < sha256.size(); i += 2) colons += (i ? ":" : "") + sha256.substr(i, 2);
  ASSERT_EQ(colons.size(), 95u);
  Identifier b = ok(colons);
  EXPECT_EQ(b.kind, IdentifierKind::kCertificate);
  EXPECT_EQ(b.key, sha256);

  const std::string sha1 = "A94A8FE5CCB19BA61C4C0873D391E987982FBBD3";
  Identifier c = ok(sha1);
  EXPECT_EQ(c.kind, IdentifierKind::kCertificate);
  EXPECT_EQ(c.key, sha1);
  std::string sha1_colons;
  for (size_t i = 0; i < sha1.size(); i += 2) sha1_colons += (i ? ":" : "") + sha1.substr(i, 2);
  EXPECT_EQ(ok(sha1_colons).key, sha1);

  // A SHA-256 cut short or grouped wrongly is not a fingerprint.
  EXPECT_FALSE(parse_certificate(sha256.substr(2)));
  EXPECT_FALSE(parse_certificate("9F86:D0" + sha256.substr(6)));
  EXPECT_EQ(parse_certificate(colons), sha256);
  EXPECT_FALSE(parse_certificate(colons.substr(0, 94)));
}

TEST(ParseIdentifier, Names) {
  Identifier hw = ok("HUAWEI TECHNOLOGIES CO.,LTD");
  EXPECT_EQ(hw.kind, IdentifierKind::kName);
  EXPECT_EQ(hw.key, "HUAWEI TECHNOLOGIES CO.,LTD");
  EXPECT_EQ(hw.text, "HUAWEI TECHNOLOGIES CO.,LTD");

  for (const char* s : {"Huawei Technologies Co., Ltd.", "Huawei", "huawei", "ZTE Corporation", "AT&T",
                        "Telefónica, S.A.", "China Telecom (Americas) Corporation", "AS", "Asia Pacific",
                        "ASN (Alcatel Submarine Networks)", "Hytera Communications Co .,ltd", "Xi'an Novastar"}) {
    Identifier id = ok(s);
    EXPECT_EQ(id.kind, IdentifierKind::kName) << s;
    EXPECT_EQ(id.key, s);
  }
  EXPECT_EQ(ok("  Huawei  ").key, "Huawei");  // trimmed
  // A dotted name with a space is a name, not a domain.
  EXPECT_EQ(ok("Co. Ltd").kind, IdentifierKind::kName);
  EXPECT_EQ(ok("Baidu, Inc.").kind, IdentifierKind::kName);
}

TEST(ParseIdentifier, Empty) {
  EXPECT_EQ(err(""), "<input>: expected an identifier, found \"\"");
  EXPECT_EQ(err("   "), "<input>: expected an identifier, found \"   \"");
}

TEST(ValidDomainAndPackage, Shapes) {
  EXPECT_TRUE(valid_domain("aliyuncs.com"));
  EXPECT_TRUE(valid_domain("a-b.example.com."));
  EXPECT_FALSE(valid_domain("localhost"));
  EXPECT_FALSE(valid_domain("-a.com"));
  EXPECT_FALSE(valid_domain("a-.com"));
  EXPECT_FALSE(valid_domain("a..com"));
  EXPECT_FALSE(valid_domain("192.0.2.1"));  // all-digit top label
  EXPECT_FALSE(valid_domain(std::string(64, 'a') + ".com"));
  EXPECT_TRUE(valid_domain(std::string(63, 'a') + ".com"));

  EXPECT_TRUE(valid_package("com.tencent.mm"));
  EXPECT_TRUE(valid_package("tencent"));  // one segment is a valid package name
  EXPECT_TRUE(valid_package("_x.y9"));
  EXPECT_FALSE(valid_package("com.1password"));
  EXPECT_FALSE(valid_package("com..x"));
  EXPECT_FALSE(valid_package("com.tencent-mm"));
  EXPECT_FALSE(valid_package(""));
}

}  // namespace
}  // namespace cleannet::trust
