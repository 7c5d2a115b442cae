// Fuzzes the DEX class-name reader (header, string_ids, type_ids, class_defs, MUTF-8,
// ULEB128). A failed read must leave the class list exactly as it was.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/apps/dex.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet::apps;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ClassList classes;
  classes.push_back("before");
  auto n = read_dex_classes("fuzz.dex", bytes, classes);
  if (n) {
    if (classes.size() != 1 + *n) __builtin_trap();
  } else if (classes.size() != 1 || classes[0] != "before") {
    __builtin_trap();
  }
  return 0;
}
