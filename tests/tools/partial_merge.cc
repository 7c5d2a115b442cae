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
#include <vector>

#include "cleannet/bgp/stats.h"
#include "cleannet/shard/partial.h"
#include "cleannet/trace/partial.h"

using namespace cleannet;

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
  const bool trace = ps.front().header.kind == trace::kPartialKind;
  if (!trace && ps.front().header.kind != bgp::kPartialKind) {
    std::cerr << paths.front() << ": kind " << ps.front().header.kind << " is not trace or mrt-stats\n";
    return 2;
  }
  auto state = trace ? trace::merge_states(named) : bgp::merge_states(named);
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
  return trace ? trace::render_partial(merged, nullptr, f, 10, std::cout, std::cerr)
               : bgp::render_partial(merged, nullptr, f, 10, std::cout, std::cerr);
}
