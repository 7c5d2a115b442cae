#include "cleannet/cloud/check.h"

#include <algorithm>

#include "cleannet/core/text.h"
#include "cleannet/report/evidence.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/trust/judge.h"

namespace cleannet::cloud {

namespace {

using core::join;

// Line "cloud" of the policy; the data class is the traffic class (CN-CLOUD: "sensitive
// personal information and valuable intellectual property"); clouds have no segment.
constexpr trust::Line kLine = trust::Line::kCloud;
constexpr const char* kSegment = "*";

std::string without_final_period(std::string s) {
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

CloudCheck::CloudCheck(const ProviderCatalog& catalog, const ResourceKinds& kinds, const trust::Resolver& resolver,
                       const trust::Policy& policy, const trust::StatusOptions& status_options, CheckOptions options)
    : catalog_(catalog),
      kinds_(kinds),
      resolver_(resolver),
      policy_(policy),
      status_options_(status_options),
      options_(std::move(options)) {}

// The registry organisation of a catalogued provider: by its registry id, else by its name
// (so that a user's registry layer can record, say, Amazon Web Services after vetting it).
// A match on a mere leading word ("name-prefix") is not taken: "Amazon" is not AWS.
std::optional<trust::NameMatch> CloudCheck::registry_match(const Provider& p) const {
  auto nm = resolver_.resolve_name(p.registry_id.empty() ? p.name : p.registry_id);
  if (nm && nm->how == "name-prefix") return std::nullopt;
  return nm;
}

JudgedAttribution CloudCheck::judge(Attribution a) const {
  JudgedAttribution j;
  j.attribution = std::move(a);
  if (const Provider* p = catalog_.provider(j.attribution.provider)) {
    j.provider_name = p->name;
    if (auto nm = registry_match(*p)) j.match = trust::to_match(*nm);
  } else if (auto org = resolver_.registry().find_id(j.attribution.provider)) {  // a registry organisation
    j.provider_name = resolver_.registry().org(*org).name;
    trust::Match m;
    m.org = *org;
    m.how = "id";
    m.matched = j.attribution.provider;
    j.match = m;
  }
  if (j.match) j.status = trust::evaluate_status(resolver_.registry(), j.match->org, status_options_);
  return j;
}

void CloudCheck::add(const Asset& a) {
  AssetVerdict v;
  v.asset = a;
  if (!a.terraform_provider.empty() && ProviderCatalog::is_utility_provider(a.terraform_provider)) {
    v.verdict = "not-cloud";
    verdicts_.push_back(std::move(v));
    return;
  }
  if (!a.terraform_provider.empty())
    if (auto at = catalog_.by_terraform_type(a.terraform_provider)) {
      at->detail = "provider type " + a.terraform_provider + ", " + a.provider_note;
      v.attributions.push_back(judge(std::move(*at)));
    }
  if (!a.declared_provider.empty()) {
    if (auto at = catalog_.by_name(a.declared_provider)) {
      at->detail = "provider named in the inventory";
      v.attributions.push_back(judge(std::move(*at)));
    } else if (auto nm = resolver_.resolve_name(a.declared_provider)) {
      Attribution r{resolver_.registry().org(nm->org).id, EvidenceKind::kDeclared, a.declared_provider,
                    "provider named in the inventory, registry " + nm->how + " match \"" + nm->matched + "\""};
      v.attributions.push_back(judge(std::move(r)));
    }
  }
  for (const std::string& e : a.endpoints) {
    std::optional<Attribution> at;
    auto ip = core::parse_prefix(e, false);
    bool is_ip = ip && e.find('/') == std::string::npos && ip->len == ip->max_len() &&
                 (e.find(':') != std::string::npos ||
                  std::all_of(e.begin(), e.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; }));
    if (is_ip) {
      at = catalog_.by_address(*ip);
      if (at) at->subject = e;
    } else {
      at = catalog_.by_domain(e);
      if (at) at->detail = "suffix " + at->detail;
    }
    if (at) v.attributions.push_back(judge(std::move(*at)));
  }
  for (size_t i = 0; i < v.attributions.size(); ++i) {
    trust::Status s = v.attributions[i].match ? v.attributions[i].status.status : trust::Status::kUnknown;
    if (v.deciding < 0 || trust::distrust_rank(s) > trust::distrust_rank(v.status)) {
      v.deciding = static_cast<int>(i);
      v.status = s;
    }
  }
  for (const std::string& c : a.data_classes)
    if (c != "public") v.classes_judged.push_back(c);
  if (a.data_classes.empty() && !options_.assume_data_class.empty()) {
    // An inventory lists what holds data; a resource type holds data when the provider's
    // documentation, as recorded in the data-class table, says it stores or processes it.
    bool holds = a.data_bearing;
    if (!holds) {
      v.kind = kinds_.find(a.kind);
      if (!v.kind) {
        v.verdict = "unclassified-kind";
        verdicts_.push_back(std::move(v));
        return;
      }
      holds = holds_or_processes_data(v.kind->cls);
    }
    if (holds) {
      v.classes_judged.push_back(options_.assume_data_class);
      v.assumed_class = true;
    }
  }
  if (v.classes_judged.empty()) {
    v.verdict = a.data_classes.empty() ? "unclassified" : "public";
    verdicts_.push_back(std::move(v));
    return;
  }
  bool first = true;
  for (const std::string& c : v.classes_judged) {
    trust::Decision d = policy_.decide(kLine, c, kSegment, v.status);
    if (first || trust::weight(d, v.status) > trust::weight(v.decision, v.status)) {
      v.decision = d;
      v.decisive_class = c;
      first = false;
    }
  }
  v.verdict = trust::action_name(v.decision.action);
  verdicts_.push_back(std::move(v));
}

std::string CloudCheck::alternatives(const AssetVerdict& v) const {
  const std::string& cls = v.decisive_class;
  std::string current = v.deciding >= 0 ? v.attributions[static_cast<size_t>(v.deciding)].attribution.provider : "";
  std::vector<std::string> allowed, vet;
  for (const Provider& p : catalog_.providers()) {
    // The Clean Cloud statement is about PRC companies' clouds: none of them is offered as
    // the clean alternative, whatever a policy's default for unknown providers.
    if (p.key == current || p.headquarters == "CN") continue;
    trust::Status s = trust::Status::kUnknown;
    if (auto nm = registry_match(p)) s = trust::evaluate_status(resolver_.registry(), nm->org, status_options_).status;
    trust::Decision d = policy_.decide(kLine, cls, kSegment, s);
    if (d.action == trust::Action::kAllow)
      allowed.push_back(p.name);
    else if (d.action == trust::Action::kWarn && s != trust::Status::kUntrusted)
      vet.push_back(p.name);
  }
  std::string fix;
  if (v.deciding >= 0 && v.status == trust::Status::kUnknown) {
    // The provider is known but nobody has vouched for it: vetting it is the fix, moving
    // to another unvetted provider would not be.
    const std::string& name = v.attributions[static_cast<size_t>(v.deciding)].provider_name;
    fix = "Vet " + name + " and record its status in a registry layer (--registry FILE); until then policy " +
          policy_.name + " gives " + trust::action_name(v.decision.action) + " for " + cls + " data on it";
    if (!allowed.empty()) fix += ", or move " + v.asset.name + " to a provider it allows: " + join(allowed);
    if (!v.asset.region.empty() && is_mainland_china_region(v.asset.region))
      fix += "; keep the data in a region outside mainland China (now " + v.asset.region + ")";
    return fix + ".";
  }
  if (v.deciding < 0)
    fix =
        "Name the provider (a known Terraform provider, an inventory provider, or an attributable hostname or address) "
        "so that " +
        v.asset.name + " can be judged; otherwise move it ";
  else
    fix = "Move " + v.asset.name + " ";
  if (!allowed.empty()) {
    fix += "to a provider that policy " + policy_.name + " allows for " + cls + " data: " + join(allowed);
  } else if (!vet.empty()) {
    fix +=
        "to a provider that is not designated untrusted and not headquartered in the PRC, after vetting it (policy " +
        policy_.name + " warns about providers of unknown status): " + join(vet);
  } else {
    fix += "to a provider recorded as trusted in a registry layer";
  }
  if (!v.asset.region.empty() && is_mainland_china_region(v.asset.region))
    fix += ", in a region outside mainland China (now " + v.asset.region + ")";
  return fix + ".";
}

report::Finding CloudCheck::finding(const AssetVerdict& v) const {
  const trust::Registry& reg = resolver_.registry();
  const JudgedAttribution* d = v.deciding >= 0 ? &v.attributions[static_cast<size_t>(v.deciding)] : nullptr;
  report::Finding f = report::finding_for(reg, kLine, v.decision, v.status, d && d->match ? &*d->match : nullptr,
                                          d && d->match ? &d->status : nullptr);
  f.subject = v.asset.name;
  f.element = v.asset.name + " (" + join(v.classes_judged) + ") on " + (d ? d->provider_name : "an unknown provider");
  std::string cls_text = join(v.classes_judged);
  if (!v.assumed_class)
    f.evidence.push_back({"data-class", cls_text + " from " + v.asset.data_class_source, "", "", true});
  else if (v.kind)
    f.evidence.push_back(
        {"data-class",
         cls_text + " assumed for an unclassified " + v.asset.kind + " (--assume-data-class), a kind that " +
             (v.kind->cls == KindClass::kHoldsData ? "holds" : "processes") + " data: \"" + v.kind->summary + "\"",
         v.kind->documentation, "", true});
  else
    f.evidence.push_back(
        {"data-class",
         cls_text + " assumed for an unclassified " + v.asset.kind + " (--assume-data-class), an inventory row", "", "",
         true});
  for (const JudgedAttribution& j : v.attributions)
    f.evidence.push_back({"attribution",
                          std::string(evidence_kind_name(j.attribution.kind)) + ": " + j.attribution.subject + " -> " +
                              j.provider_name + " (" + j.attribution.detail + ")",
                          "", "", true});
  if (!v.asset.region.empty())
    f.evidence.push_back({"note",
                          "region " + v.asset.region +
                              (v.asset.region_note.empty() ? "" : " (" + v.asset.region_note + ")") +
                              (is_mainland_china_region(v.asset.region) ? ", in mainland China" : ""),
                          "", "", true});
  if (d && d->match) {
    for (report::Evidence& e : report::evidence_for(reg, d->status, &*d->match)) f.evidence.push_back(std::move(e));
  } else if (d) {
    f.evidence.push_back({"note", d->provider_name + " has no registry entry: its status is unknown", "", "", true});
  } else {
    f.evidence.push_back(
        {"note",
         "no provider evidence: no cloud Terraform provider, no provider named, no hostname or address "
         "attributable to a provider",
         "", "", true});
  }
  f.evidence.push_back({"policy", policy_.name + ": " + v.decision.reason, "", "", true});
  std::string where =
      d ? d->provider_name + " (" + evidence_kind_name(d->attribution.kind) + ")" : "a cloud whose provider is unknown";
  f.explanation = v.asset.name + " holds " + cls_text + " data and is stored or processed on " + where +
                  (v.asset.region.empty() ? "" : ", region " + v.asset.region) + "; " +
                  (d && d->match ? without_final_period(report::explain(reg, d->status, d->match->org))
                                 : std::string("its status is unknown")) +
                  "; policy " + policy_.name + " says " + trust::action_name(v.decision.action) + " for " +
                  v.decisive_class + " data.";
  f.suggested_fix = alternatives(v);
  // "<stdin>" is no URI reference (RFC 3986 excludes '<' and '>'); SARIF gets "stdin" as in things scan.
  if (!v.asset.pos.file.empty())
    f.location = report::Location{v.asset.pos.file == "<stdin>" ? "stdin" : v.asset.pos.file, v.asset.pos.line,
                                  v.asset.pos.column};
  return f;
}

std::vector<report::Finding> CloudCheck::findings() const {
  std::vector<report::Finding> out;
  for (const AssetVerdict& v : verdicts_)
    if (v.verdict == "deny" || v.verdict == "warn") out.push_back(finding(v));
  return out;
}

bool CloudCheck::violations() const {
  // An asset without a judged class keeps the default decision, allow.
  for (const AssetVerdict& v : verdicts_)
    if (trust::violates(v.decision, v.status)) return true;
  return false;
}

std::string CloudCheck::summary_text() const {
  size_t n[7] = {0, 0, 0, 0, 0, 0, 0};
  const char* names[7] = {"deny", "warn", "allow", "public", "unclassified", "not-cloud", "unclassified-kind"};
  std::vector<std::pair<std::string, size_t>> unknown_kinds;  // in order of first appearance
  for (const AssetVerdict& v : verdicts_) {
    for (int i = 0; i < 7; ++i)
      if (v.verdict == names[i]) ++n[i];
    if (v.verdict != "unclassified-kind") continue;
    auto it = std::find_if(unknown_kinds.begin(), unknown_kinds.end(),
                           [&](const auto& k) { return k.first == v.asset.kind; });
    if (it == unknown_kinds.end())
      unknown_kinds.emplace_back(v.asset.kind, 1);
    else
      ++it->second;
  }
  std::string s = std::to_string(verdicts_.size()) + " asset(s): " + std::to_string(n[0]) + " denied, " +
                  std::to_string(n[1]) + " warned, " + std::to_string(n[2]) + " allowed, " + std::to_string(n[3]) +
                  " public only, " + std::to_string(n[4]) + " unclassified, " +
                  (n[6] ? std::to_string(n[6]) + " of an unclassified kind, " : "") + std::to_string(n[5]) +
                  " not cloud resources (policy " + policy_.name + ")\n";
  if (!unknown_kinds.empty()) {
    std::vector<std::string> items;
    for (const auto& [kind, count] : unknown_kinds) items.push_back(kind + " (" + std::to_string(count) + ")");
    s += "not judged under --assume-data-class, their kind is not in the data-class table "
         "(data/cloud/resource-kinds): " +
         join(items) + "\n";
  }
  return s;
}

report::Json CloudCheck::json() const {
  report::Json assets = report::Json::array();
  report::Json counts = report::Json::object();
  for (const char* k : {"deny", "warn", "allow", "public", "unclassified", "unclassified-kind", "not-cloud"})
    counts[k] = 0;
  for (const AssetVerdict& v : verdicts_) {
    counts[v.verdict] = counts[v.verdict].get<int>() + 1;
    report::Json j;
    j["name"] = v.asset.name;
    j["kind"] = v.asset.kind;
    j["format"] = v.asset.source_format;
    j["location"] = v.asset.pos.to_string();
    const JudgedAttribution* d = v.deciding >= 0 ? &v.attributions[static_cast<size_t>(v.deciding)] : nullptr;
    j["provider"] = d ? report::Json(d->attribution.provider) : report::Json(nullptr);
    j["provider_name"] = d ? report::Json(d->provider_name) : report::Json(nullptr);
    j["organisation"] =
        d && d->match ? report::Json(resolver_.registry().org(d->match->org).id) : report::Json(nullptr);
    j["status"] = trust::status_name(v.status);
    report::Json atts = report::Json::array();
    for (const JudgedAttribution& a : v.attributions)
      atts.push_back({{"evidence", evidence_kind_name(a.attribution.kind)},
                      {"subject", a.attribution.subject},
                      {"provider", a.attribution.provider},
                      {"detail", a.attribution.detail}});
    j["attributions"] = atts;
    j["region"] = v.asset.region;
    j["data_classes"] = v.asset.data_classes;
    if (v.assumed_class) j["assumed_data_class"] = options_.assume_data_class;
    if (v.kind) {
      j["kind_class"] = kind_class_name(v.kind->cls);
      j["kind_documentation"] = v.kind->documentation;
    }
    j["verdict"] = v.verdict;
    if (!v.classes_judged.empty()) j["rule"] = trust::rule_id(v.decision, v.status);
    assets.push_back(std::move(j));
  }
  report::Json out;
  out["policy"] = policy_.name;
  out["counts"] = counts;
  out["assets"] = assets;
  return out;
}

}  // namespace cleannet::cloud
