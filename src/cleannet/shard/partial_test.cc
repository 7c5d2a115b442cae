#include "cleannet/shard/partial.h"

#include <gtest/gtest.h>

#include <random>

#include "cleannet/shard/shard.h"

namespace cleannet::shard {
namespace {

using report::Json;

Partial partial(std::vector<size_t> positions) {
  Partial p;
  p.header.kind = "carrier";
  p.header.version = "0.1.0";
  p.header.context = {
      {"policy", "clean-network"}, {"policy_sha256", "aa"}, {"registry_sha256", "bb"}, {"as_of", "2026-12-01"}};
  p.header.options = {{"asns", {3356}}};
  p.header.inputs = {"a.bz2", "b.bz2", "c.bz2", "d.bz2"};
  p.header.positions = std::move(positions);
  p.state = {{"n", 1}};
  return p;
}

TEST(Shard, ParsesAndPicksEveryNth) {
  auto s = parse_shard("2/3");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->positions(8), (std::vector<size_t>{1, 4, 7}));
  EXPECT_EQ(parse_shard("1/1")->positions(2), (std::vector<size_t>{0, 1}));
  EXPECT_TRUE(parse_shard("3/3")->positions(2).empty());
  for (const char* bad : {"0/3", "4/3", "1/0", "1", "/3", "1/", "a/b", "1/3x", "-1/3", ""}) {
    auto r = parse_shard(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().message(),
              "--shard: expected a shard I/N with 1 <= I <= N, such as 2/8, found " + core::quote_found(bad))
        << bad;
  }
}

// Every shard of every split covers each position once (oracle: the union is 0..n-1).
TEST(Shard, ShardsPartitionTheInputs) {
  for (size_t n = 0; n < 20; ++n)
    for (size_t count = 1; count <= 9; ++count) {
      std::vector<int> seen(n, 0);
      for (size_t i = 1; i <= count; ++i)
        for (size_t p : ShardSpec{i, count}.positions(n)) {
          ASSERT_LT(p, n);
          ASSERT_EQ(p % count, i - 1);
          ++seen[p];
        }
      for (int k : seen) EXPECT_EQ(k, 1);
    }
}

TEST(Partial, RoundTripsThroughBytes) {
  const Partial p = partial({0, 2});
  auto q = from_bytes("x.partial", to_bytes(p));
  ASSERT_TRUE(q) << q.error().message();
  EXPECT_EQ(to_json(*q), to_json(p));
  // Plain JSON reads too.
  auto r = from_bytes("y.partial", to_json(p).dump());
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(to_json(*r), to_json(p));
}

TEST(Partial, BadDocumentsAreErrors) {
  struct Case {
    std::string text, message;
  } cases[] = {
      {"{", "p@1: expected a cleannet partial (cleannet-partial/1, JSON), found invalid JSON"},
      {"[]", "p: expected a cleannet partial (cleannet-partial/1), found JSON that is not an object"},
      {R"({"format":"cleannet-partial/9"})",
       "p: expected a cleannet partial (cleannet-partial/1), found format \"cleannet-partial/9\""},
      {R"({"format":"cleannet-partial/1","kind":"carrier","cleannet":"0.1.0","context":null,"options":{},"sources":{},)"
       R"("inputs":["a"],"positions":[1],"state":{}})",
       "p: expected \"positions\" as indexes into \"inputs\" (0 to 1), found 1"},
      {R"({"format":"cleannet-partial/1","kind":"carrier","cleannet":"0.1.0","context":null,"options":{},"sources":{},)"
       R"("inputs":["a","b"],"positions":[1,0],"state":{}})",
       "p: expected \"positions\" ascending and distinct, found 0 after 1"},
      {R"({"format":"cleannet-partial/1","kind":"carrier","cleannet":"0.1.0","context":null,"options":{},"sources":{},)"
       R"("inputs":["a"],"positions":[0]})",
       "p: expected a partial with object \"state\", found none"},
  };
  for (const Case& c : cases) {
    auto r = from_bytes("p", c.text);
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.error().message(), c.message) << c.text;
  }
}

TEST(Partial, MergeableOnlyWithinOneRun) {
  const Partial a = partial({0, 2}), b = partial({1}), c = partial({2, 3});
  EXPECT_TRUE(check_mergeable({{"a", &a}, {"b", &b}}));
  auto overlap = check_mergeable({{"a", &a}, {"b", &b}, {"c", &c}});
  ASSERT_FALSE(overlap);
  EXPECT_EQ(overlap.error().message(), "c: expected partials of disjoint inputs, found input 3 (c.bz2) also in a");
  Partial other_as_of = partial({1});
  other_as_of.header.context["as_of"] = "2026-11-01";
  auto e = check_mergeable({{"a", &a}, {"o", &other_as_of}});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().message(),
            "o: expected a partial of the same run as a (as_of \"2026-12-01\"), found as_of \"2026-11-01\"");
  Partial other_registry = partial({1});
  other_registry.header.context["registry_sha256"] = "cc";
  e = check_mergeable({{"a", &a}, {"r", &other_registry}});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().message(),
            "r: expected a partial of the same run as a (registry_sha256 \"bb\"), found registry_sha256 \"cc\"");
  Partial other_version = partial({1});
  other_version.header.version = "0.0.9";
  e = check_mergeable({{"a", &a}, {"v", &other_version}});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().message(),
            "v: expected a partial of the same run as a (cleannet version 0.1.0), found cleannet version 0.0.9");
  Partial other_options = partial({1});
  other_options.header.options["asns"] = {174};
  e = check_mergeable({{"a", &a}, {"x", &other_options}});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().message(),
            "x: expected a partial of the same run as a (option asns [3356]), found option asns [174]");

  const Header h = merged_header({&a, &b});
  EXPECT_EQ(h.positions, (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(missing_positions(h), (std::vector<size_t>{3}));
}

}  // namespace
}  // namespace cleannet::shard
