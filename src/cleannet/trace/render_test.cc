// The renderings' own formatting against the library calls they replace: addresses against
// inet_ntop, JSON strings against a byte-by-byte escaper (the golden tests check whole
// verdicts; these check every byte value and every position of an escape in a string).
#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/trace/render.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"

namespace cleannet::trace {
namespace {

std::string ntop(const core::Prefix& a) {
  char buf[INET6_ADDRSTRLEN];
  EXPECT_NE(inet_ntop(a.v6 ? AF_INET6 : AF_INET, a.bytes.data(), buf, sizeof buf), nullptr);
  return buf;
}

TEST(Render, WriteAddressAgreesWithInetNtop) {
  std::mt19937_64 rng(7);
  auto check = [](const core::Prefix& a) {
    char buf[kAddressTextMax + 8];
    std::fill(std::begin(buf), std::end(buf), '#');
    char* end = write_address(buf, a);
    ASSERT_LE(end - buf, static_cast<std::ptrdiff_t>(kAddressTextMax));
    ASSERT_EQ(std::string(buf, end), ntop(a));
    ASSERT_EQ(address_text(a), ntop(a));
  };
  core::Prefix a;
  a.len = 32;
  for (uint32_t edge : {0u, 1u, 9u, 10u, 99u, 100u, 255u, 256u, 0x0a000001u, 0x64646464u, 0xffffffffu}) {
    for (int i = 0; i < 4; ++i) a.bytes[i] = static_cast<uint8_t>(edge >> (24 - 8 * i));
    check(a);
  }
  for (int n = 0; n < 200000; ++n) {
    const uint64_t r = rng();
    for (int i = 0; i < 4; ++i) a.bytes[i] = static_cast<uint8_t>(r >> (8 * i));
    check(a);
  }
  core::Prefix b;
  b.v6 = true;
  b.len = 128;
  for (int n = 0; n < 20000; ++n) {
    const uint64_t r = rng(), s = rng();
    for (int i = 0; i < 16; ++i) b.bytes[i] = static_cast<uint8_t>(i < 8 ? r >> (8 * i) : s >> (8 * (i - 8)));
    // runs of zero groups, so that "::" appears in all places
    for (int i = 0; i < 16; ++i)
      if ((s >> (i % 8)) & (r >> (40 + i)) & 1) b.bytes[i] = 0;
    check(b);
  }
}

// RFC 8259 §7, one byte at a time: what the renderer wrote before it scanned eight at once.
std::string escaped(std::string_view s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '"':
        o += "\\\"";
        break;
      case '\\':
        o += "\\\\";
        break;
      case '\n':
        o += "\\n";
        break;
      case '\r':
        o += "\\r";
        break;
      case '\t':
        o += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          o += buf;
        } else {
          o += c;
        }
    }
  }
  return o;
}

TEST(Render, JsonStringsEscapeEveryByteInEveryPosition) {
  auto reg = trust::load_registry({}, true);
  ASSERT_TRUE(reg.ok()) << reg.error().message();
  trust::Resolver resolver(*reg);
  asgraph::AsAttributor attributor(resolver, nullptr);
  auto policy = trust::load_policy("clean-network");
  ASSERT_TRUE(policy.ok());
  AsJudge judge(attributor, *reg, *policy, trust::StatusOptions{}, kLine);

  auto expect_field = [&](const std::string& from, const std::string& file) {
    Traceroute t;
    t.line = 3;
    t.from = from;
    t.dst_addr = "192.0.2.1";
    TraceVerdict v;
    v.why = from;
    std::string out = "prefix";
    append_verdict_json(out, t, v, file, judge);
    const std::string want_from = ",\"from\":\"" + escaped(from) + "\",\"source_as\":null,";
    const std::string want_why = ",\"why\":\"" + escaped(from) + "\",\"hops\":0,";
    ASSERT_EQ(out.rfind("prefix{\"file\":\"" + escaped(file) + "\",\"line\":3,", 0), 0u) << out;
    ASSERT_NE(out.find(want_from), std::string::npos) << out;
    ASSERT_NE(out.find(want_why), std::string::npos) << out;
    ASSERT_EQ(out.back(), '\n');
  };
  // every byte value alone and amid plain text, at every offset of an eight-byte step
  for (int c = 0; c < 256; ++c)
    for (size_t at = 0; at < 19; ++at) {
      std::string s(18, 'a');
      s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), static_cast<char>(c));
      expect_field(s, "f" + std::string(1, static_cast<char>(c)));
    }
  // random strings over the bytes that matter, of every length up to 40
  std::mt19937 rng(11);
  const char alphabet[] = {'a', '.', '"', '\\', '\n', '\r', '\t', '\x01', '\x1f', ' ', '\x7f', '\x80', '\xff', '0'};
  for (int n = 0; n < 20000; ++n) {
    std::string s(rng() % 41, ' ');
    for (char& ch : s) ch = alphabet[rng() % sizeof alphabet];
    expect_field(s, s);
  }
  // longer than the renderer's buffer, with escapes on both sides of its edges
  std::string big;
  for (int i = 0; i < 20000; ++i) big += (i % 97 == 0) ? '"' : static_cast<char>('a' + i % 26);
  expect_field(big, big);
}

}  // namespace
}  // namespace cleannet::trace
