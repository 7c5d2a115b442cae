#include "cleannet/store/store.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>

#include "cleannet/store/detail/blocks.h"
#include "cleannet/store/detail/digest.h"
#include "cleannet/store/detail/sqlite.h"

namespace cleannet::store {
namespace {

using detail::Db;
using detail::Digest;
using detail::kWhatStore;
using detail::Stmt;
using detail::Transaction;

// Findings are read back in the order of their INTEGER PRIMARY KEY: within one write
// transaction SQLite gives each new row max(id)+1, so that is the order of RunRecord::findings.
// inputs and checks keep their position in `seq`. The counts of each (line, severity) are
// written with the run, so that runs() does not read the findings.
//
// Fingerprints are indexed after the run id, findings(run_id, fingerprint), not alone: random
// keys in one index over the whole history would put a new entry on nearly every leaf page
// with each large run, so every run would rewrite (WAL, then checkpoint) an index as large as
// the history, and add_run would slow down as the history grows. Keyed by run first, a run's
// entries are added at the end of the index. A fingerprint is then found run by run, one
// seek per run (runs_with_fingerprint), and two runs compare by a merge of their ranges.
// Schema version 2: the documents of a run's findings are in finding_blocks, compressed
// (detail/blocks.h), and findings.document is ''; runs.finding_blocks says how many blocks a run
// has. A run written by version 1 has no blocks and its documents in findings.document, and
// is read as it was written: opening a version-1 store adds the column and the table.
#define FINDING_BLOCKS_TABLE \
  "CREATE TABLE finding_blocks(" \
  "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, seq INTEGER NOT NULL," \
  "  findings INTEGER NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL," \
  "  PRIMARY KEY(run_id, seq));"
constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  scenario_name TEXT NOT NULL, scenario_path TEXT NOT NULL, scenario_sha256 TEXT NOT NULL,
  scenario_text TEXT NOT NULL, policy TEXT NOT NULL, policy_sha256 TEXT NOT NULL,
  as_of TEXT NOT NULL, version TEXT NOT NULL, started TEXT NOT NULL, ended TEXT NOT NULL,
  exit_code INTEGER NOT NULL,
  input_count INTEGER NOT NULL, check_count INTEGER NOT NULL, finding_count INTEGER NOT NULL,
  document TEXT NOT NULL,
  summary_digest INTEGER NOT NULL DEFAULT 0, record_digest INTEGER NOT NULL DEFAULT 0,
  finding_blocks INTEGER NOT NULL DEFAULT 0);
CREATE INDEX runs_scenario ON runs(scenario_name);
CREATE TABLE inputs(
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  role TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
  PRIMARY KEY(run_id, seq)) WITHOUT ROWID;
CREATE TABLE checks(
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  check_index INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, document TEXT NOT NULL,
  PRIMARY KEY(run_id, seq)) WITHOUT ROWID;
CREATE TABLE findings(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  check_index INTEGER NOT NULL, fingerprint TEXT NOT NULL, line TEXT NOT NULL, rule TEXT NOT NULL,
  severity TEXT NOT NULL, organisation TEXT NOT NULL, element TEXT NOT NULL,
  suppressed INTEGER NOT NULL, document TEXT NOT NULL);
CREATE INDEX findings_run ON findings(run_id);
CREATE INDEX findings_run_fingerprint ON findings(run_id, fingerprint);
CREATE TABLE counts(
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  line TEXT NOT NULL, severity TEXT NOT NULL, findings INTEGER NOT NULL, suppressed INTEGER NOT NULL,
  PRIMARY KEY(run_id, line, severity)) WITHOUT ROWID;
)sql" FINDING_BLOCKS_TABLE;

// Writers wait for each other this long: an audit run is written once, in a second or so,
// and a minute covers a queue of them.
constexpr int kBusyTimeoutMs = 60'000;

constexpr const char* kUpgradeFrom1 =
    "ALTER TABLE runs ADD COLUMN finding_blocks INTEGER NOT NULL DEFAULT 0;" FINDING_BLOCKS_TABLE
    "UPDATE meta SET value = '2' WHERE key = 'schema_version'; PRAGMA user_version = 2;";
static_assert(kSchemaVersion == 2, "a new schema version needs its upgrade from the last");

const std::string kWrite = "to write a run to the audit store";
const std::string kRead = "to read the audit store";

