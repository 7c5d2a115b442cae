// Signing certificates of an APK and their SHA-256 fingerprints (over the certificate's
// DER), as `apksigner verify --print-certs` prints them.
// - v1 (JAR signing): the PKCS#7 SignedData (RFC 2315 §9.1, RFC 5652 §5.1) in
//   META-INF/*.RSA|*.DSA|*.EC; a minimal DER walk to its `certificates [0]` set.
// - v2/v3 (source.android.com/docs/security/features/apksigning/v2 and /v3): the APK Signing
//   Block right before the ZIP central directory (magic "APK Sig Block 42"), pairs with ids
//   0x7109871a (v2) and 0xf05368c0 (v3): signers -> signed data -> certificates.
//
//   auto certs = read_signing_certificates(zip);  // v1, v2, v3 in that order
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cleannet/apps/zip.h"
#include "cleannet/core/result.h"

namespace cleannet::apps {

struct SigningCertificate {
  std::string scheme;  // "v1", "v2" or "v3"
  std::string sha256;  // lowercase hex of SHA-256 over the certificate DER
  std::string source;  // META-INF entry for v1, "APK Signing Block" for v2/v3
};

std::string sha256_hex(std::string_view bytes);

// Certificates of a PKCS#7 SignedData DER blob (v1), in their order in the set.
core::Result<std::vector<std::string_view>> pkcs7_certificates(const std::string& file, std::string_view der);

// Certificates from the APK Signing Block, if the archive has one (none: empty list).
core::Result<std::vector<SigningCertificate>> signing_block_certificates(const ZipArchive& zip);

// v1 then v2/v3 certificates; an APK without any signature gives an empty list.
core::Result<std::vector<SigningCertificate>> read_signing_certificates(const ZipArchive& zip);

}  // namespace cleannet::apps
