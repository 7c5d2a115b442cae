// Test support (GoogleTest only; not part of the core library): the malformed-input corpora
// under tests/data/bad/. Every case must be rejected with exactly the message in its
// .expected file (a golden, see golden.h: CLEANNET_UPDATE_GOLDEN=1 rewrites it), the paths in
// it relative to the repository root, and every .expected must have its case, so that a
// renamed case cannot pass by being skipped. An accepted case fails in either mode.
//
//   check_bad_corpus("tests/data/bad/ip", ".txt", 10, [](const fs::path& f) -> std::optional<std::string> {
//     auto t = load_origin_table(*core::Input::open(f.string()));
//     if (t) return std::nullopt;            // accepted: the test fails
//     return t.error().message();
//   });
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cleannet/core/testing/golden.h"

namespace cleannet::testing {

// A case is a file in `dir` whose name ends in `suffix` (and in none of `not_suffixes`,
// e.g. the ".cables.json" companion of a NetBox case), or a folder when suffix is "/".
// CASE.expected sits beside it, named without the suffix. `error_of` runs from the
// repository root and returns the message, or nullopt when the case was accepted.
inline void check_bad_corpus(const std::string& dir, const std::string& suffix, size_t min_cases,
                             const std::function<std::optional<std::string>(const std::filesystem::path&)>& error_of,
                             const std::vector<std::string>& not_suffixes = {}) {
  namespace fs = std::filesystem;
  const fs::path old = fs::current_path();
  fs::current_path(CLEANNET_SOURCE_DIR);
  auto is_case = [&](const fs::directory_entry& e) {
    const std::string name = e.path().filename().string();
    if (suffix == "/") return e.is_directory();
    if (!name.ends_with(suffix)) return false;
    return std::none_of(not_suffixes.begin(), not_suffixes.end(), [&](const auto& x) { return name.ends_with(x); });
  };
  auto expected_of = [&](const fs::path& c) {
    std::string s = c.string();
    if (suffix != "/") s.resize(s.size() - suffix.size());
    return fs::path(s + ".expected");
  };
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(dir))
    if (is_case(e)) cases.push_back(fs::path(dir) / e.path().filename());
  std::sort(cases.begin(), cases.end());
  EXPECT_GE(cases.size(), min_cases) << dir;
  std::vector<fs::path> expected_files;
  for (const fs::path& c : cases) {
    SCOPED_TRACE(c.string());
    const fs::path want_path = expected_of(c);
    expected_files.push_back(want_path);
    std::optional<std::string> got = error_of(c);
    if (!got) {
      ADD_FAILURE() << c << " was accepted";
      continue;
    }
    expect_golden(want_path, *got + "\n");
  }
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".expected") continue;
    const fs::path p = fs::path(dir) / e.path().filename();
    EXPECT_NE(std::find(expected_files.begin(), expected_files.end(), p), expected_files.end()) << p << " has no case";
  }
  fs::current_path(old);
}

}  // namespace cleannet::testing
