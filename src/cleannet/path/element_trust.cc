#include "cleannet/path/element_trust.h"

#include "cleannet/core/text.h"

namespace cleannet::path {

ElementTrust::ElementTrust(const netmodel::Network& net, const trust::Resolver& resolver,
                           const trust::Policy& policy, const trust::StatusOptions& options)
    : net_(net), resolver_(resolver), policy_(policy), options_(options) {
  devices_.resize(net.devices.size());
  for (size_t i = 0; i < net.devices.size(); ++i) {
    const auto& d = net.devices[i];
    devices_[i].push_back(resolve(d.equipment));
    for (const auto& c : d.components) devices_[i].push_back(resolve(c));
  }
  links_.resize(net.links.size());
  for (size_t i = 0; i < net.links.size(); ++i)
    for (const auto& e : net.links[i].equipment) links_[i].push_back(resolve(e));
}

ResolvedEquipment ElementTrust::resolve(const netmodel::Equipment& e) {
  ResolvedEquipment r;
  r.equipment = &e;
  std::string vendor(core::trim(e.vendor));
  auto it = by_vendor_.find(vendor);
  if (it == by_vendor_.end()) {
    std::optional<trust::Match> m;
    trust::StatusVerdict v;
    if (!vendor.empty()) {
      // A vendor field is a name, whatever it looks like ("3M" is not an ASN).
      auto nm = resolver_.resolve_name(vendor);
      if (nm) {
        trust::Match match;
        match.org = nm->org;
        match.kind = trust::IdentifierKind::kName;
        match.how = nm->how;
        match.confidence = nm->confidence;
        match.matched = nm->matched;
        m = match;
        v = trust::evaluate_status(resolver_.registry(), nm->org, options_);
      }
    }
    it = by_vendor_.emplace(vendor, std::make_pair(m, v)).first;
  }
  r.match = it->second.first;
  r.status = it->second.second;
  r.verified = r.status.verified && (!r.match || r.match->identifier_verified);
  return r;
}

ElementJudgement ElementTrust::judge_one(const std::vector<ResolvedEquipment>& eq, const std::string& traffic_class,
                                         const std::string& segment) const {
  ElementJudgement j;
  j.decision = policy_.decide("path", traffic_class, segment, trust::Status::kTrusted);
  for (const auto& r : eq) {
    trust::Decision d = policy_.decide("path", traffic_class, segment, r.status.status);
    // deny > warn > allow; the first piece of equipment with the worst action decides.
    if (!j.worst || static_cast<int>(d.action) > static_cast<int>(j.action)) {
      j.action = d.action;
      j.decision = d;
      j.worst = &r;
    }
  }
  return j;
}

const ElementTrust::PerClass& ElementTrust::judge(const std::string& traffic_class) const {
  auto it = per_class_.find(traffic_class);
  if (it != per_class_.end()) return it->second;
  PerClass pc;
  pc.devices.reserve(net_.devices.size());
  for (size_t i = 0; i < net_.devices.size(); ++i)
    pc.devices.push_back(judge_one(devices_[i], traffic_class, net_.devices[i].segment));
  pc.links.reserve(net_.links.size());
  for (size_t i = 0; i < net_.links.size(); ++i)
    pc.links.push_back(judge_one(links_[i], traffic_class, net_.links[i].segment));
  return per_class_.emplace(traffic_class, std::move(pc)).first->second;
}

const ElementJudgement& ElementTrust::device(uint32_t device, const std::string& traffic_class) const {
  return judge(traffic_class).devices[device];
}

const ElementJudgement& ElementTrust::link(uint32_t link, const std::string& traffic_class) const {
  return judge(traffic_class).links[link];
}

}  // namespace cleannet::path
