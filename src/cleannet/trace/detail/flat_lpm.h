// Longest-prefix match as a flat, sorted list of disjoint intervals (private to trace).
//
// Hand-written because what the project has does more work per lookup
// (core::PrefixTable probes one hash map per stored prefix length, up to 25 for a full IPv4
// table; py-radix walks a tree): the nested prefixes are flattened once into the elementary
// intervals they cut the address space into, each labelled with its most specific prefix,
// and a lookup is one binary search narrowed by a 2^16-entry index on the top bits.
// Immutable after build(), so any number of threads may look up at once.
#pragma once

#include <tbb/parallel_sort.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "cleannet/core/huge_pages.h"
#include "cleannet/core/ipaddr.h"

namespace cleannet::trace::detail {

using u128 = unsigned __int128;

inline uint32_t key4(const core::Prefix& p) {
  return (uint32_t{p.bytes[0]} << 24) | (uint32_t{p.bytes[1]} << 16) | (uint32_t{p.bytes[2]} << 8) | p.bytes[3];
}
inline u128 key6(const core::Prefix& p) {
  u128 k = 0;
  for (int i = 0; i < 16; ++i) k = (k << 8) | p.bytes[i];
  return k;
}

// FlatLpm's build order: by start, then length, then rank (highest first), then the order
// given, which is what a stable sort on the first three gives. For IPv4 with few ranks,
// all four fit one 64-bit key (start 32 bits, length 6, 3 - rank 2, position 24) and a
// plain sort of integers does it, with no comparator and no stable sort's merge buffer.
template <typename Item>
void sort_lpm_items(std::vector<Item>& items) {
  constexpr size_t kMaxPacked = size_t{1} << 24;
  bool packable = sizeof(items[0].start) == 4 && items.size() <= kMaxPacked;
  for (size_t i = 0; packable && i < items.size(); ++i) packable = items[i].rank <= 3 && items[i].len <= 32;
  if (!packable) {
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      if (a.start != b.start) return a.start < b.start;
      if (a.len != b.len) return a.len < b.len;
      return a.rank > b.rank;
    });
    return;
  }
  std::vector<uint64_t> keys(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    keys[i] = (static_cast<uint64_t>(it.start) << 32) | (uint64_t{it.len} << 26) | (uint64_t{3u - it.rank} << 24) | i;
  }
  tbb::parallel_sort(keys.begin(), keys.end());  // on trace check's start-up path
  std::vector<Item> sorted;
  sorted.reserve(items.size());
  for (uint64_t k : keys) sorted.push_back(items[k & (kMaxPacked - 1)]);
  items = std::move(sorted);
}

template <typename K>
class FlatLpm {
 public:
  static constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  static constexpr int kBits = sizeof(K) * 8;

  struct Item {
    K start;
    uint8_t len;
    uint32_t value;
    // A prefix of a higher rank wins over every prefix of a lower rank inside it, however
    // specific (special-purpose space over IXP LANs over announced prefixes); within a rank
    // the most specific wins.
    uint8_t rank = 0;
  };
  static K end_of(K start, uint8_t len) {
    if (len == 0) return std::numeric_limits<K>::max();
    return start | ((K{1} << (kBits - len)) - 1);
  }

  // Items with the same prefix: the higher rank wins, then the first given.
  void build(std::vector<Item> items) {
    sort_lpm_items(items);
    starts_.assign(1, K{0});
    values_.assign(1, kNone);
    // The prefixes containing the sweep point, outermost first: end, value, and the highest
    // rank among them and those below.
    struct Open {
      K end;
      uint32_t value;
      uint8_t max_rank;
    };
    std::vector<Open> stack;
    auto emit = [&](K pos, uint32_t v) {
      if (starts_.back() == pos) {
        values_.back() = v;
        if (starts_.size() > 1 && values_[values_.size() - 2] == v) {
          starts_.pop_back();
          values_.pop_back();
        }
        return;
      }
      if (values_.back() == v) return;
      starts_.push_back(pos);
      values_.push_back(v);
    };
    auto pop_before = [&](K s, bool all) {
      while (!stack.empty() && (all || stack.back().end < s)) {
        K e = stack.back().end;
        stack.pop_back();
        if (e != std::numeric_limits<K>::max()) emit(e + 1, stack.empty() ? kNone : stack.back().value);
      }
    };
    for (size_t i = 0; i < items.size(); ++i) {
      const Item& it = items[i];
      if (i > 0 && items[i - 1].start == it.start && items[i - 1].len == it.len) continue;
      pop_before(it.start, false);
      // Every prefix containing this one is on the stack now: one of a higher rank hides it.
      if (!stack.empty() && stack.back().max_rank > it.rank) continue;
      emit(it.start, it.value);
      stack.push_back(
          {end_of(it.start, it.len), it.value, std::max(it.rank, stack.empty() ? uint8_t{0} : stack.back().max_rank)});
    }
    pop_before(K{0}, true);
    // index_[h]: the interval holding the first address whose top 16 bits are h.
    index_.resize((1u << 16) + 1);
    size_t j = 0;
    for (uint32_t h = 0; h <= (1u << 16); ++h) {
      if (h == (1u << 16)) {
        index_[h] = static_cast<uint32_t>(starts_.size() - 1);
        break;
      }
      K first = static_cast<K>(K{h} << (kBits - 16));
      while (j + 1 < starts_.size() && starts_[j + 1] <= first) ++j;
      index_[h] = static_cast<uint32_t>(j);
    }
  }

  uint32_t lookup(K k) const {
    const uint32_t h = static_cast<uint32_t>(k >> (kBits - 16));
    auto b = starts_.begin() + index_[h];
    auto e = starts_.begin() + index_[h + 1] + 1;
    auto it = std::upper_bound(b, e, k);
    return values_[static_cast<size_t>(it - starts_.begin()) - 1];
  }

  size_t intervals() const { return starts_.size(); }

 private:
  // On huge pages (core/huge_pages.h): a full table is tens of megabytes, read at random.
  core::HugeVector<K> starts_{K{0}};
  core::HugeVector<uint32_t> values_{kNone};
  core::HugeVector<uint32_t> index_ = core::HugeVector<uint32_t>((1u << 16) + 1, 0);
};

}  // namespace cleannet::trace::detail
