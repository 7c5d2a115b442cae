// A 64-bit digest of a run's fields, stored beside the run and checked when it is read back,
// so that a damaged file gives an error instead of a silently different run. It guards
// against accidents (a flipped byte, a lost row), not against someone rewriting the file.
//
// Each step (h = (h ^ word) * odd, then h ^= h >> 29) is a bijection of h, so changing any
// one 8-byte word of the input always changes the result; fields are length-prefixed, so moving bytes between
// fields changes it too. Words are read little-endian whatever the host, so a store moved
// between machines still checks.
//
//   Digest d;  d.add(id);  d.add(run.scenario_name);  int64_t stored = d.value();
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace cleannet::store::detail {

class Digest {
 public:
  void add(uint64_t v) {
    h_ = (h_ ^ v) * kMul;
    h_ ^= h_ >> 29;  // high bits reach low ones: two flips of a word's top bit do not cancel
  }

  void add(std::string_view s) {
    add(static_cast<uint64_t>(s.size()));
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
    size_t n = s.size();
    for (; n >= 8; n -= 8, p += 8) add(load8(p));
    if (n > 0) add(load(p, n));
  }

  // Stored as SQLite's signed 64-bit integer.
  int64_t value() const {
    uint64_t x = h_;  // splitmix64's finaliser: every input bit reaches every output bit
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    x ^= x >> 31;
    int64_t out;
    std::memcpy(&out, &x, sizeof out);
    return out;
  }

 private:
  static constexpr uint64_t kMul = 0x100000001b3ULL | (0x9e3779b9ULL << 32);  // odd
  static uint64_t load8(const unsigned char* p) {
    if constexpr (std::endian::native == std::endian::little) {
      uint64_t v;
      std::memcpy(&v, p, 8);
      return v;
    } else {
      return load(p, 8);
    }
  }
  static uint64_t load(const unsigned char* p, size_t n) {
    uint64_t v = 0;
    if constexpr (std::endian::native == std::endian::little) {
      std::memcpy(&v, p, n);
    } else {
      for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
    }
    return v;
  }
  uint64_t h_ = 0xcbf29ce484222325ULL;
};

}  // namespace cleannet::store::detail
