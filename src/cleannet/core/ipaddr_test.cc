#include "cleannet/core/ipaddr.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <tuple>

namespace cleannet::core {
namespace {

TEST(ParsePrefix, Forms) {
  EXPECT_EQ(parse_prefix("203.0.113.0/24")->to_string(), "203.0.113.0/24");
  EXPECT_EQ(parse_prefix("203.0.113.9")->to_string(), "203.0.113.9/32");
  EXPECT_EQ(parse_prefix("2001:db8::/32")->to_string(), "2001:db8::/32");
  EXPECT_EQ(parse_prefix("203.0.113.9/24")->to_string(), "203.0.113.0/24");
  EXPECT_FALSE(parse_prefix("203.0.113.9/24", true));
  EXPECT_FALSE(parse_prefix("203.0.113.0/33"));
  EXPECT_FALSE(parse_prefix("203.0.113.0/"));
  EXPECT_FALSE(parse_prefix("203.0.113/24"));
  EXPECT_FALSE(parse_prefix("10.1"));
  EXPECT_FALSE(parse_prefix("2001:db8::/129"));
  EXPECT_FALSE(parse_prefix("huawei.com"));
}

// RFC 4291 §2.5.5.2: ::ffff:a.b.c.d is the IPv4 address a.b.c.d, written in either form;
// §2.5.5.1's IPv4-compatible ::a.b.c.d and NAT64's 64:ff9b::/96 (RFC 6052) stay IPv6.
TEST(ParsePrefix, Ipv4MappedIsIpv4) {
  EXPECT_EQ(parse_prefix("::ffff:192.0.2.1"), parse_prefix("192.0.2.1"));
  EXPECT_EQ(parse_prefix("::FFFF:c000:201"), parse_prefix("192.0.2.1"));
  EXPECT_EQ(parse_prefix("0:0:0:0:0:ffff:192.0.2.1"), parse_prefix("192.0.2.1"));
  EXPECT_EQ(parse_prefix("::ffff:192.0.2.0/120")->to_string(), "192.0.2.0/24");
  EXPECT_EQ(parse_prefix("::ffff:192.0.2.9/120")->to_string(), "192.0.2.0/24");
  EXPECT_FALSE(parse_prefix("::ffff:192.0.2.9/120", true));
  EXPECT_EQ(parse_prefix("::ffff:0:0/96")->to_string(), "0.0.0.0/0");
  // Shorter than /96 the prefix holds more than the mapped block: it stays IPv6.
  EXPECT_EQ(parse_prefix("::ffff:0:0/95")->to_string(), "::fffe:0:0/95");
  for (const char* s : {"::192.0.2.1", "64:ff9b::192.0.2.1", "::fffe:192.0.2.1", "1::ffff:192.0.2.1"}) {
    EXPECT_TRUE(parse_prefix(s)->v6) << s;
    EXPECT_EQ(parse_prefix(s)->len, 128) << s;
  }
}

TEST(UnmapIpv4, EveryMappedAddressAndNoOther) {
  std::mt19937_64 rng(4291);
  for (int i = 0; i < 20000; ++i) {
    Prefix p;
    p.v6 = true;
    p.len = 128;
    for (auto& b : p.bytes) b = static_cast<uint8_t>(rng());
    // Mostly near the mapped block: zero the first ten bytes and set 10-11 to ffff, each often.
    if (i % 2) std::fill(p.bytes.begin(), p.bytes.begin() + 10, uint8_t{0});
    if (i % 4 < 2) p.bytes[10] = p.bytes[11] = 0xff;
    if (i % 8 == 7) p.bytes[static_cast<size_t>(rng() % 12)] ^= uint8_t{1};
    bool mapped = true;
    for (int k = 0; k < 10; ++k) mapped = mapped && p.bytes[k] == 0;
    mapped = mapped && p.bytes[10] == 0xff && p.bytes[11] == 0xff;
    Prefix q = unmap_ipv4(p);
    if (!mapped) {
      EXPECT_EQ(q, p);
      continue;
    }
    EXPECT_FALSE(q.v6);
    EXPECT_EQ(q.len, 32);
    for (int k = 0; k < 4; ++k) EXPECT_EQ(q.bytes[k], p.bytes[12 + k]);
    for (int k = 4; k < 16; ++k) EXPECT_EQ(q.bytes[k], 0);
  }
}

// Oracle: longest match by linear scan over every stored prefix.
TEST(PrefixTable, AgreesWithLinearScanOnRandomPrefixes) {
  std::mt19937_64 rng(1234);
  PrefixTable<int> table;
  std::vector<std::pair<Prefix, int>> all;
  auto random_prefix = [&](bool v6, int len) {
    Prefix p;
    p.v6 = v6;
    // Few distinct high bytes so that prefixes nest often.
    for (int i = 0; i < (v6 ? 16 : 4); ++i) p.bytes[i] = static_cast<uint8_t>(i < 2 ? rng() % 4 : rng());
    return truncate(p, static_cast<uint8_t>(len));
  };
  for (int i = 0; i < 3000; ++i) {
    bool v6 = i % 3 == 0;
    Prefix p = random_prefix(v6, static_cast<int>(rng() % (v6 ? 129 : 33)));
    if (table.insert(p, i)) all.emplace_back(p, i);
  }
  for (int i = 0; i < 20000; ++i) {
    bool v6 = i % 3 == 0;
    Prefix q = random_prefix(v6, v6 ? 128 : 32);
    if (i % 5 == 0) q = truncate(q, static_cast<uint8_t>(rng() % (q.max_len() + 1)));
    const std::pair<Prefix, int>* best = nullptr;
    for (auto& e : all) {
      if (e.first.v6 != q.v6 || e.first.len > q.len) continue;
      if (!(truncate(q, e.first.len) == e.first)) continue;
      if (!best || e.first.len > best->first.len) best = &e;
    }
    auto hit = table.longest_match(q);
    ASSERT_EQ(hit.has_value(), best != nullptr) << q.to_string();
    if (best) {
      EXPECT_EQ(hit->value, best->second);
      EXPECT_EQ(hit->prefix, best->first);
    }
  }
}

// Oracle for the flat hash table itself: inserts (with many duplicates, both families,
// every length, enough to grow the table several times) and exact finds agree with a
// std::map keyed by the truncated prefix.
TEST(PrefixTable, ExactFindsAgreeWithMapOracle) {
#if defined(__SANITIZE_ADDRESS__)
  constexpr int kInserts = 5000;
#else
  constexpr int kInserts = 50000;
#endif
  std::mt19937_64 rng(99);
  PrefixTable<uint32_t> table;
  auto cmp = [](const Prefix& a, const Prefix& b) {
    return std::tie(a.v6, a.len, a.bytes) < std::tie(b.v6, b.len, b.bytes);
  };
  std::map<Prefix, uint32_t, decltype(cmp)> oracle(cmp);
  auto random_prefix = [&] {
    Prefix p;
    p.v6 = rng() % 2 == 0;
    // Few distinct values so that the same prefix comes back often.
    for (int i = 0; i < (p.v6 ? 16 : 4); ++i) p.bytes[i] = static_cast<uint8_t>(rng() % (i < 3 ? 16 : 2));
    p.len = static_cast<uint8_t>(rng() % (p.max_len() + 1));
    return p;  // host bits may be set: the table clears them
  };
  table.reserve(10);  // then grows past it
  for (int i = 0; i < kInserts; ++i) {
    Prefix p = random_prefix();
    uint32_t v = static_cast<uint32_t>(i);
    bool fresh = oracle.emplace(truncate(p, p.len), v).second;
    auto [slot, inserted] = table.emplace(p, v);
    ASSERT_EQ(inserted, fresh) << p.to_string();
    ASSERT_EQ(*slot, oracle.at(truncate(p, p.len))) << p.to_string();
    if (i % 7 == 0) {
      Prefix q = random_prefix();
      auto it = oracle.find(truncate(q, q.len));
      const uint32_t* got = table.find_exact(q);
      ASSERT_EQ(got != nullptr, it != oracle.end()) << q.to_string();
      if (got) {
        ASSERT_EQ(*got, it->second);
      }
    }
  }
  EXPECT_EQ(table.size(), oracle.size());
  for (const auto& [p, v] : oracle) ASSERT_EQ(table.find_exact(p) ? *table.find_exact(p) : ~0u, v) << p.to_string();
  EXPECT_FALSE(table.insert(oracle.begin()->first, 12345));
  EXPECT_EQ(*table.find_exact(oracle.begin()->first), oracle.begin()->second);
}

TEST(PrefixTable, EmptyAndDefaultRoute) {
  PrefixTable<int> t;
  EXPECT_FALSE(t.longest_match(*parse_prefix("192.0.2.1")));
  EXPECT_EQ(t.find_exact(*parse_prefix("0.0.0.0/0")), nullptr);
  EXPECT_TRUE(t.insert(*parse_prefix("0.0.0.0/0"), 1));
  EXPECT_TRUE(t.insert(*parse_prefix("::/0"), 2));
  EXPECT_EQ(t.longest_match(*parse_prefix("192.0.2.1"))->value, 1);
  EXPECT_EQ(t.longest_match(*parse_prefix("2001:db8::1"))->value, 2);
  EXPECT_EQ(t.longest_match(*parse_prefix("2001:db8::1"))->prefix.to_string(), "::/0");
  // The same bits under the other family or another length are other keys.
  EXPECT_TRUE(t.insert(*parse_prefix("::/1"), 3));
  EXPECT_EQ(t.size(), 3u);
}

}  // namespace
}  // namespace cleannet::core
