// An audit scenario: one TOML file that names an estate's checks, the policy and registry
// layers they judge by, the as-of date and the accepted risks (docs/audit.md). A check's keys
// are its command's long options (`--as-rel` is `as_rel`; repeatable options take lists;
// positional inputs are `paths`); relative paths resolve against the scenario's folder.
// Everything is checked before any check runs: an unknown kind or key, a wrong type or a
// missing file is an error at its file:line.
//
//   auto s = load_scenario("acme/scenario.toml");
//   if (!s) { std::cerr << s.error().message() << "\n"; return 2; }
//   for (const CheckSpec& c : s->checks) std::cout << c.name << ": " << c.kind << "\n";
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/result.h"

namespace cleannet::audit {

enum class ValueType {
  kString,       // a string
  kPath,         // a file or folder, resolved against the scenario
  kStrings,      // a list of strings (a single string is a list of one)
  kPaths,        // a list of files or folders
  kDeviceFiles,  // a list of "DEVICE=FILE", FILE resolved
  kInteger,      // an integer >= 0
  kNumber,       // a number >= 0 (integer or floating point)
  kBoolean,
};

struct KeySpec {
  std::string_view key;
  ValueType type;
  bool required;
  std::string_view help;  // what the command's option says (docs/audit.md lists these)
};

// A check kind: its key in a scenario, the command whose options it takes, the line of
// effort its findings are on, and its keys.
struct CheckKind {
  std::string_view kind;
  std::string_view command;
  std::string_view line;
  std::vector<KeySpec> keys;
};
const std::vector<CheckKind>& check_kinds();
const CheckKind* find_check_kind(std::string_view kind);

// One [[check]] table, checked against its kind.
struct CheckSpec {
  std::string kind;
  std::string name;  // `name`, else the kind (kind-2, kind-3 ... when the kind repeats)
  uint32_t line = 0;  // of the [[check]] header in the scenario
  // Each key given, as text: strings and resolved paths as they are, integers in decimal,
  // numbers as the shortest text that reads back the same, booleans "true"/"false", lists
  // element by element.
  std::map<std::string, std::vector<std::string>> values;
  // Every file the check reads, resolved (the store records each with its SHA-256).
  std::vector<std::string> files;

  std::string str(std::string_view key, std::string fallback = "") const;
  std::vector<std::string> list(std::string_view key) const;
  int64_t integer(std::string_view key, int64_t fallback) const;
  double number(std::string_view key, double fallback) const;
  bool flag(std::string_view key) const;
  bool has(std::string_view key) const;
};

struct Scenario {
  std::string path;  // as given
  std::string name;
  std::string text;  // the file's bytes
  std::string policy = "clean-network";  // a bundled name, or the resolved file
  std::string as_of;                     // YYYY-MM-DD; empty: the day of the run
  std::vector<std::string> registries;   // resolved, layered over the bundled registry in order
  bool bundled_registry = true;
  std::string suppressions;  // resolved; empty: none
  std::string ieee_data;     // resolved IEEE registry folder; empty: the default
  std::vector<CheckSpec> checks;
};

// Reads and checks a scenario; the first problem in the file is the error.
core::Result<Scenario> load_scenario(const std::string& path);
core::Result<Scenario> parse_scenario(const std::string& path, std::string_view text);

}  // namespace cleannet::audit
