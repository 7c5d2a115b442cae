#include "cleannet/bgp/dump.h"

#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "cleannet/bgp/bgpdump_format.h"

namespace cleannet::bgp {

namespace {

struct RecordRef {
  MrtRecord header;  // body empty: the body is bytes[at, at + size) of its batch
  size_t at = 0, size = 0;
};

struct PeerTables {
  std::vector<uint8_t> bytes;
  std::vector<RecordRef> records;
};

struct Batch {
  std::vector<uint8_t> bytes;
  std::vector<RecordRef> records;
  std::shared_ptr<const PeerTables> peer_tables;  // every PEER_INDEX_TABLE before the batch
  std::optional<core::Error> end_error;           // the reading ended after this batch
  uint64_t end_offset = 0, unread_bytes = 0;
  // Formatted: the text; each damaged record's error with the text's size after it
  // (keep_going) or before it (the first one otherwise, which ends the file).
  BgpdumpFormatter out;
  struct Damage {
    size_t mark;
    core::Error error;
    size_t records;  // records of the batch up to and with it
  };
  std::vector<Damage> damaged;
  std::vector<SkippedRecords> skipped;

  void reset() {
    bytes.clear();
    records.clear();
    peer_tables.reset();
    end_error.reset();
    end_offset = unread_bytes = 0;
    out.clear();
    damaged.clear();
    skipped.clear();
  }
};

MrtRecord record_of(const RecordRef& r, const std::vector<uint8_t>& bytes) {
  MrtRecord rec = r.header;
  rec.body = std::span<const uint8_t>(bytes.data() + r.at, r.size);
  return rec;
}

void format_batch(Batch& b, const std::string& name, bool keep_going) {
  MrtDecoder decoder(name);
  if (b.peer_tables)
    for (const RecordRef& r : b.peer_tables->records) {
      // Reported in the batch that read it; here only its peers are wanted.
      (void)decoder.decode(record_of(r, b.peer_tables->bytes), b.out);
    }
  b.out.clear();
  for (size_t i = 0; i < b.records.size(); ++i) {
    const size_t mark = b.out.size();
    auto st = decoder.decode(record_of(b.records[i], b.bytes), b.out);
    if (!st) {
      if (!keep_going) {
        b.out.truncate(mark);
        b.damaged.push_back({mark, st.error(), i + 1});
        break;
      }
      b.damaged.push_back({b.out.size(), st.error(), i + 1});
    }
  }
  b.skipped = decoder.skipped();
}

void add_skipped(std::vector<SkippedRecords>& all, const std::vector<SkippedRecords>& more) {
  for (const SkippedRecords& m : more) {
    auto it = std::find_if(all.begin(), all.end(),
                           [&](const SkippedRecords& s) { return s.type == m.type && s.subtype == m.subtype; });
    if (it == all.end())
      all.push_back(m);
    else
      it->records += m.records;
  }
}

}  // namespace

DumpSummary dump_records(MrtReader& reader, bool keep_going, const DumpEvents& events, size_t batch_bytes) {
  const std::string name = reader.name();
  DumpSummary summary;
  auto peer_tables = std::make_shared<const PeerTables>();
  std::atomic<bool> reading{true};
  bool done = false;  // the writer's: stopped, nothing more goes out

  // As many batches as the pipeline holds at once, reused: their buffers keep their capacity
  // (fresh ones would be mapped and unmapped by malloc for every batch).
  const size_t tokens = 2 * std::max<size_t>(1, std::thread::hardware_concurrency());
  std::vector<std::unique_ptr<Batch>> batches;
  std::vector<Batch*> free_batches;
  std::mutex free_mu;
  for (size_t i = 0; i < tokens; ++i) free_batches.push_back(batches.emplace_back(std::make_unique<Batch>()).get());

  auto read = [&](tbb::flow_control& fc) -> Batch* {
    if (!reading) {
      fc.stop();
      return nullptr;
    }
    Batch* b = nullptr;
    {
      std::lock_guard<std::mutex> lock(free_mu);
      b = free_batches.back();
      free_batches.pop_back();
    }
    b->reset();
    b->peer_tables = peer_tables;
    while (b->bytes.size() < batch_bytes) {
      auto rec = reader.next();
      if (!rec) {
        b->end_error = rec.error();
        b->end_offset = reader.offset();
        b->unread_bytes = reader.unread_bytes();
        reading = false;
        break;
      }
      if (!*rec) {
        reading = false;
        break;
      }
      const MrtRecord& r = **rec;
      RecordRef ref{r, b->bytes.size(), r.body.size()};
      ref.header.body = {};
      b->bytes.insert(b->bytes.end(), r.body.begin(), r.body.end());
      b->records.push_back(ref);
      if (r.type == kMrtTableDumpV2 && r.subtype == kPeerIndexTable) {
        // The batches after this one need it: copied once per table, not per batch.
        auto next = std::make_shared<PeerTables>(*peer_tables);
        RecordRef kept = ref;
        kept.at = next->bytes.size();
        next->bytes.insert(next->bytes.end(), r.body.begin(), r.body.end());
        next->records.push_back(kept);
        peer_tables = std::move(next);
      }
    }
    return b;
  };

  auto write = [&](Batch* b) {
    struct Release {
      std::mutex& mu;
      std::vector<Batch*>& free;
      Batch* b;
      ~Release() {
        std::lock_guard<std::mutex> lock(mu);
        free.push_back(b);
      }
    } release{free_mu, free_batches, b};
    if (done) return;
    auto stop = [&] {
      done = true;
      summary.stopped = true;
      reading = false;
    };
    const std::string_view text = b->out.text();
    size_t written = 0;
    for (const Batch::Damage& d : b->damaged) {
      if (!events.text(text.substr(written, d.mark - written))) return stop();
      written = d.mark;
      if (!keep_going) summary.records += d.records;
      if (!events.damaged(d.error) || !keep_going) return stop();
    }
    if (!events.text(text.substr(written))) return stop();
    summary.records += b->records.size();
    add_skipped(summary.skipped, b->skipped);
    if (events.progress && !b->records.empty()) events.progress(b->records.back().header.offset, summary.records);
    if (b->end_error) {
      summary.end_error = std::move(b->end_error);
      summary.end_offset = b->end_offset;
      summary.unread_bytes = b->unread_bytes;
      done = true;
    }
  };

  tbb::parallel_pipeline(tokens,
                         tbb::make_filter<void, Batch*>(tbb::filter_mode::serial_in_order, read) &
                             tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel,
                                                              [&](Batch* b) {
                                                                format_batch(*b, name, keep_going);
                                                                return b;
                                                              }) &
                             tbb::make_filter<Batch*, void>(tbb::filter_mode::serial_in_order, write));
  return summary;
}

}  // namespace cleannet::bgp
