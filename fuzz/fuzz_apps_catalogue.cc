// Fuzzes the app catalogue readers (F-Droid index v1/v2, CSV; chosen by content as `apps
// check` does, which also reaches the UAD reader): an accepted catalogue holds only valid
// package names and 40/64-digit upper-case certificate fingerprints.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/apps/catalogue.h"
#include "cleannet/core/input.h"
#include "cleannet/trust/identifier.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  auto in = core::Input::from_memory("fuzz.json", bytes);
  if (!in) return 0;
  auto set = apps::read_app_set(std::move(*in));
  if (!set) {
    (void)set.error().message();
    return 0;
  }
  for (const apps::AppEntry& a : set->apps) {
    if (!trust::valid_package(a.package)) __builtin_trap();
    for (const std::string& c : a.certificates)
      if ((c.size() != 64 && c.size() != 40) || trust::parse_certificate(c) != c) __builtin_trap();
  }
  return 0;
}
