// Signing certificates of an APK and their SHA-256 fingerprints (over the certificate's
// DER), as `apksigner verify --print-certs` prints them.
// - v1 (JAR signing): the PKCS#7 SignedData (RFC 2315 §9.1, RFC 5652 §5.1) in
//   META-INF/*.RSA|*.DSA|*.EC; a minimal DER walk to its `certificates [0]` set.
// - v2/v3 (source.android.com/docs/security/features/apksigning/v2 and /v3): the APK Signing
//   Block right before the ZIP central directory (magic "APK Sig Block 42"), pairs with ids
//   0x7109871a (v2) and 0xf05368c0 (v3): signers -> signed data -> certificates.
//
// Verification follows apksigner (apksig's V1SchemeVerifier, V2/V3SchemeVerifier) with
// OpenSSL's libcrypto:
// - v1: each META-INF/NAME.SF paired with its signature block NAME.RSA|DSA|EC; a SignerInfo
//   of the block must verify over the .SF bytes (RFC 2315 §9.4); the .SF's manifest digest
//   (or every section digest) must match MANIFEST.MF, every entry's content must match its
//   MANIFEST.MF digest, and every entry outside the signature files must be listed in
//   MANIFEST.MF and in each .SF (JAR File Specification, "Signed JAR File"). A .SF whose
//   X-Android-APK-Signed names scheme 2 or 3 fails when that scheme's block is gone
//   (stripping protection, APK Signature Scheme v2 on source.android.com).
//   A signature block with no .SF signed nothing and is ignored, as apksigner does.
// - v2/v3: each signer's signatures over its signed data, with the public key that the first
//   certificate carries, and its content digests over 1 MiB chunks of the ZIP sections.
// Only signers whose signatures and digests verify are `signers`, the certificates that may
// attribute the APK.
//
//   auto sig = verify_signatures(zip);
//   for (const auto& s : sig.schemes) std::cout << s.scheme << " " << scheme_status_name(s.status);
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

enum class SchemeStatus { kAbsent, kVerified, kNotVerified };
const char* scheme_status_name(SchemeStatus s);  // "absent", "verified", "not verified"

struct SchemeResult {
  std::string scheme;  // "v1", "v2", "v3"
  SchemeStatus status = SchemeStatus::kAbsent;
  std::string reason;  // why not verified (with file, entry or byte offset)
};

struct SignatureCheck {
  std::vector<SchemeResult> schemes;           // v1, v2, v3
  std::vector<SigningCertificate> signers;     // verified signers' certificates, v1 then v2, v3
  std::vector<SigningCertificate> unverified;  // signers' certificates whose signature did not verify
};

std::string sha256_hex(std::string_view bytes);

// Certificates of a PKCS#7 SignedData DER blob (v1), in their order in the set.
core::Result<std::vector<std::string_view>> pkcs7_certificates(const std::string& file, std::string_view der);

// Verifies the v1, v2 and v3 signatures. A signature that is malformed or does not verify
// is a scheme "not verified" with its reason, never an error: the APK itself was readable.
SignatureCheck verify_signatures(const ZipArchive& zip);

}  // namespace cleannet::apps
