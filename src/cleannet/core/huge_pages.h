// Large tables that are read at random (longest-prefix-match intervals, per-thread lookup
// caches) on transparent huge pages.
//
// Why: a lookup in a table of tens of megabytes touches a new 4 KiB page almost every time,
// and each TLB miss costs a page walk, which under a hypervisor (nested paging) is two. With
// 2 MiB pages the same tables need a few hundred TLB entries instead of thousands (the
// address tables of `cleannet trace check` are the case in point). Debian
// 12 enables THP for regions that ask for it (madvise), which is what this does; where the
// kernel says no, the memory is ordinary memory and only the speed differs.
//
//   core::HugeVector<uint32_t> starts;   // a std::vector, allocated on huge pages when large
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace cleannet::core {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  // Smaller blocks come from operator new: rounding them up to a huge page would waste memory.
  static constexpr size_t kHugePage = size_t{2} << 20;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(size_t n) {
    if (n > max_size()) throw std::bad_array_new_length();
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes));
    const size_t rounded = (bytes + kHugePage - 1) & ~(kHugePage - 1);
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (!p) throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
    (void)::madvise(p, rounded, MADV_HUGEPAGE);  // advice: failure leaves ordinary pages
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) noexcept {
    if (n * sizeof(T) < kHugePage)
      ::operator delete(p);
    else
      std::free(p);
  }
  static constexpr size_t max_size() noexcept { return static_cast<size_t>(-1) / 2 / sizeof(T); }

  template <typename U>
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator<U>&) noexcept {
    return true;
  }
};

template <typename T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace cleannet::core
