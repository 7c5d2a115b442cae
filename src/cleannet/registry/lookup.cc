#include "cleannet/registry/lookup.h"

#include "cleannet/core/text.h"
#include "cleannet/report/evidence.h"

namespace cleannet::registry {

using report::Json;

Lookup::Lookup(const trust::Registry& registry, const trust::Resolver& resolver, const trust::Policy& policy,
               const trust::StatusOptions& options, std::string ieee_note)
    : registry_(registry),
      resolver_(resolver),
      judge_(registry, policy, options, trust::Line::kRegistry),
      ieee_note_(std::move(ieee_note)) {}

core::Result<LookupVerdict> Lookup::judge(std::string_view text, const core::SourcePos& pos,
                                          std::optional<report::Location> location) const {
  auto id = trust::parse_identifier(text);
  if (!id) {
    core::Error e = id.error();
    e.at(pos);
    return e;
  }
  LookupVerdict v;
  v.input = std::string(core::trim(text));
  v.id = std::move(*id);
  static_cast<trust::Judgement&>(v) = judge_.judge(resolver_.resolve(v.id));

  report::Finding& f = v.finding;
  f = report::finding_for(registry_, v);
  f.subject = v.input;
  f.element = v.input;
  // The identifier in its one spelling, not as typed: "HUAWEI.COM" is "huawei.com".
  f.identity = {trust::identifier_kind_name(v.id.kind), trust::canonical_text(v.id)};
  f.location = std::move(location);
  if (v.match) {
    f.explanation = report::explain(registry_, v.status, v.match->org);
  } else {
    f.explanation =
        std::string("No organisation in the registry matches this ") + trust::identifier_kind_name(v.id.kind) + ".";
    if (v.id.kind == trust::IdentifierKind::kMac && !ieee_note_.empty()) f.explanation += " " + ieee_note_ + ".";
  }
  if (v.status.status == trust::Status::kUntrusted)
    f.suggested_fix = "Replace or avoid infrastructure and services of this organisation on traffic the policy covers.";
  else if (v.status.status == trust::Status::kUnknown)
    f.suggested_fix = "Record a designation or criteria assessment for this organisation in a --registry file.";
  return v;
}

Json Lookup::json(const LookupVerdict& v) const {
  Json j;
  j["input"] = v.input;
  j["kind"] = trust::identifier_kind_name(v.id.kind);
  j["status"] = trust::status_name(v.status.status);
  j["verified"] = v.finding.verified;
  j["basis"] = trust::status_basis_name(v.status.basis);
  j["as_of"] = judge_.options().as_of.to_string();
  if (v.match) {
    const auto& o = registry_.org(v.match->org);
    j["organisation"] = {{"id", o.id}, {"name", o.name}, {"country", o.country}};
    Json m = {{"how", v.match->how},
              {"matched", v.match->matched},
              {"confidence", v.match->confidence},
              {"identifier_verified", v.match->identifier_verified}};
    if (!v.match->via.empty()) m["via"] = v.match->via;
    j["match"] = m;
    Json chain = Json::array();
    // Each owner after the first with the holding through which the status passed.
    for (size_t i = 0; i < v.status.chain.size(); ++i) {
      const auto& x = registry_.org(v.status.chain[i]);
      Json e = {{"id", x.id}, {"name", x.name}};
      if (i > 0 && i - 1 < v.status.links.size()) {
        const trust::Ownership& w = *v.status.links[i - 1];
        e["share"] = w.share ? Json(*w.share) : Json(nullptr);
        e["link_verified"] = w.verified;
      }
      chain.push_back(e);
    }
    j["chain"] = chain;
  } else {
    j["organisation"] = nullptr;
    j["match"] = nullptr;
    j["chain"] = Json::array();
  }
  j["evidence"] = report::finding_to_json(v.finding)["evidence"];
  j["explanation"] = v.finding.explanation;
  j["policy"] = {{"name", judge_.policy().name},
                 {"action", trust::action_name(v.decision.action)},
                 {"rule", v.finding.rule},
                 {"reason", v.decision.reason}};
  j["fingerprint"] = report::fingerprint(v.finding);
  return j;
}

std::string Lookup::text(const LookupVerdict& v) const {
  std::string s = v.input + ": " + trust::status_name(v.status.status);
  if (!v.finding.verified) s += " (unverified)";
  if (v.match) {
    const auto& o = registry_.org(v.match->org);
    s += " -- " + o.name + " [" + o.id + (o.country.empty() ? "" : ", " + o.country) + "]";
  }
  s += "\n  " + v.finding.explanation + "\n";
  for (const auto& e : v.finding.evidence) {
    s += "  - " + e.kind + ": " + e.text;
    if (!e.date.empty()) s += " (" + e.date + ")";
    if (!e.verified) s += " [unverified]";
    if (!e.source_url.empty()) s += " <" + e.source_url + ">";
    s += "\n";
  }
  s +=
      "  policy " + judge_.policy().name + ": " + trust::action_name(v.decision.action) + " (" + v.finding.rule + ")\n";
  return s;
}

core::Status for_each_identifier(core::Input& in,
                                 const std::function<void(std::string_view, const core::SourcePos&)>& f) {
  in.set_max_line(64 * 1024);
  for (;;) {
    auto line = in.next_line();
    if (!line) return line.error();
    if (!*line) return core::Ok{};
    std::string_view t = core::trim(**line);
    if (t.empty() || t[0] == '#') continue;
    f(t, in.pos());
  }
}

core::Status lookup_each(const Lookup& lookup, const std::vector<std::string>& ids, const std::string& from,
                 const std::function<void(LookupVerdict&)>& verdict, const std::function<void(const core::Error&)>& error,
                 const std::optional<core::Error>* ieee_error, const std::function<void(uint64_t line)>& line) {
  bool ieee_reported = false;
  auto handle = [&](std::string_view text, const core::SourcePos& pos, std::optional<report::Location> loc) {
    auto v = lookup.judge(text, pos, std::move(loc));
    if (ieee_error && *ieee_error && !ieee_reported) {  // the IEEE files were read for this MAC, and are malformed
      error(**ieee_error);
      ieee_reported = true;
    }
    if (!v) {
      error(v.error());
      return;
    }
    verdict(*v);
  };
  for (size_t i = 0; i < ids.size(); ++i)
    handle(ids[i], core::SourcePos("argument " + std::to_string(i + 1)), std::nullopt);
  if (from.empty()) return core::Ok{};
  auto in = core::Input::open(from);
  if (!in) return in.error();
  const std::string uri = from == "-" ? "stdin" : from;
  auto read = for_each_identifier(*in, [&](std::string_view t, const core::SourcePos& pos) {
    if (line) line(pos.line);
    handle(t, pos, report::Location{uri, pos.line, 0});
  });
  if (!read) error(read.error());
  return core::Ok{};
}

report::CheckReport lookup_report(const Lookup& lookup, const std::vector<std::string>& ids, const std::string& from,
                                  const std::optional<core::Error>* ieee_error) {
  report::CheckReport r;
  report::Json results = report::Json::array();
  core::Status opened = lookup_each(
      lookup, ids, from,
      [&](LookupVerdict& v) {
        r.violations |= v.violates();
        results.push_back(lookup.json(v));
        r.text_head += lookup.text(v);
        r.findings.push_back(std::move(v.finding));
      },
      [&](const core::Error& e) { r.errors.push_back(e); }, ieee_error);
  if (!opened) r.errors.push_back(opened.error());
  r.summary["identifiers"] = results.size();
  r.summary["results"] = std::move(results);
  r.text_lists_findings = false;
  return r;
}

}  // namespace cleannet::registry
