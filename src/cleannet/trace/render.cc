#include "cleannet/trace/render.h"

#include <charconv>

#include "cleannet/report/json_writer.h"
#include "cleannet/trace/findings.h"

namespace cleannet::trace {

namespace {

inline size_t decimal_digits(uint64_t n) {
  size_t d = 1;
  for (; n >= 10; n /= 10) ++d;
  return d;
}

// JSON text through a buffer on the stack, appended to the output string when full and at
// the end: a verdict is some fifty pieces, and std::string::append was a call and a capacity

// The JSON writer with the address formatting of traceroute.h (addresses and prefixes are
// digits, dots, hex and colons: nothing to escape).
class JsonOut : public report::JsonWriter {
 public:
  using JsonWriter::JsonWriter;
  void address(const core::Prefix& a) {
    put(kAddressTextMax, [&a](char* p) { return write_address(p, a); });
  }
  void prefix(const core::Prefix& a) {
    address(a);
    ch('/');
    num(a.len);
  }
  // "[x,y,...]" with put(item) writing each item.
  template <typename Range, typename Put>
  void array(const Range& items, Put put) {
    ch('[');
    bool first = true;
    for (const auto& x : items) {
      if (!first) ch(',');
      first = false;
      put(x);
    }
    ch(']');
  }
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

}  // namespace

std::string attribution_text(const HopAddress& h) {
  std::string s;
  TextOut o{s};
  put_attribution(o, h);
  return s;
}

namespace {

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
    o.lit(",\"origins\":");
    o.array(a.origins, [&](auto asn) { o.num(asn); });
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
    o.str(trust::rule_id(j.decision, j.status.status));
    o.lit(",\"reason\":");
    o.str(j.decision.reason);
  }
  if (h.late) {
    o.lit(",\"late\":");
    o.num(h.late);
  }
  if (!h.mpls.empty()) {
    o.lit(",\"mpls\":");
    o.array(h.mpls, [&](auto label) { o.num(label); });
  }
  o.ch('}');
}

}  // namespace

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

namespace {

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
  if (v.kind != VerdictKind::kClean) {
    o.lit(",\"fingerprint\":");
    o.str(verdict_fingerprint(t, v, judge));
  }
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
  o.lit("},\"untrusted_hops\":");
  o.array(v.untrusted, [&](size_t i) { hop_json(o, v.addresses[i], judge); });
  o.lit(",\"unattributed_hops\":");
  o.array(v.undetermined, [&](size_t i) { hop_json(o, v.addresses[i], judge); });
  if (!v.hop_errors.empty()) {
    o.lit(",\"hop_errors\":");
    o.array(v.hop_errors, [&](const std::string& e) { o.str(e); });
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
    out += "  hop " + std::to_string(h.hop) + " " + address_text(h.address) + ": " + attribution_text(h) + "\n";
    out += "    " + decision_text(*h.deciding, judge) + "\n";
  }
  for (size_t i : v.undetermined) {
    const HopAddress& h = v.addresses[i];
    out += "  hop " + std::to_string(h.hop) + " " + address_text(h.address) + ": " + attribution_text(h) + "\n";
  }
  if (v.untrusted.empty() && v.undetermined.empty()) out += "  " + v.why + "\n";
  for (const std::string& e : v.hop_errors) out += "  error: " + e + "\n";
}

}  // namespace cleannet::trace
