// The HTML report (docs/report.md): the file is the template with its four parts filled in,
// its data element parses to exactly what the other outputs say (render(run, kJson),
// history_json, render_diff, the cable routes) and cannot be ended early by a finding's text;
// html_context takes the scenario's runs up to the run and the run before it from a store.
#include "cleannet/audit/html.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

#include "cleannet/audit/diff.h"
#include "cleannet/audit/evidence_table.h"
#include "cleannet/audit/history.h"
#include "cleannet/audit/record.h"
#include "cleannet/audit/render.h"
#include "cleannet/cable/routes.h"

namespace cleannet::audit {
namespace {

using report::Json;

report::Finding finding(std::string element, std::string subject) {
  report::Finding f;
  f.line = "path";
  f.subject = std::move(subject);
  f.element = std::move(element);
  f.rule = "EU-SM03-CORE";
  f.severity = report::Severity::kError;
  f.status = "untrusted";
  f.organisation = "huawei";
  f.explanation = "a & b";
  f.evidence.push_back({"designation", "quote", "https://example.org/?a=1&b=2", "2020-08-05"});
  return f;
}

// The text that would end the data element, a JavaScript line terminator, and markup.
const std::string kHostile = "</script><!--<script>alert(1)</script> \xE2\x80\xA8 \xE2\x80\xA9 </SCRIPT >";

AuditRun make_run(int64_t id, bool with_cables, std::vector<report::Finding> findings) {
  AuditRun run;
  run.id = id;
  run.scenario_name = "acme <&> \"q\" 'a'";
  run.policy = "eu-toolbox";
  run.as_of = "2026-12-01";
  CheckResult path;
  path.name = path.kind = path.line = "path";
  path.report.reported = true;
  path.report.summary = Json{{"demands", 2}, {"note", kHostile}};
  path.report.findings = std::move(findings);
  run.checks.push_back(std::move(path));
  if (with_cables) {
    CheckResult cable;
    cable.name = "cables <eu>";
    cable.kind = cable.line = "cable";
    cable.report.reported = true;
    Json cables = Json::array();
    cables.push_back(
        {{"id", "c-lion1"}, {"name", "C-Lion1"}, {"verdict", "unknown"}, {"clean", true}, {"planned", false}});
    cables.push_back(
        {{"id", "peace-cable"}, {"name", "PEACE Cable"}, {"verdict", "untrusted-supplier"}, {"clean", false}});
    cables.push_back({{"id", "no-such-route"}, {"name", "Nowhere"}, {"verdict", "trusted"}, {"clean", true}});
    cable.report.summary = Json{{"cables", cables}};
    run.checks.push_back(std::move(cable));
  }
  return run;
}

std::vector<store::RunSummary> history_of(const std::vector<int64_t>& ids) {
  std::vector<store::RunSummary> h;
  for (int64_t id : ids) {
    store::RunSummary s;
    s.id = id;
    s.scenario_name = "acme";
    s.as_of = "2026-12-01";
    s.exit_code = 1;
    s.counts = {{"path", "error", 2, 0}};
    s.findings = 2;
    h.push_back(s);
  }
  return h;
}

struct Parts {
  std::string title, css, data, js;
};

// Splits the file along the template (docs/report.md); fails the test when it is not that.
Parts split(const std::string& html) {
  const std::vector<std::string> fixed = {
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
      "style-src 'unsafe-inline'; img-src data:\">\n<title>",
      "</title>\n<style>",
      "</style>\n</head>\n<body>\n<div id=\"app\"></div>\n<script type=\"application/json\" id=\"cleannet-data\">",
      "</script>\n<script>", "</script>\n</body>\n</html>\n"};
  std::vector<std::string> parts;
  size_t at = 0;
  for (size_t i = 0; i < fixed.size(); ++i) {
    // The data element's text is the first "</script>" after its start tag: that is where a
    // browser ends it, whatever the text holds.
    size_t found = i == 0 ? 0 : html.find(fixed[i], at);
    if (found == std::string::npos || (i == 0 && html.compare(0, fixed[0].size(), fixed[0]) != 0)) {
      ADD_FAILURE() << "not the template at part " << i;
      return {};
    }
    if (i) parts.push_back(html.substr(at, found - at));
    at = found + fixed[i].size();
  }
  EXPECT_EQ(at, html.size()) << "text after </html>";
  return {parts[0], parts[1], parts[2], parts[3]};
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// DATA with each finding's evidence indices replaced by the items of the evidence table, as the
// page does (web/report/src/data.js), and the table removed: what the other outputs say.
// Fails the test on an index out of range or an item in the table twice.
Json expanded(Json d) {
  const Json table = d.at("evidence");
  for (size_t i = 0; i < table.size(); ++i)
    for (size_t k = 0; k < i; ++k) EXPECT_NE(table[i], table[k]) << "evidence items " << k << " and " << i;
  auto expand = [&](Json& findings) {
    for (Json& f : findings) {
      Json items = Json::array();
      for (const Json& i : f.at("evidence")) {
        EXPECT_TRUE(i.is_number_unsigned() && i.get<size_t>() < table.size()) << i;
        if (i.is_number_unsigned() && i.get<size_t>() < table.size()) items.push_back(table[i.get<size_t>()]);
      }
      f["evidence"] = std::move(items);
    }
  };
  for (Json& c : d.at("run").at("checks")) expand(c.at("findings"));
  if (!d.at("diff").is_null())
    for (const char* list : {"new", "fixed", "changed_evidence", "unchanged"}) expand(d.at("diff").at(list));
  d.erase("evidence");
  return d;
}

TEST(Html, TemplateFilledAndDataAsTheOtherOutputsSayIt) {
  AuditRun previous = make_run(1, true, {finding("device fra-core-1", "demand a"), finding("device x", "demand b")});
  AuditRun run = make_run(2, true, {finding("device fra-core-1", "demand a"), finding("device " + kHostile, kHostile)});
  HtmlContext ctx;
  ctx.history = history_of({1, 2});
  ctx.previous = previous;
  const std::string html = render_html(run, ctx);
  std::ostringstream streamed;
  render_html(run, ctx, streamed);
  EXPECT_EQ(streamed.str(), html);

  const Parts p = split(html);
  EXPECT_EQ(p.title, "cleannet audit: acme &lt;&amp;&gt; &quot;q&quot; &#39;a&#39;, run 2");
  EXPECT_EQ(p.css, report_css());
  EXPECT_EQ(p.js, report_js());
  // Nothing in the data could end the element or open a comment, in any letter case.
  const std::string data = lower(p.data);
  EXPECT_EQ(data.find("</script"), std::string::npos);
  EXPECT_EQ(data.find("<!--"), std::string::npos);
  EXPECT_EQ(data.find_first_of("<>&"), std::string::npos);
  EXPECT_EQ(data.find("\xE2\x80\xA8"), std::string::npos);
  EXPECT_EQ(data.find("\xE2\x80\xA9"), std::string::npos);
  EXPECT_EQ(data.find('\n'), std::string::npos) << "compact";

  const Json d = expanded(Json::parse(p.data));
  EXPECT_EQ(d.at("format"), "cleannet-report/2");
  EXPECT_EQ(d.at("run"), Json::parse(render(run, OutputFormat::kJson)));
  EXPECT_EQ(d.at("run").at("checks")[0].at("findings")[1].at("subject"), kHostile) << "the text comes back whole";
  EXPECT_EQ(d.at("history"), history_json(ctx.history));
  EXPECT_EQ(d.at("history").size(), 2u);
  EXPECT_EQ(d.at("diff"), Json::parse(render_diff(diff_runs(previous, run), OutputFormat::kJson, FailOn::kError)));
  EXPECT_EQ(d.at("diff").at("counts").at("new"), 1);

  // One feature per cable with a bundled route, as the routes give it.
  auto routes = cable::bundled_routes();
  ASSERT_TRUE(routes) << routes.error().message();
  const Json& cables = d.at("cables");
  EXPECT_EQ(cables.at("type"), "FeatureCollection");
  std::vector<std::string> ids;
  for (const Json& f : cables.at("features")) {
    const std::string id = f.at("properties").at("id");
    ids.push_back(id);
    EXPECT_EQ(f.at("type"), "Feature");
    EXPECT_EQ(f.at("geometry"), routes->at(id));
    EXPECT_EQ(f.at("properties").at("check"), "cables <eu>");
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"c-lion1", "peace-cable"}));
  EXPECT_FALSE(routes->contains("no-such-route"));
  const Json& peace = cables.at("features")[1].at("properties");
  EXPECT_EQ(peace, (Json{{"id", "peace-cable"},
                         {"name", "PEACE Cable"},
                         {"verdict", "untrusted-supplier"},
                         {"clean", false},
                         {"check", "cables <eu>"}}));
}

TEST(Html, LargeRunStreamedInBatchesIsTheSameData) {
  // More findings than one batch of the streamed JSON report (render.cc: 64 blocks of 512), so
  // that escapes and multi-byte characters meet the pieces' boundaries.
  std::vector<report::Finding> findings;
  for (size_t i = 0; i < 64 * 512 + 700; ++i)
    findings.push_back(
        finding("device " + std::to_string(i), i % 7 == 0 ? kHostile : "demand â¦ " + std::to_string(i)));
  const AuditRun run = make_run(0, false, std::move(findings));
  std::ostringstream os;
  render_html(run, HtmlContext{}, os);
  const Parts p = split(os.str());
  EXPECT_EQ(p.data.find("\xE2\x80\xA8"), std::string::npos);
  EXPECT_EQ(p.data.find_first_of("<>&"), std::string::npos);
  EXPECT_EQ(expanded(Json::parse(p.data)).at("run"), Json::parse(render(run, OutputFormat::kJson)));
}

TEST(Html, RunNotStoredHasNoHistoryNoDiffAndNoCablesWithoutACableCheck) {
  AuditRun run = make_run(0, false, {finding("device a", "demand a")});
  const Parts p = split(render_html(run, HtmlContext{}));
  EXPECT_EQ(p.title, "cleannet audit: acme &lt;&amp;&gt; &quot;q&quot; &#39;a&#39;, run -");
  const Json d = expanded(Json::parse(p.data));
  EXPECT_EQ(d.at("history"), Json::array());
  EXPECT_TRUE(d.at("diff").is_null());
  EXPECT_TRUE(d.at("cables").is_null());
  EXPECT_EQ(d.at("run"), Json::parse(render(run, OutputFormat::kJson)));
}

report::Evidence evidence(std::string kind, std::string text) {
  return {std::move(kind), std::move(text), "https://example.org/" + text, "2026-01-02"};
}

TEST(EvidenceTable, EqualItemsShareAnIndexOthersDoNot) {
  EvidenceTable t;
  const report::Evidence a = evidence("designation", "a"), b = evidence("designation", "b");
  EXPECT_EQ(t.intern(a), 0u);
  EXPECT_EQ(t.intern(b), 1u);
  EXPECT_EQ(t.intern(a), 0u);
  EXPECT_EQ(t.intern(evidence("designation", "b")), 1u) << "equal, not the same object";
  // Each field tells items apart.
  report::Evidence c = a;
  c.verified = false;
  EXPECT_EQ(t.intern(c), 2u);
  c = a;
  c.until = "2027-01-01";
  EXPECT_EQ(t.intern(c), 3u);
  c = a;
  c.kind = "ownership";
  EXPECT_EQ(t.intern(c), 4u);
  c = a;
  c.source_url.clear();
  EXPECT_EQ(t.intern(c), 5u);
  c = a;
  c.date.clear();
  EXPECT_EQ(t.intern(c), 6u);
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[1], b);
  std::string json;
  t.append_json(json);
  const Json j = Json::parse(json);
  ASSERT_EQ(j.size(), 7u);
  report::Finding f = finding("x", "y");
  f.evidence = {a};
  EXPECT_EQ(j[0], report::finding_to_json(f).at("evidence")[0]) << "as finding_to_json writes it";
  EXPECT_EQ(j[1].at("text"), "b");
}

