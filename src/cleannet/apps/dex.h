// DEX reader: the class names an APK defines, from the header, string_ids, type_ids and
// class_defs tables of each classes*.dex (Android "Dalvik Executable format",
// source.android.com/docs/core/runtime/dex-format). Every table is bounds-checked against
// the file before use; strings are MUTF-8 with ULEB128 lengths, decoded with bounds.
//
// Class names are Java binary names in dotted form: the descriptor `Lcom/foo/Bar$Baz;` is
// listed as `com.foo.Bar$Baz` (the order of class_defs; androguard's get_classes() lists the
// same classes as descriptors).
//
//   ClassList classes;
//   auto n = read_dex_classes("classes.dex", bytes, classes);  // appends, returns the count
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/result.h"

namespace cleannet::apps {

// Class names packed in one arena (no heap allocation per class).
class ClassList {
 public:
  size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }
  std::string_view operator[](size_t i) const {
    const size_t b = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(arena_).substr(b, ends_[i] - b);
  }
  void push_back(std::string_view s) {
    arena_.append(s);
    ends_.push_back(arena_.size());
  }
  void reserve(size_t classes, size_t bytes) {
    ends_.reserve(classes);
    arena_.reserve(bytes);
  }
  void clear() {
    arena_.clear();
    ends_.clear();
  }
  // Drops the names after the first n (undoes a failed append).
  void truncate(size_t n) {
    if (n < ends_.size()) ends_.resize(n);
    n = ends_.size();
    arena_.resize(n == 0 ? 0 : ends_[n - 1]);
  }
  // For readers: append a name's bytes to arena(), then seal() ends it.
  std::string& arena() { return arena_; }
  void seal() { ends_.push_back(arena_.size()); }

 private:
  std::string arena_;
  std::vector<size_t> ends_;
};

struct DexLimits {
  uint32_t max_classes = 1u << 20;
};

// Appends the class names of one DEX file to `out`; returns how many it appended.
// On error `out` is left as it was.
core::Result<uint32_t> read_dex_classes(const std::string& file, std::string_view data, ClassList& out,
                                        const DexLimits& limits = {});

}  // namespace cleannet::apps
