// asgraph_bench: valley-free route inference (asgraph/valley_free.h) from every AS toward one
// destination, on the full CAIDA AS graph of 2018-01-01 or on a SYNTHETIC graph, against a
// Python/networkx implementation of the same rule (bench/asgraph_networkx.py) on the same
// graph in the same run. scripts/bench-asgraph runs both and prints the table; results are
// in docs/PERFORMANCE.md.
//
//   asgraph_bench [--as-rel=FILE | --synthetic [--ases=75000] [--links=500000] [--seed=N]]
//                 [--to=ASN,ASN...] [--destinations=K] [--reps=N] [--json=FILE] [--nx-input=DIR]
//
// --as-rel defaults to the bundled data/internet/caida/20180101.as-rel.txt.xz (the same bytes
// as ../shared/data/internet/caida/20180101.as-rel.txt.bz2 uncompressed). --synthetic makes a
// graph with a seeded generator (std::mt19937_64): none of it is real data. Its shape follows
// the measured AS graph rather than a uniform random graph, whose tiny diameter and missing
// hierarchy would flatter the search:
//   - 15 tier-1 ASes, all peering with each other (the clique);
//   - 3% transit ASes, then stubs; every AS below tier 1 buys transit from 1-4 ASes (2.65 on
//     average) among the tier-1 and transit ASes placed before it, chosen by preferential
//     attachment (weight 1 + customers so far), so customer cones are heavy-tailed as in
//     CAIDA's data and the hierarchy has no customer-provider cycle;
//   - the remaining links are peerings, mostly among transit ASes and between ASes at the
//     same exchange (a random "IXP" of 40 members drawn with the same preference), so peer
//     links outnumber customer links as in CAIDA's 2018 file (55% peer);
//   - AS numbers are a random permutation, unrelated to the tiers, so the tie-break order is.
//
// Destinations: --to, else 4134, 3356, 9808 and 174 when in the graph, plus --destinations
// random ASes (seeded). Each destination's routes are computed --reps times; the median and
// the minimum wall time are reported, with the routed count. With --nx-input=DIR the links
// (serial-1 text), the destinations and every AS's route class, length and next hop for each
// destination are written there for the networkx peer, which must agree AS by AS.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "cleannet/asgraph/graph.h"
#include "cleannet/asgraph/relationships.h"
#include "cleannet/asgraph/valley_free.h"

using namespace cleannet;
using asgraph::AsLink;
using asgraph::LinkKind;
using asgraph::NodeId;

namespace {

struct Options {
  std::string as_rel = std::string(CLEANNET_SOURCE_DIR) + "/data/internet/caida/20180101.as-rel.txt.xz";
  bool synthetic = false;
  uint32_t ases = 75'000;
  uint64_t links = 500'000;
  uint64_t seed = 20180101;
  std::vector<uint32_t> to;
  int destinations = 6;
  int reps = 20;
  std::string json, nx_input;
};

double now_s() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

long peak_rss_kib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "asgraph_bench: " << why
            << "\nusage: asgraph_bench [--as-rel=FILE | --synthetic [--ases=N] [--links=N] [--seed=N]] "
               "[--to=ASN,...] [--destinations=K] [--reps=N] [--json=FILE] [--nx-input=DIR]\n";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&](std::string_view key) -> std::optional<std::string> {
      if (a.substr(0, key.size()) == key && a.size() > key.size() && a[key.size()] == '=')
        return std::string(a.substr(key.size() + 1));
      return std::nullopt;
    };
    auto number = [&](const std::string& s) {
      char* end = nullptr;
      unsigned long long v = std::strtoull(s.c_str(), &end, 10);
      if (s.empty() || *end) usage("not a number: " + s);
      return static_cast<uint64_t>(v);
    };
    if (auto v = value("--as-rel")) {
      o.as_rel = *v;
    } else if (a == "--synthetic") {
      o.synthetic = true;
    } else if (auto v = value("--ases")) {
      o.ases = static_cast<uint32_t>(number(*v));
    } else if (auto v = value("--links")) {
      o.links = number(*v);
    } else if (auto v = value("--seed")) {
      o.seed = number(*v);
    } else if (auto v = value("--to")) {
      for (size_t s = 0; s <= v->size();) {
        size_t c = v->find(',', s);
        if (c == std::string::npos) c = v->size();
        o.to.push_back(static_cast<uint32_t>(number(v->substr(s, c - s))));
        s = c + 1;
      }
    } else if (auto v = value("--destinations")) {
      o.destinations = static_cast<int>(number(*v));
    } else if (auto v = value("--reps")) {
      o.reps = std::max(1, static_cast<int>(number(*v)));
    } else if (auto v = value("--json")) {
      o.json = *v;
    } else if (auto v = value("--nx-input")) {
      o.nx_input = *v;
    } else {
      usage("unknown argument " + std::string(a));
    }
  }
  if (o.synthetic && (o.ases < 100 || o.links < o.ases)) usage("--synthetic needs --ases >= 100 and --links >= --ases");
  return o;
}

