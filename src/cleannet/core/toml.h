// Reading hand-edited TOML with positions: the registry, policies, audit scenarios and
// suppressions all report problems the same way ("file:line:col: expected X, found Y"), and
// every format is closed (an unknown key is an error naming the keys allowed).
//
//   auto root = parse_toml("scenario.toml", text);       // a syntax error at its position
//   std::vector<Error> errs;
//   TableReader r(*root, "scenario.toml", errs, "a scenario");
//   auto name = r.str("name", true);
//   r.finish({"name"});                                  // unknown keys are errors
#pragma once

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <toml++/toml.h>
#include <vector>

#include "cleannet/core/date.h"
#include "cleannet/core/result.h"

namespace cleannet::core {

inline std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "nothing";
  }
}

// "found " text for a value of the wrong type: its type, and its text when it is a string.
inline std::string describe(const toml::node& n) {
  std::string found = type_name(n);
  if (n.is_string()) found += " " + quote_found(n.as_string()->get());
  return found;
}

// Parses TOML text; a syntax error becomes an Error at its position.
// `line_offset` is added to every line: the text is a part of a file that starts there.
inline Result<toml::table> parse_toml(const std::string& name, std::string_view text, uint32_t line_offset = 0) {
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    // toml++ says "Error while parsing date: ..."; as a found value that reads "an error while ...".
    std::string why(e.description());
    if (why.rfind("Error ", 0) == 0) why = "an e" + why.substr(1);
    return Error(SourcePos(name, e.source().begin.line + line_offset, e.source().begin.column), "valid TOML",
                       why);
  }
}

// The first of `errs` (not empty) in the file: the readers collect problems in the order they
// look at keys, and a user fixes a file from the top.
inline Error first_in_file(std::vector<Error>& errs) {
  std::stable_sort(errs.begin(), errs.end(), [](const Error& x, const Error& y) {
    return std::tie(x.pos().line, x.pos().column) < std::tie(y.pos().line, y.pos().column);
  });
  return errs.front();
}

// Walks one TOML table: typed accessors that record an error for a wrong type, and
// finish() that reports every key nobody asked for (the format is closed).
class TableReader {
 public:
  // `line_offset`: the table was parsed from a part of the file starting after that line.
  TableReader(const toml::table& t, const std::string& file, std::vector<Error>& errs, std::string where,
              uint32_t line_offset = 0)
      : t_(t), file_(file), errs_(errs), where_(std::move(where)), line_offset_(line_offset) {}

  SourcePos pos(const toml::node& n) const {
    return SourcePos(file_, n.source().begin.line + line_offset_, n.source().begin.column);
  }
  SourcePos pos() const { return pos(t_); }
  void error(const toml::node& n, std::string expected, std::string found) {
    errs_.emplace_back(pos(n), std::move(expected), std::move(found));
  }

  // `key` must outlive the reader (every caller passes a string literal).
  const toml::node* get(std::string_view key, bool required) {
    seen_.push_back(key);
    const toml::node* n = t_.get(key);
    if (!n && required) errs_.emplace_back(pos(), "key \"" + std::string(key) + "\" in " + where_, "none");
    return n;
  }

  std::optional<std::string> str(std::string_view key, bool required = false) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    if (!n->is_string()) {
      error(*n, std::string(key) + " as a string", describe(*n));
      return std::nullopt;
    }
    return n->as_string()->get();
  }
  std::optional<bool> boolean(std::string_view key) {
    const toml::node* n = get(key, false);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) {
      error(*n, std::string(key) + " as true or false", describe(*n));
      return std::nullopt;
    }
    return n->as_boolean()->get();
  }
  std::optional<int64_t> integer(std::string_view key, bool required = false) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    if (!n->is_integer()) {
      error(*n, std::string(key) + " as an integer", describe(*n));
      return std::nullopt;
    }
    return n->as_integer()->get();
  }
  std::optional<Date> date(std::string_view key) {
    const toml::node* n = get(key, false);
    if (!n) return std::nullopt;
    if (!n->is_date()) {
      error(*n, std::string(key) + " as a TOML date such as 2021-03-12 (no quotes)", describe(*n));
      return std::nullopt;
    }
    auto d = n->as_date()->get();
    auto out = Date::from_ymd(d.year, d.month, d.day);
    if (!out) error(*n, "a calendar date", "an impossible date");
    return out;
  }
  // An array of strings; each element is passed to `each` with its node for positions.
  template <typename F>
  void strings(std::string_view key, F each) {
    const toml::node* n = get(key, false);
    if (!n) return;
    const toml::array* a = n->as_array();
    if (!a) {
      error(*n, std::string(key) + " as an array of strings", describe(*n));
      return;
    }
    for (const toml::node& el : *a) {
      if (!el.is_string()) {
        error(el, std::string(key) + " elements as strings", describe(el));
        continue;
      }
      each(el.as_string()->get(), el);
    }
  }
  // An array of tables ([[key]]).
  template <typename F>
  void tables(std::string_view key, F each) {
    const toml::node* n = get(key, false);
    if (!n) return;
    const toml::array* a = n->as_array();
    if (!a) {
      error(*n, "[[" + std::string(key) + "]] tables", describe(*n));
      return;
    }
    for (const toml::node& el : *a) {
      if (!el.is_table()) {
        error(el, "[[" + std::string(key) + "]] tables", describe(el));
        continue;
      }
      each(*el.as_table());
    }
  }

  void finish(const std::vector<std::string_view>& allowed) {
    for (auto&& [k, v] : t_) {
      if (std::find(seen_.begin(), seen_.end(), k.str()) != seen_.end()) continue;
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      errs_.emplace_back(SourcePos(file_, k.source().begin.line + line_offset_, k.source().begin.column),
                         "one of the keys " + list + " in " + where_, "unknown key " + quote_found(k.str()));
    }
  }

 private:
  const toml::table& t_;
  const std::string& file_;
  std::vector<Error>& errs_;
  std::string where_;
  uint32_t line_offset_ = 0;
  // The keys asked for: a handful per table, so a vector (a set allocated a node per key,
  // which showed in the load of a large registry).
  std::vector<std::string_view> seen_;
};

}  // namespace cleannet::core
