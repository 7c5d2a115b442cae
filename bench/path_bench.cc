// path_bench: Clean Path's clean-alternative search on a SYNTHETIC operator inventory, against
// the Boost Graph Library in this binary and networkx (bench/path_networkx.py) on the same
// input in the same run (scripts/bench-path runs both and prints the table; results in
// docs/PERFORMANCE.md).
//
// The inventory is made up (none of it is real data) by a seeded generator (std::mt19937_64,
// --seed) with the shape of a national operator's network, not of a random graph, whose tiny
// diameter would flatter every search:
//   - sites on a 2,000 x 1,200 km plane, mostly clustered around cities whose sizes follow
//     Zipf's law, the rest rural; each site has two hub routers (provider edge / aggregation,
//     "core" in the 3% of sites that are core sites) and a geometric number of other devices
//     (radio, access, control, computing, storage), 20 devices per site on average;
//   - links: every other device dual-homed to both hubs and ringed with its site's others;
//     the hubs joined to their site's nearest sites on two parallel planes (hub 0 to hub 0,
//     hub 1 to hub 1), and the core sites joined by a backbone (their nearest core sites, plus
//     a few express routes to any core site). No parallel links, no self-loops.
//   - link cost is an IGP metric: an integer, 1 between a site's hubs, 10 inside a site,
//     10 + km between sites, 10 + km / 2 on the backbone (more bandwidth, lower metric per km).
//     Integer costs make sums exact, so the three implementations must agree to the bit.
//   - vendors as inventories spell them, drawn per role from market-like mixes (Cisco,
//     Juniper, Nokia, Ericsson, Huawei and ZTE, Samsung, Arista, Ciena, Fujitsu, NEC, Dell,
//     HPE and names the registry does not know), with one router vendor and one radio vendor
//     preferred per region, as operators buy; optical line systems on the backbone and on some
//     metro links; a few routers carry a module from another vendor.
//   - demands: --demands between random hub routers (the provider edges where a facility's
//     circuits land), traffic class "diplomatic", no routed path given (cleannet presumes the
//     shortest).
//
// Phases, in this order, in one process:
//   1. cleannet, the product path: Network::finalize(), the bundled registry and the
//      clean-network policy, path::ElementTrust, path::PathChecker, then PathChecker::check()
//      for every demand (routed path presumed shortest, the verdict, the shortest clean
//      alternative), then the clean-alternative search alone, as check() does it:
//      graph::shortest_path() on the checker's "diplomatic" graph::Subgraph, the allowed part
//      made compact when the masks were built (the like-for-like figure against the peers). Peak RSS is read here, before any peer
//      structure exists; it includes the inventory itself.
//   2. the edge list (device indices, cost) and the two masks are written for networkx
//      (--nx-input), and the cleannet structures and the inventory are freed.
//   3. graph construction from that same edge list: graph::Csr::from_edges and BGL's
//      compressed_sparse_row_graph, each timed.
//   4. BGL: filtered_graph with the same node and edge masks, dijkstra_shortest_paths from the
//      source with a visitor that stops when the target is settled (BGL's documented way to
//      end a search early), one query per demand.
// Every demand's clean-alternative cost (or "no clean path") must be the same from check(),
// shortest_path() and BGL, or the run stops with exit code 1 naming the demand.
//
//   path_bench [--seed=N] [--devices=N] [--links=N] [--demands=N] [--as-of=YYYY-MM-DD]
//              [--json=FILE] [--nx-input=FILE] [--skip-check] [--write-inventory=FILE]
//
// --write-inventory=FILE writes the generated inventory (demands included) as cleannet's native
// JSON (netmodel/native_json.h) and stops: the input of `cleannet path check FILE` and of the
// audit benchmark (bench/audit_bench.py); nothing is measured.
//
// Each query is timed on its own, wall clock and thread CPU time; per-query figures let the
// driver compare any subset (networkx runs only the first demands).

#include <malloc.h>
#include <time.h>

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/property_map.hpp>
#include <boost/version.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "cleannet/core/date.h"
#include "cleannet/graph/csr.h"
#include "cleannet/graph/search.h"
#include "cleannet/netmodel/network.h"
#include "cleannet/path/check.h"
#include "cleannet/path/element_trust.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace {

using namespace cleannet;
using Json = nlohmann::ordered_json;

constexpr const char* kTrafficClass = "diplomatic";
constexpr double kNoPath = std::numeric_limits<double>::quiet_NaN();

struct Options {
  uint64_t seed = 20241125;
  uint32_t devices = 1'000'000;
  uint64_t links = 4'000'000;
  uint32_t demands = 1000;
  // Fixed, so that a designation's date cannot change the verdicts between runs.
  std::string as_of = "2025-01-01";
  std::string json_path;
  std::string nx_input_path;
  // Leaves out PathChecker::check(), whose routed search over the whole graph is most of the
  // run time: for quick runs while working on the searches. The product-path figure is then missing.
  bool skip_check = false;
  std::string inventory_path;  // --write-inventory: write the inventory as native JSON and stop
};

[[noreturn]] void die(const std::string& msg, int code = 2) {
  std::fprintf(stderr, "path_bench: %s\n", msg.c_str());
  std::exit(code);
}

void progress(const std::string& msg) { std::fprintf(stderr, "path_bench: %s\n", msg.c_str()); }

// ---- Measuring ---------------------------------------------------------------------------

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Wall and CPU time since construction. CPU time is the steadier figure on a shared
// machine: it leaves out the time spent waiting for a core.
struct Stopwatch {
  std::chrono::steady_clock::time_point wall0 = std::chrono::steady_clock::now();
  double cpu0 = thread_cpu_seconds();
  double wall() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count(); }
  double cpu() const { return thread_cpu_seconds() - cpu0; }
  Json json() const { return Json{{"wall_s", wall()}, {"cpu_s", cpu()}}; }
};

struct Memory {
  size_t rss_kib = 0;  // VmRSS
  size_t hwm_kib = 0;  // VmHWM, the peak resident set since start or the last reset_peak()
};

// Bytes the program holds on the heap now. Unlike RSS it drops when memory is freed and
// does not count freed memory that malloc keeps, so differences between stages say what
// each stage's structures hold.
double heap_mib() {
  const struct mallinfo2 mi = mallinfo2();
  return static_cast<double>(mi.uordblks + mi.hblkhd) / (1 << 20);
}

Memory memory_now() {
  Memory m;
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmRSS:", 0) == 0) m.rss_kib = std::strtoull(line.c_str() + 6, nullptr, 10);
    if (line.rfind("VmHWM:", 0) == 0) m.hwm_kib = std::strtoull(line.c_str() + 6, nullptr, 10);
  }
  return m;
}

