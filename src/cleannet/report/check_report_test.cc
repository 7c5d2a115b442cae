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
      s.add(finding("AS" + std::to_string(i)), [i] { return Json{{"i", i}}; }, [] { return std::string("no"); });
    s.finish();
    Json j = Json::parse(out.str());
    ASSERT_EQ(j.size(), n);
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(j[i]["i"], i);
  }
}

TEST(ReportStream, TextAsItComesSarifAtTheEnd) {
  std::ostringstream text, sarif;
  ReportStream t(text, Format::kText, "cleannet x"), s(sarif, Format::kSarif, "cleannet x");
  for (ReportStream* r : {&t, &s}) r->add(finding("AS1"), [] { return Json(); }, [] { return std::string("one\n"); });
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

}  // namespace
}  // namespace cleannet::report
