// Fuzzes the Terraform state (.tfstate v4) and `terraform show -json` readers, and the JSON
// configuration reader (.tf.json) with the module reader over it: assets or a positioned
// error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/cloud/terraform.h"
#include "cleannet/core/input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;  // fuzz_input's business
  auto in = core::Input::from_memory("fuzz.tfstate", bytes);
  if (!in) return 0;
  if (auto config = cloud::parse_terraform_json_config("fuzz.tf.json", bytes)) {
    for (const cloud::Asset& a : cloud::terraform_assets({*config}, {}, {}))
      if (a.pos.line == 0 || a.name.empty()) __builtin_trap();
  } else if (config.error().pos().file != "fuzz.tf.json") {
    __builtin_trap();  // every error names the file
  }
  auto assets = cloud::read_terraform_json(*in, {});
  if (!assets) {
    (void)assets.error().message();
    return 0;
  }
  for (const cloud::Asset& a : *assets) {
    if (a.name.empty() || a.kind.empty()) __builtin_trap();
    (void)cloud::describe(a);
  }
  return 0;
}