// Hands freed heap back to the kernel and restarts the peak at the current resident set
// (writing 5 to clear_refs, Linux >= 4.0), so that a phase's peak is its own.
bool reset_peak() {
  malloc_trim(0);
  std::ofstream f("/proc/self/clear_refs");
  f << "5";
  f.flush();
  return static_cast<bool>(f);
}

std::vector<double> load_average() {
  std::ifstream f("/proc/loadavg");
  std::vector<double> v(3, 0.0);
  f >> v[0] >> v[1] >> v[2];
  return v;
}

Json host_json() {
  std::ifstream f("/proc/cpuinfo");
  std::string line, model;
  while (std::getline(f, line))
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  std::ifstream m("/proc/meminfo");
  std::string key;
  size_t kib = 0;
  m >> key >> kib;  // MemTotal: N kB
  return Json{
      {"cpu", model}, {"cpus", std::thread::hardware_concurrency()}, {"mem_gib", static_cast<double>(kib) / (1 << 20)}};
}

// ---- Random numbers --------------------------------------------------------------------
// Own draws on top of std::mt19937_64 (whose output the standard fixes): the standard
// library's distributions are implementation-defined, so with them the same seed would give
// another inventory under another standard library.

class Random {
 public:
  explicit Random(uint64_t seed) : g_(seed) {}
  uint64_t below(uint64_t n) { return g_() % n; }  // bias < n / 2^64: nil for these n
  double unit() { return static_cast<double>(g_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  double normal() {  // Box-Muller
    const double u = 1.0 - unit(), v = unit();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
  }
  // Number of failures before the first success, each trial succeeding with probability p.
  uint32_t geometric(double p) { return static_cast<uint32_t>(std::floor(std::log(1.0 - unit()) / std::log(1.0 - p))); }

 private:
  std::mt19937_64 g_;
};

// A vendor as an inventory spells it, a typical model, and its share of the role.
struct VendorShare {
  const char* vendor;
  const char* model;
  double weight;
};

// Shares are made up to look like a Western national operator's, with Huawei and ZTE at
// about 14% of the devices' equipment; the spellings vary on purpose, as they do between
// inventories. Names the bundled registry does not know
// (Edgecore, Mavenir, Adtran, Ciena, Infinera, Dell EMC, HPE, Supermicro, Finisar) are
// "unknown" to it.
constexpr VendorShare kRouterMix[] = {  // hub routers: provider edge, aggregation, core
    {"Cisco Systems", "ASR 9906", 0.48}, {"Juniper Networks", "MX960", 0.20}, {"Nokia", "7750 SR-12", 0.12},
    {"Huawei", "NE40E-X16A", 0.10},      {"ZTE", "ZXR10 M6000", 0.03},        {"Arista Networks", "7280R3", 0.04},
    {"Edgecore", "AS7926-40XKFB", 0.03}};
constexpr VendorShare kRadioMix[] = {  // RAN: base stations
    {"Ericsson", "AIR 6449", 0.40},
    {"Nokia", "AirScale", 0.30},
    {"Huawei Technologies Co., Ltd.", "AAU5613", 0.13},
    {"ZTE Corporation", "ZXRAN A9611", 0.04},
    {"Samsung Electronics", "MT6402", 0.08},
    {"Mavenir", "OpenBeam", 0.05}};
constexpr VendorShare kAccessMix[] = {  // fixed access and cell-site routers
    {"Cisco", "NCS 540", 0.40},   {"Juniper", "ACX7100", 0.10},     {"Nokia", "7250 IXR-e", 0.15},
    {"Huawei", "ATN 910C", 0.12}, {"ZTE", "ZXCTN 6180H", 0.04},     {"Adtran", "TA5000", 0.07},
    {"Ciena", "3926", 0.07},      {"Fujitsu", "1FINITY S100", 0.05}};
constexpr VendorShare kServerMix[] = {  // control, computing, storage
    {"Cisco Systems, Inc.", "UCS C240 M6", 0.30},
    {"NEC", "Express5800", 0.08},
    {"Fujitsu Limited", "PRIMERGY", 0.10},
    {"Dell EMC", "PowerEdge R750", 0.22},
    {"HPE", "ProLiant DL380", 0.18},
    {"Huawei", "FusionServer", 0.08},
    {"Supermicro", "SYS-220U", 0.04}};
constexpr VendorShare kLineSystemMix[] = {  // DWDM line systems on the backbone
    {"Ciena", "6500", 0.35},      {"Huawei", "OptiX OSN 9800", 0.12}, {"Nokia", "1830 PSS", 0.15},
    {"Infinera", "GX G30", 0.10}, {"Fujitsu", "1FINITY T600", 0.10},  {"Cisco", "NCS 1004", 0.13},
    {"NEC", "SpectralWave", 0.05}};
constexpr VendorShare kMetroTransportMix[] = {  // microwave and optical on metro links
    {"Ericsson", "MINI-LINK 6352", 0.35},
    {"Nokia", "Wavence", 0.20},
    {"Huawei", "OptiX RTN 950", 0.15},
    {"ZTE", "ZXMW NR8250", 0.05},
    {"Ciena", "Waveserver", 0.10},
    {"Cisco", "NCS 2000", 0.10},
    {"NEC", "iPASOLINK", 0.05}};
constexpr VendorShare kModuleMix[] = {  // a module from another vendor in a router
    {"Huawei", "OSN SFP+ 10G", 0.5},
    {"Finisar", "FTLX1471D3BCL", 0.3},
    {"Cisco", "SFP-10G-LR", 0.2}};

const VendorShare& pick(Random& r, std::span<const VendorShare> mix) {
  double total = 0;
  for (const auto& v : mix) total += v.weight;
  double x = r.unit() * total;
  for (const auto& v : mix) {
    if (x < v.weight) return v;
    x -= v.weight;
  }
  return mix.back();
}

// ---- The SYNTHETIC inventory -----------------------------------------------------------

constexpr double kWidthKm = 2000, kHeightKm = 1200;

struct Point {
  double x = 0, y = 0;
};
double km(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

// The k nearest other points of each point (ties by index), as a flat n * k array, from a
// uniform grid searched in square rings until no unvisited cell can hold a nearer point.
std::vector<uint32_t> nearest(const std::vector<Point>& pts, uint32_t k) {
  const uint32_t n = static_cast<uint32_t>(pts.size());
  k = std::min(k, n == 0 ? 0 : n - 1);
  const double cell = std::max(1.0, std::sqrt(kWidthKm * kHeightKm * 4 / std::max<uint32_t>(n, 1)));
  const int gx = static_cast<int>(kWidthKm / cell) + 1, gy = static_cast<int>(kHeightKm / cell) + 1;
  auto cell_of = [&](Point p) {
    return std::pair<int, int>{std::clamp(static_cast<int>(p.x / cell), 0, gx - 1),
                               std::clamp(static_cast<int>(p.y / cell), 0, gy - 1)};
  };
  std::vector<uint32_t> start(static_cast<size_t>(gx) * gy + 1, 0), order(n);
  for (const Point& p : pts) {
    auto [cx, cy] = cell_of(p);
    ++start[static_cast<size_t>(cy) * gx + cx + 1];
  }
  for (size_t c = 1; c < start.size(); ++c) start[c] += start[c - 1];
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (uint32_t i = 0; i < n; ++i) {
    auto [cx, cy] = cell_of(pts[i]);
    order[fill[static_cast<size_t>(cy) * gx + cx]++] = i;
  }
  std::vector<uint32_t> out(static_cast<size_t>(n) * k);
  if (k == 0) return out;
  std::vector<std::pair<double, uint32_t>> cand;
  for (uint32_t i = 0; i < n; ++i) {
    cand.clear();
    auto [cx, cy] = cell_of(pts[i]);
    for (int ring = 0;; ++ring) {
      for (int y = cy - ring; y <= cy + ring; ++y) {
        if (y < 0 || y >= gy) continue;
        const bool edge_row = y == cy - ring || y == cy + ring;
        for (int x = cx - ring; x <= cx + ring; x += edge_row ? 1 : 2 * ring) {
          if (x >= 0 && x < gx) {
            const size_t c = static_cast<size_t>(y) * gx + x;
            for (uint32_t o = start[c]; o < start[c + 1]; ++o)
              if (order[o] != i) cand.emplace_back(km(pts[i], pts[order[o]]), order[o]);
          }
          if (ring == 0) break;
        }
      }
      if (cand.size() >= k) {
        std::nth_element(cand.begin(), cand.begin() + (k - 1), cand.end());
        if (cand[k - 1].first <= ring * cell) break;  // cells further out are farther away
      }
      if (ring > gx + gy) break;
    }
    std::partial_sort(cand.begin(), cand.begin() + k, cand.end());
    for (uint32_t j = 0; j < k; ++j) out[static_cast<size_t>(i) * k + j] = cand[j].second;
  }
  return out;
}

struct Site {
  Point at;
  uint32_t first = 0;  // device index of hub 0; hub 1 follows, then the other devices
  uint32_t size = 0;
  uint32_t region = 0;  // the city whose operator region it belongs to
  bool core = false;
};

struct Inventory {
  std::unique_ptr<netmodel::Network> net;
  size_t sites = 0, core_sites = 0, intra_links = 0, metro_links = 0, backbone_links = 0, links_with_equipment = 0;
  std::map<std::string, size_t> device_vendors, link_vendors;  // equipment counts by vendor string
};

class Generator {
 public:
  explicit Generator(const Options& o) : opt_(o), r_(o.seed) {}

  Inventory make() {
    if (opt_.devices < 3 || opt_.devices > 9'999'999) die("--devices must be between 3 and 9,999,999");
    inv_.net = std::make_unique<netmodel::Network>();
    netmodel::Network& net = *inv_.net;
    net.name = "synthetic-operator";
    net.synthetic = true;
    net.provenance = "SYNTHETIC: made up by bench/path_bench.cc (std::mt19937_64 seed " + std::to_string(opt_.seed) +
                     ", " + std::to_string(opt_.devices) + " devices, " + std::to_string(opt_.links) +
                     " links); not real data";
    place_sites();
    add_devices();
    add_links();
    add_demands();
    return std::move(inv_);
  }

 private:
  // Cities with Zipf-distributed sizes; sites around them (85%) or anywhere (15%).
  void place_sites() {
    const uint32_t cities = std::max<uint32_t>(8, opt_.devices / 2500);
    std::vector<double> cum(cities);
    for (uint32_t c = 0; c < cities; ++c) {
      city_at_.push_back({r_.unit() * kWidthKm, r_.unit() * kHeightKm});
      const double w = 1.0 / (c + 1);
      city_sigma_.push_back(4 + 50 * std::sqrt(w));
      cum[c] = w + (c ? cum[c - 1] : 0);
      city_router_.push_back(&pick(r_, kRouterMix));
      city_radio_.push_back(&pick(r_, kRadioMix));
    }
    uint32_t placed = 0;
    while (placed < opt_.devices) {
      Site s;
      s.first = placed;
      s.size = 3 + r_.geometric(1.0 / 18);  // mean 20
      if (opt_.devices - placed < s.size + 3) s.size = opt_.devices - placed;
      if (r_.chance(0.15)) {
        s.at = {r_.unit() * kWidthKm, r_.unit() * kHeightKm};
        s.region = nearest_city(s.at);
      } else {
        const double x = r_.unit() * cum.back();
        s.region = static_cast<uint32_t>(std::upper_bound(cum.begin(), cum.end(), x) - cum.begin());
        s.region = std::min(s.region, cities - 1);
        const double sd = city_sigma_[s.region];
        s.at = {std::clamp(city_at_[s.region].x + sd * r_.normal(), 0.0, kWidthKm),
                std::clamp(city_at_[s.region].y + sd * r_.normal(), 0.0, kHeightKm)};
      }
      s.core = r_.chance(0.03);
      placed += s.size;
      sites_.push_back(s);
    }
    inv_.sites = sites_.size();
  }

  uint32_t nearest_city(Point p) const {
    uint32_t best = 0;
    for (uint32_t c = 1; c < city_at_.size(); ++c)
      if (km(p, city_at_[c]) < km(p, city_at_[best])) best = c;
    return best;
  }

  static std::string numbered(char prefix, size_t i, int width) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%c%0*zu", prefix, width, i);
    return buf;
  }

  void add_devices() {
    netmodel::Network& net = *inv_.net;
    net.devices.reserve(opt_.devices);
    for (uint32_t si = 0; si < sites_.size(); ++si) {
      const Site& s = sites_[si];
      inv_.core_sites += s.core;
      const std::string site_id = numbered('s', si, 6);
      const VendorShare* hub_vendor = nullptr;
      for (uint32_t k = 0; k < s.size; ++k) {
        netmodel::Device d;
        const uint32_t index = s.first + k;
        d.id = numbered('d', index, 7);
        d.site = site_id;
        const VendorShare* v;
        if (k < 2) {  // hub routers: the region's preferred vendor, or a second source
          v = k == 1 && r_.chance(0.6) ? hub_vendor : r_.chance(0.7) ? city_router_[s.region] : &pick(r_, kRouterMix);
          hub_vendor = v;
          d.name = (s.core ? "p" : "pe") + std::to_string(k) + "." + site_id;
          d.role = netmodel::Role::kTransmission;
          d.segment = s.core ? "core" : "transport";
          if (r_.chance(0.02)) {
            const VendorShare& m = pick(r_, kModuleMix);
            if (std::string_view(m.vendor) != v->vendor) {
              netmodel::Equipment e;
              e.vendor = m.vendor;
              e.model = m.model;
              e.source = "synthetic";
              d.components.push_back(std::move(e));
              ++inv_.device_vendors[m.vendor];
            }
          }
        } else {
          const double x = r_.unit();
          if (s.core) {
            v = x < 0.45 ? &pick(r_, kAccessMix) : &pick(r_, kServerMix);
            d.role = x < 0.45   ? netmodel::Role::kTransmission
                     : x < 0.75 ? netmodel::Role::kComputing
                     : x < 0.90 ? netmodel::Role::kControl
                                : netmodel::Role::kStorage;
            d.segment = x < 0.45 ? "access" : "core";
          } else if (x < 0.62) {
            v = r_.chance(0.9) ? city_radio_[s.region] : &pick(r_, kRadioMix);
            d.role = netmodel::Role::kTransmission;
            d.segment = "ran";
          } else if (x < 0.87) {
            v = &pick(r_, kAccessMix);
            d.role = netmodel::Role::kTransmission;
            d.segment = "access";
          } else {
            v = &pick(r_, kServerMix);
            d.role = x < 0.91   ? netmodel::Role::kControl
                     : x < 0.98 ? netmodel::Role::kComputing
                                : netmodel::Role::kStorage;
            d.segment = x < 0.91 ? "management" : "edge";
          }
          d.name = d.segment.substr(0, 3) + std::to_string(k) + "." + site_id;
        }
        d.equipment.vendor = v->vendor;
        d.equipment.model = v->model;
        d.equipment.source = "synthetic";
        d.pos = core::SourcePos("synthetic", index + 1);
        ++inv_.device_vendors[v->vendor];
        net.devices.push_back(std::move(d));
      }
    }
  }

  bool site_pair_linked(uint32_t a, uint32_t b) const {
    return std::find(site_links_[a].begin(), site_links_[a].end(), b) != site_links_[a].end();
  }

  void link(uint32_t a, uint32_t b, double cost, const char* segment, const VendorShare* equipment) {
    netmodel::Network& net = *inv_.net;
    netmodel::Link l;
    l.id = numbered('l', net.links.size(), 7);
    l.a = net.devices[a].id;
    l.b = net.devices[b].id;
    l.cost = cost;
    l.segment = segment;
    if (equipment) {
      netmodel::Equipment e;
      e.vendor = equipment->vendor;
      e.model = equipment->model;
      e.source = "synthetic";
      l.equipment.push_back(std::move(e));
      ++inv_.link_vendors[equipment->vendor];
      ++inv_.links_with_equipment;
    }
    l.pos = core::SourcePos("synthetic", static_cast<uint32_t>(net.links.size() + 1));
    net.links.push_back(std::move(l));
  }

  // Links between two sites' hubs on one plane (0: hub 0s, 1: hub 1s).
  void inter_site(uint32_t a, uint32_t b, int plane, bool backbone) {
    const double d = km(sites_[a].at, sites_[b].at);
    const double cost = 10 + std::round(backbone ? d / 2 : d);
    const VendorShare* eq = backbone          ? &pick(r_, kLineSystemMix)
                            : r_.chance(0.15) ? &pick(r_, kMetroTransportMix)
                                              : nullptr;
    link(sites_[a].first + plane, sites_[b].first + plane, cost, backbone ? "core" : "transport", eq);
    ++(backbone ? inv_.backbone_links : inv_.metro_links);
  }

  void add_links() {
    netmodel::Network& net = *inv_.net;
    uint64_t intra = 0;
    for (const Site& s : sites_) {
      const uint64_t others = s.size - 2;
      intra += 1 + 2 * others + (others >= 3 ? others : others == 2 ? 1 : 0);
    }
    if (opt_.links < intra)
      die("--links=" + std::to_string(opt_.links) + " is fewer than the " + std::to_string(intra) +
          " links inside sites that --devices=" + std::to_string(opt_.devices) + " needs");
    net.links.reserve(opt_.links);
    // Inside each site: hub 0 - hub 1, every other device to both hubs, a ring of the others.
    for (const Site& s : sites_) {
      const uint32_t h0 = s.first, h1 = s.first + 1, n = s.size;
      link(h0, h1, 1, s.core ? "core" : "transport", nullptr);
      for (uint32_t k = 2; k < n; ++k) {
        link(s.first + k, h0, 10, "access", nullptr);
        link(s.first + k, h1, 10, "access", nullptr);
      }
      if (n - 2 >= 2)
        for (uint32_t k = 2; k < n; ++k) {
          if (n - 2 == 2 && k == n - 1) break;  // two others: one link, not two parallel ones
          link(s.first + k, s.first + (k + 1 < n ? k + 1 : 2), 10, "access", nullptr);
        }
    }
    inv_.intra_links = net.links.size();
    site_links_.assign(sites_.size(), {});
    uint64_t budget = opt_.links - net.links.size();

    // Backbone between core sites (at most 1% of the links): each to its 8 nearest core
    // sites, one link in ten an express route to any core site instead.
    std::vector<uint32_t> core;
    std::vector<Point> core_at;
    for (uint32_t i = 0; i < sites_.size(); ++i)
      if (sites_[i].core) core.push_back(i), core_at.push_back(sites_[i].at);
    uint64_t backbone = std::min<uint64_t>(budget, opt_.links / 100);
    if (core.size() >= 2) {
      const uint32_t k = 8;
      const auto near = nearest(core_at, k);
      const uint32_t kk = static_cast<uint32_t>(near.size() / core.size());
      for (uint32_t round = 0; backbone > 0 && round < kk; ++round) {
        for (uint32_t c = 0; c < core.size() && backbone > 0; ++c) {
          const uint32_t other =
              r_.chance(0.1) ? static_cast<uint32_t>(r_.below(core.size())) : near[static_cast<size_t>(c) * kk + round];
          const uint32_t a = core[c], b = core[other];
          if (a == b || site_pair_linked(a, b)) continue;
          site_links_[a].push_back(b);
          site_links_[b].push_back(a);
          inter_site(a, b, static_cast<int>(round & 1), true);
          --backbone;
        }
      }
    }
    budget = opt_.links - net.links.size();

    // Metro: each site to its nearest sites, hub 0 to hub 0 and hub 1 to hub 1, nearest
    // first, round after round, until the link budget is spent.
    const uint64_t pairs = (budget + 1) / 2;
    uint32_t k = static_cast<uint32_t>(std::min<uint64_t>(sites_.size() - 1, 2 * pairs / sites_.size() + 8));
    std::vector<Point> at;
    for (const Site& s : sites_) at.push_back(s.at);
    const auto near = nearest(at, k);
    k = sites_.empty() ? 0 : static_cast<uint32_t>(near.size() / sites_.size());
    for (uint32_t round = 0; budget > 0 && round < k; ++round) {
      for (uint32_t a = 0; a < sites_.size() && budget > 0; ++a) {
        const uint32_t b = near[static_cast<size_t>(a) * k + round];
        if (site_pair_linked(a, b)) continue;
        site_links_[a].push_back(b);
        site_links_[b].push_back(a);
        for (int plane = 0; plane < 2 && budget > 0; ++plane, --budget) inter_site(a, b, plane, false);
      }
    }
    if (budget > 0)
      die("could place only " + std::to_string(net.links.size()) + " of --links=" + std::to_string(opt_.links) +
          " without parallel links; lower --links");
    site_links_.clear();
    site_links_.shrink_to_fit();
  }

  void add_demands() {
    netmodel::Network& net = *inv_.net;
    auto random_hub = [&] {
      const Site& s = sites_[r_.below(sites_.size())];
      return s.first + static_cast<uint32_t>(r_.below(2));
    };
    for (uint32_t i = 0; i < opt_.demands; ++i) {
      netmodel::Demand d;
      d.id = numbered('q', i, 4);
      const uint32_t s = random_hub();
      uint32_t t = random_hub();
      while (t == s) t = random_hub();
      d.source = net.devices[s].id;
      d.destination = net.devices[t].id;
      d.traffic_class = kTrafficClass;
      d.pos = core::SourcePos("synthetic", i + 1);
      net.demands.push_back(std::move(d));
    }
  }

  Options opt_;
  Random r_;
  Inventory inv_;
  std::vector<Point> city_at_;
  std::vector<double> city_sigma_;
  std::vector<const VendorShare*> city_router_, city_radio_;
  std::vector<Site> sites_;
  std::vector<std::vector<uint32_t>> site_links_;  // sites already joined, to avoid parallel links
};

// ---- Phase 1: cleannet ---------------------------------------------------------------

struct DemandResult {
  uint32_t s = 0, t = 0;
  bool endpoints_allowed = false;
  double routed_cost = kNoPath;
  bool routed_clean = false;
  double check_cost = kNoPath;  // the alternative from PathChecker::check()
  double alt_cost = kNoPath;    // graph::shortest_path() with the masks
  size_t alt_hops = 0;
  double bgl_cost = kNoPath;
  double check_wall = 0, check_cpu = 0, alt_wall = 0, alt_cpu = 0, bgl_wall = 0, bgl_cpu = 0;
};

// What the peers need, copied out of cleannet before it is freed.
struct SharedInput {
  uint32_t nodes = 0;
  std::vector<uint32_t> from, to;  // EdgeId i is (from[i], to[i]), link i of the inventory
  std::vector<double> cost;
  std::vector<uint64_t> node_words, edge_words;  // cleannet's "diplomatic" masks, bit per id
};

bool bit(const std::vector<uint64_t>& w, uint32_t i) { return (w[i >> 6] >> (i & 63)) & 1; }

bool same_cost(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

std::string cost_text(double c) { return std::isnan(c) ? "no clean path" : std::to_string(c); }

void run_cleannet(netmodel::Network& net, const Inventory& inv, const Options& opt, std::vector<DemandResult>& out,
                  SharedInput& shared, Json& j) {
  // j["stages"] is looked up each time: ordered_json keeps keys in a vector, so a reference
  // into j would dangle once another key is added.
  auto stage = [&](const char* name, const Stopwatch& sw) {
    const Memory m = memory_now();
    j["stages"].push_back(Json{{"stage", name},
                               {"wall_s", sw.wall()},
                               {"cpu_s", sw.cpu()},
                               {"rss_mib", m.rss_kib / 1024.0},
                               {"peak_mib", m.hwm_kib / 1024.0},
                               {"heap_mib", heap_mib()}});
    progress(std::string(name) + ": " + std::to_string(sw.wall()) + " s, RSS " + std::to_string(m.rss_kib / 1024) +
             " MiB, peak " + std::to_string(m.hwm_kib / 1024) + " MiB");
  };
  j["stages"] = Json::array();
  stage("inventory in memory (netmodel::Network, SYNTHETIC generator)", Stopwatch{});

  Stopwatch fin;
  if (auto st = net.finalize(); !st) die("generated inventory does not finalize: " + st.error().message());
  stage("Network::finalize (indexes and reference checks, every importer's last step)", fin);

  Stopwatch ctx;
  auto reg = trust::load_registry({}, true);
  if (!reg) die(reg.error().message());
  auto policy = trust::load_policy("clean-network");
  if (!policy) die(policy.error().message());
  trust::StatusOptions so;
  so.as_of = *core::Date::parse(opt.as_of);
  so.ignore_unverified = policy->ignore_unverified;
  trust::Resolver resolver(*reg);
  stage("bundled registry, clean-network policy, resolver", ctx);

  Stopwatch et_sw;
  path::ElementTrust trust(net, resolver, *policy, so);
  stage("path::ElementTrust (every device's and link's equipment resolved)", et_sw);

  Stopwatch pc_sw;
  path::PathChecker checker(net, trust);
  stage("path::PathChecker (CSR graph from the inventory)", pc_sw);

  Stopwatch mask_sw;
  const std::string cls = kTrafficClass;
  const graph::NodeMask& nodes = checker.allowed_nodes(cls);
  const graph::EdgeMask& edges = checker.allowed_edges(cls);
  stage("diplomatic masks and compact clean graph (every element judged by the policy)", mask_sw);

  // The vendors as the policy judges them, for the reader of the results.
  Json vendors = Json::array();
  for (const auto& [name, count] : inv.device_vendors) {
    auto m = resolver.resolve_name(name);
    trust::StatusVerdict v;
    if (m) v = trust::evaluate_status(*reg, m->org, so);
    const trust::Decision d = policy->decide(trust::Line::kPath, cls, "", v.status);
    const auto links = inv.link_vendors.find(name);
    vendors.push_back(Json{{"vendor", name},
                           {"devices", count},
                           {"links", links == inv.link_vendors.end() ? 0 : links->second},
                           {"organisation", m ? reg->org(m->org).id : ""},
                           {"status", trust::status_name(v.status)},
                           {"diplomatic", trust::action_name(d.action)}});
  }
  for (const auto& [name, count] : inv.link_vendors)
    if (!inv.device_vendors.count(name)) {
      auto m = resolver.resolve_name(name);
      trust::StatusVerdict v;
      if (m) v = trust::evaluate_status(*reg, m->org, so);
      vendors.push_back(
          Json{{"vendor", name},
               {"devices", 0},
               {"links", count},
               {"organisation", m ? reg->org(m->org).id : ""},
               {"status", trust::status_name(v.status)},
               {"diplomatic", trust::action_name(policy->decide(trust::Line::kPath, cls, "", v.status).action)}});
    }
  j["vendors"] = vendors;
  j["allowed"] = Json{{"devices", nodes.count()}, {"links", edges.count()}};

  out.resize(net.demands.size());
  for (size_t i = 0; i < net.demands.size(); ++i) {
    out[i].s = *net.find_device(net.demands[i].source);
    out[i].t = *net.find_device(net.demands[i].destination);
    out[i].endpoints_allowed = nodes.test(graph::NodeId{out[i].s}) && nodes.test(graph::NodeId{out[i].t});
  }

  // The product path: one verdict per demand.
  progress("PathChecker::check for " + std::to_string(net.demands.size()) + " demands ...");
  Stopwatch all_checks;
  for (size_t i = 0; i < net.demands.size() && !opt.skip_check; ++i) {
    Stopwatch q;
    const path::DemandVerdict v = checker.check(net.demands[i]);
    out[i].check_wall = q.wall();
    out[i].check_cpu = q.cpu();
    if (v.routed) out[i].routed_cost = v.routed->cost;
    out[i].routed_clean = v.routed_clean;
    if (v.alternative) out[i].check_cost = v.alternative->cost;
  }
  j["check_total"] = all_checks.json();
  j["check_skipped"] = opt.skip_check;
  stage("PathChecker::check, all demands", all_checks);

  // The clean-alternative search alone, as the peers do it.
  progress("graph::shortest_path (clean alternative only) for " + std::to_string(net.demands.size()) + " demands ...");
  const graph::Subgraph& clean = checker.clean_graph(cls);
  graph::SearchWorkspace ws;
  Stopwatch all_alts;
  for (auto& d : out) {
    Stopwatch q;
    const auto p = clean.shortest_path(graph::NodeId{d.s}, graph::NodeId{d.t}, ws);
    d.alt_wall = q.wall();
    d.alt_cpu = q.cpu();
    if (p) d.alt_cost = p->cost, d.alt_hops = p->edges.size();
  }
  j["alt_total"] = all_alts.json();
  stage("graph::shortest_path, all demands", all_alts);

  for (size_t i = 0; i < out.size() && !opt.skip_check; ++i)
    if (!same_cost(out[i].check_cost, out[i].alt_cost))
      die("demand " + net.demands[i].id + ": PathChecker::check found " + cost_text(out[i].check_cost) +
              " but graph::shortest_path " + cost_text(out[i].alt_cost),
          1);

  const Memory m = memory_now();
  j["peak_rss_mib"] = m.hwm_kib / 1024.0;
  j["graph"] = Json{{"nodes", checker.graph().num_nodes()},
                    {"edges", checker.graph().num_edges()},
                    {"arcs", checker.graph().num_arcs()},
                    {"memory_bytes", checker.graph().memory_bytes()},
                    {"workspace_bytes", ws.memory_bytes()},
                    {"clean_subgraph_bytes", clean.memory_bytes()},
                    {"clean_subgraph_nodes", clean.graph().num_nodes()},
                    {"clean_subgraph_edges", clean.graph().num_edges()},
                    {"mask_bytes", (nodes.words().size() + edges.words().size()) * sizeof(uint64_t)}};

  // The same edges, in link order, for the peers (as PathChecker builds its graph).
  shared.nodes = static_cast<uint32_t>(net.devices.size());
  shared.from.reserve(net.links.size());
  shared.to.reserve(net.links.size());
  shared.cost.reserve(net.links.size());
  for (const auto& l : net.links) {
    shared.from.push_back(*net.find_device(l.a));
    shared.to.push_back(*net.find_device(l.b));
    shared.cost.push_back(l.cost.value_or(1.0));
  }
  shared.node_words.assign(nodes.words().begin(), nodes.words().end());
  shared.edge_words.assign(edges.words().begin(), edges.words().end());
}

// The input of bench/path_networkx.py: little-endian, "CNPATH1\0", u32 nodes, u64 edges,
// u32 demands, then u32 from[edges], u32 to[edges], f64 cost[edges], u8 node_allowed[nodes],
// u8 edge_allowed[edges], u32 source[demands], u32 target[demands], f64 cleannet_cost[demands]
// (NaN: no clean path).
void write_nx_input(const std::string& path, const SharedInput& in, const std::vector<DemandResult>& demands) {
  std::ofstream f(path, std::ios::binary);
  if (!f) die("cannot write " + path);
  auto put = [&](const void* p, size_t n) { f.write(static_cast<const char*>(p), static_cast<std::streamsize>(n)); };
  const uint32_t nodes = in.nodes, nd = static_cast<uint32_t>(demands.size());
  const uint64_t m = in.from.size();
  put("CNPATH1", 8);
  put(&nodes, 4);
  put(&m, 8);
  put(&nd, 4);
  put(in.from.data(), m * 4);
  put(in.to.data(), m * 4);
  put(in.cost.data(), m * 8);
  std::vector<uint8_t> flags(nodes);
  for (uint32_t v = 0; v < nodes; ++v) flags[v] = bit(in.node_words, v);
  put(flags.data(), flags.size());
  flags.resize(m);
  for (uint32_t e = 0; e < m; ++e) flags[e] = bit(in.edge_words, e);
  put(flags.data(), flags.size());
  std::vector<uint32_t> s, t;
  std::vector<double> c;
  for (const auto& d : demands) s.push_back(d.s), t.push_back(d.t), c.push_back(d.alt_cost);
  put(s.data(), s.size() * 4);
  put(t.data(), t.size() * 4);
  put(c.data(), c.size() * 8);
  if (!f.flush()) die("cannot write " + path);
}

// ---- Phases 3 and 4: graph construction and the BGL peer -----------------------------

struct BglEdge {
  double weight;
  uint32_t link;  // the inventory's link index, for the edge mask
};
using BglGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, BglEdge, boost::no_property,
                                                    uint32_t, uint32_t>;

// filtered_graph predicates: the same bit masks cleannet searches with.
struct BglEdgeAllowed {
  const BglGraph* g = nullptr;
  const uint64_t* words = nullptr;
  bool operator()(const BglGraph::edge_descriptor& e) const {
    const uint32_t l = (*g)[e].link;
    return (words[l >> 6] >> (l & 63)) & 1;
  }
};
struct BglNodeAllowed {
  const uint64_t* words = nullptr;
  bool operator()(uint32_t v) const { return (words[v >> 6] >> (v & 63)) & 1; }
};

struct TargetSettled {};
// Ends dijkstra_shortest_paths once the target leaves the queue (its distance is final).
class StopAtTarget : public boost::default_dijkstra_visitor {
 public:
  explicit StopAtTarget(uint32_t t) : t_(t) {}
  template <typename Graph>
  void examine_vertex(uint32_t u, const Graph&) const {
    if (u == t_) throw TargetSettled{};
  }

 private:
  uint32_t t_;
};

void run_construction(const SharedInput& in, Json& j) {
  // cleannet's graph from the edge list, as BGL gets it below (the Edge array included).
  Stopwatch sw;
  std::vector<graph::Edge> edges(in.from.size());
  for (size_t i = 0; i < edges.size(); ++i)
    edges[i] = graph::Edge{graph::NodeId{in.from[i]}, graph::NodeId{in.to[i]}, in.cost[i]};
  auto g = graph::Csr::from_edges(in.nodes, edges, graph::Direction::kUndirected);
  if (!g) die(g.error().message());
  j["cleannet_csr_from_edges"] = sw.json();
  progress("graph::Csr::from_edges: " + std::to_string(sw.wall()) + " s");
}

void run_bgl(const SharedInput& in, std::vector<DemandResult>& demands, Json& j) {
  // BGL's CSR graph is directed: an undirected link is two arcs, as in cleannet's CSR.
  Stopwatch build;
  std::vector<std::pair<uint32_t, uint32_t>> arcs;
  std::vector<BglEdge> props;
  arcs.reserve(2 * in.from.size());
  props.reserve(2 * in.from.size());
  for (uint32_t e = 0; e < in.from.size(); ++e) {
    arcs.emplace_back(in.from[e], in.to[e]);
    props.push_back(BglEdge{in.cost[e], e});
    arcs.emplace_back(in.to[e], in.from[e]);
    props.push_back(BglEdge{in.cost[e], e});
  }
  BglGraph g(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), props.begin(), in.nodes);
  arcs.clear();
  arcs.shrink_to_fit();
  props.clear();
  props.shrink_to_fit();
  j["construction"] = build.json();
  progress("BGL compressed_sparse_row_graph: " + std::to_string(build.wall()) + " s");

  using Filtered = boost::filtered_graph<BglGraph, BglEdgeAllowed, BglNodeAllowed>;
  Filtered fg(g, BglEdgeAllowed{&g, in.edge_words.data()}, BglNodeAllowed{in.node_words.data()});
  std::vector<double> dist(in.nodes);
  std::vector<uint32_t> pred(in.nodes);
  const auto index = boost::get(boost::vertex_index, g);
  const auto weight = boost::get(&BglEdge::weight, g);

  progress("BGL filtered_graph + dijkstra_shortest_paths for " + std::to_string(demands.size()) + " demands ...");
  Stopwatch all;
  for (auto& d : demands) {
    Stopwatch q;
    // The rule cleannet applies: a forbidden endpoint means no clean path. (BGL starts
    // from the source whatever the vertex filter says.)
    if (bit(in.node_words, d.s) && bit(in.node_words, d.t)) {
      try {
        boost::dijkstra_shortest_paths(fg, d.s,
                                       boost::weight_map(weight)
                                           .distance_map(boost::make_iterator_property_map(dist.begin(), index))
                                           .predecessor_map(boost::make_iterator_property_map(pred.begin(), index))
                                           .visitor(StopAtTarget(d.t)));
      } catch (const TargetSettled&) {
      }
      if (dist[d.t] < std::numeric_limits<double>::max()) d.bgl_cost = dist[d.t];
    }
    d.bgl_wall = q.wall();
    d.bgl_cpu = q.cpu();
  }
  j["total"] = all.json();
  // Its arrays: row starts, arc targets, arc properties.
  j["graph_bytes"] = (size_t{boost::num_vertices(g)} + 1) * sizeof(uint32_t) +
                     size_t{boost::num_edges(g)} * (sizeof(uint32_t) + sizeof(BglEdge));
  const Memory m = memory_now();
  j["peak_rss_mib"] = m.hwm_kib / 1024.0;
}

// ---- The inventory as native JSON (--write-inventory) -----------------------------------

void json_string(std::FILE* f, std::string_view s) {
  std::fputc('"', f);
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      std::fputc('\\', f);
      std::fputc(c, f);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      std::fprintf(f, "\\u%04x", c);
    } else {
      std::fputc(c, f);
    }
  }
  std::fputc('"', f);
}

