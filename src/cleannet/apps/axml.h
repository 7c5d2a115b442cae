// Android binary XML (AXML) reader for AndroidManifest.xml: chunk headers, the string pool
// (UTF-8 and UTF-16), the resource map and start-element attributes, enough to read the
// <manifest> element's package, versionCode and versionName (typed values). Layout per AOSP
// frameworks/base/libs/androidfw/include/androidfw/ResourceTypes.h (ResChunk_header,
// ResStringPool_header, ResXMLTree_attrExt, Res_value). Every chunk and string is bounded.
//
//   auto m = read_manifest("app.apk!AndroidManifest.xml", bytes);
//   if (m) std::cout << m->package << " " << m->version_code << "\n";
#pragma once

#include <string>
#include <string_view>

#include "cleannet/core/result.h"

namespace cleannet::apps {

struct ManifestInfo {
  std::string package;
  std::string version_code;  // decimal, empty when absent
  std::string version_name;  // empty when absent; "@7F050026" for an unresolved resource reference (as androguard)
  std::string min_sdk;       // <uses-sdk android:minSdkVersion>, empty when absent
};

core::Result<ManifestInfo> read_manifest(const std::string& file, std::string_view data);

}  // namespace cleannet::apps
