// A seeded generator of TABLE_DUMP_V2 IPv4 RIB dumps shaped like a RouteViews full table:
// one PEER_INDEX_TABLE, then RIB_IPV4_UNICAST records in prefix order, each prefix seen by a
// random subset of the peers, with AS paths (4-byte ASNs, prepending, the odd AS_SET),
// communities, MEDs, aggregators and large communities at rates like real tables. The same
// seed gives the same bytes on every machine (splitmix64, no std:: distributions).
// SYNTHETIC data, for benchmarks only (bench/mrt_bench.py).
//
//   mrt_generate --entries 5000000 --seed 1 > rib.mrt
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "generator.h"

namespace {

using bench::Rng;

class Buf {
 public:
  void u8(uint32_t v) { b_.push_back(static_cast<uint8_t>(v)); }
  void u16(uint32_t v) {
    u8(v >> 8);
    u8(v);
  }
  void u32(uint32_t v) {
    u16(v >> 16);
    u16(v & 0xffff);
  }
  void put8(size_t at, uint32_t v) { b_[at] = static_cast<uint8_t>(v); }
  void put16(size_t at, uint32_t v) {
    b_[at] = static_cast<uint8_t>(v >> 8);
    b_[at + 1] = static_cast<uint8_t>(v);
  }
  void put32(size_t at, uint32_t v) {
    put16(at, v >> 16);
    put16(at + 2, v & 0xffff);
  }
  size_t size() const { return b_.size(); }
  void clear() { b_.clear(); }
  const uint8_t* data() const { return b_.data(); }

