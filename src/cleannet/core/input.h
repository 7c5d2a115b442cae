// Input: one streaming byte source for every reader in cleannet.
//
// Opens a path, or "-" for standard input, and decompresses gzip, bzip2, zstd and xz
// transparently, chosen by the magic bytes rather than the file name (a .gz renamed
// .txt still reads). Data is streamed through a fixed buffer; nothing is read whole
// unless read_all() is asked for, and then only up to a stated limit. The pipeline is
// raw source -> decompressor -> buffer (after libosmium's io layer); tests replace the
// source with from_memory().
//
//   auto in = Input::open("rib.gz");            // or Input::open("-")
//   if (!in) return fail(in.error());
//   while (auto line = in->next_line()) { if (!*line) break; use(**line, in->line_no()); }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/result.h"

namespace cleannet::core {

enum class Compression { kNone, kGzip, kBzip2, kZstd, kXz };

const char* compression_name(Compression c);

// Detects the compression from the first bytes (at least 6 are needed for xz).
Compression detect_compression(std::string_view head);

// A stage that yields bytes: a file descriptor, memory, or a decompressor over another stage.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes into `buf`; 0 means end of input.
  virtual Result<size_t> read(char* buf, size_t n) = 0;
};

class Input {
 public:
  static constexpr size_t kDefaultMaxLine = 16u << 20;

  // "-" reads standard input. Errors name the path and the reason.
  static Result<Input> open(const std::string& path);
  // For tests and fuzzers: the bytes are copied.
  static Result<Input> from_memory(std::string name, std::string_view bytes);

  Input(Input&&) noexcept;
  Input& operator=(Input&&) noexcept;
  ~Input();

  const std::string& name() const { return name_; }
  Compression compression() const { return compression_; }

  // Reads up to n decompressed bytes; 0 at end.
  Result<size_t> read(char* buf, size_t n);

  // The next line without its "\n" (and "\r\n"), or nullopt at end. The view is valid
  // until the next call. A line longer than max_line is an error, not an allocation.
  Result<std::optional<std::string_view>> next_line();
  uint64_t line_no() const { return line_no_; }
  void set_max_line(size_t n) { max_line_ = n; }

  // The first byte that is not white space in what is left, looking at most `limit` bytes
  // ahead and never beyond the read buffer (64 KiB), without consuming anything: to tell
  // formats apart before a reader takes over. nullopt when there is none that near.
  Result<std::optional<char>> peek_nonspace(size_t limit = 64u << 10);

  // Everything that is left, up to max_bytes (decompressed); more is an error.
  Result<std::string> read_all(size_t max_bytes);

  // Where the reader is, for error messages: file and current line.
  SourcePos pos(uint32_t column = 0) const;

 private:
  Input(std::string name, std::unique_ptr<ByteSource> src, Compression c, std::string head);
  Result<bool> fill();

  std::string name_;
  std::unique_ptr<ByteSource> src_;
  Compression compression_ = Compression::kNone;
  std::vector<char> buf_;
  size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  uint64_t line_no_ = 0;
  size_t max_line_ = kDefaultMaxLine;
  std::string line_;
};

namespace detail {
// For tests: the bzip2 decoder over `bytes`, which also splits the stream at the bit
// offsets `false_splits` as at a block magic, as a false magic inside a block's data would.
std::unique_ptr<ByteSource> bzip2_source(std::string name, std::string_view bytes, std::vector<uint64_t> false_splits);
}  // namespace detail

}  // namespace cleannet::core
