// Golden tests for bad input: every malformed registry, policy and identifier under
// tests/data/bad/ must be rejected with exactly the messages in its .expected file.
//
// Files are passed by their path relative to the repository root (the tests chdir there),
// so the expected messages read as a user would see them from `cleannet registry check`.
// To add a case: write tests/data/bad/registry/NAME.toml (or policy/NAME.toml), then
// NAME.expected with every message, one per line, in the order the loader returns them (or let
// CLEANNET_UPDATE_GOLDEN=1 write it, then review it: the .expected files are goldens, see
// core/testing/golden.h).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cleannet/core/testing/bad_corpus.h"
#include "cleannet/core/testing/golden.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"

namespace cleannet::trust {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRegistryDir = "tests/data/bad/registry";
constexpr const char* kPolicyDir = "tests/data/bad/policy";

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string join_lines(const std::vector<core::Error>& errs) {
  std::string out;
  for (const auto& e : errs) out += e.message() + "\n";
  return out;
}

// Every *.toml in `dir` (relative to the repository root), sorted, as relative paths.
std::vector<std::string> cases(const char* dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".toml")
      out.push_back((fs::path(dir) / e.path().filename()).string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string expected_path(const std::string& toml) { return fs::path(toml).replace_extension(".expected").string(); }

// What the registry loader says about one file checked on its own: add_layer problems,
// then finish() problems.
std::string registry_messages(const std::string& path) {
  RegistryBuilder b;
  auto errs = b.add_file(path);
  auto fin = b.finish();
  errs.insert(errs.end(), fin.begin(), fin.end());
  return join_lines(errs);
}

std::string policy_messages(const std::string& path) {
  auto p = load_policy(path);
  return p ? std::string() : p.error().message() + "\n";
}

// Runs from the repository root so that paths, and so messages, are relative to it.
class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    old_cwd_ = fs::current_path();
    fs::current_path(CLEANNET_SOURCE_DIR);
  }
  void TearDown() override { fs::current_path(old_cwd_); }

  // Checks each case of `dir` against its .expected golden with `run` (every message, one a line).
  template <typename F>
  void check_goldens(const char* dir, size_t min_cases, F run) {
    cleannet::testing::check_bad_corpus(dir, ".toml", min_cases, [&](const fs::path& f) -> std::optional<std::string> {
      std::string got = run(f.string());
      if (got.empty()) return std::nullopt;
      got.pop_back();  // check_bad_corpus ends the last message with its "\n"
      return got;
    });
  }

  // Every .expected belongs to a case, so a renamed case does not leave a stale golden.
  static void check_no_orphans(const char* dir) {
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() != ".expected") continue;
      fs::path toml = e.path();
      toml.replace_extension(".toml");
      EXPECT_TRUE(fs::exists(toml)) << e.path() << " has no matching .toml";
    }
  }

 private:
  fs::path old_cwd_;
};

using BadRegistry = BadInput;
using BadPolicy = BadInput;
using BadIdentifiers = BadInput;

TEST_F(BadRegistry, EachCaseGivesExactlyTheExpectedMessages) { check_goldens(kRegistryDir, 16, registry_messages); }

TEST_F(BadRegistry, NoCaseIsSilentlyAccepted) {
  // Independent of the goldens: a case whose .expected was emptied would pass the
  // comparison above but must still fail here.
  for (const auto& f : cases(kRegistryDir)) {
    RegistryBuilder b;
    auto errs = b.add_file(f);
    auto fin = b.finish();
    EXPECT_FALSE(errs.empty() && fin.empty()) << f << " was accepted";
    for (const auto& e : errs) EXPECT_EQ(e.pos().file, f) << e.message();
    for (const auto& e : fin) EXPECT_EQ(e.pos().file, f) << e.message();
  }
}

TEST_F(BadRegistry, EveryExpectedFileHasACase) { check_no_orphans(kRegistryDir); }

TEST_F(BadRegistry, FirstMessageIsWhatLoadRegistryReports) {
  // load_registry stops at the first layer with problems and reports its first one;
  // the first line of each golden is that message (checked here without the bundled layer).
  for (const auto& f : cases(kRegistryDir)) {
    auto r = load_registry({f}, /*with_bundled=*/false);
    ASSERT_FALSE(r.ok()) << f;
    std::string want = read_text(expected_path(f));
    EXPECT_EQ(r.error().message() + "\n", want.substr(0, want.find('\n') + 1)) << f;
  }
}

TEST_F(BadPolicy, EachCaseGivesExactlyTheExpectedMessage) { check_goldens(kPolicyDir, 6, policy_messages); }

TEST_F(BadPolicy, EveryExpectedFileHasACase) { check_no_orphans(kPolicyDir); }

TEST_F(BadPolicy, BundledPoliciesStillLoad) {
  // The bad corpus is only meaningful if good policies pass the same loader.
  for (const auto& name : bundled_policy_names()) EXPECT_TRUE(load_policy(name).ok()) << name;
  for (const char* f : {"data/policies/clean-network.toml", "data/policies/eu-toolbox.toml"}) {
    auto p = load_policy(f);
    EXPECT_TRUE(p.ok()) << (p ? "" : p.error().message());
  }
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

TEST_F(BadIdentifiers, EachLineGivesTheExpectedMessage) {
  // identifiers.expected (a golden) holds the message for each line of identifiers.txt.
  auto inputs = lines_of(read_text("tests/data/bad/identifiers.txt"));
  EXPECT_GE(inputs.size(), 16u);
  std::string got;
  bool accepted = false;
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto r = parse_identifier(inputs[i]);
    if (r.ok()) {
      ADD_FAILURE() << "identifiers.txt line " << i + 1 << ": \"" << inputs[i] << "\" was accepted as "
                    << identifier_kind_name(r->kind);
      got += "(accepted)\n";
      accepted = true;
      continue;
    }
    got += r.error().message() + "\n";
  }
  // An accepted identifier fails in either mode and is not written into the golden.
  if (!accepted || !cleannet::testing::update_goldens())
    cleannet::testing::expect_golden("tests/data/bad/identifiers.expected", got);
}

}  // namespace
}  // namespace cleannet::trust
