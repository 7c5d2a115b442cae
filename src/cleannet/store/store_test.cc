// The audit store: a record comes back exactly as written, runs() summarises and filters,
// every way a file can be wrong gives an error naming it, a killed writer leaves no partial
// run, two processes can write at once, and a damaged file never crashes a reader nor gives
// it a different run.
#include "cleannet/store/store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <thread>

namespace cleannet::store {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path dir;
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir = fs::temp_directory_path() /
          ("cleannet-store-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~TempDir() { fs::remove_all(dir); }
  std::string file(const std::string& name) const { return (dir / name).string(); }
};

// A deterministic run: `seed` picks every value, `n` findings in an order that is not sorted
// by any column.
RunRecord make_run(const std::string& scenario, uint32_t seed, size_t n, size_t doc_bytes = 120) {
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

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}
void remove_store(const std::string& path) {
  fs::remove(path);
  fs::remove(path + "-wal");
  fs::remove(path + "-shm");
}

TEST(Store, RoundTripOfAFullRecord) {
  TempDir tmp;
  const std::string path = tmp.file("nested/dir/history.sqlite");  // parent directories are created
  core::Result<Store> st = Store::open(path, true);
  ASSERT_TRUE(st) << st.error().message();
  EXPECT_EQ(st->path(), path);

  RunRecord r = make_run("core", 1, 500);
  r.id = 77;  // ignored by add_run
  r.scenario_text = std::string("with a NUL \0 byte and UTF-8: \xc3\xa9\xe2\x82\xac", 40);
  r.findings[3].document = "";  // empty strings survive too
  r.findings[4].organisation = "";
  core::Result<int64_t> id = st->add_run(r);
  ASSERT_TRUE(id) << id.error().message();
  EXPECT_EQ(*id, 1);
  core::Result<int64_t> id2 = st->add_run(make_run("core", 2, 10));
  ASSERT_TRUE(id2);
  EXPECT_EQ(*id2, 2);

  // Read back through a new connection, after the first one is closed.
  st = Store::open(path, false);
  ASSERT_TRUE(st) << st.error().message();
  core::Result<RunRecord> back = st->run(*id);
  ASSERT_TRUE(back) << back.error().message();
  r.id = *id;
  EXPECT_EQ(back->scenario_text, r.scenario_text);
  EXPECT_EQ(back->inputs, r.inputs);
  EXPECT_EQ(back->checks, r.checks);
  ASSERT_EQ(back->findings.size(), r.findings.size());
  for (size_t i = 0; i < r.findings.size(); ++i) ASSERT_EQ(back->findings[i], r.findings[i]) << "finding " << i;
  EXPECT_TRUE(*back == r);
  EXPECT_TRUE(st->check()) << st->check().error().message();
}

TEST(Store, HeaderExample) {
  TempDir tmp;
  core::Result<Store> st = Store::open(tmp.file("audit/history.sqlite"), /*create=*/true);
  ASSERT_TRUE(st) << st.error().message();
  RunRecord r;
  r.scenario_name = "core-network";
  r.started = "2026-12-07T05:00:00Z";
  r.checks.push_back({.index = 0, .kind = "path", .name = "core paths", .document = "{}"});
  r.findings.push_back({.check = 0, .fingerprint = "ab12", .line = "path", .rule = "untrusted-vendor",
                        .severity = "error", .organisation = "huawei", .element = "core-router-1",
                        .suppressed = false, .document = "{}"});
  core::Result<int64_t> id = st->add_run(r);
  ASSERT_TRUE(id);
  core::Result<std::vector<RunSummary>> runs = st->runs("core-network");
  ASSERT_TRUE(runs);
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].counts, (std::vector<RunCounts>{{"path", "error", 1, 0}}));
  r.id = *id;
  EXPECT_TRUE(*st->run(*id) == r);
}

