// `carrier check` over a part of its inputs, as a partial (shard/partial.h, kind "carrier"),
// and the report of merged partials: byte-identical to the run over all inputs in order.
//
// The state is what the routes gave (CarrierCheck::Observations): per input its counts,
// error and notes; the route counts; each exposure with its routes, every distinct prefix
// and its first route by input position; and each prefix's origin where it was first seen
// (for the address space in the inference). The AS relationships, inference and countries
// are made at the merge, from the same files (their SHA-256 in the options must agree).
//
//   auto p = run_partial(in, ShardSpec{2, 8}.positions(n), context, options);   // a shard
//   write_partial("shard-2.partial", *p);
//   ... scale::merge() of all shards, then scale::render() calls render_partial().
#pragma once

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cleannet/asgraph/directory.h"
#include "cleannet/carrier/run.h"
#include "cleannet/report/check_report.h"
#include "cleannet/shard/partial.h"
#include "cleannet/trust/context.h"

namespace cleannet::carrier {

inline constexpr const char* kPartialKind = "carrier";

// What a partial reads besides the context and its MRT files: the AS directory (--as-names,
// --as2org) and the side tables' digests (--as-rel too). Loaded once, it serves the partials
// of any number of files of one run (a worker of a cluster keeps one).
struct SideTables {
  std::string as_rel, as_names, as2org;                  // the files it was read from
  std::shared_ptr<const asgraph::AsDirectory> directory;  // null: none named
  report::Json digests;                                   // their SHA-256, as the options hold them
};
core::Result<std::shared_ptr<const SideTables>> load_side_tables(const CarrierInputs& in);

// The inputs at `positions` (0-based, of the RIBs then the update files) read into a
// partial. Bad arguments and unreadable side tables are the error; an MRT file that cannot
// be read is recorded in the partial with its error (strict: it is the error instead).
// side: load_side_tables() of the same files, or null to read them here.
core::Result<shard::Partial> run_partial(const CarrierInputs& in, const std::vector<size_t>& positions,
                                         const trust::Context& context, const trust::ContextOptions& context_options,
                                         bool strict = false, const SideTables* side = nullptr);

// The states of partials of one run merged (scale::Kind::merge_states).
core::Result<report::Json> merge_states(const std::vector<std::pair<std::string, const shard::Partial*>>& parts);

// The report of a partial covering every input, printed as `carrier check` prints it; the
// exit code (scale::Kind::render).
int render_partial(const shard::Partial& p, const trust::Context* context, report::Format format, size_t top,
                   std::ostream& out, std::ostream& err);

}  // namespace cleannet::carrier
