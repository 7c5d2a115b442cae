// App catalogues and device package lists: the inputs of the Clean Store / Clean Apps check
// (`cleannet apps check`). Every reader yields an AppSet, a list of AppEntry with the
// fields the check attributes (package, developer name, signing-certificate fingerprints)
// and the position of each entry in its file.
//
// Catalogues:
//   F-Droid index-v1 (https://f-droid.org/docs/All_About_Descriptions_Graphics_and_Screenshots/
//     and fdroidserver's index.py): {"repo": {...}, "apps": [{"packageName", "authorName",
//     "name", ...}], "packages": {PKG: [{"signer": SHA256-HEX, ...}]}}
//   F-Droid index-v2 (fdroidserver index.py, "index-v2.json"): {"repo": {...}, "packages":
//     {PKG: {"metadata": {"name": {LOCALE: TEXT}, "authorName": ...}, "versions": {HASH:
//     {"manifest": {"signer": {"sha256": [HEX...]}}}}}}}
//   CSV (RFC 4180, header row, '#' lines are comments): a package column (package,
//     package_id, package_name, packagename, app_id, appid) and optionally developer
//     (developer, publisher, author, authorname), name (name, app, app_name, title), store,
//     certificate (certificate, cert, cert_sha256, certificate_sha256, signer: SHA-256 or SHA-1
//     hex, colons allowed, several separated by ';' or spaces). Other columns are ignored.
// Unknown keys of the F-Droid formats are ignored (the formats grow); the keys read must
// have the documented types, and every package name must be a valid Android package name
// (letters, digits and '_' in dot-separated segments that do not start with a digit).
//
//   auto set = read_app_set(*core::Input::open("index-v1.json.gz"));   // format by content
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"

namespace cleannet::apps {

// At most this many decompressed bytes per input (the Guardian Project index-v1 is 0.9 MB,
// the UAD list 1.6 MB): more is an error, not an allocation.
inline constexpr size_t kMaxAppInputBytes = 64u << 20;

struct AppEntry {
  std::string package;
  std::string name;                       // display name, may be empty
  std::string developer;                  // F-Droid authorName, CSV developer
  std::string developer_field;            // "authorName", "metadata.authorName", "developer" ...
  std::vector<std::string> certificates;  // upper-case hex SHA-256 (or SHA-1), no colons
  std::string store;                      // CSV store column
  std::string label;                      // a device list's "# label" comment, a UAD description
  std::string apk_path;                   // pm list packages -f: the APK path
  std::optional<bool> preinstalled;       // from the APK path or the list kind; unknown: nullopt
  bool commented = false;                 // "# pkg" in a Markdown package block
  std::string uad_list, uad_removal;      // Universal Android Debloater: Oem, Recommended ...
  core::SourcePos pos;
};

enum class SetKind { kCatalogue, kDeviceList, kPreinstallDb };

struct AppSet {
  SetKind kind = SetKind::kCatalogue;
  // fdroid-index-v1, fdroid-index-v2, csv, pm-list, pm-list-markdown, uad
  std::string format;
  std::string file;
  std::string title;  // F-Droid repo name
  // Device lists: "system" (pm list packages -s), "third-party" (-3) or "" (not known), and
  // what said so.
  std::string listing, listing_basis;
  std::optional<uint64_t> declared_count;  // the count line of a wc -l-annotated list
  std::vector<AppEntry> apps;
};

const char* format_title(std::string_view format);  // "F-Droid index v1", ...

core::Result<AppSet> read_fdroid_index(core::Input& in);  // v1 or v2 by content
core::Result<AppSet> read_app_csv(core::Input in);
// Any input of `apps check` by content: JSON is an F-Droid index ("repo") or a UAD list;
// text whose first line (after '#' comments) holds a comma is CSV (a header row);
// other text is a device package list (device_list.h).
core::Result<AppSet> read_app_set(core::Input in);

}  // namespace cleannet::apps