TEST(Store, CountsPerLineAndSeveritySorted) {
  TempDir tmp;
  core::Result<Store> st = Store::open(tmp.file("h.sqlite"), true);
  ASSERT_TRUE(st);
  RunRecord r = make_run("s", 3, 0);
  auto add = [&](const char* line, const char* severity, bool suppressed) {
    StoredFinding f;
    f.line = line;
    f.severity = severity;
    f.suppressed = suppressed;
    r.findings.push_back(f);
  };
  add("path", "warning", false);
  add("cloud", "error", true);
  add("path", "error", false);
  add("path", "warning", true);
  add("cloud", "error", false);
  add("path", "warning", false);
  ASSERT_TRUE(st->add_run(r));
  core::Result<std::vector<RunSummary>> runs = st->runs();
  ASSERT_TRUE(runs);
  ASSERT_EQ(runs->size(), 1u);
  const RunSummary& s = (*runs)[0];
  EXPECT_EQ(s.findings, 6u);
  EXPECT_EQ(s.counts, (std::vector<RunCounts>{{"cloud", "error", 2, 1}, {"path", "error", 1, 0}, {"path", "warning", 3, 1}}));
  EXPECT_EQ(s.counts, count_findings(r.findings));
  EXPECT_EQ(s.scenario_name, r.scenario_name);
  EXPECT_EQ(s.scenario_path, r.scenario_path);
  EXPECT_EQ(s.as_of, r.as_of);
  EXPECT_EQ(s.version, r.version);
  EXPECT_EQ(s.started, r.started);
  EXPECT_EQ(s.ended, r.ended);
  EXPECT_EQ(s.exit_code, r.exit_code);
}

TEST(Store, RunsFilterByScenarioOldestFirst) {
  TempDir tmp;
  core::Result<Store> st = Store::open(tmp.file("h.sqlite"), true);
  ASSERT_TRUE(st);
  EXPECT_TRUE(st->runs()->empty());
  const char* names[] = {"b", "a", "b", "c", "b"};
  for (uint32_t i = 0; i < 5; ++i) ASSERT_TRUE(st->add_run(make_run(names[i], i, 5)));
  core::Result<std::vector<RunSummary>> all = st->runs();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ((*all)[i].id, static_cast<int64_t>(i + 1));
    EXPECT_EQ((*all)[i].scenario_name, names[i]);
  }
  core::Result<std::vector<RunSummary>> b = st->runs("b");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->size(), 3u);
  EXPECT_EQ((*b)[0].id, 1);
  EXPECT_EQ((*b)[1].id, 3);
  EXPECT_EQ((*b)[2].id, 5);
  EXPECT_EQ((*b)[1], (*all)[2]);
  EXPECT_TRUE(st->runs("nope")->empty());
}

