// Fuzzes the CSV reader of `registry import` (registry/import.h): every input is rows or an
// error with a place, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/registry/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto in = core::Input::from_memory("fuzz.csv", text);
  if (!in) return 0;
  auto rows = registry::read_import_csv(std::move(*in));
  if (!rows) {
    (void)rows.error().message();
    return 0;
  }
  for (const auto& r : *rows)
    if (r.name.empty() || r.source_url.empty()) __builtin_trap();
  return 0;
}
