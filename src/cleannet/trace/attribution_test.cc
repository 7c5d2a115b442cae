// Hop attribution: the categories on hand-picked addresses, and a randomised oracle — on
// 1,000,000 random addresses (IPv4 and IPv6) over random nested tables, the attribution
// equals a brute-force linear scan over every prefix (special ranges first, then IXP LANs,
// then the longest origin-table prefix, ties to the first listed). The hand-written IPv4
// reader against inet_pton on random strings.
#include "cleannet/trace/attribution.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <iterator>
#include <random>
#include <string>

#include "cleannet/trace/traceroute.h"

namespace cleannet::trace {
namespace {

core::Prefix P(const char* s) { return *core::parse_prefix(s); }

TEST(HopAttributor, Categories) {
  ip::OriginTable origins;
  origins.add(P("202.97.0.0/16"), 4134);
  origins.add(P("202.97.1.0/24"), 64500);
  origins.add(P("10.1.0.0/16"), 64501);  // announced private space still counts as private
  origins.add(P("80.249.208.0/21"), 1200);
  origins.add(P("2001:db8::/32"), 64502);
  IxpTable ixps;
  ixps.add(P("80.249.208.0/21"), Ixp{"AMS-IX", "NL", "Amsterdam", 1});
  ixps.add(P("2001:7f8:1::/64"), Ixp{"AMS-IX", "NL", "Amsterdam", 1});
  HopAttributor at(&origins, &ixps);
  struct Case {
    const char* address;
    Category category;
    const char* prefix;
    const char* rfc_or_ixp;
  };
  for (Case c : {
           Case{"10.1.2.3", Category::kPrivate, "10.0.0.0/8", "RFC 1918 §3"},
           Case{"172.31.255.255", Category::kPrivate, "172.16.0.0/12", "RFC 1918 §3"},
           Case{"172.32.0.0", Category::kUnattributed, "", ""},
           Case{"192.168.0.1", Category::kPrivate, "192.168.0.0/16", "RFC 1918 §3"},
           Case{"100.64.0.1", Category::kPrivate, "100.64.0.0/10", "RFC 6598 §7"},
           Case{"100.127.255.255", Category::kPrivate, "100.64.0.0/10", "RFC 6598 §7"},
           Case{"100.128.0.0", Category::kUnattributed, "", ""},
           Case{"169.254.10.1", Category::kPrivate, "169.254.0.0/16", "RFC 3927 §2.1"},
           Case{"127.0.0.1", Category::kPrivate, "127.0.0.0/8", "RFC 1122 §3.2.1.3"},
           Case{"fd12:3456::1", Category::kPrivate, "fc00::/7", "RFC 4193 §3.1"},
           Case{"fe80::1", Category::kPrivate, "fe80::/10", "RFC 4291 §2.5.6"},
           Case{"::1", Category::kPrivate, "::1/128", "RFC 4291 §2.5.3"},
           Case{"80.249.208.77", Category::kIxp, "80.249.208.0/21", "AMS-IX"},
           Case{"2001:7f8:1::a500:1200:1", Category::kIxp, "2001:7f8:1::/64", "AMS-IX"},
           Case{"202.97.1.9", Category::kAttributed, "202.97.1.0/24", ""},
           Case{"202.97.2.9", Category::kAttributed, "202.97.0.0/16", ""},
           Case{"2001:db8:ffff::1", Category::kAttributed, "2001:db8::/32", ""},
           Case{"2001:db9::1", Category::kUnattributed, "", ""},
       }) {
    SCOPED_TRACE(c.address);
    Attribution a = at.attribute(*parse_address(c.address));
    EXPECT_EQ(a.category, c.category);
    if (c.category == Category::kUnattributed) continue;
    EXPECT_EQ(a.prefix.to_string(), c.prefix);
    if (c.category == Category::kPrivate) {
      EXPECT_STREQ(a.special->rfc, c.rfc_or_ixp);
    }
    if (c.category == Category::kIxp) {
      EXPECT_EQ(a.ixp->name, c.rfc_or_ixp);
    }
  }
  EXPECT_EQ(at.attribute(*parse_address("202.97.1.9")).origins.front(), 64500u);
  EXPECT_EQ(at.attribute(*parse_address("202.97.2.9")).origins.front(), 4134u);
}

TEST(HopAttributor, EmptyTablesAndEdgesOfTheSpace) {
  HopAttributor none(nullptr, nullptr);
  EXPECT_EQ(none.attribute(*parse_address("8.8.8.8")).category, Category::kUnattributed);
  EXPECT_EQ(none.attribute(*parse_address("10.0.0.0")).category, Category::kPrivate);
  ip::OriginTable t;
  t.add(P("0.0.0.0/0"), 1);
  t.add(P("255.255.255.255/32"), 2);
  t.add(P("::/0"), 3);
  t.add(P("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"), 4);
  HopAttributor at(&t, nullptr);
  EXPECT_EQ(at.attribute(*parse_address("0.0.0.0")).origins.front(), 1u);
  EXPECT_EQ(at.attribute(*parse_address("255.255.255.254")).origins.front(), 1u);
  EXPECT_EQ(at.attribute(*parse_address("255.255.255.255")).origins.front(), 2u);
  EXPECT_EQ(at.attribute(*parse_address("::")).origins.front(), 3u);
  EXPECT_EQ(at.attribute(*parse_address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")).origins.front(), 3u);
  EXPECT_EQ(at.attribute(*parse_address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).origins.front(), 4u);
}

// parse_address reads IPv4 by hand: on random strings over digits and dots (and a few
// near-misses), it accepts exactly what inet_pton(AF_INET) accepts, with the same bytes.
TEST(ParseAddress, Ipv4AgreesWithInetPton) {
  std::mt19937_64 rng(7);
  const char alphabet[] = "0123456789..........x 0";
  int accepted = 0;
  for (int n = 0; n < 200000; ++n) {
    std::string s;
    const size_t len = 1 + rng() % 18;
    for (size_t i = 0; i < len; ++i) s += alphabet[rng() % (sizeof alphabet - 1)];
    if (rng() % 50 == 0) s[rng() % s.size()] = '\0';
    uint8_t want[4];
    const bool ok = inet_pton(AF_INET, std::string(s).c_str(), want) == 1;
    auto got = parse_address(s);
    ASSERT_EQ(got.has_value(), ok) << s;
    if (!ok) continue;
    ++accepted;
    EXPECT_FALSE(got->v6);
    EXPECT_EQ(got->len, 32);
    EXPECT_EQ(std::memcmp(got->bytes.data(), want, 4), 0) << s;
  }
  EXPECT_GT(accepted, 100);
  for (const char* s :
       {"1.2.3.4", "0.0.0.0", "255.255.255.255", "01.2.3.4", "1.2.3", "1.2.3.4.", "256.1.1.1", "1..2.3"})
    EXPECT_EQ(parse_address(s).has_value(), std::string_view(s) == "1.2.3.4" || std::string_view(s) == "0.0.0.0" ||
                                                std::string_view(s) == "255.255.255.255")
        << s;
}

// The trace reader's own address parser must give the key core::parse_prefix gives (the one
// rule, core::unmap_ipv4): on random addresses of both families, IPv4-mapped ones in their
// dotted and hex forms (RFC 4291 §2.5.5.2), the look-alikes that stay IPv6 (IPv4-compatible,
// NAT64, ::fffe:) and near-misses.
TEST(ParseAddress, AgreesWithCoreParserIncludingMappedForms) {
  std::mt19937_64 rng(4291);
  auto hex = [&] {
    char b[8];
    std::snprintf(b, sizeof b, rng() % 2 ? "%x" : "%X", static_cast<unsigned>(rng() % 0x10000));
    return std::string(b);
  };
  auto octet = [&] { return std::to_string(rng() % 8 == 0 ? rng() % 300 : rng() % 256); };
  auto quad = [&] { return octet() + "." + octet() + "." + octet() + "." + octet(); };
  const char* heads[] = {"::ffff:",   "::FFFF:",  "0:0:0:0:0:ffff:", "0::ffff:", "::fffe:", "::",
                         "64:ff9b::", "1::ffff:", "::ffff:0:",       "",         "ffff::"};
  int mapped = 0, accepted = 0;
  for (int n = 0; n < 200000; ++n) {
    std::string s = heads[rng() % std::size(heads)];
    switch (rng() % 4) {
      case 0:
        s += quad();
        break;
      case 1:
        s += hex() + ":" + hex();
        break;
      case 2:
        s += hex();
        break;
      default:
        s += quad() + (rng() % 2 ? "x" : ":1");
        break;
    }
    if (rng() % 40 == 0) s.erase(rng() % s.size(), 1);
    auto want = core::parse_prefix(s);
    auto got = parse_address(s);
    ASSERT_EQ(got.has_value(), want.has_value()) << s;
    if (!want) continue;
    ++accepted;
    mapped += !want->v6 && s.find(':') != std::string::npos;
    EXPECT_EQ(*got, *want) << s;
  }
  EXPECT_GT(mapped, 10000);
  EXPECT_GT(accepted, 100000);
  EXPECT_EQ(*parse_address("::ffff:202.97.1.1"), *parse_address("202.97.1.1"));
  EXPECT_EQ(*parse_address("::ffff:ca61:101"), *parse_address("202.97.1.1"));
  EXPECT_TRUE(parse_address("::202.97.1.1")->v6);
}

// The brute force: every prefix tested in turn, by the definition of the categories.
bool contains(const core::Prefix& p, const core::Prefix& a) {
  if (p.v6 != a.v6) return false;
  return core::truncate(a, p.len) == p;
}

struct Expect {
  Category category = Category::kUnattributed;
  core::Prefix prefix;
  uint32_t value = 0;  // origin AS or IXP index
};

Expect brute_force(const core::Prefix& a, const std::vector<std::pair<core::Prefix, uint32_t>>& ixps,
                   const std::vector<std::pair<core::Prefix, uint32_t>>& origins) {
  Expect e;
  for (const SpecialRange& s : special_ranges())
    if (contains(s.prefix, a)) {
      e.category = Category::kPrivate;
      e.prefix = s.prefix;
      return e;
    }
  int best = -1;
  for (const auto& [p, v] : ixps)
    if (contains(p, a) && p.len > best) {
      best = p.len;
      e = Expect{Category::kIxp, p, v};
    }
  if (best >= 0) return e;
  for (const auto& [p, v] : origins)
    if (contains(p, a) && p.len > best) {
      best = p.len;
      e = Expect{Category::kAttributed, p, v};
    }
  return e;
}

core::Prefix random_prefix(std::mt19937_64& rng, bool v6, const std::vector<core::Prefix>& near) {
  core::Prefix p;
  p.v6 = v6;
  // Half of the prefixes nest under or beside an earlier one, so that nesting is common.
  if (!near.empty() && rng() % 2) {
    const core::Prefix& base = near[rng() % near.size()];
    if (base.v6 == v6) p = base;
  }
  const int bytes = v6 ? 16 : 4;
  const uint8_t base_len = p.len;
  for (int i = 0; i < bytes; ++i)
    if (i * 8 >= base_len) p.bytes[i] = static_cast<uint8_t>(rng());
  // Keep the random prefixes inside a few /8s (and 2001::/16, 2400::/16 for IPv6) so that
  // random addresses hit them often; some lengths at the edges (0, 1, max).
  if (!v6 && base_len < 8) p.bytes[0] = static_cast<uint8_t>(1 + rng() % 4);
  if (v6 && base_len < 16) {
    p.bytes[0] = (rng() % 2) ? 0x20 : 0x24;
    p.bytes[1] = 0x01;
  }
  const int max = v6 ? 128 : 32;
  int len;
  const uint64_t pick = rng() % 100;
  if (pick < 10)
    len = max;
  else if (pick < 12)
    len = static_cast<int>(rng() % 3);
  else {
    len = std::max<int>(base_len, v6 ? 16 + static_cast<int>(rng() % 49) : 8 + static_cast<int>(rng() % 17));
  }
  len = std::max<int>(len, base_len);
  p.len = static_cast<uint8_t>(std::min(len, max));
  return core::truncate(p, p.len);
}

core::Prefix random_address(std::mt19937_64& rng, bool v6, const std::vector<core::Prefix>& near) {
  core::Prefix a = random_prefix(rng, v6, near);
  if (rng() % 10 == 0) {  // anywhere in the family
    a.bytes = {};
    a.len = 0;
  }
  // fill the host part
  for (int bit = a.len; bit < a.max_len(); ++bit)
    if (rng() & 1) a.bytes[bit / 8] |= static_cast<uint8_t>(0x80 >> (bit % 8));
  a.len = a.max_len();
  if (rng() % 20 == 0) {  // some in special-purpose space
    static const char* specials[] = {"10.9.8.7", "100.100.1.1", "169.254.3.4", "127.1.2.3",
                                     "fd00::9",  "fe80::9",     "::1",         "172.20.0.1"};
    a = *parse_address(specials[rng() % 8]);
  }
  return a;
}

TEST(HopAttributor, OracleOnAMillionRandomAddresses) {
  std::mt19937_64 rng(20261125);
  size_t checked = 0, by_category[5] = {};
  for (int round = 0; round < 100; ++round) {
    std::vector<core::Prefix> all;
    ip::OriginTable origins;
    IxpTable ixps;
    std::vector<std::pair<core::Prefix, uint32_t>> origin_list, ixp_list;
    const int n = 100 + static_cast<int>(rng() % 300);
    for (int i = 0; i < n; ++i) {
      core::Prefix p = random_prefix(rng, rng() % 3 == 0, all);
      all.push_back(p);
      if (rng() % 8 == 0) {
        uint32_t index = static_cast<uint32_t>(ixps.size());
        bool dup = false;
        for (const auto& [q, v] : ixp_list) dup |= q == p;
        ixps.add(p, Ixp{"IX" + std::to_string(index), "", "", index});
        if (!dup) ixp_list.emplace_back(p, index);  // a prefix listed twice stays with the first
      } else {
        uint32_t asn = 1 + static_cast<uint32_t>(rng() % 100000);
        bool dup = false;
        for (const auto& [q, v] : origin_list) dup |= q == p;
        origins.add(p, asn);
        if (!dup) origin_list.emplace_back(p, asn);  // first origin of a prefix
      }
    }
    HopAttributor at(&origins, &ixps);
    for (int k = 0; k < 10000; ++k) {
      const core::Prefix a = random_address(rng, rng() % 2 == 0, all);
      const Expect want = brute_force(a, ixp_list, origin_list);
      const Attribution got = at.attribute(a);
      ++by_category[static_cast<int>(want.category)];
      ASSERT_EQ(got.category, want.category) << address_text(a) << " round " << round;
      if (want.category == Category::kUnattributed) continue;
      ASSERT_EQ(got.prefix, want.prefix) << address_text(a);
      if (want.category == Category::kAttributed) {
        ASSERT_EQ(got.origins.front(), want.value) << address_text(a);
      }
      if (want.category == Category::kIxp) {
        ASSERT_EQ(got.ixp->ix_id, static_cast<int64_t>(want.value)) << address_text(a);
      }
      ++checked;
    }
  }
  // The random addresses hit every category often enough for the test to mean something.
  EXPECT_GT(by_category[static_cast<int>(Category::kPrivate)], 30000u);
  EXPECT_GT(by_category[static_cast<int>(Category::kIxp)], 30000u);
  EXPECT_GT(by_category[static_cast<int>(Category::kAttributed)], 300000u);
  EXPECT_GT(by_category[static_cast<int>(Category::kUnattributed)], 30000u);
  EXPECT_EQ(by_category[0] + by_category[2] + by_category[3] + by_category[4], 1000000u);
  (void)checked;
}

}  // namespace
}  // namespace cleannet::trace
