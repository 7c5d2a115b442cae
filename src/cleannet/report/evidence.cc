#include "cleannet/report/evidence.h"

namespace cleannet::report {

std::string designation_text(const trust::Designation& d) {
  std::string s = d.list + ": " + trust::status_name(d.status);
  if (d.until) s += " until " + d.until->to_string();
  if (!d.quote.empty()) s += ": \"" + d.quote + "\"";
  return s;
}

namespace {

Evidence from_designation(const trust::Registry& reg, const trust::Designation& d, std::string kind,
                          trust::OrganisationId subject) {
  Evidence e;
  e.kind = std::move(kind);
  e.text = designation_text(d);
  // Designations met on the way up the ownership chain say whose they are.
  if (d.org != subject.value()) e.text = "(" + reg.organisations()[d.org].id + ") " + e.text;
  // The layer is named when it is not the bundled registry, so user overrides show.
  if (d.layer > 0) e.text += " [from " + reg.layers()[d.layer] + "]";
  e.source_url = d.source_url;
  e.date = d.date ? d.date->to_string() : "";
  e.verified = d.verified;
  e.until = d.until ? d.until->to_string() : "";
  return e;
}

}  // namespace

std::vector<Evidence> evidence_for(const trust::Registry& reg, const trust::StatusVerdict& v,
                                   const trust::Match* match) {
  std::vector<Evidence> out;
  trust::OrganisationId subject = v.chain.empty() ? trust::OrganisationId{} : v.chain.front();
  if (match) {
    Evidence e;
    e.kind = "identifier";
    e.text = std::string(trust::identifier_kind_name(match->kind)) + " matched " + match->how + " \"" + match->matched +
             "\"";
    if (!match->via.empty()) e.text += " via " + match->via;
    e.text += ", confidence " + confidence_text(match->confidence);
    e.verified = match->identifier_verified;
    if (!e.verified) e.text += " (this identifier is not confirmed by a source)";
    out.push_back(std::move(e));
  }
  if (v.basis == trust::StatusBasis::kInherited) {
    std::string chain = reg.org(v.chain.front()).id;
    bool ok = true;
    for (size_t i = 0; i < v.links.size(); ++i) {
      // A stated share is shown; an arrow alone is control of unstated share (`parent`).
      chain += " -> " + reg.org(v.chain[i + 1]).id;
      if (v.links[i]->share) chain += " (" + v.links[i]->share_text() + ")";
      ok &= v.links[i]->verified;
    }
    // The nearest holding's own source, when it has one, is the evidence to read first.
    std::string url = v.links.empty() ? "" : v.links.front()->source_url;
    out.push_back(Evidence{"ownership", "status inherited through ownership " + chain, url, "", ok});
  }
  for (const auto* d : v.deciding) out.push_back(from_designation(reg, *d, "designation", subject));
  for (const auto* a : v.assessments) {
    Evidence e;
    e.kind = "assessment";
    const trust::Criterion* c = reg.find_criterion(a->criterion);
    e.text = a->criterion + " " + trust::criterion_result_name(a->result);
    if (c) e.text += " (" + c->framework + ": " + c->text + ")";
    e.source_url = a->evidence_url;
    e.date = a->date ? a->date->to_string() : "";
    e.verified = c && c->basis == "read";
    out.push_back(std::move(e));
  }
  for (const auto* d : v.outweighed) out.push_back(from_designation(reg, *d, "outweighed", subject));
  for (const auto* d : v.overridden) out.push_back(from_designation(reg, *d, "overridden", subject));
  for (const auto* d : v.not_in_force) out.push_back(from_designation(reg, *d, "not-in-force", subject));
  for (const auto* d : v.ignored_unverified) out.push_back(from_designation(reg, *d, "ignored-unverified", subject));
  for (const auto& n : v.notes) out.push_back(Evidence{"note", n, "", "", false});
  return out;
}

std::string ownership_text(const trust::Ownership& w) {
  std::string s = w.owner;
  if (w.share) s += " (" + w.share_text() + ")";
  if (w.since) s += " since " + w.since->to_string();
  if (w.until) s += " until " + w.until->to_string();
  if (!w.verified) s += " [link unverified]";
  return s;
}

std::string explain(const trust::Registry& reg, const trust::StatusVerdict& v, trust::OrganisationId org) {
  const auto& o = reg.org(org);
  std::string s = o.name + " is " + trust::status_name(v.status);
  switch (v.basis) {
    case trust::StatusBasis::kDesignation:
      s += " by designation";
      if (!v.deciding.empty()) {
        s += " on " + v.deciding.front()->list;
        if (v.deciding.front()->date) s += " (" + v.deciding.front()->date->to_string() + ")";
      }
      break;
    case trust::StatusBasis::kInherited:
      s += ", inherited from its owner " + reg.org(v.chain.back()).name;
      if (!v.deciding.empty()) s += " (" + v.deciding.front()->list + ")";
      break;
    case trust::StatusBasis::kCriteria:
      s += " by criteria assessment";
      break;
    case trust::StatusBasis::kNone:
      s += ": no designation, owner or assessment decides";
      break;
  }
  if (!v.verified) s += "; resting on unverified evidence";
  return s + ".";
}

Finding finding_for(const trust::Registry& reg, trust::Line line, const trust::Decision& d, trust::Status status,
                    const trust::Match* match, const trust::StatusVerdict* party) {
  Finding f;
  f.line = trust::line_name(line);
  f.rule = trust::rule_id(d, status);
  f.rule_text = d.rule ? d.rule->cite : d.reason;
  f.severity = severity_of(d.action);
  f.status = trust::status_name(status);
  if (party) f.verified = party->verified && (!match || match->identifier_verified);
  if (match) {
    const trust::Organisation& o = reg.org(match->org);
    f.organisation = o.id;
    f.organisation_name = o.name;
  }
  return f;
}

Finding finding_for(const trust::Registry& reg, const trust::Judgement& j) {
  const trust::Match* m = j.match ? &*j.match : nullptr;
  Finding f = finding_for(reg, j.line, j.decision, j.status.status, m, &j.status);
  f.verified = j.verified;
  if (m) f.evidence = evidence_for(reg, j.status, m);
  return f;
}

std::string confidence_text(double confidence) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", confidence);
  return buf;
}

Severity severity_of(trust::Action a) {
  switch (a) {
    case trust::Action::kDeny:
      return Severity::kError;
    case trust::Action::kWarn:
      return Severity::kWarning;
    case trust::Action::kAllow:
      return Severity::kNote;
  }
  return Severity::kNote;
}

}  // namespace cleannet::report
