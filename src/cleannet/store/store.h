// The audit history: every audit run, with its inputs, checks and findings, in one SQLite
// file. The store is generic: it keeps plain records whose JSON documents it never reads
// (the audit module converts its results to and from them), and answers "which runs were
// there" (runs) and "give me run N back exactly" (run).
//
//   core::Result<store::Store> st = store::Store::open("audit/history.sqlite", /*create=*/true);
//   if (!st) { std::cerr << st.error().message() << '\n'; return 2; }
//   store::RunRecord r;
//   r.scenario_name = "core-network";
//   r.started = "2026-12-07T05:00:00Z";
//   r.checks.push_back({.index = 0, .kind = "path", .name = "core paths", .document = "{}"});
//   r.findings.push_back({.check = 0, .fingerprint = "ab12", .line = "path", .rule = "untrusted-vendor",
//                         .severity = "error", .organisation = "huawei", .element = "core-router-1",
//                         .suppressed = false, .document = "{}"});
//   core::Result<int64_t> id = st->add_run(r);               // one transaction: all or nothing
//   for (const store::RunSummary& s : *st->runs("core-network")) print(s.id, s.counts);
//   store::RunRecord back = *st->run(*id);                   // == r, findings in the same order
//
// Durability and concurrency: WAL journal, synchronous=FULL (a run whose add_run returned
// survives a power cut as well as a crash: the record of an audit is evidence, and FULL costs
// one fsync of the WAL per run), foreign keys on, writers take the lock at BEGIN IMMEDIATE
// and wait up to a minute for it (several processes may write one store at once). A run
// exists only once committed: a process killed while writing leaves no partial run.
//
// Corruption: every SQLite error becomes a core::Error naming the file and what SQLite
// said. Each run row also holds digests of its summary and of its whole record, checked by
// runs() and run(), so a damaged file gives an error rather than a silently different run.
//
// A Store is one SQLite connection, and its methods run transactions on it: use it from one
// thread at a time (const methods included), and open one Store per thread or process.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cleannet/core/result.h"

namespace cleannet::store {

// The schema this build writes (meta.schema_version and PRAGMA user_version). A store of a
// newer schema is refused, never modified.
inline constexpr int kSchemaVersion = 2;

// An input file of a run. role: scenario, registry, policy, suppressions, input.
struct InputFile {
  std::string role;
  std::string path;
  uint64_t size = 0;
  std::string sha256;
  bool operator==(const InputFile&) const = default;
};

struct StoredCheck {
  int index = 0;
  std::string kind;
  std::string name;
  std::string document;  // JSON text, opaque to the store
  bool operator==(const StoredCheck&) const = default;
};

struct StoredFinding {
  int check = 0;  // StoredCheck::index
  std::string fingerprint, line, rule, severity, organisation, element;
  bool suppressed = false;
  std::string document;  // the finding as JSON text, opaque
  bool operator==(const StoredFinding&) const = default;
};

struct RunRecord {
  int64_t id = 0;  // set by add_run (ignored on input), and by run()
  std::string scenario_name, scenario_path, scenario_sha256, scenario_text;
  std::string policy, policy_sha256, as_of, version, started, ended;  // times ISO 8601 UTC
  int exit_code = 0;
  std::vector<InputFile> inputs;        // in order
  std::vector<StoredCheck> checks;      // in order
  std::vector<StoredFinding> findings;  // in order; run(id) returns them in the same order
  std::string document;                 // JSON text: whatever else the renderers need, opaque
  bool operator==(const RunRecord&) const = default;
};

// Findings of one line and severity in a run: `findings` counts all of them, suppressed
// ones included; `suppressed` is how many of those are suppressed.
struct RunCounts {
  std::string line, severity;
  uint64_t findings = 0, suppressed = 0;
  bool operator==(const RunCounts&) const = default;
};

// One row of `audit history`.
struct RunSummary {
  int64_t id = 0;
  std::string scenario_name, scenario_path, as_of, version, started, ended;
  int exit_code = 0;
  std::vector<RunCounts> counts;  // per line and severity, sorted by (line, severity)
  uint64_t findings = 0;          // all findings of the run (the sum of counts[].findings)
  bool operator==(const RunSummary&) const = default;
};

// The counts of a record as runs() reports them (what add_run stores).
std::vector<RunCounts> count_findings(const std::vector<StoredFinding>& findings);

namespace detail {
class Db;
}

class Store {
 public:
  // Opens (create=true: creating the file and its parent directories) the store at `path`.
  // Errors (as core::Error naming the file): not a SQLite database / corrupt / truncated
  // ("<path>: expected a cleannet audit store, found ..."), written by a newer schema
  // ("... schema version 3, newer than this cleannet's 1: upgrade cleannet"), missing when
  // create=false. An empty (0-byte) file is a new store, as SQLite sees it.
  static core::Result<Store> open(const std::string& path, bool create);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // Writes the whole run in one transaction and returns its id (ids increase and are never
  // reused).
  core::Result<int64_t> add_run(const RunRecord& run);
  // The same, with each finding's document written by write_document(i, out), appending to
  // `out` (called from several threads at once), instead of read from findings[i].document,
  // which is then ignored: a large run's documents need not all be in memory at once.
  core::Result<int64_t> add_run(const RunRecord& run,
                                const std::function<void(size_t i, std::string& out)>& write_document);

  // The runs of one scenario ("" : all), oldest (lowest id) first.
  core::Result<std::vector<RunSummary>> runs(const std::string& scenario_name = "") const;

  // The run as it was added; an error when there is no such run or it is damaged.
  core::Result<RunRecord> run(int64_t id) const;

  // The ids of the runs that have a finding with this fingerprint, oldest first (one index
  // seek per run in the store).
  core::Result<std::vector<int64_t>> runs_with_fingerprint(const std::string& fingerprint) const;

  // The whole file: SQLite's integrity_check, then every run complete (as many inputs,
  // checks and findings as it was written with) and matching its digests. For
  // `audit history --check` and tests; reads everything.
  core::Status check() const;

  const std::string& path() const;

 private:
  explicit Store(std::unique_ptr<detail::Db> db);
  std::unique_ptr<detail::Db> db_;
};

}  // namespace cleannet::store
