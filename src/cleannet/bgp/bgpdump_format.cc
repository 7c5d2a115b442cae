// The rules below are those of bgpdump 1.6.2's -m mode (bgpdump.c: table_line_*,
// process(); bgpdump_lib.c: process_attr_aspath_string, process_asn32_trans,
// asn32_merge_paths, process_attr_community_string; inet_ntop.c: fmt_ipv6), checked against
// the Debian binary on every staged MRT file (tests/cli/mrt_bgpdump.py) and on the golden
// records of mrt_test.cc.
//
// Speed: a line is written through a raw cursor into room reserved once for it; the fields
// shared by the lines of a route (AS path, communities ...) are rendered once per route, the
// "peer|AS|" of each TABLE_DUMP_V2 peer once per PEER_INDEX_TABLE, and a RIB record's line
// start and prefix once per record.
#include "cleannet/bgp/bgpdump_format.h"

#include <cstring>

namespace cleannet::bgp {

namespace {

constexpr char kDigits2[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// Copies a short string without a call into libc: most fields are under 16 bytes.
inline char* put(char* p, const char* s, size_t n) {
  if (n <= 16) {
    if (n >= 8) {
      std::memcpy(p, s, 8);
      std::memcpy(p + n - 8, s + n - 8, 8);
    } else if (n >= 4) {
      std::memcpy(p, s, 4);
      std::memcpy(p + n - 4, s + n - 4, 4);
    } else {
      for (size_t i = 0; i < n; ++i) p[i] = s[i];
    }
    return p + n;
  }
  std::memcpy(p, s, n);
  return p + n;
}
inline char* put(char* p, std::string_view s) { return put(p, s.data(), s.size()); }
template <size_t N>
inline char* lit(char* p, const char (&s)[N]) {
  std::memcpy(p, s, N - 1);
  return p + N - 1;
}

// Writes v in decimal at p; returns the end.
inline char* u32_to(char* p, uint32_t v) {
  int n = v < 10           ? 1
          : v < 100        ? 2
          : v < 1000       ? 3
          : v < 10000      ? 4
          : v < 100000     ? 5
          : v < 1000000    ? 6
          : v < 10000000   ? 7
          : v < 100000000  ? 8
          : v < 1000000000 ? 9
                           : 10;
  char* e = p + n;
  char* q = e;
  while (v >= 100) {
    q -= 2;
    std::memcpy(q, kDigits2 + 2 * (v % 100), 2);
    v /= 100;
  }
  if (v >= 10) {
    q -= 2;
    std::memcpy(q, kDigits2 + 2 * v, 2);
  } else {
    *--q = static_cast<char>('0' + v);
  }
  return e;
}

// "%d" of an unsigned field.
inline char* i32_to(char* p, uint32_t v) {
  if (v & 0x80000000u) {
    *p++ = '-';
    return u32_to(p, 0u - v);
  }
  return u32_to(p, v);
}

inline char* ipv4_to(char* p, const uint8_t* a) {
  for (int i = 0; i < 4; ++i) {
    p = u32_to(p, a[i]);
    *p++ = '.';
  }
  return p - 1;
}

// fmt_ipv6 of bgpdump's inet_ntop.c: IPv4-mapped and -compatible addresses end in dotted
// quad; groups in lower-case hex without leading zeros; the first longest run of zero
// groups (even a single one) becomes "::".
char* ipv6_to(char* p, const uint8_t* a) {
  static const char hex[] = "0123456789abcdef";
  bool zero10 = true;
  for (int i = 0; i < 10; ++i) zero10 &= a[i] == 0;
  bool mapped = zero10 && a[10] == 0xff && a[11] == 0xff;
  uint32_t last = uint32_t{a[12]} << 24 | uint32_t{a[13]} << 16 | uint32_t{a[14]} << 8 | a[15];
  bool compat = zero10 && a[10] == 0 && a[11] == 0 && last > 1;  // glibc IN6_IS_ADDR_V4COMPAT
  if (mapped || compat) {
    p = lit(p, "::");
    if (mapped) p = lit(p, "ffff:");
    return ipv4_to(p, a + 12);
  }
  uint16_t g[8];
  for (int i = 0; i < 8; ++i) g[i] = static_cast<uint16_t>(a[2 * i] << 8 | a[2 * i + 1]);
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      if (i == 0) *p++ = ':';
      *p++ = ':';
      i += best_len - 1;
      continue;
    }
    uint16_t v = g[i];
    if (v >= 0x1000) *p++ = hex[v >> 12];
    if (v >= 0x100) *p++ = hex[v >> 8 & 15];
    if (v >= 0x10) *p++ = hex[v >> 4 & 15];
    *p++ = hex[v & 15];
    if (i != 7) *p++ = ':';
  }
  return p;
}

constexpr size_t kAddr = 48;  // the longest address text ("ffff:..." has 39, "::ffff:a.b.c.d" 21)

// Appends through a cursor to a std::string sized for it beforehand.
class StringCursor {
 public:
  StringCursor(std::string& s, size_t room) : s_(s), start_(s.size()) {
    s_.resize(start_ + room);
    p_ = s_.data() + start_;
  }
  ~StringCursor() { s_.resize(static_cast<size_t>(p_ - s_.data())); }
  char*& p() { return p_; }
  size_t written() const { return static_cast<size_t>(p_ - (s_.data() + start_)); }

