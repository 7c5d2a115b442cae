#include "cleannet/report/check_report.h"

#include <gtest/gtest.h>

#include <sstream>

namespace cleannet::report {
namespace {

Finding finding(std::string element) {
  Finding f;
  f.line = "registry";
  f.subject = element;
  f.element = std::move(element);
  f.rule = "CN-ANY";
  f.severity = Severity::kError;
  f.status = "untrusted";
  return f;
}

TEST(CheckReport, JsonIsTheSummaryWithTheFindingsLast) {
  CheckReport r;
  r.findings = {finding("AS4134")};
  r.summary["as_of"] = "2024-06-01";
  r.summary["findings"] = "replaced";
  std::ostringstream out;
  bool text_called = false;
  print_check_report(out, Format::kJson, r, "cleannet x", [&](std::ostream&) { text_called = true; });
  EXPECT_FALSE(text_called);
  Json j = Json::parse(out.str());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j.begin().key(), "as_of");
  ASSERT_TRUE(j["findings"].is_array());
  EXPECT_EQ(j["findings"][0]["element"], "AS4134");
  EXPECT_EQ(out.str().back(), '\n');
}

TEST(CheckReport, SarifIsOneRunOfTheCommand) {
  std::ostringstream out;
  print_check_report(out, Format::kSarif, {finding("AS4134"), finding("AS4812")}, "cleannet x", nullptr, nullptr);
  Json j = Json::parse(out.str());
  ASSERT_EQ(j["runs"].size(), 1u);
  EXPECT_EQ(j["runs"][0]["results"].size(), 2u);
}

TEST(CheckReport, TextIsWhatTheCheckWrites) {
  std::ostringstream out;
  bool summary_built = false;
  print_check_report(
      out, Format::kText, {finding("AS4134")}, "cleannet x",
      [&] {
        summary_built = true;
        return Json::object();
      },
      [](std::ostream& o) { o << "text\n"; });
  EXPECT_EQ(out.str(), "text\n");
  EXPECT_FALSE(summary_built);
}

TEST(CheckReport, InvalidUtf8InANameIsReplacedNotFatal) {
  CheckReport r;
  r.summary["file"] = std::string("a\xff.apk");
  std::ostringstream out;
  print_check_report(out, Format::kJson, r, "cleannet x", nullptr);
  EXPECT_EQ(Json::parse(out.str())["file"], "a\xEF\xBF\xBD.apk");
}

TEST(ReportStream, JsonIsAnArrayWithOneElementPerResult) {
  for (size_t n : {0u, 1u, 3u}) {
    std::ostringstream out;
    ReportStream s(out, Format::kJson, "cleannet x");
    for (size_t i = 0; i < n; ++i)
      s.add(
          finding("AS" + std::to_string(i)),
          [i] {
            return Json{{"i", i}};
          },
          [] { return std::string("no"); });
    s.finish();
    Json j = Json::parse(out.str());
    ASSERT_EQ(j.size(), n);
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(j[i]["i"], i);
  }
}

TEST(ReportStream, TextAsItComesSarifAtTheEnd) {
  std::ostringstream text, sarif;
  ReportStream t(text, Format::kText, "cleannet x"), s(sarif, Format::kSarif, "cleannet x");
  for (ReportStream* r : {&t, &s})
    r->add(
        finding("AS1"), [] { return Json(); }, [] { return std::string("one\n"); });
  EXPECT_EQ(text.str(), "one\n");
  EXPECT_EQ(sarif.str(), "");
  t.finish();
  s.finish();
  EXPECT_EQ(text.str(), "one\n");
  EXPECT_EQ(Json::parse(sarif.str())["runs"][0]["results"].size(), 1u);
}

TEST(Format, ParsesTheThreeNames) {
  EXPECT_EQ(parse_format("text"), Format::kText);
  EXPECT_EQ(parse_format("json"), Format::kJson);
  EXPECT_EQ(parse_format("sarif"), Format::kSarif);
  EXPECT_EQ(parse_format("geojson"), std::nullopt);
}

CheckReport sample() {
  CheckReport r;
  Finding f;
  f.line = "things";
  f.element = "device 00:d0:d0:12:34:56";
  f.rule = "CN-ANY";
  f.severity = Severity::kError;
  f.status = "untrusted";
  r.findings.push_back(f);
  r.summary["inputs"] = Json::array();
  r.summary["findings"] = nullptr;
  r.summary["summary"] = {{"hosts", 1}};
  r.text_head = "head\n";
  r.text_tail = "tail\n";
  r.violations = true;
  return r;
}

struct Printed {
  std::string out, err;
};
Printed print(const CheckReport& r, const std::string& format) {
  std::ostringstream out, err;
  print_check_report(out, err, *parse_format(format), r, "cleannet things scan");
  return {out.str(), err.str()};
}

TEST(CheckReport, FindingsKeepTheirPlaceInTheJson) {
  Json j = Json::parse(print(sample(), "json").out);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"inputs", "findings", "summary"}));
  EXPECT_EQ(j["findings"][0]["rule"], "CN-ANY");

  CheckReport last = sample();
  last.summary.erase("findings");
  j = Json::parse(print(last, "json").out);
  EXPECT_EQ(j.items().begin().key(), "inputs");
  EXPECT_EQ(std::prev(j.end()).key(), "findings");
}

TEST(CheckReport, TextIsHeadFindingsTail) {
  CheckReport r = sample();
  EXPECT_EQ(print(r, "text").out, "head\n" + render_finding_text(r.findings[0]) + "tail\n");
  Json sarif = Json::parse(print(r, "sarif").out);
  EXPECT_EQ(sarif["runs"][0]["results"].size(), 1u);
}

TEST(CheckReport, ErrorsOnStandardErrorAndExitCodes) {
  CheckReport r = sample();
  EXPECT_EQ(exit_code(r), 1);
  r.violations = false;
  EXPECT_EQ(exit_code(r), 0);
  r.errors.push_back(core::Error(core::SourcePos("a.xml", 3, 1), "a host", "none"));
  r.notes.push_back("dir: skipped 2");
  Printed p = print(r, "text");
  EXPECT_EQ(p.err, "a.xml:3:1: expected a host, found none\ndir: skipped 2\n");
  EXPECT_EQ(p.out.substr(0, 5), "head\n");
  EXPECT_EQ(exit_code(r), 2);
  r.reported = false;
  EXPECT_EQ(print(r, "json").out, "");
  EXPECT_EQ(exit_code(r), 2);
}

TEST(CheckReport, TitleNamesTheInputsPolicyAndDate) {
  EXPECT_EQ(check_title("cloud check", {"a.tf", "b.csv"}, "clean-network", "2025-01-01"),
            "cloud check of a.tf b.csv; policy clean-network, as of 2025-01-01\n");
}

}  // namespace
}  // namespace cleannet::report
