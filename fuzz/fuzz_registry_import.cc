// Fuzzes the readers of `registry import` (registry/import.h): the plain CSV, the Consolidated
// Screening List's CSV and FollowTheMoney JSON lines. Every input is rows or an error with a
// place, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/registry/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto in = core::Input::from_memory("fuzz.csv", text)) {
    if (auto rows = registry::read_import_csv(std::move(*in))) {
      for (const auto& r : *rows)
        if (r.name.empty() || r.source_url.empty()) __builtin_trap();
    } else {
      (void)rows.error().message();
    }
  }
  if (auto in = core::Input::from_memory("fuzz.csv", text)) {
    if (auto csl = registry::read_import_csl(std::move(*in))) {
      for (const auto& r : csl->rows)
        if (r.name.empty() || r.source_url.empty() || r.list.name.empty()) __builtin_trap();
    } else {
      (void)csl.error().message();
    }
  }
  if (auto in = core::Input::from_memory("fuzz.ftm.json", text)) {
    if (auto ftm = registry::read_import_ftm(std::move(*in))) {
      for (const auto& r : ftm->rows)
        if (r.name.empty() || r.source_url.empty() || r.list.name.empty()) __builtin_trap();
    } else {
      (void)ftm.error().message();
    }
  }
  return 0;
}
