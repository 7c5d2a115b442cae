// A run too large to render or store in one batch (its findings SYNTHETIC, made here from a
// seed): its JSON report written to a stream piece by piece is the same text as rendered
// whole, each finding in it is finding_to_json of the finding; store_run stores what
// add_run(to_record(run)) stores, and the stored run renders as the run did.
#include "cleannet/audit/render.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <random>
#include <sstream>

#include "cleannet/audit/record.h"

namespace cleannet::audit {
namespace {

using report::Json;

AuditRun large_run(size_t findings) {
  std::mt19937 rng(42);
  AuditRun run;
  run.scenario_name = "large";
  run.policy = "clean-network";
  run.id = 7;
  for (int c = 0; c < 3; ++c) {
    CheckResult check;
    check.name = "check " + std::to_string(c);
    check.kind = check.line = c == 1 ? "trace" : "path";
    check.report.reported = true;
    check.report.summary = Json{{"n", c}};
    const size_t n = c == 0 ? 0 : c == 1 ? findings : 3;
    for (size_t i = 0; i < n; ++i) {
      report::Finding f;
      f.line = check.line;
      f.subject = "subject " + std::to_string(i) + (i % 97 == 0 ? " \"quoted\" \xc3\xa9" : "");
      f.element = "hop " + std::to_string(rng() % 1000);
      f.rule = "CN-ANY";
      f.severity = i % 5 == 0 ? report::Severity::kWarning : report::Severity::kError;
      f.status = "untrusted";
      f.organisation = i % 3 ? "china-telecom" : "";
      f.evidence.push_back({"designation", "text " + std::to_string(rng() % 10), "https://example.org", "2020-08-05"});
      f.location = report::Location{"traces.ndjson", static_cast<uint32_t>(i + 1), 1};
      check.report.findings.push_back(std::move(f));
    }
    run.checks.push_back(std::move(check));
  }
  return run;
}

TEST(RenderJson, StreamedIsRenderedWholeAndEachFindingIsFindingToJson) {
  const AuditRun run = large_run(64 * 512 + 1000);  // more than one batch of 64 blocks of 512
  const std::string whole = render(run, OutputFormat::kJson);
  std::ostringstream os;
  render(run, OutputFormat::kJson, os);
  ASSERT_EQ(os.str(), whole);
  ASSERT_EQ(whole.back(), '\n');
  const Json j = Json::parse(whole);
  ASSERT_EQ(j.at("checks").size(), 3u);
  for (size_t c = 0; c < 3; ++c) {
    const auto& want = run.checks[c].report.findings;
    const Json& got = j.at("checks")[c].at("findings");
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got[i], report::finding_to_json(want[i])) << c << " " << i;
  }
  // The other formats: the same text either way.
  for (OutputFormat f : {OutputFormat::kText, OutputFormat::kSarif, OutputFormat::kJunit}) {
    std::ostringstream o;
    render(run, f, o);
    EXPECT_EQ(o.str(), render(run, f));
  }
}

TEST(StoreRun, StoresWhatToRecordHoldsAndRendersTheSame) {
  AuditRun run = large_run(3000);  // 12 blocks of the store
  run.id = 0;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("cleannet-audit-store-run-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto st = store::Store::open((dir / "h.sqlite").string(), true);
  ASSERT_TRUE(st) << st.error().message();
  core::Result<int64_t> id = store_run(*st, run);
  ASSERT_TRUE(id) << id.error().message();
  core::Result<int64_t> id2 = st->add_run(to_record(run));
  ASSERT_TRUE(id2) << id2.error().message();
  core::Result<store::RunRecord> a = st->run(*id), b = st->run(*id2);
  ASSERT_TRUE(a && b);
  b->id = a->id;
  EXPECT_TRUE(*a == *b);
  store::RunRecord want = to_record(run);
  want.id = a->id;
  EXPECT_TRUE(*a == want);
  core::Result<AuditRun> back = from_record(*a);
  ASSERT_TRUE(back) << back.error().message();
  run.id = *id;
  for (OutputFormat f : {OutputFormat::kText, OutputFormat::kJson, OutputFormat::kSarif, OutputFormat::kJunit})
    EXPECT_EQ(render(*back, f), render(run, f));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cleannet::audit
