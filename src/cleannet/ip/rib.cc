#include "cleannet/ip/rib.h"

#include <algorithm>

#include "cleannet/bgp/mrt.h"

namespace cleannet::ip {

namespace {

class Feed final : public bgp::MrtHandler {
 public:
  explicit Feed(OriginTable& t) : t_(t) {}
  void rib_entry(const bgp::MrtRecord&, const bgp::RibEntry& e) override {
    if (!e.nlri.empty() || !e.attributes) return;  // RIB_GENERIC of another AFI/SAFI
    add(e.prefix, e.afi == 2, *e.attributes, false);
  }
  void table_dump(const bgp::MrtRecord&, const bgp::TableDumpEntry& e) override {
    if (e.attributes) add(e.prefix, e.v6, *e.attributes, !e.as4);
  }

 private:
  void add(const bgp::NlriPrefix& nlri, bool v6, const bgp::Attributes& attrs, bool two_byte) {
    core::Prefix p;
    p.v6 = v6;
    p.bytes = nlri.bytes;
    p.len = std::min<uint8_t>(nlri.length, p.max_len());
    p = core::truncate(p, p.len);  // bits past the length are noise (RFC 4271 §4.3)
    // A default route (0.0.0.0/0, ::/0), which some collector peers send, covers every
    // address and says nothing about who originates any of them.
    if (p.len == 0) return;
    bgp::merge_as4_path(attrs, two_byte, path_);
    // The last segment that names ASes (confederation segments are internal, RFC 5065 §5.3).
    for (auto it = path_.segments.rbegin(); it != path_.segments.rend(); ++it) {
      if (it->type != bgp::kAsSequence && it->type != bgp::kAsSet) continue;
      auto asns = path_.asns_of(*it);
      if (asns.empty()) continue;
      if (it->type == bgp::kAsSequence)
        t_.add(p, asns.back());
      else
        for (uint32_t a : asns) t_.add(p, a);
      return;
    }
  }
  OriginTable& t_;
  bgp::AsPath path_;
};

}  // namespace

core::Result<OriginTable> origins_from_rib(const std::string& path, bool keep_going, size_t* damaged) {
  OriginTable t;
  Feed feed(t);
  auto s = bgp::read_mrt_file(path, feed, keep_going);
  if (!s) return s.error();
  t.source = s->name + " (MRT RIB)";
  if (damaged) *damaged = s->damaged + (s->cut ? 1 : 0);
  if (t.num_prefixes() == 0) {
    // What the file held instead, so that a file of another kind is named as such.
    std::string found = std::to_string(s->records) + " record(s) without a RIB route";
    if (!s->skipped.empty()) found += "; skipped by type: " + bgp::skipped_text(s->skipped);
    return core::Error(core::SourcePos(s->name), "a RIB dump with at least one route (TABLE_DUMP or TABLE_DUMP_V2)",
                       found);
  }
  return t;
}

}  // namespace cleannet::ip
