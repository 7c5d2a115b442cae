// lookup_bench: identifier lookups per second for each identifier kind, comparing
// trust::Resolver (hash maps and per-length prefix tables) with its named peer,
// LinearResolver (bench/linear_resolver.h: the naive approach, a linear scan of the same
// registry), on the same pre-generated queries in the same run, over these registries:
//
//   bundled          the bundled registry (data/registry/default.toml) plus every IEEE
//                    assignment in /usr/share/ieee-data (MA-L, MA-M, MA-S, IAB)
//   synthetic-10k,   the same plus a SYNTHETIC layer of 10,000 / 100,000 made-up
//   synthetic-100k   organisations (random ASNs, IPv4/IPv6 prefixes, domains, packages, SDK
//                    prefixes, MA-S OUIs, names and aliases) from a seeded generator
//                    (std::mt19937_64, seed kSyntheticSeed), loaded through the TOML loader
//                    like any --registry file. None of it is real data.
//
// Benchmarks are named lookup/<registry>/<kind>/<indexed|linear>, load/<what> (registry
// TOML parse and checks, IEEE CSVs, resolver index construction) and reference/random-load
// (one dependent random memory load, to read the rest against). Each lookup iteration
// resolves a batch of pre-generated queries, half drawn from the registry (hits) and half
// random (mostly misses); items_per_second is lookups per second and hit_rate the share
// that resolved. The linear peer runs on the first `linear_sample` queries of the same set
// (on the synthetic registries it is orders of magnitude slower), and its answers from its
// first timed pass must equal the indexed resolver's, or the run stops. scripts/bench runs
// everything and prints the table; docs/PERFORMANCE.md has results.
//
// Own flags (before the Google Benchmark ones): --synthetic_orgs=N,N,... (default
// 10000,100000: one synthetic registry per size; the smaller is a prefix of the larger, as the
// generator draws organisations one after another from the same seed),
// --linear_sample_synthetic=N (32), --ieee_dir=DIR (/usr/share/ieee-data),
// --write_synthetic=FILE (write the largest synthetic layer to FILE as TOML and exit, to time
// `cleannet registry lookup --registry FILE ...` on it).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "cleannet/core/ipaddr.h"
#include "cleannet/core/text.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/trust/ieee_oui.h"
#include "cleannet/trust/names.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"
#include "linear_resolver.h"

