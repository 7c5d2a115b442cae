// Findings as JUnit XML, the test-report format every CI shows in a tab (Jenkins, GitLab,
// GitHub actions that publish test results): one <testsuite> per suite (the audit: one per
// line of effort), one <testcase> per finding.
//   - an unsuppressed finding of severity error or warning: <failure type="error|warning"
//     message="<explanation>">the finding as text</failure>;
//   - a note: a passing testcase;
//   - a suppressed finding: <skipped message="suppressed: <reason>"/>;
//   - each input error: a testcase with <error>;
//   - a suite with neither findings nor errors: one passing testcase "no findings", so
//     that it still shows.
// Text is written by pugixml (escaped), after characters that XML 1.0 does not allow
// (control characters, U+FFFE, U+FFFF, invalid UTF-8) are replaced by U+FFFD.
//
//   std::vector<JunitSuite> suites = {{"path", path_findings, {}, 1.25}, {"cloud", {}, {"main.tf:3: ..."}, 0.1}};
//   std::ofstream("audit.junit.xml") << render_junit(suites);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cleannet/report/finding.h"

namespace cleannet::report {

struct JunitSuite {
  std::string name;
  std::vector<Finding> findings;
  std::vector<std::string> errors;  // input errors, as messages
  double seconds = 0;
};

// The document: <?xml ...?><testsuites name="cleannet" tests failures errors skipped time>.
std::string render_junit(const std::vector<JunitSuite>& suites);

// `s` with every character that XML 1.0 (section 2.2, production Char) does not allow, and
// every byte that is not part of valid UTF-8, replaced by U+FFFD.
std::string xml_safe_text(std::string_view s);

}  // namespace cleannet::report