 private:
  std::string& s_;
  size_t start_;
  char* p_;
};

// process_attr_aspath_string: appends the path and returns bgpdump's AS count (a set counts
// one, a confederation sequence its length). A path longer than 7900 characters is cut with
// "..."; a malformed one is "! Error !" with count 0.
int render_path(const AsPath& path, std::string& out) {
  constexpr size_t kCut = 8000 - 100;
  int count = 0;
  bool cut = false;
  {
    StringCursor c(out, 3 * path.segments.size() + 11 * path.asns.size() + 16);
    char*& p = c.p();
    bool space = false;
    uint8_t prev = kAsSequence;
    auto open = [](uint8_t t) {
      return t == kAsSet ? '{' : t == kAsConfedSet ? '[' : t == kAsConfedSequence ? '(' : ' ';
    };
    auto close = [](uint8_t t) {
      return t == kAsSet ? '}' : t == kAsConfedSet ? ']' : t == kAsConfedSequence ? ')' : ' ';
    };
    for (const auto& s : path.segments) {
      if (prev != kAsSequence) *p++ = close(prev);
      if (space) *p++ = ' ';
      if (s.type != kAsSequence) *p++ = open(s.type);
      space = false;
      count += (s.type == kAsSequence || s.type == kAsConfedSequence) ? s.length : 1;
      char sep = (s.type == kAsSet || s.type == kAsConfedSet) ? ',' : ' ';
      for (uint32_t asn : path.asns_of(s)) {
        if (space) *p++ = sep;
        space = true;
        p = u32_to(p, asn);
        if (c.written() > kCut) {
          p = lit(p, "...");
          cut = true;
          break;
        }
      }
      if (cut) break;
      prev = s.type;
    }
    if (!cut && !path.malformed && !path.segments.empty() && path.segments.back().type != kAsSequence)
      *p++ = close(path.segments.back().type);
  }
  if (!cut && path.malformed) {
    out.clear();
    out += "! Error !";
    return 0;
  }
  return count;
}

// process_attr_community_string: " a:b" per community, the three well-known ones by name,
// into a BUFSIZ (8192) buffer that silently stops filling. `out` gets it without the
// leading space, as bgpdump prints str+1.
void render_communities(const std::vector<uint32_t>& cs, std::string& out) {
  constexpr size_t kBuf = 8192;
  out.clear();
  {
    StringCursor c(out, 13 * cs.size() + 16);
    char*& p = c.p();
    for (uint32_t v : cs) {
      size_t used = c.written();
      if (v == 0xFFFFFF01 || v == 0xFFFFFF02 || v == 0xFFFFFF03) {
        std::string_view name = v == 0xFFFFFF01 ? " no-export" : v == 0xFFFFFF02 ? " no-advertise" : " local-AS";
        if (used + name.size() < kBuf) p = put(p, name);  // strlcat that refuses to truncate
        continue;
      }
      if (used + 12 < kBuf) {  // " 65535:65535" fits
        *p++ = ' ';
        p = u32_to(p, v >> 16);
        *p++ = ':';
        p = u32_to(p, v & 0xffff);
        continue;
      }
      char piece[16];
      char* q = piece;
      *q++ = ' ';
      q = u32_to(q, v >> 16);
      *q++ = ':';
      q = u32_to(q, v & 0xffff);
      size_t n = static_cast<size_t>(q - piece);
      size_t room = kBuf - 1 - used;  // snprintf truncates
      std::memcpy(p, piece, n < room ? n : room);
      p += n < room ? n : room;
    }
  }
  if (!out.empty()) out.erase(0, 1);
}

// bgpdump keeps MP_REACH / MP_UNREACH in an [afi][safi] table; an abbreviated MP_REACH_NLRI
// sits in [IPv6][unicast] whatever the record's family.
const MpNlri* slot(const std::vector<MpNlri>& v, uint16_t afi, uint8_t safi) {
  for (const auto& m : v) {
    uint16_t a = m.abbreviated ? 2 : m.afi;
    uint8_t s = m.abbreviated ? 1 : m.safi;
    if (a == afi && s == safi) return &m;
  }
  return nullptr;
}

// "seconds" or "seconds.microseconds" ("%s.%06ld").
char* time_to(char* p, const MrtRecord& r, bool micro) {
  p = u32_to(p, r.timestamp);
  if (micro) {
    *p++ = '.';
    uint32_t us = r.microseconds;
    for (uint32_t d = 100000; d > 1 && us < d; d /= 10) *p++ = '0';
    p = u32_to(p, us);
  }
  return p;
}

const uint8_t kNone[4] = {255, 255, 255, 255};  // INADDR_NONE: bgpdump's "absent"

}  // namespace

