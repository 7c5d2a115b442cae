// The audit store: a record comes back exactly as written, runs() summarises and filters,
// the file on disk is what the header says, and every way a file can be wrong gives an error
// naming it. (Killed writers, concurrent writers and damaged files: store_stress_test.cc.)
#include "cleannet/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "cleannet/core/input.h"
#include "cleannet/store/testing/runs.h"

namespace cleannet::store {
namespace {

using namespace cleannet::store::testing;  // NOLINT: test helpers

TEST(Store, RoundTripOfAFullRecord) {
  TempDir tmp;
  const std::string path = tmp.file("nested/dir/history.sqlite");  // parent directories are created
  core::Result<Store> st = Store::open(path, true);
  ASSERT_TRUE(st) << st.error().message();
  EXPECT_EQ(st->path(), path);

  RunRecord r = make_run("core", 1, 500);
  r.id = 77;  // ignored by add_run
  const char text[] = "with a NUL \0 byte and UTF-8: \xc3\xa9\xe2\x82\xac";
  r.scenario_text = std::string(text, sizeof text - 1);  // the NUL inside kept, the terminator not
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

// What another SQLite client sees: the settings the header promises.
TEST(Store, FileOnDisk) {
  TempDir tmp;
  const std::string path = tmp.file("h.sqlite");
  core::Result<Store> st = Store::open(path, true);
  ASSERT_TRUE(st);
  ASSERT_TRUE(st->add_run(make_run("x", 1, 3)));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  auto query = [&](const char* sql) {
    sqlite3_stmt* q = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql, -1, &q, nullptr) != SQLITE_OK) return std::string("error: ") + sqlite3_errmsg(db);
    while (sqlite3_step(q) == SQLITE_ROW) {
      if (!out.empty()) out += ',';
      out += reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
    }
    sqlite3_finalize(q);
    return out;
  };
  EXPECT_EQ(query("PRAGMA user_version"), "2");
  EXPECT_EQ(query("SELECT value FROM meta WHERE key = 'schema_version'"), "2");
  EXPECT_EQ(query("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query("PRAGMA page_size"), "16384");
  EXPECT_EQ(query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"),
            "checks,counts,finding_blocks,findings,inputs,meta,runs,sqlite_sequence");
  EXPECT_EQ(query("SELECT name || ':' || tbl_name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
                  "ORDER BY name"),
            "findings_run:findings,findings_run_fingerprint:findings,runs_scenario:runs");
  EXPECT_EQ(query("SELECT finding_count FROM runs"), "3");
  // The documents are in one compressed block; the findings' own column is empty.
  EXPECT_EQ(query("SELECT finding_blocks FROM runs"), "1");
  EXPECT_EQ(query("SELECT seq || ':' || findings FROM finding_blocks"), "0:3");
  EXPECT_EQ(query("SELECT count(*) FROM findings WHERE document != ''"), "0");
  sqlite3_close(db);
}

// Many findings with documents alike, as an audit's are: the documents are compressed in
// blocks, come back exactly, and the file holds a fraction of their size.
TEST(Store, FindingDocumentsAreCompressedInBlocks) {
  TempDir tmp;
  const std::string path = tmp.file("h.sqlite");
  core::Result<Store> st = Store::open(path, true);
  ASSERT_TRUE(st);
  RunRecord r = make_run("x", 7, 6000, 900);
  r.findings[10].document = std::string(3u << 20, 'q');  // one larger than a block
  size_t raw = 0;
  for (const StoredFinding& f : r.findings) raw += f.document.size();
  core::Result<int64_t> id = st->add_run(r);
  ASSERT_TRUE(id) << id.error().message();
  r.id = *id;
  core::Result<RunRecord> back = st->run(*id);
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_TRUE(*back == r);
  EXPECT_TRUE(st->check());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*), sum(findings), sum(size), sum(length(data)) FROM finding_blocks",
                               -1, &q, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(q, 0), 24);  // blocks of 256 findings
  EXPECT_EQ(sqlite3_column_int64(q, 1), 6000);
  EXPECT_GT(static_cast<size_t>(sqlite3_column_int64(q, 2)), raw);  // each with its length
  EXPECT_LT(static_cast<size_t>(sqlite3_column_int64(q, 3)) * 10, raw);
  sqlite3_finalize(q);
  sqlite3_close(db);
}

// A store written by schema version 1 (tests/data/store/README.md) is upgraded when opened:
// its run reads back as version 1 wrote it, and new runs are added beside it.
TEST(Store, UpgradesASchemaVersion1Store) {
  TempDir tmp;
  const std::string path = tmp.file("v1.sqlite");
  {
    core::Result<core::Input> in = core::Input::open(CLEANNET_SOURCE_DIR "/tests/data/store/acme-schema-v1.sqlite.xz");
    ASSERT_TRUE(in) << in.error().message();
    core::Result<std::string> bytes = in->read_all(16u << 20);
    ASSERT_TRUE(bytes);
    std::ofstream(path, std::ios::binary) << *bytes;
  }
  // What version 1 holds, read by SQLite itself.
  std::vector<std::pair<std::string, std::string>> v1;
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT fingerprint, document FROM findings ORDER BY id", -1, &q, nullptr),
              SQLITE_OK);
    while (sqlite3_step(q) == SQLITE_ROW)
      v1.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)),
                      reinterpret_cast<const char*>(sqlite3_column_text(q, 1)));
    sqlite3_finalize(q);
    sqlite3_close(db);
  }
  ASSERT_EQ(v1.size(), 34u);

  core::Result<Store> st = Store::open(path, false);
  ASSERT_TRUE(st) << st.error().message();
  core::Result<RunRecord> old = st->run(1);
  ASSERT_TRUE(old) << old.error().message();
  ASSERT_EQ(old->findings.size(), v1.size());
  for (size_t i = 0; i < v1.size(); ++i) {
    EXPECT_EQ(old->findings[i].fingerprint, v1[i].first);
    EXPECT_EQ(old->findings[i].document, v1[i].second);
    EXPECT_NE(old->findings[i].document, "");
  }
  RunRecord r = make_run("acme-2026q4", 3, 40);
  core::Result<int64_t> id = st->add_run(r);
  ASSERT_TRUE(id) << id.error().message();
  EXPECT_EQ(*id, 2);
  r.id = 2;
  EXPECT_TRUE(*st->run(2) == r);
  core::Result<std::vector<RunSummary>> runs = st->runs("acme-2026q4");
  ASSERT_TRUE(runs);
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].findings, 34u);
  EXPECT_TRUE(st->check()) << st->check().error().message();

  // Opened again: already upgraded, nothing to do.
  st = Store::open(path, false);
  ASSERT_TRUE(st) << st.error().message();
  EXPECT_TRUE(*st->run(1) == *old);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT (SELECT user_version FROM pragma_user_version) || ' ' || "
                               "(SELECT value FROM meta WHERE key = 'schema_version') || ' ' || "
                               "(SELECT group_concat(finding_blocks) FROM runs)",
                               -1, &q, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)), "2 2 0,1");
  sqlite3_finalize(q);
  sqlite3_close(db);
}

