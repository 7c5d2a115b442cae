#include "cleannet/report/junit.h"

#include <cstdint>
#include <cstdio>
#include <pugixml.hpp>
#include <sstream>

#include "cleannet/core/text.h"
#include "cleannet/report/render.h"

namespace cleannet::report {

namespace {

constexpr uint32_t kReplacement = 0xFFFD;

// XML 1.0 section 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
bool xml_char(uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Decodes one UTF-8 sequence at s[i] (RFC 3629 section 4: no overlong forms, no
// surrogates, nothing above U+10FFFF); 0 bytes when it is not valid there.
size_t decode_utf8(std::string_view s, size_t i, uint32_t& cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n;
  uint32_t min;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s < 0 ? 0.0 : s);
  return buf;
}

void set(pugi::xml_node n, const char* attr, std::string_view value) {
  n.append_attribute(attr).set_value(xml_safe_text(value).c_str());
}

struct Counts {
  size_t tests = 0, failures = 0, errors = 0, skipped = 0;
};

pugi::xml_node testcase(pugi::xml_node suite, const std::string& classname, const std::string& name) {
  pugi::xml_node tc = suite.append_child("testcase");
  set(tc, "classname", classname);
  set(tc, "name", name);
  return tc;
}

Counts write_suite(pugi::xml_node suite, const JunitSuite& s) {
  Counts c;
  for (const Finding& f : s.findings) {
    pugi::xml_node tc = testcase(suite, s.name, f.rule + " " + f.element);
    ++c.tests;
    if (f.suppression) {
      set(tc.append_child("skipped"), "message", "suppressed: " + f.suppression->reason);
      ++c.skipped;
    } else if (f.severity != Severity::kNote) {
      pugi::xml_node failure = tc.append_child("failure");
      set(failure, "type", severity_name(f.severity));
      set(failure, "message", f.explanation);
      failure.text().set(xml_safe_text(render_finding_text(f)).c_str());
      ++c.failures;
    }
  }
  for (const std::string& e : s.errors) {
    std::string first_line = e.substr(0, e.find('\n'));
    pugi::xml_node tc = testcase(suite, s.name, first_line);
    ++c.tests;
    pugi::xml_node error = tc.append_child("error");
    set(error, "type", "input");
    set(error, "message", first_line);
    error.text().set(xml_safe_text(e).c_str());
    ++c.errors;
  }
  if (c.tests == 0) {
    testcase(suite, s.name, "no findings");
    ++c.tests;
  }
  return c;
}

void set_counts(pugi::xml_node n, const Counts& c, double seconds) {
  set(n, "tests", std::to_string(c.tests));
  set(n, "failures", std::to_string(c.failures));
  set(n, "errors", std::to_string(c.errors));
  set(n, "skipped", std::to_string(c.skipped));
  set(n, "time", seconds_text(seconds));
}

}  // namespace

std::string xml_safe_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t n = decode_utf8(s, i, cp);
    if (n == 0) {
      core::append_utf8(out, kReplacement);
      ++i;
    } else if (!xml_char(cp)) {
      core::append_utf8(out, kReplacement);
      i += n;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string render_junit(const std::vector<JunitSuite>& suites) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version").set_value("1.0");
  decl.append_attribute("encoding").set_value("UTF-8");
  pugi::xml_node root = doc.append_child("testsuites");
  set(root, "name", kToolName);
  Counts total;
  double total_seconds = 0;
  for (const JunitSuite& s : suites) {
    pugi::xml_node suite = root.append_child("testsuite");
    set(suite, "name", s.name);
    Counts c = write_suite(suite, s);  // attributes set after the children still open the element
    set_counts(suite, c, s.seconds);
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
    total.skipped += c.skipped;
    total_seconds += s.seconds < 0 ? 0 : s.seconds;
  }
  set_counts(root, total, total_seconds);
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

}  // namespace cleannet::report
