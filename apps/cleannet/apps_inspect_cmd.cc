#include "apps_inspect_cmd.h"

#include <algorithm>
#include <iostream>
#include <memory>

#include "cleannet/apps/apk.h"
#include "cleannet/apps/sdk.h"
#include "cleannet/core/text.h"
#include "cleannet/report/evidence.h"
#include "cleannet/report/render.h"
#include "cleannet/trust/identifier.h"
#include "context.h"

namespace cleannet::cli {

namespace {

using core::join;

constexpr trust::Line kLine = trust::Line::kApps;

struct InspectOptions {
  CommonOptions common;
  std::vector<std::string> paths;
  bool classes = false;
  size_t top = 10;
  size_t examples = 3;
};

// One certificate fingerprint with every scheme that carries it.
struct CertLine {
  std::string sha256;
  std::vector<std::string> schemes;
};

struct Judged {
  trust::Status status = trust::Status::kUnknown;
  std::optional<trust::Match> match;
  trust::StatusVerdict verdict;
  trust::Decision decision;
};

std::vector<CertLine> group_certificates(const std::vector<apps::SigningCertificate>& certs) {
  std::vector<CertLine> out;
  for (const auto& c : certs) {
    auto it = std::find_if(out.begin(), out.end(), [&](const CertLine& l) { return l.sha256 == c.sha256; });
    if (it == out.end()) {
      out.push_back({c.sha256, {c.scheme}});
    } else if (std::find(it->schemes.begin(), it->schemes.end(), c.scheme) == it->schemes.end()) {
      it->schemes.push_back(c.scheme);
    }
  }
  return out;
}

Judged judge_match(const Context& c, std::optional<trust::Match> m) {
  Judged j;
  j.match = std::move(m);
  if (j.match) {
    j.verdict = trust::evaluate_status(c.registry, j.match->org, c.status_options);
    j.status = j.verdict.status;
  }
  j.decision = c.policy.decide(kLine, "*", "*", j.status);
  return j;
}

Judged judge_identifier(const Context& c, const std::string& text) {
  auto id = trust::parse_identifier(text);
  if (!id) return judge_match(c, std::nullopt);
  return judge_match(c, c.resolver->resolve(*id));
}

Judged judge_org(const Context& c, const std::string& org_id) {
  if (org_id.empty()) return judge_match(c, std::nullopt);
  auto id = c.registry.find_id(org_id);
  if (!id) return judge_match(c, std::nullopt);
  trust::Match m;
  m.org = *id;
  m.kind = trust::IdentifierKind::kName;
  m.how = "sdk-company";
  m.matched = org_id;
  return judge_match(c, m);
}

struct ApkReport {
  apps::Apk apk;
  std::vector<CertLine> certs;
  std::vector<Judged> cert_judged;
  Judged package_judged;
  std::vector<apps::SdkMatch> sdks;
  std::vector<Judged> sdk_judged;
  std::vector<std::pair<std::string, uint32_t>> prefixes;
  size_t class_count = 0;
};

report::Finding make_finding(const Context& c, const ApkReport& r, const Judged& j, const std::string& element,
                             std::vector<report::Evidence> first, const std::string& what, const std::string& fix) {
  const trust::Registry& reg = c.registry;
  report::Finding f;
  f.line = trust::line_name(kLine);
  f.subject = r.apk.manifest.package;
  f.element = element;
  f.rule = j.decision.rule ? j.decision.rule->id : "default-" + std::string(trust::status_name(j.status));
  f.rule_text = j.decision.rule ? j.decision.rule->cite : j.decision.reason;
  f.severity = report::severity_of(j.decision.action);
  f.status = trust::status_name(j.status);
  f.verified = j.verdict.verified;
  f.organisation = reg.org(j.match->org).id;
  f.organisation_name = reg.org(j.match->org).name;
  f.evidence = std::move(first);
  // An SDK's organisation comes from the company mapping (evidence above), not from an
  // identifier match: only the package and certificates pass their match on.
  const trust::Match* how = j.match->how == "sdk-company" ? nullptr : &*j.match;
  for (report::Evidence& e : report::evidence_for(reg, j.verdict, how)) f.evidence.push_back(std::move(e));
  f.evidence.push_back({"policy", c.policy.name + ": " + j.decision.reason, "", "", true});
  std::string why = report::explain(reg, j.verdict, j.match->org);
  if (!why.empty() && why.back() == '.') why.pop_back();
  f.explanation = r.apk.manifest.package + " " + what + "; " + why + "; policy " + c.policy.name + " says " +
                  trust::action_name(j.decision.action) + ".";
  f.suggested_fix = fix;
  f.location = report::Location{r.apk.file, 1, 0};
  return f;
}

std::vector<report::Finding> findings_of(const Context& c, const ApkReport& r, const apps::SdkCatalog& catalog) {
  std::vector<report::Finding> out;
  auto flagged = [](const Judged& j) { return j.match && j.status == trust::Status::kUntrusted; };
  if (flagged(r.package_judged))
    out.push_back(
        make_finding(c, r, r.package_judged, "package " + r.apk.manifest.package,
                     {{"identifier", "package " + r.apk.manifest.package + " from AndroidManifest.xml", "", "", true}},
                     "is published by an untrusted organisation",
                     "Remove the app from the store or device, or replace it with an app from a trusted publisher."));
  for (size_t i = 0; i < r.certs.size(); ++i)
    if (flagged(r.cert_judged[i]))
      out.push_back(make_finding(
          c, r, r.cert_judged[i], "signing certificate " + r.certs[i].sha256,
          {{"identifier",
            "signing certificate SHA-256 " + r.certs[i].sha256 + " (" + join(r.certs[i].schemes, ", ") + ")", "", "",
            true}},
          "is signed with an untrusted publisher's certificate",
          "Remove the app from the store or device, or replace it with an app from a trusted publisher."));
  for (size_t i = 0; i < r.sdks.size(); ++i) {
    const Judged& j = r.sdk_judged[i];
    if (!flagged(j)) continue;
    const apps::SdkMatch& m = r.sdks[i];
    const apps::SdkTracker& t = catalog.trackers()[m.tracker];
    std::vector<report::Evidence> ev;
    ev.push_back({"identifier",
                  std::to_string(m.classes) + " classes match " + join(m.signatures, ", ") + " (" + t.key + "), e.g. " +
                      join(m.examples, ", "),
                  t.source_url, "", true});
    ev.push_back({"ownership", t.name + " is an SDK of " + t.company + " (mapping confidence " + t.confidence + ")",
                  t.website, "", t.confidence == "high"});
    out.push_back(make_finding(c, r, j, "SDK " + t.name + " (" + t.key + ")", std::move(ev),
                               "embeds " + t.name + " (" + std::to_string(m.classes) + " classes)",
                               "Remove " + t.name + " (" + join(m.signatures, ", ") +
                                   ") from the app, or replace it with an SDK of a trusted organisation."));
  }
  return out;
}

report::Json judged_json(const Context& c, const Judged& j) {
  report::Json o;
  o["status"] = trust::status_name(j.status);
  o["organisation"] = j.match ? report::Json(c.registry.org(j.match->org).id) : report::Json(nullptr);
  return o;
}

report::Json apk_json(const Context& c, const ApkReport& r, const apps::SdkCatalog& catalog, const InspectOptions& o) {
  report::Json j;
  j["file"] = r.apk.file;
  j["size"] = r.apk.size;
  j["package"] = r.apk.manifest.package;
  j["version_code"] = r.apk.manifest.version_code;
  j["version_name"] = r.apk.manifest.version_name;
  j["min_sdk"] = r.apk.manifest.min_sdk;
  j["package_status"] = judged_json(c, r.package_judged);
  report::Json certs = report::Json::array();
  for (size_t i = 0; i < r.certs.size(); ++i) {
    report::Json cj = {{"sha256", r.certs[i].sha256}, {"schemes", r.certs[i].schemes}};
    cj["registry"] = judged_json(c, r.cert_judged[i]);
    certs.push_back(cj);
  }
  j["certificates"] = certs;
  report::Json sig = report::Json::object();
  for (const apps::SchemeResult& s : r.apk.signatures) {
    report::Json sj = {{"status", apps::scheme_status_name(s.status)}};
    if (s.status == apps::SchemeStatus::kNotVerified) sj["reason"] = s.reason;
    sig[s.scheme] = sj;
  }
  j["signatures"] = sig;
  report::Json unverified = report::Json::array();
  for (const CertLine& l : group_certificates(r.apk.unverified_certificates))
    unverified.push_back({{"sha256", l.sha256}, {"schemes", l.schemes}});
  j["unverified_certificates"] = unverified;
  report::Json dex = report::Json::array();
  for (const auto& d : r.apk.dex_files) dex.push_back({{"name", d.name}, {"size", d.size}, {"classes", d.classes}});
  j["dex"] = dex;
  j["class_count"] = r.class_count;
  report::Json sdks = report::Json::array();
  for (size_t i = 0; i < r.sdks.size(); ++i) {
    const apps::SdkMatch& m = r.sdks[i];
    const apps::SdkTracker& t = catalog.trackers()[m.tracker];
    report::Json s;
    s["key"] = t.key;
    s["name"] = t.name;
    s["company"] = t.company.empty() ? report::Json(nullptr) : report::Json(t.company);
    s["confidence"] = t.confidence.empty() ? report::Json(nullptr) : report::Json(t.confidence);
    s["organisation"] = t.organisation.empty() ? report::Json(nullptr) : report::Json(t.organisation);
    s["status"] = trust::status_name(r.sdk_judged[i].status);
    s["classes"] = m.classes;
    s["signatures"] = m.signatures;
    s["examples"] = m.examples;
    s["source_url"] = t.source_url;
    sdks.push_back(s);
  }
  j["sdks"] = sdks;
  report::Json pre = report::Json::array();
  for (size_t i = 0; i < r.prefixes.size() && i < o.top; ++i)
    pre.push_back({{"prefix", r.prefixes[i].first}, {"classes", r.prefixes[i].second}});
  j["prefixes"] = pre;
  if (o.classes) {
    report::Json cl = report::Json::array();
    for (size_t i = 0; i < r.apk.classes.size(); ++i) cl.push_back(std::string(r.apk.classes[i]));
    j["classes"] = cl;
  }
  return j;
}

void print_text(const Context& c, const ApkReport& r, const apps::SdkCatalog& catalog, const InspectOptions& o) {
  const apps::Apk& a = r.apk;
  std::cout << a.file << " (" << a.size << " bytes)\n";
  std::cout << "  package: " << a.manifest.package;
  if (r.package_judged.match)
    std::cout << " -> " << c.registry.org(r.package_judged.match->org).id << ": "
              << trust::status_name(r.package_judged.status);
  std::cout << "\n  version: " << (a.manifest.version_code.empty() ? "-" : a.manifest.version_code);
  if (!a.manifest.version_name.empty()) std::cout << " (" << a.manifest.version_name << ")";
  std::cout << "\n";
  std::cout << "  signatures:";
  for (size_t i = 0; i < a.signatures.size(); ++i)
    std::cout << (i ? ", " : " ") << a.signatures[i].scheme << " " << apps::scheme_status_name(a.signatures[i].status);
  std::cout << "\n";
  for (const apps::SchemeResult& s : a.signatures)
    if (s.status == apps::SchemeStatus::kNotVerified) std::cout << "    " << s.scheme << ": " << s.reason << "\n";
  const bool any_signature = std::any_of(a.signatures.begin(), a.signatures.end(), [](const apps::SchemeResult& s) {
    return s.status != apps::SchemeStatus::kAbsent;
  });
  if (r.certs.empty()) std::cout << "  certificate: " << (any_signature ? "none verified" : "none (unsigned)") << "\n";
  for (size_t i = 0; i < r.certs.size(); ++i) {
    std::cout << "  certificate: sha256 " << r.certs[i].sha256 << " (" << join(r.certs[i].schemes, ", ") << ")";
    if (r.cert_judged[i].match)
      std::cout << " -> " << c.registry.org(r.cert_judged[i].match->org).id << ": "
                << trust::status_name(r.cert_judged[i].status);
    std::cout << "\n";
  }
  for (const CertLine& l : group_certificates(a.unverified_certificates))
    std::cout << "  unverified certificate: sha256 " << l.sha256 << " (" << join(l.schemes, ", ")
              << "), not used for attribution\n";
  std::cout << "  dex:";
  if (a.dex_files.empty()) std::cout << " none";
  for (size_t i = 0; i < a.dex_files.size(); ++i)
    std::cout << (i ? ", " : " ") << a.dex_files[i].name << " (" << a.dex_files[i].classes << " classes)";
  std::cout << "; " << r.class_count << " classes\n";
  std::cout << "  sdks: " << (r.sdks.empty() ? "none found" : std::to_string(r.sdks.size())) << "\n";
  for (size_t i = 0; i < r.sdks.size(); ++i) {
    const apps::SdkMatch& m = r.sdks[i];
    const apps::SdkTracker& t = catalog.trackers()[m.tracker];
    std::cout << "    " << t.name << " [" << t.key << "]: " << m.classes << " classes (" << join(m.signatures, ", ")
              << ")";
    if (!t.company.empty()) {
      std::cout << "; " << t.company;
      if (!t.organisation.empty())
        std::cout << " -> " << t.organisation << ": " << trust::status_name(r.sdk_judged[i].status);
      else
        std::cout << ", not in the registry";
    }
    std::cout << "\n      e.g. " << join(m.examples, ", ") << "\n";
  }
  if (o.top > 0) std::cout << "  class prefixes:" << (r.prefixes.empty() ? " none" : "") << "\n";
  for (size_t i = 0; i < r.prefixes.size() && i < o.top; ++i)
    std::cout << "    " << r.prefixes[i].second << " " << r.prefixes[i].first << "\n";
  if (o.classes)
    for (size_t i = 0; i < a.classes.size(); ++i) std::cout << "  class " << a.classes[i] << "\n";
}

int run_inspect(const InspectOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  auto catalog = apps::SdkCatalog::bundled();
  if (!catalog) {
    print_error(catalog.error());
    return kExitInputError;
  }
  auto matcher = apps::SdkMatcher::compile(*catalog);
  if (!matcher) {
    print_error(matcher.error());
    return kExitInputError;
  }
  std::vector<ApkReport> reports;
  // Each readable APK gets its result, each unreadable one its error; any error makes the
  // run exit 2.
  bool failed = false;
  for (const std::string& p : o.paths) {
    auto apk = apps::inspect_apk_file(p);
    if (!apk) {
      print_error(apk.error());
      failed = true;
      continue;
    }
    ApkReport r;
    r.apk = std::move(*apk);
    r.certs = group_certificates(r.apk.certificates);
    for (const CertLine& l : r.certs) r.cert_judged.push_back(judge_identifier(*c, "cert:" + l.sha256));
    r.package_judged = judge_identifier(*c, "package:" + r.apk.manifest.package);
    r.sdks = matcher->match(r.apk.classes, o.examples);
    for (const apps::SdkMatch& m : r.sdks)
      r.sdk_judged.push_back(judge_org(*c, catalog->trackers()[m.tracker].organisation));
    r.prefixes = apps::class_prefixes(r.apk.classes);
    r.class_count = r.apk.classes.size();
    // Many APKs in one run: keep the class names only when they are printed.
    if (!o.classes) r.apk.classes = apps::ClassList();
    reports.push_back(std::move(r));
  }
  // Nothing readable: the errors are the whole answer.
  if (reports.empty() && failed) return kExitInputError;
  std::vector<report::Finding> findings;
  for (const ApkReport& r : reports)
    for (report::Finding& f : findings_of(*c, r, *catalog)) findings.push_back(std::move(f));
  const bool violation = std::any_of(findings.begin(), findings.end(),
                                     [](const report::Finding& f) { return f.severity == report::Severity::kError; });
  const std::string& fmt = o.common.format;
  if (fmt == "json") {
    report::Json j;
    j["as_of"] = c->status_options.as_of.to_string();
    j["policy"] = c->policy.name;
    report::Json arr = report::Json::array();
    for (const ApkReport& r : reports) arr.push_back(apk_json(*c, r, *catalog, o));
    j["apks"] = arr;
    j["findings"] = report::render_findings_json(findings);
    std::cout << j.dump(2, ' ', false, report::Json::error_handler_t::replace) << "\n";
  } else if (fmt == "sarif") {
    std::cout << report::render_sarif(findings, {"cleannet apps inspect"})
                     .dump(2, ' ', false, report::Json::error_handler_t::replace)
              << "\n";
  } else {
    for (size_t i = 0; i < reports.size(); ++i) {
      if (i) std::cout << "\n";
      print_text(*c, reports[i], *catalog, o);
    }
    for (const auto& f : findings) std::cout << "\n" << report::render_finding_text(f);
    std::cout << "\n"
              << reports.size() << (reports.size() == 1 ? " APK, " : " APKs, ") << findings.size()
              << (findings.size() == 1 ? " finding" : " findings") << "; policy " << c->policy.name << ", as of "
              << c->status_options.as_of.to_string() << "\n";
  }
  if (failed) return kExitInputError;
  return violation ? kExitViolations : kExitClean;
}

}  // namespace

void add_apps_inspect_commands(CLI::App& app, int& result) {
  // Both apps helpers add verbs under one noun: take it if the other file made it first.
  // (CLI11 2.3 in Debian 12 has no get_subcommand_no_throw: filter the subcommands by name.)
  auto found = app.get_subcommands([](CLI::App* s) { return s->get_name() == "apps"; });
  CLI::App* apps = found.empty() ? nullptr : found.front();
  if (!apps) {
    apps = app.add_subcommand("apps", "Clean Store / Clean Apps: APKs, the SDKs they embed, app catalogues");
    apps->require_subcommand(1);
  }
  auto o = std::make_shared<InspectOptions>();
  CLI::App* inspect = apps->add_subcommand(
      "inspect", "Inspect APK files: package, version, signing certificates, classes and the SDKs they embed");
  inspect->add_option("apks", o->paths, "APK files")->required();
  inspect->add_flag("--classes", o->classes, "List every class name (dotted form, DEX order)");
  inspect->add_option("--top", o->top, "How many class prefixes to show")->capture_default_str();
  inspect->add_option("--examples", o->examples, "Example classes per SDK")->capture_default_str();
  add_common_options(inspect, o->common, {"text", "json", "sarif"});
  inspect->callback([o, &result] { result = run_inspect(*o); });
}

}  // namespace cleannet::cli
