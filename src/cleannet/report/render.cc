#include "cleannet/report/render.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>

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

namespace {

Json evidence_to_json(const std::vector<Evidence>& evidence) {
  Json ev = Json::array();
  for (const auto& e : evidence) {
    Json x;
    x["kind"] = e.kind;
    x["text"] = e.text;
    if (!e.date.empty()) x["date"] = e.date;
    if (!e.until.empty()) x["until"] = e.until;
    if (!e.source_url.empty()) x["source_url"] = e.source_url;
    x["verified"] = e.verified;
    ev.push_back(std::move(x));
  }
  return ev;
}

}  // namespace

Json finding_to_json(const Finding& f) {
  Json j;
  j["line"] = f.line;
  j["subject"] = f.subject;
  j["element"] = f.element;
  j["rule"] = f.rule;
  j["rule_text"] = f.rule_text;
  j["severity"] = severity_name(f.severity);
  j["status"] = f.status;
  j["verified"] = f.verified;
  j["organisation"] = f.organisation.empty() ? Json(nullptr) : Json(f.organisation);
  j["organisation_name"] = f.organisation_name.empty() ? Json(nullptr) : Json(f.organisation_name);
  j["evidence"] = evidence_to_json(f.evidence);
  j["explanation"] = f.explanation;
  j["suggested_fix"] = f.suggested_fix;
  if (f.location)
    j["location"] = {{"uri", f.location->uri}, {"line", f.location->line}, {"column", f.location->column}};
  j["fingerprint"] = fingerprint(f);
  return j;
}

Json render_findings_json(const std::vector<Finding>& findings) {
  Json a = Json::array();
  for (const auto& f : findings) a.push_back(finding_to_json(f));
  return a;
}

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

namespace {

// SARIF §3.10.2 wants URI references: an absolute path becomes a file: URI (a bare
// "/x" is flagged by validators), and characters outside RFC 3986's unreserved and
// path sets are percent-encoded.
std::string sarif_uri(const std::string& path) {
  std::string out = path.rfind('/', 0) == 0 ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::strchr("-._~/:@!$&'()*+,;=", c)) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

Json render_sarif(const std::vector<Finding>& findings, const SarifRun& run) {
  // Rules, in order of first use, so that ruleIndex is stable for the same input.
  std::map<std::string, size_t> rule_index;
  Json rules = Json::array();
  for (const auto& f : findings) {
    if (rule_index.count(f.rule)) continue;
    rule_index[f.rule] = rules.size();
    std::string desc = f.rule_text.empty() ? f.rule : f.rule_text;
    if (desc.back() != '.') desc += '.';
    Json r;
    r["id"] = f.rule;
    // A PascalCase friendly name (SARIF §3.49.7): "CN-PATH-DIPLOMATIC" -> "CnPathDiplomatic".
    std::string name;
    bool up = true;
    for (char c : f.rule) {
      if (!std::isalnum(static_cast<unsigned char>(c))) {
        up = true;
        continue;
      }
      name += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                 : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      up = false;
    }
    if (!name.empty() && name != f.rule) r["name"] = name;
    r["shortDescription"] = {{"text", desc}};
    r["fullDescription"] = {{"text", desc}};
    r["help"] = {{"text", "See the policy citation and the evidence attached to each result."}};
    r["helpUri"] = std::string(kInformationUri) + "/blob/main/docs/policy.md";
    r["defaultConfiguration"] = {{"level", "warning"}};
    rules.push_back(std::move(r));
  }
  Json results = Json::array();
  for (const auto& f : findings) {
    Json res;
    res["ruleId"] = f.rule;
    res["ruleIndex"] = rule_index[f.rule];
    res["level"] = severity_name(f.severity);
    std::string msg = f.element + ": " + f.status;
    if (!f.organisation.empty()) msg += " (" + f.organisation_name + ")";
    if (!f.verified) msg += ", resting on unverified evidence";
    msg += ". " + f.explanation;
    if (!f.suggested_fix.empty()) msg += " Fix: " + f.suggested_fix;
    res["message"] = {{"text", msg}};
    Json loc;
    if (f.location) {
      Json region = {{"startLine", std::max<uint32_t>(1, f.location->line)}};
      if (f.location->column) region["startColumn"] = f.location->column;
      loc["physicalLocation"] = {{"artifactLocation", {{"uri", sarif_uri(f.location->uri)}}}, {"region", region}};
    }
    loc["logicalLocations"] = Json::array({{{"name", f.element}, {"kind", "element"}}});
    res["locations"] = Json::array({loc});
    // SARIF §3.27.17: a result's identity across runs, so that code-scanning dashboards
    // match this run's result to last run's instead of opening a new alert.
    res["partialFingerprints"] = {{"cleannet/v1", fingerprint(f)}};
    Json props;
    props["line"] = f.line;
    props["subject"] = f.subject;
    props["status"] = f.status;
    props["verified"] = f.verified;
    if (!f.organisation.empty()) props["organisation"] = f.organisation;
    props["evidence"] = evidence_to_json(f.evidence);
    res["properties"] = std::move(props);
    results.push_back(std::move(res));
  }
  Json driver = {{"name", kToolName},
                 {"version", kToolVersion},
                 {"semanticVersion", kToolVersion},
                 {"informationUri", kInformationUri},
                 {"rules", rules}};
  Json out;
  out["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  out["version"] = "2.1.0";
  Json r;
  r["tool"] = {{"driver", driver}};
  r["automationDetails"] = {{"description", {{"text", run.command}}}};
  r["results"] = std::move(results);
  r["columnKind"] = "unicodeCodePoints";
  out["runs"] = Json::array({r});
  return out;
}

}  // namespace cleannet::report
