// Fuzzes the announced-prefixes reader (trust/announced.h): an accepted table has as many
// rows as prefixes in its index, and every row's prefix finds its own origin.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/core/input.h"
#include "cleannet/trust/announced.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  auto in = core::Input::from_memory("fuzz.tsv", bytes);
  if (!in) return 0;
  auto t = trust::read_announced(std::move(*in));
  if (!t) {
    (void)t.error().message();
    return 0;
  }
  if (t->rows.size() != t->origins.size()) __builtin_trap();
  for (const auto& [prefix, asn] : t->rows) {
    auto hit = t->origins.longest_match(prefix);
    if (!hit || hit->value != asn || !(hit->prefix == prefix)) __builtin_trap();
  }
  return 0;
}
