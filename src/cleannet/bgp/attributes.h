// BGP path attributes as read from MRT records: one reusable struct per route.
//
// Attributes holds what a route carries (RFC 4271 §4.3 and §5, RFC 4760, RFC 1997, RFC 8092,
// RFC 6793): ORIGIN, AS_PATH (with AS_SET and the RFC 5065 confederation segments), NEXT_HOP,
// MED, LOCAL_PREF, ATOMIC_AGGREGATE, AGGREGATOR, COMMUNITIES, LARGE_COMMUNITIES, ORIGINATOR_ID,
// CLUSTER_LIST, MP_REACH_NLRI / MP_UNREACH_NLRI, AS4_PATH and AS4_AGGREGATOR. Attributes of any
// other type are kept as raw values in `unknown`, never an error.
//
// The struct is made to be reused: clear() empties the vectors without freeing them, so a
// reader that decodes millions of RIB entries into one Attributes allocates only while the
// largest route seen so far grows. Raw values (unknown attributes, unsupported NLRI) are
// spans into the record being decoded and are valid until the reader moves on.
//
//   bgp::AsPath path;
//   bgp::merge_as4_path(attrs, /*two_byte_as=*/true, path);   // RFC 6793 §4.2.3
//   for (const auto& seg : path.segments) for (uint32_t asn : path.asns_of(seg)) use(asn);
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace cleannet::bgp {

// Path attribute type codes (IANA "BGP Path Attributes").
enum AttrType : uint8_t {
  kAttrOrigin = 1,             // RFC 4271 §5.1.1
  kAttrAsPath = 2,             // RFC 4271 §5.1.2
  kAttrNextHop = 3,            // RFC 4271 §5.1.3
  kAttrMed = 4,                // RFC 4271 §5.1.4
  kAttrLocalPref = 5,          // RFC 4271 §5.1.5
  kAttrAtomicAggregate = 6,    // RFC 4271 §5.1.6
  kAttrAggregator = 7,         // RFC 4271 §5.1.7
  kAttrCommunities = 8,        // RFC 1997
  kAttrOriginatorId = 9,       // RFC 4456 §8
  kAttrClusterList = 10,       // RFC 4456 §8
  kAttrMpReach = 14,           // RFC 4760 §3
  kAttrMpUnreach = 15,         // RFC 4760 §4
  kAttrExtCommunities = 16,    // RFC 4360 (kept raw)
  kAttrAs4Path = 17,           // RFC 6793 §3
  kAttrAs4Aggregator = 18,     // RFC 6793 §3
  kAttrLargeCommunities = 32,  // RFC 8092
};

// AS_PATH segment types: RFC 4271 §4.3 (AS_SET 1, AS_SEQUENCE 2), RFC 5065 §3 (confederations).
enum AsSegmentType : uint8_t { kAsSet = 1, kAsSequence = 2, kAsConfedSequence = 3, kAsConfedSet = 4 };

// An IPv4 address uses the first 4 bytes.
struct IpAddress {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};
};

// A prefix exactly as it was on the wire: `length` is the bit count read, `bytes` the address
// bytes that followed it (ceil(length / 8) of them, the rest zero; bits beyond the length are
// kept as sent). path_id is the RFC 7911 / RFC 8050 path identifier, 0 without ADD-PATH.
struct NlriPrefix {
  std::array<uint8_t, 16> bytes{};
  uint8_t length = 0;
  uint32_t path_id = 0;
};

struct AsPathSegment {
  uint8_t type = kAsSequence;
  uint8_t length = 0;  // number of ASNs
  uint32_t first = 0;  // index of the first ASN in AsPath::asns
};

struct AsPath {
  std::vector<AsPathSegment> segments;
  std::vector<uint32_t> asns;
  // A segment of an unknown type or one running past the attribute ended the reading; the
  // segments before it are kept.
  bool malformed = false;

  void clear() {
    segments.clear();
    asns.clear();
    malformed = false;
  }
  std::span<const uint32_t> asns_of(const AsPathSegment& s) const { return {asns.data() + s.first, s.length}; }
  // RFC 4271 §9.1.2.2 (a): an AS_SET counts 1, confederation segments 0 (RFC 5065 §5.3).
  size_t path_length() const;
};

struct Aggregator {
  uint32_t asn = 0;
  std::array<uint8_t, 4> address{};
};

struct LargeCommunity {
  uint32_t global = 0, local1 = 0, local2 = 0;
};

// One MP_REACH_NLRI or MP_UNREACH_NLRI attribute (RFC 4760 §3, §4). In TABLE_DUMP_V2 RIB
// entries MP_REACH_NLRI is abbreviated to the next hop (RFC 6396 §4.3.4): `abbreviated` is set
// and afi/safi come from the record.
struct MpNlri {
  uint16_t afi = 0;
  uint8_t safi = 0;
  bool abbreviated = false;
  uint8_t next_hop_length = 0;  // as sent: 4, 16, 32 (global + link-local, RFC 2545 §3), ...
  IpAddress next_hop, next_hop_local;
  uint32_t first = 0, count = 0;      // prefixes, in Attributes::mp_prefixes
  std::span<const uint8_t> raw_nlri;  // the NLRI bytes when the AFI/SAFI is not IPv4/IPv6 uni/multicast
};

struct RawAttribute {
  uint8_t flags = 0;
  uint8_t type = 0;
  std::span<const uint8_t> value;
};

struct Attributes {
  // Bit t is set when an attribute of type t (< 64) was read (its header was complete).
  uint64_t present = 0;
  bool has(uint8_t type) const { return type < 64 && (present >> type & 1); }

  uint8_t origin = 0;  // 0 IGP, 1 EGP, 2 INCOMPLETE
  AsPath as_path;      // with 2- or 4-byte ASNs as the record's context says
  AsPath as4_path;     // RFC 6793 AS4_PATH (always 4-byte)
  std::array<uint8_t, 4> next_hop{};
  uint32_t med = 0;
  uint32_t local_pref = 0;
  Aggregator aggregator;
  Aggregator as4_aggregator;
  std::vector<uint32_t> communities;
  std::vector<LargeCommunity> large_communities;
  std::array<uint8_t, 4> originator_id{};
  std::vector<std::array<uint8_t, 4>> cluster_list;
  std::vector<MpNlri> mp_reach;
  std::vector<MpNlri> mp_unreach;
  std::vector<NlriPrefix> mp_prefixes;  // storage for mp_reach / mp_unreach prefixes
  std::vector<RawAttribute> unknown;

  std::span<const NlriPrefix> prefixes(const MpNlri& m) const { return {mp_prefixes.data() + m.first, m.count}; }
  void clear();
};

// RFC 6793 §4.2.3: the AS path a NEW BGP speaker reconstructs. In a 2-byte context
// (BGP4MP_MESSAGE, TABLE_DUMP AFI_IP) with an AS4_PATH, the leading ASes of AS_PATH that
// AS4_PATH does not cover are followed by AS4_PATH; AS4_PATH is ignored when AS_PATH is the
// shorter, and both AS4 attributes are ignored when an AGGREGATOR not naming AS_TRANS (23456)
// is present. Elsewhere the path is AS_PATH as it is.
void merge_as4_path(const Attributes& a, bool two_byte_as, AsPath& out);

inline constexpr uint32_t kAsTrans = 23456;  // RFC 6793 §9

}  // namespace cleannet::bgp
