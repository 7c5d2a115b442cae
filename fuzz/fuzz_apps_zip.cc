// Fuzzes the ZIP reader of APK inspection: central directory, ZIP64 records, local headers
// and bounded inflation (small limits, so that the fuzzer cannot allocate much), then the
// signature verification (v1 manifests and PKCS#7, the v2/v3 signing block) and the whole
// APK path (manifest, signatures, DEX) on whatever archive parses.
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
  // A signer is only ever reported for a scheme that verified.
  const SignatureCheck sig = verify_signatures(*zip);
  if (sig.schemes.size() != 3) __builtin_trap();
  for (const SigningCertificate& c : sig.signers) {
    bool verified = false;
    for (const SchemeResult& s : sig.schemes) verified |= s.scheme == c.scheme && s.status == SchemeStatus::kVerified;
    if (!verified) __builtin_trap();
  }
  ApkOptions options;
  options.zip = limits;
  (void)inspect_apk("fuzz.apk", bytes, options);
  return 0;
}
