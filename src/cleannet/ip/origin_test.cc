// OriginTable and its readers: hand-checked parses of each format, range-to-CIDR and
// longest-prefix match against brute force on random inputs, the bad-input corpus
// (tests/data/bad/ip/), and the staged whole-Internet table when ../shared is present.
#include "cleannet/ip/origin.h"

#include "cleannet/core/testing/bad_corpus.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace cleannet::ip {
namespace {

namespace fs = std::filesystem;

core::Prefix P(std::string_view s) {
  auto p = core::parse_prefix(s);
  EXPECT_TRUE(p.has_value()) << s;
  return *p;
}

core::Result<OriginTable> load(std::string_view text, OriginFormat f = OriginFormat::kAuto) {
  auto in = core::Input::from_memory("t.txt", text);
  EXPECT_TRUE(in.ok());
  return load_origin_table(std::move(*in), f);
}

std::vector<uint32_t> origins(const OriginTable& t, std::string_view addr) {
  auto hit = t.lookup(P(addr));
  if (!hit) return {};
  return {hit->origins.begin(), hit->origins.end()};
}

std::vector<std::string> strings(const std::vector<core::Prefix>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.to_string());
  return out;
}

TEST(OriginTable, Pyasn) {
  auto t = load(
      "; IP-ASN32-DAT file\n; Prefixes-v4   : 3\n; \n1.0.0.0/24\t15169\n1.0.0.0/16\t64500\n2001:db8::/32\t64501\n"
      "1.0.0.128/25\t13335\n");
  ASSERT_TRUE(t.ok()) << t.error().message();
  EXPECT_EQ(t->num_prefixes(), 4u);
  EXPECT_EQ(t->num_v4(), 3u);
  EXPECT_EQ(t->num_v6(), 1u);
  EXPECT_EQ(t->source, "t.txt (pyasn)");
  EXPECT_EQ(origins(*t, "1.0.0.1"), std::vector<uint32_t>{15169});
  EXPECT_EQ(origins(*t, "1.0.0.200"), std::vector<uint32_t>{13335});
  EXPECT_EQ(origins(*t, "1.0.99.1"), std::vector<uint32_t>{64500});
  EXPECT_EQ(origins(*t, "2001:db8:1::1"), std::vector<uint32_t>{64501});
  EXPECT_TRUE(origins(*t, "9.9.9.9").empty());
  EXPECT_EQ(t->lookup(P("1.0.0.200"))->prefix.to_string(), "1.0.0.128/25");
  EXPECT_EQ(strings(t->prefixes_of(15169)), std::vector<std::string>{"1.0.0.0/24"});
}

TEST(OriginTable, Pfx2asMultiOriginAndAsSet) {
  auto t = load("1.0.0.0\t24\t13335\n1.0.4.0\t22\t56203_64500\n1.0.8.0\t24\t7545,4608\n1.0.4.0\t22\t64500\n");
  ASSERT_TRUE(t.ok()) << t.error().message();
  EXPECT_EQ(t->source, "t.txt (pfx2as)");
  EXPECT_EQ(t->num_prefixes(), 3u);
  EXPECT_EQ(origins(*t, "1.0.5.5"), (std::vector<uint32_t>{56203, 64500}));  // the repeated 64500 is not added twice
  EXPECT_EQ(origins(*t, "1.0.8.1"), (std::vector<uint32_t>{7545, 4608}));
  EXPECT_EQ(strings(t->prefixes_of(64500)), std::vector<std::string>{"1.0.4.0/22"});
}

TEST(OriginTable, IptoasnRangesBecomeExactCidrCovers) {
  auto t = load(
      "1.1.1.0\t1.1.1.0\t13335\tUS\tCLOUDFLARENET - Cloudflare, Inc.\n"
      "1.1.1.1\t1.1.1.1\t7497\tCN\tCSTNET-AS-AP Computer Network Information Center\n"
      "1.1.1.2\t1.1.1.255\t13335\tUS\tCLOUDFLARENET - Cloudflare, Inc.\n"
      "1.1.2.0\t1.1.2.255\t0\tNone\tNot routed\n");
  ASSERT_TRUE(t.ok()) << t.error().message();
  EXPECT_EQ(t->source, "t.txt (iptoasn)");
  // 1.1.1.2-1.1.1.255 = /31 /30 /29 /28 /27 /26 /25: seven prefixes, plus the two /32s.
  EXPECT_EQ(t->num_prefixes(), 9u);
  EXPECT_EQ(origins(*t, "1.1.1.1"), std::vector<uint32_t>{7497});
  EXPECT_EQ(origins(*t, "1.1.1.0"), std::vector<uint32_t>{13335});
  EXPECT_EQ(origins(*t, "1.1.1.77"), std::vector<uint32_t>{13335});
  EXPECT_TRUE(origins(*t, "1.1.2.1").empty());  // AS 0: not routed
}