std::string bgpdump_ipv6(const std::array<uint8_t, 16>& a) {
  char b[kAddr];
  return std::string(b, ipv6_to(b, a.data()));
}

BgpdumpFormatter::BgpdumpFormatter() : buf_(64 << 10) {}

char* BgpdumpFormatter::line(size_t bound) {
  if (buf_.size() - len_ < bound) buf_.resize(std::max(buf_.size() * 2, len_ + bound));
  return buf_.data() + len_;
}

void BgpdumpFormatter::end_line(char* p) {
  *p++ = '\n';
  len_ = static_cast<size_t>(p - buf_.data());
  ++lines_;
}

void BgpdumpFormatter::peer_index(const MrtRecord&, const PeerIndexTable& t) {
  peer_text_.clear();
  for (const auto& peer : t.peers) {
    char b[kAddr + 16];
    char* p = peer.address.v6 ? ipv6_to(b, peer.address.bytes.data()) : ipv4_to(b, peer.address.bytes.data());
    *p++ = '|';
    p = u32_to(p, peer.asn);
    *p++ = '|';
    peer_text_.emplace_back(b, p);
  }
  td2_record_ = UINT64_MAX;
}

// Renders the attribute fields shared by every line of a route: process_asn32_trans and
// the -m field rules (absent LOCAL_PREF and MED print 0, an absent ORIGIN INCOMPLETE, an
// absent NEXT_HOP 255.255.255.255, the aggregator only when its address is not that).
void BgpdumpFormatter::route_text(const Attributes& a, bool two_byte_as) {
  const AsPath* path = a.has(kAttrAsPath) ? &a.as_path : nullptr;
  Aggregator agg = a.aggregator;
  bool has_agg = a.has(kAttrAggregator);
  bool merge = two_byte_as;
  if (two_byte_as && has_agg && a.has(kAttrAs4Aggregator)) {
    if (a.aggregator.asn != kAsTrans)
      merge = false;
    else
      agg = a.as4_aggregator;
  }
  as_path_.clear();
  if (path) {
    if (merge && a.has(kAttrAs4Path)) {
      scratch_.clear();
      int n_old = render_path(*path, scratch_);
      scratch_.clear();
      int n_new = render_path(a.as4_path, scratch_);
      if (n_old >= n_new) {
        // asn32_merge_paths: copies AS_PATH's *first* segment (it never moves on) until the
        // count is reached, trimming a sequence, then appends AS4_PATH.
        merged_.clear();
        int need = n_old - n_new, have = 0;
        if (!path->segments.empty()) {
          const AsPathSegment& s0 = path->segments.front();
          auto asns = path->asns_of(s0);
          while (have < need) {
            bool set = s0.type == kAsSet || s0.type == kAsConfedSet;
            if (!set && s0.length == 0) break;  // bgpdump would loop forever
            uint32_t first = static_cast<uint32_t>(merged_.asns.size());
            merged_.asns.insert(merged_.asns.end(), asns.begin(), asns.end());
            uint8_t len = s0.length;
            if (set) {
              have += 1;
            } else {
              have += s0.length;
              if (have > need) {
                int extra = have - need;
                len = static_cast<uint8_t>(len - extra);
                merged_.asns.resize(merged_.asns.size() - static_cast<size_t>(extra));
              }
            }
            merged_.segments.push_back({s0.type, len, first});
          }
        }
        for (const auto& s : a.as4_path.segments) {
          auto asns = a.as4_path.asns_of(s);
          merged_.segments.push_back({s.type, s.length, static_cast<uint32_t>(merged_.asns.size())});
          merged_.asns.insert(merged_.asns.end(), asns.begin(), asns.end());
        }
        merged_.malformed = a.as4_path.malformed;
        path = &merged_;
      }
    }
    render_path(*path, as_path_);
  }
  origin_ = !a.has(kAttrOrigin) || a.origin > 1 ? std::string_view("INCOMPLETE") : a.origin == 0 ? "IGP" : "EGP";
  local_pref_ = a.has(kAttrLocalPref) ? a.local_pref : 0;
  med_ = a.has(kAttrMed) ? a.med : 0;
  atomic_ = a.has(kAttrAtomicAggregate);
  has_communities_ = a.has(kAttrCommunities);
  if (has_communities_) render_communities(a.communities, communities_);
  has_aggregator_ = has_agg && std::memcmp(agg.address.data(), kNone, 4) != 0;
  if (has_aggregator_) {
    char b[32];
    char* p = u32_to(b, agg.asn);
    *p++ = ' ';
    aggregator_.assign(b, ipv4_to(p, agg.address.data()));
  }
  char b[16];
  next_hop_.assign(b, ipv4_to(b, a.has(kAttrNextHop) ? a.next_hop.data() : kNone));
}

