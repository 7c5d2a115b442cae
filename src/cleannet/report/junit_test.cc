#include "cleannet/report/junit.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <pugixml.hpp>
#include <random>
#include <string>

#include "cleannet/report/render.h"
#include "cleannet/report/testing/random_findings.h"

namespace cleannet::report {
namespace {

Finding finding(const std::string& rule, const std::string& element, Severity severity) {
  Finding f;
  f.line = "path";
  f.subject = element;
  f.element = element;
  f.rule = rule;
  f.severity = severity;
  f.status = "untrusted";
  f.explanation = element + " is untrusted.";
  return f;
}

pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  EXPECT_TRUE(r) << r.description() << " at " << r.offset << "\n" << xml;
  return doc;
}

size_t children(pugi::xml_node n, const char* name) {
  size_t k = 0;
  for (pugi::xml_node c = n.child(name); c; c = c.next_sibling(name)) ++k;
  return k;
}

TEST(Junit, OneSuitePerElementOneTestcasePerFinding) {
  Finding error = finding("CN-PATH", "r1", Severity::kError);
  Finding warning = finding("CN-PATH", "r2", Severity::kWarning);
  Finding note = finding("CN-PATH", "r3", Severity::kNote);
  Finding suppressed = finding("CN-PATH", "r4", Severity::kError);
  suppressed.suppression = Suppression{"replacement ordered", "netops", "2027-03-31", "2026-12-01", "a.toml:3"};
  std::string xml = render_junit({{"path", {error, warning, note, suppressed}, {}, 1.5},
                                  {"cloud", {}, {"main.tf:3:1: expected a block, found \"}\""}, 0.25},
                                  {"cable", {}, {}, 0}});
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u) << xml;
  pugi::xml_document doc = parse(xml);
  pugi::xml_node root = doc.child("testsuites");
  ASSERT_TRUE(root);
  EXPECT_STREQ(root.attribute("name").value(), "cleannet");
  EXPECT_EQ(root.attribute("tests").as_int(), 6);
  EXPECT_EQ(root.attribute("failures").as_int(), 2);
  EXPECT_EQ(root.attribute("errors").as_int(), 1);
  EXPECT_EQ(root.attribute("skipped").as_int(), 1);
  EXPECT_STREQ(root.attribute("time").value(), "1.750");
  ASSERT_EQ(children(root, "testsuite"), 3u);

  pugi::xml_node path = root.child("testsuite");
  EXPECT_STREQ(path.attribute("name").value(), "path");
  EXPECT_EQ(path.attribute("tests").as_int(), 4);
  EXPECT_EQ(path.attribute("failures").as_int(), 2);
  EXPECT_EQ(path.attribute("errors").as_int(), 0);
  EXPECT_EQ(path.attribute("skipped").as_int(), 1);
  EXPECT_STREQ(path.attribute("time").value(), "1.500");
  ASSERT_EQ(children(path, "testcase"), 4u);
  pugi::xml_node tc = path.child("testcase");
  EXPECT_STREQ(tc.attribute("classname").value(), "path");
  EXPECT_STREQ(tc.attribute("name").value(), "CN-PATH r1");
  EXPECT_STREQ(tc.child("failure").attribute("type").value(), "error");
  EXPECT_STREQ(tc.child("failure").attribute("message").value(), "r1 is untrusted.");
  EXPECT_EQ(tc.child("failure").text().as_string(), render_finding_text(error));
  tc = tc.next_sibling("testcase");
  EXPECT_STREQ(tc.child("failure").attribute("type").value(), "warning");
  tc = tc.next_sibling("testcase");
  EXPECT_STREQ(tc.attribute("name").value(), "CN-PATH r3");
  EXPECT_FALSE(tc.first_child()) << "a note passes";
  tc = tc.next_sibling("testcase");
  EXPECT_FALSE(tc.child("failure"));
  EXPECT_STREQ(tc.child("skipped").attribute("message").value(), "suppressed: replacement ordered");

  pugi::xml_node cloud = path.next_sibling("testsuite");
  EXPECT_EQ(cloud.attribute("tests").as_int(), 1);
  EXPECT_EQ(cloud.attribute("errors").as_int(), 1);
  pugi::xml_node err = cloud.child("testcase").child("error");
  ASSERT_TRUE(err);
  EXPECT_STREQ(err.attribute("message").value(), "main.tf:3:1: expected a block, found \"}\"");
  EXPECT_STREQ(cloud.child("testcase").attribute("classname").value(), "cloud");

  pugi::xml_node cable = cloud.next_sibling("testsuite");
  EXPECT_EQ(cable.attribute("tests").as_int(), 1);
  EXPECT_EQ(cable.attribute("failures").as_int(), 0);
  EXPECT_STREQ(cable.child("testcase").attribute("name").value(), "no findings");
  EXPECT_FALSE(cable.child("testcase").first_child());
}