uint64_t u64(int64_t v) { return static_cast<uint64_t>(v); }

void add_summary(Digest& d, const RunSummary& s) {
  d.add(u64(s.id));
  for (const std::string* f : {&s.scenario_name, &s.scenario_path, &s.as_of, &s.version, &s.started, &s.ended}) {
    d.add(*f);
  }
  d.add(u64(s.exit_code));
  d.add(s.findings);
  d.add(static_cast<uint64_t>(s.counts.size()));
  for (const RunCounts& c : s.counts) {
    d.add(c.line);
    d.add(c.severity);
    d.add(c.findings);
    d.add(c.suppressed);
  }
}

// The run's own fields, in a fixed order (the record digest starts with them); `id` is the
// one the run got (RunRecord::id is ignored by add_run).
void add_head(Digest& d, const RunRecord& r, int64_t id) {
  d.add(u64(id));
  for (const std::string* f : {&r.scenario_name, &r.scenario_path, &r.scenario_sha256, &r.scenario_text, &r.policy,
                               &r.policy_sha256, &r.as_of, &r.version, &r.started, &r.ended, &r.document}) {
    d.add(*f);
  }
  d.add(u64(r.exit_code));
  d.add(static_cast<uint64_t>(r.inputs.size()));
  d.add(static_cast<uint64_t>(r.checks.size()));
  d.add(static_cast<uint64_t>(r.findings.size()));
}
void add_input(Digest& d, const InputFile& in) {
  d.add(in.role);
  d.add(in.path);
  d.add(in.size);
  d.add(in.sha256);
}
void add_check(Digest& d, const StoredCheck& c) {
  d.add(u64(c.index));
  d.add(c.kind);
  d.add(c.name);
  d.add(c.document);
}
// `document`: a run of schema version 1, whose documents are each in the digest; a later
// run has its blocks' digests after the findings instead.
void add_finding(Digest& d, const StoredFinding& f, bool document) {
  d.add(u64(f.check));
  for (const std::string* s : {&f.fingerprint, &f.line, &f.rule, &f.severity, &f.organisation, &f.element}) d.add(*s);
  d.add(f.suppressed ? 1 : 0);
  if (document) d.add(f.document);
}

// The digest of the whole record, as add_run stores it and run() checks it.
// `blocks`: the digests of its finding blocks, in order; null for a run without blocks (of
// schema version 1, or without findings).
int64_t record_digest(const RunRecord& r, int64_t id, const std::vector<int64_t>* blocks) {
  Digest d;
  add_head(d, r, id);
  for (const InputFile& in : r.inputs) add_input(d, in);
  for (const StoredCheck& c : r.checks) add_check(d, c);
  for (const StoredFinding& f : r.findings) add_finding(d, f, blocks == nullptr);
  if (blocks) {
    for (int64_t b : *blocks) d.add(u64(b));
  }
  return d.value();
}

core::Error damaged(const Db& db, int64_t id, const std::string& what) {
  return core::Error(core::SourcePos(db.path()), "run " + std::to_string(id) + " as it was written",
                     what + ": the store is damaged (Store::check tells more)");
}

// A database of user_version 0 is a new store only when it holds nothing yet. The version is
// read again with the count, in one statement (one snapshot): another process may have
// created the store since the caller read user_version 0, and its tables are then no
// foreign database (the caller's create_schema finds the version set and leaves it alone).
core::Status check_not_foreign(const Db& db) {
  core::Result<Stmt> st = Stmt::prepare(
      db, "SELECT (SELECT count(*) FROM sqlite_schema), (SELECT user_version FROM pragma_user_version)", kWhatStore);
  if (!st) return st.error();
  if (int rc = st->step(); rc != SQLITE_ROW) return db.error(kWhatStore, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);
  const int64_t objects = st->integer(0);
  if (st->integer(1) != 0) return core::Ok{};
  if (objects != 0) {
    return core::Error(core::SourcePos(db.path()), kWhatStore,
                       "a SQLite database of something else (user_version 0 and " + std::to_string(objects) +
                           " tables or indexes, no cleannet meta table)");
  }
  return core::Ok{};
}

