// The HTML report of an audit run (docs/report.md): one self-contained file, the front end's
// script and stylesheet (web/report, bundled at build time and embedded in the binary) and the
// run's data inlined, with a Content-Security-Policy that allows no request at all. The file
// and its data are fixed in docs/report.md (format "cleannet-report/2"):
//   {"format": "cleannet-report/2", "run": <render(run, kJson)>, "history": [<history_json
//    entries>], "diff": <render_diff(previous -> run, kJson)> | null,
//    "cables": <GeoJSON FeatureCollection of every cable check's cables> | null,
//    "evidence": [<each distinct evidence item once, in order of first appearance>]}
// where every finding's "evidence" (in run and diff) is an array of indices into "evidence"
// (audit/evidence_table.h): a large run repeats the same evidence in many findings.
//
// What the run alone does not hold comes in the context, read from the store by
// html_context: the scenario's runs up to and including this one (so that the report of a
// stored run is the same file whenever it is made: later runs are not in it), and the run
// the change is measured against (by default the scenario's run before this one).
//
//   auto ctx = html_context(store, run);            // HtmlContext{} for a run not stored
//   std::ofstream f("report.html", std::ios::binary);
//   render_html(run, *ctx, f);
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/audit/run.h"
#include "cleannet/core/result.h"
#include "cleannet/report/render.h"
#include "cleannet/store/store.h"

namespace cleannet::audit {

inline constexpr std::string_view kReportFormat = "cleannet-report/2";

struct HtmlContext {
  std::vector<store::RunSummary> history;  // oldest first; empty when the run is not stored
  std::optional<AuditRun> previous;        // the diff's run A; none: "diff" is null
  FailOn diff_fail_on = FailOn::kError;    // the diff's fail_on and fails, as `audit diff --fail-on`
};

// The context of a stored run (run.id != 0): the runs of run.scenario_name with an id up to
// run.id, and `previous` = the run `against` when given (audit diff A B), else the last of
// those runs before run.id. A run not stored (id 0) has the empty context.
core::Result<HtmlContext> html_context(const store::Store& store, const AuditRun& run,
                                       std::optional<int64_t> against = std::nullopt);

// The file, written as it is made (the run's JSON report is not held whole).
void render_html(const AuditRun& run, const HtmlContext& ctx, std::ostream& os);
std::string render_html(const AuditRun& run, const HtmlContext& ctx);

// The parts of the file, each alone (for tests).
// "cleannet audit: NAME, run ID" ("run -" when not stored), not yet HTML-escaped.
std::string html_title(const AuditRun& run);
// & < > " ' as character references (HTML Living Standard 13.1.4).
std::string html_escape(std::string_view s);
// The "cables" member: one feature per cable of every cable check's summary.cables that has
// a bundled route (cable/routes.h); null when the run has no cable check.
report::Json cable_features(const AuditRun& run);
// The embedded front end (web/report/build.mjs's report.js and report.css).
std::string_view report_js();
std::string_view report_css();

}  // namespace cleannet::audit