TEST(Store, Errors) {
  TempDir tmp;
  {  // missing, create=false: nothing is created
    const std::string path = tmp.file("missing/h.sqlite");
    core::Result<Store> st = Store::open(path, false);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().message(), path + ": expected a cleannet audit store, found no such file");
    EXPECT_FALSE(fs::exists(tmp.file("missing")));
  }
  {  // not a database
    const std::string path = tmp.file("notes.txt");
    write_file(path, std::string("this is not a database, just some text that is long enough to have a header\n") +
                         std::string(4096, 'x'));
    core::Result<Store> st = Store::open(path, true);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().message(),
              path + ": expected a cleannet audit store, found file is not a database (SQLite error 26)");
  }
  {  // empty file: a new store, as SQLite sees it
    const std::string path = tmp.file("empty.sqlite");
    write_file(path, "");
    core::Result<Store> st = Store::open(path, false);
    ASSERT_TRUE(st) << st.error().message();
    EXPECT_TRUE(st->runs()->empty());
    EXPECT_TRUE(st->add_run(make_run("x", 1, 3)));
  }
  {  // a newer schema: refused, and left as it was
    const std::string path = tmp.file("newer.sqlite");
    {
      core::Result<Store> st = Store::open(path, true);
      ASSERT_TRUE(st);
      ASSERT_TRUE(st->add_run(make_run("x", 1, 3)));
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 3", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    core::Result<Store> st = Store::open(path, false);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().message(), path +
                                        ": expected a cleannet audit store of schema version 1 or older, found schema "
                                        "version 3, newer than this cleannet's 1: upgrade cleannet");
  }
  {  // another program's SQLite database
    const std::string path = tmp.file("other.sqlite");
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    core::Result<Store> st = Store::open(path, true);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().message(), path +
                                        ": expected a cleannet audit store, found a SQLite database of something else "
                                        "(user_version 0 and 1 tables or indexes, no cleannet meta table)");
  }
  {  // a directory
    core::Result<Store> st = Store::open(tmp.dir.string(), true);
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().message().find(tmp.dir.string() + ": expected a cleannet audit store, found"),
              std::string::npos)
        << st.error().message();
  }
  {  // no such run
    const std::string path = tmp.file("h.sqlite");
    core::Result<Store> st = Store::open(path, true);
    ASSERT_TRUE(st);
    core::Result<RunRecord> r = st->run(5);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message(), path + ": expected a run with id 5, found no such run");
  }
}

// A row changed behind the store's back (a damaged file) is an error, not a different run.
TEST(Store, ChangedRowIsAnError) {
  TempDir tmp;
  const std::string path = tmp.file("h.sqlite");
  {
    core::Result<Store> st = Store::open(path, true);
    ASSERT_TRUE(st);
    ASSERT_TRUE(st->add_run(make_run("x", 1, 20)));
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE findings SET severity = 'note' WHERE id = 7; UPDATE counts SET findings = 99",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  core::Result<Store> st = Store::open(path, false);
  ASSERT_TRUE(st);
  core::Result<RunRecord> r = st->run(1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), path +
                                     ": expected run 1 as it was written, found a record that does not match its "
                                     "digest: the store is damaged (Store::check tells more)");
  EXPECT_FALSE(st->runs());
  EXPECT_FALSE(st->check());
}

// A writer SIGKILLed at random moments, many times: the file stays intact and every run in it
// is whole.
TEST(Store, KilledWriterLeavesNoPartialRun) {
  TempDir tmp;
  const std::string path = tmp.file("h.sqlite");
  ASSERT_TRUE(Store::open(path, true));
  std::mt19937 rng(20261207);
  constexpr size_t kFindings = 20000;
  int killed_children = 0;
  for (uint32_t round = 0; round < 14; ++round) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      core::Result<Store> st = Store::open(path, false);
      if (!st) ::_exit(3);
      for (uint32_t k = 0;; ++k) {
        if (!st->add_run(make_run("kill", round * 1000 + k, kFindings))) ::_exit(4);
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 300));
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself with " << WEXITSTATUS(status);
    ++killed_children;
  }
  EXPECT_EQ(killed_children, 14);

  core::Result<Store> st = Store::open(path, false);
  ASSERT_TRUE(st) << st.error().message();
  core::Status ok = st->check();
  ASSERT_TRUE(ok) << ok.error().message();
  core::Result<std::vector<RunSummary>> runs = st->runs();
  ASSERT_TRUE(runs);
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
  int errors = 0, answers = 0;
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
      ++errors;
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
      ++errors;
    }
    for (const RunRecord& w : written) {
      core::Result<RunRecord> r = st->run(w.id);
      if (r) {
        EXPECT_TRUE(*r == w) << "run " << w.id;
        ++answers;
      } else {
        EXPECT_EQ(r.error().pos().file, path);
        ++errors;
      }
    }
    (void)st->check();  // must not crash either
  }
  // Both outcomes happen, so the test is not vacuous.
  EXPECT_GT(errors, 0);
  EXPECT_GT(answers, 0);
}

}  // namespace
}  // namespace cleannet::store
