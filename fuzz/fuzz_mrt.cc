// Fuzzes the MRT reader (framing), the decoder of every record type and the bgpdump -m
// formatter, over the bytes as an uncompressed MRT stream (compressed inputs are fuzz_input's
// business). Every route's attributes also go through the RFC 6793 merge, whose result must
// be consistent: each segment's ASNs inside the path's ASN list. And the batched, parallel
// formatting of `mrt dump` (bgp::dump_records) must print what the sequential decoder printed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cleannet/bgp/attributes.h"
#include "cleannet/bgp/bgpdump_format.h"
#include "cleannet/bgp/dump.h"
#include "cleannet/bgp/mrt.h"
#include "cleannet/core/input.h"

namespace {

using namespace cleannet;

void check(const bgp::AsPath& p) {
  size_t n = 0;
  for (const auto& s : p.segments) {
    if (s.first + s.length > p.asns.size()) __builtin_trap();
    n += s.length;
  }
  if (n != p.asns.size()) __builtin_trap();
}

void check(const bgp::Attributes& a, bool two_byte) {
  check(a.as_path);
  check(a.as4_path);
  for (const auto& m : a.mp_reach)
    if (m.first + m.count > a.mp_prefixes.size()) __builtin_trap();
  for (const auto& m : a.mp_unreach)
    if (m.first + m.count > a.mp_prefixes.size()) __builtin_trap();
  static bgp::AsPath merged;
  bgp::merge_as4_path(a, two_byte, merged);
  check(merged);
}

class Checks final : public bgp::MrtHandler {
 public:
  bgp::BgpdumpFormatter fmt;
  void peer_index(const bgp::MrtRecord& r, const bgp::PeerIndexTable& t) override { fmt.peer_index(r, t); }
  void rib_entry(const bgp::MrtRecord& r, const bgp::RibEntry& e) override {
    if (!e.peer || !e.attributes) __builtin_trap();
    check(*e.attributes, false);
    fmt.rib_entry(r, e);
  }
  void table_dump(const bgp::MrtRecord& r, const bgp::TableDumpEntry& e) override {
    check(*e.attributes, !e.as4);
    fmt.table_dump(r, e);
  }
  void state_change(const bgp::MrtRecord& r, const bgp::StateChange& s) override { fmt.state_change(r, s); }
  void bgp_message(const bgp::MrtRecord& r, const bgp::BgpMessage& m) override {
    if (m.attributes) check(*m.attributes, !m.as4);
    fmt.bgp_message(r, m);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  auto in = core::Input::from_memory("fuzz.mrt", bytes);
  if (!in) return 0;
  // No second thread here: libFuzzer runs millions of small inputs.
  bgp::MrtReader reader(std::move(*in), bgp::ReaderOptions{false, 1u << 20});
  bgp::MrtDecoder decoder(reader.name());
  Checks checks;
  std::string text;
  size_t damaged = 0;
  for (;;) {
    auto rec = reader.next();
    if (!rec) {
      (void)rec.error().message();
      break;
    }
    if (!*rec) break;
    if (auto st = decoder.decode(**rec, checks); !st) {
      (void)st.error().message();
      ++damaged;
    }
    if (checks.fmt.size() > (1u << 20)) {
      text += checks.fmt.text();
      checks.fmt.clear();
    }
  }
  text += checks.fmt.text();

  auto again = core::Input::from_memory("fuzz.mrt", bytes);
  if (!again) __builtin_trap();
  bgp::MrtReader batched_reader(std::move(*again), bgp::ReaderOptions{false, 1u << 20});
  std::string batched;
  size_t batched_damaged = 0;
  bgp::DumpEvents events;
  events.text = [&](std::string_view t) {
    batched += t;
    return true;
  };
  events.damaged = [&](const cleannet::core::Error&) {
    ++batched_damaged;
    return true;
  };
  (void)bgp::dump_records(batched_reader, true, events, 512);
  if (batched != text || batched_damaged != damaged) __builtin_trap();
  return 0;
}
