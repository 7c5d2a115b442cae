#include "cleannet/core/ipaddr.h"

#include <gtest/gtest.h>

#include <random>

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

}  // namespace
}  // namespace cleannet::core
