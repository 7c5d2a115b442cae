// Fuzzes the asset inventory readers (CSV and JSON, chosen by content as the CLI does), the
// provider ranges reader and the data-class table reader: an accepted inventory has names
// and only valid endpoints; an accepted table finds each of its rows by type.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/cloud/attribution.h"
#include "cleannet/cloud/inventory.h"
#include "cleannet/cloud/resource_kinds.h"
#include "cleannet/core/input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (core::detect_compression(bytes) != core::Compression::kNone) return 0;
  auto in = core::Input::from_memory("fuzz.csv", bytes);
  if (!in) return 0;
  auto assets = cloud::read_inventory(std::move(*in));
  if (assets) {
    for (const cloud::Asset& a : *assets) {
      if (a.name.empty()) __builtin_trap();
      for (const std::string& e : a.endpoints)
        if (!cloud::is_valid_endpoint(e)) __builtin_trap();
    }
  } else {
    (void)assets.error().message();
  }
  auto ranges = core::Input::from_memory("fuzz.tsv", bytes);
  if (!ranges) return 0;
  auto cat = cloud::ProviderCatalog::with_ranges(std::move(*ranges));
  if (cat)
    for (const cloud::RangeEntry& r : cat->ranges())
      if (cat->range_for(r.prefix) != &r) __builtin_trap();  // every listed prefix finds itself
  auto table = core::Input::from_memory("fuzz-kinds.tsv", bytes);
  if (!table) return 0;
  cloud::ResourceKinds kinds;
  if (auto st = kinds.add(std::move(*table), {"alicloud", "aliyun"}); st) {
    for (const cloud::ResourceKind& k : kinds.kinds())
      if (kinds.find(k.type) != &k || k.type.rfind("alicloud_", 0) != 0 || k.summary.empty()) __builtin_trap();
  } else {
    (void)st.error().message();
  }
  return 0;
}
