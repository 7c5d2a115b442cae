// A seeded generator of RIPE Atlas traceroute results (native JSON, the fields and shapes of
// real firmware-4790 results: af, dst_addr, dst_name, endtime, from, fw, lts, msm_id,
// msm_name, paris_id, prb_id, proto, result[hop, result[from, rtt, size, ttl | x]], size,
// src_addr, timestamp, type). SYNTHETIC data, for benchmarks only (scripts/bench-trace).
//
// Addresses are drawn from a real prefix -> origin table so that hops attribute as they
// would on the Internet: a pool of "router" addresses inside announced prefixes, a private
// first hop (RFC 1918) on most probes, about 1 in 7 replies a timeout, and about 1 trace in
// 20 crossing a prefix of AS4134/AS4837/AS9808 (so that some verdicts are untrusted). The
// same table and seed give the same bytes on every machine (splitmix64, no std::
// distributions).
//
//   trace_generate --origins data/internet/ip2asn/ipasn6_20151101.dat.xz --traces 1000000 --seed 1 > t.ndjson
//   (--array writes one JSON array, as the RIPE Atlas API returns results)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/ip/origin.h"
#include "generator.h"

namespace {

using bench::Rng;

std::string v4(uint32_t a) {
  char b[16];
  std::snprintf(b, sizeof b, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
  return b;
}

uint32_t key(const cleannet::core::Prefix& p) {
  return (uint32_t{p.bytes[0]} << 24) | (uint32_t{p.bytes[1]} << 16) | (uint32_t{p.bytes[2]} << 8) | p.bytes[3];
}

// An address inside an IPv4 prefix (not its network address when there is room).
uint32_t inside(Rng& rng, const cleannet::core::Prefix& p) {
  uint32_t base = key(p);
  uint32_t host = p.len >= 31 ? 0 : static_cast<uint32_t>(rng.next() & ((1u << (32 - p.len)) - 1));
  if (host == 0 && p.len < 31) host = 1;
  return base | host;
}

}  // namespace

int main(int argc, char** argv) {
  std::string origins_path;
  uint64_t traces = 1000000, seed = 1;
  bool array = false;
  if (!bench::parse_options(
          argc, argv, {{"--origins", &origins_path}, {"--traces", &traces}, {"--seed", &seed}, {"--array", &array}}))
    return bench::usage("usage: trace_generate --origins TABLE [--traces N] [--seed S] [--array]");
  if (origins_path.empty()) {
    std::fprintf(stderr, "trace_generate: --origins TABLE is required (e.g. data/internet/ip2asn/ipasn6_20151101.dat.xz)\n");
    return 2;
  }
  auto in = cleannet::core::Input::open(origins_path);
  if (!in) {
    std::fprintf(stderr, "%s\n", in.error().message().c_str());
    return 2;
  }
  auto table = cleannet::ip::load_origin_table(std::move(*in));
  if (!table) {
    std::fprintf(stderr, "%s\n", table.error().message().c_str());
    return 2;
  }
  Rng rng{seed};
  // Routers: addresses in announced IPv4 prefixes of /8../24 (a table's /25+ are rare).
  std::vector<cleannet::core::Prefix> v4p, untrusted;
  for (size_t i = 0; i < table->num_prefixes(); ++i) {
    auto e = table->entry(i);
    if (e.prefix.v6 || e.prefix.len < 8 || e.prefix.len > 24) continue;
    v4p.push_back(e.prefix);
    for (uint32_t asn : e.origins)
      if (asn == 4134 || asn == 4837 || asn == 9808) untrusted.push_back(e.prefix);
  }
  if (v4p.empty() || untrusted.empty()) {
    std::fprintf(stderr, "trace_generate: the table needs IPv4 prefixes, some of AS4134/AS4837/AS9808\n");
    return 2;
  }
  std::vector<uint32_t> routers(50000), bad_routers(2000), dests(5000), probes(10000);
  for (auto& r : routers) r = inside(rng, v4p[rng.below(static_cast<uint32_t>(v4p.size()))]);
  for (auto& r : bad_routers) r = inside(rng, untrusted[rng.below(static_cast<uint32_t>(untrusted.size()))]);
  for (auto& r : dests) r = inside(rng, v4p[rng.below(static_cast<uint32_t>(v4p.size()))]);
  for (auto& r : probes) r = inside(rng, v4p[rng.below(static_cast<uint32_t>(v4p.size()))]);

  std::string out;
  out.reserve(1 << 22);
  if (array) out += "[";
  const uint64_t t0 = 1700000000;
  for (uint64_t n = 0; n < traces; ++n) {
    const uint32_t probe = rng.below(static_cast<uint32_t>(probes.size()));
    const uint32_t dst = dests[rng.below(static_cast<uint32_t>(dests.size()))];
    const uint64_t ts = t0 + n / 10;
    const bool crosses_untrusted = rng.chance(5);
    const uint32_t hops = 6 + rng.below(14);
    if (array && n) out += ",";
    out += "{\"af\":4,\"dst_addr\":\"" + v4(dst) + "\",\"dst_name\":\"" + v4(dst) + "\",\"endtime\":" + std::to_string(ts + 3) +
           ",\"from\":\"" + v4(probes[probe]) + "\",\"fw\":4790,\"lts\":" + std::to_string(rng.below(100)) +
           ",\"msm_id\":" + std::to_string(5000000 + dst % 1000) + ",\"msm_name\":\"Traceroute\",\"paris_id\":" +
           std::to_string(1 + n % 16) + ",\"prb_id\":" + std::to_string(1000 + probe) + ",\"proto\":\"UDP\",\"result\":[";
    const uint32_t bad_hop = 2 + rng.below(hops - 2);
    uint32_t last_router = 0;
    for (uint32_t h = 1; h <= hops; ++h) {
      if (h > 1) out += ",";
      out += "{\"hop\":" + std::to_string(h) + ",\"result\":[";
      uint32_t addr;
      if (h == hops) addr = dst;
      else if (h == 1 && rng.chance(70)) addr = (192u << 24) | (168u << 16) | (rng.below(4) << 8) | 1;  // home router
      else if (crosses_untrusted && h == bad_hop) addr = bad_routers[rng.below(static_cast<uint32_t>(bad_routers.size()))];
      else addr = routers[rng.below(static_cast<uint32_t>(routers.size()))];
      if (h > 1 && h < hops && rng.chance(10)) addr = last_router;  // a router answering twice in a row
      last_router = addr;
      const bool silent = h > 1 && h < hops && rng.chance(12);
      for (int k = 0; k < 3; ++k) {
        if (k) out += ",";
        if (silent || rng.chance(3)) {
          out += "{\"x\":\"*\"}";
          continue;
        }
        char rtt[32];
        std::snprintf(rtt, sizeof rtt, "%.3f", 0.5 + h * 4.0 + static_cast<double>(rng.below(20000)) / 1000.0);
        out += "{\"from\":\"" + v4(addr) + "\",\"rtt\":" + rtt + ",\"size\":28,\"ttl\":" + std::to_string(255 - h) + "}";
      }
      out += "]}";
    }
    out += "],\"size\":48,\"src_addr\":\"192.168.1." + std::to_string(2 + probe % 200) + "\",\"timestamp\":" + std::to_string(ts) +
           ",\"type\":\"traceroute\"}";
    if (!array) out += "\n";
    if (out.size() > (1 << 22) - 8192) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  if (array) out += "]\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
