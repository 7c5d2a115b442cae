#include "cleannet/core/result.h"

#include <cstdio>

namespace cleannet::core {

std::string SourcePos::to_string() const {
  std::string s = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    s += ':' + std::to_string(line);
    if (column > 0) s += ':' + std::to_string(column);
  } else if (offset) {
    s += "@" + std::to_string(*offset);
  }
  return s;
}

std::string Error::message() const {
  std::string s = pos_.to_string() + ": expected " + expected_;
  if (!found_.empty()) s += ", found " + found_;
  return s;
}

std::string quote_found(std::string_view s, size_t max_len) {
  std::string out = "\"";
  size_t n = 0;
  for (unsigned char c : s) {
    if (n++ >= max_len) {
      out += "...";
      break;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

}  // namespace cleannet::core
