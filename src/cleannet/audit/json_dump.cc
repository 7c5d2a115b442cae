#include "cleannet/audit/json_dump.h"

#include <string_view>

namespace cleannet::audit {

namespace {

void append_string(std::string& out, std::string_view s, JsonErrorHandler handler) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') {
      // Escapes, control characters and UTF-8: nlohmann's own rules.
      out += report::Json(std::string(s)).dump(-1, ' ', false, handler);
      return;
    }
  }
  out += '"';
  out += s;
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

}  // namespace cleannet::audit
