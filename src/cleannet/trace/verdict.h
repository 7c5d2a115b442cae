// The verdict on one traceroute under a policy, and the aggregate over many.
//
// Every responding hop address is attributed (trace/attribution.h); an attributed address's
// origin AS goes to its organisation (asgraph::AsAttributor: registry ASNs, then AS names),
// the organisation's trust status (trust::evaluate_status) and the policy's decision for
// line "trace". Then, for the trace:
//   untrusted     a hop's address is originated by an AS whose decision is deny, or warn
//                 with status untrusted (eu-toolbox warns where clean-network denies): the
//                 traffic crossed that organisation's network (as carrier/check.h counts it);
//   undetermined  otherwise, when a responding public address could not be attributed (no
//                 origin in the table), or no hop answered from a public address at all: the
//                 measurement does not show whose networks carried the traffic;
//   clean         otherwise.
// Private and IXP hops are neither: private address space is whoever's inside network
// (the neighbouring public hops tell whose), an IXP LAN is the exchange's fabric, and an
// unresponsive hop ("*") shows nothing either way. An AS with no organisation in the
// registry has status unknown and is not an untrusted hop (or every trace on the Internet
// would be one).
//
//   AsJudge judge(attributor, registry, policy, status_options, kLine);
//   TraceJudge tj(hops, judge, directory);     // one per thread
//   const TraceVerdict& v = tj.judge(traceroute);
//   out += verdict_json(t, v, file);  summary.add(t, v);
#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/asgraph/directory.h"
#include "cleannet/asgraph/judge.h"
#include "cleannet/core/huge_pages.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"
#include "cleannet/trace/attribution.h"
#include "cleannet/trace/traceroute.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/status.h"

namespace cleannet::trace {

inline constexpr trust::Line kLine = trust::Line::kTrace;  // the policy line traceroutes are judged under

using asgraph::AsJudge;
using asgraph::AsJudgement;

enum class VerdictKind : uint8_t { kClean, kUntrusted, kUndetermined };
const char* verdict_name(VerdictKind k);  // "clean", "untrusted", "undetermined"

// One responding address at one hop, as far as the verdict needs it.
struct HopAddress {
  // User-provided, not defaulted: value-initialisation (emplace_back()) would otherwise
  // zero all 144 bytes before the member initialisers, once per hop.
  HopAddress() {}
  int hop = 0;
  core::Prefix address;
  uint32_t value = 0;                     // HopAttributor::classify()
  Attribution attribution;                // decoded only for hops that are listed (untrusted, unattributed)
  const AsJudgement* deciding = nullptr;  // kAttributed: the worst of its origins' judgements
  uint32_t replies = 0, late = 0;
  std::vector<uint32_t> mpls;  // labels seen in its ICMP extensions
};

struct TraceVerdict {
  VerdictKind kind = VerdictKind::kClean;
  size_t hops = 0;
  // per category: distinct (hop, address) pairs; unresponsive: hops where no probe got an answer
  size_t private_ = 0, ixp = 0, attributed = 0, unattributed = 0, unresponsive = 0, errors = 0;
  std::vector<HopAddress> addresses;       // every responding (hop, address), in hop order
  std::vector<size_t> untrusted;           // into addresses
  std::vector<size_t> undetermined;        // unattributed, into addresses
  std::vector<std::string> hop_errors;     // "hop 1: connect failed: ..."
  std::string why;                         // one line: why this verdict
  const AsJudgement* source_as = nullptr;  // of the vantage point's public address
  uint32_t source_asn = 0;                 // source_as->asn, without a read of the judgement
  std::optional<uint32_t> source;          // HopAttributor::classify() of it; decode() says whose
};

class TraceJudge {
 public:
  TraceJudge(const HopAttributor& hops, AsJudge& judge) : hops_(hops), judge_(judge) {}
  // Valid until the next call.
  const TraceVerdict& judge(const Traceroute& t);

