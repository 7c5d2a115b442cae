// dump_records (batches formatted on all cores) against the sequential reader: MrtDecoder and
// BgpdumpFormatter record by record, as `mrt dump` read files before. Bundled MRT files and
// seeded random damage to them (bytes changed, ends cut), every batch size from one record
// per batch to the whole file: the text, each damaged record's error and where it falls in
// the text, the records counted, the skipped types and the end must be the same.
#include "cleannet/bgp/dump.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "cleannet/bgp/bgpdump_format.h"

namespace cleannet::bgp {
namespace {

const std::string kDir = std::string(CLEANNET_SOURCE_DIR) + "/";

// What a reading gave, in the order it was given.
struct Trace {
  std::string text;
  std::vector<std::pair<size_t, std::string>> damaged;  // text size then, message
  uint64_t records = 0;
  std::vector<SkippedRecords> skipped;
  std::string end;  // the end error's message, offset and unread bytes
  bool stopped = false;
  friend bool operator==(const Trace&, const Trace&) = default;
};

std::string end_text(const core::Error& e, uint64_t offset, uint64_t unread) {
  return e.message() + " @" + std::to_string(offset) + " +" + std::to_string(unread);
}

Trace sequential(const std::string& name, const std::string& bytes, bool keep_going) {
  auto input = core::Input::from_memory(name, bytes);
  EXPECT_TRUE(input.ok());
  MrtReader reader(std::move(*input));
  MrtDecoder decoder(reader.name());
  BgpdumpFormatter out;
  Trace t;
  for (;;) {
    auto rec = reader.next();
    if (!rec) {
      t.end = end_text(rec.error(), reader.offset(), reader.unread_bytes());
      break;
    }
    if (!*rec) break;
    ++t.records;
    const size_t mark = out.size();
    auto st = decoder.decode(**rec, out);
    if (!st) {
      if (!keep_going) {
        out.truncate(mark);
        t.damaged.emplace_back(out.size(), st.error().message());
        t.stopped = true;
        break;
      }
      t.damaged.emplace_back(out.size(), st.error().message());
    }
  }
  t.text = std::string(out.text());
  if (!t.stopped) t.skipped = decoder.skipped();
  return t;
}

Trace batched(const std::string& name, const std::string& bytes, bool keep_going, size_t batch_bytes) {
  auto input = core::Input::from_memory(name, bytes);
  EXPECT_TRUE(input.ok());
  ReaderOptions options;
  options.background_decompression = false;
  MrtReader reader(std::move(*input), options);
  Trace t;
  DumpEvents ev;
  ev.text = [&](std::string_view s) {
    t.text += s;
    return true;
  };
  ev.damaged = [&](const core::Error& e) {
    t.damaged.emplace_back(t.text.size(), e.message());
    return true;
  };
  DumpSummary s = dump_records(reader, keep_going, ev, batch_bytes);
  t.records = s.records;
  t.stopped = s.stopped;
  if (!s.stopped) t.skipped = s.skipped;
  if (s.end_error) t.end = end_text(*s.end_error, s.end_offset, s.unread_bytes);
  return t;
}

std::string decompressed(const std::string& path, size_t limit) {
  auto in = core::Input::open(path);
  EXPECT_TRUE(in.ok()) << path;
  std::string out(limit, '\0');
  size_t n = 0;
  while (n < limit) {
    auto r = in->read(out.data() + n, limit - n);
    if (!r.ok() || *r == 0) break;
    n += *r;
  }
  out.resize(n);
  return out;
}

void expect_same(const std::string& name, const std::string& bytes, const std::string& what) {
  for (bool keep_going : {false, true}) {
    const Trace want = sequential(name, bytes, keep_going);
    for (size_t batch : {size_t{1}, size_t{700}, size_t{4096}, kDumpBatchBytes, bytes.size() + 1}) {
      const Trace got = batched(name, bytes, keep_going, batch);
      ASSERT_EQ(got.text, want.text) << what << ", keep_going " << keep_going << ", batch " << batch;
      ASSERT_EQ(got, want) << what << ", keep_going " << keep_going << ", batch " << batch << ": records "
                           << got.records << " vs " << want.records << ", damaged " << got.damaged.size() << " vs "
                           << want.damaged.size() << ", end \"" << got.end << "\" vs \"" << want.end << "\"";
    }
  }
}

// Smaller under the sanitizers, where each decode costs ten times as much.
size_t rounds() {
  const char* env = std::getenv("CLEANNET_ORACLE_ROUNDS");
  return env ? std::strtoul(env, nullptr, 10) : 12;
}

const std::vector<std::string> kFiles = {
    "data/internet/mrt/rib.20140523.0600_firstMB.bz2",  // TABLE_DUMP_V2, one PEER_INDEX_TABLE, cut end
    "tests/data/bgp/ris.rrc06.updates.1427846400.gz",   // BGP4MP
    "tests/data/bgp/bview.ipv4_unicast_add_path.gz",    // TABLE_DUMP_V2 ADD-PATH
    "tests/data/bgp/openbgpd_rib_table-mp",             // skipped by type
};

TEST(DumpRecords, BundledFilesAsTheSequentialReader) {
  for (const std::string& f : kFiles) expect_same(f, decompressed(kDir + f, 600u << 10), f);
}

TEST(DumpRecords, DamagedFilesAsTheSequentialReader) {
  std::mt19937_64 rng(20261207);
  for (const std::string& f : kFiles) {
    const std::string clean = decompressed(kDir + f, 300u << 10);
    for (size_t round = 0; round < rounds(); ++round) {
      std::string bytes = clean;
      if (rng() % 3 == 0) bytes.resize(rng() % (bytes.size() + 1));  // cut anywhere
      const size_t changes = 1 + rng() % 12;
      for (size_t i = 0; i < changes && !bytes.empty(); ++i) {
        // Mostly near the start, where the PEER_INDEX_TABLE is, and anywhere.
        const size_t at = rng() % 2 ? rng() % std::min<size_t>(bytes.size(), 4096) : rng() % bytes.size();
        bytes[at] = static_cast<char>(rng());
      }
      expect_same(f, bytes, f + " round " + std::to_string(round));
    }
  }
}

TEST(DumpRecords, TwoPeerIndexTablesEachApplyToTheRecordsAfterThem) {
  // The staged RIB twice in one stream: the second PEER_INDEX_TABLE must reach every batch
  // after it, and only those.
  const std::string one = decompressed(kDir + kFiles[0], 200u << 10);
  // Whole records only: cut at the last record boundary the sequential reader reaches.
  auto input = core::Input::from_memory("one", one);
  MrtReader reader(std::move(*input));
  uint64_t end = 0;
  for (;;) {
    auto rec = reader.next();
    if (!rec || !*rec) break;
    end = reader.offset();
  }
  const std::string whole = one.substr(0, end);
  expect_same("twice.mrt", whole + whole, "two tables");
}

TEST(DumpRecords, AFailedOutputStopsTheReading) {
  const std::string bytes = decompressed(kDir + kFiles[0], 300u << 10);
  auto input = core::Input::from_memory("f", bytes);
  MrtReader reader(std::move(*input));
  size_t calls = 0;
  DumpEvents ev;
  ev.text = [&](std::string_view) { return ++calls < 3; };
  ev.damaged = [](const core::Error&) { return true; };
  DumpSummary s = dump_records(reader, true, ev, 4096);
  EXPECT_TRUE(s.stopped);
  EXPECT_EQ(calls, 3u);
  EXPECT_LT(s.records, sequential("f", bytes, true).records);
}

}  // namespace
}  // namespace cleannet::bgp
