#include "cleannet/report/check_report.h"

#include <gtest/gtest.h>

#include <sstream>

namespace cleannet::report {
namespace {

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
  print_check_report(out, err, format, r, "cleannet things scan");
  return {out.str(), err.str()};
}

TEST(CheckReport, FindingsTakeTheirPlaceInTheJson) {
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
