// MrtReader: framing records out of a (decompressed) byte stream, RFC 6396 §2-3.
#include "cleannet/bgp/mrt.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace cleannet::bgp {

std::string record_type_name(uint16_t type, uint16_t subtype) {
  auto generic = [&] { return "MRT type " + std::to_string(type) + " subtype " + std::to_string(subtype); };
  switch (type) {
    case kMrtBgp: {
      static const char* names[] = {"NULL", "UPDATE", "PREF_UPDATE", "STATE_CHANGE",
                                    "SYNC", "OPEN",   "NOTIFY",      "KEEPALIVE"};
      if (subtype < 8) return std::string("BGP ") + names[subtype];
      return "BGP subtype " + std::to_string(subtype);
    }
    case kMrtTableDump: {
      static const char* names[] = {"", "AFI_IPv4", "AFI_IPv6", "AFI_IPv4_32BIT_AS", "AFI_IPv6_32BIT_AS"};
      if (subtype >= 1 && subtype <= 4) return std::string("TABLE_DUMP ") + names[subtype];
      return "TABLE_DUMP subtype " + std::to_string(subtype);
    }
    case kMrtTableDumpV2: {
      static const char* names[] = {"",
                                    "PEER_INDEX_TABLE",
                                    "RIB_IPV4_UNICAST",
                                    "RIB_IPV4_MULTICAST",
                                    "RIB_IPV6_UNICAST",
                                    "RIB_IPV6_MULTICAST",
                                    "RIB_GENERIC",
                                    "GEO_PEER_TABLE",
                                    "RIB_IPV4_UNICAST_ADDPATH",
                                    "RIB_IPV4_MULTICAST_ADDPATH",
                                    "RIB_IPV6_UNICAST_ADDPATH",
                                    "RIB_IPV6_MULTICAST_ADDPATH",
                                    "RIB_GENERIC_ADDPATH"};
      if (subtype >= 1 && subtype <= 12) return std::string("TABLE_DUMP_V2 ") + names[subtype];
      return "TABLE_DUMP_V2 subtype " + std::to_string(subtype);
    }
    case kMrtBgp4mp:
    case kMrtBgp4mpEt: {
      static const char* names[] = {"STATE_CHANGE",
                                    "MESSAGE",
                                    "ENTRY",
                                    "SNAPSHOT",
                                    "MESSAGE_AS4",
                                    "STATE_CHANGE_AS4",
                                    "MESSAGE_LOCAL",
                                    "MESSAGE_AS4_LOCAL",
                                    "MESSAGE_ADDPATH",
                                    "MESSAGE_AS4_ADDPATH",
                                    "MESSAGE_LOCAL_ADDPATH",
                                    "MESSAGE_AS4_LOCAL_ADDPATH"};
      std::string t = type == kMrtBgp4mp ? "BGP4MP" : "BGP4MP_ET";
      if (subtype < 12) return t + " " + names[subtype];
      return t + " subtype " + std::to_string(subtype);
    }
  }
  return generic();
}

namespace {

constexpr size_t kBlock = 1u << 20;           // decompressed bytes per hand-over between threads
constexpr size_t kDepth = 4;                  // blocks decompressed ahead
constexpr size_t kInitialBuffer = 64u << 10;  // the reader's; grows to the largest record

// Where the reader's bytes come from: the Input directly, or a thread running it ahead.
class Source {
 public:
  virtual ~Source() = default;
  virtual core::Result<size_t> read(uint8_t* dst, size_t n) = 0;
};

class DirectSource final : public Source {
 public:
  explicit DirectSource(core::Input* in) : in_(in) {}
  core::Result<size_t> read(uint8_t* dst, size_t n) override { return in_->read(reinterpret_cast<char*>(dst), n); }

