// JSON text made compact and safe to place inside an HTML <script> element, as the report
// carries its data (docs/report.md): whitespace outside strings dropped, and inside strings
// `<`, `>`, `&`, U+2028 and U+2029 written as \u003c, \u003e, \u0026, \u2028, \u2029. Then
// no `</script`, `<!--` or `-->` can appear in the element's text (HTML Living Standard
// 4.12.1.3, restrictions for contents of script elements), and the text is still the same
// JSON value (RFC 8259 section 7: any character may be escaped). U+2028/U+2029 are escaped so
// that the text is also a valid JavaScript literal (before ES2019 they ended a string).
//
// The input is given in pieces of any size, as a streamed report writes it:
//   ScriptJson s(os);
//   s.write("{\"a\": \"</scr");  s.write("ipt>\"}\n");  s.finish();   // os: {"a":"\u003c/script\u003e"}
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace cleannet::audit {

class ScriptJson {
 public:
  explicit ScriptJson(std::ostream& os) : os_(os) {}
  ScriptJson(const ScriptJson&) = delete;
  ScriptJson& operator=(const ScriptJson&) = delete;
  ~ScriptJson() { finish(); }
  // Valid JSON text, in pieces split anywhere (inside a string, an escape or a UTF-8 sequence).
  void write(std::string_view json);
  // Writes what is held back (the start of a UTF-8 sequence) and flushes to the stream.
  void finish();

 private:
  void flush_buffer();
  std::ostream& os_;
  std::string buf_;
  bool in_string_ = false, escaped_ = false;
  int held_ = 0;  // 1: "\xE2" held back, 2: "\xE2\x80" (the start of U+2028 or U+2029)
};

// The whole text at once.
std::string script_json(std::string_view json);

}  // namespace cleannet::audit
