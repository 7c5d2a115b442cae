// The documents of a run's findings, stored compressed in blocks (table finding_blocks):
// each block holds the documents of kBlockFindings consecutive findings (the last block
// fewer), each as its length (LEB128) and its bytes, the whole compressed as one zstd frame
// (level 1, with zstd's content checksum).
//
// Why blocks: a finding's document repeats most of its neighbours' (the same organisation's
// designations, the same rule text), which compresses about twentyfold across a block and not
// at all one document at a time; a run of 100,000+ findings is then written and read as a few
// tens of megabytes instead of half a gigabyte. Blocks are made in parallel, each document
// written straight into its block's buffer (the documents of a run are never all in memory
// at once), and each block's digest is taken there too.
//
//   std::vector<detail::Block> blocks = detail::pack(docs.size(), [&](size_t i, std::string& out) { out += docs[i]; });
//   std::vector<std::string> back;
//   for (const Block& b : blocks)
//     if (std::string why = detail::unpack(b.data, b.size, b.count, back, &digest); !why.empty()) ...;
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace cleannet::store::detail {

// Findings a block holds: about 1 MiB of an audit's documents (1 to 5 KB each).
inline constexpr size_t kBlockFindings = 256;
// A block claiming more is damage, refused before any allocation.
inline constexpr uint64_t kMaxBlockBytes = uint64_t{1} << 31;

struct Block {
  uint64_t count = 0;   // documents
  uint64_t size = 0;    // uncompressed bytes
  int64_t digest = 0;   // detail::Digest of the uncompressed bytes
  std::string data;     // one zstd frame
};

// Appends document i to `out`; called from several threads at once.
using DocumentWriter = std::function<void(size_t i, std::string& out)>;

// The documents 0 .. n - 1, in blocks, in order.
std::vector<Block> pack(size_t n, const DocumentWriter& write);

// Appends the block's `count` documents to `out`, sets `digest` (as Block::digest) and
// returns ""; or returns what is wrong (a frame that is not zstd or fails its checksum, a size
// or count other than the stored ones), `out` then holding part of the block.
std::string unpack(std::string_view data, uint64_t size, uint64_t count, std::vector<std::string>& out,
                   int64_t& digest);

}  // namespace cleannet::store::detail
