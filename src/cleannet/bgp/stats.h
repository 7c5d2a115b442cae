// `cleannet mrt dump --stats`: what each MRT file held and what reading it found, instead
// of its routes: bytes, records per type and subtype, records skipped by type, damaged
// records, a cut last record and the error that stopped the file. Each file's statistics
// are a partial's state by input position (kind "mrt-stats", shard/partial.h), so runs
// over shards of the files merge (`cleannet merge`) into the report of one run over all.
//
//   std::vector<MrtFileStats> files;
//   for (const std::string& f : paths) files.push_back(read_stats(f, keep_going));
//   int exit = write_stats(files, report::Format::kText, std::cout, std::cerr);
//
// The state: {"files": [{"position": 0, "file": "rib.bz2", "compression": "bzip2",
//   "file_bytes": 1234, "bytes": 56789, "records": 120, "types": [[13, 1, 1], [13, 2, 119]],
//   "skipped": [[16, 3, 31]], "damaged": 0, "first_damage": {error}, "truncated": {"offset":
//   56789, "unread_bytes": 20, "error": {error}}, "error": {error}}, ...]}
// with [type, subtype, records] triples and errors as shard::error_to_json writes them.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cleannet/bgp/mrt.h"
#include "cleannet/core/result.h"
#include "cleannet/report/check_report.h"
#include "cleannet/shard/partial.h"
#include "cleannet/trust/context.h"

namespace cleannet::bgp {

inline constexpr const char* kPartialKind = "mrt-stats";

struct MrtFileStats {
  std::string file;         // as given
  std::string compression;  // core::compression_name: "none", "gzip", ...
  uint64_t file_bytes = 0;  // its size on disk (0: standard input, or it cannot be opened)
  uint64_t bytes = 0;       // decompressed bytes read as complete records
  uint64_t records = 0;     // complete records read
  std::map<std::pair<uint16_t, uint16_t>, uint64_t> types;  // records per type and subtype
  std::vector<SkippedRecords> skipped;                      // of those, skipped by type (first seen first)
  uint64_t damaged = 0;                                     // records with a defect (--keep-going)
  std::optional<core::Error> first_damage;                  // the first one's defect
  // A last record cut off by the end of the input (or of a compressed stream), with
  // --keep-going: where it starts, the bytes left unread and the error.
  std::optional<core::Error> truncated;
  uint64_t truncated_offset = 0, unread_bytes = 0;
  // Why the file failed: it cannot be read, a damaged record or a cut end without
  // --keep-going (the counts are those before it), no complete record, or all skipped by type.
  std::optional<core::Error> error;
};

// Reads the file at `path` ("-": standard input) to its end; never fails as a whole: a failed
// file has error set. keep_going: as `mrt dump --keep-going` reads.
MrtFileStats read_stats(const std::string& path, bool keep_going);

// The report (text or JSON; SARIF is not one) on `out`, each failed file's error on `err`;
// returns the exit code: 2 when a file failed, else 0.
int write_stats(const std::vector<MrtFileStats>& files, report::Format format, std::ostream& out, std::ostream& err);

// A file's statistics as a partial's state keeps them, and back (`name` names the partial).
report::Json stats_json(const MrtFileStats& s, size_t position);
core::Result<std::pair<size_t, MrtFileStats>> stats_from_json(const std::string& name, const report::Json& j);

// The partial of a run over the files at `positions` of `inputs` (`files` in that order).
shard::Partial to_partial(const std::vector<MrtFileStats>& files, report::Json options, std::vector<std::string> inputs,
                          std::vector<size_t> positions);

// scale::Kind's functions (not judged: `context` is ignored).
core::Result<report::Json> merge_states(const std::vector<std::pair<std::string, const shard::Partial*>>& parts);
int render_partial(const shard::Partial& p, const trust::Context* context, report::Format format, size_t top,
                   std::ostream& out, std::ostream& err);

}  // namespace cleannet::bgp
