#include "cleannet/path/element_trust.h"

#include "cleannet/core/text.h"
#include "cleannet/trust/judge.h"

namespace cleannet::path {

ElementTrust::ElementTrust(const netmodel::Network& net, const trust::Resolver& resolver, const trust::Policy& policy,
                           const trust::StatusOptions& options)
    : net_(net), resolver_(resolver), policy_(policy), options_(options) {
  devices_.offsets.reserve(net.devices.size() + 1);
  devices_.items.reserve(net.devices.size());
  devices_.segment.reserve(net.devices.size());
  for (const auto& d : net.devices) {
    devices_.items.push_back(resolve(d.equipment));
    for (const auto& c : d.components) devices_.items.push_back(resolve(c));
    devices_.offsets.push_back(static_cast<uint32_t>(devices_.items.size()));
    devices_.segment.push_back(segment_id(d.segment));
  }
  links_.offsets.reserve(net.links.size() + 1);
  links_.segment.reserve(net.links.size());
  for (const auto& l : net.links) {
    for (const auto& e : l.equipment) links_.items.push_back(resolve(e));
    links_.offsets.push_back(static_cast<uint32_t>(links_.items.size()));
    links_.segment.push_back(segment_id(l.segment));
  }
  links_.items.shrink_to_fit();
}

uint32_t ElementTrust::segment_id(const std::string& segment) {
  auto [it, added] = segment_ids_.try_emplace(segment, static_cast<uint32_t>(segments_.size()));
  if (added) segments_.push_back(segment);
  return it->second;
}

ResolvedEquipment ElementTrust::resolve(const netmodel::Equipment& e) {
  std::string vendor(core::trim(e.vendor));
  auto it = by_vendor_.find(vendor);
  if (it == by_vendor_.end()) {
    VendorResolution r;
    if (!vendor.empty()) {
      // A vendor field is a name, whatever it looks like ("3M" is not an ASN).
      auto nm = resolver_.resolve_name(vendor);
      if (nm) {
        r.match = trust::to_match(*nm);
        r.status = trust::evaluate_status(resolver_.registry(), nm->org, options_);
      }
    }
    r.verified = r.status.verified && (!r.match || r.match->identifier_verified);
    it = by_vendor_.emplace(vendor, std::move(r)).first;
  }
  return ResolvedEquipment{&e, &it->second};
}

ElementTrust::ForClass ElementTrust::for_class(const std::string& traffic_class) const {
  auto it = per_class_.find(traffic_class);
  if (it == per_class_.end()) {
    std::vector<trust::Decision> decisions;
    decisions.reserve(segments_.size() * kStatuses);
    for (const std::string& segment : segments_)
      for (trust::Status s : {trust::Status::kTrusted, trust::Status::kUntrusted, trust::Status::kUnknown})
        decisions.push_back(policy_.decide(trust::Line::kPath, traffic_class, segment, s));
    it = per_class_.emplace(traffic_class, std::move(decisions)).first;
  }
  return ForClass(*this, it->second);
}

ElementJudgement ElementTrust::ForClass::judge(std::span<const ResolvedEquipment> eq, uint32_t segment) const {
  const trust::Decision* row = decisions_.data() + size_t{segment} * kStatuses;
  ElementJudgement j;
  j.decision = &row[static_cast<size_t>(trust::Status::kTrusted)];
  for (const auto& r : eq) {
    const trust::Status s = r.vendor->status.status;
    const trust::Decision& d = row[static_cast<size_t>(s)];
    // The first piece of equipment whose judgement weighs most decides (trust::weight).
    if (!j.worst || trust::weight(d, s) > trust::weight(*j.decision, j.worst->vendor->status.status)) {
      j.action = d.action;
      j.violates = trust::violates(d, s);
      j.decision = &d;
      j.worst = &r;
    }
  }
  return j;
}

ElementJudgement ElementTrust::ForClass::device(uint32_t device) const {
  return judge(et_.devices_.of(device), et_.devices_.segment[device]);
}

ElementJudgement ElementTrust::ForClass::link(uint32_t link) const {
  return judge(et_.links_.of(link), et_.links_.segment[link]);
}

ElementJudgement ElementTrust::device(uint32_t device, const std::string& traffic_class) const {
  return for_class(traffic_class).device(device);
}

ElementJudgement ElementTrust::link(uint32_t link, const std::string& traffic_class) const {
  return for_class(traffic_class).link(link);
}

}  // namespace cleannet::path
