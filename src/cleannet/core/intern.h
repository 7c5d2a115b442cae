// StringInterner: each distinct string is stored once and named by a dense integer id,
// so hot data holds 4-byte ids instead of strings and compares them as integers.
//
//   StringInterner names;
//   StringId a = names.intern("huawei");  names.intern("huawei") == a;  names.view(a) == "huawei"
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cleannet/core/ids.h"

namespace cleannet::core {

struct StringTag {};
using StringId = Id<StringTag>;

class StringInterner {
 public:
  StringInterner() = default;
  StringInterner(const StringInterner&) = delete;
  StringInterner& operator=(const StringInterner&) = delete;
  StringInterner(StringInterner&&) = default;
  StringInterner& operator=(StringInterner&&) = default;

  StringId intern(std::string_view s);
  std::optional<StringId> find(std::string_view s) const;
  std::string_view view(StringId id) const { return views_[id.value()]; }
  size_t size() const { return views_.size(); }

 private:
  std::string_view store(std::string_view s);

  // Bytes live in fixed chunks that never move, so the string_views stay valid.
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t chunk_used_ = 0;
  size_t chunk_size_ = 0;
  std::vector<std::string_view> views_;
  std::unordered_map<std::string_view, StringId> index_;
};

}  // namespace cleannet::core
