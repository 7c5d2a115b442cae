// Trust of a network's elements: every device (its own vendor and each component) and
// every link's equipment resolved once through the trust registry, then judged by the
// policy for a traffic class. A device is as untrusted as its worst piece of equipment:
// a Huawei line card makes a Cisco chassis carry Huawei equipment (5G Clean Path:
// "transmission, control, computing, or storage equipment from untrusted IT vendors").
//
//   ElementTrust et(net, resolver, policy, status_options);
//   const ElementJudgement& j = et.device(i, "diplomatic");   // deny/warn/allow + why
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cleannet/netmodel/network.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::path {

// One piece of equipment resolved: who made it and their status on the as-of date.
struct ResolvedEquipment {
  const netmodel::Equipment* equipment = nullptr;
  std::optional<trust::Match> match;      // none: vendor not in the registry
  trust::StatusVerdict status;            // unknown when no match
  bool verified = true;                   // status and identifier both verified
};

// The policy's judgement of one element for one traffic class.
struct ElementJudgement {
  trust::Action action = trust::Action::kAllow;
  trust::Decision decision;               // the deciding rule (of the worst equipment)
  const ResolvedEquipment* worst = nullptr;  // the equipment that decided; null if none
};

class ElementTrust {
 public:
  ElementTrust(const netmodel::Network& net, const trust::Resolver& resolver, const trust::Policy& policy,
               const trust::StatusOptions& options);

  // All equipment of a device (itself first, then components) / of a link, resolved.
  const std::vector<ResolvedEquipment>& device_equipment(uint32_t device) const { return devices_[device]; }
  const std::vector<ResolvedEquipment>& link_equipment(uint32_t link) const { return links_[link]; }

  // The policy's judgement under a traffic class (cached per class).
  const ElementJudgement& device(uint32_t device, const std::string& traffic_class) const;
  const ElementJudgement& link(uint32_t link, const std::string& traffic_class) const;

  const trust::Registry& registry() const { return resolver_.registry(); }
  const trust::Policy& policy() const { return policy_; }

 private:
  struct PerClass {
    std::vector<ElementJudgement> devices, links;
  };
  const PerClass& judge(const std::string& traffic_class) const;
  ElementJudgement judge_one(const std::vector<ResolvedEquipment>& eq, const std::string& traffic_class,
                             const std::string& segment) const;
  ResolvedEquipment resolve(const netmodel::Equipment& e);

  const netmodel::Network& net_;
  const trust::Resolver& resolver_;
  const trust::Policy& policy_;
  trust::StatusOptions options_;
  std::vector<std::vector<ResolvedEquipment>> devices_, links_;
  // Vendor name -> resolution, so 1 million devices from 20 vendors resolve 20 names.
  std::unordered_map<std::string, std::pair<std::optional<trust::Match>, trust::StatusVerdict>> by_vendor_;
  mutable std::unordered_map<std::string, PerClass> per_class_;
};

}  // namespace cleannet::path
