#include "cleannet/scale/merge.h"

#include <array>

#include "cleannet/bgp/stats.h"
#include "cleannet/carrier/partial.h"
#include "cleannet/trace/partial.h"

namespace cleannet::scale {

namespace {

const std::array<Kind, 3> kKinds = {
    Kind{carrier::kPartialKind, true, carrier::merge_states, carrier::render_partial},
    // Its state names the judgements already (trace/partial.h); judged, so that the merge's
    // context is checked against the one the traces were judged with.
    Kind{trace::kPartialKind, true, trace::merge_states, trace::render_partial},
    Kind{bgp::kPartialKind, false, bgp::merge_states, bgp::render_partial},
};

}  // namespace

const Kind* find_kind(std::string_view name) {
  for (const Kind& k : kKinds)
    if (k.name == name) return &k;
  return nullptr;
}

core::Result<shard::Partial> merge(const std::vector<Named>& parts) {
  std::vector<std::pair<std::string, const shard::Partial*>> named;
  std::vector<const shard::Partial*> ps;
  for (const auto& [name, p] : parts) {
    named.emplace_back(name, &p);
    ps.push_back(&p);
  }
  if (auto st = shard::check_mergeable(named); !st) return st.error();
  const Kind* kind = find_kind(parts.front().second.header.kind);
  if (!kind)
    return core::Error(core::SourcePos(parts.front().first),
                       "a partial of carrier check, trace check or mrt dump --stats",
                       "kind " + core::quote_found(parts.front().second.header.kind));
  shard::Partial out;
  out.header = shard::merged_header(ps);
  auto state = kind->merge_states(named);
  if (!state) return state.error();
  out.state = std::move(*state);
  return out;
}

core::Result<int> render(const shard::Partial& p, const trust::Context* context, const report::Json& identity,
                         report::Format format, size_t top, std::ostream& out, std::ostream& err) {
  const Kind* kind = find_kind(p.header.kind);
  if (!kind)
    return core::Error(core::SourcePos("merge"), "a partial of carrier check, trace check or mrt dump --stats",
                       "kind " + core::quote_found(p.header.kind));
  if (auto missing = shard::missing_positions(p.header); !missing.empty())
    return core::Error(core::SourcePos("merge"),
                       "partials covering all " + std::to_string(p.header.inputs.size()) + " inputs of the run",
                       "none for input(s) " + shard::positions_text(missing, p.header.inputs));
  if (kind->judged) {
    if (!context)
      return core::Error(core::SourcePos("merge"), "the registry and policy the partials were made with", "none");
    if (identity != p.header.context) {
      for (const char* key : {"policy", "policy_sha256", "registry_sha256", "as_of"}) {
        const report::Json a = identity.value(key, report::Json()), b = p.header.context.value(key, report::Json());
        if (a != b)
          return core::Error(core::SourcePos("merge"),
                             "the context the partials were made with (" + std::string(key) + " " + b.dump() +
                                 "; give the same --registry, --policy and --as-of)",
                             std::string(key) + " " + a.dump());
      }
    }
  }
  return kind->render(p, context, format, top, out, err);
}

}  // namespace cleannet::scale