 private:
  core::Input* in_;
};

// Decompresses in a second thread: the producer fills blocks of kBlock bytes, the consumer
// copies out of them. At most kDepth blocks are in flight, so memory stays bounded.
class ThreadedSource final : public Source {
 public:
  explicit ThreadedSource(core::Input* in) : in_(in) {
    thread_ = std::thread([this] { produce(); });
  }
  ~ThreadedSource() override {
    {
      std::lock_guard<std::mutex> l(m_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  core::Result<size_t> read(uint8_t* dst, size_t n) override {
    if (cur_pos_ == cur_.size()) {
      std::unique_lock<std::mutex> l(m_);
      if (!cur_.empty() || cur_.capacity()) free_.push_back(std::move(cur_));
      cur_ = {};
      cur_pos_ = 0;
      cv_.notify_all();
      cv_.wait(l, [&] { return !full_.empty() || done_; });
      if (full_.empty()) {
        if (error_) return *error_;
        return size_t{0};
      }
      cur_ = std::move(full_.front());
      full_.pop_front();
      cv_.notify_all();
    }
    size_t k = std::min(n, cur_.size() - cur_pos_);
    std::memcpy(dst, cur_.data() + cur_pos_, k);
    cur_pos_ += k;
    return k;
  }

 private:
  void produce() {
    for (;;) {
      std::vector<char> block;
      {
        std::unique_lock<std::mutex> l(m_);
        cv_.wait(l, [&] { return stop_ || full_.size() < kDepth; });
        if (stop_) return;
        if (!free_.empty()) {
          block = std::move(free_.back());
          free_.pop_back();
        }
      }
      block.resize(kBlock);
      size_t got = 0;
      std::optional<core::Error> err;
      while (got < kBlock && !stop_.load(std::memory_order_relaxed)) {
        auto r = in_->read(block.data() + got, kBlock - got);
        if (!r) {
          err = r.error();
          break;
        }
        if (*r == 0) break;
        got += *r;
      }
      block.resize(got);
      std::lock_guard<std::mutex> l(m_);
      if (got) full_.push_back(std::move(block));
      if (err || got < kBlock) {
        error_ = std::move(err);
        done_ = true;
        cv_.notify_all();
        return;
      }
      cv_.notify_all();
    }
  }

  core::Input* in_;
  std::thread thread_;
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::vector<char>> full_;
  std::vector<std::vector<char>> free_;
  std::optional<core::Error> error_;
  bool done_ = false;
  std::atomic<bool> stop_{false};  // also read outside the lock, between reads
  std::vector<char> cur_;
  size_t cur_pos_ = 0;
};

std::string n2s(uint64_t v) { return std::to_string(v); }

}  // namespace

struct MrtReader::Impl {
  core::Input input;
  ReaderOptions options;
  std::unique_ptr<Source> source;
  std::vector<uint8_t> buf;
  size_t begin = 0, end = 0;
  bool eof = false;
  bool failed = false;
  std::optional<core::Error> source_error;  // what ended the input early
  uint64_t offset = 0;                      // of buf[begin]
  uint64_t drained = 0;                     // unread_bytes() once it read the rest
  MrtRecord record;

  Impl(core::Input in, ReaderOptions o) : input(std::move(in)), options(o) {
    if (options.background_decompression)
      source = std::make_unique<ThreadedSource>(&input);
    else
      source = std::make_unique<DirectSource>(&input);
    buf.resize(kInitialBuffer);
  }

  // Makes at least n bytes available from begin; false when the input ends first.
  bool ensure(size_t n) {
    while (end - begin < n) {
      if (eof) return false;
      if (begin > 0) {  // what is left is less than one record: cheap to move
        std::memmove(buf.data(), buf.data() + begin, end - begin);
        end -= begin;
        begin = 0;
      }
      if (buf.size() < n) buf.resize(std::max(n, buf.size() * 2));
      auto r = source->read(buf.data() + end, buf.size() - end);
      if (!r) {
        source_error = r.error();
        eof = true;
        return false;
      }
      if (*r == 0) {
        eof = true;
        return false;
      }
      end += *r;
    }
    return true;
  }

  uint32_t be32(size_t at) const {
    const uint8_t* p = buf.data() + begin + at;
    return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
  }
  uint16_t be16(size_t at) const {
    const uint8_t* p = buf.data() + begin + at;
    return static_cast<uint16_t>(p[0] << 8 | p[1]);
  }

  // The input ended (or failed) with `have` bytes of a record that needs `need`.
  core::Error cut(const std::string& what, size_t need, size_t have) {
    failed = true;
    std::string found = n2s(have) + " bytes before the end of the input";
    if (source_error) found += " (" + source_error->message() + ")";
    return core::Error(
        core::SourcePos(input.name() + ": byte " + n2s(offset) + ": " + what),
        "a " + n2s(need) + "-byte " + (what == "MRT header" ? std::string("header") : std::string("record")), found);
  }

  // After a failed next(): the bytes from the failing record to the end of the input. What is
  // past the buffer is read (and counted) only now, so that the count is the input's, not
  // the buffer's, however the input was read; it costs what reading them would have.
  uint64_t unread_bytes() {
    uint64_t n = end - begin;
    if (!eof) {
      std::vector<uint8_t> scratch(64u << 10);
      for (;;) {
        auto r = source->read(scratch.data(), scratch.size());
        if (!r || *r == 0) break;
        n += *r;
      }
      eof = true;
      begin = end = 0;
      drained = n;
    } else if (drained) {
      n = drained;
    }
    return n;
  }

  core::Result<const MrtRecord*> next() {
    if (failed) return static_cast<const MrtRecord*>(nullptr);
    if (!ensure(12)) {
      size_t have = end - begin;
      if (have == 0) {
        if (source_error) {
          failed = true;
          return *source_error;
        }
        return static_cast<const MrtRecord*>(nullptr);
      }
      return cut("MRT header", 12, have);
    }
    // RFC 6396 §2: timestamp, type, subtype, length (of what follows the common header).
    record.offset = offset;
    record.timestamp = be32(0);
    record.type = be16(4);
    record.subtype = be16(6);
    uint32_t length = be32(8);
    record.microseconds = 0;
    std::string name = record_type_name(record.type, record.subtype);
    auto bad = [&](std::string expected, std::string found) {
      failed = true;
      return core::Error(core::SourcePos(input.name() + ": byte " + n2s(offset) + ": " + name + " record"),
                         std::move(expected), std::move(found));
    };
    size_t header = 12;
    if (record.type == kMrtBgp4mpEt) {
      // RFC 6396 §3: the microsecond field is counted in the length.
      if (length < 4) return bad("a length >= 4 (it includes the microsecond timestamp, RFC 6396 §3)", n2s(length));
      if (!ensure(16)) return cut(name + " record", 16, end - begin);
      record.microseconds = be32(12);
      length -= 4;
      header = 16;
    }
    if (length == 0) return bad("a record length > 0 (bgpdump stops reading here)", "0");
    if (length > options.max_record_size)
      return bad("a record length <= " + n2s(options.max_record_size) + " bytes", n2s(length));
    if (!ensure(header + length)) return cut(name + " record", header + length, end - begin);
    record.body = {buf.data() + begin + header, length};
    begin += header + length;
    offset += header + length;
    return static_cast<const MrtRecord*>(&record);
  }
};

core::Result<MrtReader> MrtReader::open(const std::string& path, ReaderOptions options) {
  auto in = core::Input::open(path);
  if (!in) return in.error();
  return MrtReader(std::move(*in), options);
}

MrtReader::MrtReader(core::Input input, ReaderOptions options)
    : impl_(std::make_unique<Impl>(std::move(input), options)) {}
MrtReader::MrtReader(MrtReader&&) noexcept = default;
MrtReader& MrtReader::operator=(MrtReader&&) noexcept = default;
MrtReader::~MrtReader() = default;

core::Result<const MrtRecord*> MrtReader::next() { return impl_->next(); }
const std::string& MrtReader::name() const { return impl_->input.name(); }
core::Compression MrtReader::compression() const { return impl_->input.compression(); }
uint64_t MrtReader::offset() const { return impl_->offset; }
uint64_t MrtReader::unread_bytes() { return impl_->unread_bytes(); }

std::string skipped_text(std::span<const SkippedRecords> skipped) {
  std::string s;
  for (const SkippedRecords& k : skipped) {
    if (!s.empty()) s += ", ";
    const std::string name = record_type_name(k.type, k.subtype);
    s += std::to_string(k.records) + " " + name;
    // The numbers too where the name is not them: draft names such as ENTRY are in no RFC.
    if (!name.starts_with("MRT type"))
      s += " (type " + std::to_string(k.type) + " subtype " + std::to_string(k.subtype) + ")";
  }
  return s;
}

uint64_t skipped_records(std::span<const SkippedRecords> skipped) {
  uint64_t n = 0;
  for (const SkippedRecords& k : skipped) n += k.records;
  return n;
}

core::Result<MrtFileSummary> read_mrt_file(const std::string& path, MrtHandler& h, bool keep_going) {
  auto reader = MrtReader::open(path);
  if (!reader) return reader.error();
  MrtDecoder decoder(reader->name());
  MrtFileSummary s;
  s.name = reader->name();
  for (;;) {
    auto rec = reader->next();
    if (!rec) {
      if (!keep_going) return rec.error();
      s.cut = rec.error();
      s.unread_bytes = reader->unread_bytes();
      break;
    }
    if (!*rec) break;
    ++s.records;
    if (auto st = decoder.decode(**rec, h); !st) {
      if (!keep_going) return st.error();
      ++s.damaged;
    }
  }
  s.skipped = decoder.skipped();
  return s;
}

}  // namespace cleannet::bgp
