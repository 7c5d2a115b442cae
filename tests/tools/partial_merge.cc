// A stand-in for `cleannet merge` over the kinds "trace" and "mrt-stats", for
// tests/cli/partial_oracle.py where the cleannet binary has no merge command: it calls the
// kinds' own merge_states and render_partial, as the command's table of kinds does.
//
//   partial_merge [--format text|json|sarif] [--partial-out OUT] P...
// Without --partial-out it renders the merge (every input covered) on stdout and stderr and
// exits with the report's code; with it, it writes the merged partial.
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/bgp/stats.h"
#include "cleannet/shard/partial.h"
#include "cleannet/trace/partial.h"

using namespace cleannet;

namespace {

// The entry type of scale::Kind (src/cleannet/scale/merge.h), so that the kinds' functions
// are known to fit the command's table.
struct Kind {
  std::string_view name;
  bool judged;
  core::Result<report::Json> (*merge_states)(const std::vector<std::pair<std::string, const shard::Partial*>>& parts);
  int (*render)(const shard::Partial& p, const trust::Context* context, report::Format format, size_t top,
                std::ostream& out, std::ostream& err);
};

constexpr Kind kKinds[] = {
    {trace::kPartialKind, true, &trace::merge_states, &trace::render_partial},
    {bgp::kPartialKind, false, &bgp::merge_states, &bgp::render_partial},
};

}  // namespace

int main(int argc, char** argv) {
  std::string format = "text", out_path;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--format") && i + 1 < argc)
      format = argv[++i];
    else if (!std::strcmp(argv[i], "--partial-out") && i + 1 < argc)
      out_path = argv[++i];
    else
      paths.push_back(argv[i]);
  }
  std::vector<shard::Partial> ps;
  for (const std::string& p : paths) {
    auto r = shard::read_partial(p);
    if (!r) {
      std::cerr << r.error().message() << "\n";
      return 2;
    }
    ps.push_back(std::move(*r));
  }
  std::vector<std::pair<std::string, const shard::Partial*>> named;
  std::vector<const shard::Partial*> ptrs;
  for (size_t i = 0; i < ps.size(); ++i) {
    named.emplace_back(paths[i], &ps[i]);
    ptrs.push_back(&ps[i]);
  }
  if (auto st = shard::check_mergeable(named); !st) {
    std::cerr << st.error().message() << "\n";
    return 2;
  }
  const Kind* kind = nullptr;
  for (const Kind& k : kKinds)
    if (k.name == ps.front().header.kind) kind = &k;
  if (!kind) {
    std::cerr << paths.front() << ": kind " << ps.front().header.kind << " is not trace or mrt-stats\n";
    return 2;
  }
  auto state = kind->merge_states(named);
  if (!state) {
    std::cerr << state.error().message() << "\n";
    return 2;
  }
  const shard::Partial merged{shard::merged_header(ptrs), std::move(*state)};
  if (!out_path.empty()) {
    if (auto st = shard::write_partial(out_path, merged); !st) {
      std::cerr << st.error().message() << "\n";
      return 2;
    }
    return 0;
  }
  if (!shard::missing_positions(merged.header).empty()) {
    std::cerr << "the partials lack inputs\n";
    return 2;
  }
  const report::Format f = report::parse_format(format).value_or(report::Format::kText);
  return kind->render(merged, nullptr, f, 10, std::cout, std::cerr);
}
