// APK inspection: the facts of one APK file read by the hand-written, bounded readers of
// this module (zip.h, axml.h, dex.h, signing.h): package and version from the binary
// AndroidManifest.xml, signatures (v1, v2, v3) verified as apksigner does and the
// certificates of the signers that verified, the classes*.dex files and every class they
// define. A malformed ZIP, manifest or DEX is a positioned error, never a partial result; a
// signature that does not verify is a scheme "not verified" with its reason.
//
//   auto apk = inspect_apk_file("app.apk");
//   if (!apk) { std::cerr << apk.error().message() << "\n"; return 2; }
//   std::cout << apk->manifest.package << " " << apk->classes.size() << " classes\n";
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cleannet/apps/axml.h"
#include "cleannet/apps/dex.h"
#include "cleannet/apps/signing.h"
#include "cleannet/apps/zip.h"
#include "cleannet/core/result.h"

namespace cleannet::apps {

struct ApkOptions {
  ZipLimits zip;
  DexLimits dex;
  uint64_t max_file_bytes = 4ull << 30;
};

struct DexFileInfo {
  std::string name;   // classes.dex, classes2.dex, ...
  uint64_t size = 0;  // uncompressed bytes
  uint32_t classes = 0;
};

struct Apk {
  std::string file;
  uint64_t size = 0;
  ManifestInfo manifest;
  std::vector<SchemeResult> signatures;                     // v1, v2, v3: verified, not verified (why) or absent
  std::vector<SigningCertificate> certificates;             // verified signers only: v1 first, then v2, v3
  std::vector<SigningCertificate> unverified_certificates;  // signers whose signature did not verify
  std::vector<DexFileInfo> dex_files;                       // classes.dex, classes2.dex, ... in that order
  ClassList classes;                                        // dotted names, all DEX files in order
};

// Inspects APK bytes in memory (`file` names them in errors).
core::Result<Apk> inspect_apk(const std::string& file, std::string_view bytes, const ApkOptions& options = {});
// Maps the file read-only and inspects it.
core::Result<Apk> inspect_apk_file(const std::string& path, const ApkOptions& options = {});

// The classes*.dex entries Android loads, in load order: classes.dex, classes2.dex, ...
std::vector<const ZipEntry*> dex_entries(const ZipArchive& zip);

// Class-prefix summary: a class's package cut to its first `depth` components (names
// without a package are left out; so are prefixes whose components are all one or two
// lower-case letters, i.e. obfuscated ones such as a.a.b); counts, most classes first,
// then by name.
std::vector<std::pair<std::string, uint32_t>> class_prefixes(const ClassList& classes, int depth = 3);

}  // namespace cleannet::apps
