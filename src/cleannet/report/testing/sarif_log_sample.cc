// Test support: prints a SARIF log of several runs (one per line of effort, with automation
// ids) in which some results are suppressed, for tests/cli/sarif_log_check.sh to validate
// with the SARIF Multitool.
//
//   sarif_log_sample > log.sarif && tests/sarif/validate.sh log.sarif
#include <iostream>

#include "cleannet/report/sarif.h"

namespace {

using cleannet::report::Evidence;
using cleannet::report::Finding;
using cleannet::report::Location;
using cleannet::report::SarifRun;
using cleannet::report::SarifRunFindings;
using cleannet::report::Severity;
using cleannet::report::Suppression;

Finding finding(const char* line, const char* rule, const char* element, Severity severity) {
  Finding f;
  f.line = line;
  f.subject = element;
  f.element = element;
  f.rule = rule;
  f.rule_text = "Clean Network (2020): untrusted vendors out of the network";
  f.severity = severity;
  f.status = severity == Severity::kError ? "untrusted" : "unknown";
  f.organisation = "huawei";
  f.organisation_name = "Huawei Technologies Co., Ltd.";
  f.evidence.push_back(Evidence{"designation", "FCC Covered List", "https://www.fcc.gov/supplychain/coveredlist",
                                "2021-03-12", true, "2030-01-01"});
  f.explanation = std::string(element) + " is made by Huawei Technologies Co., Ltd., on the FCC Covered List.";
  f.suggested_fix = "Replace it with equipment of a trusted vendor.";
  return f;
}

}  // namespace

int main() {
  Suppression accepted{"replacement ordered, delivery in Q1 2027", "netops@acme.example", "2027-03-31", "2026-12-01",
                       "audit/accepted-risks.toml:12"};
  Finding r1 = finding("path", "CN-PATH", "router r1", Severity::kError);
  r1.location = Location{"inventory/devices.csv", 4, 1};
  Finding r2 = finding("path", "CN-PATH", "router r2", Severity::kError);
  r2.location = Location{"inventory/devices.csv", 5, 1};
  r2.suppression = accepted;
  Finding sw = finding("path", "CN-PATH-UNKNOWN", "switch s9", Severity::kWarning);
  Finding bucket = finding("cloud", "CN-CLOUD", "aws_s3_bucket.logs", Severity::kError);
  bucket.location = Location{"infra/main.tf", 14, 1};
  bucket.suppression = accepted;
  bucket.suppression->source = "audit/accepted-risks.toml:20";
  std::vector<SarifRunFindings> runs = {
      {SarifRun{"cleannet path check", "cleannet-audit/acme-2026q4/path"}, {r1, r2, sw}},
      {SarifRun{"cleannet cloud check", "cleannet-audit/acme-2026q4/cloud"}, {bucket}},
      {SarifRun{"cleannet cable check", "cleannet-audit/acme-2026q4/cable"}, {}},
  };
  std::cout << cleannet::report::render_sarif_log(runs).dump(2) << "\n";
  return 0;
}
