// IP addresses, prefixes and a longest-prefix-match table.
//
// They live in core because the trust resolver (registry prefixes) and the later ip/bgp
// modules both need them and trust sits below ip in ARCHITECTURE.md's table.
// PrefixTable keeps every prefix in one flat hash table keyed by (family, length, bits) and
// remembers which lengths are present, so a lookup costs at most one probe per distinct
// length (<= 33 for IPv4, <= 129 for IPv6), whatever the number of prefixes stored.
//
//   auto p = parse_prefix("203.0.113.0/24");   PrefixTable<int> t;  t.insert(*p, 7);
//   if (auto hit = t.longest_match(*parse_prefix("203.0.113.9"))) use(hit->value, hit->prefix);
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cleannet/core/huge_pages.h"

namespace cleannet::core {

struct Prefix {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  // IPv4 uses the first 4
  uint8_t len = 0;

  uint8_t max_len() const { return v6 ? 128 : 32; }
  std::string to_string() const;  // "203.0.113.0/24"; an address prints with its full length
  friend bool operator==(const Prefix&, const Prefix&) = default;
};

// "192.0.2.1", "2001:db8::1", "192.0.2.0/24", "2001:db8::/32". With strict, host bits set
// beyond the length are an error; otherwise they are cleared. An IPv4-mapped address or
// prefix is returned as IPv4 (unmap_ipv4).
std::optional<Prefix> parse_prefix(std::string_view s, bool strict = false);

// RFC 4291 §2.5.5.2: the IPv4-mapped IPv6 address ::ffff:a.b.c.d (also written
// ::ffff:c000:201) is the IPv4 node a.b.c.d, so it is looked up as IPv4 (registry prefixes,
// origin tables, private and IXP ranges). A prefix of length 96 + n inside ::ffff:0:0/96 is
// the IPv4 prefix of length n; anything else is returned unchanged: shorter prefixes hold
// more than the mapped block, and the deprecated IPv4-compatible ::a.b.c.d (§2.5.5.1) and
// NAT64's 64:ff9b::/96 (RFC 6052 §2.1) name IPv6 nodes of their own. Every address parser
// of the project calls this (the trace reader's fast path included), so that one address
// has one lookup key.
inline Prefix unmap_ipv4(const Prefix& p) {
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (!p.v6 || p.len < 96 || __builtin_memcmp(p.bytes.data(), kMapped, sizeof kMapped) != 0) return p;
  Prefix v4;
  for (int i = 0; i < 4; ++i) v4.bytes[i] = p.bytes[12 + i];
  v4.len = static_cast<uint8_t>(p.len - 96);
  return v4;
}

// Clears the bits beyond `len`.
Prefix truncate(const Prefix& p, uint8_t len);

template <typename V>
class PrefixTable {
 public:
  struct Hit {
    const V& value;  // valid until the next insert()
    Prefix prefix;
  };

  // Returns false when the prefix is already present (the value is left unchanged).
  bool insert(const Prefix& p, V value) { return emplace(p, std::move(value)).second; }

  // Like insert(), and says where the value is: the stored one when the prefix was already
  // present (valid until the next insert).
  std::pair<V*, bool> emplace(const Prefix& p, V value) {
    const Key k = masked(key(p), p.len, p.v6);
    if ((size_ + 1) * 4 > slots_.size() * 3) grow(size_ + 1);
    size_t i = home(k);
    for (;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.tag == 0) break;
      if (s.matches(k)) return {&s.value, false};
    }
    slots_[i] = Slot{k.hi, k.lo, std::move(value), k.tag};
    ++size_;
    add_length(p.v6, p.len);
    return {&slots_[i].value, true};
  }

