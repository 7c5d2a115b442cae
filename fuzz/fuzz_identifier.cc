// Fuzzes parse_identifier and, for what parses, the resolver over the bundled registry
// with a small IEEE table (so MAC lookups reach the IEEE registrant-name path), and
// attribute_mac with the input as a scan's vendor name (an RA parent without its block, a
// locally administered assignment and an unassigned prefix are in the table's reach).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cleannet/core/input.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/trust/ieee_oui.h"
#include "cleannet/trust/mac_attribution.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"

namespace {

using namespace cleannet;

constexpr std::string_view kIeeeCsv =
    "Registry,Assignment,Organization Name,Organization Address\n"
    "MA-L,001882,\"HUAWEI TECHNOLOGIES CO.,LTD\",\"Shenzhen CN\"\n"
    "MA-L,0019C6,zte corporation,\"Shenzhen CN\"\n"
    "MA-L,70B3D5,IEEE Registration Authority,\"Piscataway US\"\n"
    "MA-L,AA0004,DIGITAL EQUIPMENT CORPORATION,\"Littleton US\"\n"
    "MA-M,C4A10E5,Hangzhou Hikvision Digital Technology Co.,Ltd.,\"Hangzhou CN\"\n"
    "MA-S,70B3D5F2F,Example Widgets,\"Nowhere\"\n";

[[noreturn]] void die(const core::Error& e) {
  std::fprintf(stderr, "fuzz_identifier setup: %s\n", e.message().c_str());
  std::abort();
}

const trust::Resolver& resolver() {
  static const trust::Resolver* r = [] {
    auto* reg = new trust::Registry;
    auto loaded = trust::load_registry({});
    if (!loaded) die(loaded.error());
    *reg = std::move(*loaded);
    auto* ieee = new trust::IeeeOuiRegistry;
    auto in = core::Input::from_memory("ieee.csv", kIeeeCsv);
    if (!in) die(in.error());
    if (auto st = ieee->add_csv(std::move(*in)); !st) die(st.error());
    return new trust::Resolver(*reg, ieee);
  }();
  return *r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const trust::Resolver& r = resolver();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto id = trust::parse_identifier(text);
  if (!id) {
    (void)id.error().message();
    return 0;
  }
  if (auto m = r.resolve(*id)) {
    if (!m->org || m->org.value() >= r.registry().organisations().size()) __builtin_trap();
    (void)r.registry().org(m->org).id;
  }
  (void)r.resolve_name(text);
  if (id->kind == trust::IdentifierKind::kMac && id->mac.bits == 48) {
    for (bool local : {false, true}) {
      auto a = trust::attribute_mac(r, id->mac, local, {std::string(text)});
      if (a.match && a.match->org.value() >= r.registry().organisations().size()) __builtin_trap();
      if (a.ieee && a.ra_parent) __builtin_trap();  // an RA parent is never the assignment
    }
  }
  return 0;
}
