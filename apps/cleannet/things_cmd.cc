// `cleannet things scan FILE...`: every host that nmap, a DHCP server or a neighbour table saw
// is attributed through its MAC's OUI (the registry's own OUIs, then the IEEE registry, as
// `registry lookup` does, then the scan's own vendor string as secondary evidence: see
// trust/mac_attribution.h) and judged by the policy on the "things" line. The same MAC seen in
// several files is one device with all its sightings. Group MACs are reported, not looked up;
// locally administered ones are randomised unless an IEEE assignment covers them.
#include "things_cmd.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <unordered_map>

#include "cleannet/core/input.h"
#include "cleannet/core/text.h"
#include "cleannet/netmodel/discovered.h"
#include "cleannet/report/evidence.h"
#include "cleannet/report/render.h"
#include "cleannet/trust/judge.h"
#include "cleannet/trust/mac_attribution.h"
#include "context.h"

namespace cleannet::cli {

namespace {

using core::join;

using netmodel::DiscoveredHost;
using netmodel::MacKind;
using report::Json;

struct ThingsOptions {
  CommonOptions common;
  std::vector<std::string> files;
  std::string input_format = "auto";
};

// One device: a MAC (or, without one, an IP) with every sighting of it.
struct Device {
  std::string mac;  // "" when none was seen
  MacKind kind = MacKind::kNone;
  std::vector<const DiscoveredHost*> sightings;
  trust::MacAttribution at;
  trust::StatusVerdict status;
  trust::Decision decision;
  bool verified = true;
  bool attributable() const { return (kind == MacKind::kUniversal || kind == MacKind::kLocal) && at.attributable; }
  const std::optional<trust::Match>& match() const { return at.match; }
};

// SARIF wants a URI: standard input gets a name that is one.
std::string uri_of(const std::string& file) { return file == "<stdin>" ? "stdin" : file; }

std::vector<std::string> distinct(const Device& d, std::string DiscoveredHost::*field) {
  std::vector<std::string> out;
  for (const auto* h : d.sightings)
    if (!(h->*field).empty() && std::find(out.begin(), out.end(), h->*field) == out.end()) out.push_back(h->*field);
  return out;
}

// Why a MAC gives no maker, for the device line and the JSON "note".
std::string unattributable_note(const Device& d) {
  switch (d.kind) {
    case MacKind::kLocal:
      return "randomised MAC, not attributable (locally administered: no OUI assignment covers it)";
    case MacKind::kGroup:
      return d.mac == "ff:ff:ff:ff:ff:ff" ? "broadcast MAC, not a device" : "multicast MAC, not a device";
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
std::string no_ieee_text(const Context& c, const Device& d) {
  if (!c.resolver->ieee())
    return "no IEEE data covers " + oui_of(d.mac) + (c.ieee_note.empty() ? "" : " (" + c.ieee_note + ")");
  if (d.at.ra_parent) return d.at.unknown_reason;
  return d.at.unknown_reason + " for " + oui_of(d.mac);
}

// " via MA-L 00:18:82 "..."", " via registry OUI 00:18:82", " by the scan's vendor ...".
std::string match_text(const Device& d) {
  const trust::Match& m = *d.match();
  if (m.how == "scan-vendor") {
    char conf[16];
    std::snprintf(conf, sizeof conf, "%.2f", m.confidence);
    return " by the scan's vendor \"" + m.matched + "\" (secondary evidence, confidence " + conf + "; " +
           (d.at.ieee ? ieee_text(*d.at.ieee) + " is not in the registry" : d.at.unknown_reason) + ")";
  }
  if (d.at.ieee && m.how == "ieee-oui") return " via " + ieee_text(*d.at.ieee);
  return " via registry OUI " + m.matched;
}

// A locally administered MAC that an IEEE assignment covers (AA:00:04, Digital Equipment).
std::string local_note(const Device& d) {
  return d.kind == MacKind::kLocal ? " (locally administered bit set, but assigned by IEEE)" : "";
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

report::Finding finding_for(const Context& c, const Device& d) {
  report::Finding f;
  f.line = "things";
  f.subject = d.mac;
  f.element = device_name(d);
  f.rule = d.decision.rule ? d.decision.rule->id : std::string("default-") + trust::status_name(d.status.status);
  f.rule_text = d.decision.rule ? d.decision.rule->cite : d.decision.reason;
  f.severity = report::severity_of(d.decision.action);
  f.status = trust::status_name(d.status.status);
  f.verified = d.verified;
  for (const auto* h : d.sightings) f.evidence.push_back(report::Evidence{"sighting", sighting_text(*h), "", "", true});
  if (d.match()) {
    const trust::Match& m = *d.match();
    const auto& o = c.registry.org(m.org);
    f.organisation = o.id;
    f.organisation_name = o.name;
    auto ev = report::evidence_for(c.registry, d.status, &m);
    f.evidence.insert(f.evidence.end(), ev.begin(), ev.end());
    if (m.how == "scan-vendor")
      f.explanation = "The scan's vendor \"" + m.matched + "\" names " + o.name +
                      " as the maker (secondary evidence: " +
                      (d.at.ieee ? ieee_text(*d.at.ieee) + " is not in the registry" : no_ieee_text(c, d)) + "). ";
    else
      f.explanation = "Its MAC's OUI " + m.matched + " names " + o.name + " as the maker. ";
    f.explanation += report::explain(c.registry, d.status, m.org);
  } else {
    report::Evidence e;
    e.kind = "identifier";
    if (d.at.ieee) {
      e.text =
          "mac OUI " + oui_of(d.mac) + ": " + ieee_text(*d.at.ieee) + ", which no organisation in the registry matches";
      f.explanation = "Its MAC's OUI " + d.at.ieee->oui.to_string() + " is assigned to \"" + d.at.ieee->organisation +
                      "\", which the registry does not know (status unknown).";
    } else {
      e.text = "mac OUI " + oui_of(d.mac) + ": " + no_ieee_text(c, d);
      f.explanation = "Its maker is unknown: " + no_ieee_text(c, d) + ".";
    }
    f.evidence.push_back(std::move(e));
  }
  if (d.status.status == trust::Status::kUntrusted)
    f.suggested_fix = "Replace this device with one from a trusted maker, or take it off networks the policy covers.";
  else if (d.status.status == trust::Status::kUnknown)
    f.suggested_fix = "Record a designation or criteria assessment for this maker in a --registry file.";
  const auto& p = d.sightings.front()->pos;
  f.location = report::Location{uri_of(p.file), p.line, p.column};
  return f;
}

// "44:47:cc:6a:10:21: untrusted -- Hangzhou Hikvision ... [hikvision, CN] via MA-L 44:47:CC "..."".
std::string device_text(const Context& c, const Device& d) {
  std::string s = (d.mac.empty() ? std::string("(no MAC)") : d.mac) + ": ";
  if (!d.attributable()) {
    s += unattributable_note(d);
  } else {
    s += trust::status_name(d.status.status);
    if (!d.verified) s += " (unverified)";
    if (d.match()) {
      const auto& o = c.registry.org(d.match()->org);
      s += " -- " + o.name + " [" + o.id + (o.country.empty() ? "" : ", " + o.country) + "]" + match_text(d);
    } else if (d.at.ieee) {
      s += " -- " + ieee_text(*d.at.ieee) + ", not in the registry";
    } else {
      s += " -- " + no_ieee_text(c, d);
    }
    s += local_note(d);
  }
  s += "\n";
  for (const auto* h : d.sightings) s += "  " + sighting_text(*h) + "\n";
  return s;
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

Json device_json(const Context& c, const Device& d) {
  Json j;
  j["mac"] = d.mac.empty() ? Json(nullptr) : Json(d.mac);
  j["mac_kind"] = netmodel::mac_kind_name(d.kind);
  j["attributable"] = d.attributable();
  if (d.attributable()) {
    j["status"] = trust::status_name(d.status.status);
    j["verified"] = d.verified;
    if (d.match()) {
      const trust::Match& dm = *d.match();
      const auto& o = c.registry.org(dm.org);
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
    j["ieee_note"] = d.at.ieee ? Json(nullptr) : Json(no_ieee_text(c, d));
    j["policy"] = {{"action", trust::action_name(d.decision.action)},
                   {"rule", d.decision.rule ? d.decision.rule->id : std::string()},
                   {"reason", d.decision.reason}};
  } else {
    j["status"] = nullptr;
    j["note"] = unattributable_note(d);
  }
  j["ips"] = distinct(d, &DiscoveredHost::ip);
  j["hostnames"] = distinct(d, &DiscoveredHost::hostname);
  Json s = Json::array();
  for (const auto* h : d.sightings) s.push_back(sighting_json(*h));
  j["sightings"] = s;
  return j;
}

int run_scan(const ThingsOptions& o) {
  auto format = netmodel::parse_discovery_format(o.input_format);
  if (!format) {  // CLI11 checks the set; this is a guard
    print_error(core::Error(core::SourcePos("--input-format"), "auto, nmap, dhcpd, ip-neigh or arp",
                            core::quote_found(o.input_format)));
    return kExitInputError;
  }
  // Every file is read before anything is printed. Each readable file gets its report; each
  // unreadable one its message, and then the run exits 2 (a partial report never passes for a
  // clean one). So does a file from which nothing usable was read.
  std::vector<netmodel::Discovery> inputs;
  std::vector<std::string> names;  // as core::Input names them ("<stdin>" for "-")
  bool any_error = false;
  for (const auto& path : o.files) {
    auto in = core::Input::open(path);
    if (!in) {
      print_error(in.error());
      any_error = true;
      continue;
    }
    std::string name = in->name();
    auto d = netmodel::parse_discovered(std::move(*in), *format);
    if (!d) {
      print_error(d.error());
      any_error = true;
      continue;
    }
    if (d->hosts.empty()) {  // nothing usable: an input error, not a clean file
      size_t n = d->skipped.size();
      print_error(core::Error(core::SourcePos(name), "at least one host in this " + d->source + " capture",
                              "none (" + std::to_string(n) + (n == 1 ? " entry" : " entries") + " skipped)"));
      any_error = true;
      continue;
    }
    inputs.push_back(std::move(*d));
    names.push_back(std::move(name));
  }
  if (inputs.empty()) return kExitInputError;

  auto c = load_context(o.common, true);
  if (!c) return kExitInputError;

  // Devices in order of their first sighting; the same MAC (or, without one, the same IP) is
  // one device.
  std::vector<Device> devices;
  std::unordered_map<std::string, size_t> index;
  size_t sightings = 0, skipped = 0;
  for (const auto& in : inputs) {
    skipped += in.skipped.size();
    for (const auto& h : in.hosts) {
      ++sightings;
      std::string key = !h.mac.empty() ? h.mac : !h.ip.empty() ? "ip " + h.ip : "at " + h.pos.to_string();
      auto [it, fresh] = index.try_emplace(key, devices.size());
      if (fresh) {
        Device d;
        d.mac = h.mac;
        d.kind = h.mac_kind;
        devices.push_back(std::move(d));
      }
      devices[it->second].sightings.push_back(&h);
    }
  }

  size_t attributable = 0, untrusted = 0, unknown = 0, trusted = 0, randomised = 0, group = 0, no_mac = 0,
         violations = 0;
  std::vector<report::Finding> findings;
  for (Device& d : devices) {
    switch (d.kind) {
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
    if (auto mac = trust::parse_oui(d.mac))
      d.at = trust::attribute_mac(*c->resolver, *mac, d.kind == MacKind::kLocal,
                                  distinct(d, &DiscoveredHost::vendor_as_reported));
    if (c->ieee_error) {  // the IEEE files were read for this MAC, and are malformed
      print_error(*c->ieee_error);
      return kExitInputError;
    }
    if (!d.attributable()) {
      ++randomised;
      continue;
    }
    ++attributable;
    trust::Judgement j =
        trust::Judge(c->registry, c->policy, c->status_options, trust::Line::kThings).judge(d.match());
    d.status = j.status;
    d.verified = j.verified;
    d.decision = j.decision;
    switch (d.status.status) {
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
    violations += j.violates();
    if (d.status.status == trust::Status::kUntrusted || d.decision.action != trust::Action::kAllow)
      findings.push_back(finding_for(*c, d));
  }

  const std::string& fmt = o.common.format;
  if (fmt == "json") {
    Json j;
    Json files = Json::array();
    for (size_t i = 0; i < inputs.size(); ++i) {
      const auto& in = inputs[i];
      Json skips = Json::array();
      for (const auto& sk : in.skipped) skips.push_back({{"at", sk.pos.to_string()}, {"reason", sk.reason}});
      files.push_back({{"file", names[i]},
                       {"format", netmodel::discovery_format_name(in.format)},
                       {"source", in.source},
                       {"hosts", in.hosts.size()},
                       {"skipped", skips}});
    }
    j["inputs"] = files;
    j["policy"] = c->policy.name;
    j["as_of"] = c->status_options.as_of.to_string();
    if (const auto* ie = c->resolver->ieee())
      j["ieee_data"] = {{"date", ie->data_date()}, {"source", ie->source()}, {"assignments", ie->size()}};
    else
      j["ieee_data"] = nullptr;
    Json ds = Json::array();
    for (const auto& d : devices) ds.push_back(device_json(*c, d));
    j["devices"] = ds;
    j["findings"] = report::render_findings_json(findings);
    j["summary"] = {{"hosts", devices.size()},  {"sightings", sightings}, {"attributable", attributable},
                    {"untrusted", untrusted},   {"unknown", unknown},     {"trusted", trusted},
                    {"randomised", randomised}, {"multicast", group},     {"without_mac", no_mac},
                    {"skipped", skipped}};
    std::cout << j.dump(2) << "\n";
  } else if (fmt == "sarif") {
    std::cout << report::render_sarif(findings, {"cleannet things scan"}).dump(2) << "\n";
  } else {
    std::vector<std::string> sources;
    for (const auto& in : inputs)
      if (std::find(sources.begin(), sources.end(), in.source) == sources.end()) sources.push_back(in.source);
    std::cout << "things scan: " << inputs.size() << " file" << (inputs.size() == 1 ? "" : "s") << " ("
              << join(sources, ", ") << "); policy " << c->policy.name << ", as of "
              << c->status_options.as_of.to_string() << "\n";
    for (const auto& d : devices) std::cout << device_text(*c, d);
    if (!findings.empty()) std::cout << "\n";
    for (const auto& f : findings) std::cout << report::render_finding_text(f);
    std::cout << "\n"
              << devices.size() << " hosts (" << sightings << " sightings, " << skipped << " skipped entr"
              << (skipped == 1 ? "y" : "ies") << "): " << attributable << " attributable (" << untrusted
              << " untrusted, " << unknown << " unknown, " << trusted << " trusted), " << randomised << " randomised, "
              << group << " multicast, " << no_mac << " without a MAC\n";
  }
  if (any_error) return kExitInputError;
  return violations ? kExitViolations : kExitClean;
}

}  // namespace

void add_things_commands(CLI::App& app, int& result) {
  CLI::App* things =
      app.add_subcommand("things", "Clean Things: devices on a network attributed by their MAC addresses");
  things->require_subcommand(1);
  auto o = std::make_shared<ThingsOptions>();
  CLI::App* scan = things->add_subcommand(
      "scan", "Attribute every device in nmap XML, ISC dhcpd.leases, ip neigh or ARP tables to its maker");
  scan->add_option("files", o->files,
                   "Captures: nmap -oX, dhcpd.leases, ip neigh, arp -a/-n, /proc/net/arp, Windows arp -a; '-' reads "
                   "stdin (any compression)")
      ->required();
  scan->add_option("--input-format", o->input_format, "Format of every FILE; auto detects each from its content")
      ->check(CLI::IsMember({"auto", "nmap", "dhcpd", "ip-neigh", "arp"}))
      ->capture_default_str();
  add_common_options(scan, o->common, {"text", "json", "sarif"});
  scan->callback([o, &result] { result = run_scan(*o); });
}

}  // namespace cleannet::cli