  // Room for n prefixes without rehashing.
  void reserve(size_t n) {
    if (n * 4 > slots_.size() * 3) grow(n);
  }
  // Starts fetching the slot where p's search begins: a bulk insert calls it some prefixes
  // ahead, as the slots of a large table are a cache miss each.
  void prefetch(const Prefix& p) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[home(masked(key(p), p.len, p.v6))]);
  }
  size_t size() const { return size_; }

  // The most specific stored prefix that contains q (q's own length included).
  std::optional<Hit> longest_match(const Prefix& q) const {
    if (size_ == 0) return std::nullopt;
    const Lengths& ls = lengths(q.v6);
    const Key full = key(q);
    for (uint8_t i = 0; i < ls.count; ++i) {
      const uint8_t len = ls.longest_first[i];
      if (len > q.len) continue;
      if (const V* v = find(masked(full, len, q.v6))) return Hit{*v, truncate(q, len)};
    }
    return std::nullopt;
  }

  const V* find_exact(const Prefix& p) const {
    if (size_ == 0) return nullptr;
    return find(masked(key(p), p.len, p.v6));
  }

 private:
  // Open addressing with linear probing in one flat array for both families and every
  // length (a node-based map per length costs an allocation per prefix, and a full table
  // holds hundreds of thousands of prefixes). The key is the prefix as a 128-bit
  // big-endian number with the bits past its length cleared (what truncate() gives), plus
  // the length and family; tag 0 marks an empty slot.
  struct Key {
    uint64_t hi, lo;
    uint16_t tag;  // 1 + (v6 << 8 | len)
    bool operator==(const Key&) const = default;
  };
  struct Slot {  // the key's fields beside the value: 24 bytes for a 4-byte value
    uint64_t hi = 0, lo = 0;
    V value{};
    uint16_t tag = 0;
    bool matches(const Key& k) const { return tag == k.tag && hi == k.hi && lo == k.lo; }
  };

  static Key key(const Prefix& p) {
    Key k{0, 0, 0};
    for (int i = 0; i < 8; ++i) k.hi = (k.hi << 8) | p.bytes[i];
    for (int i = 8; i < 16; ++i) k.lo = (k.lo << 8) | p.bytes[i];
    return k;
  }
  // key(truncate(p, len)) from key(p).
  static Key masked(Key k, int len, bool v6) {
    if (len < 64) {
      k.hi &= len == 0 ? 0 : ~uint64_t{0} << (64 - len);
      k.lo = 0;
    } else if (len < 128) {
      k.lo &= len == 64 ? 0 : ~uint64_t{0} << (128 - len);
    }
    k.tag = static_cast<uint16_t>(1 + ((v6 ? 256 : 0) | len));
    return k;
  }
  size_t home(const Key& k) const {
    // MurmurHash3's 64-bit finaliser over the folded key: IPv4 keys differ only in the top
    // 32 bits of hi, so the mixing must carry them into the bits the mask keeps.
    uint64_t h = k.hi ^ (k.lo * 0x9E3779B97F4A7C15ull) ^ (uint64_t{k.tag} << 1);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return static_cast<size_t>(h) & mask_;
  }
  const V* find(const Key& k) const {
    for (size_t i = home(k);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.tag == 0) return nullptr;
      if (s.matches(k)) return &s.value;
    }
  }
  void grow(size_t n) {
    size_t cap = 16;
    while (n * 4 > cap * 3) cap *= 2;
    if (cap <= slots_.size()) return;
    HugeVector<Slot> old = std::exchange(slots_, HugeVector<Slot>(cap));
    mask_ = cap - 1;
    for (Slot& s : old) {
      if (s.tag == 0) continue;
      size_t i = home(Key{s.hi, s.lo, s.tag});
      while (slots_[i].tag != 0) i = (i + 1) & mask_;
      slots_[i] = std::move(s);
    }
  }
  // The lengths present in one family, longest first: a lookup probes only these, without
  // a branch per absent length.
  struct Lengths {
    std::array<uint8_t, 129> longest_first{};
    uint8_t count = 0;
  };
  const Lengths& lengths(bool v6) const { return v6 ? l6_ : l4_; }
  void add_length(bool v6, uint8_t len) {
    Lengths& ls = v6 ? l6_ : l4_;
    uint8_t i = 0;
    while (i < ls.count && ls.longest_first[i] > len) ++i;
    if (i < ls.count && ls.longest_first[i] == len) return;
    for (uint8_t j = ls.count; j > i; --j) ls.longest_first[j] = ls.longest_first[j - 1];
    ls.longest_first[i] = len;
    ++ls.count;
  }

  // On huge pages (core/huge_pages.h): a full table is tens of megabytes, probed at random,
  // and 4 KiB pages cost a page fault each to fill and a TLB miss each to probe.
  HugeVector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
  Lengths l4_, l6_;
};

}  // namespace cleannet::core
