// Private: reading record bytes with bgpdump's "mstream" semantics, and collecting defects.
//
// A Cursor never fails: reading past its end yields zero bytes and sets overran(), which is
// how bgpdump 1.6.2 reads a damaged record (bgpdump_mstream.c). The decoder checks lengths
// itself where it can name what was expected, and uses overran() as the last word.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "cleannet/core/result.h"

namespace cleannet::bgp::detail {

class Cursor {
 public:
  Cursor() = default;
  // `pos_in_record` is where data starts within the record body (for error offsets);
  // `record_end` is the end of the whole record, for bgpdump's one look beyond a sub-view.
  Cursor(const uint8_t* data, uint32_t len, uint32_t pos_in_record, const uint8_t* record_end)
      : p_(data), len_(len), base_(pos_in_record), record_end_(record_end) {}

  uint32_t remaining() const { return len_ - pos_; }
  uint32_t size() const { return len_; }
  bool empty() const { return pos_ >= len_; }
  uint32_t position() const { return base_ + pos_; }  // within the record body
  bool overran() const { return overran_; }
  const uint8_t* here() const { return p_ + pos_; }

  uint8_t u8() {
    if (pos_ < len_) return p_[pos_++];
    overran_ = true;
    return 0;
  }
  uint16_t u16() {
    if (len_ - pos_ >= 2) {
      uint16_t v = static_cast<uint16_t>(p_[pos_] << 8 | p_[pos_ + 1]);
      pos_ += 2;
      return v;
    }
    uint8_t b[2];
    bytes(b, 2);
    return static_cast<uint16_t>(b[0] << 8 | b[1]);
  }
  uint32_t u32() {
    if (len_ - pos_ >= 4) {
      const uint8_t* q = p_ + pos_;
      pos_ += 4;
      return uint32_t{q[0]} << 24 | uint32_t{q[1]} << 16 | uint32_t{q[2]} << 8 | q[3];
    }
    uint8_t b[4];
    bytes(b, 4);
    return uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | b[3];
  }
  // Copies n bytes; what is past the end reads as zero (mstream_get).
  void bytes(uint8_t* dst, uint32_t n) {
    uint32_t room = len_ - pos_;
    if (room >= n) {
      std::memcpy(dst, p_ + pos_, n);
      pos_ += n;
      return;
    }
    if (room) std::memcpy(dst, p_ + pos_, room);
    std::memset(dst + room, 0, n - room);
    pos_ = len_;
    overran_ = true;
  }
  void skip(uint32_t n) {
    if (len_ - pos_ >= n) {
      pos_ += n;
    } else {
      pos_ = len_;
      overran_ = true;
    }
  }
  // The next n bytes (fewer if there are not that many) as a cursor of their own; this one
  // moves past them (mstream_copy).
  Cursor sub(uint32_t n) {
    uint32_t k = std::min(n, len_ - pos_);
    Cursor c(p_ + pos_, k, base_ + pos_, record_end_);
    pos_ += k;
    return c;
  }
  // The byte at the position even when this view is exhausted, as bgpdump's MP_REACH_NLRI
  // check looks at it: the record's next byte, or 0 past the record.
  uint8_t peek_raw() const { return p_ + pos_ < record_end_ ? p_[pos_] : 0; }

 private:
  const uint8_t* p_ = nullptr;
  uint32_t len_ = 0, pos_ = 0, base_ = 0;
  const uint8_t* record_end_ = nullptr;
  bool overran_ = false;
};

// Collects the defects of one record: the first becomes the error decode() returns.
class Defects {
 public:
  void reset(const std::string* file, uint64_t body_offset, std::string record_name) {
    file_ = file;
    body_offset_ = body_offset;
    record_ = std::move(record_name);
    first_.reset();
    count_ = 0;
  }
  // `pos` is the offending byte's position within the record body.
  void add(uint32_t pos, std::string expected, std::string found) {
    if (count_++ == 0) first_ = make(body_offset_ + pos, std::move(expected), std::move(found));
  }
  // For errors about the record as a whole (offset of its header).
  void add_at(uint64_t absolute, std::string expected, std::string found) {
    if (count_++ == 0) first_ = make(absolute, std::move(expected), std::move(found));
  }
  uint32_t count() const { return count_; }
  core::Status status() const {
    if (first_) return *first_;
    return core::Ok{};
  }

 private:
  // "FILE: byte N: TYPE SUBTYPE record: expected ..., found ..." (core::Error::message()).
  core::Error make(uint64_t at, std::string expected, std::string found) const {
    return core::Error(core::SourcePos(*file_ + ": byte " + std::to_string(at) + ": " + record_ + " record"),
                       std::move(expected), std::move(found));
  }
  const std::string* file_ = nullptr;
  uint64_t body_offset_ = 0;
  std::string record_;
  std::optional<core::Error> first_;
  uint32_t count_ = 0;
};

}  // namespace cleannet::bgp::detail
