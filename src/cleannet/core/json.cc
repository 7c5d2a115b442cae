#include "cleannet/core/json.h"

#include <cmath>
#include <cstdio>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

namespace cleannet::core::json {
namespace {

// Shared by the copies of TrackingIterator that nlohmann's input adapter makes: follows the
// bytes as the lexer consumes them, and remembers where the last token started. The lexer
// reads at most one byte ahead (after a number), which is never the start of a token in
// valid JSON, so the recorded start is the current token's when a SAX event arrives.
struct Tracker {
  uint64_t offset = 0;
  uint64_t line_start = 0;
  uint32_t first_line = 1;  // of the text in its file (a JSON Lines record's line)
  uint32_t line = 1;
  bool in_string = false;
  bool escape = false;
  bool after_delim = true;
  uint32_t tok_line = 0, tok_col = 0;    // last string or scalar token
  uint32_t open_line = 0, open_col = 0;  // last '{' or '['

  void consume(char c) {
    auto col = static_cast<uint32_t>(offset - line_start + 1);
    if (in_string) {
      if (escape) {
        escape = false;
      } else if (c == '\\') {
        escape = true;
      } else if (c == '"') {
        in_string = false;
        after_delim = true;
      }
    } else if (c == '"') {
      in_string = true;
      tok_line = line;
      tok_col = col;
    } else if (c == '{' || c == '[') {
      open_line = line;
      open_col = col;
      after_delim = true;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '}' || c == ']' || c == ',' || c == ':') {
      after_delim = true;
    } else {
      if (after_delim) {
        tok_line = line;
        tok_col = col;
      }
      after_delim = false;
    }
    ++offset;
    if (c == '\n') {
      ++line;
      line_start = offset;
    }
  }
};

class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator() = default;
  TrackingIterator(const char* p, Tracker* t) : p_(p), t_(t) {}
  reference operator*() const { return *p_; }
  TrackingIterator& operator++() {
    if (t_) t_->consume(*p_);
    ++p_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const TrackingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const TrackingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_ = nullptr;
  Tracker* t_ = nullptr;
};

// Length of the valid UTF-8 sequence at s[i] (2 to 4 bytes), or 0.
size_t utf8_len(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
  if (n == 0 || c > 0xf4 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xc0) != 0x80) return 0;
  return n;
}

// Escapes control bytes and invalid UTF-8, and shortens nlohmann's message (its "last
// read" part quotes the input, which may be long or binary).
std::string clean_message(std::string_view s, size_t max_len = 160) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (out.size() >= max_len) {
      out += "...";
      break;
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      if (size_t n = utf8_len(s, i)) {
        out.append(s.substr(i, n));
        i += n - 1;
        continue;
      }
    }
    if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

class Builder {
 public:
  using json = nlohmann::json;

  Builder(const std::string& name, Tracker& t) : name_(name), t_(t) {}

  bool null() { return add(scalar(Value::Kind::kNull)); }
  bool boolean(bool b) {
    Value v = scalar(Value::Kind::kBool);
    v.boolean = b;
    return add(std::move(v));
  }
  bool number_integer(json::number_integer_t n) {
    Value v = scalar(Value::Kind::kNumber);
    v.is_integer = true;
    v.integer = n;
    v.number = static_cast<double>(n);
    v.text = std::to_string(n);
    return add(std::move(v));
  }
  bool number_unsigned(json::number_unsigned_t n) {
    Value v = scalar(Value::Kind::kNumber);
    v.is_integer = n <= static_cast<uint64_t>(INT64_MAX);
    v.integer = v.is_integer ? static_cast<int64_t>(n) : 0;
    v.number = static_cast<double>(n);
    v.text = std::to_string(n);
    return add(std::move(v));
  }
  bool number_float(json::number_float_t x, const json::string_t& literal) {
    Value v = scalar(Value::Kind::kNumber);
    v.number = x;
    v.text = literal;
    return add(std::move(v));
  }
  bool string(json::string_t& s) {
    Value v = scalar(Value::Kind::kString);
    v.text = std::move(s);
    return add(std::move(v));
  }
  bool binary(json::binary_t&) { return fail(t_.tok_line, t_.tok_col, "JSON text", "binary data"); }
  bool start_object(std::size_t) { return open(Value::Kind::kObject); }
  bool start_array(std::size_t) { return open(Value::Kind::kArray); }
  bool key(json::string_t& k) {
    Frame& f = stack_.back();
    f.key = std::move(k);
    f.key_line = t_.tok_line;
    f.key_col = t_.tok_col;
    return true;
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
    // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..."
    // "[json.exception.out_of_range.406] number overflow parsing '1e999'" (no position: the
    // token that was just read is meant).
    std::string what = ex.what();
    uint32_t line = t_.tok_line, col = t_.tok_col;
    std::string why = what;
    unsigned l = 0, c = 0;
    size_t at = what.find(" at line ");
    if (at != std::string::npos && std::sscanf(what.c_str() + at, " at line %u, column %u", &l, &c) == 2) {
      line = l + t_.first_line - 1;  // nlohmann counts from the start of the text
      col = c;
      size_t colon = what.find(": ", at);
      if (colon != std::string::npos) why = what.substr(colon + 2);
    } else if (size_t close = what.find("] "); what.rfind("[json.exception.", 0) == 0 && close != std::string::npos) {
      why = what.substr(close + 2);
    }
    return fail(line, col, "valid JSON", clean_message(why));
  }

