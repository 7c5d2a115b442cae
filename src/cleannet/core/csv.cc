#include "cleannet/core/csv.h"

namespace cleannet::core {

Result<std::optional<std::vector<std::string_view>>> CsvReader::next() {
  buf_.clear();
  ends_.clear();
  fields_.clear();
  auto first = in_.next_line();
  if (!first) return first.error();
  if (!*first) return std::optional<std::vector<std::string_view>>{};
  record_line_ = in_.line_no();
  std::string line(**first);
  bool in_quotes = false;
  for (;;) {
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (in_quotes) {
        if (c == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            buf_ += '"';
            ++i;
          } else {
            in_quotes = false;
          }
        } else {
          buf_ += c;
        }
      } else if (c == '"') {
        in_quotes = true;
      } else if (c == ',') {
        ends_.push_back(buf_.size());
      } else {
        buf_ += c;
      }
    }
    if (!in_quotes) break;
    // RFC 4180 §2.6: a quoted field may contain a line break.
    auto more = in_.next_line();
    if (!more) return more.error();
    if (!*more) return Error(SourcePos(in_.name(), static_cast<uint32_t>(record_line_)), "a closing quote", "end of file");
    if (buf_.size() > (16u << 20)) return Error(SourcePos(in_.name(), static_cast<uint32_t>(record_line_)), "a record of at most 16 MiB", "a longer record");
    buf_ += '\n';
    line = std::string(**more);
  }
  ends_.push_back(buf_.size());
  size_t start = 0;
  for (size_t e : ends_) {
    fields_.emplace_back(buf_.data() + start, e - start);
    start = e;
  }
  return std::optional<std::vector<std::string_view>>{fields_};
}

}  // namespace cleannet::core
