// Randomised oracles for provider attribution (seeded, so failures reproduce):
//  - addresses: ProviderCatalog::range_for (per-length hash tables) against a linear scan
//    over every bundled prefix, on 1,000,000 random IPv4 and IPv6 addresses; half are drawn
//    inside a random bundled prefix (with random host bits), half uniformly, so that hits,
//    misses and nested prefixes all occur. CLEANNET_ORACLE_ADDRESSES changes the count
//    (the sanitizer build may use fewer);
//  - hostnames: by_domain against a scan of every suffix (whole labels, longest wins) on
//    200,000 random names built from suffixes, near misses and random labels.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <random>

#include "cleannet/cloud/attribution.h"
#include "cleannet/core/text.h"

namespace cleannet::cloud {
namespace {

struct Flat {
  uint64_t hi, lo, mhi, mlo;
  uint8_t len;
  bool v6;
};

uint64_t mask64(int bits) { return bits <= 0 ? 0 : bits >= 64 ? ~0ull : ~0ull << (64 - bits); }

Flat flatten(const core::Prefix& p) {
  Flat f{0, 0, 0, 0, p.len, p.v6};
  int n = p.v6 ? 16 : 4;
  for (int i = 0; i < 8; ++i) f.hi = (f.hi << 8) | (i < n ? p.bytes[i] : 0);
  for (int i = 8; i < 16; ++i) f.lo = (f.lo << 8) | (i < n ? p.bytes[i] : 0);
  f.mhi = mask64(p.len);
  f.mlo = mask64(p.len - 64);
  return f;
}

TEST(AttributionOracle, LongestPrefixMatchAgreesWithLinearScan) {
  auto cat = ProviderCatalog::bundled();
  ASSERT_TRUE(cat) << cat.error().message();
  const auto& ranges = cat->ranges();
  ASSERT_GT(ranges.size(), 20000u);
  std::vector<Flat> v4, v6;
  std::vector<uint32_t> id4, id6;
  for (uint32_t i = 0; i < ranges.size(); ++i) {
    (ranges[i].prefix.v6 ? v6 : v4).push_back(flatten(ranges[i].prefix));
    (ranges[i].prefix.v6 ? id6 : id4).push_back(i);
  }
  // 1,000,000 in the normal build (the figure); under ASan/UBSan, where a linear
  // scan of 27,218 prefixes per address takes minutes, 100,000 keep the CI run in time.
#if defined(__SANITIZE_ADDRESS__)
  size_t n = 100000;
#else
  size_t n = 1000000;
#endif
  if (const char* e = std::getenv("CLEANNET_ORACLE_ADDRESSES")) n = std::strtoul(e, nullptr, 10);
  std::mt19937_64 rng(20261125);
  size_t hits = 0, checked = 0, v6_checked = 0;
  for (size_t k = 0; k < n; ++k) {
    bool six = k % 2 == 1;
    core::Prefix a;
    a.v6 = six;
    a.len = six ? 128 : 32;
    uint64_t r1 = rng(), r2 = rng();
    for (int i = 0; i < 8; ++i) a.bytes[i] = static_cast<uint8_t>(r1 >> (8 * i));
    for (int i = 8; i < 16; ++i) a.bytes[i] = static_cast<uint8_t>(r2 >> (8 * (i - 8)));
    if (!six)
      for (int i = 4; i < 16; ++i) a.bytes[i] = 0;
    if (rng() % 2 == 0) {  // inside a random bundled prefix of this family
      const auto& ids = six ? id6 : id4;
      const core::Prefix& p = ranges[ids[rng() % ids.size()]].prefix;
      for (int bit = 0; bit < p.len; ++bit) {
        uint8_t m = static_cast<uint8_t>(0x80 >> (bit % 8));
        a.bytes[bit / 8] = static_cast<uint8_t>((a.bytes[bit / 8] & ~m) | (p.bytes[bit / 8] & m));
      }
    }
    // Linear scan: the longest stored prefix containing the address.
    Flat q = flatten(a);
    const auto& flats = six ? v6 : v4;
    const auto& ids = six ? id6 : id4;
    int best = -1;
    for (size_t i = 0; i < flats.size(); ++i) {
      const Flat& f = flats[i];
      if ((q.hi & f.mhi) == f.hi && (q.lo & f.mlo) == f.lo &&
          (best < 0 || f.len > flats[static_cast<size_t>(best)].len))
        best = static_cast<int>(i);
    }
    const RangeEntry* got = cat->range_for(a);
    const RangeEntry* want = best < 0 ? nullptr : &ranges[ids[static_cast<size_t>(best)]];
    ASSERT_EQ(got, want) << a.to_string() << " got " << (got ? got->prefix.to_string() : "none") << " want "
                         << (want ? want->prefix.to_string() : "none");
    hits += got != nullptr;
    ++checked;
    v6_checked += six;
  }
  EXPECT_EQ(checked, n);
  EXPECT_GT(hits, n / 3);  // the drawn-inside half always hits
  EXPECT_EQ(v6_checked, n / 2);
}

TEST(AttributionOracle, DomainSuffixAgreesWithScan) {
  auto cat = ProviderCatalog::bundled();
  ASSERT_TRUE(cat);
  const auto& suffixes = ProviderCatalog::domain_suffixes();
  std::mt19937_64 rng(6);
  const char* labels[] = {"oss-cn-beijing", "bucket", "cos",     "ap-guangzhou", "com",  "cn",       "x",
                          "blob",           "core",   "windows", "net",          "evil", "aliyuncs", "myqcloud",
                          "amazonaws",      "s3",     "run",     "app"};
  size_t attributed = 0;
  for (int k = 0; k < 200000; ++k) {
    std::string h;
    int n = static_cast<int>(rng() % 4);
    for (int i = 0; i < n; ++i) h += std::string(labels[rng() % std::size(labels)]) + ".";
    switch (rng() % 4) {
      case 0:
        h += suffixes[rng() % suffixes.size()].suffix;
        break;  // a suffix
      case 1:
        h += "x" + suffixes[rng() % suffixes.size()].suffix;
        break;  // glued: not a label match
      case 2:
        h += suffixes[rng() % suffixes.size()].suffix + ".example";
        break;  // suffix not at the end
      default:
        h += labels[rng() % std::size(labels)];
        break;
    }
    if (rng() % 5 == 0)
      for (char& c : h) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (rng() % 7 == 0) h += ".";
    // Scan: the longest suffix equal to the name or preceded by a dot, case-insensitive.
    std::string l = core::to_lower(h);
    while (!l.empty() && l.back() == '.') l.pop_back();
    const DomainSuffix* best = nullptr;
    for (const DomainSuffix& s : suffixes) {
      bool match = l == s.suffix || (l.size() > s.suffix.size() &&
                                     l.compare(l.size() - s.suffix.size(), s.suffix.size(), s.suffix) == 0 &&
                                     l[l.size() - s.suffix.size() - 1] == '.');
      if (match && (!best || s.suffix.size() > best->suffix.size())) best = &s;
    }
    auto got = cat->by_domain(h);
    ASSERT_EQ(got.has_value(), best != nullptr) << h;
    if (best) {
      EXPECT_EQ(got->detail, best->suffix) << h;
      EXPECT_EQ(got->provider, best->provider) << h;
      ++attributed;
    }
  }
  EXPECT_GT(attributed, 40000u);
}

}  // namespace
}  // namespace cleannet::cloud