  std::optional<Error>& error() { return error_; }
  Value take_root() { return std::move(root_); }

 private:
  struct Frame {
    Value v;
    std::string key;
    uint32_t key_line = 0, key_col = 0;
  };

  Value scalar(Value::Kind k) const {
    Value v;
    v.kind = k;
    v.line = t_.tok_line;
    v.column = t_.tok_col;
    return v;
  }
  bool fail(uint32_t line, uint32_t col, std::string expected, std::string found) {
    if (!error_) error_ = Error(SourcePos(name_, line, col), std::move(expected), std::move(found));
    return false;
  }
  bool count() {
    if (++values_ > kMaxValues)
      return fail(t_.line, static_cast<uint32_t>(t_.offset - t_.line_start),
                  "at most " + std::to_string(kMaxValues) + " JSON values", "more");
    return true;
  }
  bool open(Value::Kind k) {
    if (!count()) return false;
    if (stack_.size() >= kMaxDepth)
      return fail(t_.open_line, t_.open_col, "JSON nested at most " + std::to_string(kMaxDepth) + " levels deep",
                  "deeper nesting");
    Frame f;
    f.v.kind = k;
    f.v.line = t_.open_line;
    f.v.column = t_.open_col;
    stack_.push_back(std::move(f));
    return true;
  }
  bool close() {
    Value v = std::move(stack_.back().v);
    stack_.pop_back();
    return attach(std::move(v));
  }
  bool add(Value v) {
    if (!count()) return false;
    return attach(std::move(v));
  }
  bool attach(Value v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Frame& f = stack_.back();
    if (f.v.kind == Value::Kind::kArray) {
      f.v.items.push_back(std::move(v));
    } else {
      Member m;
      m.key = std::move(f.key);
      m.line = f.key_line;
      m.column = f.key_col;
      m.value = std::move(v);
      f.v.members.push_back(std::move(m));
    }
    return true;
  }

  const std::string& name_;
  Tracker& t_;
  std::vector<Frame> stack_;
  Value root_;
  size_t values_ = 0;
  std::optional<Error> error_;
};

const char* kind_name(Value::Kind k) {
  switch (k) {
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kBool:
      return "a boolean";
    case Value::Kind::kNumber:
      return "a number";
    case Value::Kind::kString:
      return "a string";
    case Value::Kind::kArray:
      return "an array";
    case Value::Kind::kObject:
      return "an object";
  }
  return "?";
}

bool before(const SourcePos& a, const SourcePos& b) {
  if (a.line != b.line) return a.line < b.line;
  return a.column < b.column;
}

}  // namespace

const Value* Value::find(std::string_view key) const {
  for (const Member& m : members)
    if (m.key == key) return &m.value;
  return nullptr;
}

