// `cleannet merge PARTIAL...`: the partials of a run's shards (`--partial-out` of carrier
// check, trace check, mrt dump --stats) into the run's report, or into one partial
// (--partial-out) for a tree of merges. docs/scale.md.
#include "merge_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/scale/merge.h"
#include "cleannet/shard/partial.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct MergeOptions {
  CommonOptions common;
  std::vector<std::string> partials;
  std::string partial_out;
  std::string as_rel, as_names, as2org;
  size_t top = 10;
  bool policy_given = false;
};

int run_merge(const MergeOptions& o) {
  std::vector<scale::Named> parts;
  for (const std::string& path : o.partials) {
    auto p = shard::read_partial(path);
    if (!p) {
      print_error(p.error());
      return kExitInputError;
    }
    parts.emplace_back(path, std::move(*p));
  }
  auto merged = scale::merge(parts);
  if (!merged) {
    print_error(merged.error());
    return kExitInputError;
  }
  if (!o.partial_out.empty()) {
    if (auto st = shard::write_partial(o.partial_out, *merged); !st) {
      print_error(st.error());
      return kExitInputError;
    }
    return kExitClean;
  }
  // Side tables at other paths than the shards had (their contents are checked).
  for (const auto& [key, path] : {std::pair<const char*, const std::string*>{"as_rel", &o.as_rel},
                                  {"as_names", &o.as_names},
                                  {"as2org", &o.as2org}})
    if (!path->empty()) merged->header.sources[key] = *path;
  const scale::Kind* kind = scale::find_kind(merged->header.kind);
  std::unique_ptr<Context> c;
  report::Json identity;
  if (kind && kind->judged) {
    const trust::ContextOptions t =
        shard::merge_context_options(merged->header, context_options(o.common, false), o.policy_given);
    c = load_trust_context(t);
    if (!c) return kExitInputError;
    auto id = shard::context_identity(t, *c);
    if (!id) {
      print_error(id.error());
      return kExitInputError;
    }
    identity = std::move(*id);
  }
  auto code = scale::render(*merged, c.get(), identity, output_format(o.common.format), o.top, std::cout, std::cerr);
  std::cout << std::flush;
  if (!code) {
    print_error(code.error());
    return kExitInputError;
  }
  return *code;
}

}  // namespace

void add_merge_command(CLI::App& app, int& result) {
  auto o = std::make_shared<MergeOptions>();
  CLI::App* merge =
      app.add_subcommand("merge", "Merge the partial results of a run's shards into its report (or into one partial)");
  merge
      ->add_option("partials", o->partials,
                   "Partial results (--partial-out of carrier check, trace check, mrt dump --stats)")
      ->required();
  merge->add_option("--partial-out", o->partial_out,
                    "Write the merged partial to FILE instead of the report (a step of a tree of merges)");
  merge->add_option("--as-rel", o->as_rel, "carrier: the AS relationships file, where not at the shards' path");
  merge->add_option("--as-names", o->as_names, "carrier: the AS names file, where not at the shards' path");
  merge->add_option("--as2org", o->as2org, "carrier: the as2org file, where not at the shards' path");
  merge->add_option("--top", o->top, "trace: rows per aggregate table in text output")->capture_default_str();
  // The registry, policy and as-of default to those the partials were made with.
  add_common_options(merge, o->common, {"text", "json", "sarif"});
  merge->callback([o, &result, merge] {
    o->policy_given = merge->count("--policy") > 0;
    result = run_merge(*o);
  });
}

}  // namespace cleannet::cli
