#include "cleannet/audit/json_dump.h"

#include <cstdint>
#include <cstring>
#include <string_view>

namespace cleannet::audit {

namespace {

// Whether any of 8 bytes is not printable ASCII or is '"' or '\\': a byte below 0x20, of
// 0x7f or above, or one of the two (exact as a yes/no: a borrow only starts at a byte that is
// itself below the bound).
bool special_in8(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  const uint64_t quote = x ^ (kOnes * '"'), backslash = x ^ (kOnes * '\\'), del = x ^ (kOnes * 0x7f);
  return (x | ((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
          ((del - kOnes) & ~del)) &
         kHighs;
}

bool special(unsigned char u) { return u < 0x20 || u >= 0x7f || u == '"' || u == '\\'; }

// nlohmann's escapes for ASCII (serializer::dump_escaped): the short forms it knows, \u00xx
// (lower-case hex) for the other control characters; DEL is written as it is. Runs of bytes
// that need none are copied whole.
void append_escaped_ascii(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t run = 0;
  for (size_t k = 0; k < s.size(); ++k) {
    const auto u = static_cast<unsigned char>(s[k]);
    if (u >= 0x20 && u != '"' && u != '\\') continue;
    out.append(s.data() + run, k - run);
    run = k + 1;
    switch (u) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        const char e[] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 0xf]};
        out.append(e, sizeof e);
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
}

void append_string(std::string& out, std::string_view s, JsonErrorHandler handler) {
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, sizeof x);
    if (special_in8(x)) break;
  }
  for (; i < s.size() && !special(static_cast<unsigned char>(s[i])); ++i) {
  }
  if (i == s.size()) {  // printable ASCII, most of an audit's text
    out += '"';
    out += s;
    out += '"';
    return;
  }
  for (size_t k = i; k < s.size(); ++k) {
    if (static_cast<unsigned char>(s[k]) >= 0x80) {
      // UTF-8, checked (and invalid bytes replaced or refused) by nlohmann's own rules.
      out += report::Json(std::string(s)).dump(-1, ' ', false, handler);
      return;
    }
  }
  out += '"';
  out.append(s.data(), i);
  append_escaped_ascii(out, s.substr(i));
  out += '"';
}

}  // namespace

void append_dump(std::string& out, const report::Json& j, int indent, JsonErrorHandler handler, int level) {
  using V = report::Json::value_t;
  switch (j.type()) {
    case V::string:
      append_string(out, j.get_ref<const std::string&>(), handler);
      return;
    case V::object: {
      if (j.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!first) out += ',';
        first = false;
        if (indent >= 0) {
          out += '\n';
          out.append(static_cast<size_t>(indent) * static_cast<size_t>(level + 1), ' ');
        }
        append_string(out, it.key(), handler);
        out += indent >= 0 ? ": " : ":";
        append_dump(out, it.value(), indent, handler, level + 1);
      }
      if (indent >= 0) {
        out += '\n';
        out.append(static_cast<size_t>(indent) * static_cast<size_t>(level), ' ');
      }
      out += '}';
      return;
    }
    case V::array: {
      if (j.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      bool first = true;
      for (const report::Json& e : j) {
        if (!first) out += ',';
        first = false;
        if (indent >= 0) {
          out += '\n';
          out.append(static_cast<size_t>(indent) * static_cast<size_t>(level + 1), ' ');
        }
        append_dump(out, e, indent, handler, level + 1);
      }
      if (indent >= 0) {
        out += '\n';
        out.append(static_cast<size_t>(indent) * static_cast<size_t>(level), ' ');
      }
      out += ']';
      return;
    }
    case V::null: out += "null"; return;
    case V::boolean: out += j.get<bool>() ? "true" : "false"; return;
    default:  // numbers (and binary, which a report never holds): nlohmann's text
      out += j.dump(-1, ' ', false, handler);
      return;
  }
}

std::string dump(const report::Json& j, int indent, JsonErrorHandler handler) {
  std::string out;
  append_dump(out, j, indent, handler);
  return out;
}

void JsonTextWriter::newline(size_t depth) {
  if (indent_ < 0) return;
  out_ += '\n';
  out_.append(static_cast<size_t>(indent_) * depth, ' ');
}

// A value or key inside a container: the separator and (indented) the new line before it.
void JsonTextWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;
  if (!empty_.back()) out_ += ',';
  empty_.back() = false;
  newline(static_cast<size_t>(level_) + empty_.size());
}

void JsonTextWriter::open(char c) {
  before_value();
  out_ += c;
  empty_.push_back(true);
}

void JsonTextWriter::close(char c) {
  const bool empty = empty_.back();
  empty_.pop_back();
  if (!empty) newline(static_cast<size_t>(level_) + empty_.size());
  out_ += c;
}

void JsonTextWriter::key(std::string_view k) {
  before_value();
  append_string(out_, k, handler_);
  out_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
}

void JsonTextWriter::value(std::string_view s) {
  before_value();
  append_string(out_, s, handler_);
}

void JsonTextWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
}

void JsonTextWriter::value(uint64_t n) {
  before_value();
  out_ += std::to_string(n);
}

void JsonTextWriter::null() {
  before_value();
  out_ += "null";
}

}  // namespace cleannet::audit
