// Helpers of the store's tests: a temporary directory per test, and deterministic runs.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "cleannet/store/store.h"

namespace cleannet::store::testing {

namespace fs = std::filesystem;

// A fresh directory named after the running test, removed at the end.
struct TempDir {
  fs::path dir;
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir =
        fs::temp_directory_path() / ("cleannet-store-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~TempDir() { fs::remove_all(dir); }
  std::string file(const std::string& name) const { return (dir / name).string(); }
};

// A deterministic run: `seed` picks every value, `n` findings in an order that is not sorted
// by any column.
inline RunRecord make_run(const std::string& scenario, uint32_t seed, size_t n, size_t doc_bytes = 120) {
  std::mt19937 rng(seed);
  auto word = [&](const char* prefix) { return std::string(prefix) + std::to_string(rng() % 1000); };
  RunRecord r;
  r.scenario_name = scenario;
  r.scenario_path = "scenarios/" + scenario + ".toml";
  r.scenario_sha256 = "e3b0c442" + std::to_string(seed);
  r.scenario_text = "[scenario]\nname = \"" + scenario + "\"\n# seed " + std::to_string(seed) + "\n";
  r.policy = "clean-network";
  r.policy_sha256 = "9f86d081" + std::to_string(seed);
  r.as_of = "2024-06-01";
  r.version = "0.1.0+" + std::to_string(seed);
  r.started = "2026-12-07T05:00:00Z";
  r.ended = "2026-12-07T05:00:02Z";
  r.exit_code = static_cast<int>(seed % 3);
  r.inputs = {{"scenario", r.scenario_path, 120, "aa"},
              {"registry", "data/registry.toml", 123456789012ULL, "bb"},
              {"input", "inventory.json", seed, "cc"}};
  r.checks = {{0, "path", "core paths", R"({"demands":3})"}, {2, "cloud", "terraform", R"({"files":["main.tf"]})"}};
  static const char* kLines[] = {"path", "cloud", "apps"};
  static const char* kSeverities[] = {"error", "warning", "note"};
  r.findings.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    StoredFinding f;
    f.check = (i % 2) ? 2 : 0;
    f.fingerprint = std::to_string(rng()) + "-" + std::to_string(n - i);
    f.line = kLines[rng() % 3];
    f.rule = word("rule-");
    f.severity = kSeverities[rng() % 3];
    f.organisation = word("org-");
    f.element = word("element-");
    f.suppressed = rng() % 5 == 0;
    f.document = R"({"i":)" + std::to_string(i) + R"(,"explanation":")";
    f.document.append(doc_bytes > f.document.size() + 2 ? doc_bytes - f.document.size() - 2 : 0,
                      static_cast<char>('a' + rng() % 26));
    f.document += "\"}";
    r.findings.push_back(std::move(f));
  }
  r.document = R"({"summary":{"seed":)" + std::to_string(seed) + "}}";
  return r;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}
inline void remove_store(const std::string& path) {
  fs::remove(path);
  fs::remove(path + "-wal");
  fs::remove(path + "-shm");
}

}  // namespace cleannet::store::testing
