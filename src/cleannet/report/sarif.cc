#include "cleannet/report/sarif.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

#include "cleannet/report/detail/finding_json.h"

namespace cleannet::report {

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

// SARIF §3.35: an external suppression (kept in the audit's accepted-risk file, not in the
// analysed input) whose status is "accepted", with the reason as its justification and the
// rest of the entry in its property bag (§3.8).
Json suppression_to_sarif(const Suppression& s) {
  Json j;
  j["kind"] = "external";
  j["status"] = "accepted";
  j["justification"] = s.reason;
  Json props;
  props["owner"] = s.owner;
  props["expires"] = s.expires;
  props["created"] = s.created;
  props["source"] = s.source;
  j["properties"] = std::move(props);
  return j;
}

// One run object: its rules, in order of first use, and one result per finding.
Json run_to_json(const std::vector<Finding>& findings, const SarifRun& run) {
  // Rules, in order of first use, so that ruleIndex is stable for the same input.
  std::map<std::string, size_t> rule_index;
  Json rules = Json::array();
  for (const auto& f : findings) {
    if (rule_index.count(f.rule)) continue;
    rule_index[f.rule] = rules.size();
    std::string desc = f.rule_text.empty() ? f.rule : f.rule_text;
    if (desc.empty() || desc.back() != '.') desc += '.';
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
    props["evidence"] = detail::evidence_to_json(f.evidence);
    if (f.suppression) res["suppressions"] = Json::array({suppression_to_sarif(*f.suppression)});
    res["properties"] = std::move(props);
    results.push_back(std::move(res));
  }
  Json driver = {{"name", kToolName},
                 {"version", kToolVersion},
                 {"semanticVersion", kToolVersion},
                 {"informationUri", kInformationUri},
                 {"rules", rules}};
  Json r;
  r["tool"] = {{"driver", driver}};
  r["automationDetails"] = {{"description", {{"text", run.command}}}};
  if (!run.automation_id.empty()) r["automationDetails"]["id"] = run.automation_id;
  r["results"] = std::move(results);
  r["columnKind"] = "unicodeCodePoints";
  return r;
}

// The log around the runs (SARIF §3.13).
Json log_without_runs() {
  Json out;
  out["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  out["version"] = "2.1.0";
  out["runs"] = Json::array();
  return out;
}

}  // namespace

Json render_sarif_log(const std::vector<SarifRunFindings>& runs) {
  Json out = log_without_runs();
  for (const auto& r : runs) out["runs"].push_back(run_to_json(r.findings, r.run));
  return out;
}

Json render_sarif(const std::vector<Finding>& findings, const SarifRun& run) {
  Json out = log_without_runs();
  out["runs"].push_back(run_to_json(findings, run));
  return out;
}

}  // namespace cleannet::report
