// Fuzzes the prefix -> origin AS readers (pyasn, pfx2as, iptoasn) with format detection and
// forced into each format. An accepted table holds at least one prefix, each counted in
// exactly one family.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/core/input.h"
#include "cleannet/ip/origin.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  for (ip::OriginFormat f : {ip::OriginFormat::kAuto, ip::OriginFormat::kPyasn, ip::OriginFormat::kPfx2as,
                             ip::OriginFormat::kIptoasn}) {
    auto in = core::Input::from_memory("fuzz.txt", bytes);
    if (!in) return 0;
    auto t = ip::load_origin_table(std::move(*in), f);
    if (!t) {
      (void)t.error().message();
      continue;
    }
    if (t->num_prefixes() == 0 || t->num_v4() + t->num_v6() != t->num_prefixes()) __builtin_trap();
  }
  return 0;
}
