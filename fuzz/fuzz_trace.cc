// Fuzzes a traceroute reader: record splitting, then parsing every record in the format
// CLEANNET_FUZZ_TRACE_FORMAT (a compile definition, fuzz/CMakeLists.txt: fuzz_trace_atlas
// reads RIPE Atlas results, a JSON array or NDJSON; fuzz_trace_scamper reads sc_warts2json
// lines: cycle-start, trace, cycle-stop), then attribution of every trace read (with a tiny
// origin table), so that what the reader accepts the rest can take. A trace read has hops
// whose replies lie in its reply list, and the parser's passes (read_parse.cc: scanner, DOM,
// On-Demand) read every record as its On-Demand pass alone does: the same trace or error.
#include <cstddef>
#include <cstdint>
#include <string_view>

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
