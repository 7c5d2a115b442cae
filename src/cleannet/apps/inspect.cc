#include "cleannet/apps/inspect.h"

#include <algorithm>
#include <optional>
#include <sstream>

#include "cleannet/apps/apk.h"
#include "cleannet/apps/sdk.h"
#include "cleannet/core/text.h"
#include "cleannet/report/evidence.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/trust/judge.h"

namespace cleannet::apps {

namespace {

using core::join;
using report::Json;

// One certificate fingerprint with every scheme that carries it.
struct CertLine {
  std::string sha256;
  std::vector<std::string> schemes;
};

std::vector<CertLine> group_certificates(const std::vector<SigningCertificate>& certs) {
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

struct ApkReport {
  Apk apk;
  std::vector<CertLine> certs;
  std::vector<trust::Judgement> cert_judged;
  trust::Judgement package_judged;
  std::vector<SdkMatch> sdks;
  std::vector<trust::Judgement> sdk_judged;
  std::vector<std::pair<std::string, uint32_t>> prefixes;
  size_t class_count = 0;
};

class Inspector {
 public:
  Inspector(const trust::Resolver& resolver, const trust::Registry& registry, const trust::Policy& policy,
            const trust::StatusOptions& options, const SdkCatalog& catalog, const InspectInputs& in)
      : resolver_(resolver),
        reg_(registry),
        judge_(registry, policy, options, trust::Line::kApps),
        catalog_(catalog),
        in_(in) {}

  trust::Judgement judge_identifier(const std::string& text) const {
    auto id = trust::parse_identifier(text);
    return judge_.judge(id ? resolver_.resolve(*id) : std::nullopt);
  }

  // An SDK's organisation comes from the catalogue's company mapping, not from an identifier.
  trust::Judgement judge_org(const std::string& org_id) const {
    auto id = org_id.empty() ? std::nullopt : reg_.find_id(org_id);
    if (!id) return judge_.judge(std::nullopt);
    trust::Match m;
    m.org = *id;
    m.kind = trust::IdentifierKind::kName;
    m.how = "sdk-company";
    m.matched = org_id;
    return judge_.judge(m);
  }

  report::Finding make_finding(const ApkReport& r, const trust::Judgement& j, const std::string& element,
                               std::vector<report::Evidence> first, const std::string& what,
                               const std::string& fix) const {
    // The evidence chain follows the identifiers the check cites first, so it is added below.
    report::Finding f =
        report::finding_for(reg_, j.line, j.decision, j.status.status, j.match ? &*j.match : nullptr, &j.status);
    f.subject = r.apk.manifest.package;
    f.element = element;
    f.evidence = std::move(first);
    std::string why = "no organisation in the registry is known for it (status unknown)";
    if (j.match) {
      // Only the package and certificates pass their identifier match on.
      const trust::Match* how = j.match->how == "sdk-company" ? nullptr : &*j.match;
      for (report::Evidence& e : report::evidence_for(reg_, j.status, how)) f.evidence.push_back(std::move(e));
      why = report::explain(reg_, j.status, j.match->org);
      if (!why.empty() && why.back() == '.') why.pop_back();
    }
    f.evidence.push_back({"policy", judge_.policy().name + ": " + j.decision.reason, "", "", true});
    f.explanation = r.apk.manifest.package + " " + what + "; " + why + "; policy " + judge_.policy().name + " says " +
                    trust::action_name(j.decision.action) + ".";
    f.suggested_fix = fix;
    f.location = report::Location{r.apk.file, 1, 0};
    return f;
  }

  std::vector<report::Finding> findings_of(const ApkReport& r) const {
    std::vector<report::Finding> out;
    const std::string replace_app =
        "Remove the app from the store or device, or replace it with an app from a trusted publisher.";
    const std::string publisher = r.package_judged.status.status == trust::Status::kUntrusted
                                      ? "is published by an untrusted organisation"
                                      : "is published by an organisation the policy does not accept";
    if (r.package_judged.violates())
      out.push_back(make_finding(
          r, r.package_judged, "package " + r.apk.manifest.package,
          {{"identifier", "package " + r.apk.manifest.package + " from AndroidManifest.xml", "", "", true}}, publisher,
          replace_app));
    for (size_t i = 0; i < r.certs.size(); ++i)
      if (r.cert_judged[i].violates())
        out.push_back(make_finding(
            r, r.cert_judged[i], "signing certificate " + r.certs[i].sha256,
            {{"identifier",
              "signing certificate SHA-256 " + r.certs[i].sha256 + " (" + join(r.certs[i].schemes, ", ") + ")", "", "",
              true}},
            r.cert_judged[i].status.status == trust::Status::kUntrusted
                ? "is signed with an untrusted publisher's certificate"
                : "is signed with a certificate the policy does not accept",
            replace_app));
    for (size_t i = 0; i < r.sdks.size(); ++i) {
      const trust::Judgement& j = r.sdk_judged[i];
      if (!j.violates()) continue;
      const SdkMatch& m = r.sdks[i];
      const SdkTracker& t = catalog_.trackers()[m.tracker];
      std::vector<report::Evidence> ev;
      ev.push_back({"identifier",
                    std::to_string(m.classes) + " classes match " + join(m.signatures, ", ") + " (" + t.key +
                        "), e.g. " + join(m.examples, ", "),
                    t.source_url, "", true});
      if (!t.company.empty())
        ev.push_back({"ownership", t.name + " is an SDK of " + t.company + " (mapping confidence " + t.confidence + ")",
                      t.website, "", t.confidence == "high"});
      out.push_back(make_finding(r, j, "SDK " + t.name + " (" + t.key + ")", std::move(ev),
                                 "embeds " + t.name + " (" + std::to_string(m.classes) + " classes)",
                                 "Remove " + t.name + " (" + join(m.signatures, ", ") +
                                     ") from the app, or replace it with an SDK of a trusted organisation."));
    }
    return out;
  }

  Json judged_json(const trust::Judgement& j) const {
    Json o;
    o["status"] = trust::status_name(j.status.status);
    o["organisation"] = j.match ? Json(reg_.org(j.match->org).id) : Json(nullptr);
    return o;
  }

  Json apk_json(const ApkReport& r) const {
    Json j;
    j["file"] = r.apk.file;
    j["size"] = r.apk.size;
    j["package"] = r.apk.manifest.package;
    j["version_code"] = r.apk.manifest.version_code;
    j["version_name"] = r.apk.manifest.version_name;
    j["min_sdk"] = r.apk.manifest.min_sdk;
    j["package_status"] = judged_json(r.package_judged);
    Json certs = Json::array();
    for (size_t i = 0; i < r.certs.size(); ++i) {
      Json cj = {{"sha256", r.certs[i].sha256}, {"schemes", r.certs[i].schemes}};
      cj["registry"] = judged_json(r.cert_judged[i]);
      certs.push_back(cj);
    }
    j["certificates"] = certs;
    Json sig = Json::object();
    for (const SchemeResult& s : r.apk.signatures) {
      Json sj = {{"status", scheme_status_name(s.status)}};
      if (s.status == SchemeStatus::kNotVerified) sj["reason"] = s.reason;
      sig[s.scheme] = sj;
    }
    j["signatures"] = sig;
    Json unverified = Json::array();
    for (const CertLine& l : group_certificates(r.apk.unverified_certificates))
      unverified.push_back({{"sha256", l.sha256}, {"schemes", l.schemes}});
    j["unverified_certificates"] = unverified;
    Json dex = Json::array();
    for (const auto& d : r.apk.dex_files) dex.push_back({{"name", d.name}, {"size", d.size}, {"classes", d.classes}});
    j["dex"] = dex;
    j["class_count"] = r.class_count;
    Json sdks = Json::array();
    for (size_t i = 0; i < r.sdks.size(); ++i) {
      const SdkMatch& m = r.sdks[i];
      const SdkTracker& t = catalog_.trackers()[m.tracker];
      Json s;
      s["key"] = t.key;
      s["name"] = t.name;
      s["company"] = t.company.empty() ? Json(nullptr) : Json(t.company);
      s["confidence"] = t.confidence.empty() ? Json(nullptr) : Json(t.confidence);
      s["organisation"] = t.organisation.empty() ? Json(nullptr) : Json(t.organisation);
      s["status"] = trust::status_name(r.sdk_judged[i].status.status);
      s["classes"] = m.classes;
      s["signatures"] = m.signatures;
      s["examples"] = m.examples;
      s["source_url"] = t.source_url;
      sdks.push_back(s);
    }
    j["sdks"] = sdks;
    Json pre = Json::array();
    for (size_t i = 0; i < r.prefixes.size() && i < in_.top; ++i)
      pre.push_back({{"prefix", r.prefixes[i].first}, {"classes", r.prefixes[i].second}});
    j["prefixes"] = pre;
    if (in_.classes) {
      Json cl = Json::array();
      for (size_t i = 0; i < r.apk.classes.size(); ++i) cl.push_back(std::string(r.apk.classes[i]));
      j["classes"] = cl;
    }
    return j;
  }

  void text(std::ostream& os, const ApkReport& r) const {
    const Apk& a = r.apk;
    os << a.file << " (" << a.size << " bytes)\n";
    os << "  package: " << a.manifest.package;
    if (r.package_judged.match)
      os << " -> " << reg_.org(r.package_judged.match->org).id << ": "
         << trust::status_name(r.package_judged.status.status);
    os << "\n  version: " << (a.manifest.version_code.empty() ? "-" : a.manifest.version_code);
    if (!a.manifest.version_name.empty()) os << " (" << a.manifest.version_name << ")";
    os << "\n";
    os << "  signatures:";
    for (size_t i = 0; i < a.signatures.size(); ++i)
      os << (i ? ", " : " ") << a.signatures[i].scheme << " " << scheme_status_name(a.signatures[i].status);
    os << "\n";
    for (const SchemeResult& s : a.signatures)
      if (s.status == SchemeStatus::kNotVerified) os << "    " << s.scheme << ": " << s.reason << "\n";
    const bool any_signature = std::any_of(a.signatures.begin(), a.signatures.end(),
                                           [](const SchemeResult& s) { return s.status != SchemeStatus::kAbsent; });
    if (r.certs.empty()) os << "  certificate: " << (any_signature ? "none verified" : "none (unsigned)") << "\n";
    for (size_t i = 0; i < r.certs.size(); ++i) {
      os << "  certificate: sha256 " << r.certs[i].sha256 << " (" << join(r.certs[i].schemes, ", ") << ")";
      if (r.cert_judged[i].match)
        os << " -> " << reg_.org(r.cert_judged[i].match->org).id << ": "
           << trust::status_name(r.cert_judged[i].status.status);
      os << "\n";
    }
    for (const CertLine& l : group_certificates(a.unverified_certificates))
      os << "  unverified certificate: sha256 " << l.sha256 << " (" << join(l.schemes, ", ")
         << "), not used for attribution\n";
    os << "  dex:";
    if (a.dex_files.empty()) os << " none";
    for (size_t i = 0; i < a.dex_files.size(); ++i)
      os << (i ? ", " : " ") << a.dex_files[i].name << " (" << a.dex_files[i].classes << " classes)";
    os << "; " << r.class_count << " classes\n";
    os << "  sdks: " << (r.sdks.empty() ? "none found" : std::to_string(r.sdks.size())) << "\n";
    for (size_t i = 0; i < r.sdks.size(); ++i) {
      const SdkMatch& m = r.sdks[i];
      const SdkTracker& t = catalog_.trackers()[m.tracker];
      os << "    " << t.name << " [" << t.key << "]: " << m.classes << " classes (" << join(m.signatures, ", ") << ")";
      if (!t.company.empty()) {
        os << "; " << t.company;
        if (!t.organisation.empty())
          os << " -> " << t.organisation << ": " << trust::status_name(r.sdk_judged[i].status.status);
        else
          os << ", not in the registry";
      }
      os << "\n      e.g. " << join(m.examples, ", ") << "\n";
    }
    if (in_.top > 0) os << "  class prefixes:" << (r.prefixes.empty() ? " none" : "") << "\n";
    for (size_t i = 0; i < r.prefixes.size() && i < in_.top; ++i)
      os << "    " << r.prefixes[i].second << " " << r.prefixes[i].first << "\n";
    if (in_.classes)
      for (size_t i = 0; i < a.classes.size(); ++i) os << "  class " << a.classes[i] << "\n";
  }

  const trust::Judge& judge() const { return judge_; }

 private:
  const trust::Resolver& resolver_;
  const trust::Registry& reg_;
  trust::Judge judge_;
  const SdkCatalog& catalog_;
  const InspectInputs& in_;
};

}  // namespace

core::Result<InspectResult> inspect_apks(const InspectInputs& in, const trust::Resolver& resolver,
                                         const trust::Registry& registry, const trust::Policy& policy,
                                         const trust::StatusOptions& options) {
  auto catalog = SdkCatalog::bundled();
  if (!catalog) return catalog.error();
  auto matcher = SdkMatcher::compile(*catalog);
  if (!matcher) return matcher.error();
  Inspector x(resolver, registry, policy, options, *catalog, in);
  InspectResult res;
  std::vector<ApkReport> reports;
  for (const std::string& p : in.paths) {
    auto apk = inspect_apk_file(p);
    if (!apk) {
      res.errors.push_back(apk.error());
      continue;
    }
    ApkReport r;
    r.apk = std::move(*apk);
    r.certs = group_certificates(r.apk.certificates);
    for (const CertLine& l : r.certs) r.cert_judged.push_back(x.judge_identifier("cert:" + l.sha256));
    r.package_judged = x.judge_identifier("package:" + r.apk.manifest.package);
    r.sdks = matcher->match(r.apk.classes, in.examples);
    for (const SdkMatch& m : r.sdks) r.sdk_judged.push_back(x.judge_org(catalog->trackers()[m.tracker].organisation));
    r.prefixes = class_prefixes(r.apk.classes);
    r.class_count = r.apk.classes.size();
    // Many APKs in one run: keep the class names only when they are printed.
    if (!in.classes) r.apk.classes = ClassList();
    reports.push_back(std::move(r));
  }
  res.readable = reports.size();
  std::vector<report::Finding>& findings = res.report.findings;
  for (const ApkReport& r : reports)
    for (report::Finding& f : x.findings_of(r)) findings.push_back(std::move(f));
  res.violation = !findings.empty();

  Json& j = res.report.summary;
  j["as_of"] = options.as_of.to_string();
  j["policy"] = policy.name;
  Json arr = Json::array();
  for (const ApkReport& r : reports) arr.push_back(x.apk_json(r));
  j["apks"] = arr;

  std::ostringstream os;
  for (size_t i = 0; i < reports.size(); ++i) {
    if (i) os << "\n";
    x.text(os, reports[i]);
  }
  for (const auto& f : findings) os << "\n" << report::render_finding_text(f);
  os << "\n"
     << reports.size() << (reports.size() == 1 ? " APK, " : " APKs, ") << findings.size()
     << (findings.size() == 1 ? " finding" : " findings") << "; policy " << policy.name << ", as of "
     << options.as_of.to_string() << "\n";
  res.text = os.str();
  return res;
}

}  // namespace cleannet::apps
