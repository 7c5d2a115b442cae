// JSON text of a report::Json as nlohmann's dump() writes it, byte for byte, faster on what
// an audit run is made of: strings of printable ASCII (most of a finding's evidence) are
// copied as they are instead of going through nlohmann's per-character UTF-8 decoder, which
// was the largest single cost of writing a run of 100,000+ findings (the JSON report and the
// store's documents). Every other string, number and key goes through nlohmann itself.
//
//   std::string s = audit::dump(j, 2, nlohmann::json::error_handler_t::replace);  // == j.dump(2, ' ', false, replace)
#pragma once

#include <string>

#include "cleannet/report/render.h"

namespace cleannet::audit {

using JsonErrorHandler = report::Json::error_handler_t;

// indent < 0: compact, as dump(); otherwise that many spaces a level, as dump(indent).
void append_dump(std::string& out, const report::Json& j, int indent, JsonErrorHandler handler,
                 int level = 0);
std::string dump(const report::Json& j, int indent, JsonErrorHandler handler);

}  // namespace cleannet::audit