namespace {

using namespace cleannet;
using bench::LinearResolver;
using Rng = std::mt19937_64;

// ---- Configuration ----------------------------------------------------------------------

constexpr uint64_t kSyntheticSeed = 20240611;           // the SYNTHETIC registry layer
constexpr uint64_t kQuerySeed = 0x5eed0f0a11c0ffeeULL;  // the query sets (same for both registries)
constexpr size_t kQueries = 8192;                       // per kind

struct Options {
  std::vector<size_t> synthetic_orgs = {10000, 100000};
  size_t linear_sample_bundled = 1024;
  size_t linear_sample_synthetic = 32;
  std::string ieee_dir = trust::IeeeOuiRegistry::kDefaultDir;
  std::string write_synthetic;
};
Options g_opt;

[[noreturn]] void die(const std::string& msg) {
  std::fprintf(stderr, "lookup_bench: %s\n", msg.c_str());
  std::exit(2);
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

enum Kind { kAsn, kIpv4, kIpv6, kMac, kDomain, kPackage, kName, kNameNoise, kMixed, kNumKinds };
constexpr const char* kKindNames[kNumKinds] = {"asn",     "ipv4", "ipv6",       "mac",      "domain",
                                               "package", "name", "name-noise", "mixed-e2e"};
// Forces the kind when parsing a per-kind query; the mixed stream is parsed as given.
constexpr const char* kKindForce[kNumKinds] = {
    "asn:", "ip:", "ip:", "mac:", "domain:", "package:", "name:", "name:", ""};

// ---- Random helpers ---------------------------------------------------------------------

uint64_t uniform(Rng& r, uint64_t lo, uint64_t hi) { return std::uniform_int_distribution<uint64_t>(lo, hi)(r); }
bool chance(Rng& r, double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(r) < p; }
template <typename C>
const auto& pick(Rng& r, const C& c) {
  return c[uniform(r, 0, std::size(c) - 1)];
}

constexpr std::string_view kSyllables[] = {"ka",  "ro",  "vi",  "ten", "mar", "lo",  "zu",  "shi", "an",  "del",
                                           "tri", "por", "nex", "qua", "bel", "sor", "fen", "gal", "hu",  "dra",
                                           "mi",  "tel", "syn", "vor", "lin", "ta",  "ber", "xi",  "ul",  "mo",
                                           "ren", "pa",  "ko",  "ne",  "gu",  "li",  "da",  "fi",  "wen", "jo"};
constexpr std::string_view kDescriptors[] = {"Networks", "Telecom",        "Technologies", "Cloud",
                                             "Systems",  "Communications", "Electronics",  "Semiconductor",
                                             "Digital",  "Mobile",         "Data",         "Software"};
constexpr std::string_view kLegalForms[] = {"Co., Ltd.",   "Inc.", "GmbH", "S.A.", "LLC", "Limited",
                                            "Corporation", "Ltd.", "AG",   "B.V.", "",    ""};
constexpr std::string_view kTlds[] = {"com", "net", "cn", "org", "io", "com.cn", "co.jp", "de", "ru", "tech"};
constexpr std::string_view kCountries[] = {"CN", "US", "DE", "JP", "GB", "FR", "KR", "RU", "IN", "BR", "SE", "FI"};
constexpr std::string_view kOrgKinds[] = {"vendor", "carrier", "cloud", "app-publisher", "device-maker", "sdk"};
constexpr std::string_view kSubdomains[] = {"www", "cdn", "api", "mail", "img", "static", "oss-cn-hangzhou", "edge"};
constexpr std::string_view kNoise[] = {"Shenzhen Branch",        "(Hong Kong) Limited", "Research Institute",
                                       "International Holdings", "Europe Office",       "Beijing Representative Office",
                                       "Mobile Division",        "Test Lab 3"};

std::string word(Rng& r) {
  std::string w;
  for (uint64_t i = 0, n = uniform(r, 2, 3); i < n; ++i) w += pick(r, kSyllables);
  return w;
}
std::string capitalise(std::string w) {
  if (!w.empty() && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 'a' + 'A');
  return w;
}
// "Kavoro Delmi Networks Co., Ltd."; *first gets the first word in lower case.
std::string company_name(Rng& r, std::string* first = nullptr) {
  std::string w1 = word(r);
  std::string s = capitalise(w1);
  if (chance(r, 0.6)) s += " " + capitalise(word(r));
  if (chance(r, 0.7)) s += " " + std::string(pick(r, kDescriptors));
  if (auto legal = pick(r, kLegalForms); !legal.empty()) s += " " + std::string(legal);
  if (first) *first = std::move(w1);
  return s;
}

std::string ipv4_text(uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." + std::to_string((a >> 8) & 255) + "." +
         std::to_string(a & 255);
}
std::string address_text(const core::Prefix& p) {
  std::string s = p.to_string();  // "2001:db8::1/128"
  return s.substr(0, s.rfind('/'));
}
// A random address inside p (all host bits random).
core::Prefix address_in(Rng& r, const core::Prefix& p) {
  core::Prefix a = p;
  a.len = p.max_len();
  for (int bit = p.len; bit < a.len; ++bit)
    if (chance(r, 0.5)) a.bytes[bit / 8] |= static_cast<uint8_t>(0x80 >> (bit % 8));
  return a;
}
std::string mac_text(uint64_t v) {
  char buf[18];
  std::snprintf(buf, sizeof buf, "%02X:%02X:%02X:%02X:%02X:%02X", static_cast<unsigned>((v >> 40) & 255),
                static_cast<unsigned>((v >> 32) & 255), static_cast<unsigned>((v >> 24) & 255),
                static_cast<unsigned>((v >> 16) & 255), static_cast<unsigned>((v >> 8) & 255),
                static_cast<unsigned>(v & 255));
  return buf;
}
uint64_t mac_in(Rng& r, const trust::Oui& o) {
  int host = 48 - o.bits;
  return (o.value << host) | (uniform(r, 0, ~0ULL) & ((1ULL << host) - 1));
}

// ---- The SYNTHETIC registry layer -------------------------------------------------------

// Generates `n` made-up organisations as one TOML registry layer. Every identifier and
// normalised name is unique and distinct from `base` (the bundled registry), so the layer
// passes the registry checks (an identifier claimed twice is an error).
class SyntheticLayer {
 public:
  SyntheticLayer(uint64_t seed, const trust::Registry& base) : rng_(seed) {
    for (const auto& o : base.organisations()) {
      names_.insert(trust::normalise_name(o.name));
      for (const auto& a : o.aliases) names_.insert(trust::normalise_name(a));
      const auto& ids = o.identifiers;
      asns_.insert(ids.asns.begin(), ids.asns.end());
      for (const auto& p : ids.prefixes) prefixes_.insert(p.to_string());
      for (const auto& x : ids.ouis) ouis_.insert(x.to_string());
      domains_.insert(ids.domains.begin(), ids.domains.end());
      packages_.insert(ids.android_packages.begin(), ids.android_packages.end());
      sdks_.insert(ids.sdk_prefixes.begin(), ids.sdk_prefixes.end());
    }
  }

  std::string toml(size_t n) {
    std::string out;
    out.reserve(n * 420);
    out += "# SYNTHETIC registry layer: made-up organisations for bench/lookup_bench.cc only, not real data.\n";
    out += "# std::mt19937_64 seed " + std::to_string(kSyntheticSeed) + ", " + std::to_string(n) + " organisations.\n";
    out += "schema = 1\n";
    for (size_t i = 0; i < n; ++i) organisation(out, i);
    return out;
  }

 private:
  // Draws until `make` gives a value not in `seen` (at most 50 tries; nullopt then).
  template <typename Set, typename Make>
  auto fresh(Set& seen, Make make) -> std::optional<typename Set::key_type> {
    for (int tries = 0; tries < 50; ++tries) {
      auto v = make();
      if (seen.insert(v).second) return v;
    }
    return std::nullopt;
  }

  static void array(std::string& out, const char* key, const std::vector<std::string>& v, bool quote = true) {
    if (v.empty()) return;
    out += key;
    out += " = [";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      if (quote) out += '"';
      out += v[i];
      if (quote) out += '"';
    }
    out += "]\n";
  }

  void organisation(std::string& out, size_t i) {
    Rng& r = rng_;
    std::string first;
    std::string name;
    for (;;) {
      name = company_name(r, &first);
      if (names_.insert(trust::normalise_name(name)).second) break;
    }
    std::vector<std::string> aliases;
    if (chance(r, 0.5) && names_.insert(trust::normalise_name(first)).second) aliases.push_back(capitalise(first));

    std::vector<std::string> asns, prefixes, ouis, domains, packages, sdks;
    for (uint64_t k = 0, c = uniform(r, 0, 4); k < c; ++k)
      if (auto a = fresh(asns_, [&] { return static_cast<uint32_t>(uniform(r, 1, 4199999999ULL)); }))
        asns.push_back(std::to_string(*a));
    for (uint64_t k = 0, c = uniform(r, 0, 4); k < c; ++k)
      if (auto p = fresh(prefixes_, [&] {
            core::Prefix p;
            uint32_t a = static_cast<uint32_t>(uniform(r, 0x01000000, 0xDFFFFFFF));
            for (int b = 0; b < 4; ++b) p.bytes[b] = static_cast<uint8_t>(a >> (24 - 8 * b));
            return core::truncate(p, static_cast<uint8_t>(uniform(r, 16, 24))).to_string();
          }))
        prefixes.push_back(*p);
    for (uint64_t k = 0, c = uniform(r, 0, 2); k < c; ++k)
      if (auto p = fresh(prefixes_, [&] {
            core::Prefix p;
            p.v6 = true;
            for (int b = 0; b < 6; ++b) p.bytes[b] = static_cast<uint8_t>(uniform(r, 0, 255));
            p.bytes[0] = static_cast<uint8_t>(0x20 | (p.bytes[0] & 0x1F));  // 2000::/3
            return core::truncate(p, static_cast<uint8_t>(uniform(r, 29, 48))).to_string();
          }))
        prefixes.push_back(*p);
    if (chance(r, 0.1))
      if (auto o = fresh(ouis_, [&] { return trust::Oui{uniform(r, 0, (1ULL << 36) - 1), 36}.to_string(); }))
        ouis.push_back(*o);
    for (uint64_t k = 0, c = uniform(r, 1, 3); k < c; ++k)
      if (auto d = fresh(domains_, [&] {
            std::string label = chance(r, 0.5) ? first + word(r) : first + "-" + core::to_lower(pick(r, kDescriptors));
            return label + "." + std::string(pick(r, kTlds));
          }))
        domains.push_back(*d);
    for (uint64_t k = 0, c = uniform(r, 0, 2); k < c; ++k)
      if (auto p = fresh(packages_, [&] {
            return std::string(chance(r, 0.7) ? "com" : "cn") + "." + first + word(r) + "." + word(r);
          }))
        packages.push_back(*p);
    if (chance(r, 0.15))
      if (auto p = fresh(sdks_, [&] { return "com." + first + word(r) + ".sdk"; })) sdks.push_back(*p);

    out += "\n[[organisation]]\n";
    char id[32];
    std::snprintf(id, sizeof id, "syn-%06zu", i);
    out += "id = \"" + std::string(id) + "\"\n";
    out += "name = \"" + name + "\"\n";
    array(out, "aliases", aliases);
    out += "country = \"" + std::string(pick(r, kCountries)) + "\"\n";
    out += "kinds = [\"" + std::string(pick(r, kOrgKinds)) + "\"]\n";
    out += "[organisation.identifiers]\n";
    array(out, "asns", asns, false);
    array(out, "prefixes", prefixes);
    array(out, "ouis", ouis);
    array(out, "domains", domains);
    array(out, "android_packages", packages);
    array(out, "sdk_prefixes", sdks);
  }

  Rng rng_;
  std::unordered_set<std::string> names_, prefixes_, ouis_, domains_, packages_, sdks_;
  std::unordered_set<uint32_t> asns_;
};

// ---- Registries, shared by all benchmarks (built once, outside any timed loop) ----------

using Layers = std::vector<std::pair<std::string, std::string_view>>;

trust::Registry load_layers(const Layers& layers) {
  trust::RegistryBuilder b;
  for (const auto& [name, text] : layers) {
    auto errs = b.add_layer(name, text);
    if (!errs.empty()) die(errs.front().message() + " (" + std::to_string(errs.size()) + " problems)");
  }
  auto errs = b.finish();
  if (!errs.empty()) die(errs.front().message() + " (" + std::to_string(errs.size()) + " problems)");
  return b.take();
}

Layers bundled_layers() { return {{trust::kBundledRegistryName, trust::bundled_registry_toml()}}; }

const trust::IeeeOuiRegistry& ieee() {
  static const trust::IeeeOuiRegistry r = [] {
    auto x = trust::IeeeOuiRegistry::load_dir(g_opt.ieee_dir);
    if (!x) die(x.error().message());
    return std::move(*x);
  }();
  return r;
}

std::string synthetic_label(size_t n) {
  return "synthetic-" + (n % 1000 == 0 ? std::to_string(n / 1000) + "k" : std::to_string(n));
}

// The bundled registry plus the SYNTHETIC layer of n organisations (generated once per n).
Layers synthetic_layers(size_t n) {
  static std::map<size_t, std::string> texts;
  auto it = texts.find(n);
  if (it == texts.end()) {
    auto t0 = std::chrono::steady_clock::now();
    trust::Registry base = load_layers(bundled_layers());
    it = texts.emplace(n, SyntheticLayer(kSyntheticSeed, base).toml(n)).first;
    std::fprintf(stderr,
                 "lookup_bench: generated a SYNTHETIC registry layer: %zu made-up organisations, %.1f MiB of TOML "
                 "(std::mt19937_64 seed %llu) in %.2f s\n",
                 n, static_cast<double>(it->second.size()) / (1 << 20), static_cast<unsigned long long>(kSyntheticSeed),
                 seconds_since(t0));
  }
  Layers l = bundled_layers();
  l.emplace_back("synthetic:lookup_bench(orgs=" + std::to_string(n) + ",seed=" + std::to_string(kSyntheticSeed) + ")",
                 it->second);
  return l;
}

struct QuerySet {
  std::vector<std::string> text;                      // as a user would type it
  std::vector<trust::Identifier> ids;                 // parsed (per-kind sets: with the kind forced)
  std::vector<std::optional<trust::Match>> expected;  // the indexed resolver's answers
};

// A registry with its resolvers and query sets. Built in stages, each at most once: the
// load benchmarks build the registry and the indexes inside their timed loop and leave
// them here, so the 100k-organisation registry is parsed once per run, not twice.
struct World {
  World(std::string l, std::function<Layers()> ls, size_t sample)
      : label(std::move(l)), layers(std::move(ls)), linear_sample(sample) {}
  std::string label;
  std::function<Layers()> layers;
  size_t linear_sample;
  std::unique_ptr<trust::Registry> reg;
  std::unique_ptr<trust::Resolver> indexed;
  std::unique_ptr<LinearResolver> linear;
  std::array<QuerySet, kNumKinds> q;
  bool queries_built = false;
  std::array<bool, kNumKinds> verified{};
};

bool same(const std::optional<trust::Match>& a, const std::optional<trust::Match>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return a->org == b->org && a->kind == b->kind && a->how == b->how && a->confidence == b->confidence &&
         a->matched == b->matched && a->via == b->via && a->identifier_verified == b->identifier_verified;
}

std::string describe(const trust::Registry& reg, const std::optional<trust::Match>& m) {
  if (!m) return "no match";
  return reg.org(m->org).id + " (" + m->how + " " + m->matched + (m->via.empty() ? "" : "; " + m->via) + ")";
}

// Draws the query sets: for each kind, half drawn from the registry (hits, perhaps with
// noise: subdomains, sub-packages, host bits, case) and half random (mostly misses).
void build_queries(World& w) {
  const trust::Registry& reg = *w.reg;
  Rng r(kQuerySeed);
  std::vector<uint32_t> asns;
  std::vector<core::Prefix> v4, v6;
  std::vector<trust::Oui> ouis;
  std::vector<std::string> domains, packages;
  std::vector<const trust::Organisation*> orgs;
  for (const auto& o : reg.organisations()) {
    orgs.push_back(&o);
    const auto& ids = o.identifiers;
    asns.insert(asns.end(), ids.asns.begin(), ids.asns.end());
    for (const auto& p : ids.prefixes) (p.v6 ? v6 : v4).push_back(p);
    ouis.insert(ouis.end(), ids.ouis.begin(), ids.ouis.end());
    domains.insert(domains.end(), ids.domains.begin(), ids.domains.end());
    packages.insert(packages.end(), ids.android_packages.begin(), ids.android_packages.end());
    packages.insert(packages.end(), ids.sdk_prefixes.begin(), ids.sdk_prefixes.end());
  }
  // IEEE assignments whose registrant resolves to a registry organisation, and the rest.
  std::vector<trust::Oui> attributed, unattributed;
  std::unordered_map<std::string, bool> resolves;
  for (const auto& a : ieee().assignments()) {
    auto [it, fresh] = resolves.try_emplace(a.organisation, false);
    if (fresh) it->second = w.indexed->resolve_name(a.organisation).has_value();
    (it->second ? attributed : unattributed).push_back(a.oui);
  }
  // A kind the registry has no identifiers of (the bundled registry has no IP prefixes)
  // gets only random queries: all misses.
  auto none = [&](Kind k) {
    switch (k) {
      case kAsn:
        return asns.empty();
      case kIpv4:
        return v4.empty();
      case kIpv6:
        return v6.empty();
      case kMac:
        return attributed.empty() && ouis.empty();
      case kDomain:
        return domains.empty();
      case kPackage:
        return packages.empty();
      default:
        return orgs.empty();
    }
  };

  auto gen = [&](Kind k, bool from_registry) -> std::string {
    if (none(k)) from_registry = false;
    switch (k) {
      case kAsn:
        return "AS" + std::to_string(from_registry ? pick(r, asns) : static_cast<uint32_t>(uniform(r, 1, 0xFFFFFFFF)));
      case kIpv4:
        if (from_registry) return address_text(address_in(r, pick(r, v4)));
        return ipv4_text(static_cast<uint32_t>(uniform(r, 0x01000000, 0xDFFFFFFF)));
      case kIpv6: {
        if (from_registry) return address_text(address_in(r, pick(r, v6)));
        core::Prefix global;  // 2000::/3
        global.v6 = true;
        global.bytes[0] = 0x20;
        global.len = 3;
        return address_text(address_in(r, global));
      }
      case kMac: {
        if (!from_registry) {
          // An address inside an IEEE assignment whose registrant is not in the registry
          // (found in IEEE, then no organisation), or any random address.
          if (!unattributed.empty() && chance(r, 0.5)) return mac_text(mac_in(r, pick(r, unattributed)));
          return mac_text(uniform(r, 0, (1ULL << 48) - 1));
        }
        if (!ouis.empty() && (attributed.empty() || chance(r, 0.2))) return mac_text(mac_in(r, pick(r, ouis)));
        return mac_text(mac_in(r, pick(r, attributed)));
      }
      case kDomain: {
        if (!from_registry) return word(r) + word(r) + "." + std::string(pick(r, kTlds));
        std::string d = pick(r, domains);
        for (uint64_t i = 0, n = uniform(r, 0, 2); i < n; ++i)
          d = (chance(r, 0.5) ? std::string(pick(r, kSubdomains)) : word(r)) + "." + d;
        return d;
      }
      case kPackage: {
        if (!from_registry) return "com." + word(r) + "." + word(r);
        std::string p = pick(r, packages);
        for (uint64_t i = 0, n = uniform(r, 0, 2); i < n; ++i) p += "." + word(r);
        return p;
      }
      case kName:
      case kNameNoise: {
        std::string s;
        if (!from_registry) {
          s = company_name(r);
        } else {
          const trust::Organisation& o = *pick(r, orgs);
          double u = std::uniform_real_distribution<double>(0.0, 1.0)(r);
          if (k == kNameNoise)
            s = (!o.aliases.empty() && u < 0.3) ? pick(r, o.aliases) : o.name;
          else if (u < 0.35)
            s = o.name;  // exact name
          else if (u < 0.50)
            s = o.aliases.empty() ? o.name : pick(r, o.aliases);  // alias
          else if (u < 0.65)
            s = core::to_lower(o.name);  // other case
          else if (u < 0.90)
            s = capitalise(trust::normalise_name(o.name)) + " " + std::string(pick(r, kLegalForms));
          else
            s = o.id;
        }
        if (k == kNameNoise) s += " " + std::string(pick(r, kNoise));
        return std::string(core::trim(s));
      }
      case kMixed:
      case kNumKinds:
        break;
    }
    return {};
  };

  auto finish = [&](Kind k) {
    QuerySet& qs = w.q[k];
    for (const auto& t : qs.text) {
      auto id = trust::parse_identifier(kKindForce[k] + t);
      if (!id) die(w.label + ": query \"" + t + "\" does not parse: " + id.error().message());
      qs.ids.push_back(std::move(*id));
      qs.expected.push_back(w.indexed->resolve(qs.ids.back()));
    }
  };
  for (int k = 0; k < kMixed; ++k) {
    for (size_t i = 0; i < kQueries; ++i) w.q[k].text.push_back(gen(static_cast<Kind>(k), chance(r, 0.5)));
    finish(static_cast<Kind>(k));
  }
  // The mixed stream: the same texts, kinds interleaved at random, without kind prefixes.
  for (size_t i = 0; i < kQueries; ++i) w.q[kMixed].text.push_back(pick(r, w.q[uniform(r, 0, kMixed - 1)].text));
  finish(kMixed);
}

const trust::Registry& ensure_registry(World& w) {
  if (!w.reg) w.reg = std::make_unique<trust::Registry>(load_layers(w.layers()));
  return *w.reg;
}

World& ensure_ready(World& w) {
  if (w.queries_built) return w;
  auto t0 = std::chrono::steady_clock::now();
  ensure_registry(w);
  if (!w.indexed) w.indexed = std::make_unique<trust::Resolver>(*w.reg, &ieee());
  w.linear = std::make_unique<LinearResolver>(*w.reg, &ieee());
  build_queries(w);
  w.queries_built = true;
  std::fprintf(stderr, "lookup_bench: %s: %zu organisations, %zu IEEE assignments, %zu queries per kind (%.2f s)\n",
               w.label.c_str(), w.reg->organisations().size(), ieee().size(), kQueries, seconds_since(t0));
  return w;
}

// One world per registry, created at registration and built lazily.
std::vector<std::unique_ptr<World>> g_worlds;

// ---- Benchmarks -------------------------------------------------------------------------

void BM_Lookup(benchmark::State& state, World* world, Kind k, bool linear) {
  World& w = ensure_ready(*world);
  const QuerySet& qs = w.q[k];
  const size_t n = linear ? std::min(w.linear_sample, qs.text.size()) : qs.text.size();
  // The linear peer's answers from its first timed pass are kept and compared with the
  // indexed resolver's afterwards: the ratio is only meaningful if both agree.
  std::vector<std::optional<trust::Match>> captured;
  bool capture = linear && !w.verified[k];
  if (capture) captured.resize(n);

  auto lookup = [&](size_t i) {
    if (k != kMixed) return linear ? w.linear->resolve(qs.ids[i]) : w.indexed->resolve(qs.ids[i]);
    // End to end: detect the kind from the text, then resolve.
    auto id = trust::parse_identifier(qs.text[i]);
    if (!id) return std::optional<trust::Match>();
    return linear ? w.linear->resolve(*id) : w.indexed->resolve(*id);
  };
  for (auto _ : state) {
    if (capture) {
      for (size_t i = 0; i < n; ++i) captured[i] = lookup(i);
      capture = false;
      continue;
    }
    for (size_t i = 0; i < n; ++i) {
      auto m = lookup(i);
      benchmark::DoNotOptimize(m);
    }
  }
  if (!captured.empty()) {
    for (size_t i = 0; i < n; ++i)
      if (!same(captured[i], qs.expected[i]))
        die(w.label + "/" + kKindNames[k] + ": the linear scan disagrees on \"" + qs.text[i] + "\": indexed " +
            describe(*w.reg, qs.expected[i]) + ", linear " + describe(*w.reg, captured[i]));
    w.verified[k] = true;
  }

  size_t hits = 0;
  for (size_t i = 0; i < n; ++i) hits += qs.expected[i].has_value();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(n));
  state.counters["queries"] = static_cast<double>(n);
  state.counters["hit_rate"] = static_cast<double>(hits) / static_cast<double>(n);
  state.counters["orgs"] = static_cast<double>(w.reg->organisations().size());
}

