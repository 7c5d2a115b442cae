// `cleannet mrt dump FILE...`: one line per route, withdrawal and state change, exactly as
// `bgpdump -m FILE` prints them (docs/mrt.md). Our own reports go to stderr only, so stdout
// stays comparable with bgpdump's:
//   - a damaged record stops its file with its error; the lines of the records before it
//     are printed, the next files are read, and the run ends with exit 2. With --keep-going
//     it is printed as bgpdump reads it, its error is reported, and the file goes on;
//   - a record cut off by the end of the file (or of a compressed stream) is reported after
//     every complete record was printed: exit 2, or 0 with --keep-going and a summary of
//     what was skipped;
//   - records skipped by type (bgpdump prints nothing for them either) are counted per file
//     on stderr; a file whose records were all skipped, or that holds no record, printed
//     nothing and is an error (exit 2) after the other files were printed.
// `--stats` prints, instead of the routes, what each file held and what reading it found
// (bgp/stats.h), or writes it as a partial for `cleannet merge` (--partial-out).
#include "mrt_cmd.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cleannet/bgp/dump.h"
#include "cleannet/bgp/mrt.h"
#include "cleannet/bgp/stats.h"
#include "cleannet/shard/partial.h"
#include "cleannet/shard/shard.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct MrtOptions {
  std::vector<std::string> files;
  bool keep_going = false;
  bool stats = false;
  bool strict = false;
  std::string format = "text";
  std::string partial_out, shard, shard_files;
};

constexpr uint32_t kMaxReported = 20;  // damaged records reported one by one per file

// Progress on a terminal only: "\rFILE: 12.3 MiB, 456789 records".
class Progress {
 public:
  Progress() : on_(isatty(STDERR_FILENO)) {}
  void tick(const std::string& file, uint64_t bytes, uint64_t records) {
    if (!on_ || (records & 0x3fff)) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    std::fprintf(stderr, "\r%s: %.1f MiB, %llu records", file.c_str(), static_cast<double>(bytes) / (1 << 20),
                 static_cast<unsigned long long>(records));
    shown_ = true;
  }
  void clear() {
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }

