// Fuzzes the ZIP reader of APK inspection: central directory, ZIP64 records, local headers
// and bounded inflation (small limits, so that the fuzzer cannot allocate much), then the
// whole APK path (manifest, signatures, DEX) on whatever archive parses.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cleannet/apps/apk.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet::apps;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ZipLimits limits;
  limits.max_entry_bytes = 16u << 20;
  auto zip = ZipArchive::open("fuzz.apk", bytes, limits);
  if (!zip) return 0;
  std::string buffer;
  for (const ZipEntry& e : zip->entries()) {
    auto r = zip->read(e, buffer);
    if (r && r->size() != e.uncompressed_size) __builtin_trap();
  }
  ApkOptions options;
  options.zip = limits;
  (void)inspect_apk("fuzz.apk", bytes, options);
  return 0;
}