TEST(Store, HeaderExample) {
  TempDir tmp;
  core::Result<Store> st = Store::open(tmp.file("audit/history.sqlite"), /*create=*/true);
  ASSERT_TRUE(st) << st.error().message();
  RunRecord r;
  r.scenario_name = "core-network";
  r.started = "2026-12-07T05:00:00Z";
  r.checks.push_back({.index = 0, .kind = "path", .name = "core paths", .document = "{}"});
  r.findings.push_back({.check = 0,
                        .fingerprint = "ab12",
                        .line = "path",
                        .rule = "untrusted-vendor",
                        .severity = "error",
                        .organisation = "huawei",
                        .element = "core-router-1",
                        .suppressed = false,
                        .document = "{}"});
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
  EXPECT_EQ(s.counts,
            (std::vector<RunCounts>{{"cloud", "error", 2, 1}, {"path", "error", 1, 0}, {"path", "warning", 3, 1}}));
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

TEST(Store, RunsWithFingerprint) {
  TempDir tmp;
  core::Result<Store> st = Store::open(tmp.file("h.sqlite"), true);
  ASSERT_TRUE(st);
  RunRecord a = make_run("a", 1, 50), b = make_run("b", 2, 50), c = make_run("a", 3, 50);
  b.findings[10].fingerprint = "shared";
  a.findings[49].fingerprint = "shared";
  c.findings[0].fingerprint = "only-c";
  ASSERT_TRUE(st->add_run(a));
  ASSERT_TRUE(st->add_run(b));
  ASSERT_TRUE(st->add_run(c));
  EXPECT_EQ(*st->runs_with_fingerprint("shared"), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(*st->runs_with_fingerprint("only-c"), (std::vector<int64_t>{3}));
  EXPECT_EQ(*st->runs_with_fingerprint(a.findings[3].fingerprint), (std::vector<int64_t>{1}));
  EXPECT_TRUE(st->runs_with_fingerprint("none")->empty());
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
  {  // a store truncated to one byte, which SQLite reads as an empty database: refused, and
     // not made a new store over the file
    const std::string path = tmp.file("truncated.sqlite");
    write_file(path, "S");
    for (bool create : {false, true}) {
      core::Result<Store> st = Store::open(path, create);
      ASSERT_FALSE(st);
      EXPECT_EQ(st.error().message(), path +
                                          ": expected a cleannet audit store, found a file of 1 byte (a SQLite "
                                          "database is empty or 512 bytes or more)");
      EXPECT_EQ(fs::file_size(path), 1u);
      EXPECT_FALSE(fs::exists(path + "-wal"));
    }
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
                                        ": expected a cleannet audit store of schema version 2 or older, found schema "
                                        "version 3, newer than this cleannet's 2: upgrade cleannet");
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
    EXPECT_FALSE(fs::exists(path + "-wal"));
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);  // still in its own journal mode
    sqlite3_stmt* q = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)), "delete");
    sqlite3_finalize(q);
    sqlite3_close(db);
  }
  {  // no path at all
    core::Result<Store> st = Store::open("", true);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().message(), "<input>: expected the path of an audit store, found an empty path");
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

}  // namespace
}  // namespace cleannet::store