// Load costs; destruction is left out of the timing. The first registry and resolver
// built are kept for the lookup benchmarks.
void BM_LoadRegistry(benchmark::State& state, World* world) {
  World& w = *world;
  Layers l = w.layers();
  size_t bytes = 0;
  for (const auto& [name, text] : l) bytes += text.size();
  size_t orgs = 0;
  for (auto _ : state) {
    auto reg = std::make_unique<trust::Registry>(load_layers(l));
    state.PauseTiming();
    orgs = reg->organisations().size();
    if (!w.reg) w.reg = std::move(reg);
    reg.reset();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["orgs"] = static_cast<double>(orgs);
}

void BM_LoadIeee(benchmark::State& state) {
  size_t n = 0;
  for (auto _ : state) {
    auto loaded = trust::IeeeOuiRegistry::load_dir(g_opt.ieee_dir);
    if (!loaded) die(loaded.error().message());
    auto r = std::make_unique<trust::IeeeOuiRegistry>(std::move(*loaded));
    state.PauseTiming();
    n = r->size();
    r.reset();
    state.ResumeTiming();
  }
  state.counters["ieee_assignments"] = static_cast<double>(n);
}

void BM_LoadResolverIndex(benchmark::State& state, World* world) {
  World& w = *world;
  const trust::Registry& reg = ensure_registry(w);
  const trust::IeeeOuiRegistry& ie = ieee();
  for (auto _ : state) {
    auto r = std::make_unique<trust::Resolver>(reg, &ie);
    state.PauseTiming();
    if (!w.indexed) w.indexed = std::move(r);
    r.reset();
    state.ResumeTiming();
  }
  state.counters["orgs"] = static_cast<double>(reg.organisations().size());
}

// Everything a first lookup waits for: bundled registry, IEEE CSVs, resolver indexes.
void BM_LoadBundledTotal(benchmark::State& state) {
  for (auto _ : state) {
    auto reg = std::make_unique<trust::Registry>(load_layers(bundled_layers()));
    auto loaded = trust::IeeeOuiRegistry::load_dir(g_opt.ieee_dir);
    if (!loaded) die(loaded.error().message());
    auto ie = std::make_unique<trust::IeeeOuiRegistry>(std::move(*loaded));
    auto r = std::make_unique<trust::Resolver>(*reg, ie.get());
    benchmark::DoNotOptimize(r.get());
    state.PauseTiming();
    r.reset();
    reg.reset();
    ie.reset();
    state.ResumeTiming();
  }
}

// Reference: one dependent random memory load (pointer chasing through a shuffled cycle)
// in a block of the given size, to read the lookup figures against: each hash probe into a
// large table costs about one such load (more with chained buckets).
void BM_RandomLoad(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0)) * 1024 / sizeof(uint32_t);
  std::vector<uint32_t> order(n), next(n);
  for (size_t i = 0; i < n; ++i) order[i] = static_cast<uint32_t>(i);
  std::shuffle(order.begin(), order.end(), Rng(1));
  for (size_t i = 0; i < n; ++i) next[order[i]] = order[(i + 1) % n];
  constexpr size_t kSteps = 1 << 16;
  uint32_t p = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < kSteps; ++i) p = next[p];
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kSteps));
}

