// Fuzzes the registry loader: the bytes as one TOML layer on their own and over a small
// base layer (so overrides and cross-layer conflicts are reached), then through
// core::Input so that compressed registries go through the decompressors first.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cleannet/core/input.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"

namespace {

using cleannet::trust::RegistryBuilder;

// A small first layer, parsed once, that each input is layered over: it gives the input
// organisations to override, lists and criteria to refer to, parents to name and
// identifiers to collide with. (The whole bundled registry would do the same, slowly:
// finish() re-sorts every claim on each run, and a fuzzer wants many runs a second.)
constexpr std::string_view kBaseLayer = R"(schema = 1
[[list]]
name = "FCC Covered List"
url = "https://www.fcc.gov/supplychain/coveredlist"
[[criterion]]
id = "PRAGUE-4"
framework = "Prague Proposals"
text = "The overall risk that a third country can influence the supplier has been assessed."
basis = "read"
decisive = true
[[organisation]]
id = "prc-state"
name = "People's Republic of China"
country = "CN"
kinds = ["state"]
[[organisation]]
id = "huawei"
name = "Huawei Technologies Co., Ltd."
aliases = ["Huawei"]
country = "CN"
kinds = ["vendor", "device-maker"]
parent = "prc-state"
[organisation.identifiers]
asns = [136907, 55990]
prefixes = ["203.0.113.0/24", "2001:db8::/32"]
ouis = ["00:18:82", "70:B3:D5:F2:F"]
domains = ["huaweicloud.com"]
android_packages = ["com.huawei.appmarket"]
sdk_prefixes = ["com.huawei.hms"]
cert_sha256 = ["ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"]
[[organisation.designation]]
list = "FCC Covered List"
status = "untrusted"
date = 2021-03-12
source_url = "https://www.fcc.gov/supplychain/coveredlist"
[[organisation.assessment]]
criterion = "PRAGUE-4"
result = "not-met"
)";

const RegistryBuilder& base_layer() {
  static const RegistryBuilder* base = [] {
    auto* b = new RegistryBuilder;
    auto errs = b->add_layer("base.toml", kBaseLayer);
    if (!errs.empty()) {
      std::fprintf(stderr, "fuzz_registry_loader setup: %s\n", errs.front().message().c_str());
      std::abort();
    }
    return b;
  }();
  return *base;
}

void load(const RegistryBuilder& start, std::string_view text) {
  RegistryBuilder b = start;
  auto errs = b.add_layer("fuzz.toml", text);
  auto fin = b.finish();
  size_t n = 0;
  for (const auto& e : errs) n += e.message().size();
  for (const auto& e : fin) n += e.message().size();
  cleannet::trust::Registry reg = b.take();
  // Everything finish() linked must point inside the registry.
  for (const auto& o : reg.organisations())
    if (o.parent_id && o.parent_id.value() >= reg.organisations().size()) __builtin_trap();
  (void)n;
  if (!errs.empty() || !fin.empty()) return;
  // An accepted registry must be usable: index it and look a few things up.
  cleannet::trust::Resolver r(reg);
  for (const char* q : {"AS136907", "203.0.113.7", "00:18:82:12:34:56", "x.huaweicloud.com", "com.huawei.hms.Foo", "Huawei"}) {
    auto id = cleannet::trust::parse_identifier(q);
    if (!id) __builtin_trap();
    if (auto m = r.resolve(*id); m && m->org.value() >= reg.organisations().size()) __builtin_trap();
  }
  for (const auto& o : reg.organisations()) (void)r.resolve_name(o.name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  load(RegistryBuilder{}, bytes);
  load(base_layer(), bytes);
  // Compressed bytes go through the decompressors first (plain text was loaded above).
  if (cleannet::core::detect_compression(bytes) == cleannet::core::Compression::kNone) return 0;
  auto in = cleannet::core::Input::from_memory("fuzz.toml", bytes);
  if (!in) return 0;
  auto text = in->read_all(1u << 20);
  if (text) load(RegistryBuilder{}, *text);
  else (void)text.error().message();
  return 0;
}
