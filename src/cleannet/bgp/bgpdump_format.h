// The `bgpdump -m` one-line-per-entry format, byte for byte as Debian's bgpdump 1.6.2
// prints it (RIPE NCC libbgpdump, bgpdump.c).
//
//   TABLE_DUMP2|1400824800|B|157.130.10.233|701|1.0.0.0/24|701 6453 15169|IGP|157.130.10.233|0|0||NAG||
//   BGP4MP|1427846404|A|202.249.2.185|25152|192.108.199.0/24|25152 2914 1880|IGP|202.249.2.185|0|0|2914:420|NAG||
//   BGP4MP_ET|1445565678.509481|STATE|206.220.231.55|3856|1|2
//
// Fields of an announcement or RIB entry: type | time | A/B | peer | peer AS | prefix |
// [path id |] AS path | origin | next hop | LOCAL_PREF | MED | communities | AG/NAG |
// aggregator AS and address |. One line per prefix: an UPDATE with ten prefixes gives ten
// lines, withdrawals ("W", no attributes) first. bgpdump's own ways are kept, since the point
// is that the two outputs compare equal: IPv6 addresses in its own notation ("::ffff:1.2.3.4",
// a single zero group shortened to "::"), AS_SET as "{a,b}", confederation segments as
// "(a b)" and "[a,b]", AS4_PATH merged with its RFC 6793 rule (and its one-segment shortcut),
// type 5 announcements without the "|" before the communities, nothing for OPEN, KEEPALIVE,
// NOTIFICATION, multicast and RIB_GENERIC entries, "! Error !" for a malformed AS path.
//
// One formatter serves one file (it keeps the "peer|AS|" text of the file's PEER_INDEX_TABLE
// and the start of the RIB record being printed).
//
//   bgp::BgpdumpFormatter out;
//   decoder.decode(record, out);     // appends the record's lines
//   fwrite(out.data(), 1, out.size(), stdout); out.clear();
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/bgp/mrt.h"

namespace cleannet::bgp {

class BgpdumpFormatter final : public MrtHandler {
 public:
  BgpdumpFormatter();

  void peer_index(const MrtRecord& r, const PeerIndexTable& t) override;  // prints nothing
  void rib_entry(const MrtRecord& r, const RibEntry& e) override;
  void table_dump(const MrtRecord& r, const TableDumpEntry& e) override;
  void state_change(const MrtRecord& r, const StateChange& s) override;
  void bgp_message(const MrtRecord& r, const BgpMessage& m) override;

  // The text formatted so far.
  const char* data() const { return buf_.data(); }
  size_t size() const { return len_; }
  std::string_view text() const { return {buf_.data(), len_}; }
  void clear() { len_ = 0; }
  void truncate(size_t n) { len_ = n < len_ ? n : len_; }
  uint64_t lines() const { return lines_; }

 private:
  char* line(size_t bound);  // room for one line of at most `bound` bytes
  void end_line(char* p);    // p: just past the line's last field
  void route_text(const Attributes& a, bool two_byte_as);
  char* route_tail(char* p);  // "communities|AG|aggregator|\n"

  std::vector<char> buf_;
  size_t len_ = 0;
  uint64_t lines_ = 0;
  // The attribute fields of the route being printed, rendered once per UPDATE or RIB entry.
  std::string as_path_, communities_, aggregator_, next_hop_, td2_next_hop_, scratch_;
  bool has_communities_ = false, has_aggregator_ = false, atomic_ = false;
  uint32_t local_pref_ = 0, med_ = 0;
  std::string_view origin_;
  AsPath merged_;
  // TABLE_DUMP_V2: "peer|AS|" per peer of the last PEER_INDEX_TABLE, and the line start and
  // prefix of the record being printed.
  std::vector<std::string> peer_text_;
  uint64_t td2_record_ = UINT64_MAX;
  std::string td2_head_, td2_prefix_;
};

// bgpdump's IPv6 notation (fmt_ipv6 in its inet_ntop.c), e.g. "2001:db8::1:0:0:1".
std::string bgpdump_ipv6(const std::array<uint8_t, 16>& a);

}  // namespace cleannet::bgp
