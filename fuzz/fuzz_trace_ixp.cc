// Fuzzes the CAIDA IXPs dataset reader (JSON Lines, one IXP per line, read by core::json): an
// accepted table has exchanges with names, and every LAN prefix it holds names one of them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/core/input.h"
#include "cleannet/trace/attribution.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  auto in = core::Input::from_memory("fuzz.jsonl", bytes);
  if (!in) return 0;
  auto t = trace::IxpTable::load_caida(std::move(*in));
  if (!t) {
    (void)t.error().message();
    return 0;
  }
  for (uint32_t i = 0; i < t->size(); ++i)
    if (t->ixp(i).name.empty()) __builtin_trap();
  for (const auto& e : t->prefixes())
    if (e.ixp >= t->size()) __builtin_trap();
  return 0;
}
