// Fuzzes the accepted-risks parser (audit/suppressions.h) and applies what parses to a few
// findings: every finding is suppressed at most once, by an entry in force.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/audit/suppressions.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto s = audit::parse_suppressions("fuzz/risks.toml", text);
  if (!s) {
    (void)s.error().message();
    return 0;
  }
  report::Finding a, b;
  a.line = "path";
  a.rule = "EU-RAN";
  a.organisation = "huawei";
  a.element = "device ber-ran-1";
  b.line = "registry";
  b.rule = "EU-OTHER";
  b.organisation = "zte";
  b.element = "ZTE";
  std::vector<report::Finding*> all = {&a, &b};
  audit::SuppressionOutcome o = audit::apply(*s, *core::Date::parse("2026-12-01"), all);
  if (o.suppressed > 2 || o.expired.size() + o.pending.size() + o.stale.size() > s->entries.size()) __builtin_trap();
  (void)audit::to_json(o).dump();
  return 0;
}
