// IP addresses, prefixes and a longest-prefix-match table.
//
// They live in core because the trust resolver (registry prefixes) and the later ip/bgp
// modules both need them and trust sits below ip in ARCHITECTURE.md's table.
// PrefixTable keeps one hash map per prefix length that is present, so a lookup costs at
// most one probe per distinct length (<= 33 for IPv4, <= 129 for IPv6), whatever the
// number of prefixes stored.
//
//   auto p = parse_prefix("203.0.113.0/24");   PrefixTable<int> t;  t.insert(*p, 7);
//   if (auto hit = t.longest_match(*parse_prefix("203.0.113.9"))) use(hit->value, hit->prefix);
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
// beyond the length are an error; otherwise they are cleared.
std::optional<Prefix> parse_prefix(std::string_view s, bool strict = false);

// Clears the bits beyond `len`.
Prefix truncate(const Prefix& p, uint8_t len);

template <typename V>
class PrefixTable {
 public:
  struct Hit {
    const V& value;
    Prefix prefix;
  };

  // Returns false when the prefix is already present (the value is left unchanged).
  bool insert(const Prefix& p, V value) {
    Prefix k = truncate(p, p.len);
    auto& bucket = maps(k.v6)[k.len];
    bool fresh = bucket.emplace(key(k), std::move(value)).second;
    if (fresh) lengths(k.v6)[k.len] = true;
    ++count_;
    return fresh;
  }

  // The most specific stored prefix that contains q (q's own length included).
  std::optional<Hit> longest_match(const Prefix& q) const {
    const auto& ls = lengths(q.v6);
    const auto& ms = maps(q.v6);
    for (int len = q.len; len >= 0; --len) {
      if (!ls[len]) continue;
      Prefix t = truncate(q, static_cast<uint8_t>(len));
      auto it = ms[len].find(key(t));
      if (it != ms[len].end()) return Hit{it->second, t};
    }
    return std::nullopt;
  }

  const V* find_exact(const Prefix& p) const {
    const auto& m = maps(p.v6)[p.len];
    auto it = m.find(key(truncate(p, p.len)));
    return it == m.end() ? nullptr : &it->second;
  }

 private:
  struct Key {
    uint64_t hi, lo;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const noexcept { return std::hash<uint64_t>{}(k.hi * 0x9E3779B97F4A7C15ull ^ k.lo); }
  };
  static Key key(const Prefix& p) {
    Key k{0, 0};
    for (int i = 0; i < 8; ++i) k.hi = (k.hi << 8) | p.bytes[i];
    for (int i = 8; i < 16; ++i) k.lo = (k.lo << 8) | p.bytes[i];
    return k;
  }
  using Map = std::unordered_map<Key, V, KeyHash>;
  std::vector<Map>& maps(bool v6) { return v6 ? m6_ : m4_; }
  const std::vector<Map>& maps(bool v6) const { return v6 ? m6_ : m4_; }
  std::vector<bool>& lengths(bool v6) { return v6 ? l6_ : l4_; }
  const std::vector<bool>& lengths(bool v6) const { return v6 ? l6_ : l4_; }

  std::vector<Map> m4_ = std::vector<Map>(33), m6_ = std::vector<Map>(129);
  std::vector<bool> l4_ = std::vector<bool>(33), l6_ = std::vector<bool>(129);
  size_t count_ = 0;
};

}  // namespace cleannet::core
