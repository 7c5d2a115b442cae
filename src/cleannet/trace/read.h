// Reading traceroute files record by record, in bounded memory.
//
// RecordReader splits a file (plain or compressed, see core::Input) into JSON records without
// parsing them: one per line (NDJSON: RIPE Atlas results one per line, scamper
// `sc_warts2json` output), or one per element of a top-level JSON array (RIPE Atlas results
// as the API returns them; several arrays one after the other are read too). A record
// longer than kMaxRecord is an error, never an allocation. Records keep their text padded
// for simdjson and where they start, so errors name file:line:column.
//
// RecordParser (one per thread) turns a record into a Traceroute: RIPE Atlas traceroute
// results (paris_id, hop errors, timeouts "x":"*", late packets, ICMP extensions, IPv4 and
// IPv6; https://atlas.ripe.net/docs/apis/result-format/) and scamper trace records
// (`sc_warts2json`); scamper cycle-start/cycle-stop records carry no trace and are skipped,
// tracelb (MDA multipath) records are refused with a message saying so.
//
//   auto r = RecordReader::open("results.json.gz");
//   RecordParser parser;  Record rec;  Traceroute t;
//   while (true) {
//     auto more = r->next(rec);  if (!more) fail(more.error());  if (!*more) break;
//     auto got = parser.parse(rec, r->name(), format, t);   // false: not a trace (cycle-start)
//   }
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"
#include "cleannet/trace/traceroute.h"

namespace cleannet::trace {

// JSON white space (RFC 8259 §2), around and inside records.
inline bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A record in a buffer its caller owns (a Record's text, or a line of a LineBlock).
struct RecordView {
  std::string_view text;  // followed by a NUL
  size_t room = 0;        // readable bytes from text.data(): the passes but On-Demand need text.size() + kPadding
  uint64_t line = 0;
  uint32_t column = 1;
};

struct Record {
  std::string text;  // the record, followed by at least kPadding bytes of capacity
  uint64_t line = 0;
  uint32_t column = 1;
  uint64_t ordinal = 0;  // 0-based, within its file
  RecordView view() const { return {text, text.capacity(), line, column}; }
};

// Whole lines of an NDJSON file, read straight into a buffer the caller keeps from block to
// block (RecordReader::next_lines): trace check's workers split them, so that the one thread
// reading the input does not also copy every record.
struct LineBlock {
  std::unique_ptr<char[]> data;
  size_t capacity = 0;      // bytes of data, kPadding of them beyond the lines at most
  size_t size = 0;          // bytes of whole lines; the last lacks its '\n' only at the end of input
  uint64_t first_line = 1;  // the line number of data[0]

  // The records of the block in order, blank lines skipped: f(RecordView). Each is
  // NUL-terminated in place (its line's end is overwritten), as RecordParser wants.
  template <typename F>
  void each_record(F&& f);
};

class RecordReader {
 public:
  static constexpr size_t kMaxRecord = 64u << 20;
  static constexpr size_t kPadding = 64;  // simdjson reads up to this far past the end

  static core::Result<RecordReader> open(const std::string& path);
  explicit RecordReader(core::Input in);

  // The next record into `out`; false at the end.
  core::Result<bool> next(Record& out);
  // NDJSON only (not array_mode(), after a first next()): the next whole lines, about
  // `bytes` of them (more when one line is longer), into `out`; false at the end. Mixes with
  // next().
  static constexpr size_t kBlock = 1u << 20;
  core::Result<bool> next_lines(LineBlock& out, size_t bytes = kBlock);
  const std::string& name() const { return in_.name(); }
  bool array_mode() const { return mode_ == Mode::kArray; }

 private:
  enum class Mode { kUnknown, kLines, kArray };
  core::Result<bool> fill();  // more bytes into buf_; false at the end of input
  core::Result<bool> next_line(Record& out);
  core::Result<bool> next_element(Record& out);
  core::Error error_here(std::string expected, std::string found) const;
  // Skips white space, counting lines; false at the end of input.
  core::Result<bool> skip_space();

  core::Input in_;
  Mode mode_ = Mode::kUnknown;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  uint64_t line_ = 1;
  size_t line_start_ = 0;  // buffer index where the current line starts (for columns)
  uint64_t col_base_ = 0;  // columns of the current line that left the buffer
  enum class ArrayState { kOutside, kFirst, kAfterElement } array_ = ArrayState::kOutside;
  uint64_t ordinal_ = 0;
  std::optional<core::Error> held_error_;  // next_lines(): for the call after the lines before it
};

// Which tool wrote a file, from its first record: RIPE Atlas ("type": "traceroute") or
// scamper ("type": "cycle-start", "trace", ...).
core::Result<SourceFormat> detect_format(const Record& first, const std::string& file);

class RecordParser {
 public:
  // Records up to this size may be read through simdjson's DOM (read_parse.cc); its memory
  // is bounded by this, not by kMaxRecord.
  static constexpr size_t kDomMaxRecord = 1u << 20;

  // Which passes run (read_parse.cc): a record goes to the next only when the one before
  // gives up, and On-Demand, the last, names the error. Tests and the fuzzers check that
  // every pass reads a record as On-Demand alone does.
  enum class Passes : uint8_t {
    kAll,              // the scanner, simdjson's DOM, simdjson On-Demand
    kDomThenOnDemand,  // DOM, On-Demand
    kOnDemand,         // On-Demand only
  };
  // How many records each pass has decided (the scanner should take nearly all the records
  // of real tools: tests check it does).
  struct PassCounts {
    uint64_t scan = 0, dom = 0, on_demand = 0;
  };

  explicit RecordParser(Passes passes = Passes::kAll);
  ~RecordParser();
  RecordParser(RecordParser&&) noexcept;
  RecordParser& operator=(RecordParser&&) noexcept;

  // Fills `t` from the record (t is cleared first); false (not an error) for records that
  // hold no trace, such as scamper's cycle-start and cycle-stop.
  core::Result<bool> parse(const Record& rec, const std::string& file, SourceFormat format, Traceroute& t);
  core::Result<bool> parse(const RecordView& rec, const std::string& file, SourceFormat format, Traceroute& t);
  const PassCounts& counts() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

template <typename F>
void LineBlock::each_record(F&& f) {
  char* p = data.get();
  char* const end = p + size;
  for (uint64_t line = first_line; p < end; ++line) {
    char* const start = p;
    char* nl = static_cast<char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    char* stop = nl ? nl : end;
    char* b = p;
    char* e = stop;
    while (b < e && is_json_space(*b)) ++b;
    while (e > b && is_json_space(e[-1])) --e;
    p = nl ? nl + 1 : end;
    if (b == e) continue;
    *e = '\0';
    f(RecordView{std::string_view(b, static_cast<size_t>(e - b)), static_cast<size_t>(data.get() + capacity - b), line,
                 static_cast<uint32_t>(b - start + 1)});
  }
}

}  // namespace cleannet::trace
