#include "cleannet/trace/verdict.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "cleannet/report/evidence.h"
#include "cleannet/trace/detail/flat_lpm.h"

namespace cleannet::trace {

const char* verdict_name(VerdictKind k) {
  switch (k) {
    case VerdictKind::kClean:
      return "clean";
    case VerdictKind::kUntrusted:
      return "untrusted";
    case VerdictKind::kUndetermined:
      return "undetermined";
  }
  return "?";
}

namespace {
// Two full-length addresses alike: two 8-byte compares instead of a memcmp call.
inline bool same_address(const core::Prefix& a, const core::Prefix& b) {
  uint64_t x[2], y[2];
  std::memcpy(x, a.bytes.data(), sizeof x);
  std::memcpy(y, b.bytes.data(), sizeof y);
  return ((x[0] ^ y[0]) | (x[1] ^ y[1])) == 0 && a.v6 == b.v6 && a.len == b.len;
}
}  // namespace

const AsJudgement* TraceJudge::as_judgement(uint32_t asn) {
  auto it = local_.find(asn);
  if (it != local_.end()) return it->second;
  const AsJudgement* j = &judge_.judge(asn);
  local_.emplace(asn, j);
  return j;
}

// For an attributed address, the worst judgement among its prefix's origins: a multi-origin
// prefix counts against the trace when any of its origins is untrusted, since that AS
// announces the space the hop is numbered from. Cached per prefix.
TraceJudge::Judged TraceJudge::judged_of(uint32_t value) {
  if (HopAttributor::category_of(value) != Category::kAttributed) return {};
  const uint32_t e = HopAttributor::entry_of(value);
  if (by_entry_.size() != hops_.origin_entries()) by_entry_.assign(hops_.origin_entries(), Judged{});
  Judged& j = by_entry_[e];
  if (!j.deciding) {
    for (uint32_t asn : hops_.origins_of_entry(e)) {
      const AsJudgement* a = as_judgement(asn);
      if (!j.first) {
        j.first = a;
        j.first_asn = asn;
      }
      if (!j.deciding || (a->untrusted() && !j.deciding->untrusted())) j.deciding = a;
    }
    j.untrusted = j.deciding && j.deciding->untrusted();
  }
  return j;
}

TraceJudge::Slot* TraceJudge::set_of(uint32_t k) {
  // Four ways a set, the most recently used first, in an aligned pair of cache lines (which
  // the L2 fetches together); the vector is on a 2 MiB boundary.
  static_assert(sizeof(Slot) == 32 && kWays * sizeof(Slot) == 128);
  return &cache4_[size_t{(k * 2654435761u) >> (32 - kCacheBits + kWayBits)} << kWayBits];
}

const TraceJudge::Slot& TraceJudge::cached4(const core::Prefix& a) {
  const uint32_t k = detail::key4(a);
  Slot* set = set_of(k);
  size_t way = kWays - 1;  // a miss replaces the least recently used
  if (k != 0) {
    if (set[0].address == k) return set[0];
    for (size_t i = 1; i < kWays; ++i)
      if (set[i].address == k) {
        way = i;
        break;
      }
  }
  const Slot hit = set[way];
  std::copy_backward(set, set + way, set + way + 1);
  set[0] = hit;
  if (hit.address != k || k == 0) {
    set[0].address = k;
    set[0].value = hops_.classify(a);
    set[0].judged = judged_of(set[0].value);
  }
  return set[0];
}

const TraceVerdict& TraceJudge::judge(const Traceroute& t) {
  TraceVerdict& v = v_;
  v.kind = VerdictKind::kClean;
  v.hops = t.hops.size();
  v.private_ = v.ixp = v.attributed = v.unattributed = v.unresponsive = v.errors = 0;
  v.addresses.clear();
  v.untrusted.clear();
  v.undetermined.clear();
  v.hop_errors.clear();
  v.why.clear();
  v.source_as = nullptr;
  v.source_asn = 0;
  v.source.reset();
  const std::optional<core::Prefix> from = t.from.empty() ? std::nullopt : parse_address(t.from);
  // The cache lines of the vantage point's and every reply's address asked for at once: the
  // cache is megabytes, so each is a miss, and misses asked for together are waited for
  // together. (A hop's probes mostly answer from one address: asked for once.)
  auto prefetch = [this](uint32_t k) {
    const Slot* set = set_of(k);
    __builtin_prefetch(set);
    __builtin_prefetch(set + kWays / 2);
  };
  if (from && !from->v6) prefetch(detail::key4(*from));
  uint32_t last = 0;
  for (const Reply& r : t.replies)
    if (r.kind == Reply::kAnswer && !r.from.v6) {
      const uint32_t k = detail::key4(r.from);
      if (k != last) prefetch(k);
      last = k;
    }
  if (from) {
    // the first origin of the vantage point's prefix
    if (from->v6) {
      v.source = hops_.classify(*from);
      const Judged j = judged_of(*v.source);
      v.source_as = j.first;
      v.source_asn = j.first_asn;
    } else {
      const Slot& slot = cached4(*from);
      v.source = slot.value;
      v.source_as = slot.judged.first;
      v.source_asn = slot.judged.first_asn;
    }
  }
  for (const Hop& h : t.hops) {
    if (!h.error.empty()) {
      ++v.errors;
      // An error with no hop number is about the whole measurement (e.g. name resolution).
      v.hop_errors.push_back(h.number ? "hop " + std::to_string(h.number) + ": " + h.error : "measurement: " + h.error);
    }
    const size_t first = v.addresses.size();
    bool answered = false;
    for (const Reply& r : t.replies_of(h)) {
      if (r.kind != Reply::kAnswer) continue;
      answered = true;
      HopAddress* ha = nullptr;
      for (size_t i = first; i < v.addresses.size(); ++i)
        if (same_address(v.addresses[i].address, r.from)) ha = &v.addresses[i];
      if (!ha) {
        ha = &v.addresses.emplace_back();
        ha->hop = h.number;
        ha->address = r.from;
        bool untrusted;
        if (!r.from.v6) {
          const Slot& slot = cached4(r.from);
          ha->value = slot.value;
          ha->deciding = slot.judged.deciding;
          untrusted = slot.judged.untrusted;
        } else {
          ha->value = hops_.classify(r.from);
          const Judged j = judged_of(ha->value);
          ha->deciding = j.deciding;
          untrusted = j.untrusted;
        }
        switch (HopAttributor::category_of(ha->value)) {
          case Category::kPrivate:
            ++v.private_;
            break;
          case Category::kIxp:
            ++v.ixp;
            break;
          case Category::kUnattributed:
            ++v.unattributed;
            v.undetermined.push_back(v.addresses.size() - 1);
            ha->attribution = hops_.decode(ha->value);
            break;
          case Category::kAttributed:
            ++v.attributed;
            if (untrusted) {
              v.untrusted.push_back(v.addresses.size() - 1);
              ha->attribution = hops_.decode(ha->value);
            }
            break;
          case Category::kUnresponsive:
            break;
        }
      }
      ++ha->replies;
      if (r.late) ++ha->late;
      for (uint32_t i = 0; i < r.mpls_count; ++i) {
        uint32_t label = t.mpls[r.mpls_first + i];
        if (std::find(ha->mpls.begin(), ha->mpls.end(), label) == ha->mpls.end()) ha->mpls.push_back(label);
      }
    }
    if (!answered && h.error.empty()) ++v.unresponsive;
  }
  if (!v.untrusted.empty()) {
    v.kind = VerdictKind::kUntrusted;
    const HopAddress& h = v.addresses[v.untrusted.front()];
    // appended into the string kept from the last trace: no temporaries
    char buf[std::max<size_t>(kAddressTextMax, 24)];
    v.why += "hop ";
    v.why.append(buf, std::to_chars(buf, buf + sizeof buf, h.hop).ptr);
    v.why += ' ';
    v.why.append(buf, write_address(buf, h.address));
    v.why += " is in the network of ";
    v.why += h.deciding->as_text;
    if (h.deciding->match) {
      v.why += ", ";
      v.why += judge_.registry().org(h.deciding->match->org).name;
    }
  } else if (!v.undetermined.empty()) {
    v.kind = VerdictKind::kUndetermined;
    char buf[24];
    v.why.append(buf, std::to_chars(buf, buf + sizeof buf, v.undetermined.size()).ptr);
    v.why += " responding public address(es) could not be attributed to a network";
  } else if (v.attributed == 0) {
    v.kind = VerdictKind::kUndetermined;
    v.why = "no hop answered from a public address: the networks crossed are not known";
  } else {
    v.why = "every responding public hop is in a network the policy allows";
  }
  return v;
}

namespace {

// Whether any of 8 bytes needs a JSON escape: a control character (< 0x20), '"' or '\'.
// (Exact as a yes/no: a borrow only starts at a byte that is itself below the bound.)
inline bool escape_in8(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  const uint64_t quote = x ^ (kOnes * '"'), backslash = x ^ (kOnes * '\\');
  return (((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash)) & kHighs;
}

inline bool needs_escape(char c) { return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\'; }

// The first byte of s from i on that needs an escape, or s.size(). Most strings have none
// (addresses, names, the verdicts' reasons): eight bytes a step.
inline size_t find_escape(std::string_view s, size_t i) {
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, sizeof x);
    if (escape_in8(x)) break;
  }
  for (; i < s.size(); ++i)
    if (needs_escape(s[i])) return i;
  return s.size();
}

inline size_t decimal_digits(uint64_t n) {
  size_t d = 1;
  for (; n >= 10; n /= 10) ++d;
  return d;
}

// JSON text through a buffer on the stack, appended to the output string when full and at
// the end: a verdict is some fifty pieces, and std::string::append would be a call and a
// capacity check for each. Literal pieces (lit) are the code's own and need no escaping; text() escapes.
class JsonOut {
 public:
  explicit JsonOut(std::string& out) : out_(out) {}
  ~JsonOut() { flush(); }
  JsonOut(const JsonOut&) = delete;
  JsonOut& operator=(const JsonOut&) = delete;

