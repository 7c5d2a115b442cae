// Fuzzes a traceroute reader: record splitting (one record at a time, and NDJSON in blocks of
// lines, which must give the same records), then parsing every record in the format
// CLEANNET_FUZZ_TRACE_FORMAT (a compile definition, fuzz/CMakeLists.txt: fuzz_trace_atlas
// reads RIPE Atlas results, a JSON array or NDJSON; fuzz_trace_scamper reads sc_warts2json
// lines: cycle-start, trace, cycle-stop), then attribution of every trace read (with a tiny
// origin table), so that what the reader accepts the rest can take. A trace read has hops
// whose replies lie in its reply list, and the parser's passes (read_parse.cc: scanner, DOM,
// On-Demand) read every record as its On-Demand pass alone does: the same trace or error.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/trace/attribution.h"
#include "cleannet/trace/read.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  auto in = core::Input::from_memory("fuzz.json", bytes);
  if (!in) return 0;
  static ip::OriginTable origins = [] {
    ip::OriginTable t;
    t.add(*core::parse_prefix("8.0.0.0/8"), 3356);
    t.add(*core::parse_prefix("2001:db8::/32"), 64500);
    return t;
  }();
  static trace::HopAttributor hops(&origins, nullptr);
  // NDJSON read in blocks of lines (what trace check does) gives the records next() gives.
  {
    auto a = core::Input::from_memory("fuzz.json", bytes);
    auto b = core::Input::from_memory("fuzz.json", bytes);
    trace::RecordReader by_record(std::move(*a)), by_block(std::move(*b));
    trace::Record r, first;
    auto more = by_block.next(first);
    if (more && *more && !by_block.array_mode()) {
      std::vector<trace::Record> want;
      for (;;) {
        auto m = by_record.next(r);
        if (!m) __builtin_trap();  // in memory, lines of at most 64 MiB: no error
        if (!*m) break;
        want.push_back(r);
      }
      size_t i = 0;
      auto same = [&](std::string_view text, uint64_t line, uint32_t column) {
        if (i >= want.size() || want[i].text != text || want[i].line != line || want[i].column != column)
          __builtin_trap();
        ++i;
      };
      same(first.text, first.line, first.column);
      trace::LineBlock block;
      for (;;) {
        auto m = by_block.next_lines(block, 1 + size % 97);
        if (!m) __builtin_trap();
        if (!*m) break;
        block.each_record([&](const trace::RecordView& v) { same(v.text, v.line, v.column); });
      }
      if (i != want.size()) __builtin_trap();
    }
  }
  trace::RecordReader reader(std::move(*in));
  trace::RecordParser parser, dom(trace::RecordParser::Passes::kDomThenOnDemand),
      on_demand(trace::RecordParser::Passes::kOnDemand);
  trace::Record rec;
  trace::Traceroute t, u, w;
  for (int n = 0; n < 1000; ++n) {
    auto more = reader.next(rec);
    if (!more) {
      (void)more.error().message();
      return 0;
    }
    if (!*more) return 0;
    (void)trace::detect_format(rec, "fuzz.json");
    auto got = parser.parse(rec, "fuzz.json", trace::SourceFormat::CLEANNET_FUZZ_TRACE_FORMAT, t);
    auto alone = on_demand.parse(rec, "fuzz.json", trace::SourceFormat::CLEANNET_FUZZ_TRACE_FORMAT, u);
    if (got.ok() != alone.ok()) __builtin_trap();
    if (got ? (*got != *alone || !(t == u)) : got.error().message() != alone.error().message()) __builtin_trap();
    auto via_dom = dom.parse(rec, "fuzz.json", trace::SourceFormat::CLEANNET_FUZZ_TRACE_FORMAT, w);
    if (via_dom.ok() != alone.ok()) __builtin_trap();
    if (via_dom ? (*via_dom != *alone || !(w == u)) : via_dom.error().message() != alone.error().message())
      __builtin_trap();
    if (!got) {
      (void)got.error().message();
      return 0;
    }
    if (!*got) continue;
    for (const trace::Hop& h : t.hops) {
      if (size_t{h.first} + h.count > t.replies.size()) __builtin_trap();
      for (const trace::Reply& r : t.replies_of(h)) {
        if (size_t{r.mpls_first} + r.mpls_count > t.mpls.size()) __builtin_trap();
        if (r.kind == trace::Reply::kAnswer) (void)hops.attribute(r.from);
      }
    }
  }
  return 0;
}
