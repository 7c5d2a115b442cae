// Fuzzes the binary XML (AXML) manifest reader: chunk headers, string pool (UTF-8 and
// UTF-16), resource map and start-element attributes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/apps/axml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto m = cleannet::apps::read_manifest("fuzz.xml", std::string_view(reinterpret_cast<const char*>(data), size));
  if (m && m->package.empty()) __builtin_trap();
  return 0;
}