// Creates the schema in a new (empty) database; leaves an existing one alone. Two processes
// creating the same store at once serialise on BEGIN IMMEDIATE, and the second sees the
// first's schema.
core::Status create_schema(const Db& db) {
  core::Result<Transaction> tx = Transaction::begin(db, "BEGIN IMMEDIATE", kWhatStore);
  if (!tx) return tx.error();
  core::Result<int64_t> version = db.query_int("PRAGMA user_version", kWhatStore);
  if (!version) return version.error();
  if (*version != 0) return core::Ok{};
  if (core::Status s = check_not_foreign(db); !s) return s;
  if (core::Status s = db.exec(kSchema, kWhatStore); !s) return s;
  const std::string v = std::to_string(kSchemaVersion);
  const std::string meta =
      "INSERT INTO meta(key, value) VALUES ('schema_version', '" + v + "'); PRAGMA user_version = " + v + ";";
  if (core::Status s = db.exec(meta.c_str(), kWhatStore); !s) return s;
  return tx->commit(kWhatStore);
}

// Upgrades a version-1 store to this schema; leaves a store another process upgraded first
// (both serialise on BEGIN IMMEDIATE) alone.
core::Status upgrade_schema(const Db& db) {
  core::Result<Transaction> tx = Transaction::begin(db, "BEGIN IMMEDIATE", kWhatStore);
  if (!tx) return tx.error();
  core::Result<int64_t> version = db.query_int("PRAGMA user_version", kWhatStore);
  if (!version) return version.error();
  if (*version != 1) return core::Ok{};
  if (core::Status s = db.exec(kUpgradeFrom1, kWhatStore); !s) return s;
  return tx->commit(kWhatStore);
}

core::Status check_version(const Db& db, int64_t version) {
  if (version > kSchemaVersion) {
    return core::Error(core::SourcePos(db.path()),
                       std::string(kWhatStore) + " of schema version " + std::to_string(kSchemaVersion) + " or older",
                       "schema version " + std::to_string(version) + ", newer than this cleannet's " +
                           std::to_string(kSchemaVersion) + ": upgrade cleannet");
  }
  if (version < 0) {
    return core::Error(core::SourcePos(db.path()), kWhatStore, "schema version " + std::to_string(version));
  }
  return core::Ok{};
}

// PRAGMA journal_mode = WAL. Switching a new file to WAL needs the file to itself, and SQLite
// answers SQLITE_BUSY at once, without the busy handler, when another connection is doing
// the same (two processes creating one store): so the switch is retried here, within the
// same minute that writers wait for each other.
core::Status set_wal(const Db& db) {
  core::Result<Stmt> wal = Stmt::prepare(db, "PRAGMA journal_mode = WAL", kWhatStore);
  if (!wal) return wal.error();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  int rc;
  while ((rc = wal->step()) != SQLITE_ROW) {
    if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) return db.error(kWhatStore, rc);
    wal->reset();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (wal->text(0) != "wal") {
    return core::Error(core::SourcePos(db.path()), "a store in WAL journal mode",
                       "journal mode " + core::quote_found(wal->text(0)) + " (the file system may not support WAL)");
  }
  return core::Ok{};
}

}  // namespace

std::vector<RunCounts> count_findings(const std::vector<StoredFinding>& findings) {
  std::map<std::pair<std::string_view, std::string_view>, std::pair<uint64_t, uint64_t>> by;
  for (const StoredFinding& f : findings) {
    auto& c = by[{f.line, f.severity}];
    ++c.first;
    if (f.suppressed) ++c.second;
  }
  std::vector<RunCounts> out;
  out.reserve(by.size());
  for (const auto& kv : by) {
    out.push_back({std::string(kv.first.first), std::string(kv.first.second), kv.second.first, kv.second.second});
  }
  return out;
}