  template <size_t N>
  void lit(const char (&s)[N]) {
    raw(s, N - 1);
  }
  void raw(const char* p, size_t n) {
    if (n > kCap - n_) [[unlikely]] {
      flush();
      if (n > kCap) {
        out_.append(p, n);
        return;
      }
    }
    std::memcpy(buf_ + n_, p, n);
    n_ += n;
  }
  void ch(char c) {
    if (n_ == kCap) [[unlikely]]
      flush();
    buf_[n_++] = c;
  }
  void num(int64_t v) {
    char* p = room(24);
    n_ = static_cast<size_t>(std::to_chars(p, p + 24, v).ptr - buf_);
  }
  void address(const core::Prefix& a) {
    char* p = room(kAddressTextMax);
    n_ = static_cast<size_t>(write_address(p, a) - buf_);
  }
  void prefix(const core::Prefix& a) {
    address(a);
    ch('/');
    num(a.len);
  }
  // The content of a JSON string (RFC 8259 §7): '"', '\' and control characters escaped,
  // everything else (UTF-8 included) as is.
  void text(std::string_view s) {
    size_t run = 0;
    for (size_t i = find_escape(s, 0); i < s.size(); i = find_escape(s, run)) {
      raw(s.data() + run, i - run);
      run = i + 1;
      switch (const char c = s[i]) {
        case '"':
          lit("\\\"");
          break;
        case '\\':
          lit("\\\\");
          break;
        case '\n':
          lit("\\n");
          break;
        case '\r':
          lit("\\r");
          break;
        case '\t':
          lit("\\t");
          break;
        default: {
          const char hex[] = "0123456789abcdef";
          const char u[6] = {'\\', 'u', '0', '0', hex[(c >> 4) & 0xf], hex[c & 0xf]};
          raw(u, sizeof u);
        }
      }
    }
    raw(s.data() + run, s.size() - run);
  }
  void str(std::string_view s) {
    ch('"');
    text(s);
    ch('"');
  }

