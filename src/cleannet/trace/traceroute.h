// One traceroute as measured, whatever tool wrote it: the hops in TTL order, each with the
// replies its probes got (an address, or a timeout), the vantage point and the destination.
// Readers (trace/read.h) fill it from RIPE Atlas results and scamper JSON; the attribution
// and the verdict (trace/verdict.h) read only this.
//
//   Traceroute t;                        // reused record after record: clear() keeps capacity
//   for (const Hop& h : t.hops)
//     for (const Reply& r : t.replies_of(h)) if (r.kind == Reply::kAnswer) use(r.from);
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/ipaddr.h"

namespace cleannet::trace {

enum class SourceFormat : uint8_t { kAtlas, kScamper };
const char* source_format_name(SourceFormat f);  // "ripe-atlas", "scamper"

struct Reply {
  // User-provided, so that `replies.emplace_back()` runs the member initializers only,
  // without first zeroing the whole object (value-initialization does that for an implicit
  // constructor, a store over every byte of every reply on the reader's hot path).
  Reply() noexcept {}
  enum Kind : uint8_t { kAnswer, kTimeout };
  Kind kind = kTimeout;
  core::Prefix from;                        // the replying address (full length); set for kAnswer
  double rtt = -1;                          // ms; -1 when absent (late packets carry none)
  int ttl = -1;                             // TTL of the reply as received; -1 when absent
  uint32_t late = 0;                        // RIPE Atlas "late": the reply came this many probes late
  std::string err;                          // ICMP error indication: Atlas "err" ("H", "N", "A", "P", "p" or a code)
  bool icmpext = false;                     // carried ICMP extension objects (RFC 4884 / RFC 4950 MPLS)
  uint32_t mpls_first = 0, mpls_count = 0;  // MPLS labels, in Traceroute::mpls
  friend bool operator==(const Reply&, const Reply&) = default;
};

struct Hop {
  Hop() noexcept {}               // as Reply()
  int number = 0;                 // the probe TTL (Atlas "hop", scamper "probe_ttl")
  uint32_t first = 0, count = 0;  // its replies, in Traceroute::replies
  std::string error;              // Atlas hop-level "error" (e.g. "connect failed: ...")
  friend bool operator==(const Hop&, const Hop&) = default;
};

struct Traceroute {
  SourceFormat format = SourceFormat::kAtlas;
  uint64_t line = 0;  // where the record starts in its file (1-based)
  uint32_t column = 0;
  int af = 4;
  int64_t msm_id = -1, prb_id = -1;  // -1 when absent (scamper has neither)
  int paris_id = -1;
  int64_t timestamp = -1;
  std::string proto;     // Atlas "proto" (UDP, ICMP, TCP); scamper "method"
  std::string from;      // the vantage point's public address (Atlas "from", scamper "src")
  std::string src_addr;  // Atlas: the probe's own (often private) source address
  std::string dst_addr, dst_name;
  std::vector<Hop> hops;
  std::vector<Reply> replies;
  std::vector<uint32_t> mpls;

  void clear();
  std::span<const Reply> replies_of(const Hop& h) const { return {replies.data() + h.first, h.count}; }
  // "prb 190" for Atlas, the source address for scamper.
  std::string probe() const;
  // The destination as measured: dst_addr, else dst_name.
  std::string_view destination() const {
    return dst_addr.empty() ? std::string_view(dst_name) : std::string_view(dst_addr);
  }
  friend bool operator==(const Traceroute&, const Traceroute&) = default;
};

// An address of either family, without a length ("192.0.2.1", "2001:db8::1"); nullopt when
// it is not one. Copies into a stack buffer: no allocation on the hot path. The key is
// core::parse_prefix's: an IPv4-mapped address ("::ffff:192.0.2.1") is IPv4.
std::optional<core::Prefix> parse_address(std::string_view s);
// Without the "/len" of core::Prefix::to_string.
std::string address_text(const core::Prefix& a);
// The same text written at `out`, which has room for kAddressTextMax characters; returns the
// end (no NUL). IPv4 without inet_ntop's sprintf: renderings write an address per listed hop.
inline constexpr size_t kAddressTextMax = 46;  // INET6_ADDRSTRLEN
char* write_address(char* out, const core::Prefix& a);

}  // namespace cleannet::trace
