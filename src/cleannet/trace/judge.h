// The verdict on one traceroute under a policy.
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
// Its renderings are in trace/render.h, its finding in trace/findings.h, the aggregate over
// many in trace/summary.h.
//
//   AsJudge judge(attributor, registry, policy, status_options, kLine);
//   TraceJudge tj(hops, judge);                // one per thread
//   const TraceVerdict& v = tj.judge(traceroute);
#pragma once

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/asgraph/directory.h"
#include "cleannet/asgraph/judge.h"
#include "cleannet/core/huge_pages.h"
#include "cleannet/trace/attribution.h"
#include "cleannet/trace/detail/address_cache.h"
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
  // zero the whole object before running the member initialisers, once per hop.
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
  // Tens of thousands of router addresses recur in a day of Atlas results; 2^18 slots (8 MiB
  // a thread, on huge pages) keep conflicts rare (docs/PERFORMANCE.md, "Traceroutes").
  static constexpr size_t kDefaultCacheSlots = size_t{1} << 18;
  // cache_slots: the address cache's capacity (0: none, every address classified afresh).
  TraceJudge(const HopAttributor& hops, AsJudge& judge, size_t cache_slots = kDefaultCacheSlots)
      : hops_(hops), judge_(judge), cache4_(cache_slots) {}
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
  // IPv4 address -> HopAttributor::classify() and its judgement (detail/address_cache.h).
  struct Slot {
    uint32_t address = 0, value = 0;
    Judged judged;
  };
  static_assert(sizeof(Slot) == 32);                 // a four-way set is two cache lines
  Judged judged_of(uint32_t value);                  // none for addresses that are not kAttributed
  const Slot& cached4(const core::Prefix& address);  // an IPv4 address's slot, filled on a miss
  detail::AddressCache<Slot> cache4_;
  TraceVerdict v_;
};

}  // namespace cleannet::trace