Store::Store(std::unique_ptr<Db> db) : db_(std::move(db)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::string& Store::path() const { return db_->path(); }

core::Result<Store> Store::open(const std::string& path, bool create) {
  namespace fs = std::filesystem;
  if (path.empty()) return core::Error(core::SourcePos(path), "the path of an audit store", "an empty path");
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (!exists && !create) return core::Error(core::SourcePos(path), kWhatStore, "no such file");
  // SQLite reads a 1-byte file as an empty database, which open would then make a new store,
  // overwriting it: a file that is neither empty nor as long as SQLite's smallest page (a
  // store truncated, or something else) is refused here, and left as it is.
  if (exists) {
    const uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > 0 && size < 512) {
      return core::Error(core::SourcePos(path), kWhatStore,
                         "a file of " + std::to_string(size) + (size == 1 ? " byte" : " bytes") +
                             " (a SQLite database is empty or 512 bytes or more)");
    }
  }
  if (!exists) {
    fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::create_directories(parent, ec) && ec) {
      return core::Error(core::SourcePos(path), "a directory for the audit store",
                         "cannot create " + parent.string() + ": " + ec.message());
    }
  }
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  core::Result<Db> opened = Db::open(path, flags);
  if (!opened) return opened.error();
  auto db = std::make_unique<Db>(std::move(*opened));

  sqlite3_busy_timeout(db->get(), kBusyTimeoutMs);
  // synchronous=FULL: in WAL mode NORMAL already survives a killed process, but may lose the
  // last commits on a power cut; FULL costs one fsync of the WAL per run and keeps every run
  // that add_run reported written. The cache holds the index pages of a large run's
  // transaction; the WAL is cut back after a checkpoint rather than kept at a large run's size.
  // page_size applies to a new file only (before its first write): runs are written in bulk,
  // and 16 KiB pages hold more findings per page (fewer page headers, B-tree levels and WAL
  // frames) than SQLite's 4 KiB default, while a small run still reads few bytes.
  if (core::Status s = db->exec("PRAGMA page_size = 16384; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
                                "PRAGMA cache_size = -65536; PRAGMA journal_size_limit = 67108864;",
                                kWhatStore);
      !s) {
    return s.error();
  }
  // The first read of the file: "file is not a database" for anything else.
  core::Result<int64_t> version = db->query_int("PRAGMA user_version", kWhatStore);
  if (!version) return version.error();
  if (core::Status s = check_version(*db, *version); !s) return s.error();

  if (*version == 0) {
    // Another program's database is left as it is (set_wal would convert it to WAL).
    if (core::Status s = check_not_foreign(*db); !s) return s.error();
  }
  if (core::Status s = set_wal(*db); !s) return s.error();
  if (*version < kSchemaVersion) {
    // A new store gets the schema; a store of version 1 (an older cleannet's) is upgraded in
    // place, whichever command opens it: the upgrade only adds, and older runs read as written.
    if (core::Status s = *version == 0 ? create_schema(*db) : upgrade_schema(*db); !s) return s.error();
    version = db->query_int("PRAGMA user_version", kWhatStore);
    if (!version) return version.error();
    if (core::Status s = check_version(*db, *version); !s) return s.error();
  }
  core::Result<Stmt> meta = Stmt::prepare(*db, "SELECT value FROM meta WHERE key = 'schema_version'", kWhatStore);
  if (!meta) return meta.error();
  int rc = meta->step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db->error(kWhatStore, rc);
  std::string meta_version = rc == SQLITE_ROW ? meta->text(0) : "";
  if (meta_version != std::to_string(*version)) {
    return core::Error(
        core::SourcePos(path), kWhatStore,
        "user_version " + std::to_string(*version) + " but meta.schema_version " + core::quote_found(meta_version));
  }
  return Store(std::move(db));
}

core::Result<int64_t> Store::add_run(const RunRecord& run) {
  return add_run(run, [&run](size_t i, std::string& out) { out += run.findings[i].document; });
}

