// Fuzzes the input layer: magic detection and the four decompressors under next_line()
// (with a small line limit so the long-line error is reached), CsvReader over the same
// bytes, and the IEEE CSV loader that is built on both.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cleannet/core/csv.h"
#include "cleannet/core/input.h"
#include "cleannet/trust/ieee_oui.h"

namespace {

using namespace cleannet;

// A few KiB of compressed input can expand to gigabytes; stop reading well before that.
constexpr size_t kMaxBytes = 1u << 20;

void lines(std::string_view bytes) {
  auto in = core::Input::from_memory("fuzz.txt", bytes);
  if (!in) return;
  in->set_max_line(4096);
  size_t total = 0;
  while (total < kMaxBytes) {
    auto line = in->next_line();
    if (!line) {
      (void)line.error().message();
      (void)in->pos(1).to_string();
      return;
    }
    if (!*line) return;
    total += (*line)->size() + 1;
  }
}

void csv(std::string_view bytes) {
  auto in = core::Input::from_memory("fuzz.csv", bytes);
  if (!in) return;
  core::CsvReader reader(std::move(*in));
  size_t total = 0;
  while (total < kMaxBytes) {
    auto rec = reader.next();
    if (!rec) {
      (void)rec.error().message();
      return;
    }
    if (!*rec) return;
    for (auto f : **rec) total += f.size() + 1;
    total += 1;
  }
}

void ieee(std::string_view bytes) {
  auto in = core::Input::from_memory("oui.csv", bytes);
  if (!in) return;
  trust::IeeeOuiRegistry reg;
  auto st = reg.add_csv(std::move(*in));
  if (!st) (void)st.error().message();
  for (const auto& a : reg.assignments())
    if (reg.lookup(a.oui) == nullptr) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  lines(bytes);
  csv(bytes);
  // The IEEE loader reads to the end by design; keep decompression bombs out of it.
  if (core::detect_compression(bytes) == core::Compression::kNone) ieee(bytes);
  return 0;
}
