// Every record of an MRT file formatted as `bgpdump -m` prints it, on all cores, handed out
// in file order: after decompression, parsing and formatting are the floor of `cleannet mrt
// dump` (docs/PERFORMANCE.md, "Decompression"). Records are read in batches on the calling
// thread; the batches are formatted at once (oneTBB's parallel_pipeline) and their text and
// damaged records go to the caller in order. A record depends on no record before it but
// the file's PEER_INDEX_TABLEs (RFC 6396 §4.3.1), so each batch's decoder is first given
// those read before it. The result is the sequential reader's, byte for byte, whatever the
// batch size (dump_test.cc checks it against MrtDecoder record by record).
//
//   DumpEvents ev{[](std::string_view t) { return fwrite(...) == t.size(); },
//                 [](const core::Error& e) { report(e); return true; }, nullptr};
//   DumpSummary s = dump_records(reader, keep_going, ev);
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "cleannet/bgp/mrt.h"
#include "cleannet/core/result.h"

namespace cleannet::bgp {

inline constexpr size_t kDumpBatchBytes = 64u << 10;

struct DumpEvents {
  // The next piece of text; false stops the reading (the output failed).
  std::function<bool(std::string_view)> text;
  // A damaged record: with keep_going after its text (printed as bgpdump reads it), else
  // after the text of the records before it, and the reading stops. False stops it too.
  std::function<bool(const core::Error&)> damaged;
  // After each batch: the offset of its last record and the records so far (may be empty).
  std::function<void(uint64_t offset, uint64_t records)> progress;
};

struct DumpSummary {
  uint64_t records = 0;                 // complete records read (up to the damaged one that stopped it)
  std::vector<SkippedRecords> skipped;  // skipped by type, in the order first seen
  // The cut or failing end of the input that ended the reading, with the reader's offset
  // then and the bytes from there to the end.
  std::optional<core::Error> end_error;
  uint64_t end_offset = 0, unread_bytes = 0;
  bool stopped = false;  // a callback or a damaged record (without keep_going) stopped it
};

// Reads `reader` to its end (or until stopped) and formats every record; the decoder's
// errors name the file as the reader does.
DumpSummary dump_records(MrtReader& reader, bool keep_going, const DumpEvents& events,
                         size_t batch_bytes = kDumpBatchBytes);

}  // namespace cleannet::bgp