// "|LOCAL_PREF|MED|" is the caller's; this writes "communities|AG|aggregator|\n".
char* BgpdumpFormatter::route_tail(char* p) {
  if (has_communities_) p = put(p, communities_);
  p = atomic_ ? lit(p, "|AG|") : lit(p, "|NAG|");
  if (has_aggregator_) p = put(p, aggregator_);
  *p++ = '|';
  return p;
}

// Room for a line with the route's text: the fixed fields take well under 384 bytes.
#define ROUTE_LINE_BOUND (384 + as_path_.size() + communities_.size())

void BgpdumpFormatter::rib_entry(const MrtRecord& r, const RibEntry& e) {
  // bgpdump prints RIB_IPV4/IPV6_UNICAST[_ADDPATH] only.
  if (r.subtype != kRibIpv4Unicast && r.subtype != kRibIpv6Unicast && r.subtype != kRibIpv4UnicastAddPath &&
      r.subtype != kRibIpv6UnicastAddPath)
    return;
  const Attributes& a = *e.attributes;
  route_text(a, false);
  if (r.offset != td2_record_) {
    td2_record_ = r.offset;
    td2_next_hop_.clear();  // an unusable next hop length repeats the last one (a stack buffer)
    char b[64 + kAddr];
    char* p = e.add_path ? lit(b, "TABLE_DUMP2_AP|") : lit(b, "TABLE_DUMP2|");
    p = time_to(p, r, false);
    p = lit(p, "|B|");
    td2_head_.assign(b, p);
    p = e.afi == 1 ? ipv4_to(b, e.prefix.bytes.data()) : ipv6_to(b, e.prefix.bytes.data());
    *p++ = '/';
    p = u32_to(p, e.prefix.length);
    *p++ = '|';
    td2_prefix_.assign(b, p);
  }
  const MpNlri* mp = nullptr;
  if (a.has(kAttrMpReach)) {
    mp = slot(a.mp_reach, 2, 1);
    if (!mp) mp = slot(a.mp_reach, 1, 1);
  }
  if (mp) {
    char b[kAddr];
    if (mp->next_hop_length == 4)
      td2_next_hop_.assign(b, ipv4_to(b, mp->next_hop.bytes.data()));
    else if (mp->next_hop_length == 16 || mp->next_hop_length == 32)
      td2_next_hop_.assign(b, ipv6_to(b, mp->next_hop.bytes.data()));
  } else {
    td2_next_hop_ = next_hop_;
  }
  char* p = line(ROUTE_LINE_BOUND);
  p = put(p, td2_head_);
  if (e.peer_index < peer_text_.size()) {
    p = put(p, peer_text_[e.peer_index]);
  } else {
    p = e.peer->address.v6 ? ipv6_to(p, e.peer->address.bytes.data()) : ipv4_to(p, e.peer->address.bytes.data());
    *p++ = '|';
    p = u32_to(p, e.peer->asn);
    *p++ = '|';
  }
  p = put(p, td2_prefix_);
  if (e.add_path) {
    p = u32_to(p, e.path_id);
    *p++ = '|';
  }
  p = put(p, as_path_);
  *p++ = '|';
  p = put(p, origin_);
  *p++ = '|';
  p = put(p, td2_next_hop_);
  *p++ = '|';
  p = u32_to(p, local_pref_);
  *p++ = '|';
  p = u32_to(p, med_);
  *p++ = '|';
  end_line(route_tail(p));
}

