// The audit store under stress: a killed writer leaves no partial run, two processes can
// write at once, and a damaged file never crashes a reader nor gives it a different run.
// Labelled slow: forks, SIGKILLs and hundreds of damaged copies take seconds.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include "cleannet/store/store.h"
#include "cleannet/store/testing/runs.h"

namespace cleannet::store {
namespace {

using namespace cleannet::store::testing;  // NOLINT: test helpers

// A writer SIGKILLed at random moments, many times: the file stays intact and every run in it
// is whole.
TEST(Store, KilledWriterLeavesNoPartialRun) {
  TempDir tmp;
  const std::string path = tmp.file("h.sqlite");
  ASSERT_TRUE(Store::open(path, true));
  std::mt19937 rng(20261207);
  constexpr size_t kFindings = 20000;
  constexpr int kRounds = 14;
  // The writer tells its progress through a pipe: 'b' before add_run, 'd' after it returned.
  // A round whose last byte is 'b' was killed inside add_run.
  int interrupted = 0;
  size_t done = 0;
  for (int round = 0; round < kRounds; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      core::Result<Store> st = Store::open(path, false);
      if (!st) ::_exit(3);
      // Made once: between two add_run calls there is next to nothing to do, so that the
      // kills land inside add_run whatever the machine's load.
      const RunRecord run = make_run("kill", static_cast<uint32_t>(round) * 1000, kFindings);
      for (;;) {
        if (::write(fds[1], "b", 1) != 1) ::_exit(5);
        if (!st->add_run(run)) ::_exit(4);
        if (::write(fds[1], "d", 1) != 1) ::_exit(5);
      }
    }
    ::close(fds[1]);
    // The kill comes at a random moment after the first add_run began (however long opening
    // and making the run took, on a slow or sanitized build).
    char first = 0;
    ASSERT_EQ(::read(fds[0], &first, 1), 1);
    ASSERT_EQ(first, 'b');
    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 300));
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself with " << WEXITSTATUS(status);
    std::string progress(1, first);
    char buf[256];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) progress.append(buf, static_cast<size_t>(n));
    ::close(fds[0]);
    done += static_cast<size_t>(std::count(progress.begin(), progress.end(), 'd'));
    if (!progress.empty() && progress.back() == 'b') ++interrupted;
  }
  EXPECT_GT(interrupted, kRounds / 2) << "the kills should mostly land inside add_run";
  std::printf("%d of %d writers killed inside add_run, %zu runs written whole before\n", interrupted, kRounds, done);

  core::Result<Store> st = Store::open(path, false);
  ASSERT_TRUE(st) << st.error().message();
  core::Status ok = st->check();  // integrity_check, and every run whole and matching its digests
  ASSERT_TRUE(ok) << ok.error().message();
  core::Result<std::vector<RunSummary>> runs = st->runs();
  ASSERT_TRUE(runs);
  // Every run add_run returned is there; at most one more per round (killed after the commit,
  // before it could say so).
  EXPECT_GE(runs->size(), done);
  EXPECT_LE(runs->size(), done + kRounds);
  EXPECT_GT(runs->size(), 0u);
  for (const RunSummary& s : *runs) EXPECT_EQ(s.findings, kFindings) << "run " << s.id;
  // And the last one is exactly the run its writer meant.
  core::Result<RunRecord> last = st->run(runs->back().id);
  ASSERT_TRUE(last);
  const uint32_t seed = static_cast<uint32_t>(std::stoul(last->version.substr(last->version.find('+') + 1)));
  RunRecord expected = make_run("kill", seed, kFindings);
  expected.id = last->id;
  EXPECT_TRUE(*last == expected);
}

