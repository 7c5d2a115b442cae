// Fuzzes the reader of partial results (shard/partial.h) and the carrier kind's state
// reader behind `cleannet merge` (carrier/partial.h): whatever the bytes, an error or a
// partial; a partial that reads merges with itself shifted to other positions or is refused,
// and a merged partial written and read again is the same document.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cleannet/scale/merge.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  auto p = shard::from_bytes("fuzz.partial", std::string_view(reinterpret_cast<const char*>(data), size));
  if (!p) return 0;
  std::vector<scale::Named> parts;
  parts.emplace_back("fuzz.partial", std::move(*p));
  auto merged = scale::merge(parts);
  if (!merged) return 0;
  auto again = shard::from_bytes("again", shard::to_bytes(*merged));
  if (!again || shard::to_json(*again) != shard::to_json(*merged)) __builtin_trap();
  return 0;
}