 private:
  static constexpr size_t kCap = 4096;
  char* room(size_t n) {  // n <= kCap
    if (n > kCap - n_) [[unlikely]]
      flush();
    return buf_ + n_;
  }
  void flush() {
    out_.append(buf_, n_);
    n_ = 0;
  }
  std::string& out_;
  size_t n_ = 0;
  char buf_[kCap];
};

// The same pieces into a plain string, for the text renderings.
struct TextOut {
  std::string& s;
  template <size_t N>
  void lit(const char (&x)[N]) {
    s.append(x, N - 1);
  }
  void num(int64_t v) {
    char b[24];
    s.append(b, std::to_chars(b, b + sizeof b, v).ptr);
  }
  void address(const core::Prefix& a) {
    char b[kAddressTextMax];
    s.append(b, write_address(b, a));
  }
  void prefix(const core::Prefix& a) {
    address(a);
    s += '/';
    num(a.len);
  }
  void text(std::string_view x) { s += x; }
};

// "192.0.2.1 is in 192.0.2.0/24, originated by AS64500 (...), in table": the evidence of
// one hop address, written through either of the above.
template <typename Out>
void put_attribution(Out& o, const HopAddress& h) {
  const Attribution& a = h.attribution;
  auto in_table = [&] {
    if (a.table) {
      o.lit(", in ");
      o.text(*a.table);
    }
  };
  o.address(h.address);
  switch (a.category) {
    case Category::kPrivate:
      o.lit(" is ");
      o.text(a.special->name);
      o.lit(" address space (");
      o.text(a.special->rfc);
      o.lit(", ");
      o.prefix(a.prefix);
      o.lit("): inside some network, not attributed");
      return;
    case Category::kIxp:
      o.lit(" is in ");
      o.prefix(a.prefix);
      o.lit(", the peering LAN of ");
      o.text(a.ixp->name);
      if (!a.ixp->city.empty() || !a.ixp->country.empty()) {
        o.lit(" (");
        o.text(a.ixp->city);
        if (!a.ixp->city.empty() && !a.ixp->country.empty()) o.lit(", ");
        o.text(a.ixp->country);
        o.lit(")");
      }
      in_table();
      return;
    case Category::kAttributed:
      o.lit(" is in ");
      o.prefix(a.prefix);
      o.lit(", originated by ");
      for (size_t i = 0; i < a.origins.size(); ++i) {
        if (i) o.lit(" and ");
        o.lit("AS");
        o.num(a.origins[i]);
      }
      // the AS's name and country, when the AS directory gave them ("AS64500" alone otherwise)
      if (h.deciding && h.deciding->as_text.size() > 2 + decimal_digits(h.deciding->asn)) {
        o.lit(" (");
        o.text(h.deciding->as_text);
        o.lit(")");
      }
      in_table();
      return;
    case Category::kUnattributed:
      o.lit(" is in no prefix of ");
      if (a.table)
        o.text(*a.table);
      else
        o.lit("the origin table");
      return;
    case Category::kUnresponsive:
      return;
  }
}

std::string attribution_text(const HopAddress& h, const AsJudge&) {
  std::string s;
  TextOut o{s};
  put_attribution(o, h);
  return s;
}

std::string decision_text(const AsJudgement& j, const AsJudge& judge) {
  std::string s;
  if (j.match) {
    const auto& org = judge.registry().org(j.match->org);
    s = org.name + " (" + org.id + "), matched by " + j.match->how;
    if (!j.match->matched.empty()) s += " " + j.match->matched;
  } else {
    s = "no organisation in the registry";
  }
  s += "; status ";
  s += trust::status_name(j.status.status);
  if (!j.status.verified) s += " (unverified)";
  s += "; ";
  s += trust::action_name(j.decision.action);
  s += " by ";
  s += j.decision.rule ? j.decision.rule->id : j.decision.reason;
  return s;
}

void hop_json(JsonOut& o, const HopAddress& h, const AsJudge& judge) {
  const Attribution& a = h.attribution;
  // addresses and prefixes are digits, dots, hex and colons: nothing to escape
  o.lit("{\"hop\":");
  o.num(h.hop);
  o.lit(",\"address\":\"");
  o.address(h.address);
  o.lit("\",\"category\":");
  o.str(category_name(a.category));
  if (a.category != Category::kUnattributed) {
    o.lit(",\"prefix\":\"");
    o.prefix(a.prefix);
    o.ch('"');
  }
  if (a.table) {
    o.lit(",\"table\":");
    o.str(*a.table);
  }
  if (a.category == Category::kAttributed) {
    o.lit(",\"origins\":[");
    for (size_t i = 0; i < a.origins.size(); ++i) {
      if (i) o.ch(',');
      o.num(a.origins[i]);
    }
    o.ch(']');
  }
  o.lit(",\"evidence\":\"");
  put_attribution(o, h);
  o.ch('"');
  if (h.deciding) {
    const AsJudgement& j = *h.deciding;
    o.lit(",\"as\":");
    o.str(j.as_text);
    if (j.match) {
      const auto& org = judge.registry().org(j.match->org);
      o.lit(",\"organisation\":");
      o.str(org.id);
      o.lit(",\"organisation_name\":");
      o.str(org.name);
      o.lit(",\"how\":");
      o.str(j.match->how);
    }
    o.lit(",\"status\":");
    o.str(trust::status_name(j.status.status));
    if (j.status.verified)
      o.lit(",\"verified\":true");
    else
      o.lit(",\"verified\":false");
    o.lit(",\"decision\":");
    o.str(trust::action_name(j.decision.action));
    o.lit(",\"rule\":");
    o.str(j.decision.rule ? std::string_view(j.decision.rule->id) : std::string_view("default"));
    o.lit(",\"reason\":");
    o.str(j.decision.reason);
  }
  if (h.late) {
    o.lit(",\"late\":");
    o.num(h.late);
  }
  if (!h.mpls.empty()) {
    o.lit(",\"mpls\":[");
    for (size_t i = 0; i < h.mpls.size(); ++i) {
      if (i) o.ch(',');
      o.num(h.mpls[i]);
    }
    o.ch(']');
  }
  o.ch('}');
}

std::string trace_title(const Traceroute& t, const TraceVerdict& v) {
  std::string s = t.probe();
  if (!t.from.empty() && t.prb_id >= 0) s += " from " + t.from;
  if (v.source_as) s += " (AS" + std::to_string(v.source_asn) + ")";
  s += " -> ";
  s += t.destination().empty() ? std::string_view("?") : t.destination();
  if (t.msm_id >= 0) s += ", msm " + std::to_string(t.msm_id);
  if (t.paris_id >= 0) s += " paris " + std::to_string(t.paris_id);
  return s;
}

std::string counts_text(const TraceVerdict& v) {
  std::string s = std::to_string(v.hops) + " hops: " + std::to_string(v.attributed) + " attributed";
  if (v.private_) s += ", " + std::to_string(v.private_) + " private";
  if (v.ixp) s += ", " + std::to_string(v.ixp) + " IXP";
  if (v.unattributed) s += ", " + std::to_string(v.unattributed) + " unattributed";
  if (v.unresponsive) s += ", " + std::to_string(v.unresponsive) + " unresponsive";
  if (v.errors) s += ", " + std::to_string(v.errors) + " with errors";
  return s;
}

}  // namespace

void append_verdict_json(std::string& out, const Traceroute& t, const TraceVerdict& v, const std::string& file,
                         const AsJudge& judge) {
  JsonOut o(out);
  o.lit("{\"file\":");
  o.str(file);
  o.lit(",\"line\":");
  o.num(static_cast<int64_t>(t.line));
  o.lit(",\"format\":");
  o.str(source_format_name(t.format));
  if (t.msm_id >= 0) {
    o.lit(",\"msm_id\":");
    o.num(t.msm_id);
  }
  if (t.prb_id >= 0) {
    o.lit(",\"prb_id\":");
    o.num(t.prb_id);
  }
  if (t.paris_id >= 0) {
    o.lit(",\"paris_id\":");
    o.num(t.paris_id);
  }
  if (t.timestamp >= 0) {
    o.lit(",\"timestamp\":");
    o.num(t.timestamp);
  }
  o.lit(",\"from\":");
  o.str(t.from);
  o.lit(",\"source_as\":");
  if (v.source_as)
    o.num(v.source_asn);
  else
    o.lit("null");
  o.lit(",\"destination\":");
  o.str(t.destination());
  o.lit(",\"verdict\":");
  o.str(verdict_name(v.kind));
  o.lit(",\"why\":");
  o.str(v.why);
  o.lit(",\"hops\":");
  o.num(static_cast<int64_t>(v.hops));
  o.lit(",\"counts\":{\"attributed\":");
  o.num(static_cast<int64_t>(v.attributed));
  o.lit(",\"private\":");
  o.num(static_cast<int64_t>(v.private_));
  o.lit(",\"ixp\":");
  o.num(static_cast<int64_t>(v.ixp));
  o.lit(",\"unattributed\":");
  o.num(static_cast<int64_t>(v.unattributed));
  o.lit(",\"unresponsive\":");
  o.num(static_cast<int64_t>(v.unresponsive));
  o.lit(",\"errors\":");
  o.num(static_cast<int64_t>(v.errors));
  o.lit("},\"untrusted_hops\":[");
  for (size_t i = 0; i < v.untrusted.size(); ++i) {
    if (i) o.ch(',');
    hop_json(o, v.addresses[v.untrusted[i]], judge);
  }
  o.lit("],\"unattributed_hops\":[");
  for (size_t i = 0; i < v.undetermined.size(); ++i) {
    if (i) o.ch(',');
    hop_json(o, v.addresses[v.undetermined[i]], judge);
  }
  o.ch(']');
  if (!v.hop_errors.empty()) {
    o.lit(",\"hop_errors\":[");
    for (size_t i = 0; i < v.hop_errors.size(); ++i) {
      if (i) o.ch(',');
      o.str(v.hop_errors[i]);
    }
    o.ch(']');
  }
  o.lit("}\n");
}

void append_verdict_text(std::string& out, const Traceroute& t, const TraceVerdict& v, const std::string& file,
                         const AsJudge& judge) {
  out += file + ":" + std::to_string(t.line) + (t.column > 1 ? ":" + std::to_string(t.column) : std::string()) + ": " +
         trace_title(t, v) + ": " + verdict_name(v.kind) + " (" + counts_text(v) + ")\n";
  if (v.kind == VerdictKind::kClean) return;
  for (size_t i : v.untrusted) {
    const HopAddress& h = v.addresses[i];
    out += "  hop " + std::to_string(h.hop) + " " + address_text(h.address) + ": " + attribution_text(h, judge) + "\n";
    out += "    " + decision_text(*h.deciding, judge) + "\n";
  }
  for (size_t i : v.undetermined) {
    const HopAddress& h = v.addresses[i];
    out += "  hop " + std::to_string(h.hop) + " " + address_text(h.address) + ": " + attribution_text(h, judge) + "\n";
  }
  if (v.untrusted.empty() && v.undetermined.empty()) out += "  " + v.why + "\n";
  for (const std::string& e : v.hop_errors) out += "  error: " + e + "\n";
}

std::vector<report::Evidence> hop_evidence(const HopAddress& h, const AsJudge& judge) {
  std::vector<report::Evidence> ev;
  report::Evidence a;
  a.kind = "attribution";
  a.text = attribution_text(h, judge);
  ev.push_back(a);
  if (h.deciding) {
    const AsJudgement& j = *h.deciding;
    if (j.match) {
      auto more = report::evidence_for(judge.registry(), j.status, &*j.match);
      ev.insert(ev.end(), more.begin(), more.end());
    }
    report::Evidence p;
    p.kind = "policy";
    p.text = std::string(trust::action_name(j.decision.action)) + " on line trace: " + j.decision.reason;
    ev.push_back(p);
  }
  return ev;
}

std::optional<report::Finding> verdict_finding(const Traceroute& t, const TraceVerdict& v, const std::string& file,
                                               const AsJudge& judge) {
  if (v.kind == VerdictKind::kClean) return std::nullopt;
  report::Finding f;
  f.line = trust::line_name(kLine);
  f.subject = "traceroute " + trace_title(t, v);
  f.location = report::Location{file, static_cast<uint32_t>(t.line), t.column};
  if (v.kind == VerdictKind::kUntrusted) {
    const HopAddress& h = v.addresses[v.untrusted.front()];
    const AsJudgement& j = *h.deciding;
    f.element = "hop " + std::to_string(h.hop) + " " + address_text(h.address) + " (AS" + std::to_string(j.asn) + ")";
    f.rule = j.decision.rule ? j.decision.rule->id : "default-" + std::string(trust::status_name(j.status.status));
    f.rule_text = j.decision.rule ? j.decision.rule->cite : j.decision.reason;
    f.severity = report::severity_of(j.decision.action);
    f.status = trust::status_name(j.status.status);
    f.verified = j.status.verified;
    if (j.match) {
      const auto& org = judge.registry().org(j.match->org);
      f.organisation = org.id;
      f.organisation_name = org.name;
    }
    for (size_t i : v.untrusted) {
      auto ev = hop_evidence(v.addresses[i], judge);
      f.evidence.insert(f.evidence.end(), ev.begin(), ev.end());
    }
    f.explanation = "The traceroute crossed " + std::to_string(v.untrusted.size()) +
                    " hop address(es) in untrusted networks: " + v.why + ".";
    f.suggested_fix = "Route this traffic over trusted carriers (peering or transit that avoids " + j.as_text + ").";
  } else {
    f.element = v.undetermined.empty() ? "the trace"
                                       : "hop " + std::to_string(v.addresses[v.undetermined.front()].hop) + " " +
                                             address_text(v.addresses[v.undetermined.front()].address);
    f.rule = "trace-undetermined";
    f.rule_text = "A trace is judged only when every responding public hop is attributed to a network";
    f.severity = report::Severity::kWarning;
    f.status = "unknown";
    for (size_t i : v.undetermined) {
      auto ev = hop_evidence(v.addresses[i], judge);
      f.evidence.insert(f.evidence.end(), ev.begin(), ev.end());
    }
    f.explanation = v.why + ".";
    f.suggested_fix = "Give a more complete prefix-to-AS table (--pfx2as or --rib) or repeat the measurement.";
  }
  return f;
}

void Summary::Counts::add(VerdictKind k) {
  ++traces;
  if (k == VerdictKind::kClean)
    ++clean;
  else if (k == VerdictKind::kUntrusted)
    ++untrusted;
  else
    ++undetermined;
}

void Summary::Counts::merge(const Counts& o) {
  traces += o.traces;
  clean += o.clean;
  untrusted += o.untrusted;
  undetermined += o.undetermined;
}

namespace {

// Counts of `key`, allocating the key only the first time it is seen.
template <typename Table>
Summary::Counts& at(Table& m, std::string_view key) {
  auto it = m.find(key);
  if (it == m.end()) it = m.emplace(std::string(key), Summary::Counts{}).first;
  return it->second;
}

}  // namespace

void Summary::add(const Traceroute& t, const TraceVerdict& v, const AsJudge& judge) {
  total_.add(v.kind);
  attributed_hops_ += v.attributed;
  at(by_destination_, t.destination()).add(v.kind);
  if (t.prb_id >= 0)
    by_prb_[t.prb_id].add(v.kind);
  else
    at(by_probe_, t.from.empty() ? std::string_view("unknown probe") : std::string_view(t.from)).add(v.kind);
  if (v.source_as)
    by_source_as_[v.source_asn].add(v.kind);
  else
    unknown_source_.add(v.kind);
  if (!directory_) directory_ = judge.directory();
  if (!judge_) judge_ = &judge;
  // each untrusted network once per trace; named when rendered
  for (size_t k = 0; k < v.untrusted.size(); ++k) {
    const AsJudgement* j = v.addresses[v.untrusted[k]].deciding;
    bool seen = false;
    for (size_t e = 0; e < k && !seen; ++e) seen = v.addresses[v.untrusted[e]].deciding == j;
    if (!seen) ++untrusted_by_as_[j];
  }
}

std::vector<std::pair<std::string, size_t>> Summary::untrusted_networks() const {
  // "AS4134 (...) -> china-telecom": an AS's text names its number, so no two ASes share a key
  std::map<std::string, size_t> named;
  for (const auto& [j, n] : untrusted_by_as_) {
    std::string key = j->as_text;
    if (j->match) key += " -> " + judge_->registry().org(j->match->org).id;
    named[key] += n;
  }
  std::vector<std::pair<std::string, size_t>> o(named.begin(), named.end());
  std::stable_sort(o.begin(), o.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return o;
}

void Summary::merge(const Summary& o) {
  total_.merge(o.total_);
  attributed_hops_ += o.attributed_hops_;
  for (const auto& [k, c] : o.by_destination_) at(by_destination_, k).merge(c);
  for (const auto& [k, c] : o.by_probe_) at(by_probe_, k).merge(c);
  for (const auto& [k, c] : o.by_prb_) by_prb_[k].merge(c);
  for (const auto& [k, c] : o.by_source_as_) by_source_as_[k].merge(c);
  unknown_source_.merge(o.unknown_source_);
  if (!directory_) directory_ = o.directory_;
  if (!judge_) judge_ = o.judge_;
  for (const auto& [j, n] : o.untrusted_by_as_) untrusted_by_as_[j] += n;
}

std::array<Summary::Table, 4> Summary::tables() const {
  std::array<Table, 4> t;
  t[0] = by_destination_;
  t[1] = by_probe_;
  for (const auto& [id, c] : by_prb_) at(t[1], "prb " + std::to_string(id)).merge(c);
  for (const auto& [asn, c] : by_source_as_) {
    at(t[2], "AS" + std::to_string(asn)).merge(c);
    std::string_view country = "unknown";
    if (directory_)
      if (auto e = directory_->find(asn); e && !e->country.empty()) country = e->country;
    at(t[3], country).merge(c);
  }
  if (unknown_source_.traces) {
    at(t[2], "unknown").merge(unknown_source_);
    at(t[3], "unknown").merge(unknown_source_);
  }
  return t;
}

namespace {

void put_counts(report::Json& j, const Summary::Counts& c) {
  j["traces"] = c.traces;
  j["clean"] = c.clean;
  j["untrusted"] = c.untrusted;
  j["undetermined"] = c.undetermined;
}

template <typename Table>
std::vector<std::pair<std::string, Summary::Counts>> ranked(const Table& m) {
  std::vector<std::pair<std::string, Summary::Counts>> v(m.begin(), m.end());
  // Key order first, so that ties rank by key whatever the hash tables' iteration order.
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    if (a.second.untrusted != b.second.untrusted) return a.second.untrusted > b.second.untrusted;
    return a.second.traces > b.second.traces;
  });
  return v;
}

}  // namespace

