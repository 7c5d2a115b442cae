// Test support (GoogleTest only; not part of the core library): golden files, the one
// convention of docs/testing.md. A golden is a committed file that holds exactly what a test's
// output must be. Normally a difference fails the test; with CLEANNET_UPDATE_GOLDEN=1 in the
// environment the test writes its output to the file instead (only when it differs, so a run
// over unchanged output leaves `git diff` empty), and the diff is then reviewed by hand.
//
//   cleannet::testing::expect_golden("tests/data/cloud/readers/plan.expected", got);
//
// tests/goldens.py is the same convention for the Python tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace cleannet::testing {

// True when CLEANNET_UPDATE_GOLDEN is exactly "1": any other value compares, so that a stray
// setting cannot rewrite the goldens.
inline bool update_goldens() {
  const char* v = std::getenv("CLEANNET_UPDATE_GOLDEN");
  return v != nullptr && std::string_view(v) == "1";
}

// The bytes of `path`, or nullopt when it cannot be read.
inline std::optional<std::string> read_golden(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Compares `got` with the golden file `path` (relative paths from the current directory), or
// rewrites the file under CLEANNET_UPDATE_GOLDEN=1.
inline void expect_golden(const std::filesystem::path& path, const std::string& got) {
  const std::optional<std::string> want = read_golden(path);
  if (update_goldens()) {
    if (want == got) return;
    std::ofstream out(path, std::ios::binary);
    out << got;
    EXPECT_TRUE(out.flush()) << "cannot write " << path;
    std::cout << "updated golden " << path.string() << "\n";
    return;
  }
  if (!want) {
    ADD_FAILURE() << path << " is missing (CLEANNET_UPDATE_GOLDEN=1 writes it; then review it)";
    return;
  }
  EXPECT_EQ(got, *want) << "output differs from the golden " << path
                        << " (CLEANNET_UPDATE_GOLDEN=1 rewrites it; then review git diff)";
}

}  // namespace cleannet::testing
