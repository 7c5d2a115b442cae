// The aggregate over many traceroutes' verdicts (trace/judge.h): totals, the untrusted
// networks crossed, and counts by destination, probe, source AS and country. Counts commute,
// so each worker keeps a Summary and they are merged once at the end.
//
//   Summary s;
//   s.add(t, verdict, judge);  ...  s.merge(other_worker);
//   for (Dimension d : kDimensions) for (const auto& [key, counts] : s.rows(d)) ...
#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cleannet/asgraph/directory.h"
#include "cleannet/report/render.h"
#include "cleannet/trace/judge.h"
#include "cleannet/trace/traceroute.h"

namespace cleannet::trace {

// The dimensions traces are counted by, in the order the summary shows them.
enum class Dimension : uint8_t { kDestination, kProbe, kSourceAs, kCountry };
inline constexpr std::array<Dimension, 4> kDimensions = {Dimension::kDestination, Dimension::kProbe,
                                                         Dimension::kSourceAs, Dimension::kCountry};
const char* dimension_name(Dimension d);  // "destination", "probe", "source AS", "country"
const char* dimension_key(Dimension d);   // its JSON member: "by_destination", ..., "by_country"

struct SummaryTables;

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
  // judged, so that the misses overlap the judging.
  void prefetch(const Traceroute& t) const {
    by_destination_.prefetch(t.destination());
    if (t.prb_id >= 0) by_prb_.prefetch(t.prb_id);
  }
  void merge(const Summary& o);

  const Counts& total() const { return total_; }
  // Hop addresses attributed to an origin AS, over every trace.
  size_t attributed_hops() const { return attributed_hops_; }
  // One dimension's keys as written ("8.8.8.8", "prb 190", "AS64500", "CN") with their
  // counts, most untrusted traces first, then most traces, then by key.
  std::vector<std::pair<std::string, Counts>> rows(Dimension d) const;
  // The totals, the untrusted networks met with the traces that crossed them, and every
  // dimension's rows.
  report::Json json() const;
  // The totals, then the `top` keys of each dimension with the most untrusted traces.
  std::string text(size_t top) const;
  // What json() and text() are made of, with the judgements named and the keys as written.
  SummaryTables tables() const;

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
  Table table(Dimension d) const;  // one dimension's keys as written
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

// A Summary as it is rendered: every key as written ("prb 190", "AS64500", "CN",
// "AS4134 -> china-telecom"), so that no judge or AS directory is needed to render it and the
// tables of runs over disjoint inputs add up key by key (a partial's state, trace/partial.h).
struct SummaryTables {
  Summary::Counts total;
  size_t attributed_hops = 0;
  std::map<std::string, size_t> untrusted_networks;                           // the traces that crossed each
  std::array<std::map<std::string, Summary::Counts>, kDimensions.size()> by;  // in kDimensions order
  void merge(const SummaryTables& o);
};
// Summary::json() and Summary::text() of the summary these tables were made from.
report::Json summary_json(const SummaryTables& t);
std::string summary_text(const SummaryTables& t, size_t top);
// A dimension's rows in the order the summary shows them (Summary::rows).
std::vector<std::pair<std::string, Summary::Counts>> sorted_rows(const std::map<std::string, Summary::Counts>& m);

}  // namespace cleannet::trace
