// A per-thread cache keyed by IPv4 address, set-associative with four ways a set, least
// recently used replaced (private to trace; TraceJudge keeps the classification and the
// judgement of each router address in one).
//
// Routers answer in trace after trace, so a hit saves the longest-prefix match and the reads
// of the prefix's judgement. Key 0 marks an empty slot: 0.0.0.0 is never cached (a lookup of
// it always fills). The capacity is a constructor parameter so that tests can make evictions
// happen on a handful of addresses; capacity 0 caches nothing (every lookup fills), which is
// the uncached reference the cached judge is tested against.
//
//   AddressCache<Slot> c(1 << 18);                    // Slot: {uint32_t address; ...}
//   c.prefetch(k);                                     // before a batch of lookups
//   const Slot& s = c.get(k, [&](Slot& s) { ... });    // fills s on a miss
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "cleannet/core/huge_pages.h"

namespace cleannet::trace::detail {

template <typename Slot>
class AddressCache {
 public:
  static constexpr unsigned kWayBits = 2;
  static constexpr size_t kWays = size_t{1} << kWayBits;

  // `capacity` slots, rounded down to a power of two of at least kWays (0: no cache).
  explicit AddressCache(size_t capacity) {
    if (capacity < kWays) return;
    unsigned bits = kWayBits;
    while ((size_t{2} << bits) <= capacity) ++bits;
    slots_.resize(size_t{1} << bits);
    // Fibonacci hashing: the top (bits - kWayBits) bits of k * 2^32/phi pick the set.
    shift_ = 32 - (bits - kWayBits);
  }
  size_t capacity() const { return slots_.size(); }

  // Starts fetching the set `k` may be in (two cache lines when a slot is 32 bytes).
  void prefetch(uint32_t k) const {
    if (slots_.empty()) return;
    const Slot* set = set_of(k);
    __builtin_prefetch(set);
    __builtin_prefetch(set + kWays / 2);
  }

  // The slot of `k`, most recently used from now on; on a miss the least recently used slot
  // of its set is given k and passed to fill(Slot&) to compute the rest.
  template <typename Fill>
  const Slot& get(uint32_t k, Fill&& fill) {
    if (slots_.empty()) {
      scratch_.address = k;
      fill(scratch_);
      return scratch_;
    }
    Slot* set = set_of(k);
    size_t way = kWays - 1;
    if (k != 0) {
      if (set[0].address == k) return set[0];
      for (size_t i = 1; i < kWays; ++i)
        if (set[i].address == k) {
          way = i;
          break;
        }
    }
    const Slot hit = set[way];
    std::copy_backward(set, set + way, set + way + 1);
    set[0] = hit;
    if (hit.address != k || k == 0) {
      set[0].address = k;
      fill(set[0]);
    }
    return set[0];
  }

 private:
  // Each set is kWays consecutive slots, the most recently used first; with 32-byte slots a
  // set is an aligned pair of cache lines (the vector is on a 2 MiB boundary when large).
  Slot* set_of(uint32_t k) { return &slots_[static_cast<size_t>(uint64_t{k * 2654435761u} >> shift_) << kWayBits]; }
  const Slot* set_of(uint32_t k) const {
    return &slots_[static_cast<size_t>(uint64_t{k * 2654435761u} >> shift_) << kWayBits];
  }
  core::HugeVector<Slot> slots_;
  unsigned shift_ = 32;
  Slot scratch_{};
};

}  // namespace cleannet::trace::detail
