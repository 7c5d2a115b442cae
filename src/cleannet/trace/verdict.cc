#include "cleannet/trace/verdict.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
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
      if (!j.first) j.first = a;
      if (!j.deciding || (a->untrusted() && !j.deciding->untrusted())) j.deciding = a;
    }
    j.untrusted = j.deciding && j.deciding->untrusted();
  }
  return j;
}

TraceJudge::Slot* TraceJudge::set_of(uint32_t k) {
  // Two ways a set, in one cache line: the most recently used first.
  return &cache4_[size_t{(k * 2654435761u) >> (32 - kCacheBits + 1)} << 1];
}

const TraceJudge::Slot& TraceJudge::cached4(const core::Prefix& a) {
  const uint32_t k = detail::key4(a);
  Slot* set = set_of(k);
  if (k != 0) {
    if (set[0].address == k) return set[0];
    if (set[1].address == k) {
      std::swap(set[0], set[1]);
      return set[0];
    }
  }
  set[1] = set[0];
  set[0].address = k;
  set[0].value = hops_.classify(a);
  set[0].judged = judged_of(set[0].value);
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
  v.source.reset();
  // The cache lines of every reply's address asked for at once: the cache is megabytes, so
  // each is a miss, and misses asked for together are waited for together.
  for (const Reply& r : t.replies)
    if (r.kind == Reply::kAnswer && !r.from.v6) __builtin_prefetch(set_of(detail::key4(r.from)));
  if (!t.from.empty())
    if (auto a = parse_address(t.from)) {
      // the first origin of the vantage point's prefix
      if (a->v6) {
        v.source = hops_.classify(*a);
        v.source_as = judged_of(*v.source).first;
      } else {
        const Slot& slot = cached4(*a);
        v.source = slot.value;
        v.source_as = slot.judged.first;
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
    v.why =
        "hop " + std::to_string(h.hop) + " " + address_text(h.address) + " is in the network of " + h.deciding->as_text;
    if (h.deciding->match) v.why += ", " + judge_.registry().org(h.deciding->match->org).name;
  } else if (!v.undetermined.empty()) {
    v.kind = VerdictKind::kUndetermined;
    v.why =
        std::to_string(v.undetermined.size()) + " responding public address(es) could not be attributed to a network";
  } else if (v.attributed == 0) {
    v.kind = VerdictKind::kUndetermined;
    v.why = "no hop answered from a public address: the networks crossed are not known";
  } else {
    v.why = "every responding public hop is in a network the policy allows";
  }
  return v;
}

namespace {

void json_str(std::string& out, std::string_view s) {
  out += '"';
  // Runs that need no escape go in one append.
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void json_key(std::string& out, std::string_view k) {
  out += '"';
  out += k;
  out += "\":";
}

void json_int(std::string& out, int64_t n) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}

std::string attribution_text(const HopAddress& h, const AsJudge& judge, const HopAttributor* = nullptr) {
  const Attribution& a = h.attribution;
  std::string addr = address_text(h.address);
  switch (a.category) {
    case Category::kPrivate:
      return addr + " is " + a.special->name + " address space (" + a.special->rfc + ", " + a.prefix.to_string() +
             "): inside some network, not attributed";
    case Category::kIxp: {
      std::string s = addr + " is in " + a.prefix.to_string() + ", the peering LAN of " + a.ixp->name;
      if (!a.ixp->city.empty() || !a.ixp->country.empty())
        s += " (" + a.ixp->city + (a.ixp->city.empty() || a.ixp->country.empty() ? "" : ", ") + a.ixp->country + ")";
      if (a.table) s += ", in " + *a.table;
      return s;
    }
    case Category::kAttributed: {
      std::string s = addr + " is in " + a.prefix.to_string() + ", originated by ";
      for (size_t i = 0; i < a.origins.size(); ++i) {
        if (i) s += " and ";
        s += "AS" + std::to_string(a.origins[i]);
      }
      // the AS's name and country, when the AS directory gave them
      if (h.deciding && h.deciding->as_text.size() > 2 + std::to_string(h.deciding->asn).size())
        s += " (" + h.deciding->as_text + ")";
      if (a.table) s += ", in " + *a.table;
      (void)judge;
      return s;
    }
    case Category::kUnattributed:
      return addr + " is in no prefix of " + (a.table ? *a.table : std::string("the origin table"));
    case Category::kUnresponsive:
      break;
  }
  return addr;
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

void hop_json(std::string& out, const HopAddress& h, const AsJudge& judge) {
  const Attribution& a = h.attribution;
  out += '{';
  json_key(out, "hop");
  json_int(out, h.hop);
  out += ',';
  json_key(out, "address");
  json_str(out, address_text(h.address));
  out += ',';
  json_key(out, "category");
  json_str(out, category_name(a.category));
  if (a.category != Category::kUnattributed) {
    out += ',';
    json_key(out, "prefix");
    json_str(out, a.prefix.to_string());
  }
  if (a.table) {
    out += ',';
    json_key(out, "table");
    json_str(out, *a.table);
  }
  if (a.category == Category::kAttributed) {
    out += ',';
    json_key(out, "origins");
    out += '[';
    for (size_t i = 0; i < a.origins.size(); ++i) {
      if (i) out += ',';
      json_int(out, a.origins[i]);
    }
    out += ']';
  }
  out += ',';
  json_key(out, "evidence");
  json_str(out, attribution_text(h, judge));
  if (h.deciding) {
    const AsJudgement& j = *h.deciding;
    out += ',';
    json_key(out, "as");
    json_str(out, j.as_text);
    if (j.match) {
      const auto& org = judge.registry().org(j.match->org);
      out += ',';
      json_key(out, "organisation");
      json_str(out, org.id);
      out += ',';
      json_key(out, "organisation_name");
      json_str(out, org.name);
      out += ',';
      json_key(out, "how");
      json_str(out, j.match->how);
    }
    out += ',';
    json_key(out, "status");
    json_str(out, trust::status_name(j.status.status));
    out += ',';
    json_key(out, "verified");
    out += j.status.verified ? "true" : "false";
    out += ',';
    json_key(out, "decision");
    json_str(out, trust::action_name(j.decision.action));
    out += ',';
    json_key(out, "rule");
    json_str(out, j.decision.rule ? j.decision.rule->id : "default");
    out += ',';
    json_key(out, "reason");
    json_str(out, j.decision.reason);
  }
  if (h.late) {
    out += ',';
    json_key(out, "late");
    json_int(out, h.late);
  }
  if (!h.mpls.empty()) {
    out += ',';
    json_key(out, "mpls");
    out += '[';
    for (size_t i = 0; i < h.mpls.size(); ++i) {
      if (i) out += ',';
      json_int(out, h.mpls[i]);
    }
    out += ']';
  }
  out += '}';
}

std::string trace_title(const Traceroute& t, const TraceVerdict& v) {
  std::string s = t.probe();
  if (!t.from.empty() && t.prb_id >= 0) s += " from " + t.from;
  if (v.source_as) s += " (AS" + std::to_string(v.source_as->asn) + ")";
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
  out += '{';
  json_key(out, "file");
  json_str(out, file);
  out += ',';
  json_key(out, "line");
  json_int(out, static_cast<int64_t>(t.line));
  out += ',';
  json_key(out, "format");
  json_str(out, source_format_name(t.format));
  if (t.msm_id >= 0) {
    out += ',';
    json_key(out, "msm_id");
    json_int(out, t.msm_id);
  }
  if (t.prb_id >= 0) {
    out += ',';
    json_key(out, "prb_id");
    json_int(out, t.prb_id);
  }
  if (t.paris_id >= 0) {
    out += ',';
    json_key(out, "paris_id");
    json_int(out, t.paris_id);
  }
  if (t.timestamp >= 0) {
    out += ',';
    json_key(out, "timestamp");
    json_int(out, t.timestamp);
  }
  out += ',';
  json_key(out, "from");
  json_str(out, t.from);
  out += ',';
  json_key(out, "source_as");
  if (v.source_as)
    json_int(out, v.source_as->asn);
  else
    out += "null";
  out += ',';
  json_key(out, "destination");
  json_str(out, t.destination());
  out += ',';
  json_key(out, "verdict");
  json_str(out, verdict_name(v.kind));
  out += ',';
  json_key(out, "why");
  json_str(out, v.why);
  out += ',';
  json_key(out, "hops");
  json_int(out, static_cast<int64_t>(v.hops));
  out += ",\"counts\":{";
  const std::pair<const char*, size_t> counts[] = {
      {"attributed", v.attributed},     {"private", v.private_},          {"ixp", v.ixp},
      {"unattributed", v.unattributed}, {"unresponsive", v.unresponsive}, {"errors", v.errors}};
  for (size_t i = 0; i < std::size(counts); ++i) {
    if (i) out += ',';
    json_key(out, counts[i].first);
    json_int(out, static_cast<int64_t>(counts[i].second));
  }
  out += '}';
  out += ',';
  json_key(out, "untrusted_hops");
  out += '[';
  for (size_t i = 0; i < v.untrusted.size(); ++i) {
    if (i) out += ',';
    hop_json(out, v.addresses[v.untrusted[i]], judge);
  }
  out += "],";
  json_key(out, "unattributed_hops");
  out += '[';
  for (size_t i = 0; i < v.undetermined.size(); ++i) {
    if (i) out += ',';
    hop_json(out, v.addresses[v.undetermined[i]], judge);
  }
  out += ']';
  if (!v.hop_errors.empty()) {
    out += ',';
    json_key(out, "hop_errors");
    out += '[';
    for (size_t i = 0; i < v.hop_errors.size(); ++i) {
      if (i) out += ',';
      json_str(out, v.hop_errors[i]);
    }
    out += ']';
  }
  out += "}\n";
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
  f.line = kLine;
  f.subject = "traceroute " + trace_title(t, v);
  f.location = report::Location{file, static_cast<uint32_t>(t.line), t.column};
  if (v.kind == VerdictKind::kUntrusted) {
    const HopAddress& h = v.addresses[v.untrusted.front()];
    const AsJudgement& j = *h.deciding;
    f.element = "hop " + std::to_string(h.hop) + " " + address_text(h.address) + " (AS" + std::to_string(j.asn) + ")";
    f.rule = j.decision.rule ? j.decision.rule->id : "default-" + std::string(trust::status_name(j.status.status));
    f.rule_text = j.decision.rule ? j.decision.rule->cite : j.decision.reason;
    f.severity = j.decision.action == trust::Action::kDeny ? report::Severity::kError : report::Severity::kWarning;
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
  at(by_destination_, t.destination()).add(v.kind);
  if (t.prb_id >= 0)
    by_prb_[t.prb_id].add(v.kind);
  else
    at(by_probe_, t.from.empty() ? std::string_view("unknown probe") : std::string_view(t.from)).add(v.kind);
  if (v.source_as)
    by_source_as_[v.source_as->asn].add(v.kind);
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
  // Key order first, so that ties rank as they always did (the tables were ordered maps).
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