TEST(RangeToPrefixes, HandChecked) {
  EXPECT_EQ(strings(range_to_prefixes(P("1.1.1.2"), P("1.1.1.255"))),
            (std::vector<std::string>{"1.1.1.2/31", "1.1.1.4/30", "1.1.1.8/29", "1.1.1.16/28", "1.1.1.32/27",
                                      "1.1.1.64/26", "1.1.1.128/25"}));
  EXPECT_EQ(strings(range_to_prefixes(P("0.0.0.0"), P("255.255.255.255"))), std::vector<std::string>{"0.0.0.0/0"});
  EXPECT_EQ(strings(range_to_prefixes(P("10.0.0.7"), P("10.0.0.7"))), std::vector<std::string>{"10.0.0.7/32"});
  EXPECT_EQ(strings(range_to_prefixes(P("::"), P("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))),
            std::vector<std::string>{"::/0"});
  EXPECT_EQ(strings(range_to_prefixes(P("2001:db8::"), P("2001:db8::2"))),
            (std::vector<std::string>{"2001:db8::/127", "2001:db8::2/128"}));
  EXPECT_EQ(strings(range_to_prefixes(P("::ffff:ffff:ffff:ffff"), P("::1:0:0:0:0"))),
            (std::vector<std::string>{"::ffff:ffff:ffff:ffff/128", "0:0:0:1::/128"}));
  EXPECT_TRUE(range_to_prefixes(P("10.0.0.8"), P("10.0.0.7")).empty());
}

// Oracle: on random IPv4 ranges inside a 4096-address window, the cover is exact (every
// address of the range in exactly one prefix, none outside) and as small as the minimum
// number of aligned blocks found by dynamic programming over the window.
TEST(RangeToPrefixes, OracleAgainstDynamicProgramming) {
  std::mt19937 rng(20261125);
  const uint32_t base = 0x0a000000;  // 10.0.0.0, aligned far beyond the window
  for (int iter = 0; iter < 1000; ++iter) {
    uint32_t a = rng() % 4096, b = rng() % 4096;
    if (a > b) std::swap(a, b);
    auto addr = [&](uint32_t off) {
      core::Prefix p;
      uint32_t v = base + off;
      for (int i = 0; i < 4; ++i) p.bytes[i] = static_cast<uint8_t>(v >> (24 - 8 * i));
      p.len = 32;
      return p;
    };
    auto cover = range_to_prefixes(addr(a), addr(b));
    std::vector<int> hits(4096, 0);
    for (const auto& p : cover) {
      uint32_t v = (uint32_t{p.bytes[0]} << 24) | (uint32_t{p.bytes[1]} << 16) | (uint32_t{p.bytes[2]} << 8) | p.bytes[3];
      uint32_t size = uint32_t{1} << (32 - p.len);
      ASSERT_EQ(v % size, 0u) << p.to_string();
      for (uint32_t x = v - base; x < v - base + size; ++x) {
        ASSERT_LT(x, 4096u);
        ++hits[x];
      }
    }
    for (uint32_t x = 0; x < 4096; ++x) ASSERT_EQ(hits[x], (x >= a && x <= b) ? 1 : 0) << a << "-" << b << " at " << x;
    // best[x] = fewest aligned blocks tiling [x, b].
    std::vector<int> best(b - a + 2, 0);
    for (uint32_t x = b + 1; x-- > a;) {
      int m = 1 << 30;
      for (uint32_t size = 1; size <= 4096 && x % size == 0 && x + size - 1 <= b; size *= 2)
        m = std::min(m, 1 + best[x + size - a]);
      best[x - a] = m;
    }
    ASSERT_EQ(cover.size(), static_cast<size_t>(best[0])) << a << "-" << b;
  }
}

// Oracle: longest-prefix match against a linear scan, on random nested prefixes of both
// families, with random extra origins.
TEST(OriginTable, LookupOracleAgainstLinearScan) {
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    OriginTable t;
    std::vector<std::pair<core::Prefix, std::vector<uint32_t>>> all;
    auto random_prefix = [&](bool v6) {
      core::Prefix p;
      p.v6 = v6;
      // Few distinct leading bytes, so that prefixes nest and overlap.
      for (int i = 0; i < 16; ++i) p.bytes[i] = static_cast<uint8_t>(i < 2 ? rng() % 2 : rng());
      p.len = static_cast<uint8_t>(rng() % (p.max_len() + 1));
      return core::truncate(p, p.len);
    };
    // Odd rounds fill the table with add_all(), which must equal add() one pair at a time.
    std::vector<std::pair<core::Prefix, uint32_t>> pairs;
    for (int i = 0; i < 300; ++i) {
      core::Prefix p = random_prefix(rng() % 4 == 0);
      uint32_t asn = rng() % 5 + 1;
      if (round % 2) {
        pairs.emplace_back(p, asn);
      } else {
        t.add(p, asn);
      }
      auto it = std::find_if(all.begin(), all.end(), [&](const auto& e) { return e.first == p; });
      if (it == all.end()) all.push_back({p, {asn}});
      else if (std::find(it->second.begin(), it->second.end(), asn) == it->second.end()) it->second.push_back(asn);
    }
    if (round % 2) {
      OriginTable one_by_one;
      for (const auto& [p, asn] : pairs) one_by_one.add(p, asn);
      t.add_all(std::span(pairs).first(pairs.size() / 2));  // in two parts: a table that grows
      t.add_all(std::span(pairs).subspan(pairs.size() / 2));
      ASSERT_EQ(t.num_prefixes(), one_by_one.num_prefixes());
      for (size_t i = 0; i < t.num_prefixes(); ++i) {
        EXPECT_EQ(t.entry(i).prefix, one_by_one.entry(i).prefix);
        EXPECT_TRUE(std::ranges::equal(t.entry(i).origins, one_by_one.entry(i).origins));
      }
    }
    ASSERT_EQ(t.num_prefixes(), all.size());
    for (int q = 0; q < 2000; ++q) {
      core::Prefix a = random_prefix(rng() % 4 == 0);
      a.len = a.max_len();
      const std::pair<core::Prefix, std::vector<uint32_t>>* want = nullptr;
      for (const auto& e : all)
        if (e.first.v6 == a.v6 && core::truncate(a, e.first.len) == e.first && (!want || e.first.len > want->first.len))
          want = &e;
      auto hit = t.lookup(a);
      ASSERT_EQ(hit.has_value(), want != nullptr) << a.to_string();
      if (!want) continue;
      EXPECT_EQ(hit->prefix, want->first);
      EXPECT_EQ(std::vector<uint32_t>(hit->origins.begin(), hit->origins.end()), want->second);
    }
  }
}

// Every tests/data/bad/ip/NAME.txt is rejected with exactly the message in NAME.expected.
TEST(OriginTable, BadCorpus) {
  testing::check_bad_corpus("tests/data/bad/ip", ".txt", 10, [](const fs::path& f) -> std::optional<std::string> {
    auto t = load_origin_table(*core::Input::open(f.string()));
    if (t) return std::nullopt;
    return t.error().message();
  });
}

// The staged RouteViews-derived table of 2015-11-01 (pyasn format), when ../shared is there:
// its header says 606,138 IPv4 and 27,693 IPv6 prefixes.
TEST(OriginTable, StagedPyasnTable) {
  const std::string path = std::string(CLEANNET_SOURCE_DIR) + "/../shared/data/internet/ip2asn/pyasn_ipasn6_20151101.dat.gz";
  if (!fs::exists(path)) GTEST_SKIP() << "not staged: " << path;
  auto in = core::Input::open(path);
  ASSERT_TRUE(in.ok());
  auto t = load_origin_table(std::move(*in));
  ASSERT_TRUE(t.ok()) << t.error().message();
  EXPECT_EQ(t->num_v4(), 606138u);
  EXPECT_EQ(t->num_v6(), 27693u);
  EXPECT_EQ(origins(*t, "1.0.0.1"), std::vector<uint32_t>{15169});
}

}  // namespace
}  // namespace cleannet::ip
