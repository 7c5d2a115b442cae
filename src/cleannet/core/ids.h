// Strong integer ids: OrganisationId, DeviceId, ... are distinct types over uint32_t,
// so an index into one table can never be passed where another is meant.
//
//   struct OrgTag {};
//   using OrganisationId = cleannet::core::Id<OrgTag>;
//   OrganisationId id{3};  std::vector<Org> orgs;  orgs[id.value()] ...
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace cleannet::core {

template <typename Tag>
class Id {
 public:
  static constexpr uint32_t kInvalid = std::numeric_limits<uint32_t>::max();

  constexpr Id() = default;
  constexpr explicit Id(uint32_t v) : v_(v) {}

  constexpr uint32_t value() const { return v_; }
  constexpr bool valid() const { return v_ != kInvalid; }
  constexpr explicit operator bool() const { return valid(); }
  friend constexpr auto operator<=>(Id, Id) = default;

 private:
  uint32_t v_ = kInvalid;
};

}  // namespace cleannet::core

template <typename Tag>
struct std::hash<cleannet::core::Id<Tag>> {
  size_t operator()(cleannet::core::Id<Tag> id) const noexcept { return std::hash<uint32_t>{}(id.value()); }
};
