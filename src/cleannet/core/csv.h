// CsvReader: RFC 4180 records from an Input, streaming, with quoted fields that may hold
// commas, doubled quotes and line breaks. Errors name the file and the record's line.
//
//   CsvReader csv(std::move(input));
//   while (auto rec = csv.next()) { if (!*rec) break; for (auto f : **rec) ...; }
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/input.h"

namespace cleannet::core {

class CsvReader {
 public:
  explicit CsvReader(Input in) : in_(std::move(in)) {}

  // The next record's fields (valid until the next call), or nullopt at the end.
  Result<std::optional<std::vector<std::string_view>>> next();
  // Line on which the last record started.
  uint64_t record_line() const { return record_line_; }
  const std::string& name() const { return in_.name(); }

 private:
  Input in_;
  std::string buf_;
  std::vector<size_t> ends_;
  std::vector<std::string_view> fields_;
  uint64_t record_line_ = 0;
};

}  // namespace cleannet::core
