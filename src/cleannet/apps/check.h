// Clean Store and Clean Apps (U.S. Department of State, 2020-08-05: "remove untrusted
// applications from U.S. mobile app stores"; "prevent untrusted PRC smartphone
// manufacturers from pre-installing -- or otherwise making available for download --
// trusted apps on their apps store"): which apps of a catalogue, a device or an APK come
// from an untrusted publisher or embed an untrusted SDK, and who made the device.
//
// Per app every attribution is resolved through the registry (trust::Resolver): the package
// name (registry android_packages, matched segment by segment, so a prefix entry such as
// com.tencent covers com.tencent.mtt), the developer name (F-Droid authorName, CSV
// developer: matched by id, name, alias, normalised name or leading words, with the match
// kind and confidence shown), each signing-certificate fingerprint (registry cert_sha256),
// and for APKs each embedded SDK (add_sdk). The least trusted attribution decides the
// publisher's status (an untrusted certificate outweighs an unknown package name). The
// status is judged with the policy's `apps` line, the context as traffic class ("store" for
// catalogues, "preinstalled" or "installed" for device lists, "apk"), segment "*": an app
// whose judgement violates the policy (trust/judge.h) is a finding, deny an error, warn a
// warning. An unknown publisher is a finding only where the policy denies unknown: warn
// for unknown is not a violation (most apps of any store are unknown to the registry).
//
// A device list's maker comes from CheckOptions::device_maker (--device) or from the
// dominant maker package prefix among its packages (com.huawei. -> Huawei, com.vivo./com.bbk.
// -> vivo ...; Google and AOSP packages are on every phone and do not count); the maker is
// judged like a vendor (registry name match restricted to vendor and device-maker
// organisations), with traffic class "device-maker".
//
//   AppsCheck check(resolver, policy, status_options, {});
//   check.add(*read_app_set(*core::Input::open("huawei-system-app-list.md")));
//   for (const report::Finding& f : check.findings()) ...
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cleannet/apps/catalogue.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"
#include "cleannet/trust/judge.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::apps {

struct CheckOptions {
  std::string device_maker;  // --device: the maker of every device list checked
};

// One piece of evidence about who is behind an app, judged.
struct Attribution {
  std::string field;   // "package", "authorName", "developer", "certificate", "sdk", "maker"
  std::string value;   // the package name, developer name, fingerprint, SDK name
  std::string detail;  // for SDKs: the signature and the classes that matched
  trust::Match match;
  trust::StatusVerdict status;
};

struct AppVerdict {
  size_t set = 0;  // index into sets()
  AppEntry app;
  std::string context;                             // store, preinstalled, installed, listed, apk
  std::vector<Attribution> publisher;              // package, developer, certificate attributions
  std::vector<Attribution> sdks;                   // embedded SDKs attributed to an organisation
  std::vector<std::string> other_sdks;             // embedded SDKs no registry organisation stands behind
  int deciding = -1;                               // index into publisher; -1: no attribution
  trust::Status status = trust::Status::kUnknown;  // the publisher's
  trust::Decision decision;
  bool untrusted_publisher = false, untrusted_sdk = false;
  bool finding = false;
};

struct DeviceVerdict {
  size_t set = 0;
  std::string maker, basis;  // "Huawei", "--device" or "97 of 269 packages under com.huawei."
  std::optional<Attribution> attribution;
  trust::Status status = trust::Status::kUnknown;
  trust::Decision decision;
  bool finding = false;
};

// A maker's package prefixes (the UAD vendor prefixes of ../shared/data/apps/MANIFEST.md).
struct MakerPrefix {
  const char* prefix;  // "com.huawei."
  const char* maker;   // "Huawei"
};
const std::vector<MakerPrefix>& maker_prefixes();
// The maker whose prefixes cover the package, or nullptr.
const MakerPrefix* maker_of_package(std::string_view package);

class AppsCheck {
 public:
  // All must outlive the check.
  AppsCheck(const trust::Resolver& resolver, const trust::Policy& policy, const trust::StatusOptions& status_options,
            CheckOptions options);

  void add(AppSet set);
  // An embedded SDK of the app just added (the last of the last set): `organisation` is a
  // registry id or name, `detail` says which signature and classes matched.
  void add_sdk(const std::string& sdk_name, const std::string& organisation, const std::string& detail);
  // The same for an SDK whose company nobody mapped: its class-name signature (an Exodus code
  // signature such as com.tencent.bugly) is resolved like a package name, so a registry
  // package prefix (com.tencent) attributes it. Signatures that are no package name (regular
  // expression fragments) attribute nothing. Returns whether the SDK was attributed.
  // An embedded SDK of the app just added that nothing attributes: listed, not judged.
  void note_sdk(const std::string& sdk_name);
  bool add_sdk_by_signature(const std::string& sdk_name, const std::string& signature, const std::string& detail);

  const std::vector<AppSet>& sets() const { return sets_; }
  const std::vector<AppVerdict>& verdicts() const { return verdicts_; }
  const std::vector<DeviceVerdict>& devices() const { return devices_; }
  std::vector<report::Finding> findings() const;
  report::Json json() const;
  std::string verdict_lines() const;  // per input: a title, per attributed app a line
  std::string summary_text() const;
  bool violations() const;  // an app or a device maker whose judgement violates the policy

 private:
  std::optional<Attribution> by_package(const std::string& package) const;
  std::optional<Attribution> by_name(const std::string& field, const std::string& name, bool maker) const;
  void decide(AppVerdict& v);
  report::Finding app_finding(const AppVerdict& v) const;
  report::Finding device_finding(const DeviceVerdict& d) const;

  const trust::Resolver& resolver_;
  const trust::Policy& policy_;
  trust::StatusOptions status_options_;
  CheckOptions options_;
  std::vector<AppSet> sets_;
  std::vector<AppVerdict> verdicts_;
  std::vector<DeviceVerdict> devices_;
};

}  // namespace cleannet::apps
