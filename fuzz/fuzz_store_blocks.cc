// Fuzzes the reader of the audit store's finding blocks (store/detail/blocks.h), as run()
// meets a damaged block: the input is the stored size (4 bytes, little-endian), the stored
// count (2 bytes) and the block's bytes. Whatever it holds, unpack gives an error or
// documents whose lengths add up to the size; and documents packed from the input come back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/store/detail/blocks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cleannet::store::detail;
  if (size < 6) return 0;
  const uint64_t stored_size = data[0] | data[1] << 8 | data[2] << 16 | static_cast<uint64_t>(data[3]) << 24;
  const uint64_t count = data[4] | data[5] << 8;
  std::string_view block(reinterpret_cast<const char*>(data) + 6, size - 6);
  std::vector<std::string> out;
  int64_t digest = 0;
  std::string why = unpack(block, stored_size, count, out, digest);
  if (why.empty()) {
    uint64_t bytes = 0;
    for (const std::string& d : out) bytes += d.size();
    if (out.size() != count || bytes > stored_size) __builtin_trap();
  }
  // The input's lines as documents: packed and unpacked, the same.
  std::vector<std::string> docs;
  size_t start = 0;
  for (size_t i = 0; i <= block.size(); ++i) {
    if (i == block.size() || block[i] == '\n') {
      docs.emplace_back(block.substr(start, i - start));
      start = i + 1;
    }
  }
  std::vector<Block> blocks = pack(docs.size(), [&](size_t i, std::string& o) { o += docs[i]; });
  std::vector<std::string> back;
  for (const Block& b : blocks) {
    if (!unpack(b.data, b.size, b.count, back, digest).empty() || digest != b.digest) __builtin_trap();
  }
  if (back != docs) __builtin_trap();
  return 0;
}
