// Fuzzes the policy parser, and decide() on what parses.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/trust/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet::trust;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto p = parse_policy("fuzz.toml", text);
  if (!p) {
    (void)p.error().message();
    return 0;
  }
  for (const char* line : {"path", "carrier", "apps", "registry"})
    for (const char* tc : {"diplomatic", "public"})
      for (const char* seg : {"core", "ran"})
        for (Status s : {Status::kTrusted, Status::kUntrusted, Status::kUnknown}) {
          Decision d = p->decide(line, tc, seg, s);
          if (d.rule && (d.rule < p->rules.data() || d.rule >= p->rules.data() + p->rules.size())) __builtin_trap();
        }
  return 0;
}
