#include "cleannet/store/detail/blocks.h"

#include <tbb/parallel_for.h>
#include <zstd.h>

#include <algorithm>
#include <memory>
#include <new>

#include "cleannet/store/detail/digest.h"

namespace cleannet::store::detail {
namespace {

// zstd's fastest level: the blocks are repetitive enough that higher levels gain little.
constexpr int kLevel = 1;

struct FreeCctx {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct FreeDctx {
  void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

void put_length(std::string& out, uint64_t n) {
  while (n >= 0x80) {
    out += static_cast<char>(0x80 | (n & 0x7f));
    n >>= 7;
  }
  out += static_cast<char>(n);
}

// The length at `p` (advanced past it); false when it runs past `end` or over 64 bits.
bool get_length(const unsigned char*& p, const unsigned char* end, uint64_t& n) {
  n = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (p == end) return false;
    const unsigned char b = *p++;
    n |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return shift < 63 || b <= 1;
  }
  return false;
}

}  // namespace

std::vector<Block> pack(size_t n, const DocumentWriter& write) {
  std::vector<Block> blocks((n + kBlockFindings - 1) / kBlockFindings);
  tbb::parallel_for(size_t{0}, blocks.size(), [&](size_t b) {
    const size_t first = b * kBlockFindings, end = std::min(n, first + kBlockFindings);
    std::string raw, doc;
    for (size_t i = first; i < end; ++i) {
      doc.clear();
      write(i, doc);
      put_length(raw, doc.size());
      raw += doc;
    }
    std::unique_ptr<ZSTD_CCtx, FreeCctx> cctx(ZSTD_createCCtx());
    if (!cctx) throw std::bad_alloc();
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, kLevel);
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
    Block& out = blocks[b];
    out.count = end - first;
    out.size = raw.size();
    Digest d;
    d.add(raw);
    out.digest = d.value();
    out.data.resize(ZSTD_compressBound(raw.size()));
    const size_t z = ZSTD_compress2(cctx.get(), out.data.data(), out.data.size(), raw.data(), raw.size());
    // With a buffer of ZSTD_compressBound bytes, compression fails only when memory does.
    if (ZSTD_isError(z)) throw std::bad_alloc();
    out.data.resize(z);
    out.data.shrink_to_fit();
  });
  return blocks;
}

std::string unpack(std::string_view data, uint64_t size, uint64_t count, std::vector<std::string>& out,
                   int64_t& digest) {
  const unsigned long long content = ZSTD_getFrameContentSize(data.data(), data.size());
  if (content == ZSTD_CONTENTSIZE_ERROR) return "a block that is not a zstd frame";
  if (content != size) {
    return "a block of " + std::to_string(size) + " bytes whose frame holds " +
           (content == ZSTD_CONTENTSIZE_UNKNOWN ? std::string("an unknown size") : std::to_string(content));
  }
  if (size > kMaxBlockBytes) return "a block of " + std::to_string(size) + " bytes (at most 2 GiB are written)";
  // Every document takes at least its one-byte length.
  if (count > size) return "a block of " + std::to_string(count) + " documents in " + std::to_string(size) + " bytes";
  std::string raw(size, '\0');
  std::unique_ptr<ZSTD_DCtx, FreeDctx> dctx(ZSTD_createDCtx());
  if (!dctx) throw std::bad_alloc();
  const size_t got = ZSTD_decompressDCtx(dctx.get(), raw.data(), raw.size(), data.data(), data.size());
  if (ZSTD_isError(got)) return std::string("a block zstd cannot decompress (") + ZSTD_getErrorName(got) + ")";
  if (got != size) return "a block of " + std::to_string(got) + " bytes, not " + std::to_string(size);
  Digest d;
  d.add(raw);
  digest = d.value();
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  const auto* end = p + raw.size();
  for (uint64_t k = 0; k < count; ++k) {
    uint64_t n;
    if (!get_length(p, end, n) || n > static_cast<uint64_t>(end - p))
      return "a block whose document " + std::to_string(k + 1) + " of " + std::to_string(count) + " runs past its end";
    out.emplace_back(reinterpret_cast<const char*>(p), n);
    p += n;
  }
  if (p != end) return "a block with " + std::to_string(end - p) + " bytes after its " + std::to_string(count) + " documents";
  return {};
}

}  // namespace cleannet::store::detail
