// Result<T> and Error: how library code reports bad input.
//
// Input errors are values, not exceptions (after DuckDB / simdjson): every parser
// returns Result<T>, and the error names where in the input it went wrong and what
// was expected there. The CLI turns an Error into "file:line:col: expected X, found Y"
// and exit code 2.
//
//   Result<int> r = parse_asn("AS4134");
//   if (!r) { std::cerr << r.error().message() << '\n'; return 2; }
//   use(*r);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace cleannet::core {

// Where in an input something is. line/column are 1-based and 0 when unknown;
// offset is a 0-based byte offset, used for binary inputs.
struct SourcePos {
  SourcePos() = default;
  explicit SourcePos(std::string f, uint32_t l = 0, uint32_t c = 0) : file(std::move(f)), line(l), column(c) {}
  static SourcePos at_offset(std::string f, uint64_t off) {
    SourcePos p(std::move(f));
    p.offset = off;
    return p;
  }

  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
  std::optional<uint64_t> offset;

  // "file:line:col", "file:line", "file@offset" or "file".
  std::string to_string() const;
};

class Error {
 public:
  Error() = default;
  Error(SourcePos pos, std::string expected, std::string found = {})
      : pos_(std::move(pos)), expected_(std::move(expected)), found_(std::move(found)) {}

  const SourcePos& pos() const { return pos_; }
  const std::string& expected() const { return expected_; }
  const std::string& found() const { return found_; }

  // "file:3:7: expected a date YYYY-MM-DD, found \"2021-13-01\"".
  std::string message() const;

  Error& at(SourcePos pos) {
    pos_ = std::move(pos);
    return *this;
  }

 private:
  SourcePos pos_;
  std::string expected_;
  std::string found_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }
  Error& error() { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success carries nothing.
struct Ok {};
using Status = Result<Ok>;

// Quotes a found value for an error message, shortened and with control bytes escaped,
// so that a binary file never floods the terminal.
std::string quote_found(std::string_view s, size_t max_len = 40);

}  // namespace cleannet::core