 private:
  bool on_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// One file to stdout. kFailed: its error is reported and the next file is read (a bad file
// does not hide the others); kOutputFailed: stdout cannot be written, which ends the run.
enum class Dumped { kOk, kFailed, kOutputFailed };

Dumped dump_file(const std::string& file, bool keep_going, Progress& progress) {
  // Decompressed on the reading thread: the formatting (bgp::dump_records) runs beside it.
  bgp::ReaderOptions reader_options;
  reader_options.background_decompression = false;
  auto reader = bgp::MrtReader::open(file, reader_options);
  if (!reader) {
    std::fflush(stdout);
    print_error(reader.error());
    return Dumped::kFailed;
  }
  const std::string name = reader->name();
  uint64_t damaged = 0;
  bool output_failed = false;
  bgp::DumpEvents events;
  events.text = [&](std::string_view t) {
    output_failed = !t.empty() && std::fwrite(t.data(), 1, t.size(), stdout) != t.size();
    return !output_failed;
  };
  events.damaged = [&](const core::Error& e) {
    // Printed as bgpdump prints it (keep_going); reported here, after the lines so far.
    if (!keep_going || damaged < kMaxReported) {
      std::fflush(stdout);
      progress.clear();
      print_error(e);
    }
    ++damaged;
    return true;
  };
  events.progress = [&](uint64_t offset, uint64_t records) { progress.tick(name, offset, records); };
  const bgp::DumpSummary s = bgp::dump_records(*reader, keep_going, events);
  if (output_failed) return Dumped::kOutputFailed;
  if (s.stopped) return Dumped::kFailed;  // a damaged record without --keep-going
  if (s.end_error) {
    // Every complete record is out; the last one was cut short or the stream failed.
    std::fflush(stdout);
    progress.clear();
    print_error(*s.end_error);
    if (!keep_going) return Dumped::kFailed;
    std::cerr << name << ": --keep-going: skipped " << s.unread_bytes << " bytes: truncated last record at byte "
              << s.end_offset << " (after " << s.records << " complete records";
    if (damaged) std::cerr << ", " << damaged << " of them damaged";
    std::cerr << ")\n";
    damaged = 0;
  }
  progress.clear();
  if (damaged) {
    std::cerr << name << ": --keep-going: " << damaged << " of " << s.records
              << " records damaged, printed as bgpdump reads them";
    if (damaged > kMaxReported) std::cerr << " (the first " << kMaxReported << " reported)";
    std::cerr << "\n";
  }
  // Nothing read from a file is not a clean dump of it, although bgpdump prints nothing and
  // exits 0 too.
  const uint64_t skipped = bgp::skipped_records(s.skipped);
  if (s.records == 0 || skipped == s.records) {
    std::fflush(stdout);
    print_error(core::Error(
        core::SourcePos(name), "MRT records this reader decodes (TABLE_DUMP, TABLE_DUMP_V2, BGP4MP, BGP)",
        s.records == 0 ? "no complete record"
                       : std::to_string(s.records) + " record(s), all skipped by type: " + bgp::skipped_text(s.skipped)));
    return Dumped::kFailed;
  }
  if (skipped) std::cerr << name << ": skipped by type: " << bgp::skipped_text(s.skipped) << "\n";
  return Dumped::kOk;
}

int run_dump(const MrtOptions& o) {
  Progress progress;
  bool failed = false;
  for (const std::string& file : o.files) {
    const Dumped d = dump_file(file, o.keep_going, progress);
    if (d == Dumped::kOutputFailed) return kExitInputError;
    failed = failed || d == Dumped::kFailed;
    if (failed && o.strict) break;
  }
  if (std::fflush(stdout) != 0) return kExitInputError;
  return failed ? kExitInputError : kExitClean;
}

// --stats: the files' statistics as a report, or as a partial (--partial-out).
int run_stats(const MrtOptions& o) {
  std::vector<size_t> positions;
  if (!o.shard.empty() && !o.shard_files.empty()) {
    print_error(core::Error(core::SourcePos("--shard-files"), "either --shard or --shard-files", "both"));
    return kExitInputError;
  }
  if (!o.shard.empty()) {
    auto s = shard::parse_shard(o.shard);
    if (!s) {
      print_error(s.error());
      return kExitInputError;
    }
    positions = s->positions(o.files.size());
  } else if (!o.shard_files.empty()) {
    auto s = shard::parse_positions(o.shard_files, o.files.size());
    if (!s) {
      print_error(s.error());
      return kExitInputError;
    }
    positions = *s;
  } else {
    for (size_t i = 0; i < o.files.size(); ++i) positions.push_back(i);
  }
  std::vector<bgp::MrtFileStats> files;
  for (size_t p : positions) {
    files.push_back(bgp::read_stats(o.files[p], o.keep_going));
    if (o.strict && files.back().error) break;
  }
  const report::Format format = output_format(o.format);
  if (o.partial_out.empty()) return bgp::write_stats(files, format, std::cout, std::cerr);
  std::ostream none(nullptr);
  const int exit = bgp::write_stats(files, format, none, std::cerr);
  // A strict run stopped at a failed file: what it holds is not its files' partial.
  if (o.strict && exit == kExitInputError) return exit;
  const shard::Partial p = bgp::to_partial(files, {{"keep_going", o.keep_going}}, o.files, positions);
  if (auto st = shard::write_partial(o.partial_out, p); !st) {
    print_error(st.error());
    return kExitInputError;
  }
  return exit;
}

}  // namespace

void add_mrt_commands(CLI::App& app, int& result) {
  auto* mrt = app.add_subcommand("mrt", "MRT routing dumps (RFC 6396): RIBs and BGP updates");
  mrt->require_subcommand(1);
  auto o = std::make_shared<MrtOptions>();
  auto* dump = mrt->add_subcommand(
      "dump", "Print MRT files one line per route, withdrawal and state change, as `bgpdump -m` does");
  dump->add_option("FILE", o->files, "MRT files, plain or gzip/bzip2/zstd/xz compressed; - reads stdin")->required();
  dump->add_flag("--keep-going", o->keep_going,
                 "Print damaged records as bgpdump reads them and go on; report a truncated last record "
                 "and exit 0");
  dump->add_flag("--strict", o->strict, "Stop at the first file that fails (default: report it and read the others)");
  dump->add_flag("--stats", o->stats,
                 "Instead of the routes, per file: bytes, records per type, skipped and damaged records, "
                 "truncation, errors; and the totals");
  dump->add_option("--format", o->format, "--stats output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  dump->add_option("--partial-out", o->partial_out,
                   "--stats: write the run's partial result (for `cleannet merge`) to FILE instead of the report");
  dump->add_option("--shard", o->shard,
                   "--stats: read only every N-th file starting at the I-th (I/N, 1-based); each keeps its position");
  dump->add_option("--shard-files", o->shard_files,
                   "--stats: read only the files at these 1-based positions (1,4,7); each keeps its position");
  dump->callback([o, &result] {
    if (!o->stats && (!o->partial_out.empty() || !o->shard.empty() || !o->shard_files.empty() || o->format != "text")) {
      print_error(core::Error(core::SourcePos("mrt dump"),
                              "--stats with --format, --partial-out, --shard or --shard-files", "no --stats"));
      result = kExitInputError;
      return;
    }
    result = o->stats ? run_stats(*o) : run_dump(*o);
  });
}

}  // namespace cleannet::cli
