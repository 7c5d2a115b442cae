// `cleannet merge`: partials (shard/partial.h) of one run into its report. Each kind of
// partial (carrier check, trace check, mrt dump --stats) merges its own state and renders it
// exactly as the run over all the inputs would have; this module holds the table of kinds,
// so the CLI, the Python module and the Dask driver merge through one call.
//
//   std::vector<Named> ps = ...;                          // read_partial() of each file
//   auto merged = merge(ps);                              // one partial: a merge of merges is one too
//   if (!merged) fail(merged.error());
//   auto o = merge_context_options(merged->header, given, false);
//   auto ctx = load_context(o);  auto id = context_identity(o, **ctx);
//   auto exit = render(*merged, ctx->get(), *id, report::Format::kText, 10, std::cout, std::cerr);
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/report/check_report.h"
#include "cleannet/shard/partial.h"
#include "cleannet/trust/context.h"

namespace cleannet::scale {

using Named = std::pair<std::string, shard::Partial>;  // a partial and the name errors give it

// A kind of partial: how its states merge and how a complete one is rendered.
struct Kind {
  std::string_view name;  // Header::kind
  bool judged;            // its report names judgements: rendering needs the context
  // The state of the union of the partials' inputs (check_mergeable has passed).
  core::Result<report::Json> (*merge_states)(const std::vector<std::pair<std::string, const shard::Partial*>>& parts);
  // The report of a partial that covers every input, as the single run prints it on `out`
  // (messages on `err`); returns the run's exit code (0, 1 or 2). `context` is null for
  // kinds that are not judged. `top`: rows per table where the kind's text has tables.
  int (*render)(const shard::Partial& p, const trust::Context* context, report::Format format, size_t top,
                std::ostream& out, std::ostream& err);
};

// The kind named, or nullptr.
const Kind* find_kind(std::string_view name);

// One partial for the union of `parts` (of one run, disjoint inputs): associative and
// commutative, so any tree of merges gives the same partial.
core::Result<shard::Partial> merge(const std::vector<Named>& parts);

// The report of a partial covering every input of its run; an error if inputs are missing
// ("the partials lack inputs 3 (c.bz2), ...") or the loaded context (`identity`:
// shard::context_identity of `context`) is not the one the partials were made with.
core::Result<int> render(const shard::Partial& p, const trust::Context* context, const report::Json& identity,
                         report::Format format, size_t top, std::ostream& out, std::ostream& err);

}  // namespace cleannet::scale
