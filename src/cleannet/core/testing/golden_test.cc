// The golden-file convention (golden.h, bad_corpus.h): a difference or a missing golden fails
// without the switch and leaves the file alone; CLEANNET_UPDATE_GOLDEN=1, and only that value,
// rewrites a golden whose content differs, writes a missing one and leaves an equal one
// untouched; an accepted malformed input fails in both modes and writes nothing.
#include "cleannet/core/testing/golden.h"

#include <gtest/gtest-spi.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "cleannet/core/testing/bad_corpus.h"

namespace cleannet::testing {
namespace {

namespace fs = std::filesystem;

class GoldenFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("cleannet-golden-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // The suite itself may run under the switch: each test sets what it needs, and the
    // setting is given back.
    if (const char* v = std::getenv("CLEANNET_UPDATE_GOLDEN")) saved_ = v;
    ::unsetenv("CLEANNET_UPDATE_GOLDEN");
  }
  void TearDown() override {
    if (saved_)
      ::setenv("CLEANNET_UPDATE_GOLDEN", saved_->c_str(), 1);
    else
      ::unsetenv("CLEANNET_UPDATE_GOLDEN");
    fs::remove_all(dir_);
  }
  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }
  static std::string text_of(const fs::path& p) { return read_golden(p).value_or("(missing)"); }
  fs::path dir_;
  std::optional<std::string> saved_;
};

TEST_F(GoldenFile, EqualOutputPasses) {
  const fs::path g = write("a.expected", "one\ntwo\n");
  expect_golden(g, "one\ntwo\n");
  EXPECT_FALSE(update_goldens());
}

TEST_F(GoldenFile, DifferenceFailsAndLeavesTheFile) {
  const fs::path g = write("a.expected", "one\ntwo\n");
  EXPECT_NONFATAL_FAILURE(expect_golden(g, "one\nthree\n"), "differs from the golden");
  EXPECT_NONFATAL_FAILURE(expect_golden(g, "one\ntwo"), "differs from the golden");  // the last newline counts
  EXPECT_EQ(text_of(g), "one\ntwo\n");
  EXPECT_NONFATAL_FAILURE(expect_golden(dir_ / "none.expected", "x\n"), "is missing");
  EXPECT_FALSE(fs::exists(dir_ / "none.expected"));
}

TEST_F(GoldenFile, OnlyTheValueOneUpdates) {
  const fs::path g = write("a.expected", "one\n");
  for (const char* v : {"", "0", "yes", "true", "11"}) {
    ::setenv("CLEANNET_UPDATE_GOLDEN", v, 1);
    EXPECT_FALSE(update_goldens()) << v;
    EXPECT_NONFATAL_FAILURE(expect_golden(g, "two\n"), "differs from the golden");
    EXPECT_EQ(text_of(g), "one\n");
  }
}

TEST_F(GoldenFile, SwitchRewritesOnlyWhatDiffers) {
  ::setenv("CLEANNET_UPDATE_GOLDEN", "1", 1);
  ASSERT_TRUE(update_goldens());
  const fs::path same = write("same.expected", "kept\n");
  const fs::path changed = write("changed.expected", "old\n");
  const auto long_ago = fs::file_time_type::clock::now() - std::chrono::hours(24);
  fs::last_write_time(same, long_ago);
  expect_golden(same, "kept\n");
  expect_golden(changed, "new\n");
  expect_golden(dir_ / "added.expected", "added\n");
  EXPECT_EQ(fs::last_write_time(same), long_ago);  // not written: unchanged output, no diff
  EXPECT_EQ(text_of(changed), "new\n");
  EXPECT_EQ(text_of(dir_ / "added.expected"), "added\n");
  // Compared again without the switch, every golden now passes.
  ::unsetenv("CLEANNET_UPDATE_GOLDEN");
  expect_golden(same, "kept\n");
  expect_golden(changed, "new\n");
  expect_golden(dir_ / "added.expected", "added\n");
}

TEST_F(GoldenFile, BadCorpusUpdatesMessagesButNeverAcceptsACase) {
  fs::create_directories(dir_ / "rejected");
  fs::create_directories(dir_ / "accepted");
  write("rejected/case.txt", "input\n");
  write("rejected/case.expected", "old message\n");
  write("accepted/case.txt", "input\n");
  auto error_of = [](const fs::path& f) -> std::optional<std::string> {
    if (f.parent_path().filename() == "accepted") return std::nullopt;
    return f.filename().string() + ": new message";
  };
  const std::string rejected = (dir_ / "rejected").string(), accepted = (dir_ / "accepted").string();
  EXPECT_NONFATAL_FAILURE(check_bad_corpus(rejected, ".txt", 1, error_of), "differs from the golden");
  EXPECT_EQ(text_of(dir_ / "rejected/case.expected"), "old message\n");
  EXPECT_NONFATAL_FAILURE(check_bad_corpus(accepted, ".txt", 1, error_of), "was accepted");
  ::setenv("CLEANNET_UPDATE_GOLDEN", "1", 1);
  check_bad_corpus(rejected, ".txt", 1, error_of);
  EXPECT_EQ(text_of(dir_ / "rejected/case.expected"), "case.txt: new message\n");
  EXPECT_NONFATAL_FAILURE(check_bad_corpus(accepted, ".txt", 1, error_of), "was accepted");
  EXPECT_FALSE(fs::exists(dir_ / "accepted/case.expected"));
}

}  // namespace
}  // namespace cleannet::testing
