// Trust of a network's elements: every device (its own vendor and each component) and
// every link's equipment resolved once through the trust registry, then judged by the
// policy for a traffic class. A device is as untrusted as its worst piece of equipment:
// a Huawei line card makes a Cisco chassis carry Huawei equipment (5G Clean Path:
// "transmission, control, computing, or storage equipment from untrusted IT vendors").
//
//   ElementTrust et(net, resolver, policy, status_options);
//   ElementJudgement j = et.device(i, "diplomatic");   // deny/warn/allow + why
//
// Memory is what decides whether a national inventory fits (1 million devices, 4 million
// links in bench/path_bench): a vendor name is resolved once and shared by every piece of
// equipment that names it, equipment lists are one flat array with offsets, and a judgement
// is not stored per element: the policy's decision depends only on (traffic class, segment,
// status), so it is kept once per segment and status and an element's judgement is
// assembled on request from its few pieces of equipment.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "cleannet/netmodel/network.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::path {

// A vendor name resolved: who it is and their status on the as-of date.
struct VendorResolution {
  std::optional<trust::Match> match;  // none: vendor not in the registry
  trust::StatusVerdict status;        // unknown when no match
  bool verified = true;               // status and identifier both verified
};

// One piece of equipment and the resolution of its vendor (shared by every piece of
// equipment naming the same vendor).
struct ResolvedEquipment {
  const netmodel::Equipment* equipment = nullptr;
  const VendorResolution* vendor = nullptr;
};

// The policy's judgement of one element for one traffic class. A small value: the
// decision and the equipment point into the ElementTrust that made it.
struct ElementJudgement {
  trust::Action action = trust::Action::kAllow;
  bool violates = false;                      // trust::violates for the deciding equipment
  const trust::Decision* decision = nullptr;  // the deciding rule (of the worst equipment); never null
  const ResolvedEquipment* worst = nullptr;   // the equipment that decided; null if none
};

class ElementTrust {
 public:
  ElementTrust(const netmodel::Network& net, const trust::Resolver& resolver, const trust::Policy& policy,
               const trust::StatusOptions& options);

  // All equipment of a device (itself first, then components) / of a link, resolved.
  std::span<const ResolvedEquipment> device_equipment(uint32_t device) const { return devices_.of(device); }
  std::span<const ResolvedEquipment> link_equipment(uint32_t link) const { return links_.of(link); }

  // The policy's judgement under a traffic class: the first piece of equipment whose
  // judgement weighs most (trust::weight) decides; an element without equipment is judged as
  // trusted. Decisions are cached per class; the judgement itself is cheap to assemble.
  ElementJudgement device(uint32_t device, const std::string& traffic_class) const;
  ElementJudgement link(uint32_t link, const std::string& traffic_class) const;

  // The same for many elements of one class without looking the class up each time.
  class ForClass {
   public:
    ElementJudgement device(uint32_t device) const;
    ElementJudgement link(uint32_t link) const;

   private:
    friend class ElementTrust;
    ForClass(const ElementTrust& et, const std::vector<trust::Decision>& decisions) : et_(et), decisions_(decisions) {}
    ElementJudgement judge(std::span<const ResolvedEquipment> eq, uint32_t segment) const;
    const ElementTrust& et_;
    const std::vector<trust::Decision>& decisions_;  // [segment * kStatuses + status]
  };
  ForClass for_class(const std::string& traffic_class) const;

  const trust::Registry& registry() const { return resolver_.registry(); }
  const trust::Policy& policy() const { return policy_; }

 private:
  static constexpr uint32_t kStatuses = 3;  // trust::Status: trusted, untrusted, unknown

  // Every element's equipment in one array: element i owns [offsets[i], offsets[i + 1]).
  struct Flat {
    std::vector<uint32_t> offsets{0};
    std::vector<ResolvedEquipment> items;
    std::vector<uint32_t> segment;  // per element: index into segments_
    std::span<const ResolvedEquipment> of(uint32_t i) const {
      return {items.data() + offsets[i], items.data() + offsets[i + 1]};
    }
  };

  ResolvedEquipment resolve(const netmodel::Equipment& e);
  uint32_t segment_id(const std::string& segment);

  const netmodel::Network& net_;
  const trust::Resolver& resolver_;
  const trust::Policy& policy_;
  trust::StatusOptions options_;
  Flat devices_, links_;
  // Vendor name -> resolution, so 1 million devices from 20 vendors resolve 20 names. The
  // map's nodes do not move, so equipment can point at them.
  std::unordered_map<std::string, VendorResolution> by_vendor_;
  std::vector<std::string> segments_;
  std::unordered_map<std::string, uint32_t> segment_ids_;
  // Traffic class -> decisions by segment and status (node-based: references stay valid).
  mutable std::unordered_map<std::string, std::vector<trust::Decision>> per_class_;
};

}  // namespace cleannet::path