void json_field(std::FILE* f, const char* key, std::string_view value, bool first = false) {
  std::fprintf(f, "%s\"%s\": ", first ? "" : ", ", key);
  json_string(f, value);
}

void json_equipment(std::FILE* f, const netmodel::Equipment& e) {
  std::fputc('{', f);
  json_field(f, "vendor", e.vendor, true);
  if (!e.model.empty()) json_field(f, "model", e.model);
  std::fputc('}', f);
}

// One element a line, so that the file is readable with head and grep.
void write_inventory(const std::string& path, const netmodel::Network& net) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) die("cannot write " + path);
  std::fputs("{", f);
  json_field(f, "name", net.name, true);
  json_field(f, "provenance", net.provenance);
  std::fputs(", \"synthetic\": true,\n\"devices\": [\n", f);
  for (size_t i = 0; i < net.devices.size(); ++i) {
    const netmodel::Device& d = net.devices[i];
    std::fputc('{', f);
    json_field(f, "id", d.id, true);
    json_field(f, "name", d.name);
    json_field(f, "vendor", d.equipment.vendor);
    if (!d.equipment.model.empty()) json_field(f, "model", d.equipment.model);
    json_field(f, "role", netmodel::role_name(d.role));
    if (!d.segment.empty()) json_field(f, "segment", d.segment);
    if (!d.site.empty()) json_field(f, "site", d.site);
    if (!d.components.empty()) {
      std::fputs(", \"components\": [", f);
      for (size_t k = 0; k < d.components.size(); ++k) {
        if (k) std::fputs(", ", f);
        json_equipment(f, d.components[k]);
      }
      std::fputc(']', f);
    }
    std::fputs(i + 1 < net.devices.size() ? "},\n" : "}\n", f);
  }
  std::fputs("],\n\"links\": [\n", f);
  for (size_t i = 0; i < net.links.size(); ++i) {
    const netmodel::Link& l = net.links[i];
    std::fputc('{', f);
    json_field(f, "id", l.id, true);
    json_field(f, "a", l.a);
    json_field(f, "b", l.b);
    if (l.cost) std::fprintf(f, ", \"cost\": %.17g", *l.cost);
    if (!l.segment.empty()) json_field(f, "segment", l.segment);
    if (!l.equipment.empty()) {
      std::fputs(", \"equipment\": [", f);
      for (size_t k = 0; k < l.equipment.size(); ++k) {
        if (k) std::fputs(", ", f);
        json_equipment(f, l.equipment[k]);
      }
      std::fputc(']', f);
    }
    std::fputs(i + 1 < net.links.size() ? "},\n" : "}\n", f);
  }
  std::fputs("],\n\"demands\": [\n", f);
  for (size_t i = 0; i < net.demands.size(); ++i) {
    const netmodel::Demand& d = net.demands[i];
    std::fputc('{', f);
    json_field(f, "id", d.id, true);
    json_field(f, "source", d.source);
    json_field(f, "destination", d.destination);
    if (!d.traffic_class.empty()) json_field(f, "traffic_class", d.traffic_class);
    std::fputs(i + 1 < net.demands.size() ? "},\n" : "}\n", f);
  }
  std::fputs("]}\n", f);
  if (std::fclose(f) != 0) die("cannot write " + path);
}

