// Bounded little-endian reads and positioned errors shared by the APK readers (ZIP, DEX,
// binary XML, signing block). Every reader checks a range with `fits` before it reads, so a
// hostile length can never move a read outside the buffer.
//
//   if (!fits(data, off, 4)) return error_at(file, off, "DEX header", "4 bytes", "end of file");
//   uint32_t v = le32(data, off);
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "cleannet/core/result.h"

namespace cleannet::apps {

// True when [off, off + n) lies inside data, without overflowing.
inline bool fits(std::string_view data, uint64_t off, uint64_t n) {
  return off <= data.size() && n <= data.size() - off;
}
inline uint16_t le16(std::string_view d, uint64_t off) {
  const auto* p = reinterpret_cast<const unsigned char*>(d.data() + off);
  return static_cast<uint16_t>(p[0] | (p[1] << 8));
}
inline uint32_t le32(std::string_view d, uint64_t off) {
  const auto* p = reinterpret_cast<const unsigned char*>(d.data() + off);
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}
inline uint64_t le64(std::string_view d, uint64_t off) {
  return static_cast<uint64_t>(le32(d, off)) | (static_cast<uint64_t>(le32(d, off + 4)) << 32);
}

// "FILE: byte N: WHAT: expected X, found Y" (the form the MRT reader uses for binary input).
inline core::Error error_at(const std::string& file, uint64_t offset, const std::string& what, std::string expected,
                            std::string found = {}) {
  return core::Error(core::SourcePos(file + ": byte " + std::to_string(offset) + ": " + what), std::move(expected),
                     std::move(found));
}

}  // namespace cleannet::apps
