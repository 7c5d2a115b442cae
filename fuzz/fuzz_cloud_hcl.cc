// Fuzzes the HCL2 reader and the Terraform configuration reader over it: any bytes must
// give a tree or a positioned error; an accepted file's resources become assets whose
// positions lie inside the file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/cloud/hcl.h"
#include "cleannet/cloud/terraform.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto f = cloud::hcl::parse_hcl("fuzz.tf", bytes);
  if (!f) {
    const core::Error& e = f.error();
    if (e.pos().line == 0 || e.pos().column == 0) __builtin_trap();  // every error is positioned
    (void)e.message();
    return 0;
  }
  for (const auto& a : f->body.attributes) (void)cloud::hcl::to_string(a.value);
  uint32_t lines = 1;
  for (char c : bytes) lines += c == '\n';
  for (const cloud::Asset& a : cloud::terraform_assets({*f}, {}, {})) {
    if (a.pos.line == 0 || a.pos.line > lines) __builtin_trap();
    (void)cloud::describe(a);
  }
  return 0;
}
