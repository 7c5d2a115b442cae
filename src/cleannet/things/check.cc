#include "cleannet/things/check.h"

#include <algorithm>
#include <cstdio>

#include "cleannet/core/input.h"
#include "cleannet/core/text.h"
#include "cleannet/report/evidence.h"
#include "cleannet/things/devices.h"
#include "cleannet/trust/judge.h"
#include "cleannet/trust/mac_attribution.h"

namespace cleannet::things {

namespace {

using core::join;
using netmodel::DiscoveredHost;
using netmodel::MacKind;
using report::Json;

// A device with its maker and the policy's judgement of it.
struct JudgedDevice {
  Device device;
  trust::MacAttribution at;
  trust::Judgement judgement;  // of an attributable device
  bool attributable() const {
    return (device.kind == MacKind::kUniversal || device.kind == MacKind::kLocal) && at.attributable;
  }
  const std::optional<trust::Match>& match() const { return at.match; }
};

// What the renderers need besides the device.
struct Scan {
  const ThingsInputs& in;
  const trust::Registry& registry;
};

// SARIF wants a URI: standard input gets a name that is one.
std::string uri_of(const std::string& file) { return file == "<stdin>" ? "stdin" : file; }

// Why a MAC gives no maker, for the device line and the JSON "note".
std::string unattributable_note(const JudgedDevice& d) {
  switch (d.device.kind) {
    case MacKind::kLocal:
      return "randomised MAC, not attributable (locally administered: no OUI assignment covers it)";
    case MacKind::kGroup:
      return d.device.mac == "ff:ff:ff:ff:ff:ff" ? "broadcast MAC, not a device" : "multicast MAC, not a device";
    case MacKind::kNone:
      return "no MAC seen, not attributable";
    case MacKind::kUniversal:
      break;
  }
  return "";
}

std::string ieee_text(const trust::IeeeAssignment& a) {
  return a.registry + " " + a.oui.to_string() + " \"" + a.organisation + "\"";
}

std::string oui_of(const std::string& mac) {
  std::string o = mac.substr(0, 8);
  std::transform(o.begin(), o.end(), o.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return o;
}

// Why the IEEE data names no maker for the device's MAC, with the data's date.
std::string no_ieee_text(const Scan& s, const JudgedDevice& d) {
  if (!s.in.resolver->ieee())
    return "no IEEE data covers " + oui_of(d.device.mac) + (s.in.ieee_note.empty() ? "" : " (" + s.in.ieee_note + ")");
  if (d.at.ra_parent) return d.at.unknown_reason;
  return d.at.unknown_reason + " for " + oui_of(d.device.mac);
}

// " via MA-L 00:18:82 "..."", " via registry OUI 00:18:82", " by the scan's vendor ...".
std::string match_text(const JudgedDevice& d) {
  const trust::Match& m = *d.match();
  if (m.how == "scan-vendor") {
    return " by the scan's vendor \"" + m.matched + "\" (secondary evidence, confidence " +
           report::confidence_text(m.confidence) + "; " +
           (d.at.ieee ? ieee_text(*d.at.ieee) + " is not in the registry" : d.at.unknown_reason) + ")";
  }
  if (d.at.ieee && m.how == "ieee-oui") return " via " + ieee_text(*d.at.ieee);
  return " via registry OUI " + m.matched;
}

// A locally administered MAC that an IEEE assignment covers (AA:00:04, Digital Equipment).
std::string local_note(const JudgedDevice& d) {
  return d.device.kind == MacKind::kLocal ? " (locally administered bit set, but assigned by IEEE)" : "";
}

// "nmap XML at FILE:L:C: IP 192.168.10.20, hostname cam-lobby, nmap vendor "Hikvision""
std::string sighting_text(const DiscoveredHost& h) {
  std::string s = h.source + " at " + h.pos.to_string();
  std::vector<std::string> facts;
  if (!h.ip.empty()) facts.push_back("IP " + h.ip);
  if (!h.hostname.empty()) facts.push_back("hostname " + h.hostname);
  if (!h.vendor_as_reported.empty()) facts.push_back("nmap vendor \"" + h.vendor_as_reported + "\"");
  if (!h.interface.empty()) facts.push_back("interface " + h.interface);
  if (h.format == netmodel::DiscoveryFormat::kDhcpdLeases && !h.state.empty() && h.state != "host")
    facts.push_back("lease " + h.state + (h.lease_ends.empty() ? "" : " (ends " + h.lease_ends + ")"));
  else if (!h.state.empty() && h.format == netmodel::DiscoveryFormat::kIpNeigh)
    facts.push_back("state " + h.state);
  if (!facts.empty()) s += ": " + join(facts, ", ");
  return s;
}

std::string device_name(const Device& d) {
  std::vector<std::string> what = distinct(d, &DiscoveredHost::ip);
  for (const auto& n : distinct(d, &DiscoveredHost::hostname)) what.push_back(n);
  std::string s = "device " + (d.mac.empty() ? std::string("without MAC") : d.mac);
  if (!what.empty()) s += " (" + join(what, ", ") + ")";
  return s;
}

// The common fields from the judgement; the identity is the MAC alone, since the IPs and
// hostnames in the element change with DHCP and the order of the captures.
report::Finding finding_for(const Scan& s, const JudgedDevice& d) {
  report::Finding f = report::finding_for(s.registry, d.judgement);
  f.subject = d.device.mac;
  f.element = device_name(d.device);
  f.identity = {d.device.mac};
  std::vector<report::Evidence> sightings;
  for (const auto* h : d.device.sightings)
    sightings.push_back(report::Evidence{"sighting", sighting_text(*h), "", "", true});
  f.evidence.insert(f.evidence.begin(), sightings.begin(), sightings.end());
  if (d.match()) {
    const trust::Match& m = *d.match();
    const auto& o = s.registry.org(m.org);
    if (m.how == "scan-vendor")
      f.explanation = "The scan's vendor \"" + m.matched + "\" names " + o.name +
                      " as the maker (secondary evidence: " +
                      (d.at.ieee ? ieee_text(*d.at.ieee) + " is not in the registry" : no_ieee_text(s, d)) + "). ";
    else
      f.explanation = "Its MAC's OUI " + m.matched + " names " + o.name + " as the maker. ";
    f.explanation += report::explain(s.registry, d.judgement.status, m.org);
  } else {
    report::Evidence e;
    e.kind = "identifier";
    if (d.at.ieee) {
      e.text = "mac OUI " + oui_of(d.device.mac) + ": " + ieee_text(*d.at.ieee) +
               ", which no organisation in the registry matches";
      f.explanation = "Its MAC's OUI " + d.at.ieee->oui.to_string() + " is assigned to \"" + d.at.ieee->organisation +
                      "\", which the registry does not know (status unknown).";
    } else {
      e.text = "mac OUI " + oui_of(d.device.mac) + ": " + no_ieee_text(s, d);
      f.explanation = "Its maker is unknown: " + no_ieee_text(s, d) + ".";
    }
    f.evidence.push_back(std::move(e));
  }
  if (d.judgement.status.status == trust::Status::kUntrusted)
    f.suggested_fix = "Replace this device with one from a trusted maker, or take it off networks the policy covers.";
  else if (d.judgement.status.status == trust::Status::kUnknown)
    f.suggested_fix = "Record a designation or criteria assessment for this maker in a --registry file.";
  const auto& p = d.device.sightings.front()->pos;
  f.location = report::Location{uri_of(p.file), p.line, p.column};
  return f;
}

// "44:47:cc:6a:10:21: untrusted -- Hangzhou Hikvision ... [hikvision, CN] via MA-L 44:47:CC "..."".
std::string device_text(const Scan& s, const JudgedDevice& d) {
  std::string t = (d.device.mac.empty() ? std::string("(no MAC)") : d.device.mac) + ": ";
  if (!d.attributable()) {
    t += unattributable_note(d);
  } else {
    t += trust::status_name(d.judgement.status.status);
    if (!d.judgement.verified) t += " (unverified)";
    if (d.match()) {
      const auto& o = s.registry.org(d.match()->org);
      t += " -- " + o.name + " [" + o.id + (o.country.empty() ? "" : ", " + o.country) + "]" + match_text(d);
    } else if (d.at.ieee) {
      t += " -- " + ieee_text(*d.at.ieee) + ", not in the registry";
    } else {
      t += " -- " + no_ieee_text(s, d);
    }
    t += local_note(d);
  }
  t += "\n";
  for (const auto* h : d.device.sightings) t += "  " + sighting_text(*h) + "\n";
  return t;
}

Json sighting_json(const DiscoveredHost& h) {
  Json j;
  j["file"] = h.pos.file;
  j["line"] = h.pos.line;
  j["column"] = h.pos.column;
  j["source"] = h.source;
  j["ip"] = h.ip.empty() ? Json(nullptr) : Json(h.ip);
  j["hostname"] = h.hostname.empty() ? Json(nullptr) : Json(h.hostname);
  j["vendor_as_reported"] = h.vendor_as_reported.empty() ? Json(nullptr) : Json(h.vendor_as_reported);
  j["interface"] = h.interface.empty() ? Json(nullptr) : Json(h.interface);
  j["state"] = h.state.empty() ? Json(nullptr) : Json(h.state);
  j["active"] = h.active;
  if (!h.lease_starts.empty()) j["lease_starts"] = h.lease_starts;
  if (!h.lease_ends.empty()) j["lease_ends"] = h.lease_ends;
  return j;
}

Json device_json(const Scan& s, const JudgedDevice& d) {
  Json j;
  j["mac"] = d.device.mac.empty() ? Json(nullptr) : Json(d.device.mac);
  j["mac_kind"] = netmodel::mac_kind_name(d.device.kind);
  j["attributable"] = d.attributable();
  if (d.attributable()) {
    j["status"] = trust::status_name(d.judgement.status.status);
    j["verified"] = d.judgement.verified;
    if (d.match()) {
      const trust::Match& dm = *d.match();
      const auto& o = s.registry.org(dm.org);
      j["organisation"] = {{"id", o.id}, {"name", o.name}, {"country", o.country}};
      Json m = {{"how", dm.how}, {"matched", dm.matched}, {"confidence", dm.confidence}};
      if (!dm.via.empty()) m["via"] = dm.via;
      j["match"] = m;
    } else {
      j["organisation"] = nullptr;
      j["match"] = nullptr;
    }
    j["ieee"] = d.at.ieee ? Json{{"registry", d.at.ieee->registry},
                                 {"assignment", d.at.ieee->oui.to_string()},
                                 {"organisation", d.at.ieee->organisation}}
                          : Json(nullptr);
    j["ieee_note"] = d.at.ieee ? Json(nullptr) : Json(no_ieee_text(s, d));
    j["policy"] = {{"action", trust::action_name(d.judgement.decision.action)},
                   {"rule", d.judgement.decision.rule ? d.judgement.decision.rule->id : std::string()},
                   {"reason", d.judgement.decision.reason}};
  } else {
    j["status"] = nullptr;
    j["note"] = unattributable_note(d);
  }
  j["ips"] = distinct(d.device, &DiscoveredHost::ip);
  j["hostnames"] = distinct(d.device, &DiscoveredHost::hostname);
  Json sj = Json::array();
  for (const auto* h : d.device.sightings) sj.push_back(sighting_json(*h));
  j["sightings"] = sj;
  return j;
}

// Reads every file: each readable one with hosts into `inputs` (and its name as core::Input
// gives it, "<stdin>" for "-"), each other one's error into `errors`.
void read_captures(const ThingsInputs& in, std::vector<netmodel::Discovery>& inputs, std::vector<std::string>& names,
                   std::vector<core::Error>& errors) {
  for (const auto& path : in.files) {
    auto input = core::Input::open(path);
    if (!input) {
      errors.push_back(input.error());
      continue;
    }
    std::string name = input->name();
    auto d = netmodel::parse_discovered(std::move(*input), in.format);
    if (!d) {
      errors.push_back(d.error());
      continue;
    }
    if (d->hosts.empty()) {  // nothing usable: an input error, not a clean file
      size_t n = d->skipped.size();
      errors.push_back(core::Error(core::SourcePos(name), "at least one host in this " + d->source + " capture",
                                   "none (" + std::to_string(n) + (n == 1 ? " entry" : " entries") + " skipped)"));
      continue;
    }
    inputs.push_back(std::move(*d));
    names.push_back(std::move(name));
  }
}

}  // namespace

report::CheckReport scan(const ThingsInputs& in) {
  report::CheckReport r;
  std::vector<netmodel::Discovery> inputs;
  std::vector<std::string> names;
  read_captures(in, inputs, names, r.errors);
  if (inputs.empty()) {
    r.reported = false;
    return r;
  }
  const trust::Resolver& resolver = *in.resolver;
  Scan s{in, resolver.registry()};
  trust::Judge judge(resolver.registry(), *in.policy, in.status_options, trust::Line::kThings);

  std::vector<JudgedDevice> devices;
  for (Device& d : group_devices(inputs)) devices.push_back(JudgedDevice{std::move(d), {}, {}});
  size_t sightings = 0, skipped = 0;
  for (const auto& input : inputs) {
    sightings += input.hosts.size();
    skipped += input.skipped.size();
  }

  size_t attributable = 0, untrusted = 0, unknown = 0, trusted = 0, randomised = 0, group = 0, no_mac = 0;
  for (JudgedDevice& d : devices) {
    switch (d.device.kind) {
      case MacKind::kGroup:
        ++group;
        continue;
      case MacKind::kNone:
        ++no_mac;
        continue;
      case MacKind::kLocal:
      case MacKind::kUniversal:
        break;
    }
    if (auto mac = trust::parse_oui(d.device.mac))
      d.at = trust::attribute_mac(resolver, *mac, d.device.kind == MacKind::kLocal,
                                  distinct(d.device, &DiscoveredHost::vendor_as_reported));
    if (in.ieee_error && *in.ieee_error) {  // the IEEE files were read for this MAC, and are malformed
      r.errors.push_back(**in.ieee_error);
      r.findings.clear();
      r.reported = false;
      return r;
    }
    if (!d.attributable()) {
      ++randomised;
      continue;
    }
    ++attributable;
    d.judgement = judge.judge(d.match());
    switch (d.judgement.status.status) {
      case trust::Status::kUntrusted:
        ++untrusted;
        break;
      case trust::Status::kUnknown:
        ++unknown;
        break;
      case trust::Status::kTrusted:
        ++trusted;
        break;
    }
    r.violations = r.violations || d.judgement.violates();
    if (d.judgement.status.status == trust::Status::kUntrusted || d.judgement.decision.action != trust::Action::kAllow)
      r.findings.push_back(finding_for(s, d));
  }

  Json& j = r.summary;
  Json files = Json::array();
  for (size_t i = 0; i < inputs.size(); ++i) {
    const auto& input = inputs[i];
    Json skips = Json::array();
    for (const auto& sk : input.skipped) skips.push_back({{"at", sk.pos.to_string()}, {"reason", sk.reason}});
    files.push_back({{"file", names[i]},
                     {"format", netmodel::discovery_format_name(input.format)},
                     {"source", input.source},
                     {"hosts", input.hosts.size()},
                     {"skipped", skips}});
  }
  j["inputs"] = files;
  j["policy"] = in.policy->name;
  j["as_of"] = in.status_options.as_of.to_string();
  if (const auto* ie = resolver.ieee())
    j["ieee_data"] = {{"date", ie->data_date()}, {"source", ie->source()}, {"assignments", ie->size()}};
  else
    j["ieee_data"] = nullptr;
  Json ds = Json::array();
  for (const auto& d : devices) ds.push_back(device_json(s, d));
  j["devices"] = ds;
  j["findings"] = nullptr;  // the findings' place (report::print_check_report)
  j["summary"] = {{"hosts", devices.size()},  {"sightings", sightings}, {"attributable", attributable},
                  {"untrusted", untrusted},   {"unknown", unknown},     {"trusted", trusted},
                  {"randomised", randomised}, {"multicast", group},     {"without_mac", no_mac},
                  {"skipped", skipped}};

  std::vector<std::string> sources;
  for (const auto& input : inputs)
    if (std::find(sources.begin(), sources.end(), input.source) == sources.end()) sources.push_back(input.source);
  r.text_head = "things scan: " + std::to_string(inputs.size()) + " file" + (inputs.size() == 1 ? "" : "s") + " (" +
                join(sources, ", ") + "); policy " + in.policy->name + ", as of " +
                in.status_options.as_of.to_string() + "\n";
  for (const auto& d : devices) r.text_head += device_text(s, d);
  if (!r.findings.empty()) r.text_head += "\n";
  r.text_tail = "\n" + std::to_string(devices.size()) + " hosts (" + std::to_string(sightings) + " sightings, " +
                std::to_string(skipped) + " skipped entr" + (skipped == 1 ? "y" : "ies") +
                "): " + std::to_string(attributable) + " attributable (" + std::to_string(untrusted) + " untrusted, " +
                std::to_string(unknown) + " unknown, " + std::to_string(trusted) + " trusted), " +
                std::to_string(randomised) + " randomised, " + std::to_string(group) + " multicast, " +
                std::to_string(no_mac) + " without a MAC\n";
  return r;
}

}  // namespace cleannet::things