namespace cleannet::store {
namespace {

// A finding block changed, lost or moved: run() names the block and what is wrong with it.
TEST(Store, DamagedFindingBlockIsAnError) {
  struct Case {
    const char* sql;
    std::string found;
  };
  const std::vector<Case> cases = {
      {"UPDATE finding_blocks SET data = substr(data, 1, length(data) - 3) WHERE seq = 1",
       "finding block 2: a block zstd cannot decompress"},
      {"UPDATE finding_blocks SET findings = findings + 1 WHERE seq = 0", "finding block 1: a block whose document"},
      {"UPDATE finding_blocks SET size = size - 1 WHERE seq = 0", "finding block 1: a block of"},
      {"DELETE FROM finding_blocks WHERE seq = 11", "11 finding blocks with"},
      {"UPDATE finding_blocks SET seq = 50 WHERE seq = 1", "finding block 2 out of place"},
      {"UPDATE finding_blocks SET data = X'00' WHERE seq = 0", "finding block 1: a block that is not a zstd frame"},
      {"UPDATE runs SET finding_blocks = 0", "a record that does not match its digest"},
  };
  for (const Case& c : cases) {
    TempDir tmp;
    const std::string path = tmp.file("h.sqlite");
    {
      core::Result<Store> st = Store::open(path, true);
      ASSERT_TRUE(st);
      ASSERT_TRUE(st->add_run(make_run("x", 1, 3000, 1000)));  // 12 blocks
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, c.sql, nullptr, nullptr, nullptr), SQLITE_OK) << c.sql;
    sqlite3_close(db);
    core::Result<Store> st = Store::open(path, false);
    ASSERT_TRUE(st);
    core::Result<RunRecord> r = st->run(1);
    ASSERT_FALSE(r) << c.sql;
    const std::string head = path + ": expected run 1 as it was written, found ";
    EXPECT_EQ(r.error().message().substr(0, head.size() + c.found.size()), head + c.found) << c.sql;
    EXPECT_NE(r.error().message().find("the store is damaged"), std::string::npos);
    EXPECT_FALSE(st->check());
  }
}

}  // namespace
}  // namespace cleannet::store