core::Result<int64_t> Store::add_run(const RunRecord& run,
                                     const std::function<void(size_t i, std::string& out)>& write_document) {
  const Db& db = *db_;
  // The documents are written and compressed (by tbb tasks) while this thread writes the
  // rows; on every way out of this function the future waits for them (they read `run`).
  std::future<std::vector<detail::Block>> packed =
      std::async(std::launch::async, [&run, &write_document] { return detail::pack(run.findings.size(), write_document); });
  core::Result<Transaction> tx = Transaction::begin(db, "BEGIN IMMEDIATE", kWrite);
  if (!tx) return tx.error();

  core::Result<Stmt> ins = Stmt::prepare(db,
                                         "INSERT INTO runs(scenario_name, scenario_path, scenario_sha256, "
                                         "scenario_text, policy, policy_sha256, as_of, version, started, ended, "
                                         "exit_code, input_count, check_count, finding_count, document) "
                                         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                         kWrite);
  if (!ins) return ins.error();
  int i = 1;
  for (const std::string* f : {&run.scenario_name, &run.scenario_path, &run.scenario_sha256, &run.scenario_text,
                               &run.policy, &run.policy_sha256, &run.as_of, &run.version, &run.started, &run.ended}) {
    ins->bind(i++, *f);
  }
  ins->bind(i++, int64_t{run.exit_code});
  ins->bind(i++, static_cast<int64_t>(run.inputs.size()));
  ins->bind(i++, static_cast<int64_t>(run.checks.size()));
  ins->bind(i++, static_cast<int64_t>(run.findings.size()));
  ins->bind(i++, run.document);
  if (int rc = ins->step(); rc != SQLITE_DONE) return db.error(kWrite, rc);
  const int64_t id = sqlite3_last_insert_rowid(db.get());


  core::Result<Stmt> in_st =
      Stmt::prepare(db, "INSERT INTO inputs(run_id, seq, role, path, size, sha256) VALUES (?,?,?,?,?,?)", kWrite);
  if (!in_st) return in_st.error();
  for (size_t k = 0; k < run.inputs.size(); ++k) {
    const InputFile& in = run.inputs[k];
    in_st->bind(1, id);
    in_st->bind(2, static_cast<int64_t>(k));
    in_st->bind(3, in.role);
    in_st->bind(4, in.path);
    in_st->bind(5, static_cast<int64_t>(in.size));
    in_st->bind(6, in.sha256);
    if (int rc = in_st->step(); rc != SQLITE_DONE) return db.error(kWrite, rc);
    in_st->reset();
  }

  core::Result<Stmt> ck_st = Stmt::prepare(
      db, "INSERT INTO checks(run_id, seq, check_index, kind, name, document) VALUES (?,?,?,?,?,?)", kWrite);
  if (!ck_st) return ck_st.error();
  for (size_t k = 0; k < run.checks.size(); ++k) {
    const StoredCheck& c = run.checks[k];
    ck_st->bind(1, id);
    ck_st->bind(2, static_cast<int64_t>(k));
    ck_st->bind(3, int64_t{c.index});
    ck_st->bind(4, c.kind);
    ck_st->bind(5, c.name);
    ck_st->bind(6, c.document);
    if (int rc = ck_st->step(); rc != SQLITE_DONE) return db.error(kWrite, rc);
    ck_st->reset();
  }

  core::Result<Stmt> f_st = Stmt::prepare(db,
                                          "INSERT INTO findings(run_id, check_index, fingerprint, line, rule, "
                                          "severity, organisation, element, suppressed, document) "
                                          "VALUES (?,?,?,?,?,?,?,?,?,?)",
                                          kWrite);
  if (!f_st) return f_st.error();
  for (const StoredFinding& f : run.findings) {
    f_st->bind(1, id);
    f_st->bind(2, int64_t{f.check});
    f_st->bind(3, f.fingerprint);
    f_st->bind(4, f.line);
    f_st->bind(5, f.rule);
    f_st->bind(6, f.severity);
    f_st->bind(7, f.organisation);
    f_st->bind(8, f.element);
    f_st->bind(9, int64_t{f.suppressed ? 1 : 0});
    f_st->bind(10, std::string_view(""));  // in finding_blocks
    if (int rc = f_st->step(); rc != SQLITE_DONE) return db.error(kWrite, rc);
    f_st->reset();
  }

  const std::vector<detail::Block> blocks = packed.get();
  std::vector<int64_t> block_digests;
  for (const detail::Block& b : blocks) block_digests.push_back(b.digest);
  core::Result<Stmt> b_st = Stmt::prepare(
      db, "INSERT INTO finding_blocks(run_id, seq, findings, size, data) VALUES (?,?,?,?,?)", kWrite);
  if (!b_st) return b_st.error();
  for (size_t k = 0; k < blocks.size(); ++k) {
    b_st->bind(1, id);
    b_st->bind(2, static_cast<int64_t>(k));
    b_st->bind(3, static_cast<int64_t>(blocks[k].count));
    b_st->bind(4, static_cast<int64_t>(blocks[k].size));
    b_st->bind_blob(5, blocks[k].data);
    if (int rc = b_st->step(); rc != SQLITE_DONE) return db.error(kWrite, rc);
    b_st->reset();
  }

  RunSummary summary;
  summary.id = id;
  summary.scenario_name = run.scenario_name;
  summary.scenario_path = run.scenario_path;
  summary.as_of = run.as_of;
  summary.version = run.version;
  summary.started = run.started;
  summary.ended = run.ended;
  summary.exit_code = run.exit_code;
  summary.findings = run.findings.size();
  summary.counts = count_findings(run.findings);
  core::Result<Stmt> c_st =
      Stmt::prepare(db, "INSERT INTO counts(run_id, line, severity, findings, suppressed) VALUES (?,?,?,?,?)", kWrite);
  if (!c_st) return c_st.error();
  for (const RunCounts& c : summary.counts) {
    c_st->bind(1, id);
    c_st->bind(2, c.line);
    c_st->bind(3, c.severity);
    c_st->bind(4, static_cast<int64_t>(c.findings));
    c_st->bind(5, static_cast<int64_t>(c.suppressed));
    if (int rc = c_st->step(); rc != SQLITE_DONE) return db.error(kWrite, rc);
    c_st->reset();
  }
  Digest sd;
  add_summary(sd, summary);

  core::Result<Stmt> up =
      Stmt::prepare(db, "UPDATE runs SET summary_digest = ?, record_digest = ?, finding_blocks = ? WHERE id = ?", kWrite);
  if (!up) return up.error();
  up->bind(1, sd.value());
  up->bind(2, record_digest(run, id, block_digests.empty() ? nullptr : &block_digests));
  up->bind(3, static_cast<int64_t>(blocks.size()));
  up->bind(4, id);
  if (int rc = up->step(); rc != SQLITE_DONE) return db.error(kWrite, rc);

  if (core::Status s = tx->commit(kWrite); !s) return s.error();
  return id;
}