// The SYNTHETIC generator described at the top of this file.
std::vector<AsLink> synthetic_graph(const Options& o) {
  std::mt19937_64 rng(o.seed);
  const uint32_t n = o.ases;
  const uint32_t tier1 = 15;
  const uint32_t transit = std::max<uint32_t>(tier1 + 1, n * 3 / 100);
  std::vector<uint32_t> asn(n);
  for (uint32_t i = 0; i < n; ++i) asn[i] = i + 1;
  std::shuffle(asn.begin(), asn.end(), rng);
  std::unordered_set<uint64_t> seen;
  seen.reserve(o.links * 2);
  std::vector<AsLink> links;
  links.reserve(o.links);
  auto key = [](uint32_t a, uint32_t b) { return (uint64_t{std::min(a, b)} << 32) | std::max(a, b); };
  auto add = [&](uint32_t a, uint32_t b, LinkKind k) {
    if (a == b || !seen.insert(key(a, b)).second) return false;
    links.push_back({asn[a], asn[b], k, 0});
    return true;
  };
  for (uint32_t i = 0; i < tier1; ++i)
    for (uint32_t j = i + 1; j < tier1; ++j) add(i, j, LinkKind::kPeer);
  // Transit by preferential attachment among the ASes above: index i buys from [0, limit).
  std::vector<uint32_t> weight_pool;  // AS index repeated (1 + customers) times
  weight_pool.reserve(4 * n);
  for (uint32_t i = 0; i < tier1; ++i) weight_pool.push_back(i);
  std::uniform_real_distribution<double> u(0, 1);
  for (uint32_t i = tier1; i < n; ++i) {
    // 1-4 providers, 2.65 on average (multihoming is the rule in the measured graph).
    const int k = 1 + std::binomial_distribution<int>(3, 0.55)(rng);
    // Providers come from the transit layer (or tier 1) only, and were placed earlier.
    for (int t = 0, got = 0; got < k && t < 20; ++t) {
      uint32_t p = weight_pool[std::uniform_int_distribution<size_t>(0, weight_pool.size() - 1)(rng)];
      if (add(p, i, LinkKind::kProviderCustomer)) {
        ++got;
        weight_pool.push_back(p);
      }
    }
    if (i < transit) weight_pool.push_back(i);
  }
  // Peerings up to the link budget: 40% among transit ASes, 60% at random "IXPs".
  std::vector<uint32_t> members;
  while (links.size() < o.links) {
    if (u(rng) < 0.4) {
      uint32_t a = std::uniform_int_distribution<uint32_t>(tier1, transit - 1)(rng);
      uint32_t b = std::uniform_int_distribution<uint32_t>(tier1, transit - 1)(rng);
      add(a, b, LinkKind::kPeer);
      continue;
    }
    members.clear();
    for (int m = 0; m < 40; ++m) {
      uint32_t v = u(rng) < 0.5 ? weight_pool[std::uniform_int_distribution<size_t>(0, weight_pool.size() - 1)(rng)]
                                : std::uniform_int_distribution<uint32_t>(tier1, n - 1)(rng);
      members.push_back(v);
    }
    for (int tries = 0; tries < 60 && links.size() < o.links; ++tries) {
      uint32_t a = members[std::uniform_int_distribution<size_t>(0, members.size() - 1)(rng)];
      uint32_t b = members[std::uniform_int_distribution<size_t>(0, members.size() - 1)(rng)];
      add(a, b, LinkKind::kPeer);
    }
  }
  return links;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  nlohmann::ordered_json out;
  std::vector<AsLink> links;
  std::string source;
  const double t0 = now_s();
  if (o.synthetic) {
    links = synthetic_graph(o);
    source = "SYNTHETIC graph (seed " + std::to_string(o.seed) + ")";
  } else {
    auto rels = asgraph::read_relationships_file(o.as_rel);
    if (!rels) {
      std::cerr << rels.error().message() << "\n";
      return 2;
    }
    links = std::move(rels->links);
    source = o.as_rel;
  }
  const double t1 = now_s();
  auto built = asgraph::AsGraph::from_links(links, source);
  if (!built) {
    std::cerr << built.error().message() << "\n";
    return 2;
  }
  const asgraph::AsGraph& g = *built;
  const double t2 = now_s();
  std::cerr << "asgraph_bench: " << source << ": " << g.num_ases() << " ASes, " << g.num_links() << " links ("
            << g.num_provider_customer_links() << " provider-customer), read/generated in " << (t1 - t0)
            << " s, graph built in " << (t2 - t1) << " s\n";
  out["graph"] = {{"source", source},
                  {"synthetic", o.synthetic},
                  {"ases", g.num_ases()},
                  {"links", g.num_links()},
                  {"provider_customer", g.num_provider_customer_links()},
                  {"peer", g.num_peer_links()},
                  {"read_s", t1 - t0},
                  {"build_s", t2 - t1},
                  {"memory_bytes", g.memory_bytes()}};

  std::vector<uint32_t> dests = o.to;
  if (dests.empty()) {
    if (!o.synthetic)
      for (uint32_t a : {4134u, 3356u, 9808u, 174u})
        if (g.find(a)) dests.push_back(a);
    std::mt19937_64 rng(o.seed + 1);
    for (int i = 0; i < o.destinations; ++i)
      dests.push_back(g.asn(NodeId{std::uniform_int_distribution<uint32_t>(0, g.num_ases() - 1)(rng)}));
  }

  std::ofstream results;
  if (!o.nx_input.empty()) {
    std::ofstream lf(o.nx_input + "/links.txt");
    lf << "# " << source << "\n";
    for (const AsLink& l : links) lf << l.a << '|' << l.b << '|' << (l.kind == LinkKind::kPeer ? "0" : "-1") << '\n';
    std::ofstream df(o.nx_input + "/destinations.txt");
    for (uint32_t d : dests) df << d << '\n';
    results.open(o.nx_input + "/routes.bin", std::ios::binary);
  }
  std::vector<AsLink>().swap(links);

  asgraph::RouteTree t;
  nlohmann::ordered_json per = nlohmann::ordered_json::array();
  std::vector<double> medians;
  for (uint32_t d : dests) {
    auto dv = g.find(d);
    if (!dv) {
      std::cerr << "asgraph_bench: AS" << d << " is not in the graph\n";
      return 2;
    }
    std::vector<double> wall, cpu;
    for (int r = 0; r < o.reps; ++r) {
      const double w0 = now_s(), c0 = thread_cpu_s();
      asgraph::infer_routes(g, *dv, nullptr, t);
      cpu.push_back(thread_cpu_s() - c0);
      wall.push_back(now_s() - w0);
    }
    size_t by_class[5] = {};
    for (uint32_t v = 0; v < g.num_ases(); ++v) ++by_class[static_cast<int>(t.route_class(NodeId{v}))];
    medians.push_back(median(wall));
    per.push_back({{"asn", d},
                   {"routed", t.num_routed()},
                   {"customer", by_class[1]},
                   {"peer", by_class[2]},
                   {"provider", by_class[3]},
                   {"median_ms", median(wall) * 1e3},
                   {"min_ms", *std::min_element(wall.begin(), wall.end()) * 1e3},
                   {"median_cpu_ms", median(cpu) * 1e3}});
    std::cerr << "asgraph_bench: toward AS" << d << ": " << t.num_routed() << " ASes routed, median "
              << median(wall) * 1e3 << " ms over " << o.reps << " runs\n";
    if (results) {
      // Per AS in ASN order: class (uint8), length (uint32), next-hop ASN (uint32, or
      // 0xffffffff for none), little-endian.
      std::vector<uint8_t> cls(g.num_ases());
      std::vector<uint32_t> len(g.num_ases()), nh(g.num_ases());
      for (uint32_t v = 0; v < g.num_ases(); ++v) {
        cls[v] = static_cast<uint8_t>(t.route_class(NodeId{v}));
        len[v] = t.has_route(NodeId{v}) ? t.length(NodeId{v}) : 0;
        nh[v] = t.next_hop(NodeId{v}).valid() ? g.asn(t.next_hop(NodeId{v})) : 0xffffffffu;
      }
      results.write(reinterpret_cast<const char*>(cls.data()), static_cast<std::streamsize>(cls.size()));
      results.write(reinterpret_cast<const char*>(len.data()), static_cast<std::streamsize>(len.size() * 4));
      results.write(reinterpret_cast<const char*>(nh.data()), static_cast<std::streamsize>(nh.size() * 4));
    }
  }
  out["route_tree_bytes"] = t.memory_bytes();
  out["destinations"] = per;
  out["median_of_medians_ms"] = median(medians) * 1e3;
  out["reps"] = o.reps;
  out["peak_rss_kib"] = peak_rss_kib();
  if (!o.json.empty()) {
    std::ofstream(o.json) << out.dump(2) << "\n";
  } else {
    std::cout << out.dump(2) << "\n";
  }
  return 0;
}
