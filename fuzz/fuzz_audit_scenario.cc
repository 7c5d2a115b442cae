// Fuzzes the audit scenario parser (audit/scenario.h): any text gives a scenario or an error
// at a position, and a scenario's checks are of known kinds with unique names.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

#include "cleannet/audit/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet::audit;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto s = parse_scenario("fuzz/scenario.toml", text);
  if (!s) {
    (void)s.error().message();
    return 0;
  }
  std::set<std::string> names;
  for (const CheckSpec& c : s->checks) {
    if (!find_check_kind(c.kind) || !names.insert(c.name).second) __builtin_trap();
    for (const auto& [key, values] : c.values) (void)c.list(key);
  }
  return 0;
}