TEST(Html, EvidenceInternedInOrderOfFirstAppearanceTheSameEveryTime) {
  // More findings than one batch (render.cc renders blocks of 512 in parallel), the evidence of
  // each drawn from a small pool, so that the blocks rendered at once share items.
  std::vector<report::Evidence> pool;
  for (int i = 0; i < 40; ++i)
    pool.push_back(evidence(i % 2 ? "ownership" : "designation", "item " + std::to_string(i)));
  auto findings_of = [&](size_t n, size_t salt) {
    std::vector<report::Finding> fs;
    for (size_t i = 0; i < n; ++i) {
      report::Finding f = finding("device " + std::to_string(i), "demand " + std::to_string(i));
      f.evidence.clear();
      for (size_t k = 0; k < 5 + i % 3; ++k) f.evidence.push_back(pool[(i * 7 + k * 13 + salt) % pool.size()]);
      fs.push_back(std::move(f));
    }
    return fs;
  };
  const AuditRun run = make_run(2, false, findings_of(64 * 512 + 900, 0));
  HtmlContext ctx;
  ctx.previous = make_run(1, false, findings_of(3000, 5));
  const std::string html = render_html(run, ctx);
  for (int k = 0; k < 3; ++k) EXPECT_EQ(render_html(run, ctx), html) << "the same file every time";

  const Json raw = Json::parse(split(html).data);
  const Json& table = raw.at("evidence");
  EXPECT_EQ(table.size(), pool.size()) << "each distinct item once";
  // Order of first appearance: the run's findings, then the diff's lists.
  std::vector<Json> seen;
  auto walk = [&](const Json& findings) {
    for (const Json& f : findings)
      for (const Json& i : f.at("evidence")) {
        const size_t n = i.get<size_t>();
        ASSERT_LE(n, seen.size()) << "an index before its item appeared";
        if (n == seen.size()) seen.push_back(table[n]);
      }
  };
  walk(raw.at("run").at("checks")[0].at("findings"));
  for (const char* list : {"new", "fixed", "changed_evidence", "unchanged"}) walk(raw.at("diff").at(list));
  EXPECT_EQ(seen.size(), table.size());

  const Json d = expanded(raw);
  EXPECT_EQ(d.at("run"), Json::parse(render(run, OutputFormat::kJson)));
  EXPECT_EQ(d.at("diff"), Json::parse(render_diff(diff_runs(*ctx.previous, run), OutputFormat::kJson, FailOn::kError)));
}