 private:
  std::vector<uint8_t> b_;
};

constexpr uint32_t kTime = 1400824800;  // 2014-05-23 06:00 UTC, as the staged RouteViews RIB

struct Peer {
  uint32_t ip, asn;
};

// An attribute header (RFC 4271 §4.3); returns where the length goes.
size_t attr_header(Buf& b, uint8_t flags, uint8_t type, bool ext) {
  b.u8(flags | (ext ? 0x10 : 0));
  b.u8(type);
  size_t at = b.size();
  ext ? b.u16(0) : b.u8(0);
  return at;
}
void attr_end(Buf& b, size_t at, bool ext) {
  uint32_t len = static_cast<uint32_t>(b.size() - at - (ext ? 2 : 1));
  if (ext)
    b.put16(at, len);
  else
    b.put8(at, len);
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t entries = 5000000, seed = 1, peer_count = 48;
  if (!bench::parse_options(argc, argv, {{"--entries", &entries}, {"--seed", &seed}, {"--peers", &peer_count}}))
    return bench::usage("usage: mrt_generate [--entries N] [--seed S] [--peers P] > FILE");
  const uint32_t peers_n = static_cast<uint32_t>(peer_count);
  Rng rng{seed};
  std::vector<Peer> peers(peers_n);
  for (uint32_t i = 0; i < peers_n; ++i) {
    // Peer addresses in 192.0.2.0/24-like space spread over a few /16s; ASNs 2- and 4-byte.
    peers[i].ip = (198u << 24) | (32u + i % 8) << 16 | (rng.below(250) + 1) << 8 | (i + 1);
    peers[i].asn = rng.chance(20) ? 4200000000u + rng.below(1000000) : 1000 + rng.below(60000);
  }
  std::vector<uint32_t> transit(400);
  for (auto& a : transit) a = rng.chance(10) ? 131072 + rng.below(300000) : 1 + rng.below(64000);

  Buf out, rec;
  std::FILE* f = stdout;
  auto flush_record = [&](uint16_t subtype) {
    Buf h;
    h.u32(kTime);
    h.u16(13);
    h.u16(subtype);
    h.u32(static_cast<uint32_t>(rec.size()));
    std::fwrite(h.data(), 1, h.size(), f);
    std::fwrite(rec.data(), 1, rec.size(), f);
    rec.clear();
  };
  // RFC 6396 §4.3.1 PEER_INDEX_TABLE.
  rec.u32(0x0a000001);
  rec.u16(0);
  rec.u16(peers_n);
  for (const auto& p : peers) {
    bool as4 = p.asn > 65535;
    rec.u8(as4 ? 2 : 0);
    rec.u32(p.ip);
    rec.u32(p.ip);
    as4 ? rec.u32(p.asn) : rec.u16(p.asn);
  }
  flush_record(1);

  uint64_t written = 0;
  uint32_t seq = 0;
  uint64_t addr = uint64_t{1} << 24;  // 1.0.0.0
  std::vector<uint32_t> chosen;
  while (written < entries) {
    // Prefix lengths roughly as in the 2014 table: most /24, then /22, /23, /20, /16 ...
    static const uint8_t lens[] = {24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 23, 23, 22, 22, 22, 21, 20, 20, 19, 16};
    uint8_t len = lens[rng.below(sizeof lens)];
    uint64_t size = uint64_t{1} << (32 - len);
    addr = (addr + size - 1) / size * size;
    if (addr + size > (uint64_t{224} << 24)) addr = uint64_t{1} << 24;  // wrap below multicast
    uint32_t a = static_cast<uint32_t>(addr);
    addr += size * (1 + rng.below(3));
    // RFC 6396 §4.3.2 RIB_IPV4_UNICAST.
    rec.u32(seq++);
    rec.u8(len);
    for (int i = 0; i < (len + 7) / 8; ++i) rec.u8(a >> (24 - 8 * i) & 0xff);
    uint32_t n = 1 + rng.below(peers_n);
    if (written + n > entries) n = static_cast<uint32_t>(entries - written);
    rec.u16(n);
    uint32_t origin_as = rng.chance(15) ? 131072 + rng.below(200000) : 1 + rng.below(64000);
    // Distinct peers: a stride coprime with the peer count walks them without repeats.
    uint32_t start = rng.below(peers_n), stride = 1 + rng.below(peers_n);
    auto gcd = [](uint32_t x, uint32_t y) {
      while (y) {
        uint32_t t = x % y;
        x = y;
        y = t;
      }
      return x;
    };
    while (gcd(stride, peers_n) != 1) ++stride;
    chosen.clear();
    for (uint32_t k = 0; k < n; ++k) chosen.push_back((start + k * stride) % peers_n);
    bool aggregated = rng.chance(3);
    for (uint32_t k = 0; k < n; ++k) {
      const Peer& p = peers[chosen[k]];
      rec.u16(chosen[k]);
      rec.u32(kTime - rng.below(86400 * 30));
      size_t attr_len_at = rec.size();
      rec.u16(0);
      size_t attrs_start = rec.size();
      // ORIGIN (RFC 4271 §5.1.1)
      size_t at = attr_header(rec, 0x40, 1, false);
      rec.u8(rng.chance(90) ? 0 : rng.chance(80) ? 2 : 1);
      attr_end(rec, at, false);
      // AS_PATH with 4-byte ASNs (RFC 6793 §3 in TABLE_DUMP_V2)
      at = attr_header(rec, 0x40, 2, false);
      uint32_t hops = 1 + rng.below(6);
      bool set = rng.chance(1);
      rec.u8(2);
      uint32_t prepend = rng.chance(8) ? 1 + rng.below(3) : 0;
      rec.u8(1 + hops + prepend);
      rec.u32(p.asn);
      for (uint32_t h = 0; h + 1 < hops; ++h) rec.u32(transit[rng.below(static_cast<uint32_t>(transit.size()))]);
      for (uint32_t h = 0; h <= prepend; ++h) rec.u32(origin_as);
      if (set) {
        rec.u8(1);
        rec.u8(2);
        rec.u32(origin_as + 1);
        rec.u32(origin_as + 2);
      }
      attr_end(rec, at, false);
      // NEXT_HOP
      at = attr_header(rec, 0x40, 3, false);
      rec.u32(p.ip);
      attr_end(rec, at, false);
      if (rng.chance(30)) {  // MULTI_EXIT_DISC
        at = attr_header(rec, 0x80, 4, false);
        rec.u32(rng.below(1000));
        attr_end(rec, at, false);
      }
      if (aggregated) {
        at = attr_header(rec, 0x40, 6, false);
        attr_end(rec, at, false);
        at = attr_header(rec, 0xc0, 7, false);
        rec.u32(origin_as);
        rec.u32(0xc0000200 | rng.below(256));
        attr_end(rec, at, false);
      }
      if (rng.chance(55)) {  // COMMUNITIES (RFC 1997)
        at = attr_header(rec, 0xc0, 8, false);
        uint32_t c = 1 + rng.below(8);
        uint32_t base = (p.asn > 65535 ? 0 : p.asn) << 16;
        for (uint32_t i = 0; i < c; ++i) rec.u32(rng.chance(2) ? 0xFFFFFF01u : base | rng.below(5000));
        attr_end(rec, at, false);
      }
      if (rng.chance(5)) {  // LARGE_COMMUNITIES (RFC 8092)
        at = attr_header(rec, 0xc0, 32, false);
        for (uint32_t i = 0, c = 1 + rng.below(3); i < c; ++i) {
          rec.u32(p.asn);
          rec.u32(rng.below(100));
          rec.u32(rng.below(1000));
        }
        attr_end(rec, at, false);
      }
      rec.put16(attr_len_at, static_cast<uint32_t>(rec.size() - attrs_start));
    }
    written += n;
    flush_record(2);
  }
  std::fflush(f);
  std::fprintf(stderr, "mrt_generate: %llu RIB entries in %u prefixes, seed %llu (SYNTHETIC)\n",
               static_cast<unsigned long long>(written), seq, static_cast<unsigned long long>(seed));
  return std::ferror(f) ? 1 : 0;
}
