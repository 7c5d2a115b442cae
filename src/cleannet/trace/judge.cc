#include "cleannet/trace/judge.h"

#include <algorithm>
#include <charconv>
#include <cstring>

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

const TraceJudge::Slot& TraceJudge::cached4(const core::Prefix& a) {
  return cache4_.get(detail::key4(a), [&](Slot& s) {
    s.value = hops_.classify(a);
    s.judged = judged_of(s.value);
  });
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
  auto prefetch = [this](uint32_t k) { cache4_.prefetch(k); };
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

}  // namespace cleannet::trace