void register_all() {
  g_worlds.push_back(std::make_unique<World>("bundled", bundled_layers, g_opt.linear_sample_bundled));
  for (size_t n : g_opt.synthetic_orgs)
    g_worlds.push_back(std::make_unique<World>(
        synthetic_label(n), [n] { return synthetic_layers(n); }, g_opt.linear_sample_synthetic));
  World* bundled = g_worlds.front().get();

  benchmark::RegisterBenchmark("reference/random-load-KiB", BM_RandomLoad)->Arg(256)->Arg(64 << 10);
  benchmark::RegisterBenchmark("load/bundled/registry-toml", BM_LoadRegistry, bundled)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("load/ieee/csv", BM_LoadIeee)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("load/bundled/resolver-index", BM_LoadResolverIndex, bundled)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("load/bundled/total", BM_LoadBundledTotal)->Unit(benchmark::kMillisecond);
  for (size_t i = 1; i < g_worlds.size(); ++i) {
    // Up to seconds each: timed once.
    World* w = g_worlds[i].get();
    benchmark::RegisterBenchmark(("load/" + w->label + "/registry-toml").c_str(), BM_LoadRegistry, w)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
    benchmark::RegisterBenchmark(("load/" + w->label + "/resolver-index").c_str(), BM_LoadResolverIndex, w)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
  }
  for (const auto& w : g_worlds)
    for (int k = 0; k < kNumKinds; ++k)
      for (bool linear : {false, true})
        benchmark::RegisterBenchmark(
            ("lookup/" + w->label + "/" + kKindNames[k] + "/" + (linear ? "linear" : "indexed")).c_str(), BM_Lookup,
            w.get(), static_cast<Kind>(k), linear);
}

