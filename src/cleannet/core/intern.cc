#include "cleannet/core/intern.h"

#include <algorithm>
#include <cstring>

namespace cleannet::core {

namespace {
constexpr size_t kChunk = 64 * 1024;
}

std::string_view StringInterner::store(std::string_view s) {
  if (s.empty()) return {};
  if (chunks_.empty() || chunk_used_ + s.size() > chunk_size_) {
    chunk_size_ = std::max(kChunk, s.size());
    chunks_.push_back(std::make_unique<char[]>(chunk_size_));
    chunk_used_ = 0;
  }
  char* p = chunks_.back().get() + chunk_used_;
  std::memcpy(p, s.data(), s.size());
  chunk_used_ += s.size();
  return {p, s.size()};
}

StringId StringInterner::intern(std::string_view s) {
  if (auto it = index_.find(s); it != index_.end()) return it->second;
  std::string_view stored = store(s);
  StringId id{static_cast<uint32_t>(views_.size())};
  views_.push_back(stored);
  index_.emplace(stored, id);
  return id;
}

std::optional<StringId> StringInterner::find(std::string_view s) const {
  if (auto it = index_.find(s); it != index_.end()) return it->second;
  return std::nullopt;
}

}  // namespace cleannet::core