 private:
  const AsJudgement* as_judgement(uint32_t asn);
  const HopAttributor& hops_;
  AsJudge& judge_;
  absl::flat_hash_map<uint32_t, const AsJudgement*> local_;  // this thread's view of judge_
  // Of each origin-table prefix met so far (deciding null: not yet): the deciding judgement,
  // and that of its first origin (the source AS of a vantage point in it).
  struct Judged {
    const AsJudgement* deciding = nullptr;
    const AsJudgement* first = nullptr;
    uint32_t first_asn = 0;  // first->asn, and
    bool untrusted = false;  // deciding->untrusted(), without a read of the judgement
  };
  core::HugeVector<Judged> by_entry_;
  // IPv4 address -> HopAttributor::classify() and its judgement, four-way set-associative:
  // routers answer in trace after trace, and a hit saves the binary search and the reads of
  // the prefix's judgement (key 0 marks an empty slot, so 0.0.0.0 is never cached).
  struct Slot {
    uint32_t address = 0, value = 0;
    Judged judged;
  };
  Judged judged_of(uint32_t value);                  // none for addresses that are not kAttributed
  const Slot& cached4(const core::Prefix& address);  // an IPv4 address's slot, filled on a miss
  Slot* set_of(uint32_t address);                    // the kWays slots an IPv4 address may be in
  // 2^18 slots of 32 bytes (8 MiB a thread, on huge pages): tens of thousands of router
  // addresses recur in a day of Atlas results, and a cache several times their number
  // keeps them from evicting each other. Four ways rather than two: addresses whose
  // hashes meet in one set then evict each other far less (docs/PERFORMANCE.md).
  static constexpr unsigned kCacheBits = 18, kWayBits = 2;
  static constexpr size_t kWays = size_t{1} << kWayBits;
  core::HugeVector<Slot> cache4_ = core::HugeVector<Slot>(size_t{1} << kCacheBits);
  TraceVerdict v_;
};

// Renderings. `file` is the input as given on the command line.
// One JSON object on one line (NDJSON), ending in "\n"; hops that decide are listed with
// their evidence, the others only counted.
void append_verdict_json(std::string& out, const Traceroute& t, const TraceVerdict& v, const std::string& file,
                         const AsJudge& judge);
// "file:line: prb 190 -> 8.8.8.8 (msm 5017): untrusted" and an indented line per deciding hop.
void append_verdict_text(std::string& out, const Traceroute& t, const TraceVerdict& v, const std::string& file,
                         const AsJudge& judge);
// The evidence of one hop address, in reading order (attribution, organisation, status, policy).
std::vector<report::Evidence> hop_evidence(const HopAddress& h, const AsJudge& judge);
// A finding per untrusted or undetermined trace (none for clean ones), for SARIF.
std::optional<report::Finding> verdict_finding(const Traceroute& t, const TraceVerdict& v, const std::string& file,
                                               const AsJudge& judge);

// Counts per destination, probe, source AS and country of the source AS (from the AS
// directory; "unknown" without one). Memory grows with the distinct keys, not the traces.
class Summary {
 public:
  struct Counts {
    size_t traces = 0, clean = 0, untrusted = 0, undetermined = 0;
    void add(VerdictKind k);
    void merge(const Counts& o);
  };
  void add(const Traceroute& t, const TraceVerdict& v, const AsJudge& judge);
  // Starts fetching the table slots add() will touch for t: called before the trace is
  // judged, so that the misses overlap the judging instead of stalling add().
  void prefetch(const Traceroute& t) const {
    by_destination_.prefetch(t.destination());
    if (t.prb_id >= 0) by_prb_.prefetch(t.prb_id);
  }
  void merge(const Summary& o);

  const Counts& total() const { return total_; }
  // Hop addresses attributed to an origin AS, over every trace.
  size_t attributed_hops() const { return attributed_hops_; }
  // "untrusted" organisations met, with the traces that crossed them
  report::Json json() const;
  // The totals, then the `top` keys of each dimension with the most untrusted traces.
  std::string text(size_t top) const;

 private:
  // Flat hash tables (Abseil's: one probe into one array, where std::unordered_map follows a
  // bucket to a node, two cache misses a lookup on tables of thousands of keys), looked up by
  // string_view without a copy; probes and source ASes by number, and countries from the
  // source ASes when rendered (a country is its source AS's): a trace costs three lookups.
  // The renderings sort the keys, so the output is that of ordered maps.
  // (Transparent over std::string_view: Debian's Abseil has a string_view of its own.)
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return absl::Hash<std::string_view>{}(s); }
  };
  struct KeyEq {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
  };
  using Table = absl::flat_hash_map<std::string, Counts, KeyHash, KeyEq>;
  // The four dimensions with their keys as written: destination, probe, source AS, country.
  std::array<Table, 4> tables() const;
  Counts total_;
  size_t attributed_hops_ = 0;
  Table by_destination_, by_probe_;              // by_probe_: probes without an Atlas id
  absl::flat_hash_map<int64_t, Counts> by_prb_;  // Atlas probe id
  absl::flat_hash_map<uint32_t, Counts> by_source_as_;
  Counts unknown_source_;
  // "AS4134 ... -> china-telecom" and its traces, ordered by traces (most first), then name.
  std::vector<std::pair<std::string, size_t>> untrusted_networks() const;
  const asgraph::AsDirectory* directory_ = nullptr;                  // the countries of source ASes
  const AsJudge* judge_ = nullptr;                                   // names the untrusted networks
  absl::flat_hash_map<const AsJudgement*, size_t> untrusted_by_as_;  // the traces crossing each
};

}  // namespace cleannet::trace
