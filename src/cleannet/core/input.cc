#include "cleannet/core/input.h"

#include <bzlib.h>
#include <fcntl.h>
#include <isa-l/igzip_lib.h>
#include <lzma.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace cleannet::core {

const char* compression_name(Compression c) {
  switch (c) {
    case Compression::kNone:
      return "none";
    case Compression::kGzip:
      return "gzip";
    case Compression::kBzip2:
      return "bzip2";
    case Compression::kZstd:
      return "zstd";
    case Compression::kXz:
      return "xz";
  }
  return "?";
}

Compression detect_compression(std::string_view h) {
  auto starts = [&](std::string_view magic) { return h.substr(0, magic.size()) == magic; };
  if (starts("\x1f\x8b")) return Compression::kGzip;  // RFC 1952 §2.3.1
  if (starts("BZh") && h.size() >= 4 && h[3] >= '1' && h[3] <= '9') return Compression::kBzip2;
  if (starts("\x28\xb5\x2f\xfd")) return Compression::kZstd;  // RFC 8878 §3.1.1
  if (starts(std::string_view("\xfd"
                              "7zXZ\x00",
                              6)))
    return Compression::kXz;
  return Compression::kNone;
}

namespace {

constexpr size_t kBuf = 1u << 16;

class FdSource final : public ByteSource {
 public:
  FdSource(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  Result<size_t> read(char* buf, size_t n) override {
    for (;;) {
      ssize_t r = ::read(fd_, buf, n);
      if (r >= 0) {
        offset_ += static_cast<uint64_t>(r);
        return static_cast<size_t>(r);
      }
      if (errno == EINTR) continue;
      SourcePos p = SourcePos::at_offset(name_, offset_);
      return Error(p, "a readable file", std::strerror(errno));
    }
  }

 private:
  int fd_;
  bool owned_;
  std::string name_;
  uint64_t offset_ = 0;
};

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string data) : data_(std::move(data)) {}
  Result<size_t> read(char* buf, size_t n) override {
    size_t k = std::min(n, data_.size() - pos_);
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

// Replays the bytes already read for magic detection, then the rest of the source.
class PrefixedSource final : public ByteSource {
 public:
  PrefixedSource(std::string head, std::unique_ptr<ByteSource> rest) : head_(std::move(head)), rest_(std::move(rest)) {}
  Result<size_t> read(char* buf, size_t n) override {
    if (pos_ < head_.size()) {
      size_t k = std::min(n, head_.size() - pos_);
      std::memcpy(buf, head_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return rest_->read(buf, n);
  }

 private:
  std::string head_;
  size_t pos_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

// Common shape of the four decompressors: compressed bytes come in through `in_`,
// and `step` turns some of them into output. The compressed offset is kept for errors.
class Decompressor : public ByteSource {
 public:
  Decompressor(std::string name, std::unique_ptr<ByteSource> src)
      : name_(std::move(name)), src_(std::move(src)), in_(kBuf) {}

 protected:
  // Makes sure some compressed input is available; false at end of the compressed stream.
  Result<bool> refill() {
    if (in_pos_ < in_len_) return true;
    if (src_eof_) return false;
    auto r = src_->read(in_.data(), in_.size());
    if (!r) return r.error();
    in_pos_ = 0;
    in_len_ = *r;
    if (*r == 0) src_eof_ = true;
    return *r > 0;
  }
  Error corrupt(const char* format, const std::string& why) const {
    return Error(SourcePos::at_offset(name_, consumed_), std::string("a valid ") + format + " stream", why);
  }
  void consume(size_t n) {
    in_pos_ += n;
    consumed_ += n;
  }
  // An error met after some output was produced in the same call: the output goes to the
  // caller first and the error comes with the next read, so that a reader of a cut or
  // damaged stream still gets every byte that was decoded before the damage.
  Result<size_t> fail(Error e, size_t out) {
    if (out == 0) return e;
    pending_ = std::move(e);
    return out;
  }
  std::optional<Error> pending_;

  std::string name_;
  std::unique_ptr<ByteSource> src_;
  std::vector<char> in_;
  size_t in_pos_ = 0, in_len_ = 0;
  bool src_eof_ = false;
  bool done_ = false;
  uint64_t consumed_ = 0;
};

// gzip through ISA-L's inflate (igzip) rather than zlib's: it decodes the same streams in
// less time (docs/PERFORMANCE.md, "Decompression (issue 20)"), and inflating was most of
// the cost of reading a compressed RIB. With crc_flag ISAL_GZIP it parses each member's
// header and checks its CRC-32 and length.
class GzipSource final : public Decompressor {
 public:
  using Decompressor::Decompressor;
  Result<size_t> read(char* buf, size_t n) override {
    if (pending_) return *pending_;
    if (!state_) {
      state_ = std::make_unique<inflate_state>();
      start_member();
    }
    size_t out = 0;
    while (out < n && !done_) {
      auto more = refill();
      if (!more) return more.error();
      if (!*more) {
        if (member_started_) return fail(corrupt("gzip", "end of file inside a gzip member (truncated)"), out);
        done_ = true;
        break;
      }
      if (!member_started_ && !starts_member()) {
        return fail(corrupt("gzip", inflate_error(ISAL_INVALID_WRAPPER)), out);
      }
      inflate_state& s = *state_;
      s.next_in = reinterpret_cast<uint8_t*>(in_.data() + in_pos_);
      s.avail_in = static_cast<uint32_t>(in_len_ - in_pos_);
      s.next_out = reinterpret_cast<uint8_t*>(buf + out);
      s.avail_out = static_cast<uint32_t>(std::min<size_t>(n - out, 1u << 30));
      member_started_ = true;
      const int rc = isal_inflate(&s);
      const size_t used = (in_len_ - in_pos_) - s.avail_in;
      consume(used);
      const size_t made = static_cast<size_t>(reinterpret_cast<char*>(s.next_out) - (buf + out));
      out += made;
      if (rc < 0) {
        // The bits inflate holds but has not decoded are not consumed: the offset is that of
        // the byte where decoding stopped.
        consumed_ -= std::min<uint64_t>(consumed_, static_cast<uint64_t>(std::max(s.read_in_length, 0)) / 8);
        return fail(corrupt("gzip", inflate_error(rc)), out);
      }
      if (s.block_state == ISAL_BLOCK_FINISH) {
        // RFC 1952 §2.2: a gzip file is a series of members; read them all. Inflate may
        // have taken whole bytes of the next member into its bit buffer: give them back.
        unread(static_cast<size_t>(std::max(s.read_in_length, 0)) / 8, s.read_in);
        start_member();
      } else if (used == 0 && made == 0) {
        return fail(corrupt("gzip", "no progress"), out);
      }
    }
    return out;
  }

 private:
  // Whether what is buffered can start a member (RFC 1952 §2.3.1: ID1 31, ID2 139): inflate
  // would wait for a whole header before judging the bytes after a member.
  bool starts_member() const {
    const auto* p = reinterpret_cast<const unsigned char*>(in_.data() + in_pos_);
    const size_t k = in_len_ - in_pos_;
    return p[0] == 0x1f && (k < 2 || p[1] == 0x8b);
  }
  void start_member() {
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_GZIP;
    member_started_ = false;
  }
  // Puts back the `k` bytes that inflate read past the end of a member, held in the low
  // bytes of `bits` (little-endian, RFC 1951 §3.1.1).
  void unread(size_t k, uint64_t bits) {
    if (k == 0) return;
    consumed_ -= k;
    if (in_pos_ >= k) {  // still in the buffer, right before in_pos_
      in_pos_ -= k;
      return;
    }
    std::vector<char> again(k + (in_len_ - in_pos_));
    for (size_t i = 0; i < k; ++i) again[i] = static_cast<char>((bits >> (8 * i)) & 0xff);
    std::memcpy(again.data() + k, in_.data() + in_pos_, in_len_ - in_pos_);
    again.resize(std::max(again.size(), kBuf));
    in_len_ = k + (in_len_ - in_pos_);
    in_pos_ = 0;
    in_ = std::move(again);
  }
  static const char* inflate_error(int rc) {
    switch (rc) {
      case ISAL_INVALID_BLOCK:
        return "an invalid deflate block header (RFC 1951 §3.2.3)";
      case ISAL_INVALID_SYMBOL:
        return "an invalid deflate code (RFC 1951 §3.2.5)";
      case ISAL_INVALID_LOOKBACK:
        return "a distance too far back (RFC 1951 §3.2.5)";
      case ISAL_INVALID_WRAPPER:
        return "an invalid gzip header (RFC 1952 §2.3)";
      case ISAL_UNSUPPORTED_METHOD:
        return "an unknown compression method (RFC 1952 §2.3.1: 8, deflate)";
      case ISAL_INCORRECT_CHECKSUM:
        return "an incorrect CRC-32 or length (RFC 1952 §2.3.1)";
      default:
        return "an inflate error";
    }
  }

  std::unique_ptr<inflate_state> state_;  // large (tens of KiB): on the heap
  bool member_started_ = false;
};

// bzip2 decoded on all cores but one, a block per task. libbz2 has no per-block API, but a bzip2
// block is self-contained (its own Huffman tables and BWT, RLE runs end at block ends), so a
// block cut out of the stream at the bit level, behind a stream header ("BZh" and the
// level) and followed by an end-of-stream marker whose combined CRC is the block's own CRC,
// is a one-block stream that BZ2_bzDecompress decodes and checks alone. Blocks are found by
// their 48-bit magic (0x314159265359, and 0x177245385090 for the end of a stream), which is
// not byte-aligned. This decoder rather than piping lbzip2: on a cut file lbzip2 drops the
// last complete block, whose bytes a streaming reader (and bgpdump) still gives; and a
// second process brings exit statuses, stderr and early stops to handle
// (docs/PERFORMANCE.md, "Decompression (issue 20)").
//
// Output and errors are what a sequential libbz2 reader gives: every complete block's bytes
// in order, then the first error; concatenated streams (pbzip2) are all read. The damaged
// block's offset is that of its start.
class Bzip2Source final : public ByteSource {
 public:
  Bzip2Source(std::string name, std::unique_ptr<ByteSource> src, std::vector<uint64_t> false_splits = {})
      : name_(std::move(name)), src_(std::move(src)), false_splits_(std::move(false_splits)) {
    std::sort(false_splits_.begin(), false_splits_.end());
  }
  ~Bzip2Source() override {
    {
      std::lock_guard<std::mutex> l(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  Result<size_t> read(char* buf, size_t n) override {
    for (;;) {
      if (cur_) {
        if (off_ < cur_->out.size()) {
          const size_t k = std::min(n, cur_->out.size() - off_);
          std::memcpy(buf, cur_->out.data() + off_, k);
          off_ += k;
          return k;
        }
        if (cur_->error) return *cur_->error;  // and again at every later read
        cur_.reset();
      }
      auto more = schedule();
      if (!more) return more.error();
      if (order_.empty()) return size_t{0};
      std::shared_ptr<Job> j = std::move(order_.front());
      order_.pop_front();
      {
        std::unique_lock<std::mutex> l(mu_);
        cv_.wait(l, [&] { return j->done; });
      }
      if (j->kind == Kind::kEnd) {
        // The combined CRC of the stream's blocks (bzip2's compress.c: rotate, then xor),
        // checked here rather than by the scanner, which cannot tell a false split's piece
        // from a block.
        if (j->crc != stream_crc_) j->error = corrupt(j->first_byte, "data error " + std::to_string(BZ_DATA_ERROR));
        stream_crc_ = 0;
      } else if (j->kind == Kind::kPiece) {
        if (j->failed) j = rejoin(std::move(j));
        if (j->failed) {
          j->error = j->truncated ? truncated() : corrupt(j->first_byte, "data error " + std::to_string(j->rc));
        } else {
          stream_crc_ = ((stream_crc_ << 1) | (stream_crc_ >> 31)) ^ j->crc;
        }
      }
      cur_ = std::move(j);
      off_ = 0;
    }
  }

 private:
  static constexpr uint64_t kBlockMagic = 0x314159265359;  // bzip2's block header
  static constexpr uint64_t kEndMagic = 0x177245385090;    // and its end of stream
  // A block of level 9 holds 900,000 symbols of at most 20 bits, its tables and selectors:
  // more bits without a next magic is not bzip2.
  static constexpr size_t kMaxBlockBytes = 4u << 20;
  static constexpr size_t kRead = 1u << 20;

  // kPiece: the bits between a block magic and the next magic, which is a block unless
  // the next magic is false; kEnd: a stream's end, its stored CRC; kError: the end of the
  // output with an error.
  enum class Kind { kPiece, kEnd, kError };
  struct Job {
    Kind kind = Kind::kPiece;
    std::string stream;  // the one-block stream, kept after decoding for a join
    std::string out;
    uint64_t first_byte = 0;  // of the block (or the end's magic) in the file, for errors
    uint64_t nbits = 0;       // the piece's bits, from its magic, in `stream` after byte 4
    uint32_t crc = 0;         // stored after the magic
    char level = '9';
    int rc = BZ_OK;
    size_t in_used = 0;  // bytes of `stream` libbz2 had taken when it stopped
    bool done = false, failed = false;
    bool whole = true;           // another magic follows (rather than the end of the input)
    bool truncated = false;      // open: the input ended before this block's end was found
    std::optional<Error> error;  // after `out`
  };
  enum class Phase { kStreamHeader, kBlockHeader, kInBlock, kEnd };

  Error corrupt(uint64_t offset, const std::string& why) const {
    return Error(SourcePos::at_offset(name_, offset), "a valid bzip2 stream", why);
  }
  Error truncated() const { return corrupt(base_ + comp_.size(), "end of file inside a bzip2 stream (truncated)"); }

  // Queues the immediate end of the output with an error (after the blocks before it).
  void queue_error(Error e) {
    auto j = std::make_shared<Job>();
    j->kind = Kind::kError;
    j->done = true;
    j->error = std::move(e);
    order_.push_back(std::move(j));
    phase_ = Phase::kEnd;
  }

  // The `bits` bits at bit `at` of what is buffered (at most 57).
  uint64_t bits_at(uint64_t at, unsigned bits) const {
    uint64_t v = 0;
    const size_t first = at / 8, last = (at + bits + 7) / 8;
    for (size_t i = first; i < last; ++i) v = v << 8 | comp_[i];
    const unsigned extra = static_cast<unsigned>(last * 8 - (at + bits));
    return (v >> extra) & ((uint64_t{1} << bits) - 1);
  }
  uint64_t have_bits() const { return uint64_t{comp_.size()} * 8; }

  // Reads more compressed bytes; false at the end of the source.
  Result<bool> read_more() {
    if (src_eof_) return false;
    const size_t old = comp_.size();
    comp_.resize(old + kRead);
    auto r = src_->read(reinterpret_cast<char*>(comp_.data() + old), kRead);
    comp_.resize(old + (r ? *r : 0));
    if (!r) return r.error();
    if (*r == 0) src_eof_ = true;
    return *r > 0;
  }

  // The first bit at or after `from` where a block or end-of-stream magic starts, or
  // nullopt when there is none in what is buffered.
  std::optional<uint64_t> find_magic(uint64_t from) const {
    const size_t size = comp_.size();
    if (size < 6) return std::nullopt;
    for (size_t i = from / 8; i + 6 <= size; ++i) {
      uint64_t w = 0;
      const size_t take = std::min<size_t>(8, size - i);
      for (size_t k = 0; k < take; ++k) w = w << 8 | comp_[i + k];
      w <<= 8 * (8 - take);
      for (unsigned s = 0; s < 8; ++s) {
        const uint64_t at = uint64_t{i} * 8 + s;
        if (at < from || at + 48 > have_bits()) continue;
        const uint64_t v = (w >> (16 - s)) & 0xffffffffffff;
        if (v == kBlockMagic || v == kEndMagic) return at;
      }
    }
    return std::nullopt;
  }

  // The first test-injected false split at or after `from` that find_magic could see.
  std::optional<uint64_t> find_false_split(uint64_t from) const {
    const uint64_t abs = base_ * 8 + from;
    auto it = std::lower_bound(false_splits_.begin(), false_splits_.end(), abs);
    if (it == false_splits_.end() || *it - base_ * 8 + 48 > have_bits()) return std::nullopt;
    return *it - base_ * 8;
  }
  bool is_false_split(uint64_t at) const {
    return std::binary_search(false_splits_.begin(), false_splits_.end(), base_ * 8 + at);
  }

  // Whether the end-of-stream magic at bit `at` ends the stream, rather than being 48 bits
  // of a block's data: its CRC is the stream's so far, or the end of the input or another
  // stream's header and first magic follow it. nullopt: more bytes are needed to say.
  std::optional<bool> real_end(uint64_t at) const {
    const size_t after = static_cast<size_t>((at + 80 + 7) / 8);
    if (at + 80 > have_bits()) return src_eof_ ? std::optional<bool>(false) : std::nullopt;
    if (static_cast<uint32_t>(bits_at(at + 48, 32)) == scan_crc_) return true;
    if (comp_.size() < after + 10 && !src_eof_) return std::nullopt;
    if (comp_.size() == after) return true;
    if (comp_.size() < after + 10) return false;
    if (comp_[after] != 'B' || comp_[after + 1] != 'Z' || comp_[after + 2] != 'h') return false;
    if (comp_[after + 3] < '1' || comp_[after + 3] > '9') return false;
    const uint64_t next = bits_at(uint64_t{after + 4} * 8, 48);
    return next == kBlockMagic || next == kEndMagic;
  }

  // Cuts blocks out of the compressed bytes and queues them, until enough are in flight or
  // the input ends. Errors of the source end the output after the blocks before them.
  Result<bool> schedule() {
    const size_t most = std::max<size_t>(1, workers_wanted()) + 2;
    while (phase_ != Phase::kEnd && order_.size() < most) {
      auto step = scan_step();
      if (!step) queue_error(step.error());
    }
    return true;
  }

  // One step of the scanner: a stream header, a block's start, a block cut out, or more
  // bytes read.
  Status scan_step() {
    switch (phase_) {
      case Phase::kStreamHeader: {
        const size_t at = pos_ / 8;
        while (comp_.size() < at + 4) {
          auto more = read_more();
          if (!more) return more.error();
          if (!*more) break;
        }
        if (comp_.size() == at) {  // the end, between streams
          phase_ = Phase::kEnd;
          return Ok{};
        }
        const std::string_view head(reinterpret_cast<const char*>(comp_.data() + at),
                                    std::min<size_t>(4, comp_.size() - at));
        const bool prefix = std::string_view("BZh9").substr(0, std::min<size_t>(3, head.size())) ==
                            head.substr(0, std::min<size_t>(3, head.size()));
        if (head.size() < 4 && prefix) return truncated();
        if (!prefix || head[3] < '1' || head[3] > '9')
          return corrupt(base_ + at, "data error " + std::to_string(BZ_DATA_ERROR_MAGIC));
        level_ = head[3];
        scan_crc_ = 0;
        pos_ += 32;
        phase_ = Phase::kBlockHeader;
        return Ok{};
      }
      case Phase::kBlockHeader: {
        if (pos_ + 80 > have_bits()) {
          auto more = read_more();
          if (!more) return more.error();
          if (!*more) return truncated();
          return Ok{};
        }
        const uint64_t magic = bits_at(pos_, 48);
        const uint32_t crc = static_cast<uint32_t>(bits_at(pos_ + 48, 32));
        const bool injected = is_false_split(pos_);
        if (magic == kEndMagic && !injected) {
          auto j = std::make_shared<Job>();
          j->kind = Kind::kEnd;
          j->done = true;
          j->crc = crc;
          j->first_byte = base_ + pos_ / 8;
          order_.push_back(std::move(j));
          pos_ = (pos_ + 80 + 7) / 8 * 8;
          drop_before(pos_ / 8);
          scan_crc_ = 0;
          phase_ = Phase::kStreamHeader;
          return Ok{};
        }
        if (magic != kBlockMagic && !injected)
          return corrupt(base_ + pos_ / 8, "data error " + std::to_string(BZ_DATA_ERROR));
        // Over every piece, false ones too: a match with an end's CRC is then a real end.
        scan_crc_ = ((scan_crc_ << 1) | (scan_crc_ >> 31)) ^ crc;
        block_start_ = pos_;
        block_crc_ = crc;
        // From the next bit: a false magic may overlap the real one after it.
        scan_from_ = pos_ + 1;
        phase_ = Phase::kInBlock;
        return Ok{};
      }
      case Phase::kInBlock: {
        std::optional<uint64_t> end = find_magic(scan_from_);
        if (auto f = find_false_split(scan_from_); f && (!end || *f < *end)) end = f;
        if (end && !is_false_split(*end) && bits_at(*end, 48) == kEndMagic) {
          const std::optional<bool> real = real_end(*end);
          if (!real) {
            auto more = read_more();
            if (!more) return more.error();
            return Ok{};
          }
          if (!*real) {  // 48 bits of data: the block goes on
            scan_from_ = *end + 1;
            return Ok{};
          }
        }
        if (end) {
          submit(block_start_, *end, true);
          pos_ = *end;
          drop_before(pos_ / 8);
          phase_ = Phase::kBlockHeader;
          return Ok{};
        }
        scan_from_ = std::max(scan_from_, have_bits() >= 47 ? have_bits() - 47 : 0);
        if (have_bits() - block_start_ > uint64_t{kMaxBlockBytes} * 8)
          return corrupt(base_ + block_start_ / 8, "data error " + std::to_string(BZ_DATA_ERROR));
        auto more = read_more();
        if (!more) return more.error();
        if (!*more) {
          // Cut inside the block or before the next magic: decoded as the streaming reader
          // does, its bytes if the block is whole, then the end-of-file error.
          submit(block_start_, have_bits(), false);
          phase_ = Phase::kEnd;
        }
        return Ok{};
      }
      case Phase::kEnd:
        return Ok{};
    }
    return Ok{};
  }

  // Forgets the compressed bytes before `byte` (relative), keeping positions valid.
  void drop_before(size_t byte) {
    if (byte < (256u << 10)) return;  // cheap enough to keep: fewer moves
    comp_.erase(comp_.begin(), comp_.begin() + static_cast<std::ptrdiff_t>(byte));
    base_ += byte;
    pos_ -= uint64_t{byte} * 8;
    block_start_ -= std::min<uint64_t>(block_start_, uint64_t{byte} * 8);
    scan_from_ -= std::min<uint64_t>(scan_from_, uint64_t{byte} * 8);
  }

  // Queues the block in bits [from, to) as a stream of its own: ended by an end-of-stream
  // marker when `whole`, left open (so cut) otherwise.
  void submit(uint64_t from, uint64_t to, bool whole) {
    auto j = std::make_shared<Job>();
    j->first_byte = base_ + from / 8;
    j->nbits = to - from;
    j->crc = block_crc_;
    j->level = level_;
    j->whole = whole;
    std::string& s = j->stream;
    s.reserve((to - from) / 8 + 16);
    s += "BZh";
    s += level_;
    const unsigned shift = static_cast<unsigned>(from % 8);
    const size_t first = from / 8;
    const uint64_t nbits = to - from;
    const size_t full = nbits / 8;
    for (size_t k = 0; k < full; ++k) {
      const unsigned hi = comp_[first + k];
      const unsigned lo = shift && first + k + 1 < comp_.size() ? comp_[first + k + 1] : 0;
      s += static_cast<char>(((hi << shift) | (lo >> (8 - shift))) & 0xff);
    }
    uint64_t acc = 0;
    unsigned acc_bits = 0;
    auto put = [&](uint64_t v, unsigned bits) {
      for (unsigned b = bits; b-- > 0;) {
        acc = acc << 1 | ((v >> b) & 1);
        if (++acc_bits == 8) {
          s += static_cast<char>(acc);
          acc = 0;
          acc_bits = 0;
        }
      }
    };
    const unsigned rest = static_cast<unsigned>(nbits % 8);
    if (rest) put(bits_at(from + uint64_t{full} * 8, rest), rest);
    if (whole) {
      put(kEndMagic, 48);
      put(block_crc_, 32);  // a one-block stream's combined CRC is its block's
    }
    if (acc_bits) put(0, 8 - acc_bits);
    j->truncated = !whole;
    {
      std::lock_guard<std::mutex> l(mu_);
      queue_.push_back(j);
      if (workers_.size() < workers_wanted()) workers_.emplace_back([this] { work(); });
    }
    cv_.notify_all();
    order_.push_back(std::move(j));
  }

  // A piece that does not decode may be a block cut at a false split: the 48 bits of a
  // magic can occur inside a block's compressed data. It is joined with the pieces after
  // it (the false magic taken as data) and decoded again here, on the reader's thread,
  // until it decodes, the stream's pieces end, or it cannot be a block. The first piece's
  // stored CRC is the block's. Returns the last attempt.
  //
  // Bounds: a decode that failed without reading into the end marker after the last piece
  // (libbz2 takes input a byte at a time, as it needs it) fails the same way with more
  // bits behind, so real damage stops the joining at once; and a join is never longer than
  // kMaxBlockBytes, the most a block can be. The joined pieces leave order_, which the
  // scanner refills within its in-flight limit, so memory stays within one block's bits
  // and output beside what is in flight.
  std::shared_ptr<Job> rejoin(std::shared_ptr<Job> first) {
    std::vector<std::shared_ptr<Job>> parts{first};
    std::shared_ptr<Job> attempt = first;
    uint64_t bits = first->nbits;
    while (attempt->failed && attempt->whole && attempt->in_used * 8 > 32 + bits) {
      if (!schedule()) break;
      if (order_.empty() || order_.front()->kind != Kind::kPiece) break;
      if (bits + order_.front()->nbits > uint64_t{kMaxBlockBytes} * 8) break;
      parts.push_back(std::move(order_.front()));
      order_.pop_front();
      bits += parts.back()->nbits;
      auto j = std::make_shared<Job>();
      j->first_byte = first->first_byte;
      j->crc = first->crc;
      j->level = first->level;
      j->nbits = bits;
      j->whole = parts.back()->whole;
      j->truncated = !j->whole;
      j->stream = join(parts, j->whole, j->crc);
      decode(*j);
      j->done = true;
      attempt = std::move(j);
    }
    return attempt;
  }

  // The one-block stream of the pieces' bits one after the other.
  static std::string join(const std::vector<std::shared_ptr<Job>>& parts, bool whole, uint32_t crc) {
    std::string s = "BZh";
    s += parts.front()->level;
    BitWriter w{s};
    for (const auto& p : parts) {
      const std::string& from = p->stream;  // the piece's bits start after "BZh" and the level
      const uint64_t full = p->nbits / 8;
      for (uint64_t k = 0; k < full; ++k) w.put(static_cast<uint8_t>(from[4 + k]), 8);
      const unsigned rest = static_cast<unsigned>(p->nbits % 8);
      if (rest) w.put(static_cast<uint8_t>(from[4 + full]) >> (8 - rest), rest);
    }
    if (whole) {
      w.put(kEndMagic, 48);
      w.put(crc, 32);
    }
    w.flush();
    return s;
  }

  // Appends bits, most significant first, to a string of bytes.
  struct BitWriter {
    std::string& s;
    uint64_t acc = 0;
    unsigned acc_bits = 0;
    void put(uint64_t v, unsigned bits) {
      for (unsigned b = bits; b-- > 0;) {
        acc = acc << 1 | ((v >> b) & 1);
        if (++acc_bits == 8) {
          s += static_cast<char>(acc);
          acc = 0;
          acc_bits = 0;
        }
      }
    }
    void flush() {
      if (acc_bits) put(0, 8 - acc_bits);
    }
  };

  // One core is left to the reader, whose parsing would otherwise compete with the blocks'
  // decoding: on two cores, two decoders beside the parser took more time than one
  // (docs/PERFORMANCE.md, "Decompression (issue 20)").
  static size_t workers_wanted() {
    const unsigned cores = std::thread::hardware_concurrency();
    return cores > 2 ? cores - 1 : 1;
  }

  void work() {
    for (;;) {
      std::shared_ptr<Job> j;
      {
        std::unique_lock<std::mutex> l(mu_);
        cv_.wait(l, [&] { return stop_ || !queue_.empty(); });
        if (stop_) return;
        j = std::move(queue_.front());
        queue_.pop_front();
      }
      decode(*j);
      {
        std::lock_guard<std::mutex> l(mu_);
        j->done = true;
      }
      cv_.notify_all();
    }
  }

  static void decode(Job& j) {
    bz_stream b{};
    if (BZ2_bzDecompressInit(&b, 0, 0) != BZ_OK) {
      j.failed = true;
      j.rc = BZ_MEM_ERROR;
      return;
    }
    b.next_in = j.stream.data();
    b.avail_in = static_cast<unsigned>(j.stream.size());
    j.out.resize(1u << 20);
    size_t got = 0;
    for (;;) {
      if (got == j.out.size()) j.out.resize(j.out.size() * 2);
      b.next_out = j.out.data() + got;
      b.avail_out = static_cast<unsigned>(j.out.size() - got);
      const int rc = BZ2_bzDecompress(&b);
      got = j.out.size() - b.avail_out;
      if (rc == BZ_STREAM_END) break;
      if (rc != BZ_OK) {
        j.failed = true;
        j.truncated = false;  // damaged before the cut
        j.rc = rc;
        break;
      }
      if (b.avail_in == 0 && b.avail_out > 0) {
        // Wants more than there is: an open block was cut; a whole one is damaged.
        j.failed = true;
        j.rc = BZ_DATA_ERROR;
        break;
      }
    }
    j.out.resize(got);
    j.in_used = j.stream.size() - b.avail_in;
    BZ2_bzDecompressEnd(&b);
  }

  std::string name_;
  std::unique_ptr<ByteSource> src_;
  std::vector<uint8_t> comp_;  // compressed bytes from file offset base_
  uint64_t base_ = 0;
  bool src_eof_ = false;
  Phase phase_ = Phase::kStreamHeader;
  uint64_t pos_ = 0;  // bit in comp_ where the scanner is
  uint64_t block_start_ = 0, scan_from_ = 0;
  uint32_t block_crc_ = 0;
  uint32_t scan_crc_ = 0;               // the scanner's combined CRC, false pieces' included
  uint32_t stream_crc_ = 0;             // the reader's, of the blocks given
  std::vector<uint64_t> false_splits_;  // file bit offsets, for tests
  char level_ = '9';
  std::deque<std::shared_ptr<Job>> order_;  // queued, in output order (the reader's)
  std::shared_ptr<Job> cur_;
  size_t off_ = 0;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<Job>> queue_;  // not yet taken by a worker
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

class ZstdSource final : public Decompressor {
 public:
  ZstdSource(std::string name, std::unique_ptr<ByteSource> src) : Decompressor(std::move(name), std::move(src)) {
    d_ = ZSTD_createDStream();
    // Bound the window so a hostile frame header cannot ask for gigabytes (RFC 8878 §3.1.1.1.2).
    ZSTD_DCtx_setParameter(d_, ZSTD_d_windowLogMax, 27);
  }
  ~ZstdSource() override { ZSTD_freeDStream(d_); }
  Result<size_t> read(char* buf, size_t n) override {
    if (pending_) return *pending_;
    size_t out = 0;
    while (out < n && !done_) {
      auto more = refill();
      if (!more) return more.error();
      if (!*more) {
        if (last_hint_ != 0) return fail(corrupt("zstd", "end of file inside a zstd frame (truncated)"), out);
        done_ = true;
        break;
      }
      ZSTD_inBuffer ib{in_.data() + in_pos_, in_len_ - in_pos_, 0};
      ZSTD_outBuffer ob{buf + out, n - out, 0};
      size_t rc = ZSTD_decompressStream(d_, &ob, &ib);
      consume(ib.pos);
      out += ob.pos;
      if (ZSTD_isError(rc)) return fail(corrupt("zstd", ZSTD_getErrorName(rc)), out);
      last_hint_ = rc;
    }
    return out;
  }

 private:
  ZSTD_DStream* d_;
  size_t last_hint_ = 0;
};

class XzSource final : public Decompressor {
 public:
  using Decompressor::Decompressor;
  ~XzSource() override {
    if (init_) lzma_end(&s_);
  }
  Result<size_t> read(char* buf, size_t n) override {
    if (pending_) return *pending_;
    if (!init_) {
      s_ = LZMA_STREAM_INIT;
      // 1 GiB memory limit: a crafted header must not make us allocate without bound.
      if (lzma_stream_decoder(&s_, 1ull << 30, LZMA_CONCATENATED) != LZMA_OK)
        return corrupt("xz", "initialisation failure");
      init_ = true;
    }
    size_t out = 0;
    while (out < n && !done_) {
      auto more = refill();
      if (!more) return more.error();
      lzma_action action = *more ? LZMA_RUN : LZMA_FINISH;
      s_.next_in = reinterpret_cast<const uint8_t*>(in_.data() + in_pos_);
      s_.avail_in = in_len_ - in_pos_;
      s_.next_out = reinterpret_cast<uint8_t*>(buf + out);
      s_.avail_out = n - out;
      lzma_ret rc = lzma_code(&s_, action);
      consume((in_len_ - in_pos_) - s_.avail_in);
      out = static_cast<size_t>(reinterpret_cast<char*>(s_.next_out) - buf);
      if (rc == LZMA_STREAM_END) {
        done_ = true;
      } else if (rc == LZMA_BUF_ERROR && !*more) {
        return fail(corrupt("xz", "end of file inside an xz stream (truncated)"), out);
      } else if (rc != LZMA_OK && rc != LZMA_BUF_ERROR) {
        return fail(corrupt("xz", "lzma error " + std::to_string(static_cast<int>(rc))), out);
      }
    }
    return out;
  }

 private:
  lzma_stream s_ = LZMA_STREAM_INIT;
  bool init_ = false;
};

}  // namespace

namespace detail {
std::unique_ptr<ByteSource> bzip2_source(std::string name, std::string_view bytes, std::vector<uint64_t> false_splits) {
  return std::make_unique<Bzip2Source>(std::move(name), std::make_unique<MemorySource>(std::string(bytes)),
                                       std::move(false_splits));
}
}  // namespace detail

Input::Input(std::string name, std::unique_ptr<ByteSource> src, Compression c, std::string)
    : name_(std::move(name)), src_(std::move(src)), compression_(c), buf_(kBuf) {}
Input::Input(Input&&) noexcept = default;
Input& Input::operator=(Input&&) noexcept = default;
Input::~Input() = default;

namespace {
// Reads the magic bytes, then builds raw -> [decompressor] for the detected format.
Result<std::pair<std::unique_ptr<ByteSource>, Compression>> build_pipeline(const std::string& name,
                                                                           std::unique_ptr<ByteSource> raw) {
  std::string head(6, '\0');
  size_t got = 0;
  while (got < head.size()) {
    auto r = raw->read(head.data() + got, head.size() - got);
    if (!r) return r.error();
    if (*r == 0) break;
    got += *r;
  }
  head.resize(got);
  Compression c = detect_compression(head);
  std::unique_ptr<ByteSource> src = std::make_unique<PrefixedSource>(std::move(head), std::move(raw));
  switch (c) {
    case Compression::kNone:
      break;
    case Compression::kGzip:
      src = std::make_unique<GzipSource>(name, std::move(src));
      break;
    case Compression::kBzip2:
      src = std::make_unique<Bzip2Source>(name, std::move(src));
      break;
    case Compression::kZstd:
      src = std::make_unique<ZstdSource>(name, std::move(src));
      break;
    case Compression::kXz:
      src = std::make_unique<XzSource>(name, std::move(src));
      break;
  }
  return std::make_pair(std::move(src), c);
}
// Decompression on a thread of its own, a few chunks ahead of the reader, so that inflating
// and parsing a compressed table overlap (trace check's start-up reads an xz pfx2as table,
// and liblzma's work would otherwise add to the parse's). Used for compressed files only:
// standard input could block the thread in read() when the reader stops early.
class ReadAheadSource final : public ByteSource {
 public:
  static constexpr size_t kChunk = 256u << 10;
  static constexpr size_t kAhead = 4;  // chunks decompressed and not yet read, at most

  explicit ReadAheadSource(std::unique_ptr<ByteSource> inner) : inner_(std::move(inner)), worker_([this] { run(); }) {}
  ~ReadAheadSource() override {
    {
      std::lock_guard<std::mutex> l(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
  }

  Result<size_t> read(char* buf, size_t n) override {
    for (;;) {
      if (cur_) {
        if (off_ < cur_->size) {
          const size_t k = std::min(n, cur_->size - off_);
          std::memcpy(buf, cur_->bytes.data() + off_, k);
          off_ += k;
          return k;
        }
        // The bytes before an error are read first, as without the thread; then every read
        // says the error, or the end.
        if (cur_->error) return *cur_->error;
        if (cur_->size < kChunk) return size_t{0};
      }
      std::unique_lock<std::mutex> l(mu_);
      if (cur_) free_.push_back(std::move(cur_));
      cv_.notify_all();
      cv_.wait(l, [&] { return !ready_.empty(); });
      cur_ = std::move(ready_.front());
      ready_.pop_front();
      off_ = 0;
    }
  }

 private:
  struct Chunk {
    std::vector<char> bytes = std::vector<char>(kChunk);
    size_t size = 0;             // less than kChunk: the last
    std::optional<Error> error;  // after the bytes
  };

  void run() {
    for (;;) {
      std::unique_ptr<Chunk> c;
      {
        std::unique_lock<std::mutex> l(mu_);
        cv_.wait(l, [&] { return stop_ || ready_.size() < kAhead; });
        if (stop_) return;
        if (!free_.empty()) {
          c = std::move(free_.back());
          free_.pop_back();
        }
      }
      if (!c) c = std::make_unique<Chunk>();
      c->size = 0;
      c->error.reset();
      while (c->size < kChunk) {
        auto r = inner_->read(c->bytes.data() + c->size, kChunk - c->size);
        if (!r) {
          c->error = r.error();
          break;
        }
        if (*r == 0) break;
        c->size += *r;
      }
      // A chunk that is not full is the last: the error or the end of the input follows it.
      const bool last = c->error || c->size < kChunk;
      {
        std::lock_guard<std::mutex> l(mu_);
        ready_.push_back(std::move(c));
      }
      cv_.notify_all();
      if (last) return;
    }
  }

  std::unique_ptr<ByteSource> inner_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Chunk>> ready_;
  std::vector<std::unique_ptr<Chunk>> free_;
  bool stop_ = false;
  std::unique_ptr<Chunk> cur_;  // the reader's
  size_t off_ = 0;
  std::thread worker_;  // last: starts when the rest is built
};

}  // namespace

Result<Input> Input::open(const std::string& path) {
  std::unique_ptr<ByteSource> raw;
  std::string name = path == "-" ? std::string("<stdin>") : path;
  if (path == "-") {
    raw = std::make_unique<FdSource>(0, false, name);
  } else {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error(SourcePos{path}, "a readable file", std::strerror(errno));
    raw = std::make_unique<FdSource>(fd, true, name);
  }
  const bool file = path != "-";
  auto p = build_pipeline(name, std::move(raw));
  if (!p) return p.error();
  if (file && p->second != Compression::kNone) p->first = std::make_unique<ReadAheadSource>(std::move(p->first));
  return Input(name, std::move(p->first), p->second, {});
}

Result<Input> Input::from_memory(std::string name, std::string_view bytes) {
  auto p = build_pipeline(name, std::make_unique<MemorySource>(std::string(bytes)));
  if (!p) return p.error();
  return Input(std::move(name), std::move(p->first), p->second, {});
}

Result<bool> Input::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buf_.size()) return true;
  auto r = src_->read(buf_.data() + end_, buf_.size() - end_);
  if (!r) return r.error();
  if (*r == 0) {
    eof_ = true;
    return false;
  }
  end_ += *r;
  return true;
}

Result<std::optional<char>> Input::peek_nonspace(size_t limit) {
  for (size_t seen = 0;;) {  // bytes after begin_ already looked at
    for (; begin_ + seen < end_ && seen < limit; ++seen) {
      const char c = buf_[begin_ + seen];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return std::optional<char>(c);
    }
    if (seen >= limit) return std::optional<char>{};
    const size_t before = end_ - begin_;
    auto more = fill();  // keeps what is buffered, moved to the front
    if (!more) return more.error();
    if (!*more || end_ - begin_ == before) return std::optional<char>{};
  }
}

Result<size_t> Input::read(char* buf, size_t n) {
  if (begin_ < end_) {
    size_t k = std::min(n, end_ - begin_);
    std::memcpy(buf, buf_.data() + begin_, k);
    begin_ += k;
    return k;
  }
  if (eof_) return size_t{0};
  auto r = src_->read(buf, n);
  if (r && *r == 0) eof_ = true;
  return r;
}

Result<std::optional<std::string_view>> Input::next_line() {
  line_.clear();
  for (;;) {
    const char* b = buf_.data() + begin_;
    const char* nl = static_cast<const char*>(std::memchr(b, '\n', end_ - begin_));
    size_t take = nl ? static_cast<size_t>(nl - b) : end_ - begin_;
    if (line_.size() + take > max_line_) {
      ++line_no_;
      return Error(pos(), "a line of at most " + std::to_string(max_line_) + " bytes", "a longer line");
    }
    line_.append(b, take);
    begin_ += take;
    if (nl) {
      ++begin_;
      break;
    }
    auto more = fill();
    if (!more) return more.error();
    if (!*more) {
      if (line_.empty()) return std::optional<std::string_view>{};
      break;
    }
  }
  ++line_no_;
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  return std::optional<std::string_view>{std::string_view(line_)};
}

Result<std::string> Input::read_all(size_t max_bytes) {
  std::string out(buf_.data() + begin_, end_ - begin_);
  begin_ = end_ = 0;
  char tmp[kBuf];
  while (!eof_) {
    auto r = src_->read(tmp, sizeof tmp);
    if (!r) return r.error();
    if (*r == 0) {
      eof_ = true;
      break;
    }
    if (out.size() + *r > max_bytes)
      return Error(SourcePos{name_}, "at most " + std::to_string(max_bytes) + " bytes", "a larger input");
    out.append(tmp, *r);
  }
  if (out.size() > max_bytes)
    return Error(SourcePos{name_}, "at most " + std::to_string(max_bytes) + " bytes", "a larger input");
  return out;
}

SourcePos Input::pos(uint32_t column) const { return SourcePos(name_, static_cast<uint32_t>(line_no_), column); }

}  // namespace cleannet::core
