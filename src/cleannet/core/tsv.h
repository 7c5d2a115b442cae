// TsvLines: the rows of a tab-separated table read line by line from an Input (the bundled
// cloud provider ranges and data-class tables): '#' lines and blank lines are comments,
// every row must have the expected number of fields, and errors point at the column where
// the field they are about begins.
//
//   TsvLines rows(in, 4, "type, class, documentation, summary");
//   for (;;) {
//     auto row = rows.next();
//     if (!row) return row.error();            // "f.tsv:3:1: expected 4 tab-separated fields (...), found 3 field(s)"
//     if (!*row) break;
//     if (bad((**row)[1])) return Error(rows.at(1), "a class", quote_found((**row)[1]));
//   }
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"
#include "cleannet/core/text.h"

namespace cleannet::core {

class TsvLines {
 public:
  // `names` lists the fields for the error message; `in` must outlive this.
  TsvLines(Input& in, size_t fields, std::string names) : in_(in), fields_(fields), names_(std::move(names)) {}

  // The next row's fields (valid until the next call), or nullopt at the end.
  Result<std::optional<std::vector<std::string_view>>> next() {
    for (;;) {
      auto line = in_.next_line();
      if (!line) return line.error();
      if (!*line) return std::optional<std::vector<std::string_view>>();
      std::string_view l = **line;
      if (l.empty() || l[0] == '#') continue;
      row_ = split(l, '\t');
      if (row_.size() != fields_)
        return Error(in_.pos(1), std::to_string(fields_) + " tab-separated fields (" + names_ + ")",
                     std::to_string(row_.size()) + " field(s)");
      return std::optional<std::vector<std::string_view>>(row_);
    }
  }

  // Where field i of the current row begins.
  SourcePos at(size_t i) const {
    uint32_t c = 1;
    for (size_t k = 0; k < i && k < row_.size(); ++k) c += static_cast<uint32_t>(row_[k].size()) + 1;
    return in_.pos(c);
  }

 private:
  Input& in_;
  size_t fields_;
  std::string names_;
  std::vector<std::string_view> row_;
};

}  // namespace cleannet::core
