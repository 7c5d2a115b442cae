// RAII owners of a SQLite connection, its prepared statements and its transactions, and the
// one place that turns a SQLite result code into a core::Error naming the store's file.
// Private to the store module (no third-party wrapper: the C API is small and this keeps
// every error path visible).
//
//   core::Result<Db> db = Db::open("runs.sqlite", SQLITE_OPEN_READWRITE);
//   core::Result<Stmt> st = Stmt::prepare(*db, "SELECT id FROM runs WHERE scenario_name = ?");
//   st->bind(1, name);                       // text is bound without a copy: keep it alive
//   while ((rc = st->step()) == SQLITE_ROW) ids.push_back(st->integer(0));
//   if (rc != SQLITE_DONE) return db->error("to read the runs", rc);
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "cleannet/core/result.h"

namespace cleannet::store::detail {

// What every open error expects the file to be.
inline constexpr const char* kWhatStore = "a cleannet audit store";

class Db {
 public:
  // sqlite3_open_v2 with `flags`; extended result codes on, defensive mode on (a corrupt or
  // hostile file cannot be used to write through the schema).
  static core::Result<Db> open(const std::string& path, int flags);

  sqlite3* get() const { return db_.get(); }
  const std::string& path() const { return path_; }

  // "<path>: expected <expected>, found <what SQLite said> (SQLite error <rc>)". rc 0 takes
  // the connection's last error code.
  core::Error error(std::string expected, int rc = 0) const;

  // Runs statements without results (schema, pragmas, BEGIN/COMMIT).
  core::Status exec(const char* sql, const std::string& expected) const;

  // The single integer a statement such as "PRAGMA user_version" returns.
  core::Result<int64_t> query_int(const char* sql, const std::string& expected) const;

 private:
  struct Close {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Close> db_;
  std::string path_;
};

class Stmt {
 public:
  static core::Result<Stmt> prepare(const Db& db, std::string_view sql, const std::string& expected);

  // 1-based parameters. Text is bound without a copy (SQLITE_STATIC): it must outlive the
  // next step(). A failed bind is remembered and returned by the next step().
  void bind(int i, std::string_view s) {
    keep(sqlite3_bind_text64(st_.get(), i, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8));
  }
  void bind(int i, int64_t v) { keep(sqlite3_bind_int64(st_.get(), i, v)); }
  void bind_blob(int i, std::string_view b) {
    keep(sqlite3_bind_blob64(st_.get(), i, b.empty() ? "" : b.data(), b.size(), SQLITE_STATIC));
  }

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() {
    if (bind_rc_ != SQLITE_OK) return bind_rc_;
    return sqlite3_step(st_.get());
  }
  // Ready for the next row's binds.
  void reset() {
    sqlite3_reset(st_.get());
    bind_rc_ = SQLITE_OK;
  }

  // Column values of the current row; NULL reads as "" and 0.
  std::string text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_.get(), col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(st_.get(), col))) : std::string();
  }
  int64_t integer(int col) const { return sqlite3_column_int64(st_.get(), col); }
  // A BLOB (or TEXT) column's bytes, valid until the next step() or reset().
  std::string_view blob(int col) const {
    const void* p = sqlite3_column_blob(st_.get(), col);
    return p ? std::string_view(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_.get(), col)))
             : std::string_view();
  }

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
  };
  void keep(int rc) {
    if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  }
  std::unique_ptr<sqlite3_stmt, Finalize> st_;
  int bind_rc_ = SQLITE_OK;
};

// BEGIN ... COMMIT; rolled back when destroyed uncommitted (an error return on the way).
class Transaction {
 public:
  // `begin` is "BEGIN IMMEDIATE" for a writer (takes the write lock now, waiting up to the
  // busy timeout, so that it never fails half-way on a lock upgrade) or "BEGIN" for a
  // reader (one snapshot for several SELECTs).
  static core::Result<Transaction> begin(const Db& db, const char* begin, const std::string& expected);
  Transaction(Transaction&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  core::Status commit(const std::string& expected);

 private:
  explicit Transaction(const Db* db) : db_(db) {}
  const Db* db_;
};

}  // namespace cleannet::store::detail
