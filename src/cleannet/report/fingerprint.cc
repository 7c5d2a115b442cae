#include <string>

#include "cleannet/core/sha256.h"
#include "cleannet/report/finding.h"

namespace cleannet::report {

namespace {

// Each field as "<length>:<bytes>", so that no two different field lists hash the same
// input ("a" + "bc" and "ab" + "c" differ).
void field(std::string& out, const std::string& s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

}  // namespace

std::string fingerprint(const Finding& f) {
  std::string in = "cleannet-fingerprint/1";
  field(in, f.line);
  field(in, f.rule);
  field(in, f.organisation);
  if (f.identity.empty()) {
    field(in, f.subject);
    field(in, f.element);
  } else {
    for (const std::string& part : f.identity) field(in, part);
  }
  return core::sha256_hex(in, 32);
}

}  // namespace cleannet::report