// XML 1.0 section 2.2 (Char), checked byte by byte: valid UTF-8 of allowed code points only,
// and no character reference to a forbidden one (pugixml writes control characters as
// "&#NN;", which is not well-formed either).
bool well_formed_chars(const std::string& xml, std::string& why) {
  for (size_t i = 0; i < xml.size();) {
    unsigned char c = static_cast<unsigned char>(xml[i]);
    uint32_t cp;
    size_t n;
    if (c < 0x80) {
      cp = c, n = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, n = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, n = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07, n = 4;
    } else {
      why = "invalid UTF-8 lead byte at " + std::to_string(i);
      return false;
    }
    if (i + n > xml.size()) {
      why = "truncated UTF-8 at " + std::to_string(i);
      return false;
    }
    for (size_t k = 1; k < n; ++k) {
      unsigned char b = static_cast<unsigned char>(xml[i + k]);
      if ((b & 0xC0) != 0x80) {
        why = "invalid UTF-8 continuation at " + std::to_string(i + k);
        return false;
      }
      cp = (cp << 6) | (b & 0x3F);
    }
    bool ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
              (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!ok) {
      why = "code point " + std::to_string(cp) + " at " + std::to_string(i);
      return false;
    }
    i += n;
  }
  for (size_t at = xml.find("&#"); at != std::string::npos; at = xml.find("&#", at + 2)) {
    size_t end = xml.find(';', at);
    std::string ref = xml.substr(at + 2, end - at - 2);
    unsigned long cp = ref[0] == 'x' ? std::stoul(ref.substr(1), nullptr, 16) : std::stoul(ref);
    if (!(cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20)) {
      why = "character reference &#" + ref + ";";
      return false;
    }
  }
  return true;
}

TEST(Junit, ControlAndInvalidCharactersAreReplaced) {
  using namespace std::string_literals;
  std::string nasty = "nul\0bell\a esc\x1b del\x7f "s + "bad utf8 \xff\xfe \xc3 " + "surrogate \xed\xa0\x80 " +
                      "nonchar \xef\xbf\xbe \xef\xbf\xbf " + "overlong \xc0\xaf " +
                      "ok: tab\tnl\ncr\r <&>\"' Telefónica 華為 😀";
  Finding f = finding("CN-\x01PATH", nasty, Severity::kError);
  f.explanation = nasty;
  Finding s = finding("CN-PATH", "x", Severity::kWarning);
  s.suppression = Suppression{nasty, "", "", "", ""};
  std::string xml = render_junit({{"suite \x02" + nasty, {f, s}, {nasty}, 0}});
  std::string why;
  EXPECT_TRUE(well_formed_chars(xml, why)) << why << "\n" << xml;
  pugi::xml_document doc = parse(xml);
  pugi::xml_node tc = doc.child("testsuites").child("testsuite").child("testcase");
  std::string msg = tc.child("failure").attribute("message").value();
  // What XML can hold is kept as it was; each character it cannot is one U+FFFD.
  EXPECT_NE(msg.find("ok: tab\tnl\ncr\r <&>\"' Telefónica 華為 😀"), std::string::npos) << msg;
  EXPECT_EQ(msg.rfind("nul\xef\xbf\xbd"
                      "bell\xef\xbf\xbd esc\xef\xbf\xbd del\x7f ",
                      0),
            0u)
      << msg;
  EXPECT_EQ(xml_safe_text("a\xed\xa0\x80z"), "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz");
  EXPECT_EQ(xml_safe_text("\xef\xbf\xbe"), "\xef\xbf\xbd");
  EXPECT_EQ(xml_safe_text("\xf4\x90\x80\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // above U+10FFFF
  EXPECT_EQ(xml_safe_text("\xf0\x9f\x98\x80"), "\xf0\x9f\x98\x80");
}

TEST(Junit, RandomFindingsGiveWellFormedCountedXml) {
  std::mt19937 rng(5);
  for (int i = 0; i < 200; ++i) {
    std::vector<JunitSuite> suites(static_cast<size_t>(i % 4));
    size_t findings = 0;
    for (auto& s : suites) {
      s.name = testing::random_text(rng);
      for (int n = i % 7; n > 0; --n) s.findings.push_back(testing::random_finding(rng));
      findings += s.findings.size();
      if (i % 3 == 0) s.errors.push_back(testing::random_text(rng));
    }
    std::string xml = render_junit(suites);
    std::string why;
    ASSERT_TRUE(well_formed_chars(xml, why)) << why;
    pugi::xml_document doc = parse(xml);
    pugi::xml_node root = doc.child("testsuites");
    EXPECT_EQ(children(root, "testsuite"), suites.size());
    size_t testcases = 0;
    for (pugi::xml_node s = root.child("testsuite"); s; s = s.next_sibling("testsuite")) {
      EXPECT_EQ(static_cast<size_t>(s.attribute("tests").as_int()), children(s, "testcase"));
      testcases += children(s, "testcase");
    }
    EXPECT_EQ(static_cast<size_t>(root.attribute("tests").as_int()), testcases);
    EXPECT_GE(testcases, findings);
  }
}

}  // namespace
}  // namespace cleannet::report
