#include "cleannet/apps/check.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include "cleannet/report/evidence.h"
#include "cleannet/trust/identifier.h"

namespace cleannet::apps {

namespace {

constexpr trust::Line kLine = trust::Line::kApps;
constexpr const char* kSegment = "*";

// How a registry match is worded in evidence: which registry field and key.
std::string how_text(const trust::Match& m) {
  if (m.how == "package") return "registry android_packages " + m.matched;
  if (m.how == "package-prefix") return "registry android_packages prefix " + m.matched;
  if (m.how == "sdk-prefix") return "registry sdk_prefixes " + m.matched;
  if (m.how == "certificate") return "registry cert_sha256";
  if (m.how == "id") return "registry id " + m.matched;
  return "registry " + m.how + " \"" + m.matched + "\", confidence " + report::confidence_text(m.confidence);
}

std::string context_of(const AppSet& s, const AppEntry& a) {
  if (s.format == "apk") return "apk";
  if (s.kind == SetKind::kCatalogue) return "store";
  if (a.preinstalled) return *a.preinstalled ? "preinstalled" : "installed";
  return "listed";
}

}  // namespace

const std::vector<MakerPrefix>& maker_prefixes() {
  // The vendor prefixes of the UAD-derived table (../shared/data/apps/MANIFEST.md, section 2,
  // uad_packages_by_vendor_prefix.csv), one maker per brand. Honor is its own maker: Huawei
  // sold it in November 2020, and its phones since use com.hihonor.
  static const std::vector<MakerPrefix> t = {
      {"com.huawei.", "Huawei"},   {"com.hihonor.", "Honor"},       {"com.xiaomi.", "Xiaomi"},
      {"com.miui.", "Xiaomi"},     {"com.oppo.", "OPPO"},           {"com.coloros.", "OPPO"},
      {"com.heytap.", "OPPO"},     {"com.oplus.", "OPPO"},          {"com.nearme.", "OPPO"},
      {"com.oneplus.", "OnePlus"}, {"com.vivo.", "vivo"},           {"com.bbk.", "vivo"},
      {"com.iqoo.", "vivo"},       {"com.samsung.", "Samsung"},     {"com.sec.", "Samsung"},
      {"com.zte.", "ZTE"},         {"com.lenovo.", "Lenovo"},       {"com.motorola.", "Motorola"},
      {"com.meizu.", "Meizu"},     {"com.transsion.", "Transsion"},
  };
  return t;
}

const MakerPrefix* maker_of_package(std::string_view package) {
  for (const MakerPrefix& m : maker_prefixes())
    if (package.starts_with(m.prefix)) return &m;
  return nullptr;
}

AppsCheck::AppsCheck(const trust::Resolver& resolver, const trust::Policy& policy,
                     const trust::StatusOptions& status_options, CheckOptions options)
    : resolver_(resolver), policy_(policy), status_options_(status_options), options_(std::move(options)) {}

std::optional<Attribution> AppsCheck::by_package(const std::string& package) const {
  trust::Identifier id;
  id.kind = trust::IdentifierKind::kAndroidPackage;
  id.text = package;
  id.key = package;
  auto m = resolver_.resolve(id);
  if (!m) return std::nullopt;
  Attribution a;
  a.field = "package";
  a.value = package;
  a.match = *m;
  a.status = trust::evaluate_status(resolver_.registry(), m->org, status_options_);
  return a;
}

// A developer or maker name. For a maker only vendor and device-maker organisations count
// (the carrier Telefonica Brasil trades as "Vivo"; the phone maker vivo is another company).
std::optional<Attribution> AppsCheck::by_name(const std::string& field, const std::string& name, bool maker) const {
  if (name.empty()) return std::nullopt;
  auto nm = resolver_.resolve_name(name);
  if (!nm) return std::nullopt;
  const trust::Organisation& o = resolver_.registry().org(nm->org);
  if (maker) {
    if (nm->how == "name-prefix") return std::nullopt;
    bool fits = std::any_of(o.kinds.begin(), o.kinds.end(),
                            [](const std::string& k) { return k == "vendor" || k == "device-maker"; });
    if (!fits) return std::nullopt;
  }
  Attribution a;
  a.field = field;
  a.value = name;
  a.match = trust::to_match(*nm);
  a.status = trust::evaluate_status(resolver_.registry(), nm->org, status_options_);
  return a;
}

void AppsCheck::decide(AppVerdict& v) {
  v.deciding = -1;
  v.status = trust::Status::kUnknown;
  for (size_t i = 0; i < v.publisher.size(); ++i)
    if (v.deciding < 0 || trust::distrust_rank(v.publisher[i].status.status) > trust::distrust_rank(v.status)) {
      v.deciding = static_cast<int>(i);
      v.status = v.publisher[i].status.status;
    }
  v.untrusted_publisher = v.status == trust::Status::kUntrusted;
  v.untrusted_sdk = std::any_of(v.sdks.begin(), v.sdks.end(),
                                [](const Attribution& a) { return a.status.status == trust::Status::kUntrusted; });
  trust::Status judged = v.untrusted_sdk ? trust::Status::kUntrusted : v.status;
  v.decision = policy_.decide(kLine, v.context, kSegment, judged);
  v.finding = trust::violates(v.decision, judged);
}

void AppsCheck::add(AppSet set) {
  const size_t si = sets_.size();
  for (const AppEntry& a : set.apps) {
    AppVerdict v;
    v.set = si;
    v.app = a;
    v.context = context_of(set, a);
    if (auto p = by_package(a.package)) v.publisher.push_back(std::move(*p));
    if (auto d = by_name(a.developer_field, a.developer, false)) v.publisher.push_back(std::move(*d));
    for (const std::string& c : a.certificates) {
      trust::Identifier id;
      id.kind = trust::IdentifierKind::kCertificate;
      id.text = c;
      id.key = c;
      if (auto m = resolver_.resolve(id)) {
        Attribution at;
        at.field = "certificate";
        at.value = c;
        at.match = *m;
        at.status = trust::evaluate_status(resolver_.registry(), m->org, status_options_);
        v.publisher.push_back(std::move(at));
      }
    }
    decide(v);
    verdicts_.push_back(std::move(v));
  }
  if (set.kind == SetKind::kDeviceList) {
    DeviceVerdict d;
    d.set = si;
    if (!options_.device_maker.empty()) {
      d.maker = options_.device_maker;
      d.basis = "--device";
    } else {
      std::map<std::string, size_t> n;
      std::map<std::string, std::string> prefixes;
      for (const AppEntry& a : set.apps)
        if (const MakerPrefix* m = maker_of_package(a.package)) {
          ++n[m->maker];
          std::string& p = prefixes[m->maker];
          std::string pre = std::string(m->prefix) + "*";
          if (p.find(pre) == std::string::npos) p += (p.empty() ? "" : ", ") + pre;
        }
      std::string best;
      size_t best_n = 0, second = 0;
      for (const auto& [maker, c] : n) {
        if (c > best_n) {
          second = best_n;
          best = maker;
          best_n = c;
        } else if (c > second) {
          second = c;
        }
      }
      // Dominant: at least 5 packages and a tenth of the list, and more than any other maker.
      if (best_n >= 5 && best_n * 10 >= set.apps.size() && best_n > second) {
        d.maker = best;
        d.basis =
            std::to_string(best_n) + " of " + std::to_string(set.apps.size()) + " packages under " + prefixes[best];
      }
    }
    if (!d.maker.empty()) {
      if (auto a = by_name("maker", d.maker, true)) {
        d.status = a->status.status;
        d.attribution = std::move(a);
      }
      d.decision = policy_.decide(kLine, "device-maker", kSegment, d.status);
      d.finding = trust::violates(d.decision, d.status);
    }
    devices_.push_back(std::move(d));
  }
  sets_.push_back(std::move(set));
}

void AppsCheck::add_sdk(const std::string& sdk_name, const std::string& organisation, const std::string& detail) {
  if (verdicts_.empty()) return;
  AppVerdict& v = verdicts_.back();
  Attribution a;
  a.field = "sdk";
  a.value = sdk_name;
  a.detail = detail;
  if (auto id = resolver_.registry().find_id(organisation)) {
    a.match.org = *id;
    a.match.how = "id";
    a.match.matched = organisation;
  } else if (auto nm = resolver_.resolve_name(organisation)) {
    a.match = trust::to_match(*nm);
  } else {
    return;
  }
  a.status = trust::evaluate_status(resolver_.registry(), a.match.org, status_options_);
  v.sdks.push_back(std::move(a));
  decide(v);
}

void AppsCheck::note_sdk(const std::string& sdk_name) {
  if (!verdicts_.empty()) verdicts_.back().other_sdks.push_back(sdk_name);
}

bool AppsCheck::add_sdk_by_signature(const std::string& sdk_name, const std::string& signature,
                                     const std::string& detail) {
  if (verdicts_.empty() || !trust::valid_package(signature)) return false;
  auto a = by_package(signature);
  if (!a) return false;
  AppVerdict& v = verdicts_.back();
  a->field = "sdk";
  a->value = sdk_name;
  a->detail = "signature " + signature + " -> " + how_text(a->match) + (detail.empty() ? "" : "; " + detail);
  v.sdks.push_back(std::move(*a));
  decide(v);
  return true;
}

report::Finding AppsCheck::app_finding(const AppVerdict& v) const {
  const trust::Registry& reg = resolver_.registry();
  const Attribution* d = v.deciding >= 0 ? &v.publisher[static_cast<size_t>(v.deciding)] : nullptr;
  const Attribution* sdk = nullptr;
  for (const Attribution& s : v.sdks)
    if (s.status.status == trust::Status::kUntrusted) {
      sdk = &s;
      break;
    }
  const Attribution* decider = v.untrusted_publisher ? d : (sdk ? sdk : d);
  report::Finding f =
      report::finding_for(reg, kLine, v.decision, v.untrusted_sdk ? trust::Status::kUntrusted : v.status,
                          decider ? &decider->match : nullptr, decider ? &decider->status : nullptr);
  f.subject = v.app.package;
  f.element = v.app.package + (v.app.name.empty() ? "" : " (" + v.app.name + ")") + ", " + v.context + " app";
  for (const Attribution& a : v.publisher) {
    std::string what = a.field == "package"       ? "package " + a.value
                       : a.field == "certificate" ? "signing certificate SHA-256 " + a.value
                                                  : a.field + " \"" + a.value + "\"";
    f.evidence.push_back({"publisher",
                          what + " -> " + reg.org(a.match.org).name + " [" + reg.org(a.match.org).id + "] (" +
                              how_text(a.match) + "): " + trust::status_name(a.status.status),
                          "", "", a.match.identifier_verified});
  }
  for (const Attribution& a : v.sdks)
    f.evidence.push_back({"sdk",
                          "embedded SDK " + a.value + " -> " + reg.org(a.match.org).name + " [" +
                              reg.org(a.match.org).id + "]: " + trust::status_name(a.status.status) +
                              (a.detail.empty() ? "" : "; " + a.detail),
                          "", "", true});
  if (!v.app.label.empty())
    f.evidence.push_back(
        {"note", (v.app.uad_list.empty() ? "labelled in the list: " : "Universal Android Debloater: ") + v.app.label,
         "", "", true});
  if (!v.app.uad_list.empty())
    f.evidence.push_back(
        {"note", "UAD list " + v.app.uad_list + ", removal " + (v.app.uad_removal.empty() ? "?" : v.app.uad_removal),
         "", "", true});
  if (!v.app.apk_path.empty()) f.evidence.push_back({"note", "installed from " + v.app.apk_path, "", "", true});
  if (v.app.commented)
    f.evidence.push_back({"note", "commented out in the list (still on the device, not removed)", "", "", true});
  if (decider)
    for (report::Evidence& e : report::evidence_for(reg, decider->status, nullptr)) f.evidence.push_back(std::move(e));
  f.evidence.push_back({"policy", policy_.name + ": " + v.decision.reason, "", "", true});
  std::string who = decider ? report::explain(reg, decider->status, decider->match.org) : "its publisher is unknown";
  if (!who.empty() && who.back() == '.') who.pop_back();
  if (v.untrusted_publisher)
    f.explanation =
        v.app.package + " is published by " + (decider ? reg.org(decider->match.org).name : "?") + "; " + who;
  else if (sdk)
    f.explanation =
        v.app.package + " embeds the SDK " + sdk->value + " of " + reg.org(sdk->match.org).name + "; " + who;
  else
    f.explanation = v.app.package + ": " + who;
  f.explanation +=
      "; policy " + policy_.name + " says " + trust::action_name(v.decision.action) + " for " + v.context + " apps.";
  if (v.context == "store")
    f.suggested_fix =
        "Remove " + v.app.package + " from the catalogue (Clean Store), or publish it under a vetted publisher.";
  else if (v.context == "preinstalled" || v.context == "listed")
    f.suggested_fix = "Remove or disable " + v.app.package + " on the device (adb shell pm uninstall --user 0 " +
                      v.app.package + "; a system app returns on factory reset), or use a device without it.";
  else if (v.context == "installed")
    f.suggested_fix = "Uninstall " + v.app.package + " (adb shell pm uninstall " + v.app.package + ").";
  else
    f.suggested_fix = v.untrusted_publisher ? "Do not install or distribute this APK."
                                            : "Rebuild the app without the SDK, or do not install or distribute it.";
  if (!v.app.pos.file.empty())
    f.location =
        report::Location{v.app.pos.file == "<stdin>" ? "stdin" : v.app.pos.file, v.app.pos.line, v.app.pos.column};
  return f;
}

report::Finding AppsCheck::device_finding(const DeviceVerdict& d) const {
  const trust::Registry& reg = resolver_.registry();
  const AppSet& s = sets_[d.set];
  const Attribution* a = d.attribution ? &*d.attribution : nullptr;
  report::Finding f =
      report::finding_for(reg, kLine, d.decision, d.status, a ? &a->match : nullptr, a ? &a->status : nullptr);
  f.subject = s.file;
  f.element = "device maker " + d.maker;
  // The device by its list's file name, not the path it was given by.
  f.identity = {f.element, std::filesystem::path(s.file).filename().string()};
  f.evidence.push_back({"maker", d.maker + " from " + d.basis, "", "", true});
  if (d.attribution) {
    f.evidence.push_back({"publisher",
                          "maker \"" + d.maker + "\" -> " + f.organisation_name + " [" + f.organisation + "] (" +
                              how_text(a->match) + ")",
                          "", "", true});
    for (report::Evidence& e : report::evidence_for(reg, a->status, nullptr)) f.evidence.push_back(std::move(e));
  }
  f.evidence.push_back({"policy", policy_.name + ": " + d.decision.reason, "", "", true});
  std::string who = d.attribution ? report::explain(reg, d.attribution->status, d.attribution->match.org)
                                  : d.maker + " has no registry entry";
  if (!who.empty() && who.back() == '.') who.pop_back();
  f.explanation = "The device of " + s.file + " was made by " + d.maker + "; " + who + "; policy " + policy_.name +
                  " says " + trust::action_name(d.decision.action) + " for device makers.";
  f.suggested_fix =
      "Use a device from a maker that is not designated untrusted; its preinstalled apps and app store "
      "come from the maker.";
  f.location = report::Location{s.file == "<stdin>" ? "stdin" : s.file, 0, 0};
  return f;
}

std::vector<report::Finding> AppsCheck::findings() const {
  std::vector<report::Finding> out;
  for (size_t si = 0; si < sets_.size(); ++si) {
    for (const DeviceVerdict& d : devices_)
      if (d.set == si && d.finding) out.push_back(device_finding(d));
    for (const AppVerdict& v : verdicts_)
      if (v.set == si && v.finding) out.push_back(app_finding(v));
  }
  return out;
}

bool AppsCheck::violations() const {
  for (const AppVerdict& v : verdicts_)
    if (v.finding) return true;
  for (const DeviceVerdict& d : devices_)
    if (d.finding) return true;
  return false;
}

std::string AppsCheck::verdict_lines() const {
  const trust::Registry& reg = resolver_.registry();
  std::string out;
  for (size_t si = 0; si < sets_.size(); ++si) {
    const AppSet& s = sets_[si];
    out += s.file + ": " + format_title(s.format);
    if (!s.title.empty()) out += " \"" + s.title + "\"";
    out += ", " + std::to_string(s.apps.size()) + " app(s)";
    if (!s.listing.empty()) out += ", listing " + s.listing + " (from " + s.listing_basis + ")";
    out += "\n";
    for (const DeviceVerdict& d : devices_) {
      if (d.set != si) continue;
      if (d.maker.empty()) {
        out += "  device maker: not determined (no maker's package prefix dominates; --device MAKER names it)\n";
      } else {
        out += "  device maker: " + d.maker + " (" + d.basis + "): " + trust::status_name(d.status);
        if (d.attribution) out += ", registry " + reg.org(d.attribution->match.org).id;
        out += "\n";
      }
    }
    size_t unattributed = 0;
    for (const AppVerdict& v : verdicts_) {
      if (v.set != si) continue;
      if (v.publisher.empty() && v.sdks.empty()) {
        if (v.other_sdks.empty()) {
          ++unattributed;
          continue;
        }
        out += "  unknown " + v.app.package + "; SDKs without a registry organisation:";
        for (size_t i = 0; i < v.other_sdks.size(); ++i) out += (i ? ", " : " ") + v.other_sdks[i];
        out += "\n";
        continue;
      }
      std::string verdict = v.untrusted_publisher ? "untrusted"
                            : v.untrusted_sdk     ? "untrusted-sdk"
                                                  : trust::status_name(v.status);
      out += "  " + verdict + " " + v.app.package;
      if (v.deciding >= 0) {
        const Attribution& a = v.publisher[static_cast<size_t>(v.deciding)];
        out += ": " + reg.org(a.match.org).name + " by " + a.field + " (" + how_text(a.match) + ")";
      }
      for (const Attribution& a : v.sdks)
        out += "; SDK " + a.value + " (" + reg.org(a.match.org).name + ", " + trust::status_name(a.status.status) + ")";
      out += "\n";
    }
    if (unattributed) out += "  " + std::to_string(unattributed) + " other app(s): no registry attribution\n";
  }
  return out;
}

std::string AppsCheck::summary_text() const {
  size_t pub = 0, sdk = 0, pre = 0, attributed = 0;
  for (const AppVerdict& v : verdicts_) {
    if (!v.publisher.empty() || !v.sdks.empty()) ++attributed;
    if (v.untrusted_publisher) ++pub;
    if (v.untrusted_sdk) ++sdk;
    if ((v.untrusted_publisher || v.untrusted_sdk) && v.context == "preinstalled") ++pre;
  }
  std::string makers;
  for (const DeviceVerdict& d : devices_)
    if (!d.maker.empty()) {
      std::string m = d.maker + " (" + trust::status_name(d.status) + ")";
      if (makers.find(m) == std::string::npos) makers += (makers.empty() ? "" : ", ") + m;
    }
  if (makers.empty()) makers = devices_.empty() ? "no device list" : "not determined";
  return std::to_string(verdicts_.size()) + " app(s) in " + std::to_string(sets_.size()) + " input(s), " +
         std::to_string(attributed) + " attributed: " + std::to_string(pub) + " from untrusted publishers, " +
         std::to_string(sdk) + " with untrusted SDKs, " + std::to_string(pre) +
         " untrusted preinstalled; device maker: " + makers + " (policy " + policy_.name + ")\n";
}

report::Json AppsCheck::json() const {
  const trust::Registry& reg = resolver_.registry();
  auto attr_json = [&](const Attribution& a) {
    report::Json j;
    j["field"] = a.field;
    j["value"] = a.value;
    j["organisation"] = reg.org(a.match.org).id;
    j["how"] = a.match.how;
    j["matched"] = a.match.matched;
    j["confidence"] = a.match.confidence;
    j["identifier_verified"] = a.match.identifier_verified;
    j["status"] = trust::status_name(a.status.status);
    if (!a.detail.empty()) j["detail"] = a.detail;
    return j;
  };
  report::Json inputs = report::Json::array();
  size_t pub = 0, sdk = 0, pre = 0;
  for (size_t si = 0; si < sets_.size(); ++si) {
    const AppSet& s = sets_[si];
    report::Json in;
    in["file"] = s.file;
    in["format"] = s.format;
    if (!s.title.empty()) in["title"] = s.title;
    if (!s.listing.empty()) {
      in["listing"] = s.listing;
      in["listing_basis"] = s.listing_basis;
    }
    for (const DeviceVerdict& d : devices_)
      if (d.set == si) {
        report::Json dj;
        dj["maker"] = d.maker.empty() ? report::Json(nullptr) : report::Json(d.maker);
        dj["basis"] = d.basis;
        dj["status"] = trust::status_name(d.status);
        dj["organisation"] = d.attribution ? report::Json(reg.org(d.attribution->match.org).id) : report::Json(nullptr);
        in["device"] = dj;
      }
    report::Json apps = report::Json::array();
    for (const AppVerdict& v : verdicts_) {
      if (v.set != si) continue;
      if (v.untrusted_publisher) ++pub;
      if (v.untrusted_sdk) ++sdk;
      if ((v.untrusted_publisher || v.untrusted_sdk) && v.context == "preinstalled") ++pre;
      report::Json j;
      j["package"] = v.app.package;
      if (!v.app.name.empty()) j["name"] = v.app.name;
      if (!v.app.developer.empty()) j["developer"] = v.app.developer;
      j["context"] = v.context;
      j["location"] = v.app.pos.to_string();
      j["status"] = trust::status_name(v.status);
      j["untrusted_publisher"] = v.untrusted_publisher;
      j["untrusted_sdk"] = v.untrusted_sdk;
      report::Json p = report::Json::array();
      for (const Attribution& a : v.publisher) p.push_back(attr_json(a));
      j["publisher"] = p;
      report::Json sd = report::Json::array();
      for (const Attribution& a : v.sdks) sd.push_back(attr_json(a));
      j["sdks"] = sd;
      if (!v.other_sdks.empty()) j["other_sdks"] = v.other_sdks;
      if (v.app.commented) j["commented"] = true;
      j["policy_action"] = trust::action_name(v.decision.action);
      j["finding"] = v.finding;
      apps.push_back(std::move(j));
    }
    in["apps"] = apps;
    inputs.push_back(std::move(in));
  }
  report::Json out;
  out["policy"] = policy_.name;
  out["counts"] = {{"apps", verdicts_.size()},
                   {"untrusted_publishers", pub},
                   {"untrusted_sdks", sdk},
                   {"untrusted_preinstalled", pre}};
  out["inputs"] = inputs;
  return out;
}

}  // namespace cleannet::apps
