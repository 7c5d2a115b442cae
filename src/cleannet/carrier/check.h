// Clean Carrier (State Department, 2020-08-05: "PRC carriers ... should not be connected
// with U.S. telecommunications networks"): is a network directly connected to, or carried
// by, untrusted carriers? Answered from three kinds of evidence, each kept with what shows it:
//  (a) direct interconnections: an untrusted AS next to one of the network's ASes, in the
//      AS relationship data (CAIDA as-rel: customer, peer or provider) or in an observed AS
//      path;
//  (b) observed routes: AS paths from RIB dumps and update streams toward the network's
//      prefixes that cross an untrusted AS ("inbound": traffic from the collector's peer to
//      the network), and paths in which the network passes traffic on to an untrusted
//      transit AS ("outbound"), with collector file, peer, prefix, full path and time;
//  (c) inferred exposure: with the valley-free model (asgraph/valley_free.h), the share of
//      ASes, and of the address space they originate, whose best route to the network
//      crosses an untrusted AS, whether each has a clean alternative, and the same for the
//      network's own routes toward (a bounded set of) destinations;
//  (d) per country: which ASes of each country connect directly to untrusted carriers.
// An AS counts as untrusted here when the policy's "carrier" decision for it is deny, or
// warn with status untrusted (eu-toolbox warns rather than denies): an AS that is merely
// unknown is not exposure, or every path on the Internet would be.
//
// The check never reads files: routes.h feeds it the routes of MRT files decoded by the
// bgp module, and the CLI the graph read by asgraph.
//
//   AsJudge judge(attributor, registry, policy, status_options, kLine);
//   CarrierCheck check({.asns = {3356}}, judge);
//   check.observe(route);                 // for every RIB entry / announcement
//   check.add_relationships(graph, "20180101.as-rel.txt.bz2");
//   check.infer(graph, 2000);
//   for (const report::Finding& f : check.findings()) ...
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/asgraph/directory.h"
#include "cleannet/asgraph/graph.h"
#include "cleannet/asgraph/judge.h"
#include "cleannet/bgp/mrt.h"
#include "cleannet/core/ipaddr.h"
#include "cleannet/core/result.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/status.h"

namespace cleannet::carrier {

inline constexpr trust::Line kLine = trust::Line::kCarrier;  // the policy line ASes are judged under

using asgraph::AsJudge;
using asgraph::AsJudgement;

// One observed route, as the bgp module decodes it. Views, valid during observe(). The
// addresses stay binary: they are printed only for the few routes kept as evidence.
struct Route {
  std::string_view file;   // the MRT file
  uint64_t offset = 0;     // of its record
  uint32_t timestamp = 0;  // record time (RIB: when the dump was written)
  uint32_t peer_asn = 0;
  core::Prefix peer_ip;            // the peer's address (full length)
  core::Prefix prefix;             // bits past the length cleared; printed "203.0.113.0/24"
  std::span<const uint32_t> path;  // AS path as the peer announced it (AS4 merged, sets flattened)
};

struct Options {
  std::vector<uint32_t> asns;          // the network's ASes
  std::vector<core::Prefix> prefixes;  // its prefixes (routes to more specifics count too)
};

class CarrierCheck {
 public:
  CarrierCheck(Options options, AsJudge& judge);

  // (a) and (b) from one route; routes whose prefix is not the network's and whose path
  // does not contain it are only counted.
  void observe(const Route& r);
  // (a) from relationship data; `source` names the file for the evidence.
  void add_relationships(const asgraph::AsGraph& g, const std::string& source);
  // (c): inbound exposure over all ASes of g, outbound toward at most max_destinations
  // destination ASes (those originating the most address space in the observed routes
  // first, then by AS number). Needs the network's first AS in g.
  void infer(const asgraph::AsGraph& g, size_t max_destinations);
  // (d): ASes of each country with an untrusted neighbour in g (countries from `directory`).
  void by_country(const asgraph::AsGraph& g, const asgraph::AsDirectory& directory);

  // The position in the run's inputs (0-based) of the file whose routes come next. Evidence
  // is chosen by position (the first route of the first file), so that runs over parts of
  // the inputs merge into the run over all of them (partial.h).
  void begin_input(uint32_t position) { position_ = position; }

  // An MRT file of the run, for the report: what it held, and what was not read (records
  // skipped by type, damaged records); or, for a file that could not be read, its error
  // (the routes before it count) and nothing else. Notes: what reading it skipped.
  struct Input {
    uint32_t position = 0;
    std::string file;
    uint64_t records = 0, routes = 0, damaged = 0;
    std::vector<bgp::SkippedRecords> skipped;
    std::optional<core::Error> error;
    std::vector<std::string> notes;
  };
  // Recorded at the position begin_input() set; add_note() adds to the last one recorded.
  void add_input(Input input) {
    input.position = position_;
    obs_.inputs.push_back(std::move(input));
  }
  void add_note(std::string note) { obs_.inputs.back().notes.push_back(std::move(note)); }
  const std::vector<Input>& inputs() const { return obs_.inputs; }

  std::vector<report::Finding> findings() const;
  report::Json json() const;  // counts, exposure shares, per-country table
  std::string summary_text() const;
  bool exposed() const;  // any untrusted interconnection, route or inferred exposure