report::Json Summary::json() const {
  report::Json j;
  j["type"] = "summary";
  put_counts(j, total_);
  report::Json orgs = report::Json::array();
  for (const auto& [k, n] : untrusted_networks()) orgs.push_back({{"network", k}, {"traces", n}});
  j["untrusted_networks"] = orgs;
  const auto t = tables();
  const char* names[] = {"by_destination", "by_probe", "by_source_as", "by_country"};
  for (size_t d = 0; d < t.size(); ++d) {
    const char* name = names[d];
    report::Json a = report::Json::array();
    for (const auto& [k, c] : ranked(t[d])) {
      report::Json row;
      row["key"] = k;
      put_counts(row, c);
      a.push_back(row);
    }
    j[name] = a;
  }
  return j;
}

std::string Summary::text(size_t top) const {
  std::string s = std::to_string(total_.traces) + " traces: " + std::to_string(total_.untrusted) + " untrusted, " +
                  std::to_string(total_.undetermined) + " undetermined, " + std::to_string(total_.clean) + " clean\n";
  if (!untrusted_by_as_.empty()) {
    s += "untrusted networks crossed (traces):\n";
    for (const auto& [k, n] : untrusted_networks()) s += "  " + std::to_string(n) + "  " + k + "\n";
  }
  const auto t = tables();
  const char* names[] = {"destination", "probe", "source AS", "country"};
  for (size_t d = 0; d < t.size(); ++d) {
    const char* name = names[d];
    auto r = ranked(t[d]);
    s += "by " + std::string(name) + " (" + std::to_string(r.size()) + "; traces untrusted/undetermined/clean):\n";
    for (size_t i = 0; i < r.size() && i < top; ++i)
      s += "  " + r[i].first + "  " + std::to_string(r[i].second.traces) + " " + std::to_string(r[i].second.untrusted) +
           "/" + std::to_string(r[i].second.undetermined) + "/" + std::to_string(r[i].second.clean) + "\n";
    if (r.size() > top) s += "  ... " + std::to_string(r.size() - top) + " more (--format json lists all)\n";
  }
  return s;
}

}  // namespace cleannet::trace
