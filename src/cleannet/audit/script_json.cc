#include "cleannet/audit/script_json.h"

#include <sstream>

namespace cleannet::audit {

namespace {

bool special_in_string(unsigned char c) {
  return c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == 0xE2;
}

bool whitespace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }  // RFC 8259 section 2

}  // namespace

void ScriptJson::write(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (held_) {
      if (held_ == 1 && c == 0x80) {
        held_ = 2;
        ++i;
        continue;
      }
      if (held_ == 2 && (c == 0xA8 || c == 0xA9)) {
        buf_ += c == 0xA8 ? "\\u2028" : "\\u2029";
        held_ = 0;
        ++i;
        continue;
      }
      // Another character: the held bytes go out as they are and `c` is looked at afresh.
      buf_.append("\xE2\x80", held_);
      held_ = 0;
    }
    if (!in_string_) {
      if (!whitespace(s[i])) buf_ += s[i];
      if (c == '"') in_string_ = true;
      ++i;
      continue;
    }
    if (escaped_) {  // the character after a backslash, copied (\uXXXX's digits are plain)
      buf_ += s[i++];
      escaped_ = false;
      continue;
    }
    // A run of ordinary characters at once.
    size_t j = i;
    while (j < s.size() && !special_in_string(static_cast<unsigned char>(s[j]))) ++j;
    buf_.append(s.substr(i, j - i));
    i = j;
    if (i == s.size()) break;
    switch (s[i]) {
      case '"':
        buf_ += '"';
        in_string_ = false;
        break;
      case '\\':
        buf_ += '\\';
        escaped_ = true;
        break;
      case '<':
        buf_ += "\\u003c";
        break;
      case '>':
        buf_ += "\\u003e";
        break;
      case '&':
        buf_ += "\\u0026";
        break;
      default:
        held_ = 1;
        break;  // 0xE2
    }
    ++i;
  }
  if (buf_.size() >= (1u << 16)) flush_buffer();
}

void ScriptJson::finish() {
  buf_.append("\xE2\x80", held_);
  held_ = 0;
  flush_buffer();
  os_.flush();
}

void ScriptJson::flush_buffer() {
  os_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  buf_.clear();
}

std::string script_json(std::string_view json) {
  std::ostringstream os;
  {
    ScriptJson s(os);
    s.write(json);
  }
  return os.str();
}

}  // namespace cleannet::audit
