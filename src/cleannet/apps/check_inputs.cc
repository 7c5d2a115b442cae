#include "cleannet/apps/check_inputs.h"

#include <algorithm>
#include <optional>

#include "cleannet/apps/apk.h"
#include "cleannet/apps/catalogue.h"
#include "cleannet/apps/sdk.h"

namespace cleannet::apps {

namespace {

bool is_zip(std::string_view head) {
  return head.size() >= 4 && head.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

// The SDK signatures, compiled on the first APK only (catalogues and lists do not need them).
struct SdkTools {
  std::optional<SdkCatalog> catalog;
  std::optional<SdkMatcher> matcher;
};

// An APK: its package and its verified signers' certificates judged as the publisher, each
// embedded SDK (Exodus signatures and cleannet's additions) attributed to its company's
// organisation.
core::Status add_apk(const std::string& name, core::Result<Apk> apk, SdkTools& sdk, AppsCheck& check) {
  if (!apk) return apk.error();
  if (!sdk.catalog) {
    auto cat = SdkCatalog::bundled();
    if (!cat) return cat.error();
    sdk.catalog = std::move(*cat);
    auto m = SdkMatcher::compile(*sdk.catalog);
    if (!m) return m.error();
    sdk.matcher = std::move(*m);
  }
  AppSet set;
  set.kind = SetKind::kCatalogue;
  set.format = "apk";
  set.file = name;
  AppEntry e;
  e.package = apk->manifest.package;
  e.pos = core::SourcePos(name);
  for (const SigningCertificate& c : apk->certificates) {
    std::string hex;
    for (char ch : c.sha256) hex += static_cast<char>(ch >= 'a' && ch <= 'f' ? ch - 32 : ch);
    if (std::find(e.certificates.begin(), e.certificates.end(), hex) == e.certificates.end())
      e.certificates.push_back(hex);
  }
  set.apps.push_back(std::move(e));
  check.add(std::move(set));
  for (const SdkMatch& m : sdk.matcher->match(apk->classes)) {
    const SdkTracker& t = sdk.catalog->trackers()[m.tracker];
    std::string detail = std::to_string(m.classes) + " class(es) matched " + t.key + " signature(s) ";
    for (size_t i = 0; i < m.signatures.size(); ++i) detail += (i ? ", " : "") + m.signatures[i];
    detail += ", e.g. ";
    for (size_t i = 0; i < m.examples.size(); ++i) detail += (i ? ", " : "") + m.examples[i];
    if (!t.organisation.empty()) {
      check.add_sdk(t.name, t.organisation, detail);
    } else if (!t.company.empty()) {
      check.add_sdk(t.name, t.company, detail);
    } else {
      bool attributed = false;
      for (const std::string& sig : m.signatures)
        if ((attributed = check.add_sdk_by_signature(t.name, sig, detail))) break;
      if (!attributed) check.note_sdk(t.name);
    }
  }
  return core::Ok{};
}

core::Status add_input(const std::string& p, SdkTools& sdk, AppsCheck& check) {
  auto in = core::Input::open(p);
  if (!in) return in.error();
  if (std::string_view(p).ends_with(".apk")) return add_apk(p, inspect_apk_file(p), sdk, check);
  auto text = in->read_all(kMaxAppInputBytes);
  if (!text) return text.error();
  // An APK under another name, or on standard input.
  if (is_zip(*text)) return add_apk(in->name(), inspect_apk(in->name(), *text), sdk, check);
  auto mem = core::Input::from_memory(in->name(), *text);
  if (!mem) return mem.error();
  auto set = read_app_set(std::move(*mem));
  if (!set) return set.error();
  check.add(std::move(*set));
  return core::Ok{};
}

}  // namespace

InputsRead add_inputs(const std::vector<std::string>& paths, AppsCheck& check) {
  InputsRead r;
  SdkTools sdk;
  for (const std::string& p : paths) {
    auto st = add_input(p, sdk, check);
    if (st)
      ++r.readable;
    else
      r.errors.push_back(st.error());
  }
  return r;
}

report::CheckReport run_check(const std::vector<std::string>& paths, const trust::Resolver& resolver,
                              const trust::Policy& policy, const trust::StatusOptions& status_options,
                              const CheckOptions& options) {
  AppsCheck check(resolver, policy, status_options, options);
  InputsRead read = add_inputs(paths, check);
  report::CheckReport r;
  r.errors = std::move(read.errors);
  if (read.readable == 0 && !r.errors.empty()) {
    r.reported = false;
    return r;
  }
  r.findings = check.findings();
  r.summary = check.json();
  r.summary["as_of"] = status_options.as_of.to_string();
  r.text_head =
      report::check_title("apps check", paths, policy.name, status_options.as_of.to_string()) + check.verdict_lines();
  r.text_tail = check.summary_text();
  r.violations = check.violations();
  return r;
}

}  // namespace cleannet::apps
