#include "cleannet/ip/origin.h"

#include <algorithm>
#include <bit>
#include <charconv>

#include "cleannet/core/text.h"

namespace cleannet::ip {

void OriginTable::add(const core::Prefix& p, uint32_t asn) {
  core::Prefix k = core::truncate(p, p.len);
  // Insert first: a new prefix (nearly every line of a table) then costs one hash probe,
  // and so does a prefix seen before.
  auto [slot, fresh] = index_.emplace(k, static_cast<uint32_t>(entries_.size()));
  if (fresh) {
    entries_.push_back(Entry{k, asn, 1});
    if (!k.v6) ++num_v4_;
    return;
  }
  Entry& e = entries_[*slot];
  std::span<const uint32_t> have = origins_of(e);
  if (std::find(have.begin(), have.end(), asn) != have.end()) return;
  // The list moves to the end of the pool with the new origin: multi-origin prefixes are
  // a few per cent of a table, so the abandoned slots cost little.
  std::vector<uint32_t> list(have.begin(), have.end());
  list.push_back(asn);
  e.first = static_cast<uint32_t>(pool_.size());
  e.count = static_cast<uint32_t>(list.size());
  pool_.insert(pool_.end(), list.begin(), list.end());
}

void OriginTable::add_all(std::span<const std::pair<core::Prefix, uint32_t>> pairs) {
  // Sized for every pair (duplicates make it a little large), so no rehash moves the slots
  // of a half-million-prefix table around while it fills.
  index_.reserve(index_.size() + pairs.size());
  entries_.reserve(entries_.size() + pairs.size());
  constexpr size_t kAhead = 8;
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (i + kAhead < pairs.size())
      index_.prefetch(core::truncate(pairs[i + kAhead].first, pairs[i + kAhead].first.len));
    add(pairs[i].first, pairs[i].second);
  }
}

std::span<const uint32_t> OriginTable::exact(const core::Prefix& p) const {
  const uint32_t* i = index_.find_exact(p);
  if (!i) return {};
  return origins_of(entries_[*i]);
}

std::optional<OriginTable::Hit> OriginTable::lookup(const core::Prefix& address) const {
  auto hit = index_.longest_match(address);
  if (!hit) return std::nullopt;
  return Hit{hit->prefix, exact(hit->prefix)};
}

std::vector<core::Prefix> OriginTable::prefixes_of(uint32_t asn) const {
  std::vector<core::Prefix> out;
  for (const Entry& e : entries_) {
    auto o = exact(e.prefix);
    if (std::find(o.begin(), o.end(), asn) != o.end()) out.push_back(e.prefix);
  }
  return out;
}

const char* origin_format_name(OriginFormat f) {
  switch (f) {
    case OriginFormat::kAuto: return "auto";
    case OriginFormat::kPyasn: return "pyasn";
    case OriginFormat::kPfx2as: return "pfx2as";
    case OriginFormat::kIptoasn: return "iptoasn";
  }
  return "?";
}

namespace {

// 128-bit address arithmetic for ranges, on the prefix's bytes.
struct U128 {
  uint64_t hi = 0, lo = 0;
  friend bool operator==(const U128&, const U128&) = default;
  friend bool operator<(const U128& a, const U128& b) { return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo; }
};

U128 to_u128(const core::Prefix& p) {
  U128 v;
  for (int i = 0; i < 8; ++i) v.hi = (v.hi << 8) | p.bytes[i];
  for (int i = 8; i < 16; ++i) v.lo = (v.lo << 8) | p.bytes[i];
  if (!p.v6) {  // IPv4 uses the first 4 bytes: shift them to the low end
    v.lo = v.hi >> 32;
    v.hi = 0;
  }
  return v;
}

core::Prefix from_u128(U128 v, bool v6, uint8_t len) {
  core::Prefix p;
  p.v6 = v6;
  p.len = len;
  if (!v6) {
    for (int i = 0; i < 4; ++i) p.bytes[i] = static_cast<uint8_t>(v.lo >> (24 - 8 * i));
    return p;
  }
  for (int i = 0; i < 8; ++i) p.bytes[i] = static_cast<uint8_t>(v.hi >> (56 - 8 * i));
  for (int i = 0; i < 8; ++i) p.bytes[8 + i] = static_cast<uint8_t>(v.lo >> (56 - 8 * i));
  return p;
}

// Number of trailing zero bits (the value 0 has all `bits` of them).
int trailing_zeros(U128 v, int bits) {
  if (v.lo) return std::min(bits, std::countr_zero(v.lo));
  if (v.hi) return std::min(bits, 64 + std::countr_zero(v.hi));
  return bits;
}

// The last address of the 2^k block that starts at v (v aligned to 2^k): v with its low k
// bits set. Written with masks, not v + 2^k - 1, so that k = 128 (the whole IPv6 space)
// needs no shift by 64 or more.
U128 block_end(U128 v, int k) {
  if (k >= 64) {
    v.lo = ~uint64_t{0};
    if (k > 64) v.hi |= k >= 128 ? ~uint64_t{0} : (uint64_t{1} << (k - 64)) - 1;
  } else if (k > 0) {
    v.lo |= (uint64_t{1} << k) - 1;
  }
  return v;
}

U128 next(U128 v) {
  if (++v.lo == 0) ++v.hi;
  return v;
}

}  // namespace

