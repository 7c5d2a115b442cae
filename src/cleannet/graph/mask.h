// Mask<IdT>: a compact bitset saying which nodes (or edges) a search may use, one bit
// per id (a million devices fit in 125 KiB, so a mask stays in cache during a search).
//
// It is typed by the id it is indexed with, so a node mask cannot be passed where an
// edge mask is meant (the same reason core::Id is a strong type).
//
//   Mask<NodeId> allowed(g.num_nodes(), true);   // everything allowed ...
//   allowed.reset(NodeId{7});                    // ... except device 7
//   if (allowed.test(NodeId{3})) ...
#pragma once

#include <bit>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace cleannet::graph {

template <typename IdT>
class Mask {
 public:
  Mask() = default;
  explicit Mask(size_t size, bool value = false) : size_(size), words_((size + 63) / 64, value ? ~uint64_t{0} : 0) {
    clear_tail();
  }

  size_t size() const { return size_; }

  bool test(IdT id) const {
    assert(id.value() < size_);
    return (words_[id.value() >> 6] >> (id.value() & 63)) & 1;
  }
  void set(IdT id, bool value = true) {
    assert(id.value() < size_);
    const uint64_t bit = uint64_t{1} << (id.value() & 63);
    if (value) {
      words_[id.value() >> 6] |= bit;
    } else {
      words_[id.value() >> 6] &= ~bit;
    }
  }
  void reset(IdT id) { set(id, false); }
  void fill(bool value) {
    for (uint64_t& w : words_) w = value ? ~uint64_t{0} : 0;
    clear_tail();
  }

  // Number of set bits.
  size_t count() const {
    size_t n = 0;
    for (uint64_t w : words_) n += static_cast<size_t>(std::popcount(w));
    return n;
  }

  // Raw words, bit i of the mask is bit (i % 64) of word i / 64; bits past size() are 0.
  std::span<const uint64_t> words() const { return words_; }

  friend bool operator==(const Mask&, const Mask&) = default;

 private:
  // Bits past size() stay 0 so that count() and operator== need no special case.
  void clear_tail() {
    if (size_ % 64 != 0) words_.back() &= (uint64_t{1} << (size_ % 64)) - 1;
  }

  size_t size_ = 0;
  std::vector<uint64_t> words_;
};

}  // namespace cleannet::graph
