#include "cleannet/trace/attribution.h"

#include <tbb/parallel_invoke.h>

#include "cleannet/core/json.h"
#include "cleannet/trace/detail/flat_lpm.h"

namespace cleannet::trace {

const char* category_name(Category c) {
  switch (c) {
    case Category::kPrivate: return "private";
    case Category::kUnresponsive: return "unresponsive";
    case Category::kIxp: return "ixp";
    case Category::kAttributed: return "attributed";
    case Category::kUnattributed: return "unattributed";
  }
  return "?";
}

namespace {

core::Prefix pfx(const char* s) { return *core::parse_prefix(s, true); }

// Special-purpose address space that is not routed on the Internet (IANA IPv4 and IPv6
// Special-Purpose Address Registries, RFC 6890): a hop numbered from it belongs to
// whichever network uses it privately, and the numbers say nothing about whose network
// that is.
const std::vector<SpecialRange>& specials() {
  static const std::vector<SpecialRange> v = {
      {pfx("10.0.0.0/8"), "private-use", "RFC 1918 §3"},
      {pfx("172.16.0.0/12"), "private-use", "RFC 1918 §3"},
      {pfx("192.168.0.0/16"), "private-use", "RFC 1918 §3"},
      {pfx("100.64.0.0/10"), "shared address space (carrier-grade NAT)", "RFC 6598 §7"},
      {pfx("169.254.0.0/16"), "link-local", "RFC 3927 §2.1"},
      {pfx("127.0.0.0/8"), "loopback", "RFC 1122 §3.2.1.3"},
      {pfx("fc00::/7"), "unique local", "RFC 4193 §3.1"},
      {pfx("fe80::/10"), "link-local unicast", "RFC 4291 §2.5.6"},
      {pfx("::1/128"), "loopback", "RFC 4291 §2.5.3"},
  };
  return v;
}

}  // namespace

std::span<const SpecialRange> special_ranges() { return specials(); }

void IxpTable::add(const core::Prefix& p, Ixp ixp) {
  ixps_.push_back(std::move(ixp));
  prefixes_.push_back({core::truncate(p, p.len), static_cast<uint32_t>(ixps_.size() - 1)});
}

core::Result<IxpTable> IxpTable::load_caida(core::Input in) {
  namespace json = core::json;
  IxpTable t;
  t.source = in.name() + " (CAIDA IXPs dataset)";
  size_t records = 0;
  while (true) {
    auto line = in.next_line();
    if (!line) return line.error();
    if (!*line) break;
    std::string_view s = **line;
    if (s.empty() || s[0] == '#') continue;  // the metadata line
    // One record per line (JSON Lines): positions are the file's.
    auto doc = json::parse(in.name(), s, static_cast<uint32_t>(in.line_no()));
    if (!doc) return doc.error();
    const json::Value& j = *doc;
    auto fail = [&](const json::Value& at, const std::string& expected, const std::string& found) {
      return core::Error(core::SourcePos(in.name(), at.line, at.column), expected, found);
    };
    if (!j.is_object()) return fail(j, "one JSON object per IXP", json::describe(j));
    Ixp x;
    // The value of `key` that is neither a string nor an array of strings, or nullptr.
    auto text = [&](const char* key, std::string& out) -> const json::Value* {
      const json::Value* v = j.find(key);
      if (!v || v->is_null()) return nullptr;
      if (v->is_string()) {
        out = v->text;
        return nullptr;
      }
      if (!v->is_array()) return v;
      // Exchanges in several cities or countries list them all: "MJC/Pasaje".
      for (const json::Value& e : v->items) {
        if (!e.is_string()) return &e;
        out += (out.empty() ? "" : "/") + e.text;
      }
      return nullptr;
    };
    if (const json::Value* bad = text("name", x.name))
      return fail(*bad, "an IXP with a \"name\" (a string)", json::describe(*bad));
    if (x.name.empty()) return fail(j, "an IXP with a \"name\" (a string)", "none");
    if (const json::Value* bad = text("country", x.country))
      return fail(*bad, "\"country\" as a string or an array of strings", json::describe(*bad));
    if (const json::Value* bad = text("city", x.city))
      return fail(*bad, "\"city\" as a string or an array of strings", json::describe(*bad));
    if (const json::Value* id = j.find("ix_id"); id && id->is_integer) x.ix_id = id->integer;
    ++records;
    const json::Value* pit = j.find("prefixes");
    if (!pit) continue;
    if (!pit->is_object()) return fail(*pit, "\"prefixes\": {\"ipv4\": [...], \"ipv6\": [...]}", json::describe(*pit));
    uint32_t index = static_cast<uint32_t>(t.ixps_.size());
    t.ixps_.push_back(x);
    for (const char* fam : {"ipv4", "ipv6"}) {
      const json::Value* f = pit->find(fam);
      if (!f) continue;
      if (!f->is_array()) return fail(*f, std::string("\"") + fam + "\" as an array of prefixes", json::describe(*f));
      for (const json::Value& p : f->items) {
        auto q = p.is_string() ? core::parse_prefix(p.text, true) : std::nullopt;
        if (!q || q->v6 != (fam[3] == '6'))
          return fail(p,
                      std::string("an ") + (fam[3] == '6' ? "IPv6" : "IPv4") + " prefix with no host bits set in \"" +
                          fam + "\"",
                      json::describe(p));
        t.prefixes_.push_back({*q, index});
      }
    }
  }
  if (records == 0) return core::Error(core::SourcePos(in.name()), "at least one IXP record", "none");
  return t;
}

// One index over all three stages: the value's top two bits say which (kTag*), the rest is
// the index in that stage's list; ranks make a special range win over everything inside
// it and an IXP LAN over announced prefixes inside it (detail/flat_lpm.h), so one binary
// search answers what three in a row would.
struct HopAttributor::Index {
  detail::FlatLpm<uint32_t> all4;
  detail::FlatLpm<detail::u128> all6;
};

namespace {
constexpr uint32_t kTagShift = 30, kIndexMask = (1u << kTagShift) - 1;
constexpr uint32_t kTagSpecial = 0, kTagIxp = 1, kTagOrigin = 2;
}  // namespace

HopAttributor::HopAttributor(const ip::OriginTable* origins, const IxpTable* ixps)
    : origins_(origins), ixps_(ixps), index_(std::make_unique<Index>()) {
  using I4 = detail::FlatLpm<uint32_t>::Item;
  using I6 = detail::FlatLpm<detail::u128>::Item;
  std::vector<I4> v4;
  std::vector<I6> v6;
  {  // exact sizes: the origin table alone is over half a million prefixes
    size_t n4 = 0, n6 = 0;
    for (const auto& s : specials()) (s.prefix.v6 ? n6 : n4)++;
    if (ixps_)
      for (const auto& e : ixps_->prefixes()) (e.prefix.v6 ? n6 : n4)++;
    if (origins_) n4 += origins_->num_v4(), n6 += origins_->num_v6();
    v4.reserve(n4);
    v6.reserve(n6);
  }
  auto add = [&](const core::Prefix& p, uint32_t tag, uint32_t index) {
    const uint32_t value = (tag << kTagShift) | index;
    const uint8_t rank = static_cast<uint8_t>(3 - tag);
    if (p.v6) v6.push_back({detail::key6(p), p.len, value, rank});
    else v4.push_back({detail::key4(p), p.len, value, rank});
  };
  const auto& sp = specials();
  for (uint32_t i = 0; i < sp.size(); ++i) add(sp[i].prefix, kTagSpecial, i);
  if (ixps_)
    for (uint32_t i = 0; i < ixps_->prefixes().size(); ++i) add(ixps_->prefixes()[i].prefix, kTagIxp, i);
  // Start-up of trace check waits for this (half a million prefixes): the two indexes are
  // built at once when there are threads to spare.
  if (origins_)
    for (uint32_t i = 0; i < origins_->num_prefixes(); ++i) add(origins_->entry(i).prefix, kTagOrigin, i);
  tbb::parallel_invoke([&] { index_->all4.build(std::move(v4)); }, [&] { index_->all6.build(std::move(v6)); });
}

HopAttributor::~HopAttributor() = default;
HopAttributor::HopAttributor(HopAttributor&&) noexcept = default;

Category HopAttributor::category_of(uint32_t v) {
  if (v == detail::FlatLpm<uint32_t>::kNone) return Category::kUnattributed;
  switch (v >> kTagShift) {
    case kTagSpecial: return Category::kPrivate;
    case kTagIxp: return Category::kIxp;
    default: return Category::kAttributed;
  }
}

uint32_t HopAttributor::classify(const core::Prefix& a) const {
  return a.v6 ? index_->all6.lookup(detail::key6(a)) : index_->all4.lookup(detail::key4(a));
}

Attribution HopAttributor::decode(uint32_t v) const {
  Attribution r;
  if (origins_) r.table = &origins_->source;
  if (v == detail::FlatLpm<uint32_t>::kNone) return r;
  const uint32_t i = v & kIndexMask;
  switch (v >> kTagShift) {
    case kTagSpecial:
      r.category = Category::kPrivate;
      r.special = &specials()[i];
      r.prefix = r.special->prefix;
      r.table = nullptr;
      break;
    case kTagIxp: {
      r.category = Category::kIxp;
      const auto& e = ixps_->prefixes()[i];
      r.ixp = &ixps_->ixp(e.ixp);
      r.table = &ixps_->source;
      r.prefix = e.prefix;
      break;
    }
    default: {
      const auto hit = origins_->entry(i);  // an array element: no lookup
      r.category = Category::kAttributed;
      r.entry = i;
      r.prefix = hit.prefix;
      r.origins = hit.origins;
      break;
    }
  }
  return r;
}

}  // namespace cleannet::trace
