// JSON text of a report::Json as nlohmann's dump() writes it, byte for byte, faster on what
// an audit run is made of: strings of printable ASCII (most of a finding's evidence) are
// copied as they are instead of going through nlohmann's per-character UTF-8 decoder, which
// was the largest single cost of writing a run of 100,000+ findings (the JSON report and the
// store's documents). Every other string, number and key goes through nlohmann itself.
//
//   std::string s = audit::dump(j, 2, nlohmann::json::error_handler_t::replace);  // == j.dump(2, ' ', false, replace)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/report/render.h"

namespace cleannet::audit {

using JsonErrorHandler = report::Json::error_handler_t;

// indent < 0: compact, as dump(); otherwise that many spaces a level, as dump(indent).
void append_dump(std::string& out, const report::Json& j, int indent, JsonErrorHandler handler,
                 int level = 0);
std::string dump(const report::Json& j, int indent, JsonErrorHandler handler);

// A writer for report::write_finding (report/finding_fields.h) and the like: what
// append_dump(out, tree, indent, handler, level) would write for the tree the same calls build,
// without building it.
//
//   JsonTextWriter w(out, 2, JsonErrorHandler::replace, /*level=*/3);
//   report::write_finding(w, f, report::fingerprint(f), false);
class JsonTextWriter {
 public:
  JsonTextWriter(std::string& out, int indent, JsonErrorHandler handler, int level = 0)
      : out_(out), indent_(indent), handler_(handler), level_(level) {}
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k);
  void value(std::string_view s);
  void value(bool b);
  void value(uint64_t n);
  void null();

 private:
  void before_value();
  void newline(size_t depth);
  void open(char c);
  void close(char c);
  std::string& out_;
  int indent_;
  JsonErrorHandler handler_;
  int level_;
  std::vector<bool> empty_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace cleannet::audit
