// Registry model helpers and the TOML loader with its checks (docs/registry-format.md).
#include "cleannet/trust/registry.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <map>
#include <thread>
#include <tuple>
#include <set>

#include "cleannet/core/input.h"
#include "cleannet/core/text.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/core/toml.h"
#include "cleannet/trust/names.h"

namespace cleannet::trust {

const char* status_name(Status s) {
  switch (s) {
    case Status::kTrusted: return "trusted";
    case Status::kUntrusted: return "untrusted";
    case Status::kUnknown: return "unknown";
  }
  return "?";
}

int distrust_rank(Status s) {
  switch (s) {
    case Status::kUntrusted: return 2;
    case Status::kUnknown: return 1;
    case Status::kTrusted: return 0;
  }
  return 1;
}

const char* criterion_result_name(CriterionResult r) {
  switch (r) {
    case CriterionResult::kMet: return "met";
    case CriterionResult::kNotMet: return "not-met";
    case CriterionResult::kUnknown: return "unknown";
  }
  return "?";
}

std::string Oui::to_string() const {
  std::string out;
  int nibbles = bits / 4;
  for (int i = 0; i < nibbles; ++i) {
    if (i > 0 && i % 2 == 0) out += ':';
    out += "0123456789ABCDEF"[(value >> (4 * (nibbles - 1 - i))) & 0xF];
  }
  return out;
}

bool Identifiers::is_verified(std::string_view kind) const {
  return std::find(unverified.begin(), unverified.end(), kind) == unverified.end();
}

bool Ownership::in_force(core::Date d) const {
  if (since && d < *since) return false;
  if (until && !(d < *until)) return false;
  return true;
}

std::string Ownership::share_text() const {
  return share ? core::decimal_text(*share) + "%" : "control, share not stated";
}

bool OwnershipRule::passes(const Ownership& o) const {
  if (!o.share) return true;
  return inclusive ? *o.share >= min_share : *o.share > min_share;
}

std::optional<OwnershipRule> OwnershipRule::parse(std::string_view text) {
  if (text == "majority") return OwnershipRule{};
  if (text == "any") return OwnershipRule{0, true};
  if (text.size() < 2 || text.back() != '%') return std::nullopt;
  std::string num(text.substr(0, text.size() - 1));
  char* end = nullptr;
  double v = std::strtod(num.c_str(), &end);
  if (num.empty() || end != num.c_str() + num.size() || !(v > 0 && v <= 100) ||
      !std::isdigit(static_cast<unsigned char>(num[0])))
    return std::nullopt;
  return OwnershipRule{v, true};
}

std::string OwnershipRule::to_string() const {
  if (!inclusive && min_share == 50) return "majority";
  if (inclusive && min_share == 0) return "any";
  return core::decimal_text(min_share) + "%";
}

std::string OwnershipRule::describe() const {
  if (!inclusive && min_share == 50) return "majority control (more than 50%)";
  if (inclusive && min_share == 0) return "any recorded holding";
  return std::string("a holding of ") + (inclusive ? "at least " : "more than ") + core::decimal_text(min_share) + "%";
}

std::optional<OrganisationId> Registry::find_id(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

const DesignationList* Registry::find_list(std::string_view name) const {
  for (auto& l : lists_)
    if (l.name == name) return &l;
  return nullptr;
}

const Criterion* Registry::find_criterion(std::string_view id) const {
  for (auto& c : criteria_)
    if (c.id == id) return &c;
  return nullptr;
}

namespace {

using core::Error;
using core::SourcePos;
using core::describe;
using core::TableReader;
using core::type_name;

const std::set<std::string, std::less<>> kKinds = {"vendor",        "carrier",      "cloud", "cable-supplier",
                                                   "cable-owner",   "app-publisher", "device-maker",
                                                   "sdk",           "state"};
const std::set<std::string, std::less<>> kIdentifierKeys = {"asns",       "prefixes",         "ouis",
                                                            "domains",    "android_packages", "sdk_prefixes",
                                                            "cert_sha256"};




bool valid_org_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9'))) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

bool valid_country(std::string_view s) { return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'; }

bool valid_url(std::string_view s) { return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0; }

// The claims of each (kind, key) that more than one organisation claims, as indexes: each
// group in load order, the groups in (kind, key) order (what a stable sort of every claim by
// kind and key would put side by side). A hash table of claim indexes (open addressing)
// instead of that sort: a registry of 100,000 organisations makes about a million claims.
std::vector<std::vector<uint32_t>> contested_claims(const std::vector<IdentifierClaim>& claims) {
  auto hash = [](const IdentifierClaim& c) {
    return std::hash<std::string_view>{}(c.key) ^ (std::hash<std::string_view>{}(c.kind) * 0x9E3779B97F4A7C15ull);
  };
  size_t mask = 15;
  while (mask < claims.size() * 2) mask = mask * 2 + 1;
  constexpr uint32_t kEmpty = UINT32_MAX;
  // Each slot: the first claim of a (kind, key) and its hash's upper half, so that a probe
  // reads another claim only when the hashes agree.
  std::vector<std::pair<uint32_t, uint32_t>> slots(mask + 1, {kEmpty, 0});
  std::vector<uint32_t> first(claims.size());  // each claim's first claim of its (kind, key)
  std::vector<uint32_t> contested;             // first claims whose key another org claims too
  std::vector<uint8_t> is_contested(claims.size(), 0);
  for (uint32_t i = 0; i < claims.size(); ++i) {
    const IdentifierClaim& c = claims[i];
    uint64_t h = hash(c);
    auto tag = static_cast<uint32_t>(h >> 32);
    size_t s = h & mask;
    for (; slots[s].first != kEmpty; s = (s + 1) & mask) {
      const IdentifierClaim& o = claims[slots[s].first];
      if (slots[s].second == tag && o.key == c.key && std::strcmp(o.kind, c.kind) == 0) break;
    }
    if (slots[s].first == kEmpty) slots[s] = {i, tag};
    uint32_t f = first[i] = slots[s].first;
    if (f != i && c.org != claims[f].org && !is_contested[f]) {
      is_contested[f] = 1;
      contested.push_back(f);
    }
  }
  std::sort(contested.begin(), contested.end(), [&](uint32_t a, uint32_t b) {
    return std::pair<std::string_view, std::string_view>(claims[a].kind, claims[a].key) <
           std::pair<std::string_view, std::string_view>(claims[b].kind, claims[b].key);
  });
  std::unordered_map<uint32_t, size_t> group_of;
  for (size_t g = 0; g < contested.size(); ++g) group_of.emplace(contested[g], g);
  std::vector<std::vector<uint32_t>> groups(contested.size());
  for (uint32_t i = 0; i < claims.size(); ++i)
    if (is_contested[first[i]]) groups[group_of.at(first[i])].push_back(i);
  return groups;
}

}  // namespace

namespace detail {

struct LayerParser {
  Registry& reg;
  std::unordered_map<std::string, OrganisationId>& by_id;
  std::vector<IdentifierClaim>& claims;
  const std::string& file;
  uint32_t layer;
  std::vector<Error> errs;
  std::unordered_map<std::string, SourcePos> ids_in_layer;
  std::vector<std::pair<std::string, SourcePos>> used_lists, used_criteria;
  uint32_t line_offset = 0;  // of the part being parsed (add_layer)

  // pos is in this layer's file; only its line and column are kept.
  void claim(const char* kind, std::string key, uint32_t org, const SourcePos& pos) {
    claims.push_back(IdentifierClaim{kind, std::move(key), org, layer, pos.line, pos.column});
  }
  void claim(const char* kind, std::string key, uint32_t org, const toml::node& n) {
    claims.push_back(IdentifierClaim{kind, std::move(key), org, layer, n.source().begin.line, n.source().begin.column});
  }

  void parse_identifiers(TableReader& r, Organisation& o, uint32_t idx) {
    const toml::node* n = r.get("identifiers", false);
    if (!n) return;
    const toml::table* t = n->as_table();
    if (!t) {
      r.error(*n, "[organisation.identifiers] as a table", describe(*n));
      return;
    }
    TableReader ir(*t, file, errs, "[organisation.identifiers] of \"" + o.id + "\"", line_offset);
    if (const toml::node* an = ir.get("asns", false)) {
      if (const toml::array* a = an->as_array()) {
        for (const toml::node& el : *a) {
          auto v = el.as_integer();
          if (!v || v->get() < 0 || v->get() > 0xFFFFFFFFll) {
            ir.error(el, "asns elements as AS numbers from 0 to 4294967295 (integers)",
                     v ? std::to_string(v->get()) : describe(el));
            continue;
          }
          uint32_t asn = static_cast<uint32_t>(v->get());
          o.identifiers.asns.push_back(asn);
          claim("ASN", "AS" + std::to_string(asn), idx, el);
        }
      } else {
        ir.error(*an, "asns as an array of integers", describe(*an));
      }
    }
    ir.strings("prefixes", [&](const std::string& s, const toml::node& el) {
      auto p = core::parse_prefix(s, true);
      if (!p) return ir.error(el, "an IP prefix with no host bits set, such as 203.0.113.0/24", core::quote_found(s));
      o.identifiers.prefixes.push_back(*p);
      claim("prefix", p->to_string(), idx, el);
    });
    ir.strings("ouis", [&](const std::string& s, const toml::node& el) {
      auto v = parse_oui(s);
      if (!v || v->bits == 48)
        return ir.error(el, "an OUI of 6, 7 or 9 hex digits such as 00:18:82", core::quote_found(s));
      o.identifiers.ouis.push_back(*v);
      claim("OUI", v->to_string(), idx, el);
    });
    ir.strings("domains", [&](const std::string& s, const toml::node& el) {
      if (!valid_domain(s)) return ir.error(el, "a domain name such as example.com", core::quote_found(s));
      std::string d = core::to_lower(s);
      o.identifiers.domains.push_back(d);
      claim("domain", d, idx, el);
    });
    ir.strings("android_packages", [&](const std::string& s, const toml::node& el) {
      if (!valid_package(s)) return ir.error(el, "an Android package name such as com.example.app", core::quote_found(s));
      o.identifiers.android_packages.push_back(s);
      claim("Android package", s, idx, el);
    });
    ir.strings("sdk_prefixes", [&](const std::string& s, const toml::node& el) {
      if (!valid_package(s)) return ir.error(el, "a Java class-name prefix such as com.tencent.bugly", core::quote_found(s));
      o.identifiers.sdk_prefixes.push_back(s);
      claim("SDK prefix", s, idx, el);
    });
    ir.strings("cert_sha256", [&](const std::string& s, const toml::node& el) {
      auto c = parse_certificate(s);
      if (!c || c->size() != 64) return ir.error(el, "a SHA-256 fingerprint of 64 hex digits", core::quote_found(s));
      o.identifiers.cert_sha256.push_back(*c);
      claim("certificate", *c, idx, el);
    });
    ir.strings("unverified", [&](const std::string& s, const toml::node& el) {
      if (!kIdentifierKeys.count(s))
        return ir.error(el, "an identifier key (asns, prefixes, ouis, domains, android_packages, sdk_prefixes, cert_sha256)",
                        core::quote_found(s));
      if (o.identifiers.is_verified(s)) o.identifiers.unverified.push_back(s);
    });
    ir.finish({"asns", "prefixes", "ouis", "domains", "android_packages", "sdk_prefixes", "cert_sha256", "unverified"});
  }

  void parse_designation(const toml::table& t, Organisation& o) {
    TableReader r(t, file, errs, "[[organisation.designation]] of \"" + o.id + "\"", line_offset);
    Designation d;
    d.layer = layer;
    d.pos = r.pos();
    if (auto v = r.str("list", true)) {
      d.list = *v;
      used_lists.emplace_back(*v, r.pos(*t.get("list")));
    }
    if (auto v = r.str("status", true)) {
      if (*v == "trusted") d.status = Status::kTrusted;
      else if (*v == "untrusted") d.status = Status::kUntrusted;
      else r.error(*t.get("status"), "status \"trusted\" or \"untrusted\"", core::quote_found(*v));
    }
    d.date = r.date("date");
    d.until = r.date("until");
    if (d.date && d.until && !(*d.date < *d.until))
      r.error(*t.get("until"), "until after date " + d.date->to_string(), d.until->to_string());
    if (auto v = r.str("source_url")) {
      if (!valid_url(*v)) r.error(*t.get("source_url"), "source_url as an http(s) URL", core::quote_found(*v));
      d.source_url = *v;
    }
    if (auto v = r.str("quote")) d.quote = *v;
    if (auto v = r.str("note")) d.note = *v;
    if (auto v = r.boolean("verified")) d.verified = *v;
    // Unknown keys first: a misspelt source_url explains the missing one below.
    r.finish({"list", "status", "date", "until", "source_url", "quote", "verified", "note"});
    // A verified designation must say where it comes from; an unverified one is allowed
    // to be bare, and every verdict that uses it says so.
    if (d.verified && d.source_url.empty())
      errs.emplace_back(r.pos(), "source_url on a designation (required unless verified = false)", "none");
    o.designations.push_back(std::move(d));
  }

  void parse_asn_evidence(const toml::table& t, Organisation& o) {
    TableReader r(t, file, errs, "[[organisation.asn_evidence]] of \"" + o.id + "\"", line_offset);
    AsnEvidence e;
    if (auto v = r.integer("asn", true)) {
      if (*v < 0 || *v > 0xFFFFFFFFll) r.error(*t.get("asn"), "an AS number from 0 to 4294967295", std::to_string(*v));
      else e.asn = static_cast<uint32_t>(*v);
    }
    if (auto v = r.str("as_name")) e.as_name = *v;
    if (auto v = r.str("registrant")) e.registrant = *v;
    if (auto v = r.str("registry_cc")) e.registry_cc = *v;
    if (auto v = r.str("source_url")) e.source_url = *v;
    if (auto v = r.str("note")) e.note = *v;
    if (auto v = r.boolean("verified")) e.verified = *v;
    r.finish({"asn", "as_name", "registrant", "registry_cc", "source_url", "verified", "note"});
    o.asn_evidence.push_back(std::move(e));
  }

  void parse_assessment(const toml::table& t, Organisation& o) {
    TableReader r(t, file, errs, "[[organisation.assessment]] of \"" + o.id + "\"", line_offset);
    Assessment a;
    a.layer = layer;
    a.pos = r.pos();
    if (auto v = r.str("criterion", true)) {
      a.criterion = *v;
      used_criteria.emplace_back(*v, r.pos(*t.get("criterion")));
    }
    if (auto v = r.str("result", true)) {
      if (*v == "met") a.result = CriterionResult::kMet;
      else if (*v == "not-met") a.result = CriterionResult::kNotMet;
      else if (*v == "unknown") a.result = CriterionResult::kUnknown;
      else r.error(*t.get("result"), "result \"met\", \"not-met\" or \"unknown\"", core::quote_found(*v));
    }
    a.date = r.date("date");
    if (auto v = r.str("evidence_url")) a.evidence_url = *v;
    if (auto v = r.str("note")) a.note = *v;
    r.finish({"criterion", "result", "date", "evidence_url", "note"});
    o.assessments.push_back(std::move(a));
  }

  // A holding replaces the one of an earlier layer by the same owner, and a `parent`
  // replaces the earlier `parent`, as any key of an overriding layer replaces its value;
  // the same owner twice in one table is an error.
  void add_owner(Organisation& o, Ownership w, std::unordered_map<std::string, SourcePos>& here) {
    if (auto prev = here.find(w.owner); prev != here.end()) {
      errs.emplace_back(
          w.pos, "each owner once per organisation (\"" + w.owner + "\" first at " + prev->second.to_string() + ")",
          core::quote_found(w.owner));
      return;
    }
    here.emplace(w.owner, w.pos);
    std::erase_if(o.owners,
                  [&](const Ownership& x) { return x.owner == w.owner || (w.stated_as_parent && x.stated_as_parent); });
    o.owners.push_back(std::move(w));
  }

  void parse_owner(const toml::table& t, Organisation& o, std::unordered_map<std::string, SourcePos>& here) {
    TableReader r(t, file, errs, "[[organisation.owner]] of \"" + o.id + "\"", line_offset);
    Ownership w;
    w.layer = layer;
    w.pos = r.pos();
    auto id = r.str("id", true);
    if (id && !valid_org_id(*id)) r.error(*t.get("id"), "an owner organisation id", core::quote_found(*id));
    if (const toml::node* n = r.get("share", false)) {
      std::optional<double> v;
      if (auto i = n->as_integer())
        v = static_cast<double>(i->get());
      else if (auto f = n->as_floating_point())
        v = f->get();
      // OpenSanctions percentages are of shares or votes: above 0, at most 100.
      if (!v || !(*v > 0 && *v <= 100))
        r.error(*n, "share as a percentage above 0 and at most 100", describe(*n));
      else
        w.share = v;
    }
    w.since = r.date("since");
    w.until = r.date("until");
    if (w.since && w.until && !(*w.since < *w.until))
      r.error(*t.get("until"), "until after since " + w.since->to_string(), w.until->to_string());
    if (auto v = r.str("source_url")) {
      if (!valid_url(*v)) r.error(*t.get("source_url"), "source_url as an http(s) URL", core::quote_found(*v));
      w.source_url = *v;
    }
    if (auto v = r.str("note")) w.note = *v;
    if (auto v = r.boolean("verified")) w.verified = *v;
    r.finish({"id", "share", "since", "until", "source_url", "verified", "note"});
    if (!id || !valid_org_id(*id)) return;
    w.owner = *id;
    add_owner(o, std::move(w), here);
  }

  void parse_organisation(const toml::table& t) {
    TableReader r(t, file, errs, "[[organisation]]", line_offset);
    // Without a usable id the rest of the table is not read, so its keys are not reported.
    auto id = r.str("id", true);
    if (!id) return;
    if (!valid_org_id(*id)) {
      r.error(*t.get("id"), "an organisation id of lower-case letters, digits and '-'", core::quote_found(*id));
      return;
    }
    if (auto prev = ids_in_layer.find(*id); prev != ids_in_layer.end()) {
      r.error(*t.get("id"), "a unique organisation id (first defined at " + prev->second.to_string() + ")",
              core::quote_found(*id));
      return;
    }
    ids_in_layer.emplace(*id, r.pos());

    uint32_t idx;
    bool overriding = false;
    if (auto it = by_id.find(*id); it != by_id.end()) {
      idx = it->second.value();
      overriding = true;
    } else {
      idx = static_cast<uint32_t>(reg.orgs_.size());
      Organisation fresh;
      fresh.id = *id;
      fresh.pos = r.pos();
      reg.orgs_.push_back(std::move(fresh));
      by_id.emplace(*id, OrganisationId{idx});
    }
    Organisation& o = reg.orgs_[idx];
    o.layers.push_back(layer);

    auto name = r.str("name", !overriding);
    if (name) {
      if (name->empty()) r.error(*t.get("name"), "a non-empty name", "\"\"");
      o.name = *name;
      claim("name", normalise_name(*name), idx, r.pos(*t.get("name")));
    }
    r.strings("aliases", [&](const std::string& s, const toml::node& el) {
      if (normalise_name(s).empty()) return r.error(el, "an alias with at least one letter or digit", core::quote_found(s));
      o.aliases.push_back(s);
      claim("name", normalise_name(s), idx, r.pos(el));
    });
    if (auto v = r.str("country")) {
      if (!valid_country(*v)) r.error(*t.get("country"), "an ISO 3166-1 alpha-2 country code such as CN", core::quote_found(*v));
      o.country = *v;
    }
    if (t.get("kinds")) o.kinds.clear();
    r.strings("kinds", [&](const std::string& s, const toml::node& el) {
      if (!kKinds.count(s))
        return r.error(el,
                       "a kind (vendor, carrier, cloud, cable-supplier, cable-owner, app-publisher, device-maker, sdk, state)",
                       core::quote_found(s));
      o.kinds.push_back(s);
    });
    std::unordered_map<std::string, SourcePos> owners_here;
    if (auto v = r.str("parent")) {
      if (!valid_org_id(*v)) {
        r.error(*t.get("parent"), "a parent organisation id", core::quote_found(*v));
      } else {
        Ownership w;
        w.owner = *v;
        w.stated_as_parent = true;
        w.layer = layer;
        w.pos = r.pos(*t.get("parent"));
        add_owner(o, std::move(w), owners_here);
      }
    }
    if (auto v = r.boolean("parent_verified")) {
      auto it = std::find_if(o.owners.begin(), o.owners.end(), [](const Ownership& w) { return w.stated_as_parent; });
      if (it == o.owners.end())
        r.error(*t.get("parent_verified"), "parent_verified only with a parent", "no parent");
      else
        it->verified = *v;
    }
    if (auto v = r.str("notes")) o.notes = *v;
    parse_identifiers(r, o, idx);
    r.tables("designation", [&](const toml::table& dt) {
      parse_designation(dt, reg.orgs_[idx]);
      reg.orgs_[idx].designations.back().org = idx;
    });
    r.tables("asn_evidence", [&](const toml::table& at) { parse_asn_evidence(at, reg.orgs_[idx]); });
    r.tables("assessment", [&](const toml::table& at) { parse_assessment(at, reg.orgs_[idx]); });
    r.tables("owner", [&](const toml::table& ot) { parse_owner(ot, reg.orgs_[idx], owners_here); });
    r.finish({"id", "name", "aliases", "country", "kinds", "parent", "parent_verified", "notes", "identifiers",
              "designation", "asn_evidence", "assessment", "owner"});
  }

  void parse_list(const toml::table& t) {
    TableReader r(t, file, errs, "[[list]]", line_offset);
    DesignationList l;
    l.layer = layer;
    if (auto v = r.str("name", true)) l.name = *v;
    if (auto v = r.str("issuer")) l.issuer = *v;
    if (auto v = r.str("url")) {
      if (!valid_url(*v)) r.error(*t.get("url"), "url as an http(s) URL", core::quote_found(*v));
      l.url = *v;
    }
    if (auto v = r.str("description")) l.description = *v;
    r.finish({"name", "issuer", "url", "description"});
    if (l.name.empty()) return;
    for (auto& existing : reg.lists_) {
      if (existing.name == l.name) {
        if (existing.layer == layer) r.error(t, "a unique list name", core::quote_found(l.name));
        existing = l;  // a later layer may restate a list
        return;
      }
    }
    reg.lists_.push_back(std::move(l));
  }

  void parse_criterion(const toml::table& t) {
    TableReader r(t, file, errs, "[[criterion]]", line_offset);
    Criterion c;
    c.layer = layer;
    if (auto v = r.str("id", true)) c.id = *v;
    if (auto v = r.str("framework", true)) c.framework = *v;
    if (auto v = r.str("text", true)) c.text = *v;
    if (auto v = r.str("basis", true)) {
      if (*v != "read" && *v != "summary" && *v != "recall" && *v != "placeholder")
        r.error(*t.get("basis"), "basis \"read\", \"summary\", \"recall\" or \"placeholder\"", core::quote_found(*v));
      c.basis = *v;
    }
    if (auto v = r.str("source_url")) c.source_url = *v;
    if (auto v = r.boolean("decisive")) c.decisive = *v;
    r.finish({"id", "framework", "text", "basis", "source_url", "decisive"});
    if (c.id.empty()) return;
    for (auto& existing : reg.criteria_) {
      if (existing.id == c.id) {
        if (existing.layer == layer) r.error(t, "a unique criterion id", core::quote_found(c.id));
        existing = c;
        return;
      }
    }
    reg.criteria_.push_back(std::move(c));
  }

  // One part of the layer: the first holds the top-level keys; a later one starts with an
  // [[organisation]] header (split_layer).
  void parse(const toml::table& root, bool first = true) {
    TableReader r(root, file, errs, "the top level", line_offset);
    auto schema = r.integer("schema", first);
    if (schema && *schema != 1) r.error(*root.get("schema"), "schema = 1", std::to_string(*schema));
    r.tables("list", [&](const toml::table& t) { parse_list(t); });
    r.tables("criterion", [&](const toml::table& t) { parse_criterion(t); });
    r.tables("organisation", [&](const toml::table& t) { parse_organisation(t); });
    r.finish({"schema", "list", "criterion", "organisation"});
  }

  // References are checked after the whole layer, so order inside a file is free.
  void check_references() {
    for (auto& [name, pos] : used_lists)
      if (!reg.find_list(name)) errs.emplace_back(pos, "a list declared with [[list]]", core::quote_found(name));
    for (auto& [id, pos] : used_criteria)
      if (!reg.find_criterion(id)) errs.emplace_back(pos, "a criterion declared with [[criterion]]", core::quote_found(id));
  }
};

}  // namespace detail

namespace {

struct LayerPart {
  std::string_view text;
  uint32_t line_offset;  // lines of the file before it
};

// A large layer is parsed in parts, split before lines that are exactly "[[organisation]]":
// toml++ builds and frees many small trees faster than one huge one, and the parts parse in
// parallel. Each part is valid TOML on its own, as nothing but the organisation's own
// sub-tables can follow its header. Files with multi-line strings, where such a line could
// be inside a string, and small files are parsed whole.
std::vector<LayerPart> split_layer(std::string_view text) {
  constexpr size_t kMinSplit = 1u << 20, kPartBytes = 1u << 20;
  constexpr std::string_view kHeader = "[[organisation]]";
  if (text.size() < kMinSplit || text.find("\"\"\"") != std::string_view::npos ||
      text.find("'''") != std::string_view::npos)
    return {{text, 0}};
  std::vector<LayerPart> parts;
  size_t start = 0, pos = 0;
  uint32_t line = 0, start_line = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view l = text.substr(pos, eol - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l == kHeader && pos - start >= kPartBytes) {
      parts.push_back({text.substr(start, pos - start), start_line});
      start = pos;
      start_line = line;
    }
    pos = eol + 1;
    ++line;
  }
  parts.push_back({text.substr(start), start_line});
  return parts;
}

// glibc's fast bins make the frees of a large layer's millions of small TOML nodes and
// strings run malloc_consolidate again and again; while such a layer loads they are off
// (docs/PERFORMANCE.md, "Registry load"). The default of M_MXFAST is restored afterwards.
class NoFastBins {
 public:
  explicit NoFastBins(bool on) : on_(on) {
#if defined(__GLIBC__)
    if (on_) mallopt(M_MXFAST, 0);
#endif
  }
  ~NoFastBins() {
#if defined(__GLIBC__)
    if (on_) mallopt(M_MXFAST, 64 * sizeof(size_t) / 4);  // glibc's DEFAULT_MXFAST
#endif
  }
  NoFastBins(const NoFastBins&) = delete;
  NoFastBins& operator=(const NoFastBins&) = delete;

 private:
  bool on_;
};

}  // namespace

std::vector<Error> RegistryBuilder::add_layer(const std::string& name, std::string_view text) {
  uint32_t layer = static_cast<uint32_t>(reg_.layers_.size());
  const std::vector<LayerPart> parts = split_layer(text);
  NoFastBins no_fast_bins(parts.size() > 1);
  std::vector<core::Result<toml::table>> roots(parts.size(), core::Result<toml::table>(toml::table{}));
  {
    // Two workers: the parts are parsed side by side, then read in order below.
    const size_t workers = parts.size() > 1 ? std::min<size_t>(2, std::thread::hardware_concurrency()) : 1;
    std::vector<std::thread> pool;
    for (size_t w = 1; w < workers; ++w)
      pool.emplace_back([&, w, workers] {
        for (size_t i = w; i < parts.size(); i += workers)
          roots[i] = core::parse_toml(name, parts[i].text, parts[i].line_offset);
      });
    for (size_t i = 0; i < parts.size(); i += workers)
      roots[i] = core::parse_toml(name, parts[i].text, parts[i].line_offset);
    for (auto& t : pool) t.join();
  }
  for (const auto& root : roots)
    if (!root) return {root.error()};
  reg_.layers_.push_back(name);
  detail::LayerParser p{reg_, reg_.by_id_, claims_, name, layer, {}, {}, {}, {}};
  // Room for every organisation of the layer up front: a large layer would otherwise move
  // all organisations and rehash the id maps many times over.
  size_t n_orgs = 0;
  for (const auto& root : roots)
    if (const toml::array* a = root->get_as<toml::array>("organisation")) n_orgs += a->size();
  reg_.orgs_.reserve(reg_.orgs_.size() + n_orgs);
  reg_.by_id_.reserve(reg_.by_id_.size() + n_orgs);
  p.ids_in_layer.reserve(n_orgs);
  for (size_t i = 0; i < roots.size(); ++i) {
    p.line_offset = parts[i].line_offset;
    p.parse(*roots[i], i == 0);
    roots[i] = core::Result<toml::table>(toml::table{});  // freed as soon as read
  }
  p.check_references();
  return std::move(p.errs);
}

std::vector<Error> RegistryBuilder::finish() {
  std::vector<Error> errs;
  auto& orgs = reg_.orgs_;
  for (auto& o : orgs) {
    for (auto& w : o.owners) {
      w.owner_id = OrganisationId{};
      auto p = reg_.find_id(w.owner);
      if (!p) {
        errs.emplace_back(
            w.pos, std::string(w.stated_as_parent ? "a parent" : "an owner") + " that is a known organisation id",
            core::quote_found(w.owner));
        continue;
      }
      if (p->value() == static_cast<uint32_t>(&o - orgs.data())) {
        errs.emplace_back(w.pos, "an owner other than the organisation itself", core::quote_found(w.owner));
        continue;
      }
      w.owner_id = *p;
    }
  }
  // Ownership must be acyclic, whatever the shares and periods: a cycle would make
  // inheritance undefined. Depth-first over every holding; the link that closes a cycle is
  // reported and unlinked, so later code never loops.
  std::vector<uint8_t> state(orgs.size(), 0);      // 0 new, 1 on the current path, 2 done
  std::vector<std::pair<uint32_t, size_t>> stack;  // organisation, next holding to follow
  for (uint32_t start = 0; start < orgs.size(); ++start) {
    if (state[start]) continue;
    stack.assign(1, {start, 0});
    state[start] = 1;
    while (!stack.empty()) {
      auto& [cur, next] = stack.back();
      if (next == orgs[cur].owners.size()) {
        state[cur] = 2;
        stack.pop_back();
        continue;
      }
      Ownership& w = orgs[cur].owners[next++];
      if (!w.owner_id) continue;
      uint32_t up = w.owner_id.value();
      if (state[up] == 1) {
        std::string cycle;
        auto it = std::find_if(stack.begin(), stack.end(), [&](const auto& f) { return f.first == up; });
        for (auto j = it; j != stack.end(); ++j) cycle += orgs[j->first].id + " -> ";
        cycle += orgs[up].id;
        errs.emplace_back(w.pos, "an ownership chain without cycles", "the cycle " + cycle);
        w.owner_id = OrganisationId{};
      } else if (state[up] == 0) {
        state[up] = 1;
        stack.emplace_back(up, 0);  // invalidates cur/next: not used below
      }
    }
  }
  // The same identifier claimed by two organisations would make the resolver's answer
  // depend on load order; report both places instead.
  for (const auto& group : contested_claims(claims_)) {
    for (size_t i = 1; i < group.size(); ++i) {
      const auto& a = claims_[group[i - 1]];
      const auto& b = claims_[group[i]];
      if (a.org == b.org) continue;
      errs.emplace_back(SourcePos(reg_.layers_[b.layer], b.line, b.column),
                        std::string(a.kind) + " " + core::quote_found(a.key) +
                            " to belong to one organisation (claimed by \"" + orgs[a.org].id + "\" at " +
                            SourcePos(reg_.layers_[a.layer], a.line, a.column).to_string() + ")",
                        "a second claim by \"" + orgs[b.org].id + "\"");
    }
  }
  std::stable_sort(errs.begin(), errs.end(), [](const Error& a, const Error& b) {
    return std::tie(a.pos().file, a.pos().line, a.pos().column) < std::tie(b.pos().file, b.pos().line, b.pos().column);
  });
  return errs;
}

core::Result<Registry> load_registry(const std::vector<std::string>& user_files, bool with_bundled) {
  RegistryBuilder b;
  if (with_bundled) {
    auto errs = b.add_layer(kBundledRegistryName, bundled_registry_toml());
    if (!errs.empty()) return errs.front();
  }
  for (const auto& f : user_files) {
    auto errs = b.add_file(f);
    if (!errs.empty()) return errs.front();
  }
  auto errs = b.finish();
  if (!errs.empty()) return errs.front();
  return b.take();
}

std::vector<Error> RegistryBuilder::add_file(const std::string& path) {
  auto in = core::Input::open(path);
  if (!in) return {in.error()};
  // A registry is edited by hand; 64 MiB is far beyond any real one.
  auto text = in->read_all(64u << 20);
  if (!text) return {text.error()};
  return add_layer(path, *text);
}

}  // namespace cleannet::trust
