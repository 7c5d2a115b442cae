// core::HugeVector: large blocks aligned to a huge page and freed the way they were
// allocated, small ones from operator new; the contents behave as a std::vector's.
#include "cleannet/core/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>

namespace cleannet::core {
namespace {

TEST(HugeVector, LargeBlocksAreAlignedToAHugePage) {
  constexpr size_t kLarge = (3u << 20) / sizeof(uint64_t);  // 3 MiB: rounded up to 4 MiB
  HugeVector<uint64_t> v(kLarge);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(v.data()) % HugePageAllocator<uint64_t>::kHugePage, 0u);
  std::iota(v.begin(), v.end(), uint64_t{7});
  EXPECT_EQ(v.front(), 7u);
  EXPECT_EQ(v.back(), kLarge + 6);
  EXPECT_EQ(std::accumulate(v.begin(), v.end(), uint64_t{0}), kLarge * 7 + kLarge * (kLarge - 1) / 2);
  // growth moves the contents to a new block, assignment and clear free the old ones
  v.resize(2 * kLarge, 1);
  EXPECT_EQ(v[kLarge - 1], kLarge + 6);
  EXPECT_EQ(v[2 * kLarge - 1], 1u);
  HugeVector<uint64_t> w(10, 3);
  w = v;
  EXPECT_EQ(w, v);
  v.assign(5, 9);  // shrinks in place: the block stays the large one
  EXPECT_EQ(v.size(), 5u);
  v.shrink_to_fit();  // a small block from operator new
  EXPECT_EQ(v, HugeVector<uint64_t>(5, 9));
}

TEST(HugeVector, SmallBlocksAndEmptyVectors) {
  HugeVector<uint32_t> v;
  EXPECT_TRUE(v.empty());
  for (uint32_t i = 0; i < 1000; ++i) v.push_back(i * i);
  EXPECT_EQ(v[999], 999u * 999u);
  HugeVector<uint32_t> moved = std::move(v);
  EXPECT_EQ(moved.size(), 1000u);
  EXPECT_THROW(HugeVector<uint64_t>(HugePageAllocator<uint64_t>::max_size() + 1), std::length_error);
}

}  // namespace
}  // namespace cleannet::core