TEST(Store, TwoProcessesWriteConcurrently) {
  TempDir tmp;
  const std::string path = tmp.file("new/h.sqlite");  // both create it
  pid_t pids[2];
  for (int w = 0; w < 2; ++w) {
    pids[w] = ::fork();
    ASSERT_GE(pids[w], 0);
    if (pids[w] == 0) {
      core::Result<Store> st = Store::open(path, true);
      if (!st) {
        std::fprintf(stderr, "writer %d: %s\n", w, st.error().message().c_str());
        ::_exit(3);
      }
      for (uint32_t k = 0; k < 20; ++k) {
        core::Result<int64_t> id = st->add_run(make_run("writer-" + std::to_string(w), w * 100 + k, 2000));
        if (!id) {
          std::fprintf(stderr, "writer %d: %s\n", w, id.error().message().c_str());
          ::_exit(4);
        }
      }
      ::_exit(0);
    }
  }
  for (pid_t pid : pids) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  core::Result<Store> st = Store::open(path, false);
  ASSERT_TRUE(st) << st.error().message();
  ASSERT_TRUE(st->check());
  EXPECT_EQ(st->runs()->size(), 40u);
  EXPECT_EQ(st->runs("writer-0")->size(), 20u);
  EXPECT_EQ(st->runs("writer-1")->size(), 20u);
}

// Seeded damage to a good store (bytes overwritten at random offsets, the file cut at random
// lengths): opening and reading give an error or exactly what was written, and never crash.
TEST(Store, DamagedFileGivesAnErrorOrTheTruth) {
  TempDir tmp;
  const std::string good = tmp.file("good.sqlite");
  std::vector<RunRecord> written;
  std::vector<RunSummary> summaries;
  {
    core::Result<Store> st = Store::open(good, true);
    ASSERT_TRUE(st);
    for (uint32_t i = 0; i < 4; ++i) {
      written.push_back(make_run(i % 2 ? "odd" : "even", i, 300, 80));
      core::Result<int64_t> id = st->add_run(written.back());
      ASSERT_TRUE(id);
      written.back().id = *id;
    }
    summaries = *st->runs();
  }
  ASSERT_FALSE(fs::exists(good + "-wal"));  // checkpointed on close: the file is the whole store
  const std::string bytes = read_file(good);
  ASSERT_GT(bytes.size(), 4096u);

  std::mt19937 rng(42);
  const std::string path = tmp.file("damaged.sqlite");
  int errors = 0, answers = 0, caught_by_digest = 0;
  auto count = [&](const core::Error& e) {
    ++errors;
    if (e.found().find("digest") != std::string::npos) ++caught_by_digest;
  };
  for (int round = 0; round < 300; ++round) {
    std::string damaged = bytes;
    if (round % 4 == 3) {
      damaged.resize(rng() % bytes.size());
    } else {
      const int hits = 1 + static_cast<int>(rng() % 8);
      for (int h = 0; h < hits; ++h) {
        size_t at = rng() % damaged.size();
        size_t len = 1 + rng() % 16;
        for (size_t k = at; k < std::min(damaged.size(), at + len); ++k) damaged[k] = static_cast<char>(rng());
      }
    }
    remove_store(path);
    write_file(path, damaged);
    SCOPED_TRACE("round " + std::to_string(round));

    core::Result<Store> st = Store::open(path, false);
    if (!st) {
      EXPECT_EQ(st.error().pos().file, path);
      count(st.error());
      continue;
    }
    core::Result<std::vector<RunSummary>> runs = st->runs();
    if (runs) {
      for (const RunSummary& s : *runs) {
        auto it = std::find_if(summaries.begin(), summaries.end(), [&](const RunSummary& o) { return o.id == s.id; });
        ASSERT_NE(it, summaries.end()) << "a run that was never written: " << s.id;
        EXPECT_TRUE(s == *it) << "run " << s.id;
      }
      ++answers;
    } else {
      EXPECT_EQ(runs.error().pos().file, path);
      count(runs.error());
    }
    for (const RunRecord& w : written) {
      core::Result<RunRecord> r = st->run(w.id);
      if (r) {
        EXPECT_TRUE(*r == w) << "run " << w.id;
        ++answers;
      } else {
        EXPECT_EQ(r.error().pos().file, path);
        count(r.error());
      }
    }
    (void)st->check();  // must not crash either
  }
  // Every outcome happens, so the test is not vacuous: SQLite's own errors, damage only the
  // digests reveal, and correct answers from a file damaged elsewhere.
  std::printf("%d errors (%d found by the digests), %d correct answers\n", errors, caught_by_digest, answers);
  EXPECT_GT(errors - caught_by_digest, 0);
  EXPECT_GT(caught_by_digest, 0);
  EXPECT_GT(answers, 0);
}

}  // namespace
}  // namespace cleannet::store