std::vector<core::Prefix> range_to_prefixes(const core::Prefix& first, const core::Prefix& last) {
  std::vector<core::Prefix> out;
  const bool v6 = first.v6;
  const int bits = v6 ? 128 : 32;
  U128 lo = to_u128(first), hi = to_u128(last);
  if (hi < lo || first.v6 != last.v6) return out;
  for (;;) {
    // The largest aligned block starting at lo that does not pass hi.
    int k = trailing_zeros(lo, bits);
    while (k > 0 && hi < block_end(lo, k)) --k;
    out.push_back(from_u128(lo, v6, static_cast<uint8_t>(bits - k)));
    U128 end = block_end(lo, k);
    if (end == hi) break;
    lo = next(end);
  }
  return out;
}

namespace {

// "1.1.1.5", not "1.1.1.5/32": a range bound is an address.
std::string address_text(const core::Prefix& a) {
  std::string s = a.to_string();
  return s.substr(0, s.find('/'));
}

struct Reader {
  core::Input& in;
  OriginTable table;
  // The file's pairs in order, added at the end (OriginTable::add_all): nothing is added
  // when a line is bad, and the error ends the load anyway.
  std::vector<std::pair<core::Prefix, uint32_t>> pairs;

  core::SourcePos at(uint32_t column) const { return core::SourcePos(in.name(), static_cast<uint32_t>(in.line_no()), column); }

  // Column (1-based) of field i of a tab-separated line.
  static uint32_t column_of(const std::vector<std::string_view>& fields, size_t i, std::string_view line) {
    return static_cast<uint32_t>(fields[i].data() - line.data()) + 1;
  }

  core::Result<uint32_t> asn(std::string_view s, uint32_t column) const {
    std::string_view t = s;
    if (t.size() > 2 && (t[0] == 'A' || t[0] == 'a') && (t[1] == 'S' || t[1] == 's')) t.remove_prefix(2);
    uint64_t v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || p != t.data() + t.size() || v > 0xffffffffull)
      return core::Error(at(column), "an AS number (0 to 4294967295)", core::quote_found(s));
    return static_cast<uint32_t>(v);
  }

  core::Result<core::Prefix> address(std::string_view s, uint32_t column, bool with_len) const {
    auto p = core::parse_prefix(s, true);
    bool has_len = s.find('/') != std::string_view::npos;
    if (!p || has_len != with_len)
      return core::Error(at(column), with_len ? "a prefix address/length with no host bits set" : "an IP address",
                         core::quote_found(s));
    return *p;
  }

  core::Status pyasn(std::string_view line, const std::vector<std::string_view>& f) {
    if (f.size() != 2) return core::Error(at(1), "two tab-separated fields: prefix/length and AS number", fields_found(f));
    auto p = address(f[0], 1, true);
    if (!p) return p.error();
    auto a = asn(f[1], column_of(f, 1, line));
    if (!a) return a.error();
    pairs.emplace_back(*p, *a);
    return core::Ok{};
  }

