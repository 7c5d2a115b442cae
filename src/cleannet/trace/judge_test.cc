// The judge's address cache against no cache: random traces (seeded) over a pool of
// addresses far larger than a tiny cache, so that sets fill and addresses are evicted and
// judged again, give the same verdict, field for field and in both renderings, as a judge
// that classifies every address afresh. The pool holds 0.0.0.0 (the cache's empty key),
// addresses in nested and multi-origin prefixes, unattributed, private and IPv6 addresses.
#include "cleannet/trace/judge.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/trace/render.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"

namespace cleannet::trace {
namespace {

core::Prefix addr(const std::string& s) {
  auto p = parse_address(s);
  EXPECT_TRUE(p) << s;
  return *p;
}

struct JudgeOracle : ::testing::Test {
  void SetUp() override {
    auto reg = trust::load_registry({}, true);
    ASSERT_TRUE(reg.ok()) << reg.error().message();
    registry = std::make_unique<trust::Registry>(std::move(*reg));
    resolver = std::make_unique<trust::Resolver>(*registry);
    attributor = std::make_unique<asgraph::AsAttributor>(*resolver, nullptr);
    auto p = trust::load_policy("clean-network");
    ASSERT_TRUE(p.ok());
    policy = std::move(*p);
    // Untrusted under clean-network in the bundled registry: 4134, 4809 (China Telecom), 4837
    // (China Unicom), 9808 (China Mobile); 64496-64511 (documentation ASNs) have no
    // organisation. 20.0.0.0/8 nests /16s and /24s; 30.1.0.0/16 has two origins.
    std::mt19937 rng(5);
    const uint32_t asns[] = {4134, 4809, 4837, 9808, 64496, 64500, 64501, 64502};
    auto add = [&](const std::string& p, uint32_t asn) { origins.add(*core::parse_prefix(p), asn); };
    add("20.0.0.0/8", 64496);
    for (int i = 0; i < 16; ++i) add("20." + std::to_string(i * 7) + ".0.0/16", asns[rng() % 8]);
    for (int i = 0; i < 32; ++i)
      add("20." + std::to_string(i % 16 * 7) + "." + std::to_string(i) + ".0/24", asns[rng() % 8]);
    add("30.1.0.0/16", 64502);
    add("30.1.0.0/16", 4134);
    add("2001:db8:100::/48", 4837);
    add("2001:db8:200::/48", 64500);
    origins.source = "synthetic";
    hops = std::make_unique<HopAttributor>(&origins, nullptr);
    // The pool: 600 addresses, each drawn where the table has something (or nothing) to say.
    pool.push_back(addr("0.0.0.0"));
    while (pool.size() < 600) {
      const uint32_t r = rng();
      std::string a;
      switch (r % 8) {
        case 0:
        case 1:
        case 2:
          a = "20." + std::to_string(r % 16 * 7) + "." + std::to_string((r >> 8) % 40) + "." + std::to_string(r >> 24);
          break;
        case 3:
          a = "30.1." + std::to_string((r >> 8) % 256) + "." + std::to_string(r >> 24);
          break;
        case 4:
          a = "40." + std::to_string((r >> 8) % 256) + ".0." + std::to_string(r >> 24);  // in no prefix
          break;
        case 5:
          a = "10.0." + std::to_string((r >> 8) % 4) + "." + std::to_string(r >> 24);  // private
          break;
        case 6:
          a = (r & 0x100 ? "2001:db8:100::" : "2001:db8:300::") + std::to_string((r >> 12) % 50);
          break;
        default:
          a = "::ffff:20.7." + std::to_string((r >> 8) % 8) + "." + std::to_string(r >> 24);
      }
      pool.push_back(addr(a));
    }
  }

  // A random trace: a vantage point from the pool (or none), up to 12 hops of up to three
  // replies each, timeouts, repeated addresses within a hop, late replies, MPLS labels.
  Traceroute random_trace(std::mt19937& rng) {
    Traceroute t;
    t.line = rng() % 1000 + 1;
    t.prb_id = rng() % 3 ? static_cast<int64_t>(rng() % 50) : -1;
    t.dst_addr = "192.0.2." + std::to_string(rng() % 4);
    if (rng() % 5) t.from = address_text(pool[rng() % pool.size()]);
    const int n = static_cast<int>(rng() % 13);
    for (int h = 1; h <= n; ++h) {
      Hop& hop = t.hops.emplace_back();
      hop.number = h;
      hop.first = static_cast<uint32_t>(t.replies.size());
      if (rng() % 20 == 0) hop.error = "connect failed";
      const core::Prefix same = pool[rng() % pool.size()];
      for (uint32_t k = rng() % 4; k > 0; --k) {
        Reply& r = t.replies.emplace_back();
        if (rng() % 6 == 0) continue;  // a timeout
        r.kind = Reply::kAnswer;
        r.from = rng() % 3 ? same : pool[rng() % pool.size()];
        r.late = rng() % 10 == 0;
        if (rng() % 8 == 0) {
          r.mpls_first = static_cast<uint32_t>(t.mpls.size());
          r.mpls_count = 1;
          t.mpls.push_back(16000 + rng() % 3);
        }
      }
      hop.count = static_cast<uint32_t>(t.replies.size()) - hop.first;
    }
    return t;
  }

