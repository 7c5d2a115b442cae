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
  v.chain.assign(1, org);
  const Organisation& subject = reg.org(org);
  if (decide_own(subject, opt, v)) {
    v.basis = StatusBasis::kDesignation;
    return v;
  }
  for (const Ownership& w : subject.owners) {
    if (!w.owner_id) continue;
    if (!w.in_force(opt.as_of))
      v.notes.push_back("holding of " + subject.id + " by " + w.owner + " (" + w.share_text() +
                        ") is not in force on " + opt.as_of.to_string() + "; not inherited");
    else if (!opt.ownership.passes(w))
      v.notes.push_back(w.owner + " holds " + w.share_text() + " of " + subject.id + ", less than " +
                        opt.ownership.describe() + "; not inherited");
  }
  // A holding through which status passes: in force on the date, and passing the rule.
  auto passes = [&](const Ownership& w) { return w.owner_id && w.in_force(opt.as_of) && opt.ownership.passes(w); };
  // Up the owners, breadth first, one distance at a time: the owners nearest to the subject
  // that have designations in force decide; of those, the least trusted, then the first in
  // registry order. finish() forbids cycles; `seen` also keeps a shared owner from being
  // visited twice. Ownership groups are small, so `seen` is a short list, not a flag per
  // organisation of the registry: most subjects have no owner at all.
  std::vector<OrganisationId> seen{org};
  std::vector<std::vector<OrganisationId>> levels{{org}};
  while (!subject.owners.empty()) {
    std::vector<OrganisationId> next;
    for (OrganisationId holder : levels.back())
      for (const Ownership& w : reg.org(holder).owners)
        if (passes(w) && std::find(seen.begin(), seen.end(), w.owner_id) == seen.end()) {
          seen.push_back(w.owner_id);
          next.push_back(w.owner_id);
        }
    if (next.empty()) break;
    std::sort(next.begin(), next.end(), [](OrganisationId a, OrganisationId b) { return a.value() < b.value(); });
    std::optional<StatusVerdict> best;
    OrganisationId decider;
    std::vector<std::string> others;
    for (OrganisationId cand_id : next) {
      StatusVerdict cand;
      if (!decide_own(reg.org(cand_id), opt, cand)) {
        // An owner that does not decide still explains: its designations not yet (or no
        // longer) in force, or ignored as unverified, are shown with the subject's.
        v.not_in_force.insert(v.not_in_force.end(), cand.not_in_force.begin(), cand.not_in_force.end());
        v.ignored_unverified.insert(v.ignored_unverified.end(), cand.ignored_unverified.begin(),
                                    cand.ignored_unverified.end());
        continue;
      }
      if (best && distrust_rank(cand.status) <= distrust_rank(best->status)) {
        others.push_back(reg.org(cand_id).id + " (" + status_name(cand.status) + ")");
        continue;
      }
      if (best) others.push_back(reg.org(decider).id + " (" + status_name(best->status) + ")");
      best = std::move(cand);
      decider = cand_id;
    }
    if (!best) {
      levels.push_back(std::move(next));
      continue;
    }
    // The decider's own verdict, with the designations not in force and ignored of the
    // subject and of the owners that did not decide kept: they explain why those did not.
    std::vector<std::string> notes = std::move(v.notes);
    std::vector<const Designation*> own_not_in_force = std::move(v.not_in_force);
    std::vector<const Designation*> own_ignored = std::move(v.ignored_unverified);
    v = std::move(*best);
    v.basis = StatusBasis::kInherited;
    v.not_in_force.insert(v.not_in_force.begin(), own_not_in_force.begin(), own_not_in_force.end());
    v.ignored_unverified.insert(v.ignored_unverified.begin(), own_ignored.begin(), own_ignored.end());
    notes.insert(notes.end(), v.notes.begin(), v.notes.end());
    v.notes = std::move(notes);
    // The chain back down: at each distance, the first holder in registry order that the
    // organisation one step up holds through a passing holding.
    v.chain.assign(1, decider);
    for (size_t k = levels.size(); k-- > 0;) {
      const Ownership* link = nullptr;
      OrganisationId holder;
      for (OrganisationId h : levels[k])
        for (const Ownership& w : reg.org(h).owners)
          if (w.owner_id == v.chain.back() && passes(w) && (!link || h.value() < holder.value())) {
            link = &w;
            holder = h;
          }
      v.chain.push_back(holder);
      v.links.push_back(link);
    }
    std::reverse(v.chain.begin(), v.chain.end());
    std::reverse(v.links.begin(), v.links.end());
    for (const auto& o : others) v.notes.push_back("also owned, as closely, by " + o + "; the least trusted decides");
    // An inherited status is only as good as each holding it crossed.
    for (size_t i = 0; i < v.links.size(); ++i) {
      const Ownership& w = *v.links[i];
      if (!w.verified) {
        v.verified = false;
        v.notes.push_back("ownership link " + reg.org(v.chain[i]).id + " -> " + w.owner + " is unverified");
      }
    }
    return v;
  }
  // No designation anywhere up the owners: the organisation's own criteria assessment.
  if (decide_criteria(reg, subject, v)) return v;
  v.status = Status::kUnknown;
  v.basis = StatusBasis::kNone;
  return v;
}

}  // namespace cleannet::trust