void BgpdumpFormatter::table_dump(const MrtRecord& r, const TableDumpEntry& e) {
  const Attributes& a = *e.attributes;
  route_text(a, !e.as4);
  char* p = line(ROUTE_LINE_BOUND);
  p = lit(p, "TABLE_DUMP|");
  p = time_to(p, r, false);
  p = lit(p, "|B|");
  // bgpdump tests `subtype == AFI_IP6` (2): the 32-bit-AS IPv6 subtype (4) prints the first
  // four bytes of each address as IPv4.
  bool v6 = r.subtype == 2;
  p = v6 ? ipv6_to(p, e.peer_ip.bytes.data()) : ipv4_to(p, e.peer_ip.bytes.data());
  *p++ = '|';
  p = u32_to(p, e.peer_as);
  *p++ = '|';
  p = v6 ? ipv6_to(p, e.prefix.bytes.data()) : ipv4_to(p, e.prefix.bytes.data());
  *p++ = '/';
  p = u32_to(p, e.prefix.length);
  *p++ = '|';
  p = put(p, as_path_);
  *p++ = '|';
  p = put(p, origin_);
  *p++ = '|';
  const MpNlri* mp = a.has(kAttrMpReach) ? slot(a.mp_reach, 2, 1) : nullptr;
  p = mp ? ipv6_to(p, mp->next_hop.bytes.data()) : put(p, next_hop_);
  *p++ = '|';
  p = u32_to(p, local_pref_);
  *p++ = '|';
  p = u32_to(p, med_);
  *p++ = '|';
  end_line(route_tail(p));
}

void BgpdumpFormatter::state_change(const MrtRecord& r, const StateChange& s) {
  char* p = line(160);
  if (r.type == kMrtBgp) {
    p = lit(p, "BGP|");
    p = time_to(p, r, false);
    p = lit(p, "|STATE|");
    p = ipv4_to(p, s.peer_ip.bytes.data());
  } else {
    p = r.type == kMrtBgp4mpEt ? lit(p, "BGP4MP_ET|") : lit(p, "BGP4MP|");
    p = time_to(p, r, r.type == kMrtBgp4mpEt);
    p = lit(p, "|STATE|");
    p = s.afi == 2 ? ipv6_to(p, s.peer_ip.bytes.data()) : ipv4_to(p, s.peer_ip.bytes.data());
  }
  *p++ = '|';
  p = u32_to(p, s.peer_as);
  *p++ = '|';
  p = u32_to(p, s.old_state);
  *p++ = '|';
  p = u32_to(p, s.new_state);
  end_line(p);
}

