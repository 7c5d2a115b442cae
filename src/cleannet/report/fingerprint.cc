#include <openssl/evp.h>

#include <stdexcept>
#include <string>

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
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(in.data(), in.size(), md, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < 16 && i < len; ++i) {
    hex += kHex[md[i] >> 4];
    hex += kHex[md[i] & 15];
  }
  return hex;
}

}  // namespace cleannet::report
