// The steps of `carrier check` that the single run (run.h) and the merge of partials
// (partial.h) share, so that both make their report with the same code.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/asgraph/directory.h"
#include "cleannet/asgraph/graph.h"
#include "cleannet/carrier/check.h"
#include "cleannet/carrier/run.h"

namespace cleannet::carrier::detail {

struct Run {
  Options options;
  std::shared_ptr<const asgraph::AsDirectory> directory;  // null: none named
  std::unique_ptr<asgraph::AsAttributor> attributor;
  std::unique_ptr<AsJudge> judge;
  std::unique_ptr<CarrierCheck> check;
  std::optional<asgraph::AsGraph> graph;
};

// The run's inputs in order: the RIBs, then the update files.
std::vector<std::string> all_inputs(const CarrierInputs& in);

// Arguments, AS directory and (with_graph) the AS relationships read; the check built.
// directory: the AS directory of in.as_names and in.as2org already loaded (partial.h's
// SideTables), else null to read it here.
core::Result<std::unique_ptr<Run>> set_up(const CarrierInputs& in, const trust::Resolver& resolver,
                                          const trust::Policy& policy, const trust::StatusOptions& status_options,
                                          bool with_graph,
                                          const std::shared_ptr<const asgraph::AsDirectory>* directory = nullptr);

// The MRT files at `positions` (of all_inputs) observed, each recorded with its error or notes.
void read_inputs(Run& run, const CarrierInputs& in, const std::vector<size_t>& positions);

// The report: the inputs' errors and notes in position order, then relationships, inference
// and countries from the graph, findings and summary. `files`: the run's number of inputs.
report::CheckReport finish(Run& run, const CarrierInputs& in, const trust::Policy& policy,
                           const trust::StatusOptions& status_options, size_t files);

}  // namespace cleannet::carrier::detail