core::Result<std::vector<RunSummary>> Store::runs(const std::string& scenario_name) const {
  const Db& db = *db_;
  core::Result<Transaction> tx = Transaction::begin(db, "BEGIN", kRead);
  if (!tx) return tx.error();
  const bool all = scenario_name.empty();
  core::Result<Stmt> st = Stmt::prepare(
      db,
      all ? "SELECT id, scenario_name, scenario_path, as_of, version, started, ended, exit_code, finding_count, "
            "summary_digest FROM runs ORDER BY id"
          : "SELECT id, scenario_name, scenario_path, as_of, version, started, ended, exit_code, finding_count, "
            "summary_digest FROM runs WHERE scenario_name = ? ORDER BY id",
      kRead);
  if (!st) return st.error();
  if (!all) st->bind(1, scenario_name);
  std::vector<RunSummary> out;
  std::vector<int64_t> digests;
  std::unordered_map<int64_t, size_t> at;
  int rc;
  while ((rc = st->step()) == SQLITE_ROW) {
    RunSummary s;
    s.id = st->integer(0);
    s.scenario_name = st->text(1);
    s.scenario_path = st->text(2);
    s.as_of = st->text(3);
    s.version = st->text(4);
    s.started = st->text(5);
    s.ended = st->text(6);
    s.exit_code = static_cast<int>(st->integer(7));
    s.findings = u64(st->integer(8));
    digests.push_back(st->integer(9));
    if (!at.emplace(s.id, out.size()).second) return damaged(db, s.id, "two runs with this id");
    out.push_back(std::move(s));
  }
  if (rc != SQLITE_DONE) return db.error(kRead, rc);

  core::Result<Stmt> cs = Stmt::prepare(
      db,
      all ? "SELECT run_id, line, severity, findings, suppressed FROM counts ORDER BY run_id, line, severity"
          : "SELECT run_id, line, severity, findings, suppressed FROM counts WHERE run_id IN "
            "(SELECT id FROM runs WHERE scenario_name = ?) ORDER BY run_id, line, severity",
      kRead);
  if (!cs) return cs.error();
  if (!all) cs->bind(1, scenario_name);
  while ((rc = cs->step()) == SQLITE_ROW) {
    auto it = at.find(cs->integer(0));
    if (it == at.end()) continue;  // a damaged row: the digests of the runs tell
    out[it->second].counts.push_back({cs->text(1), cs->text(2), u64(cs->integer(3)), u64(cs->integer(4))});
  }
  if (rc != SQLITE_DONE) return db.error(kRead, rc);
  for (size_t k = 0; k < out.size(); ++k) {
    Digest d;
    add_summary(d, out[k]);
    if (d.value() != digests[k]) return damaged(db, out[k].id, "a summary that does not match its digest");
  }
  if (core::Status s = tx->commit(kRead); !s) return s.error();
  return out;
}

