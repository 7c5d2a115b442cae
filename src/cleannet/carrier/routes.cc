#include "cleannet/carrier/routes.h"

#include <algorithm>
#include <vector>

namespace cleannet::carrier {

namespace {

core::Prefix address_of(const bgp::IpAddress& a) {
  core::Prefix p;
  p.v6 = a.v6;
  p.bytes = a.bytes;
  p.len = p.max_len();
  return p;
}

class Feed final : public bgp::MrtHandler {
 public:
  Feed(CarrierCheck& check, std::string file) : check_(check), file_(std::move(file)) {}

  void rib_entry(const bgp::MrtRecord& rec, const bgp::RibEntry& e) override {
    if (!e.nlri.empty() || !e.attributes || !e.peer) return;  // RIB_GENERIC of another AFI/SAFI
    emit(rec, e.prefix, e.afi == 2, e.peer->asn, e.peer->address, *e.attributes, false);
  }
  void table_dump(const bgp::MrtRecord& rec, const bgp::TableDumpEntry& e) override {
    if (e.attributes) emit(rec, e.prefix, e.v6, e.peer_as, e.peer_ip, *e.attributes, !e.as4);
  }
  void bgp_message(const bgp::MrtRecord& rec, const bgp::BgpMessage& m) override {
    if (m.type != bgp::kUpdate || !m.attributes) return;
    for (const bgp::NlriPrefix& p : m.announced) emit(rec, p, false, m.peer_as, m.peer_ip, *m.attributes, !m.as4);
    for (const bgp::MpNlri& mp : m.attributes->mp_reach) {
      if (!mp.raw_nlri.empty() || (mp.afi != 1 && mp.afi != 2)) continue;
      for (const bgp::NlriPrefix& p : m.attributes->prefixes(mp))
        emit(rec, p, mp.afi == 2, m.peer_as, m.peer_ip, *m.attributes, !m.as4);
    }
  }
  uint64_t routes() const { return routes_; }

 private:
  void emit(const bgp::MrtRecord& rec, const bgp::NlriPrefix& nlri, bool v6, uint32_t peer_as,
            const bgp::IpAddress& peer_ip, const bgp::Attributes& attrs, bool two_byte) {
    core::Prefix p;
    p.v6 = v6;
    p.bytes = nlri.bytes;
    p.len = std::min<uint8_t>(nlri.length, p.max_len());
    p = core::truncate(p, p.len);  // bits past the length are noise (RFC 4271 §4.3)
    bgp::merge_as4_path(attrs, two_byte, merged_);
    path_.clear();
    // AS_SEQUENCE and AS_SET members alike: a set member may have carried the route.
    // Confederation segments are internal to one AS (RFC 5065 §5.3) and left out.
    for (const auto& seg : merged_.segments)
      if (seg.type == bgp::kAsSequence || seg.type == bgp::kAsSet)
        for (uint32_t a : merged_.asns_of(seg)) path_.push_back(a);
    Route r;
    r.file = file_;
    r.offset = rec.offset;
    r.timestamp = rec.timestamp;
    r.peer_asn = peer_as;
    r.peer_ip = address_of(peer_ip);
    r.prefix = p;
    r.path = path_;
    check_.observe(r);
    ++routes_;
  }

  CarrierCheck& check_;
  std::string file_;
  bgp::AsPath merged_;
  std::vector<uint32_t> path_;
  uint64_t routes_ = 0;
};

// What a file without routes held, for its error.
std::string held(const bgp::MrtFileSummary& s) {
  if (s.records == 0) return s.cut ? "no complete record" : "no record";
  const uint64_t skipped = bgp::skipped_records(s.skipped);
  std::string out = std::to_string(s.records) + " record(s)";
  if (skipped == s.records) return out + ", all skipped by type: " + bgp::skipped_text(s.skipped);
  out += ", none with a route (withdrawals, state changes or other messages only)";
  if (skipped) out += "; skipped by type: " + bgp::skipped_text(s.skipped);
  return out;
}

}  // namespace

core::Result<RouteFile> read_routes(const std::string& path, CarrierCheck& check, bool keep_going) {
  // The reader names the file ("-" is "<stdin>"); the handler needs the name before.
  Feed feed(check, path == "-" ? std::string("<stdin>") : path);
  auto s = bgp::read_mrt_file(path, feed, keep_going);
  if (!s) return s.error();
  RouteFile f{std::move(*s), feed.routes()};
  if (f.routes == 0)
    return core::Error(core::SourcePos(f.mrt.name),
                       "MRT records with routes (TABLE_DUMP or TABLE_DUMP_V2 RIB entries, BGP4MP UPDATE messages)",
                       held(f.mrt));
  CarrierCheck::Input input;
  input.file = f.mrt.name;
  input.records = f.mrt.records;
  input.routes = f.routes;
  input.damaged = f.mrt.damaged;
  input.skipped = f.mrt.skipped;
  check.add_input(std::move(input));
  return f;
}

}  // namespace cleannet::carrier