bool flag(std::string_view arg, std::string_view name, std::string* value) {
  if (arg.substr(0, name.size()) != name) return false;
  *value = std::string(arg.substr(name.size()));
  return true;
}

uint64_t number(const std::string& flag_name, const std::string& v) {
  char* end = nullptr;
  const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
  if (v.empty() || *end) die(flag_name + " needs a number, not \"" + v + "\"");
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    std::string v;
    if (flag(argv[i], "--seed=", &v)) {
      opt.seed = number("--seed", v);
    } else if (flag(argv[i], "--devices=", &v)) {
      opt.devices = static_cast<uint32_t>(number("--devices", v));
    } else if (flag(argv[i], "--links=", &v)) {
      opt.links = number("--links", v);
    } else if (flag(argv[i], "--demands=", &v)) {
      opt.demands = static_cast<uint32_t>(number("--demands", v));
    } else if (flag(argv[i], "--as-of=", &v)) {
      if (!core::Date::parse(v)) die("--as-of needs a date YYYY-MM-DD, not \"" + v + "\"");
      opt.as_of = v;
    } else if (flag(argv[i], "--json=", &v)) {
      opt.json_path = v;
    } else if (flag(argv[i], "--nx-input=", &v)) {
      opt.nx_input_path = v;
    } else if (std::string_view(argv[i]) == "--skip-check") {
      opt.skip_check = true;
    } else if (flag(argv[i], "--write-inventory=", &v)) {
      opt.inventory_path = v;
    } else {
      die(std::string("unknown argument ") + argv[i] +
          "\nusage: path_bench [--seed=N] [--devices=N] [--links=N] [--demands=N] [--as-of=YYYY-MM-DD] [--json=FILE] "
          "[--nx-input=FILE] [--skip-check] [--write-inventory=FILE]");
    }
  }
  if (opt.links > std::numeric_limits<uint32_t>::max() / 2) die("--links must be below 2^31");

  Json j;
  j["synthetic"] = true;
  j["inventory"] = Json{{"seed", opt.seed},       {"devices", opt.devices},         {"links", opt.links},
                        {"demands", opt.demands}, {"traffic_class", kTrafficClass}, {"policy", "clean-network"},
                        {"as_of", opt.as_of}};
  j["host"] = host_json();
  j["load_average"]["start"] = load_average();

  progress("generating a SYNTHETIC inventory: " + std::to_string(opt.devices) + " devices, " +
           std::to_string(opt.links) + " links, " + std::to_string(opt.demands) + " demands, seed " +
           std::to_string(opt.seed));
  Stopwatch gen;
  Inventory inv = Generator(opt).make();
  j["generate"] = gen.json();
  j["inventory"]["sites"] = inv.sites;
  j["inventory"]["core_sites"] = inv.core_sites;
  j["inventory"]["links_inside_sites"] = inv.intra_links;
  j["inventory"]["metro_links"] = inv.metro_links;
  j["inventory"]["backbone_links"] = inv.backbone_links;
  j["inventory"]["links_with_equipment"] = inv.links_with_equipment;
  j["inventory"]["provenance"] = inv.net->provenance;
  progress("generated in " + std::to_string(gen.wall()) + " s: " + std::to_string(inv.sites) + " sites");
  if (!opt.inventory_path.empty()) {
    write_inventory(opt.inventory_path, *inv.net);
    progress("inventory written to " + opt.inventory_path + " (native JSON); nothing measured");
    return 0;
  }

  // cleannet's peak is measured from here: the inventory it is given, and everything after.
  j["peak_reset"] = reset_peak();
  std::vector<DemandResult> demands;
  SharedInput shared;
  Json cn;
  run_cleannet(*inv.net, inv, opt, demands, shared, cn);
  j["cleannet"] = std::move(cn);
  j["load_average"]["after_cleannet"] = load_average();
  std::vector<std::string> ids;
  for (const auto& d : inv.net->demands) ids.push_back(d.id);
  inv.net.reset();

  if (!opt.nx_input_path.empty()) write_nx_input(opt.nx_input_path, shared, demands);

  reset_peak();
  Json construction;
  run_construction(shared, construction);
  j["construction"] = std::move(construction);
  reset_peak();
  Json bgl;
  bgl["baseline_rss_mib"] = memory_now().rss_kib / 1024.0;  // the shared edge list and masks
  run_bgl(shared, demands, bgl);
  bgl["boost_version"] = BOOST_LIB_VERSION;
  j["bgl"] = std::move(bgl);
  j["load_average"]["end"] = load_average();

  Json ds = Json::array();
  size_t mismatches = 0;
  for (size_t i = 0; i < demands.size(); ++i) {
    const DemandResult& d = demands[i];
    auto cost = [](double c) { return std::isnan(c) ? Json() : Json(c); };
    ds.push_back(Json{{"id", ids[i]},
                      {"s", d.s},
                      {"t", d.t},
                      {"endpoints_allowed", d.endpoints_allowed},
                      {"routed_cost", cost(d.routed_cost)},
                      {"routed_clean", d.routed_clean},
                      {"alt_cost", cost(d.alt_cost)},
                      {"alt_hops", d.alt_hops},
                      {"bgl_cost", cost(d.bgl_cost)},
                      {"check_wall", d.check_wall},
                      {"check_cpu", d.check_cpu},
                      {"alt_wall", d.alt_wall},
                      {"alt_cpu", d.alt_cpu},
                      {"bgl_wall", d.bgl_wall},
                      {"bgl_cpu", d.bgl_cpu}});
    if (!same_cost(d.alt_cost, d.bgl_cost)) {
      if (mismatches++ < 10)
        std::fprintf(stderr, "path_bench: MISMATCH demand %s (%u -> %u): cleannet %s, BGL %s\n", ids[i].c_str(), d.s,
                     d.t, cost_text(d.alt_cost).c_str(), cost_text(d.bgl_cost).c_str());
    }
  }
  j["demands"] = ds;
  j["agree"] = Json{{"cleannet_bgl_mismatches", mismatches}};
  if (!opt.json_path.empty()) {
    std::ofstream f(opt.json_path);
    f << j.dump(1) << "\n";
    if (!f) die("cannot write " + opt.json_path);
  }
  if (mismatches)
    die(std::to_string(mismatches) + " demands where cleannet and BGL disagree on the clean path's cost", 1);
  progress("cleannet and BGL agree on all " + std::to_string(demands.size()) + " demands");
  return 0;
}
