// Hop attribution: whose network is an address in? In this order, the first that applies
// decides:
//   1. private: special-purpose address space that no network announces on the Internet
//      (special_ranges(): RFC 1918 private-use, RFC 6598 shared address space, link-local,
//      loopback, IPv6 unique-local and link-local), so it says nothing about who carries
//      the traffic;
//   2. IXP: a peering LAN of an Internet exchange (IxpTable, e.g. the CAIDA IXPs dataset):
//      the address belongs to a member's router but is numbered from the exchange's prefix,
//      so the prefix's origin AS (often the exchange's, or none) would name the wrong network;
//   3. attributed: the most specific prefix of the origin table (ip::OriginTable, from a
//      pfx2as/pyasn table or a RIB) that contains the address, with its origin AS(es);
//   4. unattributed: none of these.
// (Unresponsive hops, "*", have no address and are counted by the verdict.)
//
// Every stage is a longest-prefix match over a flat sorted interval index built once
// (detail/flat_lpm.h), so a lookup is a binary search with no allocation and no lock:
// attributors are shared by all worker threads.
//
//   HopAttributor at(&origins, &ixps);
//   Attribution a = at.attribute(*parse_address("80.249.208.1"));   // kIxp, AMS-IX
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/ipaddr.h"
#include "cleannet/core/result.h"
#include "cleannet/ip/origin.h"

namespace cleannet::trace {

enum class Category : uint8_t { kPrivate, kUnresponsive, kIxp, kAttributed, kUnattributed };
const char* category_name(Category c);  // "private", "unresponsive", "ixp", "attributed", "unattributed"

struct SpecialRange {
  core::Prefix prefix;
  const char* name;  // "private-use", "shared address space", ...
  const char* rfc;   // "RFC 1918 §3"
};
// The special-purpose ranges of step 1 (a fixed list, see attribution.cc).
std::span<const SpecialRange> special_ranges();

struct Ixp {
  std::string name, country, city;
  int64_t ix_id = -1;
};

// Peering-LAN prefixes of Internet exchanges.
class IxpTable {
 public:
  // The CAIDA IXPs dataset (ixs_YYYYMM.jsonl, possibly compressed): a "#" metadata line,
  // then one JSON object per IXP with name, country, city, ix_id and
  // prefixes {ipv4: [...], ipv6: [...]}. A prefix listed for two exchanges stays with the
  // first. Errors name file:line:col and what was expected.
  static core::Result<IxpTable> load_caida(core::Input in);

  void add(const core::Prefix& p, Ixp ixp);  // for tests
  size_t size() const { return ixps_.size(); }
  const Ixp& ixp(uint32_t i) const { return ixps_[i]; }
  struct Entry {
    core::Prefix prefix;
    uint32_t ixp;
  };
  const std::vector<Entry>& prefixes() const { return prefixes_; }
  std::string source;  // for evidence: "file (CAIDA IXPs dataset)"

 private:
  std::vector<Ixp> ixps_;
  std::vector<Entry> prefixes_;
};

struct Attribution {
  Category category = Category::kUnattributed;
  core::Prefix prefix;                    // the matching prefix (none for unattributed)
  const SpecialRange* special = nullptr;  // kPrivate
  const Ixp* ixp = nullptr;               // kIxp
  std::span<const uint32_t> origins;      // kAttributed: origin AS(es), first seen first
  const std::string* table = nullptr;     // kIxp, kAttributed, kUnattributed: which table said so
  uint32_t entry = 0;                     // kAttributed: the prefix's index in the origin table
};

class HopAttributor {
 public:
  // Either table may be null; both must outlive the attributor.
  HopAttributor(const ip::OriginTable* origins, const IxpTable* ixps);
  ~HopAttributor();
  HopAttributor(HopAttributor&&) noexcept;

  Attribution attribute(const core::Prefix& address) const { return decode(classify(address)); }
  // The same in two steps, for callers that cache the first: an opaque value, and what it means.
  uint32_t classify(const core::Prefix& address) const;
  Attribution decode(uint32_t value) const;
  // What decode() would say, without touching the tables.
  static Category category_of(uint32_t value);
  static uint32_t entry_of(uint32_t value) { return value & ((1u << 30) - 1); }  // kAttributed
  std::span<const uint32_t> origins_of_entry(uint32_t entry) const { return origins_->entry(entry).origins; }

  const ip::OriginTable* origins() const { return origins_; }
  size_t origin_entries() const { return origins_ ? origins_->num_prefixes() : 0; }
  const IxpTable* ixps() const { return ixps_; }

 private:
  struct Index;
  const ip::OriginTable* origins_;
  const IxpTable* ixps_;
  std::unique_ptr<Index> index_;
};

}  // namespace cleannet::trace