  core::Status pfx2as(std::string_view line, const std::vector<std::string_view>& f) {
    if (f.size() != 3)
      return core::Error(at(1), "three tab-separated fields: address, length and AS numbers", fields_found(f));
    auto p = address(f[0], 1, false);
    if (!p) return p.error();
    uint32_t lcol = column_of(f, 1, line);
    unsigned len = 0;
    auto [e, ec] = std::from_chars(f[1].data(), f[1].data() + f[1].size(), len);
    if (f[1].empty() || ec != std::errc() || e != f[1].data() + f[1].size() || len > p->max_len())
      return core::Error(at(lcol), "a prefix length 0 to " + std::to_string(p->max_len()), core::quote_found(f[1]));
    core::Prefix q = *p;
    q.len = static_cast<uint8_t>(len);
    if (!(core::truncate(q, q.len) == q))
      return core::Error(at(1), "an address with no bits set past the length " + std::to_string(len),
                         core::quote_found(f[0]));
    // "a_b" lists origins seen for the prefix (MOAS), "a,b" an AS_SET origin: both count.
    std::string_view list = f[2];
    uint32_t col = column_of(f, 2, line);
    size_t start = 0;
    for (size_t i = 0; i <= list.size(); ++i) {
      if (i < list.size() && list[i] != '_' && list[i] != ',') continue;
      auto a = asn(list.substr(start, i - start), col + static_cast<uint32_t>(start));
      if (!a) return a.error();
      pairs.emplace_back(q, *a);
      start = i + 1;
    }
    return core::Ok{};
  }

  core::Status iptoasn(std::string_view line, const std::vector<std::string_view>& f) {
    if (f.size() != 5)
      return core::Error(at(1), "five tab-separated fields: range start, range end, AS number, country, description",
                         fields_found(f));
    auto lo = address(f[0], 1, false);
    if (!lo) return lo.error();
    auto hi = address(f[1], column_of(f, 1, line), false);
    if (!hi) return hi.error();
    if (lo->v6 != hi->v6 || to_u128(*hi) < to_u128(*lo))
      return core::Error(at(column_of(f, 1, line)), "a range end of the same family, not below " + address_text(*lo),
                         core::quote_found(f[1]));
    auto a = asn(f[2], column_of(f, 2, line));
    if (!a) return a.error();
    if (*a == 0) return core::Ok{};  // "Not routed"
    for (const core::Prefix& p : range_to_prefixes(*lo, *hi)) pairs.emplace_back(p, *a);
    return core::Ok{};
  }

  static std::string fields_found(const std::vector<std::string_view>& f) {
    return std::to_string(f.size()) + (f.size() == 1 ? " field" : " fields");
  }
};

OriginFormat detect(const std::vector<std::string_view>& f) {
  if (f.size() == 2 && f[0].find('/') != std::string_view::npos) return OriginFormat::kPyasn;
  if (f.size() == 3 && !f[1].empty() && std::all_of(f[1].begin(), f[1].end(), [](char c) { return c >= '0' && c <= '9'; }))
    return OriginFormat::kPfx2as;
  if (f.size() == 5) return OriginFormat::kIptoasn;
  return OriginFormat::kAuto;
}

}  // namespace

core::Result<OriginTable> load_origin_table(core::Input in, OriginFormat format) {
  Reader r{in, {}, {}};
  size_t data_lines = 0;
  // A prefix table line is short; a 64 KiB one is not a table.
  in.set_max_line(64 << 10);
  for (;;) {
    auto line = in.next_line();
    if (!line) return line.error();
    if (!*line) break;
    std::string_view l = **line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (core::trim(l).empty() || l[0] == ';' || l[0] == '#') continue;
    auto f = core::split(l, '\t');
    if (format == OriginFormat::kAuto) {
      format = detect(f);
      if (format == OriginFormat::kAuto)
        return core::Error(r.at(1),
                           "a prefix-to-AS line: pyasn \"prefix/len<TAB>asn\", pfx2as \"address<TAB>len<TAB>asns\" or "
                           "iptoasn \"start<TAB>end<TAB>asn<TAB>country<TAB>description\"",
                           core::quote_found(l));
    }
    core::Status st = format == OriginFormat::kPyasn    ? r.pyasn(l, f)
                      : format == OriginFormat::kPfx2as ? r.pfx2as(l, f)
                                                        : r.iptoasn(l, f);
    if (!st) return st.error();
    ++data_lines;
  }
  if (data_lines == 0) return core::Error(core::SourcePos(in.name()), "at least one prefix-to-AS line", "none");
  r.table.add_all(r.pairs);
  r.table.source = in.name() + " (" + origin_format_name(format) + ")";
  return std::move(r.table);
}

}  // namespace cleannet::ip
