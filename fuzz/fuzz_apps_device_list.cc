// Fuzzes the device package-list reader (pm list packages output, plain or in Markdown):
// every accepted package is valid and listed once, and a count line, when present, equals
// the number of packages.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

#include "cleannet/apps/device_list.h"
#include "cleannet/core/input.h"
#include "cleannet/trust/identifier.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  auto in = core::Input::from_memory("fuzz.txt", bytes);
  if (!in) return 0;
  auto set = apps::read_device_list(std::move(*in));
  if (!set) {
    (void)set.error().message();
    return 0;
  }
  std::set<std::string> seen;
  for (const apps::AppEntry& a : set->apps) {
    if (!trust::valid_package(a.package)) __builtin_trap();
    if (!seen.insert(a.package).second) __builtin_trap();
  }
  if (set->declared_count && *set->declared_count != set->apps.size()) __builtin_trap();
  if (set->apps.empty()) __builtin_trap();
  return 0;
}
