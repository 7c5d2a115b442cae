// Streaming JSON text appended to a std::string, for outputs written once per record at
// volume (one NDJSON line per traceroute): no document tree, pieces gathered in a buffer on
// the stack and appended to the string when it is full and at the end, so that a record of
// some fifty pieces costs a few appends rather than one append (a call and a capacity check)
// per piece. Documents built as a whole use report::Json (nlohmann) instead.
//
// The caller writes the structure: lit() takes the code's own literal pieces (braces, keys,
// separators), which are written as they are; str() and text() escape.
//
//   report::JsonWriter o(out);
//   o.lit("{\"name\":");
//   o.str(name);
//   o.lit(",\"count\":");
//   o.num(n);
//   o.ch('}');
//   // appended to `out` at the latest when o goes out of scope
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace cleannet::report {

namespace detail {

// Whether any of 8 bytes needs a JSON escape: a control character (< 0x20), '"' or '\'.
// (Exact as a yes/no: a borrow only starts at a byte that is itself below the bound.)
inline bool escape_in8(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  const uint64_t quote = x ^ (kOnes * '"'), backslash = x ^ (kOnes * '\\');
  return (((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash)) & kHighs;
}

inline bool needs_escape(char c) { return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\'; }

// The first byte of s from i on that needs an escape, or s.size(). Most strings have none
// (addresses, names, reasons): eight bytes a step.
inline size_t find_escape(std::string_view s, size_t i) {
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, sizeof x);
    if (escape_in8(x)) break;
  }
  for (; i < s.size(); ++i)
    if (needs_escape(s[i])) return i;
  return s.size();
}

}  // namespace detail

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // A literal of the code's own, written as it is (not escaped).
  template <size_t N>
  void lit(const char (&s)[N]) {
    raw(s, N - 1);
  }
  void raw(const char* p, size_t n) {
    if (n > kCap - n_) [[unlikely]] {
      flush();
      if (n > kCap) {
        out_.append(p, n);
        return;
      }
    }
    std::memcpy(buf_ + n_, p, n);
    n_ += n;
  }
  void ch(char c) {
    if (n_ == kCap) [[unlikely]]
      flush();
    buf_[n_++] = c;
  }
  void num(int64_t v) {
    put(24, [v](char* p) { return std::to_chars(p, p + 24, v).ptr; });
  }
  // Text of at most `max` (<= 4096) characters written in place by write(char* at), which
  // returns its end: for a caller's own formatting (addresses) without a copy. Not escaped.
  template <typename Write>
  void put(size_t max, Write&& write) {
    if (max > kCap - n_) [[unlikely]]
      flush();
    n_ = static_cast<size_t>(write(buf_ + n_) - buf_);
  }
  // The content of a JSON string (RFC 8259 §7): '"', '\' and control characters escaped,
  // everything else (UTF-8 included) as is.
  void text(std::string_view s) {
    size_t run = 0;
    for (size_t i = detail::find_escape(s, 0); i < s.size(); i = detail::find_escape(s, run)) {
      raw(s.data() + run, i - run);
      run = i + 1;
      switch (const char c = s[i]) {
        case '"':
          lit("\\\"");
          break;
        case '\\':
          lit("\\\\");
          break;
        case '\n':
          lit("\\n");
          break;
        case '\r':
          lit("\\r");
          break;
        case '\t':
          lit("\\t");
          break;
        default: {
          const char hex[] = "0123456789abcdef";
          const char u[6] = {'\\', 'u', '0', '0', hex[(c >> 4) & 0xf], hex[c & 0xf]};
          raw(u, sizeof u);
        }
      }
    }
    raw(s.data() + run, s.size() - run);
  }
  // A JSON string: quoted text().
  void str(std::string_view s) {
    ch('"');
    text(s);
    ch('"');
  }

 private:
  static constexpr size_t kCap = 4096;
  void flush() {
    out_.append(buf_, n_);
    n_ = 0;
  }
  std::string& out_;
  size_t n_ = 0;
  char buf_[kCap];
};

}  // namespace cleannet::report
