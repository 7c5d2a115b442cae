// Prefix -> origin AS tables: which AS announces the address space an IP address is in, by
// longest-prefix match over IPv4 and IPv6 (the Clean Carrier and Clean Cloud checks ask it
// of every hop and every resource address).
//
// Sources, each read by its own function and by load_origin_table() by content:
//  - pyasn IP-ASN32-DAT ("; comment" header, then "prefix/len<TAB>asn"), as the staged
//    RouteViews-derived table of 2015-11-01 is written;
//  - CAIDA RouteViews pfx2as ("address<TAB>len<TAB>asns", where asns is one ASN, a
//    multi-origin list "a_b" or an AS set "a,b"; both kinds are kept as origins);
//  - iptoasn.com ip2asn TSV ("range_start<TAB>range_end<TAB>asn<TAB>country<TAB>description");
//    each range becomes the fewest CIDR prefixes covering exactly it; AS 0 ("Not routed") rows
//    are skipped;
//  - a RIB, through add() (the bgp module feeds it announced prefixes and path origins).
// Several origins per prefix are kept (multi-origin AS announcements, RFC 1930 s. 7 calls
// them MOAS): a lookup returns them all, in the order first seen.
//
//   auto t = load_origin_table(*core::Input::open("ipasn_20151101.dat.gz"));
//   if (auto hit = t->lookup(*core::parse_prefix("1.1.1.1")))
//     for (uint32_t asn : hit->origins) ...   // hit->prefix is 1.1.1.0/24
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "cleannet/core/huge_pages.h"
#include "cleannet/core/input.h"
#include "cleannet/core/ipaddr.h"
#include "cleannet/core/result.h"

namespace cleannet::ip {

class OriginTable {
 public:
  struct Hit {
    core::Prefix prefix;               // the matching (most specific) prefix
    std::span<const uint32_t> origins;  // its origin ASes, first seen first
  };

  // Adds origins to a prefix (host bits beyond its length are cleared); an origin already
  // listed for the prefix is not added twice.
  void add(const core::Prefix& p, uint32_t asn);
  // add() of each pair in order, with the same result; the table is sized once and its
  // memory fetched ahead (the readers below collect a file's pairs and add them so).
  void add_all(std::span<const std::pair<core::Prefix, uint32_t>> pairs);
  std::optional<Hit> lookup(const core::Prefix& address) const;
  // The origins of exactly this prefix (empty when it is absent).
  std::span<const uint32_t> exact(const core::Prefix& p) const;
  // The i-th prefix (insertion order, i < num_prefixes()) with its origins, for indexes
  // built over the whole table (trace/attribution.h).
  Hit entry(size_t i) const { return Hit{entries_[i].prefix, origins_of(entries_[i])}; }

  size_t num_prefixes() const { return entries_.size(); }
  size_t num_v4() const { return num_v4_; }
  size_t num_v6() const { return entries_.size() - num_v4_; }
  // Every prefix with `asn` among its origins, in insertion order (for "the prefixes of
  // this network"). Linear in the table; call once per query, not per address.
  std::vector<core::Prefix> prefixes_of(uint32_t asn) const;

  // Where the table came from, for evidence: "file (format)".
  std::string source;

 private:
  struct Entry {
    core::Prefix prefix;
    uint32_t first;   // into more_ when count > 1, else the ASN itself
    uint32_t count;
  };
  std::span<const uint32_t> origins_of(const Entry& e) const {
    return e.count == 1 ? std::span<const uint32_t>(&e.first, 1)
                        : std::span<const uint32_t>(pool_.data() + e.first, e.count);
  }
  core::PrefixTable<uint32_t> index_;  // prefix -> entry
  core::HugeVector<Entry> entries_;  // tens of MB for a full table (core/huge_pages.h)
  std::vector<uint32_t> pool_;  // origin lists of entries with more than one origin
  size_t num_v4_ = 0;
};

enum class OriginFormat { kAuto, kPyasn, kPfx2as, kIptoasn };
const char* origin_format_name(OriginFormat f);  // "auto", "pyasn", "pfx2as", "iptoasn"

// Reads a table; errors name file:line:column and what was expected there. With kAuto the
// format is the first data line's: a '/' in the first field is pyasn, three fields with a
// number second is pfx2as, five fields is iptoasn.
core::Result<OriginTable> load_origin_table(core::Input in, OriginFormat format = OriginFormat::kAuto);

// The fewest CIDR prefixes that cover exactly [first, last] (same family, first <= last).
std::vector<core::Prefix> range_to_prefixes(const core::Prefix& first, const core::Prefix& last);

}  // namespace cleannet::ip