core::Result<RunRecord> Store::run(int64_t id) const {
  const Db& db = *db_;
  core::Result<Transaction> tx = Transaction::begin(db, "BEGIN", kRead);
  if (!tx) return tx.error();
  core::Result<Stmt> st = Stmt::prepare(db,
                                        "SELECT scenario_name, scenario_path, scenario_sha256, scenario_text, policy, "
                                        "policy_sha256, as_of, version, started, ended, exit_code, input_count, "
                                        "check_count, finding_count, document, record_digest, finding_blocks FROM runs "
                                        "WHERE id = ?",
                                        kRead);
  if (!st) return st.error();
  st->bind(1, id);
  int rc = st->step();
  if (rc == SQLITE_DONE) {
    return core::Error(core::SourcePos(db.path()), "a run with id " + std::to_string(id), "no such run");
  }
  if (rc != SQLITE_ROW) return db.error(kRead, rc);
  RunRecord r;
  r.id = id;
  int c = 0;
  for (std::string* f : {&r.scenario_name, &r.scenario_path, &r.scenario_sha256, &r.scenario_text, &r.policy,
                         &r.policy_sha256, &r.as_of, &r.version, &r.started, &r.ended}) {
    *f = st->text(c++);
  }
  r.exit_code = static_cast<int>(st->integer(c++));
  const int64_t input_count = st->integer(c++);
  const int64_t check_count = st->integer(c++);
  const int64_t finding_count = st->integer(c++);
  r.document = st->text(c++);
  const int64_t digest = st->integer(c++);
  const int64_t block_count = st->integer(c++);
  if (input_count < 0 || check_count < 0 || finding_count < 0 || block_count < 0)
    return damaged(db, id, "negative counts");

  core::Result<Stmt> in_st =
      Stmt::prepare(db, "SELECT role, path, size, sha256 FROM inputs WHERE run_id = ? ORDER BY seq", kRead);
  if (!in_st) return in_st.error();
  in_st->bind(1, id);
  while ((rc = in_st->step()) == SQLITE_ROW) {
    r.inputs.push_back({in_st->text(0), in_st->text(1), u64(in_st->integer(2)), in_st->text(3)});
  }
  if (rc != SQLITE_DONE) return db.error(kRead, rc);

  core::Result<Stmt> ck_st =
      Stmt::prepare(db, "SELECT check_index, kind, name, document FROM checks WHERE run_id = ? ORDER BY seq", kRead);
  if (!ck_st) return ck_st.error();
  ck_st->bind(1, id);
  while ((rc = ck_st->step()) == SQLITE_ROW) {
    r.checks.push_back({static_cast<int>(ck_st->integer(0)), ck_st->text(1), ck_st->text(2), ck_st->text(3)});
  }
  if (rc != SQLITE_DONE) return db.error(kRead, rc);

  core::Result<Stmt> f_st = Stmt::prepare(db,
                                          "SELECT check_index, fingerprint, line, rule, severity, organisation, "
                                          "element, suppressed, document FROM findings INDEXED BY findings_run "
                                          "WHERE run_id = ? ORDER BY id",
                                          kRead);
  if (!f_st) return f_st.error();
  f_st->bind(1, id);
  // Reserve only what a damaged count cannot turn into a huge allocation.
  r.findings.reserve(static_cast<size_t>(std::min<int64_t>(finding_count, 1 << 20)));
  while ((rc = f_st->step()) == SQLITE_ROW) {
    StoredFinding f;
    f.check = static_cast<int>(f_st->integer(0));
    f.fingerprint = f_st->text(1);
    f.line = f_st->text(2);
    f.rule = f_st->text(3);
    f.severity = f_st->text(4);
    f.organisation = f_st->text(5);
    f.element = f_st->text(6);
    f.suppressed = f_st->integer(7) != 0;
    f.document = f_st->text(8);
    r.findings.push_back(std::move(f));
  }
  if (rc != SQLITE_DONE) return db.error(kRead, rc);

  std::vector<int64_t> block_digests;
  if (block_count > 0) {
    core::Result<Stmt> b_st =
        Stmt::prepare(db, "SELECT seq, findings, size, data FROM finding_blocks WHERE run_id = ? ORDER BY seq", kRead);
    if (!b_st) return b_st.error();
    b_st->bind(1, id);
    std::vector<std::string> docs;
    docs.reserve(r.findings.size());
    block_digests.reserve(static_cast<size_t>(std::min<int64_t>(block_count, 1 << 20)));
    int64_t blocks_read = 0;
    while ((rc = b_st->step()) == SQLITE_ROW) {
      const int64_t count = b_st->integer(1), size = b_st->integer(2);
      if (b_st->integer(0) != blocks_read || count < 0 || size < 0 ||
          docs.size() + u64(count) > r.findings.size())
        return damaged(db, id, "finding block " + std::to_string(blocks_read + 1) + " out of place");
      int64_t digest = 0;
      std::string why = detail::unpack(b_st->blob(3), u64(size), u64(count), docs, digest);
      block_digests.push_back(digest);
      if (!why.empty()) return damaged(db, id, "finding block " + std::to_string(blocks_read + 1) + ": " + why);
      ++blocks_read;
    }
    if (rc != SQLITE_DONE) return db.error(kRead, rc);
    if (blocks_read != block_count || docs.size() != r.findings.size()) {
      return damaged(db, id,
                     std::to_string(blocks_read) + " finding blocks with " + std::to_string(docs.size()) +
                         " documents for " + std::to_string(block_count) + " blocks and " +
                         std::to_string(r.findings.size()) + " findings");
    }
    for (size_t k = 0; k < docs.size(); ++k) r.findings[k].document = std::move(docs[k]);
  }
  if (core::Status s = tx->commit(kRead); !s) return s.error();

  auto n = [](const auto& v) { return std::to_string(v.size()); };
  if (static_cast<int64_t>(r.inputs.size()) != input_count || static_cast<int64_t>(r.checks.size()) != check_count ||
      static_cast<int64_t>(r.findings.size()) != finding_count) {
    return damaged(db, id,
                   n(r.inputs) + " inputs, " + n(r.checks) + " checks and " + n(r.findings) + " findings of " +
                       std::to_string(input_count) + ", " + std::to_string(check_count) + " and " +
                       std::to_string(finding_count));
  }
  if (record_digest(r, id, block_count > 0 ? &block_digests : nullptr) != digest)
    return damaged(db, id, "a record that does not match its digest");
  return r;
}

