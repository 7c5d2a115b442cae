// RecordReader: splitting a file into JSON records. Hand-written rather than done by a JSON
// library because no library in Debian 12 streams the elements of a top-level array from a
// file of unknown size in bounded memory: this only finds where each element ends (strings,
// escapes and nesting), and the element itself is then parsed by simdjson (read_parse.cc).
#include <algorithm>
#include <cstring>
#include <memory>

#include "cleannet/trace/read.h"

namespace cleannet::trace {

namespace {
constexpr size_t kChunk = 1u << 20;
}  // namespace

core::Result<RecordReader> RecordReader::open(const std::string& path) {
  auto in = core::Input::open(path);
  if (!in) return in.error();
  return RecordReader(std::move(*in));
}

// The buffer starts small and doubles in fill() up to reads of kChunk: a small input (a test,
// a fuzzer's) does not pay for zeroing a megabyte.
RecordReader::RecordReader(core::Input in) : in_(std::move(in)) { buf_.resize(kChunk / 16 + kPadding); }

core::Error RecordReader::error_here(std::string expected, std::string found) const {
  return core::Error(core::SourcePos(in_.name(), static_cast<uint32_t>(line_),
                                     static_cast<uint32_t>(col_base_ + (pos_ - line_start_) + 1)),
                     std::move(expected), std::move(found));
}

// Keeps buf_[pos_, end_) (moved to the front) and reads more after it.
core::Result<bool> RecordReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    if (line_start_ < pos_) {
      col_base_ += pos_ - line_start_;
      line_start_ = 0;
    } else {
      line_start_ -= pos_;
    }
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (buf_.size() - kPadding - end_ < kChunk / 2) {
    if (end_ > kMaxRecord + kChunk) return error_here("a JSON record of at most 64 MiB", "a longer one");
    buf_.resize(buf_.size() * 2);
  }
  auto n = in_.read(buf_.data() + end_, buf_.size() - kPadding - end_);
  if (!n) return n.error();
  if (*n == 0) {
    eof_ = true;
    return false;
  }
  end_ += *n;
  return true;
}

core::Result<bool> RecordReader::skip_space() {
  for (;;) {
    while (pos_ < end_ && is_json_space(buf_[pos_])) {
      if (buf_[pos_] == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
        col_base_ = 0;
      }
      ++pos_;
    }
    if (pos_ < end_) return true;
    auto more = fill();
    if (!more) return more.error();
    if (!*more) return false;
  }
}

core::Result<bool> RecordReader::next(Record& out) {
  if (mode_ == Mode::kUnknown) {
    auto any = skip_space();
    if (!any) return any.error();
    if (!*any) return error_here("a traceroute result: a JSON array or one JSON object per line", "an empty input");
    mode_ = buf_[pos_] == '[' ? Mode::kArray : Mode::kLines;
  }
  return mode_ == Mode::kLines ? next_line(out) : next_element(out);
}

core::Result<bool> RecordReader::next_line(Record& out) {
  for (;;) {
    // A line that is only white space is no record.
    size_t scan = pos_;
    const char* nl = nullptr;
    for (;;) {
      nl = static_cast<const char*>(std::memchr(buf_.data() + scan, '\n', end_ - scan));
      if (nl || eof_) break;
      if (end_ - pos_ > kMaxRecord) return error_here("a line of at most 64 MiB", "a longer one");
      size_t done = end_ - pos_;
      auto more = fill();
      if (!more) return more.error();
      scan = pos_ + done;
    }
    size_t stop = nl ? static_cast<size_t>(nl - buf_.data()) : end_;
    if (stop == pos_ && !nl) return false;  // end of input
    size_t b = pos_, e = stop;
    while (b < e && is_json_space(buf_[b])) ++b;
    while (e > b && is_json_space(buf_[e - 1])) --e;
    const uint64_t line = line_;
    const uint32_t col = static_cast<uint32_t>(b - pos_ + 1);
    pos_ = nl ? stop + 1 : stop;
    ++line_;
    line_start_ = pos_;
    col_base_ = 0;
    if (b == e) continue;
    out.text.reserve(e - b + kPadding);
    out.text.assign(buf_.data() + b, e - b);
    out.line = line;
    out.column = col;
    out.ordinal = ordinal_++;
    return true;
  }
}

namespace {
// At least `need` bytes in the block, its first `keep` kept; not zeroed (read() fills them).
void reserve(LineBlock& b, size_t need, size_t keep) {
  if (b.capacity >= need) return;
  auto d = std::make_unique_for_overwrite<char[]>(need);
  if (keep) std::memcpy(d.get(), b.data.get(), keep);
  b.data = std::move(d);
  b.capacity = need;
}
}  // namespace

