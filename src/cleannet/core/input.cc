#include "cleannet/core/input.h"

#include <bzlib.h>
#include <fcntl.h>
#include <lzma.h>
#include <unistd.h>
#include <zlib.h>
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
    case Compression::kNone: return "none";
    case Compression::kGzip: return "gzip";
    case Compression::kBzip2: return "bzip2";
    case Compression::kZstd: return "zstd";
    case Compression::kXz: return "xz";
  }
  return "?";
}

Compression detect_compression(std::string_view h) {
  auto starts = [&](std::string_view magic) { return h.substr(0, magic.size()) == magic; };
  if (starts("\x1f\x8b")) return Compression::kGzip;                       // RFC 1952 §2.3.1
  if (starts("BZh") && h.size() >= 4 && h[3] >= '1' && h[3] <= '9') return Compression::kBzip2;
  if (starts("\x28\xb5\x2f\xfd")) return Compression::kZstd;               // RFC 8878 §3.1.1
  if (starts(std::string_view("\xfd" "7zXZ\x00", 6))) return Compression::kXz;
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
  Decompressor(std::string name, std::unique_ptr<ByteSource> src) : name_(std::move(name)), src_(std::move(src)), in_(kBuf) {}

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

class GzipSource final : public Decompressor {
 public:
  using Decompressor::Decompressor;
  ~GzipSource() override {
    if (init_) inflateEnd(&z_);
  }
  Result<size_t> read(char* buf, size_t n) override {
    if (pending_) return *pending_;
    if (!init_) {
      std::memset(&z_, 0, sizeof z_);
      if (inflateInit2(&z_, 15 + 16) != Z_OK) return corrupt("gzip", "zlib initialisation failure");
      init_ = true;
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
      z_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
      z_.avail_in = static_cast<uInt>(in_len_ - in_pos_);
      z_.next_out = reinterpret_cast<Bytef*>(buf + out);
      z_.avail_out = static_cast<uInt>(std::min<size_t>(n - out, 1u << 30));
      member_started_ = true;
      int rc = inflate(&z_, Z_NO_FLUSH);
      size_t used = (in_len_ - in_pos_) - z_.avail_in;
      consume(used);
      out = static_cast<size_t>(reinterpret_cast<char*>(z_.next_out) - buf);
      if (rc == Z_STREAM_END) {
        // RFC 1952 §2.2: a gzip file is a series of members; read them all.
        inflateReset(&z_);
        member_started_ = false;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return fail(corrupt("gzip", z_.msg ? z_.msg : "inflate error"), out);
      } else if (rc == Z_BUF_ERROR && used == 0 && out < n) {
        return fail(corrupt("gzip", "no progress"), out);
      }
    }
    return out;
  }

 private:
  z_stream z_{};
  bool init_ = false;
  bool member_started_ = false;
};

class Bzip2Source final : public Decompressor {
 public:
  using Decompressor::Decompressor;
  ~Bzip2Source() override {
    if (init_) BZ2_bzDecompressEnd(&b_);
  }
  Result<size_t> read(char* buf, size_t n) override {
    if (pending_) return *pending_;
    if (!init_) {
      std::memset(&b_, 0, sizeof b_);
      if (BZ2_bzDecompressInit(&b_, 0, 0) != BZ_OK) return corrupt("bzip2", "initialisation failure");
      init_ = true;
    }
    size_t out = 0;
    while (out < n && !done_) {
      auto more = refill();
      if (!more) return more.error();
      if (!*more) {
        if (stream_started_) return fail(corrupt("bzip2", "end of file inside a bzip2 stream (truncated)"), out);
        done_ = true;
        break;
      }
      b_.next_in = in_.data() + in_pos_;
      b_.avail_in = static_cast<unsigned>(in_len_ - in_pos_);
      b_.next_out = buf + out;
      b_.avail_out = static_cast<unsigned>(std::min<size_t>(n - out, 1u << 30));
      stream_started_ = true;
      int rc = BZ2_bzDecompress(&b_);
      consume((in_len_ - in_pos_) - b_.avail_in);
      out = static_cast<size_t>(b_.next_out - buf);
      if (rc == BZ_STREAM_END) {
        // Concatenated streams (pbzip2 output): start again on what follows.
        BZ2_bzDecompressEnd(&b_);
        std::memset(&b_, 0, sizeof b_);
        if (BZ2_bzDecompressInit(&b_, 0, 0) != BZ_OK) return corrupt("bzip2", "initialisation failure");
        stream_started_ = false;
      } else if (rc != BZ_OK) {
        return fail(corrupt("bzip2", "data error " + std::to_string(rc)), out);
      }
    }
    return out;
  }

 private:
  bz_stream b_{};
  bool init_ = false;
  bool stream_started_ = false;
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
    case Compression::kNone: break;
    case Compression::kGzip: src = std::make_unique<GzipSource>(name, std::move(src)); break;
    case Compression::kBzip2: src = std::make_unique<Bzip2Source>(name, std::move(src)); break;
    case Compression::kZstd: src = std::make_unique<ZstdSource>(name, std::move(src)); break;
    case Compression::kXz: src = std::make_unique<XzSource>(name, std::move(src)); break;
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

  explicit ReadAheadSource(std::unique_ptr<ByteSource> inner)
      : inner_(std::move(inner)), worker_([this] { run(); }) {}
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
    size_t size = 0;  // less than kChunk: the last
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
