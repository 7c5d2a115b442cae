#include "cleannet/carrier/check.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "cleannet/asgraph/valley_free.h"
#include "cleannet/report/evidence.h"

namespace cleannet::carrier {

namespace {

// Distinct prefixes an exposure lists (the first in sort order); the rest are counted.
constexpr size_t kMaxPrefixes = 20;

std::string path_text(std::span<const uint32_t> path) {
  std::string s;
  for (size_t i = 0; i < path.size(); ++i) s += (i ? " " : "") + std::to_string(path[i]);
  return s;
}

// "192.0.2.1", "2001:db8::1": a full-length prefix without its length.
std::string address_text(const core::Prefix& a) {
  std::string s = a.to_string();
  return s.substr(0, s.find('/'));
}

std::string utc(uint32_t t) {
  std::time_t tt = t;
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

std::string percent(double part, double whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", whole > 0 ? 100.0 * part / whole : 0.0);
  return buf;
}

// IPv4 address space of a prefix in addresses; in /24 equivalents it is a multiple of 1/256.
// Counted in integers, a sum is the same in any order (merged partials add in another).
uint64_t ipv4_addresses(uint8_t len, bool v6) { return v6 ? 0 : uint64_t{1} << (32 - std::min<uint8_t>(len, 32)); }

}  // namespace

// The exposed share of the IPv4 space the sources originate, as far as observed routes say.
std::string CarrierCheck::space_text(const Inferred& inf) {
  if (inf.space <= 0) return "no observed route gives the address space they originate";
  return percent(inf.exposed_space, inf.space) + " of the IPv4 space they originate in the observed routes";
}

CarrierCheck::CarrierCheck(Options options, AsJudge& judge) : options_(std::move(options)), judge_(judge) {
  network_ = options_.asns;
  std::sort(network_.begin(), network_.end());
  network_.erase(std::unique(network_.begin(), network_.end()), network_.end());
  for (const core::Prefix& p : options_.prefixes) network_prefixes_.insert(p, true);
}

CarrierCheck::PrefixKey CarrierCheck::prefix_key(const core::Prefix& p) {
  PrefixKey k{0, 0, p.len, p.v6};
  for (int i = 0; i < 8; ++i) k.hi = (k.hi << 8) | p.bytes[i];
  for (int i = 8; i < 16; ++i) k.lo = (k.lo << 8) | p.bytes[i];
  return k;
}

bool CarrierCheck::untrusted(uint32_t asn) {
  if (asn < kFlatAsns) {
    if (asn >= flat_.size()) flat_.resize(std::max<size_t>(asn + 1, std::min<size_t>(kFlatAsns, 2 * flat_.size())), 0);
    uint8_t& v = flat_[asn];
    if (!v) v = judge_.judge(asn).untrusted() ? 2 : 1;
    return v == 2;
  }
  auto it = wide_.find(asn);
  if (it == wide_.end()) it = wide_.emplace(asn, judge_.judge(asn).untrusted()).first;
  return it->second;
}

bool CarrierCheck::network_prefix(const core::Prefix& p, uint32_t origin) const {
  return is_network(origin) || network_prefixes_.longest_match(p).has_value();
}

CarrierCheck::Exposure& CarrierCheck::exposure(Kind kind, uint32_t network_asn, uint32_t untrusted_asn) {
  auto key = std::make_tuple(static_cast<int>(kind), network_asn, untrusted_asn);
  auto& exposures = kind == Kind::kRelationship ? relationships_ : obs_.exposures;
  auto it = exposures.find(key);
  if (it == exposures.end()) {
    Exposure e;
    e.kind = kind;
    e.network_asn = network_asn;
    e.untrusted_asn = untrusted_asn;
    it = exposures.emplace(key, std::move(e)).first;
  }
  return it->second;
}

void CarrierCheck::note(Exposure& e, const Route& r) {
  ++e.routes;
  // Within a file routes come in offset order, and files in position order: the first is
  // the earliest unless parts of the run are merged (Observations::merge compares).
  if (!e.example)
    e.example = Example{
        position_,   std::string(r.file), address_text(r.peer_ip), r.prefix.to_string(), path_text(r.path), r.offset,
        r.timestamp, r.peer_asn};
  e.prefixes.insert(prefix_key(r.prefix));
}

std::vector<std::string> CarrierCheck::prefix_list(const Exposure& e, size_t max) {
  std::vector<PrefixKey> keys(e.prefixes.begin(), e.prefixes.end());
  std::sort(keys.begin(), keys.end(), [](const PrefixKey& a, const PrefixKey& b) {
    return std::tie(a.v6, a.hi, a.lo, a.len) < std::tie(b.v6, b.hi, b.lo, b.len);
  });
  if (keys.size() > max) keys.resize(max);
  std::vector<std::string> out;
  out.reserve(keys.size());
  for (const PrefixKey& k : keys) out.push_back(key_prefix(k).to_string());
  return out;
}

std::optional<CarrierCheck::Kind> CarrierCheck::kind_named(std::string_view name) {
  for (Kind k : {Kind::kRelationship, Kind::kAdjacent, Kind::kInbound, Kind::kOutbound})
    if (name == kind_name(k)) return k;
  return std::nullopt;
}

core::Prefix CarrierCheck::key_prefix(const PrefixKey& k) {
  core::Prefix p;
  p.v6 = k.v6;
  p.len = k.len;
  for (int i = 0; i < 8; ++i) p.bytes[i] = static_cast<uint8_t>(k.hi >> (56 - 8 * i));
  for (int i = 8; i < 16; ++i) p.bytes[i] = static_cast<uint8_t>(k.lo >> (56 - 8 * (i - 8)));
  return p;
}

void CarrierCheck::Observations::merge(Observations&& o) {
  inputs.insert(inputs.end(), std::make_move_iterator(o.inputs.begin()), std::make_move_iterator(o.inputs.end()));
  std::stable_sort(inputs.begin(), inputs.end(),
                   [](const Input& a, const Input& b) { return a.position < b.position; });
  routes_seen += o.routes_seen;
  routes_relevant += o.routes_relevant;
  for (auto& [key, e] : o.exposures) {
    auto [it, fresh] = exposures.try_emplace(key, std::move(e));
    if (fresh) continue;
    Exposure& mine = it->second;
    mine.routes += e.routes;
    mine.prefixes.merge(e.prefixes);
    if (e.example && (!mine.example || e.example->before(*mine.example))) mine.example = std::move(e.example);
  }
  if (first_origin.empty()) {
    first_origin = std::move(o.first_origin);
  } else {
    for (const auto& [key, f] : o.first_origin) {
      auto [it, fresh] = first_origin.try_emplace(key, f);
      if (!fresh && f.position < it->second.position) it->second = f;
    }
  }
}

void CarrierCheck::observe(const Route& r) {
  ++obs_.routes_seen;
  if (r.path.empty()) return;
  // Each prefix's address space counts once, for its first origin. A RIB record lists all
  // entries of one prefix together, so most entries repeat the previous route's prefix.
  const uint32_t origin = r.path.back();
  if (!has_last_prefix_ || r.prefix != last_prefix_) {
    has_last_prefix_ = true;
    last_prefix_ = r.prefix;
    obs_.first_origin.try_emplace(prefix_key(r.prefix), FirstOrigin{origin, position_});
  }
  // Most routes neither cross the network nor lead to it: nothing below applies to them.
  bool touches = false;
  for (uint32_t a : r.path) touches = touches || is_network(a);
  const bool toward = touches ? network_prefix(r.prefix, origin)
                              : !options_.prefixes.empty() && network_prefixes_.longest_match(r.prefix).has_value();
  if (!touches && !toward) return;
  // Prepending repeats an AS; what matters is the sequence of distinct ASes.
  path_.clear();
  for (uint32_t a : r.path)
    if (path_.empty() || path_.back() != a) path_.push_back(a);

  bool relevant = false;
  // (a) an untrusted AS next to one of the network's.
  for (size_t i = 0; i + 1 < path_.size(); ++i) {
    uint32_t a = path_[i], b = path_[i + 1];
    if (is_network(a) == is_network(b)) continue;
    uint32_t mine = is_network(a) ? a : b, other = is_network(a) ? b : a;
    if (untrusted(other)) {
      note(exposure(Kind::kAdjacent, mine, other), r);
      relevant = true;
    }
  }
  // (b) inbound: from the peer toward the network's prefix, every AS before the network.
  if (toward) {
    for (size_t i = 0; i + 1 < path_.size() && !is_network(path_[i]); ++i)
      if (untrusted(path_[i])) {
        note(exposure(Kind::kInbound, is_network(origin) ? origin : 0, path_[i]), r);
        relevant = true;
      }
  }
  // (b) outbound: the network passes traffic for the prefix on to an untrusted transit AS
  // (the origin itself is the destination, not a carrier of it).
  for (size_t k = 0; k + 1 < path_.size(); ++k) {
    if (!is_network(path_[k])) continue;
    for (size_t i = k + 1; i + 1 < path_.size(); ++i)
      if (!is_network(path_[i]) && untrusted(path_[i])) {
        note(exposure(Kind::kOutbound, path_[k], path_[i]), r);
        relevant = true;
      }
    break;
  }
  obs_.routes_relevant += relevant;
}

void CarrierCheck::add_relationships(const asgraph::AsGraph& g, const std::string& source) {
  relationships_source_ = source;
  for (uint32_t asn : options_.asns) {
    auto v = g.find(asn);
    if (!v) continue;
    for (asgraph::Relation rel : {asgraph::Relation::kCustomer, asgraph::Relation::kPeer, asgraph::Relation::kProvider})
      for (graph::NodeId u : g.neighbours(*v, rel)) {
        uint32_t other = g.asn(u);
        if (is_network(other) || !untrusted(other)) continue;
        exposure(Kind::kRelationship, asn, other).relation = asgraph::relation_name(rel);
      }
  }
}

void CarrierCheck::infer(const asgraph::AsGraph& g, size_t max_destinations) {
  std::optional<graph::NodeId> net;
  for (uint32_t asn : options_.asns)
    if ((net = g.find(asn))) break;
  if (!net) return;
  Inferred& inf = inferred_;
  inf = Inferred{};
  inf.done = true;
  // Untrusted ASes removed, the network's own kept: the clean alternatives.
  asgraph::NodeMask clean(g.num_ases(), true);
  std::vector<bool> bad(g.num_ases(), false);
  for (uint32_t i = 0; i < g.num_ases(); ++i) {
    graph::NodeId v{i};
    if (!is_network(g.asn(v)) && untrusted(g.asn(v))) {
      bad[i] = true;
      clean.reset(v);
    }
  }
  std::unordered_map<uint32_t, uint64_t> addresses_by_origin;
  for (const auto& [key, f] : obs_.first_origin) addresses_by_origin[f.origin] += ipv4_addresses(key.len, key.v6);
  auto space = [&](uint32_t asn) {  // in /24 equivalents
    auto it = addresses_by_origin.find(asn);
    return it == addresses_by_origin.end() ? 0.0 : static_cast<double>(it->second) / 256.0;
  };
  // Inbound: every AS's best route toward the network.
  asgraph::RouteTree tree, alt;
  asgraph::infer_routes(g, *net, nullptr, tree);
  asgraph::infer_routes(g, *net, &clean, alt);
  for (uint32_t i = 0; i < g.num_ases(); ++i) {
    graph::NodeId s{i};
    if (s == *net || bad[i] || is_network(g.asn(s)) || !tree.has_route(s)) continue;
    ++inf.sources;
    inf.space += space(g.asn(s));
    bool crosses = false;
    for (graph::NodeId h = tree.next_hop(s); h.valid() && h != *net; h = tree.next_hop(h))
      if (bad[h.value()]) {
        crosses = true;
        ++inf.crossed[g.asn(h)];
      }
    if (!crosses) continue;
    ++inf.exposed;
    inf.exposed_space += space(g.asn(s));
    inf.exposed_with_alternative += alt.has_route(s);
    if (inf.example_path.empty())
      for (graph::NodeId h : tree.path(s)) inf.example_path.push_back(g.asn(h));
  }
  // Outbound: the network's best route toward each destination, the largest originators
  // first (each destination is one O(V + E) inference).
  std::vector<uint32_t> dests;
  for (uint32_t i = 0; i < g.num_ases(); ++i)
    if (graph::NodeId{i} != *net && !bad[i] && !is_network(g.asn(graph::NodeId{i}))) dests.push_back(i);
  std::stable_sort(dests.begin(), dests.end(), [&](uint32_t a, uint32_t b) {
    return space(g.asn(graph::NodeId{a})) > space(g.asn(graph::NodeId{b}));
  });
  if (dests.size() > max_destinations) dests.resize(max_destinations);
  for (uint32_t d : dests) {
    asgraph::infer_routes(g, graph::NodeId{d}, nullptr, tree);
    if (!tree.has_route(*net)) continue;
    ++inf.destinations;
    bool crosses = false;
    for (graph::NodeId h = tree.next_hop(*net); h.valid() && h != graph::NodeId{d}; h = tree.next_hop(h))
      crosses |= bad[h.value()];
    if (!crosses) continue;
    ++inf.out_exposed;
    inf.out_exposed_with_alternative += asgraph::exists_clean(g, *net, graph::NodeId{d}, &clean);
  }
}

void CarrierCheck::by_country(const asgraph::AsGraph& g, const asgraph::AsDirectory& directory) {
  std::map<std::string, CountryRow> rows;
  for (uint32_t i = 0; i < g.num_ases(); ++i) {
    graph::NodeId v{i};
    auto e = directory.find(g.asn(v));
    std::string country = e && !e->country.empty() ? std::string(e->country) : "??";
    CountryRow& row = rows[country];
    row.country = country;
    ++row.ases;
    if (untrusted(g.asn(v))) continue;  // the carriers themselves
    bool connected = false;
    for (asgraph::Relation rel : {asgraph::Relation::kCustomer, asgraph::Relation::kPeer, asgraph::Relation::kProvider})
      for (graph::NodeId u : g.neighbours(v, rel)) connected = connected || untrusted(g.asn(u));
    if (connected) row.connected.push_back(g.asn(v));
  }
  countries_.clear();
  for (auto& [c, row] : rows)
    if (!row.connected.empty()) countries_.push_back(std::move(row));
  std::stable_sort(countries_.begin(), countries_.end(),
                   [](const CountryRow& a, const CountryRow& b) { return a.connected.size() > b.connected.size(); });
}

const char* CarrierCheck::kind_name(Kind k) {
  static const char* kinds[] = {"relationship", "adjacent", "inbound", "outbound"};
  return kinds[static_cast<int>(k)];
}

bool CarrierCheck::exposed() const {
  return !relationships_.empty() || !obs_.exposures.empty() || (inferred_.done && inferred_.exposed > 0);
}

report::Finding CarrierCheck::finding(const Exposure& e) const {
  const AsJudgement& j = judge_.judge(e.untrusted_asn);
  report::Finding f = report::finding_for(judge_.registry(), j);
  std::string net = e.network_asn ? judge_.as_text(e.network_asn) : "the network";
  std::string them = judge_.as_text(e.untrusted_asn);
  std::string net_short = e.network_asn ? "AS" + std::to_string(e.network_asn) : "the network";
  std::string who = them + (j.match ? " of " + f.organisation_name : "");
  // The ASes by number: their names come from whichever AS directory the run was given.
  f.identity = {kind_name(e.kind), "AS" + std::to_string(e.network_asn), "AS" + std::to_string(e.untrusted_asn),
                e.relation};
  report::Evidence ev;
  switch (e.kind) {
    case Kind::kRelationship:
      f.subject = "interconnections of " + net;
      f.element = them + " [" + e.relation + " of AS" + std::to_string(e.network_asn) + "]";
      f.explanation = who + " is a " + e.relation + " of " + net + " in the AS relationship data.";
      ev.kind = "relationship";
      ev.text = them + " is a " + e.relation + " of " + net + " in " + relationships_source_;
      f.suggested_fix = "End the direct interconnection with " + them + ", or route it over trusted carriers.";
      break;
    case Kind::kAdjacent:
      f.subject = "interconnections of " + net;
      f.element = them + " [next to AS" + std::to_string(e.network_asn) + " on observed routes]";
      f.explanation = who + " is next to " + net + " on " + std::to_string(e.routes) + " observed route(s).";
      f.suggested_fix = "End the direct interconnection with " + them + ".";
      break;
    case Kind::kInbound:
      f.subject = "routes toward " + net;
      f.element = them + " [on observed routes toward " + net_short + "]";
      f.explanation = std::to_string(e.routes) + " observed route(s) toward " + std::to_string(e.prefixes.size()) +
                      " prefix(es) of " + net + " cross " + who + ".";
      f.suggested_fix =
          "Ask the upstreams that carry these routes to prefer trusted carriers, or announce the "
          "prefixes so that they do not propagate through " +
          them + ".";
      break;
    case Kind::kOutbound:
      f.subject = "routes from " + net;
      f.element = them + " [transit after AS" + std::to_string(e.network_asn) + " on observed routes]";
      f.explanation = net + " passes traffic on to " + who + " as transit on " + std::to_string(e.routes) +
                      " observed route(s) toward " + std::to_string(e.prefixes.size()) + " prefix(es).";
      f.suggested_fix = "Filter or de-prefer routes through " + them + ".";
      break;
  }
  if (e.example) {
    const Example& x = *e.example;
    report::Evidence r;
    r.kind = "route";
    r.text = x.file + " byte " + std::to_string(x.offset) + ": peer AS" + std::to_string(x.peer_asn) + " " + x.peer_ip +
             ", " + x.prefix + ", AS path " + x.path + ", " + utc(x.timestamp);
    f.evidence.insert(f.evidence.begin(), r);
  }
  if (!ev.kind.empty()) f.evidence.insert(f.evidence.begin(), ev);
  return f;
}

std::vector<report::Finding> CarrierCheck::findings() const {
  std::vector<report::Finding> out;
  // Relationships first (kind 0), then the exposures of routes, each in key order.
  for (const auto& [key, e] : relationships_) out.push_back(finding(e));
  for (const auto& [key, e] : obs_.exposures) out.push_back(finding(e));
  const Inferred& inf = inferred_;
  if (inf.done && inf.exposed > 0) {
    report::Finding f;
    f.line = "carrier";
    std::string net = judge_.as_text(options_.asns.front());
    f.subject = "inferred routes toward " + net;
    f.element = net;
    f.identity = {"inferred", "AS" + std::to_string(options_.asns.front())};
    f.rule = "carrier-inferred-exposure";
    f.rule_text = "Clean Carrier (2020-08-05): traffic should not be carried by untrusted PRC carriers";
    f.severity = report::Severity::kWarning;
    f.status = "untrusted";
    f.verified = false;  // a model's inference, not an observation
    f.explanation = std::to_string(inf.exposed) + " of " + std::to_string(inf.sources) + " ASes (" + space_text(inf) +
                    ") would reach " + net + " over an untrusted AS under the valley-free model; " +
                    std::to_string(inf.exposed_with_alternative) + " of them have a clean alternative.";
    report::Evidence ev;
    ev.kind = "inference";
    ev.verified = false;
    std::string top;
    size_t shown = 0;
    std::vector<std::pair<size_t, uint32_t>> by_count;
    for (auto [asn, n] : inf.crossed) by_count.push_back({n, asn});
    std::sort(by_count.begin(), by_count.end(),
              [](auto a, auto b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    for (auto [n, asn] : by_count) {
      if (shown++ == 5) break;
      top += (top.empty() ? "" : "; ") + judge_.as_text(asn) + " on " + std::to_string(n);
    }
    ev.text = "untrusted ASes crossed (routes): " + top + "; e.g. " + path_text(inf.example_path);
    f.evidence.push_back(ev);
    f.suggested_fix = "Peer with or buy transit from networks whose routes avoid the untrusted carriers.";
    out.push_back(std::move(f));
  }
  return out;
}

std::string CarrierCheck::summary_text() const {
  std::string s;
  for (const Input& in : obs_.inputs) {
    if (in.error) continue;
    s += in.file + ": " + std::to_string(in.records) + " records, " + std::to_string(in.routes) + " routes";
    if (in.damaged) s += ", " + std::to_string(in.damaged) + " damaged record(s) read as bgpdump reads them";
    if (!in.skipped.empty()) s += "; skipped by type: " + bgp::skipped_text(in.skipped);
    s += "\n";
  }
  s += std::to_string(obs_.routes_seen) + " routes read, " + std::to_string(obs_.routes_relevant) + " show exposure; " +
       std::to_string(relationships_.size() + obs_.exposures.size()) + " exposure(s) found\n";
  const Inferred& inf = inferred_;
  if (inf.done) {
    s += "inferred (valley-free): " + std::to_string(inf.exposed) + " of " + std::to_string(inf.sources) +
         " ASes reach the network over an untrusted AS (" + space_text(inf) + "), " +
         std::to_string(inf.exposed_with_alternative) + " with a clean alternative; toward " +
         std::to_string(inf.destinations) + " destinations, " + std::to_string(inf.out_exposed) +
         " routes cross one, " + std::to_string(inf.out_exposed_with_alternative) + " with a clean alternative\n";
  }
  for (size_t i = 0; i < countries_.size() && i < 10; ++i) {
    const CountryRow& r = countries_[i];
    s += "  " + r.country + ": " + std::to_string(r.connected.size()) + " of " + std::to_string(r.ases) +
         " ASes connect directly to untrusted carriers\n";
  }
  return s;
}

report::Json CarrierCheck::json() const {
  report::Json j;
  j["network"] = {{"asns", options_.asns}};
  report::Json ps = report::Json::array();
  for (const auto& p : options_.prefixes) ps.push_back(p.to_string());
  j["network"]["prefixes"] = ps;
  j["routes"] = {{"read", obs_.routes_seen}, {"showing_exposure", obs_.routes_relevant}};
  report::Json inputs = report::Json::array();
  for (const Input& in : obs_.inputs) {
    if (in.error) continue;
    report::Json skipped = report::Json::array();
    for (const bgp::SkippedRecords& k : in.skipped)
      skipped.push_back({{"type", k.type},
                         {"subtype", k.subtype},
                         {"name", bgp::record_type_name(k.type, k.subtype)},
                         {"records", k.records}});
    inputs.push_back({{"file", in.file},
                      {"records", in.records},
                      {"routes", in.routes},
                      {"damaged", in.damaged},
                      {"skipped_by_type", skipped}});
  }
  j["inputs"] = inputs;
  report::Json ex = report::Json::array();
  for (const auto* exposures : {&relationships_, &obs_.exposures})
    for (const auto& [key, e] : *exposures) {
      const std::vector<std::string> prefixes = prefix_list(e, kMaxPrefixes);
      const size_t more = e.prefixes.size() - prefixes.size();
      report::Json x = {{"kind", kind_name(e.kind)}, {"network_asn", e.network_asn}, {"untrusted_asn", e.untrusted_asn},
                        {"routes", e.routes},        {"prefixes", prefixes},         {"more_prefixes", more}};
      if (!e.relation.empty()) x["relation"] = e.relation;
      ex.push_back(std::move(x));
    }
  j["exposures"] = ex;
  const Inferred& inf = inferred_;
  if (inf.done)
    j["inferred"] = {{"sources", inf.sources},
                     {"exposed", inf.exposed},
                     {"exposed_with_clean_alternative", inf.exposed_with_alternative},
                     {"ipv4_space_24s", inf.space},
                     {"exposed_ipv4_space_24s", inf.exposed_space},
                     {"destinations", inf.destinations},
                     {"outbound_exposed", inf.out_exposed},
                     {"outbound_exposed_with_clean_alternative", inf.out_exposed_with_alternative}};
  report::Json cs = report::Json::array();
  for (const CountryRow& r : countries_)
    cs.push_back({{"country", r.country}, {"ases", r.ases}, {"connected", r.connected}});
  j["countries"] = cs;
  return j;
}

}  // namespace cleannet::carrier