core::Result<bool> RecordReader::next_lines(LineBlock& out, size_t bytes) {
  if (mode_ != Mode::kLines) return error_here("one JSON record per line", "a JSON array");  // programmer error
  out.size = 0;
  if (held_error_) {  // a reading error after the whole lines handed out last time
    core::Error e = std::move(*held_error_);
    held_error_.reset();
    return e;
  }
  auto hand_out = [&](const char* from, size_t whole) {
    out.size = whole;
    out.first_line = line_;
    // memchr from line to line: lines are long, and std::count here is a byte loop
    for (const char* q = from; (q = static_cast<const char*>(std::memchr(q, '\n', whole - (q - from)))); ++q) ++line_;
  };
  // What next() left in buf_ starts at a line (next_line stops after a '\n'). When it holds
  // a block's worth of whole lines, they are the block.
  size_t want = std::max<size_t>(bytes, 1);
  const size_t held = end_ - pos_;
  if (held > want) {
    const char* b = buf_.data() + pos_;
    const void* nl = memrchr(b, '\n', want);
    if (!nl) nl = std::memchr(b + want, '\n', held - want);
    if (nl) {
      const size_t whole = static_cast<size_t>(static_cast<const char*>(nl) - b) + 1;
      reserve(out, whole + kPadding + 1, 0);
      std::memcpy(out.data.get(), b, whole);
      pos_ += whole;
      line_start_ = pos_;
      col_base_ = 0;
      hand_out(out.data.get(), whole);
      return true;
    }
  }
  // Otherwise they come first, and the rest is read straight into the block.
  want = std::max(want, held);
  reserve(out, want + kPadding + 1, 0);
  if (held) std::memcpy(out.data.get(), buf_.data() + pos_, held);
  pos_ = end_ = line_start_ = 0;
  col_base_ = 0;
  size_t n = held;
  size_t whole = 0;  // bytes of whole lines
  for (;;) {
    while (n < want && !eof_) {
      auto r = in_.read(out.data.get() + n, want - n);
      if (!r) {
        // The lines read before the error are handed out first, as next() would.
        const void* nl = n ? memrchr(out.data.get(), '\n', n) : nullptr;
        if (!nl) return r.error();
        held_error_ = r.error();
        whole = static_cast<size_t>(static_cast<const char*>(nl) - out.data.get()) + 1;
        n = whole;
        break;
      }
      if (*r == 0)
        eof_ = true;
      else
        n += *r;
    }
    if (held_error_) break;
    if (eof_) {  // the last line may lack its '\n'
      whole = n;
      break;
    }
    if (const void* nl = memrchr(out.data.get(), '\n', n)) {
      whole = static_cast<size_t>(static_cast<const char*>(nl) - out.data.get()) + 1;
      break;
    }
    // One line longer than the block so far.
    if (n > kMaxRecord) return error_here("a line of at most 64 MiB", "a longer one");
    want *= 2;
    reserve(out, want + kPadding + 1, n);
  }
  // The start of the next line goes back to buf_, for the next call or next().
  const size_t tail = n - whole;
  if (buf_.size() < tail + kPadding) buf_.resize(tail + kPadding);
  if (tail) std::memcpy(buf_.data(), out.data.get() + whole, tail);
  end_ = tail;
  hand_out(out.data.get(), whole);
  return whole > 0;
}

core::Result<bool> RecordReader::next_element(Record& out) {
  for (;;) {
    auto any = skip_space();
    if (!any) return any.error();
    if (array_ == ArrayState::kOutside) {
      if (!*any) return false;
      if (buf_[pos_] != '[')
        return error_here("'[' starting a JSON array of traceroute results, or the end of the input",
                          core::quote_found(std::string_view(buf_.data() + pos_, std::min<size_t>(end_ - pos_, 20))));
      ++pos_;
      array_ = ArrayState::kFirst;
      continue;
    }
    if (!*any) return error_here("',' or ']' continuing the JSON array", "the end of the input");
    char c = buf_[pos_];
    if (array_ == ArrayState::kAfterElement) {
      if (c == ']') {
        ++pos_;
        array_ = ArrayState::kOutside;
        continue;
      }
      if (c != ',')
        return error_here("',' or ']' after an array element", core::quote_found(std::string_view(&buf_[pos_], 1)));
      ++pos_;
      auto more = skip_space();
      if (!more) return more.error();
      if (!*more) return error_here("a traceroute result after ','", "the end of the input");
      c = buf_[pos_];
      if (c != '{')
        return error_here("'{' starting a traceroute result after ','",
                          core::quote_found(std::string_view(&buf_[pos_], 1)));
    } else if (c == ']') {  // an empty array
      ++pos_;
      array_ = ArrayState::kOutside;
      continue;
    }
    if (c != '{')
      return error_here("'{' starting a traceroute result", core::quote_found(std::string_view(&buf_[pos_], 1)));
    // One object: find its closing brace.
    const uint64_t start_line = line_;
    const uint32_t start_col = static_cast<uint32_t>(col_base_ + (pos_ - line_start_) + 1);
    size_t i = pos_;
    int depth = 0;
    bool in_string = false, escape = false;
    for (;;) {
      if (i == end_) {
        if (end_ - pos_ > kMaxRecord) return error_here("a traceroute result of at most 64 MiB", "a longer one");
        size_t done = i - pos_;
        auto more = fill();
        if (!more) return more.error();
        if (!*more)
          return core::Error(core::SourcePos(in_.name(), static_cast<uint32_t>(start_line), start_col),
                             "the end of the JSON object that starts here", "the end of the input");
        i = pos_ + done;
        continue;
      }
      const char ch = buf_[i++];
      if (in_string) {
        if (escape)
          escape = false;
        else if (ch == '\\')
          escape = true;
        else if (ch == '"')
          in_string = false;
        else if (ch == '\n') {  // invalid in JSON; simdjson will say so, but keep lines right
          ++line_;
          line_start_ = i;
          col_base_ = 0;
        }
        continue;
      }
      if (ch == '"')
        in_string = true;
      else if (ch == '{' || ch == '[')
        ++depth;
      else if (ch == '}' || ch == ']') {
        if (--depth == 0) break;
      } else if (ch == '\n') {
        ++line_;
        line_start_ = i;
        col_base_ = 0;
      }
    }
    out.text.reserve(i - pos_ + kPadding);
    out.text.assign(buf_.data() + pos_, i - pos_);
    out.line = start_line;
    out.column = start_col;
    out.ordinal = ordinal_++;
    pos_ = i;
    array_ = ArrayState::kAfterElement;
    return true;
  }
}

}  // namespace cleannet::trace
