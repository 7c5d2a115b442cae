#include "cleannet/registry/validate.h"

#include "cleannet/trust/line.h"
#include "cleannet/trust/registry.h"

namespace cleannet::registry {

namespace {

// A problem as a finding: where it is, and what was expected there.
report::Finding problem_finding(const core::Error& e) {
  report::Finding f;
  f.line = trust::line_name(trust::Line::kRegistry);
  f.subject = e.pos().file;
  f.element = e.pos().to_string();
  f.rule = "registry-input";
  f.rule_text = "Registry files follow docs/registry-format.md";
  f.severity = report::Severity::kError;
  f.status = "invalid";
  f.explanation = "Expected " + e.expected() + (e.found().empty() ? "" : ", found " + e.found()) + ".";
  f.location = report::Location{e.pos().file, e.pos().line, e.pos().column};
  return f;
}

}  // namespace

report::CheckReport validate(const std::vector<std::string>& files, bool standalone) {
  trust::RegistryBuilder b;
  report::CheckReport r;
  if (!standalone) {
    auto e = b.add_layer(trust::kBundledRegistryName, trust::bundled_registry_toml());
    r.errors.insert(r.errors.end(), e.begin(), e.end());
  }
  for (const auto& f : files) {
    auto e = b.add_file(f);
    r.errors.insert(r.errors.end(), e.begin(), e.end());
  }
  if (r.errors.empty()) {
    auto e = b.finish();
    r.errors.insert(r.errors.end(), e.begin(), e.end());
  }
  report::Json problems = report::Json::array();
  for (const auto& e : r.errors) {
    r.findings.push_back(problem_finding(e));
    problems.push_back({{"file", e.pos().file},
                        {"line", e.pos().line},
                        {"column", e.pos().column},
                        {"expected", e.expected()},
                        {"found", e.found()},
                        {"message", e.message()}});
  }
  r.summary = {{"files", files}, {"ok", r.errors.empty()}, {"problems", problems}};
  // The problems are on standard error already: the text lists only what is sound.
  r.text_lists_findings = false;
  if (r.errors.empty()) {
    const trust::Registry& reg = b.registry();
    for (const auto& f : files) {
      size_t n = 0;
      for (const auto& org : reg.organisations())
        for (uint32_t l : org.layers) n += reg.layers()[l] == f;
      r.text_head += f + ": ok (" + std::to_string(n) + " organisations)\n";
    }
  }
  return r;
}

}  // namespace cleannet::registry