TEST(Html, BundledFrontEndCannotEndItsElements) {
  // docs/report.md: build.mjs refuses these; checked again on what was embedded.
  EXPECT_FALSE(report_js().empty());
  EXPECT_FALSE(report_css().empty());
  const std::string js = lower(std::string(report_js())), css = lower(std::string(report_css()));
  EXPECT_EQ(js.find("</script"), std::string::npos);
  EXPECT_EQ(js.find("<!--"), std::string::npos);
  EXPECT_EQ(css.find("</style"), std::string::npos);
  EXPECT_NE(css.find("@media print"), std::string::npos) << "a print stylesheet";
}

TEST(HtmlContext, TheScenariosRunsUpToTheRunAndTheOneBefore) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("cleannet-audit-html-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto st = store::Store::open((dir / "h.sqlite").string(), true);
  ASSERT_TRUE(st) << st.error().message();
  // Runs 1, 3, 4 of the scenario, run 2 of another one.
  std::vector<AuditRun> runs;
  for (int i = 1; i <= 4; ++i) {
    AuditRun r = make_run(0, i == 3, {finding("device " + std::to_string(i), "demand")});
    if (i == 2) r.scenario_name = "other";
    auto id = store_run(*st, r);
    ASSERT_TRUE(id) << id.error().message();
    ASSERT_EQ(*id, i);
    r.id = *id;
    runs.push_back(std::move(r));
  }
  auto ids = [](const HtmlContext& c) {
    std::vector<int64_t> v;
    for (const store::RunSummary& s : c.history) v.push_back(s.id);
    return v;
  };
  auto c3 = html_context(*st, runs[2]);
  ASSERT_TRUE(c3) << c3.error().message();
  EXPECT_EQ(ids(*c3), (std::vector<int64_t>{1, 3})) << "run 4 came later: not in run 3's report";
  ASSERT_TRUE(c3->previous);
  EXPECT_EQ(c3->previous->id, 1);
  EXPECT_EQ(render(*c3->previous, OutputFormat::kJson), render(runs[0], OutputFormat::kJson));

  auto c1 = html_context(*st, runs[0]);
  ASSERT_TRUE(c1);
  EXPECT_EQ(ids(*c1), (std::vector<int64_t>{1}));
  EXPECT_FALSE(c1->previous);

  auto against = html_context(*st, runs[3], 2);
  ASSERT_TRUE(against);
  EXPECT_EQ(ids(*against), (std::vector<int64_t>{1, 3, 4}));
  ASSERT_TRUE(against->previous);
  EXPECT_EQ(against->previous->scenario_name, "other");

  AuditRun unstored = runs[3];
  unstored.id = 0;
  auto none = html_context(*st, unstored);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->history.empty());
  EXPECT_FALSE(none->previous);

  auto missing = html_context(*st, runs[3], 99);
  EXPECT_FALSE(missing);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cleannet::audit