  std::unique_ptr<trust::Registry> registry;
  std::unique_ptr<trust::Resolver> resolver;
  std::unique_ptr<asgraph::AsAttributor> attributor;
  trust::Policy policy;
  ip::OriginTable origins;
  std::unique_ptr<HopAttributor> hops;
  std::vector<core::Prefix> pool;
};

void expect_same(const TraceVerdict& a, const TraceVerdict& b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.hops, b.hops);
  EXPECT_EQ(a.private_, b.private_);
  EXPECT_EQ(a.ixp, b.ixp);
  EXPECT_EQ(a.attributed, b.attributed);
  EXPECT_EQ(a.unattributed, b.unattributed);
  EXPECT_EQ(a.unresponsive, b.unresponsive);
  EXPECT_EQ(a.errors, b.errors);
  EXPECT_EQ(a.untrusted, b.untrusted);
  EXPECT_EQ(a.undetermined, b.undetermined);
  EXPECT_EQ(a.why, b.why);
  EXPECT_EQ(a.source_as, b.source_as);
  EXPECT_EQ(a.source_asn, b.source_asn);
  EXPECT_EQ(a.source, b.source);
  ASSERT_EQ(a.addresses.size(), b.addresses.size());
  for (size_t i = 0; i < a.addresses.size(); ++i) {
    const HopAddress &x = a.addresses[i], &y = b.addresses[i];
    EXPECT_EQ(x.hop, y.hop);
    EXPECT_EQ(address_text(x.address), address_text(y.address));
    EXPECT_EQ(x.value, y.value) << address_text(x.address);
    EXPECT_EQ(x.deciding, y.deciding) << address_text(x.address);
    EXPECT_EQ(x.replies, y.replies);
    EXPECT_EQ(x.late, y.late);
    EXPECT_EQ(x.mpls, y.mpls);
  }
}

TEST_F(JudgeOracle, TinyCachesJudgeAsNoCache) {
  AsJudge judge(*attributor, *registry, policy, trust::StatusOptions{}, kLine);
  TraceJudge uncached(*hops, judge, 0);
  // one set of four; four sets; and a capacity that is not a power of two (rounded to 16)
  TraceJudge one_set(*hops, judge, 4), four_sets(*hops, judge, 16), odd(*hops, judge, 20);
  std::mt19937 rng(1);
  size_t verdicts[3] = {0, 0, 0};
  for (int n = 0; n < 3000; ++n) {
    SCOPED_TRACE(n);
    const Traceroute t = random_trace(rng);
    const TraceVerdict& want = uncached.judge(t);
    std::string want_json, want_text;
    append_verdict_json(want_json, t, want, "f", judge);
    append_verdict_text(want_text, t, want, "f", judge);
    ++verdicts[static_cast<int>(want.kind)];
    for (TraceJudge* j : {&one_set, &four_sets, &odd}) {
      const TraceVerdict& got = j->judge(t);
      expect_same(got, want);
      std::string json, text;
      append_verdict_json(json, t, got, "f", judge);
      append_verdict_text(text, t, got, "f", judge);
      EXPECT_EQ(json, want_json);
      EXPECT_EQ(text, want_text);
    }
    if (HasFailure()) break;
  }
  // every kind of verdict was met, many times
  EXPECT_GT(verdicts[static_cast<int>(VerdictKind::kClean)], 100u);
  EXPECT_GT(verdicts[static_cast<int>(VerdictKind::kUntrusted)], 100u);
  EXPECT_GT(verdicts[static_cast<int>(VerdictKind::kUndetermined)], 100u);
}

// The cache's own contract on a handful of keys: at most four per set stay, the least
// recently used goes first, and a key is filled again only after it went.
TEST(AddressCache, KeepsTheFourMostRecentlyUsedOfASet) {
  struct Slot {
    uint32_t address = 0, fills = 0;
  };
  detail::AddressCache<Slot> c(4);  // one set: every key competes
  ASSERT_EQ(c.capacity(), 4u);
  uint32_t fills = 0;
  auto get = [&](uint32_t k) { return c.get(k, [&](Slot& s) { s.fills = ++fills; }).fills; };
  for (uint32_t k = 1; k <= 4; ++k) EXPECT_EQ(get(k), k);
  EXPECT_EQ(get(1), 1u);  // a hit, now the most recent
  EXPECT_EQ(get(5), 5u);  // evicts 2, the least recently used
  EXPECT_EQ(get(3), 3u);
  EXPECT_EQ(get(4), 4u);
  EXPECT_EQ(get(2), 6u);  // filled again
  EXPECT_EQ(get(0), 7u);  // 0 is the empty key: never a hit
  EXPECT_EQ(get(0), 8u);
  detail::AddressCache<Slot> none(0);
  EXPECT_EQ(none.capacity(), 0u);
  EXPECT_EQ(none.get(9, [&](Slot& s) { s.fills = 100; }).fills, 100u);
  EXPECT_EQ(none.get(9, [&](Slot& s) { s.fills = 101; }).fills, 101u);
}

}  // namespace
}  // namespace cleannet::trace
