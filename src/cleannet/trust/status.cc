#include "cleannet/trust/status.h"

#include <algorithm>
#include <map>

namespace cleannet::trust {

const char* status_basis_name(StatusBasis b) {
  switch (b) {
    case StatusBasis::kDesignation: return "designation";
    case StatusBasis::kInherited: return "inherited";
    case StatusBasis::kCriteria: return "criteria";
    case StatusBasis::kNone: return "none";
  }
  return "?";
}

namespace {

bool in_force(const Designation& d, core::Date as_of) {
  if (d.date && as_of < *d.date) return false;
  if (d.until && !(as_of < *d.until)) return false;
  return true;
}

// Decides from one organisation's own designations; false when none is in force.
bool decide_own(const Organisation& o, const StatusOptions& opt, StatusVerdict& v) {
  std::vector<const Designation*> active;
  for (const auto& d : o.designations) {
    if (!in_force(d, opt.as_of)) {
      v.not_in_force.push_back(&d);
    } else if (!d.verified && opt.ignore_unverified) {
      v.ignored_unverified.push_back(&d);
    } else {
      active.push_back(&d);
    }
  }
  if (active.empty()) return false;
  uint32_t top = 0;
  for (auto* d : active) top = std::max(top, d->layer);
  bool untrusted = false;
  for (auto* d : active) {
    if (d->layer != top) {
      v.overridden.push_back(d);
      continue;
    }
    untrusted |= d->status == Status::kUntrusted;
  }
  v.status = untrusted ? Status::kUntrusted : Status::kTrusted;
  bool any_verified = false;
  for (auto* d : active) {
    if (d->layer != top) continue;
    if (d->status != v.status) {
      v.outweighed.push_back(d);
      continue;
    }
    v.deciding.push_back(d);
    any_verified |= d->verified;
    if (!d->date) v.notes.push_back("designation on \"" + d->list + "\" carries no date; taken as in force");
  }
  if (!any_verified) {
    v.verified = false;
    v.notes.push_back("every deciding designation is unverified (verified = false)");
  }
  return true;
}

bool decide_criteria(const Registry& reg, const Organisation& o, StatusVerdict& v) {
  if (o.assessments.empty()) return false;
  // The latest result per criterion (newer layer, then later date) counts.
  std::map<std::string, const Assessment*> latest;
  for (const auto& a : o.assessments) {
    auto& slot = latest[a.criterion];
    if (!slot || a.layer > slot->layer || (a.layer == slot->layer && a.date >= slot->date)) slot = &a;
  }
  bool any_decisive = false, all_decisive_met = true, not_met = false;
  for (const auto& c : reg.criteria()) {
    if (!c.decisive) continue;
    any_decisive = true;
    auto it = latest.find(c.id);
    if (it == latest.end() || it->second->result != CriterionResult::kMet) all_decisive_met = false;
    if (it != latest.end() && it->second->result == CriterionResult::kNotMet) {
      not_met = true;
      v.assessments.push_back(it->second);
    }
  }
  if (not_met) {
    v.status = Status::kUntrusted;
  } else if (any_decisive && all_decisive_met) {
    v.status = Status::kTrusted;
    for (const auto& c : reg.criteria())
      if (c.decisive) v.assessments.push_back(latest[c.id]);
  } else {
    return false;
  }
  v.basis = StatusBasis::kCriteria;
  for (auto* a : v.assessments) {
    const Criterion* c = reg.find_criterion(a->criterion);
    if (c && c->basis != "read") {
      v.verified = false;
      v.notes.push_back("criterion " + c->id + " rests on a " + c->basis + " of its source, not its text");
    }
  }
  return true;
}

}  // namespace

StatusVerdict evaluate_status(const Registry& reg, OrganisationId org, const StatusOptions& opt) {
  StatusVerdict v;
  // Designations: the organisation itself, then each owner up the chain.
  OrganisationId cur = org;
  while (cur) {
    v.chain.push_back(cur);
    const Organisation& o = reg.org(cur);
    if (decide_own(o, opt, v)) {
      v.basis = cur == org ? StatusBasis::kDesignation : StatusBasis::kInherited;
      // An inherited status is only as good as each ownership link it crossed.
      for (size_t i = 0; i + 1 < v.chain.size(); ++i) {
        const Organisation& child = reg.org(v.chain[i]);
        if (!child.parent_verified) {
          v.verified = false;
          v.notes.push_back("ownership link " + child.id + " -> " + child.parent + " is unverified");
        }
      }
      return v;
    }
    cur = o.parent_id;
    if (v.chain.size() > reg.organisations().size()) break;  // finish() forbids cycles; belt and braces
  }
  // No designation anywhere up the chain: the organisation's own criteria assessment.
  v.chain.assign(1, org);
  if (decide_criteria(reg, reg.org(org), v)) return v;
  v.status = Status::kUnknown;
  v.basis = StatusBasis::kNone;
  return v;
}

}  // namespace cleannet::trust