Result<Value> parse(const std::string& name, std::string_view text, uint32_t first_line) {
  Tracker t;
  t.first_line = first_line;
  t.line = first_line;
  Builder b(name, t);
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(TrackingIterator(text.data(), &t), TrackingIterator(text.data() + text.size(), &t),
                                   &b, nlohmann::json::input_format_t::json, true, false);
  } catch (const nlohmann::json::exception& e) {
    if (!b.error()) b.error() = Error(SourcePos(name, t.line), "valid JSON", clean_message(e.what()));
  }
  if (b.error()) return *b.error();
  if (!ok) return Error(SourcePos(name, t.line), "valid JSON", "an incomplete document");
  return b.take_root();
}

Result<Value> read(Input& in) {
  auto text = in.read_all(kMaxBytes);
  if (!text) return text.error();
  return parse(in.name(), *text);
}

std::string describe(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kBool:
      return v.boolean ? "true" : "false";
    case Value::Kind::kNumber:
      return "a number " + v.text.substr(0, 40);
    case Value::Kind::kString:
      return "a string " + quote_found(v.text);
    default:
      return kind_name(v.kind);
  }
}

void Problems::add(Error e) {
  if (!first_ || before(e.pos(), first_->pos())) first_ = std::move(e);
}

Object::Object(const Value& v, const std::string& file, std::string where, Problems& problems)
    : v_(v), file_(file), where_(std::move(where)), problems_(problems) {}

void Object::error(const Value& at, std::string expected, std::string found) {
  problems_.add(Error(pos(at), std::move(expected), std::move(found)));
}

void Object::allow_only(std::initializer_list<std::string_view> allowed) {
  std::set<std::string_view> seen;
  for (const Member& m : v_.members) {
    bool ok = false;
    for (std::string_view a : allowed) ok = ok || a == m.key;
    if (!ok) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      problems_.add(Error(SourcePos(file_, m.line, m.column), "one of the keys " + list + " in " + place(),
                          "unknown key " + quote_found(m.key)));
    } else if (!seen.insert(m.key).second) {
      problems_.add(
          Error(SourcePos(file_, m.line, m.column), "each key once in " + place(), "a second " + quote_found(m.key)));
    }
  }
}

void Object::check_unique_keys() {
  std::set<std::string_view> seen;
  for (const Member& m : v_.members)
    if (!seen.insert(m.key).second)
      problems_.add(
          Error(SourcePos(file_, m.line, m.column), "each key once in " + place(), "a second " + quote_found(m.key)));
}

const Value* Object::get(std::string_view key, bool required) {
  const Value* v = v_.find(key);
  if (v && !v->is_null()) return v;
  if (required) {
    if (v)
      error(*v, "a value for " + field(key), "null");
    else
      error(v_, "key \"" + std::string(key) + "\" in " + place(), "none");
  }
  return nullptr;
}

std::optional<std::string> Object::str(std::string_view key, bool required) {
  const Value* v = get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    error(*v, field(key) + " as a string", describe(*v));
    return std::nullopt;
  }
  return v->text;
}

std::optional<double> Object::number(std::string_view key, bool required, std::optional<double> min) {
  const Value* v = get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number() || !std::isfinite(v->number)) {
    error(*v, field(key) + " as a finite number", describe(*v));
    return std::nullopt;
  }
  if (min && v->number < *min) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", *min);
    error(*v, field(key) + " >= " + buf, describe(*v));
    return std::nullopt;
  }
  return v->number;
}

std::optional<int64_t> Object::integer(std::string_view key, bool required) {
  const Value* v = get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number() || !v->is_integer) {
    error(*v, field(key) + " as an integer", describe(*v));
    return std::nullopt;
  }
  return v->integer;
}

std::optional<bool> Object::boolean(std::string_view key) {
  const Value* v = get(key, false);
  if (!v) return std::nullopt;
  if (v->kind != Value::Kind::kBool) {
    error(*v, field(key) + " as true or false", describe(*v));
    return std::nullopt;
  }
  return v->boolean;
}

const std::vector<Value>* Object::array(std::string_view key, bool required) {
  const Value* v = get(key, required);
  if (!v) return nullptr;
  if (!v->is_array()) {
    error(*v, field(key) + " as an array", describe(*v));
    return nullptr;
  }
  return &v->items;
}

const Value* Object::object(std::string_view key, bool required) {
  const Value* v = get(key, required);
  if (!v) return nullptr;
  if (!v->is_object()) {
    error(*v, field(key) + " as an object", describe(*v));
    return nullptr;
  }
  return v;
}

}  // namespace cleannet::core::json
