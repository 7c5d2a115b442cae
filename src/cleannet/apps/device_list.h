// Device package lists: what is installed (or preinstalled) on a phone.
//
// `adb shell pm list packages [-f] [-s|-3] [-U] [-i]` output (Android's pm command):
//   package:com.android.settings
//   package:/system/priv-app/Settings/Settings.apk=com.android.settings   (-f; split on the
//       LAST '=', the path may hold '=' itself)
//   package:com.example uid:10123 installer=com.android.vending           (-U, -i)
// Lines may be bare package names (`pm list packages | cut -d: -f2`), may start with
// `--user N ` and may end with a `# label` comment; '#' lines are comments; a first line
// that is only a number is a `wc -l` count, and the list must then hold that many distinct
// packages.
// The same inside Markdown (a file with ``` fences, as the staged driverdrift lists are):
// only fenced blocks are read, a block whose first line is not a package line (a shell
// command) is skipped, and in a package block `# PKG [# label]` is a package the author
// commented out of a removal script: it is still on the device, so it counts (commented).
// A number alone on a line before the first fence is the count.
// The listing (system = preinstalled, third-party = user-installed) comes from a
// `pm list packages -s|-3` in the text, else from the file name (system / third-party);
// with -f, an APK under /data/ is user-installed and anything else preinstalled.
//
// Universal Android Debloater list (uad_lists.json): {PKG: {"list": "Oem|Carrier|Google|
// Aosp|Misc", "description": TEXT, "removal": "Recommended|Advanced|Expert|Unsafe", ...}}:
// packages known to be preinstalled on some device.
//
//   auto list = read_device_list(*core::Input::open("huawei-system-app-list.md"));
#pragma once

#include "cleannet/apps/catalogue.h"

namespace cleannet::apps {

core::Result<AppSet> read_device_list(core::Input in);
core::Result<AppSet> read_uad_json(core::Input& in);

// One line of a package list: [--user N] [package:][PATH=]NAME [uid:N] [installer=X] [# label].
struct PackageLine {
  std::string package, apk_path, label;
};
std::optional<PackageLine> parse_package_line(std::string_view line);

}  // namespace cleannet::apps
