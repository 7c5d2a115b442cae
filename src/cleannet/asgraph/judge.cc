#include "cleannet/asgraph/judge.h"

namespace cleannet::asgraph {

AsJudge::AsJudge(const AsAttributor& attributor, const trust::Registry& registry, const trust::Policy& policy,
                 const trust::StatusOptions& options, trust::Line line)
    : attributor_(attributor), judge_(registry, policy, options, line) {}

std::string AsJudge::as_text(uint32_t asn) const {
  std::string s = "AS" + std::to_string(asn);
  if (const AsDirectory* d = attributor_.directory())
    if (auto e = d->find(asn)) {
      s += " (" + std::string(e->name);
      if (!e->country.empty()) s += ", " + std::string(e->country);
      s += ")";
    }
  return s;
}

const AsJudgement& AsJudge::judge(uint32_t asn) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cache_.find(asn);
  if (it != cache_.end()) return *it->second;
  auto j = std::make_unique<AsJudgement>();
  static_cast<trust::Judgement&>(*j) = judge_.judge(attributor_.attribute(asn));
  j->asn = asn;
  j->as_text = as_text(asn);
  // An attribution by name is an inference: unverified, whatever the designation says.
  if (j->match && !j->match->identifier_verified) j->status.verified = false;
  return *cache_.emplace(asn, std::move(j)).first->second;
}

}  // namespace cleannet::asgraph
