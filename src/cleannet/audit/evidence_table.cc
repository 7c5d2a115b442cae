#include "cleannet/audit/evidence_table.h"

#include <functional>
#include <string_view>

#include "cleannet/audit/json_dump.h"
#include "cleannet/report/finding_fields.h"

namespace cleannet::audit {

size_t EvidenceTable::Hash::operator()(const report::Evidence& e) const {
  // Every field operator== compares, so that equal items hash alike.
  size_t h = std::hash<bool>{}(e.verified);
  for (const std::string* s : {&e.kind, &e.text, &e.source_url, &e.date, &e.until})
    h = h * 1000003u ^ std::hash<std::string_view>{}(*s);
  return h;
}

uint32_t EvidenceTable::intern(const report::Evidence& e) {
  auto [it, added] = index_.try_emplace(e, static_cast<uint32_t>(items_.size()));
  if (added) items_.push_back(&it->first);
  return it->second;
}

void EvidenceTable::append_json(std::string& out) const {
  JsonTextWriter w(out, -1, report::Json::error_handler_t::replace);
  w.begin_array();
  for (const report::Evidence* e : items_) report::write_evidence(w, *e);
  w.end_array();
}

}  // namespace cleannet::audit
