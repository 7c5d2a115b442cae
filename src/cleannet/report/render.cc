#include "cleannet/report/render.h"

#include "cleannet/report/detail/finding_json.h"
#include "cleannet/report/finding_fields.h"

namespace cleannet::report {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kNote:
      return "note";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "?";
}

namespace detail {

Json evidence_to_json(const std::vector<Evidence>& evidence) {
  JsonTreeWriter w;
  write_evidence_list(w, evidence);
  return std::move(w).result();
}

Json suppression_to_json(const Suppression& s) {
  JsonTreeWriter w;
  write_suppression(w, s);
  return std::move(w).result();
}

}  // namespace detail

Json finding_to_json(const Finding& f) {
  JsonTreeWriter w;
  write_finding(w, f, fingerprint(f), /*identity=*/false);
  return std::move(w).result();
}

Json render_findings_json(const std::vector<Finding>& findings) {
  Json a = Json::array();
  for (const auto& f : findings) a.push_back(finding_to_json(f));
  return a;
}

namespace {

// "  suppressed: <reason> (owner <owner>, expires <date>; <source>)\n", leaving out what is
// empty: right under the finding's first line, since it qualifies all that follows.
std::string suppression_line(const Suppression& s) {
  std::string who;
  if (!s.owner.empty()) who = "owner " + s.owner;
  if (!s.expires.empty()) who += (who.empty() ? "" : ", ") + std::string("expires ") + s.expires;
  if (!s.source.empty()) who += (who.empty() ? "" : "; ") + s.source;
  std::string line = "  suppressed: " + (s.reason.empty() ? std::string("(no reason given)") : s.reason);
  if (!who.empty()) line += " (" + who + ")";
  return line + "\n";
}

}  // namespace

std::string render_finding_text(const Finding& f) {
  std::string s;
  if (f.location) {
    s += f.location->uri;
    if (f.location->line) s += ":" + std::to_string(f.location->line);
    s += ": ";
  }
  s += std::string(severity_name(f.severity)) + " [" + f.rule + "] " + f.element;
  if (!f.organisation.empty()) s += " -> " + f.organisation_name + " [" + f.organisation + "]";
  s += ": " + f.status;
  if (!f.verified) s += " (unverified)";
  s += "\n";
  if (f.suppression) s += suppression_line(*f.suppression);
  if (!f.explanation.empty()) s += "  " + f.explanation + "\n";
  for (const auto& e : f.evidence) {
    s += "  - " + e.kind + ": " + e.text;
    if (!e.date.empty()) s += " (" + e.date + ")";
    if (!e.verified) s += " [unverified]";
    if (!e.source_url.empty()) s += " <" + e.source_url + ">";
    s += "\n";
  }
  if (!f.suggested_fix.empty()) s += "  fix: " + f.suggested_fix + "\n";
  return s;
}

}  // namespace cleannet::report
