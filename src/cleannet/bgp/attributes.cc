#include "cleannet/bgp/attributes.h"

#include <string>

#include "cleannet/bgp/detail/attr_parse.h"

namespace cleannet::bgp {

size_t AsPath::path_length() const {
  size_t n = 0;
  for (const auto& s : segments) {
    if (s.type == kAsSequence)
      n += s.length;
    else if (s.type == kAsSet)
      n += 1;
  }
  return n;
}

void Attributes::clear() {
  present = 0;
  origin = 0;
  as_path.clear();
  as4_path.clear();
  next_hop = {};
  med = local_pref = 0;
  aggregator = {};
  as4_aggregator = {};
  communities.clear();
  large_communities.clear();
  originator_id = {};
  cluster_list.clear();
  mp_reach.clear();
  mp_unreach.clear();
  mp_prefixes.clear();
  unknown.clear();
}

void merge_as4_path(const Attributes& a, bool two_byte_as, AsPath& out) {
  out.clear();
  out.malformed = a.as_path.malformed;
  auto copy_all = [&](const AsPath& p) {
    for (const auto& s : p.segments) {
      auto asns = p.asns_of(s);
      out.segments.push_back({s.type, s.length, static_cast<uint32_t>(out.asns.size())});
      out.asns.insert(out.asns.end(), asns.begin(), asns.end());
    }
  };
  bool use_as4 = two_byte_as && a.has(kAttrAs4Path) && a.has(kAttrAsPath);
  // RFC 6793 §4.2.3: an AGGREGATOR that does not carry AS_TRANS means the aggregation was
  // done by an OLD speaker after the AS4 attributes were attached: ignore them.
  if (use_as4 && a.has(kAttrAggregator) && a.has(kAttrAs4Aggregator) && a.aggregator.asn != kAsTrans) use_as4 = false;
  if (!use_as4 || a.as4_path.malformed) {
    copy_all(a.as_path);
    return;
  }
  size_t n_old = a.as_path.path_length(), n_new = a.as4_path.path_length();
  if (n_old < n_new) {  // "the AS4_PATH attribute MUST be ignored"
    copy_all(a.as_path);
    return;
  }
  // Take as many ASes from the front of AS_PATH as AS4_PATH lacks, whole segments where
  // they fit (a set counts one), then all of AS4_PATH.
  size_t need = n_old - n_new;
  for (const auto& s : a.as_path.segments) {
    if (need == 0) break;
    auto asns = a.as_path.asns_of(s);
    if (s.type == kAsConfedSequence || s.type == kAsConfedSet) {
      out.segments.push_back({s.type, s.length, static_cast<uint32_t>(out.asns.size())});
      out.asns.insert(out.asns.end(), asns.begin(), asns.end());
      continue;
    }
    size_t take = s.type == kAsSet ? asns.size() : std::min<size_t>(asns.size(), need);
    out.segments.push_back({s.type, static_cast<uint8_t>(take), static_cast<uint32_t>(out.asns.size())});
    out.asns.insert(out.asns.end(), asns.begin(), asns.begin() + static_cast<ptrdiff_t>(take));
    need -= s.type == kAsSet ? 1 : take;
  }
  out.malformed = false;
  copy_all(a.as4_path);
}

namespace detail {

namespace {

std::string num(uint64_t v) { return std::to_string(v); }

void read_as_path(Cursor v, uint8_t as_size, AsPath& p, Defects& d, const char* name) {
  while (!v.empty()) {
    uint32_t at = v.position();
    uint8_t type = v.u8();
    if (type < kAsSet || type > kAsConfedSet) {
      // bgpdump prints "! Error !" for the whole path.
      d.add(at, std::string(name) + " segment type 1-4 (RFC 4271 §4.3, RFC 5065 §3)", num(type));
      p.malformed = true;
      return;
    }
    if (v.empty()) {
      d.add(at, std::string(name) + " segment length after its type", "end of the attribute");
      p.malformed = true;
      return;
    }
    uint8_t len = v.u8();
    if (uint32_t{len} * as_size > v.remaining()) {
      d.add(at,
            std::string(name) + " segment length <= " + num(v.remaining() / as_size) + " ASNs (" + num(v.remaining()) +
                " remaining bytes)",
            num(len));
      p.malformed = true;
      return;
    }
    p.segments.push_back({type, len, static_cast<uint32_t>(p.asns.size())});
    for (uint8_t i = 0; i < len; ++i) p.asns.push_back(as_size == 4 ? v.u32() : v.u16());
  }
}

void read_next_hop(Cursor& v, MpNlri& m, Defects& d, uint32_t at) {
  m.next_hop_length = v.u8();
  switch (m.next_hop_length) {
    case 4:
      v.bytes(m.next_hop.bytes.data(), 4);
      break;
    case 16:
      m.next_hop.v6 = true;
      v.bytes(m.next_hop.bytes.data(), 16);
      break;
    case 32:  // global and link-local (RFC 2545 §3)
      m.next_hop.v6 = m.next_hop_local.v6 = true;
      v.bytes(m.next_hop.bytes.data(), 16);
      v.bytes(m.next_hop_local.bytes.data(), 16);
      break;
    default:
      // bgpdump reads no next hop then, and goes on with the byte after the length.
      d.add(at, "MP_REACH_NLRI next hop length 4, 16 or 32", num(m.next_hop_length));
  }
}

bool known_family(uint16_t afi, uint8_t safi) { return afi <= 2 && safi <= 3; }

void read_mp_reach(Cursor v, const AttrContext& ctx, Attributes& a, Defects& d) {
  uint32_t at = v.position();
  MpNlri m;
  // RFC 6396 §4.3.4: in RIB entries only the next hop length and next hop are recorded. An
  // AFI starts with a zero byte, so bgpdump takes a non-zero first byte for that form.
  // bgpdump files that form under IPv6 unicast whatever the record's family (the slot
  // checked for duplicates here, and by the bgpdump formatter).
  auto in_v6_unicast_slot = [](const MpNlri& o) { return o.abbreviated || (o.afi == 2 && o.safi == 1); };
  if (v.peek_raw() != 0) {
    if (!ctx.rib) d.add(at, "MP_REACH_NLRI with AFI 1 or 2 (RFC 4760 §3)", "AFI " + num(v.peek_raw() << 8 | 0));
    for (const auto& o : a.mp_reach)
      if (in_v6_unicast_slot(o)) {
        d.add(at, "one MP_REACH_NLRI for IPv6 unicast", "a second one");
        return;
      }
    m.abbreviated = true;
    m.afi = ctx.rib_afi ? ctx.rib_afi : 2;
    m.safi = ctx.rib_safi ? ctx.rib_safi : 1;
    read_next_hop(v, m, d, at);
    if (v.overran()) d.add(at, "MP_REACH_NLRI next hop within the attribute", "end of the attribute");
    m.first = static_cast<uint32_t>(a.mp_prefixes.size());
    a.mp_reach.push_back(m);
    return;
  }
  m.afi = v.u16();
  m.safi = v.u8();
  if (!known_family(m.afi, m.safi)) {
    // Another family (VPN, labelled, EVPN ...): kept with its raw NLRI, which bgpdump ignores.
    uint8_t nh = v.u8();
    m.next_hop_length = nh;
    v.skip(nh);
    v.skip(1);
    m.raw_nlri = {v.here(), v.remaining()};
    if (v.overran()) d.add(at, "MP_REACH_NLRI next hop within the attribute", "end of the attribute");
    m.first = static_cast<uint32_t>(a.mp_prefixes.size());
    a.mp_reach.push_back(m);
    return;
  }
  for (const auto& o : a.mp_reach)
    if ((o.afi == m.afi && o.safi == m.safi && !o.abbreviated) ||
        (m.afi == 2 && m.safi == 1 && in_v6_unicast_slot(o))) {
      d.add(at, "one MP_REACH_NLRI per AFI/SAFI", "a second one for AFI " + num(m.afi) + " SAFI " + num(m.safi));
      return;
    }
  read_next_hop(v, m, d, at);
  // RFC 4760 §3: a reserved byte (the SNPA count of RFC 2858, which bgpdump still skips).
  uint32_t snpa_at = v.position();
  uint8_t snpas = v.u8();
  if (snpas) d.add(snpa_at, "MP_REACH_NLRI reserved byte 0 (RFC 4760 §3)", num(snpas));
  for (; snpas > 0; --snpas) v.skip(v.u8());
  if (v.overran()) d.add(at, "MP_REACH_NLRI header within the attribute", "end of the attribute");
  m.first = static_cast<uint32_t>(a.mp_prefixes.size());
  m.count = read_prefixes(v, ctx.add_path, m.afi == 2 ? 128 : 32, a.mp_prefixes, d, "MP_REACH_NLRI prefix");
  a.mp_reach.push_back(m);
}

void read_mp_unreach(Cursor v, const AttrContext& ctx, Attributes& a, Defects& d) {
  uint32_t at = v.position();
  MpNlri m;
  m.afi = v.u16();
  m.safi = v.u8();
  if (v.overran()) d.add(at, "MP_UNREACH_NLRI AFI and SAFI (3 bytes)", "end of the attribute");
  if (!known_family(m.afi, m.safi)) {
    m.raw_nlri = {v.here(), v.remaining()};
    m.first = static_cast<uint32_t>(a.mp_prefixes.size());
    a.mp_unreach.push_back(m);
    return;
  }
  for (const auto& o : a.mp_unreach)
    if (o.afi == m.afi && o.safi == m.safi) {
      d.add(at, "one MP_UNREACH_NLRI per AFI/SAFI", "a second one for AFI " + num(m.afi) + " SAFI " + num(m.safi));
      return;
    }
  m.first = static_cast<uint32_t>(a.mp_prefixes.size());
  m.count = read_prefixes(v, ctx.add_path, m.afi == 2 ? 128 : 32, a.mp_prefixes, d, "MP_UNREACH_NLRI prefix");
  a.mp_unreach.push_back(m);
}

const char* attr_name(uint8_t type) {
  switch (type) {
    case kAttrOrigin:
      return "ORIGIN";
    case kAttrAsPath:
      return "AS_PATH";
    case kAttrNextHop:
      return "NEXT_HOP";
    case kAttrMed:
      return "MULTI_EXIT_DISC";
    case kAttrLocalPref:
      return "LOCAL_PREF";
    case kAttrAtomicAggregate:
      return "ATOMIC_AGGREGATE";
    case kAttrAggregator:
      return "AGGREGATOR";
    case kAttrCommunities:
      return "COMMUNITIES";
    case kAttrOriginatorId:
      return "ORIGINATOR_ID";
    case kAttrClusterList:
      return "CLUSTER_LIST";
    case kAttrMpReach:
      return "MP_REACH_NLRI";
    case kAttrMpUnreach:
      return "MP_UNREACH_NLRI";
    case kAttrAs4Path:
      return "AS4_PATH";
    case kAttrAs4Aggregator:
      return "AS4_AGGREGATOR";
    case kAttrLargeCommunities:
      return "LARGE_COMMUNITIES";
  }
  return "attribute";
}

void parse_one(Cursor& s, const AttrContext& ctx, Attributes& a, Defects& d) {
  uint32_t at = s.position();
  uint32_t before = s.remaining();
  uint8_t flags = s.u8();
  uint8_t type = s.u8();
  uint32_t len = (flags & 0x10) ? s.u16() : s.u8();  // Extended Length bit (RFC 4271 §4.3)
  if (s.overran())
    d.add(at, "a complete attribute header (" + num(flags & 0x10 ? 4 : 3) + " bytes)", num(before) + " bytes");
  uint32_t vat = s.position();
  uint32_t room = s.remaining();
  Cursor v = s.sub(len);
  if (v.size() != len) {
    // bgpdump drops the attribute; nothing after it can be framed.
    d.add(at, "attribute length <= " + num(room) + " remaining bytes", num(len));
    return;
  }
  bool dup = a.has(type);
  if (type < 64) a.present |= uint64_t{1} << type;
  auto want_len = [&](uint32_t n) {
    if (len != n) d.add(vat, std::string(attr_name(type)) + " length " + num(n), num(len));
  };
  auto single = [&]() {
    if (dup) d.add(at, std::string("a single ") + attr_name(type) + " attribute (RFC 7606 §3 g)", "a second one");
    return !dup;
  };
  switch (type) {
    case kAttrMpReach:
      read_mp_reach(v, ctx, a, d);
      break;
    case kAttrMpUnreach:
      read_mp_unreach(v, ctx, a, d);
      break;
    case kAttrOrigin:
      if (!single()) break;
      want_len(1);
      a.origin = v.u8();
      if (a.origin > 2) d.add(vat, "ORIGIN 0, 1 or 2 (RFC 4271 §5.1.1)", num(a.origin));
      break;
    case kAttrAsPath:
      if (!single()) break;
      read_as_path(v, ctx.as_size, a.as_path, d, "AS_PATH");
      break;
    case kAttrNextHop:
      if (!single()) break;
      want_len(4);
      v.bytes(a.next_hop.data(), 4);
      break;
    case kAttrMed:
      if (!single()) break;
      want_len(4);
      a.med = v.u32();
      break;
    case kAttrLocalPref:
      if (!single()) break;
      want_len(4);
      a.local_pref = v.u32();
      break;
    case kAttrAtomicAggregate:
      want_len(0);
      break;
    case kAttrAggregator:
      // bgpdump lets a second AGGREGATOR replace the first.
      if (dup) d.add(at, "a single AGGREGATOR attribute (RFC 7606 §3 g)", "a second one");
      want_len(ctx.as_size + 4u);
      a.aggregator.asn = ctx.as_size == 4 ? v.u32() : v.u16();
      v.bytes(a.aggregator.address.data(), 4);
      break;
    case kAttrCommunities:
      if (!single()) break;
      if (len % 4) d.add(vat, "COMMUNITIES length a multiple of 4 (RFC 1997)", num(len));
      for (uint32_t i = 0; i < len / 4; ++i) a.communities.push_back(v.u32());
      break;
    case kAttrLargeCommunities:
      if (!single()) break;
      if (len % 12) d.add(vat, "LARGE_COMMUNITIES length a multiple of 12 (RFC 8092 §3)", num(len));
      for (uint32_t i = 0; i < len / 12; ++i) {
        LargeCommunity c;
        c.global = v.u32();
        c.local1 = v.u32();
        c.local2 = v.u32();
        a.large_communities.push_back(c);
      }
      break;
    case kAttrAs4Path:
      if (!single()) break;
      read_as_path(v, 4, a.as4_path, d, "AS4_PATH");
      for (const auto& sg : a.as4_path.segments)
        if (sg.type == kAsConfedSequence || sg.type == kAsConfedSet) {
          d.add(vat, "AS4_PATH without confederation segments (RFC 6793 §3)", "segment type " + num(sg.type));
          break;
        }
      break;
    case kAttrAs4Aggregator:
      if (!single()) break;
      want_len(8);
      a.as4_aggregator.asn = v.u32();
      v.bytes(a.as4_aggregator.address.data(), 4);
      break;
    case kAttrOriginatorId:
      if (!single()) break;
      want_len(4);
      v.bytes(a.originator_id.data(), 4);
      break;
    case kAttrClusterList:
      if (!single()) break;
      if (len % 4) d.add(vat, "CLUSTER_LIST length a multiple of 4 (RFC 4456 §8)", num(len));
      for (uint32_t i = 0; i < len / 4; ++i) {
        std::array<uint8_t, 4> id;
        v.bytes(id.data(), 4);
        a.cluster_list.push_back(id);
      }
      break;
    default:
      a.unknown.push_back({flags, type, {v.here(), len}});
  }
}

}  // namespace

void parse_attributes(Cursor& c, const AttrContext& ctx, Attributes& out, Defects& d) {
  out.clear();
  uint32_t at = c.position();
  uint32_t room = c.remaining();
  uint16_t total = c.u16();
  if (c.overran()) {
    d.add(at, "a 2-byte attribute length", num(room) + " bytes");
    return;
  }
  Cursor s = c.sub(total);
  if (s.size() < total) d.add(at, "attribute block length <= " + num(room - 2) + " remaining bytes", num(total));
  while (!s.empty()) parse_one(s, ctx, out, d);
}

uint32_t read_prefixes(Cursor c, bool add_path, uint8_t max_bits, std::vector<NlriPrefix>& out, Defects& d,
                       const char* what) {
  uint32_t count = 0, stored = 0;
  while (!c.empty()) {
    uint32_t at = c.position();
    uint32_t path_id = add_path ? c.u32() : 0;
    uint8_t bits = c.u8();
    uint32_t bytes = (bits + 7u) / 8;
    if (c.overran()) d.add(at, std::string(what) + (add_path ? " path id and length" : " length"), "end of the list");
    if (c.remaining() < bytes) {
      d.add(at, std::string(what) + " of " + num(bits) + " bits (" + num(bytes) + " bytes)",
            num(c.remaining()) + " bytes left");
      break;
    }
    // bgpdump 1.6.2 (read_prefix_list): past MAX_PREFIXES it stops storing and, as it does
    // not skip the address bytes either, goes on reading them as prefix lengths.
    if (count++ > kMaxPrefixesPerList) continue;
    if (bits > max_bits) d.add(at, std::string(what) + " length <= " + num(max_bits), num(bits));
    NlriPrefix p;
    p.length = bits;
    p.path_id = path_id;
    uint32_t keep = std::min<uint32_t>(bytes, 16);
    c.bytes(p.bytes.data(), keep);
    if (bytes > 16) {
      // bgpdump reads all ceil(bits/8) bytes into its 16-byte address, overwriting the
      // length (byte 16 of `struct prefix`) and the path id (bytes 20-23, little-endian)
      // that follow it; what it prints is what we keep.
      uint8_t over[16] = {};
      c.bytes(over, bytes - 16);
      p.length = over[0];
      for (uint32_t i = 20; i < std::min<uint32_t>(bytes, 24); ++i) {
        uint32_t shift = 8 * (i - 20);
        p.path_id = (p.path_id & ~(0xffu << shift)) | uint32_t{over[i - 16]} << shift;
      }
    }
    if (stored < kMaxPrefixesPerList) {
      out.push_back(p);
      ++stored;
    }
  }
  if (count > kMaxPrefixesPerList)
    d.add(c.position(), "at most " + num(kMaxPrefixesPerList) + " prefixes in one list (bgpdump's limit)", num(count));
  return stored;
}

}  // namespace detail

}  // namespace cleannet::bgp