bool flag(const char* arg, const char* name, std::string* value) {
  size_t n = std::string_view(name).size();
  if (std::string_view(arg).substr(0, n) != name) return false;
  *value = arg + n;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    std::string v;
    if (i > 0 && flag(argv[i], "--synthetic_orgs=", &v)) {
      g_opt.synthetic_orgs.clear();
      for (auto part : core::split(v, ','))
        if (!part.empty()) g_opt.synthetic_orgs.push_back(std::stoul(std::string(part)));
    } else if (i > 0 && flag(argv[i], "--linear_sample_synthetic=", &v)) {
      g_opt.linear_sample_synthetic = std::stoul(v);
    } else if (i > 0 && flag(argv[i], "--ieee_dir=", &v)) {
      g_opt.ieee_dir = v;
    } else if (i > 0 && flag(argv[i], "--write_synthetic=", &v)) {
      g_opt.write_synthetic = v;
    } else {
      args.push_back(argv[i]);
    }
  }
  if (!g_opt.write_synthetic.empty()) {
    if (g_opt.synthetic_orgs.empty()) die("--write_synthetic needs a --synthetic_orgs size");
    size_t orgs = *std::max_element(g_opt.synthetic_orgs.begin(), g_opt.synthetic_orgs.end());
    std::string_view text = synthetic_layers(orgs).back().second;
    std::FILE* f = std::fopen(g_opt.write_synthetic.c_str(), "wb");
    if (!f || std::fwrite(text.data(), 1, text.size(), f) != text.size() || std::fclose(f) != 0)
      die("cannot write " + g_opt.write_synthetic);
    return 0;
  }
  int n = static_cast<int>(args.size());
  args.push_back(nullptr);
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 1;
  std::string sizes;
  for (size_t n : g_opt.synthetic_orgs) sizes += (sizes.empty() ? "" : ", ") + std::to_string(n);
  benchmark::AddCustomContext("synthetic_registry", "SYNTHETIC layers of " + sizes +
                                                        " made-up organisations, std::mt19937_64 seed " +
                                                        std::to_string(kSyntheticSeed));
  benchmark::AddCustomContext("queries_per_kind",
                              std::to_string(kQueries) + " (half drawn from the registry, half random)");
  benchmark::AddCustomContext("linear_sample", "bundled " + std::to_string(g_opt.linear_sample_bundled) +
                                                   ", synthetic " + std::to_string(g_opt.linear_sample_synthetic));
  benchmark::AddCustomContext("ieee_dir", g_opt.ieee_dir);
  register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
