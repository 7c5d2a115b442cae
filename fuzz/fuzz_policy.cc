// Fuzzes the policy parser, and decide() and line_cases() on what parses.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/trust/judge.h"
#include "cleannet/trust/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet::trust;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto p = parse_policy("fuzz.toml", text);
  if (!p) {
    (void)p.error().message();
    return 0;
  }
  auto own = [&](const PolicyRule* r) { return !r || (r >= p->rules.data() && r < p->rules.data() + p->rules.size()); };
  for (Line line : kLines)
    for (Status s : {Status::kTrusted, Status::kUntrusted, Status::kUnknown}) {
      for (const char* tc : {"diplomatic", "public"})
        for (const char* seg : {"core", "ran"}) {
          Decision d = p->decide(line, tc, seg, s);
          if (!own(d.rule)) __builtin_trap();
        }
      // Never empty: an unconditional rule or the default ends the cases.
      auto cases = line_cases(*p, line, s);
      if (cases.empty() || !own(cases.back().rule)) __builtin_trap();
    }
  return 0;
}