void BgpdumpFormatter::bgp_message(const MrtRecord& r, const BgpMessage& m) {
  if (m.type != kUpdate) return;
  const Attributes& a = *m.attributes;
  if (r.type == kMrtBgp) {
    // mrtd_table_line_withdraw / mrtd_table_line_announce
    for (const auto& pf : m.withdrawn) {
      char* p = line(160);
      p = lit(p, "BGP|");
      p = time_to(p, r, false);
      p = lit(p, "|W|");
      p = ipv4_to(p, m.peer_ip.bytes.data());
      *p++ = '|';
      p = u32_to(p, m.peer_as);
      *p++ = '|';
      // One printf with two inet_ntoa() calls sharing a static buffer: the peer address,
      // formatted last, shows in the prefix's place too.
      p = ipv4_to(p, m.peer_ip.bytes.data());
      *p++ = '/';
      p = u32_to(p, pf.length);
      end_line(p);
    }
    if (m.announced.empty()) return;
    route_text(a, true);
    for (const auto& pf : m.announced) {
      char* p = line(ROUTE_LINE_BOUND);
      p = lit(p, "BGP|");
      p = time_to(p, r, false);
      p = lit(p, "|A|");
      p = ipv4_to(p, m.peer_ip.bytes.data());
      *p++ = '|';
      p = u32_to(p, m.peer_as);
      *p++ = '|';
      p = ipv4_to(p, pf.bytes.data());
      *p++ = '/';
      p = u32_to(p, pf.length);
      *p++ = '|';
      p = put(p, as_path_);
      *p++ = '|';
      p = put(p, origin_);
      *p++ = '|';
      p = put(p, next_hop_);
      *p++ = '|';
      p = u32_to(p, local_pref_);
      *p++ = '|';
      p = u32_to(p, med_);
      // no "|" before the communities here
      end_line(route_tail(p));
    }
    return;
  }

  bool et = r.type == kMrtBgp4mpEt;
  // bgp4mp_message_direction_receive: only MESSAGE_LOCAL and MESSAGE_AS4_LOCAL count as sent.
  bool receive = !(r.subtype == kMessageLocal || r.subtype == kMessageAs4Local);
  std::string_view format = et ? (receive ? (m.add_path ? "BGP4MP_ET_AP|" : "BGP4MP_ET|") : "BGP4MP_ET_LOCAL|")
                               : (receive ? (m.add_path ? "BGP4MP_AP|" : "BGP4MP|") : "BGP4MP_LOCAL|");
  // bgpdump reads the _LOCAL subtypes' first address as the destination and prints the
  // destination for MESSAGE_LOCAL / MESSAGE_AS4_LOCAL, the source for the rest: so the
  // LOCAL_ADDPATH subtypes print the second (local) address.
  bool second = r.subtype == kMessageLocalAddPath || r.subtype == kMessageAs4LocalAddPath;
  const IpAddress& ip = second ? m.local_ip : m.peer_ip;
  uint32_t asn = second ? m.local_as : m.peer_as;
  bool v6_peer = m.afi == 2;

  auto head = [&](char* p, std::string_view kind) {
    p = put(p, format);
    p = time_to(p, r, et);
    return put(p, kind);
  };
  // v6_format: the peer printed as IPv6 even on an IPv4 session (table_line_withdraw6's
  // sent case); v4_only: printed as IPv4 whatever the direction (table_line_announce6).
  auto peer = [&](char* p, bool v6_format) {
    p = v6_peer || v6_format ? ipv6_to(p, ip.bytes.data()) : ipv4_to(p, ip.bytes.data());
    *p++ = '|';
    p = u32_to(p, asn);
    *p++ = '|';
    return p;
  };
  auto withdraw = [&](std::span<const NlriPrefix> ps, bool v6) {
    for (const auto& pf : ps) {
      char* p = head(line(200), "|W|");
      p = peer(p, v6 && !receive);
      p = v6 ? ipv6_to(p, pf.bytes.data()) : ipv4_to(p, pf.bytes.data());
      *p++ = '/';
      p = u32_to(p, pf.length);
      if (m.add_path) {
        *p++ = '|';
        p = u32_to(p, pf.path_id);
      }
      end_line(p);
    }
  };
  withdraw(m.withdrawn, false);
  for (uint8_t safi = 1; safi <= 3; ++safi)
    if (const MpNlri* u = slot(a.mp_unreach, 1, safi)) withdraw(a.prefixes(*u), false);
  for (uint8_t safi = 1; safi <= 3; ++safi)
    if (const MpNlri* u = slot(a.mp_unreach, 2, safi)) withdraw(a.prefixes(*u), true);

  const MpNlri* reach[6] = {};
  bool any = !m.announced.empty();
  for (uint8_t safi = 1; safi <= 3; ++safi) {
    reach[safi - 1] = slot(a.mp_reach, 1, safi);
    reach[safi + 2] = slot(a.mp_reach, 2, safi);
  }
  for (const MpNlri* x : reach) any |= x && x->count > 0;
  if (!any) return;
  route_text(a, !m.as4);

  // table_line_announce: NLRI of the UPDATE itself, next hop from NEXT_HOP.
  for (const auto& pf : m.announced) {
    char* p = head(line(ROUTE_LINE_BOUND), "|A|");
    p = peer(p, false);
    p = ipv4_to(p, pf.bytes.data());
    *p++ = '/';
    p = u32_to(p, pf.length);
    *p++ = '|';
    if (m.add_path) {
      p = u32_to(p, pf.path_id);
      *p++ = '|';
    }
    p = put(p, as_path_);
    *p++ = '|';
    p = put(p, origin_);
    *p++ = '|';
    p = put(p, next_hop_);
    *p++ = '|';
    p = u32_to(p, local_pref_);
    *p++ = '|';
    p = u32_to(p, med_);
    *p++ = '|';
    end_line(route_tail(p));
  }
  // table_line_announce_1 (IPv4 in MP_REACH_NLRI) and table_line_announce6 (IPv6).
  for (int k = 0; k < 6; ++k) {
    const MpNlri* x = reach[k];
    if (!x) continue;
    bool v6 = k >= 3;
    char nh[kAddr];
    size_t nh_len = 0;
    if (x->next_hop_length == 4)
      nh_len = static_cast<size_t>(ipv4_to(nh, x->next_hop.bytes.data()) - nh);
    else if (x->next_hop_length == 16 || x->next_hop_length == 32)
      nh_len = static_cast<size_t>(ipv6_to(nh, x->next_hop.bytes.data()) - nh);
    for (const auto& pf : a.prefixes(*x)) {
      char* p = head(line(ROUTE_LINE_BOUND), "|A|");
      p = peer(p, false);
      p = v6 ? ipv6_to(p, pf.bytes.data()) : ipv4_to(p, pf.bytes.data());
      *p++ = '/';
      p = u32_to(p, pf.length);
      *p++ = '|';
      if (m.add_path) {
        p = u32_to(p, pf.path_id);
        *p++ = '|';
      }
      if (!v6) {
        p = put(p, as_path_);
        *p++ = '|';
        p = put(p, origin_);
        *p++ = '|';
      }
      if (nh_len) {  // an unusable next hop length drops these fields (bgpdump prints nothing)
        if (v6) {
          p = put(p, as_path_);
          *p++ = '|';
          p = put(p, origin_);
          *p++ = '|';
        }
        p = put(p, nh, nh_len);
        *p++ = '|';
        // "%s|%d|%d|" for IPv4 in MP_REACH_NLRI: LOCAL_PREF and MED print signed.
        p = v6 ? u32_to(p, local_pref_) : i32_to(p, local_pref_);
        *p++ = '|';
        p = v6 ? u32_to(p, med_) : i32_to(p, med_);
        *p++ = '|';
      }
      end_line(route_tail(p));
    }
  }
}

#undef ROUTE_LINE_BOUND

}  // namespace cleannet::bgp
