// Partial results: the state a check's report is made from, for a subset of its inputs, so
// that runs over shards of the inputs (on one machine or many) merge into the report of one
// run over all of them. docs/scale.md documents the format ("cleannet-partial/1").
//
// A partial is a JSON document, zstd-compressed on disk:
//   {"format": "cleannet-partial/1", "kind": "carrier", "cleannet": "0.1.0",
//    "context": {"policy": ..., "policy_sha256": ..., "registry_sha256": ..., "as_of": ...},
//    "options": {...},            // what else must agree: the check's options, side tables
//    "sources": {...},            // paths the run read them from, defaults for the merge
//    "inputs": ["a.bz2", ...],    // every input of the whole run, in the run's order
//    "positions": [0, 2],         // those this partial covers (0-based, ascending)
//    "state": {...}}              // the kind's own mergeable state (carrier/, trace/, bgp/)
// Two partials merge when everything but positions and state agrees and their positions
// are disjoint; the kind merges the states. Each kind keeps its state keyed by input
// position, so a merge is associative and commutative and the merged state is the same
// whatever the tree of merges.
//
//   Partial p{.header = make_header("carrier", identity, options, inputs, positions), .state = s};
//   write_partial("shard-1.partial", p);
//   auto q = read_partial("shard-2.partial");  if (!q) fail(q.error());
//   if (auto st = check_mergeable({{"shard-1.partial", &p}, {"shard-2.partial", &*q}}); !st) fail(st.error());
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/report/render.h"
#include "cleannet/trust/context.h"

namespace cleannet::shard {

inline constexpr const char* kPartialFormat = "cleannet-partial/1";

struct Header {
  std::string kind;      // "carrier", "trace", "mrt-stats"
  std::string version;   // the cleannet that wrote it (report::kToolVersion)
  report::Json context;  // context_identity(), or null where the kind judges nothing
  report::Json options;  // the check's options that must agree, as an object
  // Where the run found what the merge may need again (policy and registry files, side
  // tables such as AS relationships), as given: defaults for the merge, not compared (a
  // cluster's machines mount them at other paths; their digests in context/options agree).
  report::Json sources = report::Json::object();
  std::vector<std::string> inputs;  // every input of the run, in order
  std::vector<size_t> positions;    // the inputs covered, 0-based, ascending, distinct
};

struct Partial {
  Header header;
  report::Json state;
};

// What a report's judgements depend on besides the inputs: the policy and every registry
// layer by content (SHA-256), and the as-of date. context_sources(): where they were read.
core::Result<report::Json> context_identity(const trust::ContextOptions& options, const trust::Context& context);
report::Json context_sources(const trust::ContextOptions& options);
// The options a merge loads its context with: those of `sources` (context_sources()) where
// `given` leaves them at their defaults (no --registry, --policy or --as-of given).
trust::ContextOptions merge_context_options(const Header& h, trust::ContextOptions given, bool policy_given);

// The document; the bytes as written (zstd).
report::Json to_json(const Partial& p);
std::string to_bytes(const Partial& p);
// Reads what to_bytes wrote (or the same JSON uncompressed, or with any compression
// core::Input reads); `name` names it in errors.
core::Result<Partial> from_bytes(const std::string& name, std::string_view bytes);
core::Result<Partial> from_json(const std::string& name, const report::Json& j);

core::Status write_partial(const std::string& path, const Partial& p);
core::Result<Partial> read_partial(const std::string& path);

// Whether the partials can be merged: same format, kind, version, context, options and
// inputs, positions disjoint. The error names the two partials and what differs.
core::Status check_mergeable(const std::vector<std::pair<std::string, const Partial*>>& partials);

// The header of the merge of `partials` (check_mergeable first): their positions united.
Header merged_header(const std::vector<const Partial*>& partials);

// The inputs of the run not covered by `h` (for "the merge lacks ..." errors); empty when
// every input is covered.
std::vector<size_t> missing_positions(const Header& h);
// "3 (c.bz2), 5 (e.bz2) and 2 more": 1-based positions with their files, at most `max`.
std::string positions_text(const std::vector<size_t>& positions, const std::vector<std::string>& inputs,
                           size_t max = 5);

// An input's error inside a state, and back (every field, so the merge prints it as the run did).
report::Json error_to_json(const core::Error& e);
core::Status error_from_json(const std::string& name, const report::Json& j, core::Error& out);

// A required member of a partial's state, or the error naming the partial and the member.
core::Result<const report::Json*> member(const std::string& name, const report::Json& j, std::string_view key,
                                         report::Json::value_t type);

// Whether a state keyed by input position holds exactly the partial's positions (in any
// order): a state without one of its files would merge into a report that leaves it out.
core::Status check_state_positions(const std::string& name, const Header& h, std::vector<size_t> state_positions);

// The SHA-256 of a file's content (side tables a partial's options name by content).
core::Result<std::string> content_sha256(const std::string& path);

}  // namespace cleannet::shard
