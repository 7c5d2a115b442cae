#include "cleannet/store/detail/sqlite.h"

namespace cleannet::store::detail {

core::Result<Db> Db::open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db;
  db.db_.reset(raw);
  db.path_ = path;
  if (rc != SQLITE_OK) {
    if (raw == nullptr) {
      return core::Error(core::SourcePos(path), kWhatStore, std::string(sqlite3_errstr(rc)));
    }
    return db.error(kWhatStore, rc);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  return db;
}

core::Error Db::error(std::string expected, int rc) const {
  if (rc == 0) rc = sqlite3_extended_errcode(db_.get());
  // The connection's message when it is about this code, else the generic text of the code
  // (a bind error or a failed step reported after another call).
  std::string what =
      (db_ && sqlite3_extended_errcode(db_.get()) == rc) ? sqlite3_errmsg(db_.get()) : sqlite3_errstr(rc);
  return core::Error(core::SourcePos(path_), std::move(expected), what + " (SQLite error " + std::to_string(rc) + ")");
}

core::Status Db::exec(const char* sql, const std::string& expected) const {
  int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error(expected, rc);
  return core::Ok{};
}

core::Result<int64_t> Db::query_int(const char* sql, const std::string& expected) const {
  core::Result<Stmt> st = Stmt::prepare(*this, sql, expected);
  if (!st) return st.error();
  int rc = st->step();
  if (rc != SQLITE_ROW) return error(expected, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);
  return st->integer(0);
}

core::Result<Stmt> Stmt::prepare(const Db& db, std::string_view sql, const std::string& expected) {
  sqlite3_stmt* raw = nullptr;
  int rc =
      sqlite3_prepare_v3(db.get(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  Stmt st;
  st.st_.reset(raw);
  if (rc != SQLITE_OK) return db.error(expected, rc);
  return st;
}

core::Result<Transaction> Transaction::begin(const Db& db, const char* begin, const std::string& expected) {
  core::Status s = db.exec(begin, expected);
  if (!s) return s.error();
  return Transaction(&db);
}

Transaction::~Transaction() {
  // SQLite may already have rolled back (after SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY...).
  if (db_ != nullptr && sqlite3_get_autocommit(db_->get()) == 0) {
    sqlite3_exec(db_->get(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

core::Status Transaction::commit(const std::string& expected) {
  core::Status s = db_->exec("COMMIT", expected);
  if (s) db_ = nullptr;  // else the destructor rolls back what is still open
  return s;
}

}  // namespace cleannet::store::detail