core::Result<std::vector<int64_t>> Store::runs_with_fingerprint(const std::string& fingerprint) const {
  const Db& db = *db_;
  core::Result<Stmt> st = Stmt::prepare(db,
                                        "SELECT id FROM runs WHERE EXISTS (SELECT 1 FROM findings INDEXED BY "
                                        "findings_run_fingerprint WHERE run_id = runs.id AND fingerprint = ?) "
                                        "ORDER BY id",
                                        kRead);
  if (!st) return st.error();
  st->bind(1, fingerprint);
  std::vector<int64_t> out;
  int rc;
  while ((rc = st->step()) == SQLITE_ROW) out.push_back(st->integer(0));
  if (rc != SQLITE_DONE) return db.error(kRead, rc);
  return out;
}

core::Status Store::check() const {
  const Db& db = *db_;
  {
    core::Result<Stmt> st = Stmt::prepare(db, "PRAGMA integrity_check(20)", kWhatStore);
    if (!st) return st.error();
    std::string problems;
    int rc;
    while ((rc = st->step()) == SQLITE_ROW) {
      std::string row = st->text(0);
      if (row == "ok") continue;
      problems += problems.empty() ? row : "; " + row;
    }
    if (rc != SQLITE_DONE) return db.error(kWhatStore, rc);
    if (!problems.empty()) {
      return core::Error(core::SourcePos(db.path()), "a store that passes SQLite's integrity_check", problems);
    }
  }
  core::Result<std::vector<RunSummary>> all = runs();
  if (!all) return all.error();
  for (const RunSummary& s : *all) {
    core::Result<RunRecord> r = run(s.id);
    if (!r) return r.error();
    if (count_findings(r->findings) != s.counts) return damaged(db, s.id, "counts that differ from its findings");
  }
  return core::Ok{};
}

}  // namespace cleannet::store