  size_t routes_seen() const { return obs_.routes_seen; }
  size_t routes_relevant() const { return obs_.routes_relevant; }

  // The route kept as an exposure's evidence: the first, by input position and offset.
  struct Example {
    uint32_t position = 0;
    std::string file, peer_ip, prefix, path;
    uint64_t offset = 0;
    uint32_t timestamp = 0, peer_asn = 0;
    bool before(const Example& o) const { return position != o.position ? position < o.position : offset < o.offset; }
  };
  enum class Kind { kRelationship, kAdjacent, kInbound, kOutbound };
  static const char* kind_name(Kind k);
  static std::optional<Kind> kind_named(std::string_view name);
  struct PrefixKey {
    uint64_t hi, lo;
    uint8_t len;
    bool v6;
    bool operator==(const PrefixKey&) const = default;
    auto operator<=>(const PrefixKey&) const = default;
  };
  struct PrefixKeyHash {
    size_t operator()(const PrefixKey& k) const noexcept {
      return std::hash<uint64_t>{}((k.hi * 0x9E3779B97F4A7C15ull ^ k.lo) * 0x9E3779B97F4A7C15ull ^ (k.len << 1 | k.v6));
    }
  };
  struct Exposure {
    Kind kind;
    uint32_t network_asn = 0, untrusted_asn = 0;
    std::string relation;  // for relationships: what the untrusted AS is to the network
    size_t routes = 0;
    std::unordered_set<PrefixKey, PrefixKeyHash> prefixes;  // distinct (the report lists the first kMaxPrefixes)
    std::optional<Example> example;
  };
  // A prefix's origin where it was first observed (its address space counts for that AS).
  struct FirstOrigin {
    uint32_t origin = 0, position = 0;
  };
  // What the routes of the inputs gave: everything of the report but the relationships, the
  // inference and the countries, which come from the AS graph once all inputs are read. Its
  // merge is associative and commutative (counts add, sets unite, first by position).
  struct Observations {
    std::vector<Input> inputs;  // by position
    size_t routes_seen = 0, routes_relevant = 0;
    std::map<std::tuple<int, uint32_t, uint32_t>, Exposure> exposures;  // of routes: not kRelationship
    std::unordered_map<PrefixKey, FirstOrigin, PrefixKeyHash> first_origin;
    void merge(Observations&& o);
  };
  const Observations& observations() const { return obs_; }
  // Adds the observations of other inputs (another part of the run), before add_relationships.
  void absorb(Observations&& o) { obs_.merge(std::move(o)); }

 private:
  struct Inferred {
    bool done = false;
    size_t sources = 0, exposed = 0, exposed_with_alternative = 0;
    double space = 0, exposed_space = 0;  // IPv4 /24 equivalents originated
    size_t destinations = 0, out_exposed = 0, out_exposed_with_alternative = 0;
    std::map<uint32_t, size_t> crossed;  // untrusted AS -> inbound routes crossing it
    std::vector<uint32_t> example_path;  // one exposed inbound route
  };
  struct CountryRow {
    std::string country;
    size_t ases = 0;                  // ASes of the country in the graph
    std::vector<uint32_t> connected;  // those with an untrusted neighbour
  };

  // The network has an AS or a few: a scan of a sorted vector beats hashing.
  bool is_network(uint32_t asn) const {
    if (network_.size() <= 8) {
      for (uint32_t n : network_)
        if (n == asn) return true;
      return false;
    }
    return std::binary_search(network_.begin(), network_.end(), asn);
  }
  // judge_.judge(asn).untrusted(), remembered per AS in a flat table (ASNs below
  // kFlatAsns, which covers the 16-bit and the allocated 32-bit ranges) or a hash map.
  bool untrusted(uint32_t asn);

 public:
  static PrefixKey prefix_key(const core::Prefix& p);
  static core::Prefix key_prefix(const PrefixKey& k);
  // The exposure's prefixes in address order (IPv4 first), the first `max` of them.
  static std::vector<std::string> prefix_list(const Exposure& e, size_t max = SIZE_MAX);

 private:
  static constexpr uint32_t kFlatAsns = 1u << 20;
  bool network_prefix(const core::Prefix& p, uint32_t origin) const;
  Exposure& exposure(Kind kind, uint32_t network_asn, uint32_t untrusted_asn);
  void note(Exposure& e, const Route& r);
  report::Finding finding(const Exposure& e) const;
  static std::string space_text(const Inferred& inf);

  Options options_;
  AsJudge& judge_;
  std::vector<uint32_t> network_;  // options_.asns, sorted, distinct
  core::PrefixTable<bool> network_prefixes_;
  std::vector<uint8_t> flat_;                // per ASN: 0 not judged yet, 1 not untrusted, 2 untrusted
  std::unordered_map<uint32_t, bool> wide_;  // the same for ASNs from kFlatAsns on
  Observations obs_;
  std::map<std::tuple<int, uint32_t, uint32_t>, Exposure> relationships_;  // kRelationship exposures
  uint32_t position_ = 0;                                                  // of the input being read
  core::Prefix last_prefix_;                                               // of the last route observed
  bool has_last_prefix_ = false;
  std::vector<uint32_t> path_;  // scratch: path without prepending
  std::string relationships_source_;
  Inferred inferred_;
  std::vector<CountryRow> countries_;
};

}  // namespace cleannet::carrier
