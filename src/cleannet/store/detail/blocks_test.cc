// The finding blocks: documents come back exactly, in order, whatever their sizes (random
// documents against themselves, the oracle being the input); every kind of damage to a
// block is an error, never a crash or a silently different document.
#include "cleannet/store/detail/blocks.h"

#include <gtest/gtest.h>

#include <random>

namespace cleannet::store::detail {
namespace {

std::vector<std::string> round_trip(const std::vector<std::string>& docs, std::vector<Block>* blocks_out = nullptr) {
  std::vector<Block> blocks = pack(docs.size(), [&](size_t i, std::string& out) { out += docs[i]; });
  std::vector<std::string> back;
  for (const Block& b : blocks) {
    int64_t digest = 0;
    std::string why = unpack(b.data, b.size, b.count, back, digest);
    EXPECT_EQ(why, "");
    EXPECT_EQ(digest, b.digest);
  }
  if (blocks_out) *blocks_out = std::move(blocks);
  return back;
}

TEST(FindingBlocks, RandomDocumentsComeBackInOrder) {
  std::mt19937_64 rng(20261207);
  for (int round = 0; round < 40; ++round) {
    std::vector<std::string> docs(rng() % 3000);
    for (std::string& d : docs) {
      // Empty, short, repetitive, random bytes (NULs and high bytes included), and now and
      // then one larger than a block.
      switch (rng() % 6) {
        case 0: break;
        case 1: d.assign(rng() % 300, static_cast<char>('a' + rng() % 26)); break;
        case 2:
          for (size_t k = rng() % 4000; k > 0; --k) d += static_cast<char>(rng());
          break;
        case 3:
          if (rng() % 50 == 0) d.assign((1u << 20) + rng() % 100000, 'x');
          break;
        default: d = R"({"evidence":"the same text, again and again)" + std::to_string(rng() % 7) + "\"}";
      }
    }
    std::vector<Block> blocks;
    EXPECT_EQ(round_trip(docs, &blocks), docs) << "round " << round;
    uint64_t count = 0;
    for (const Block& b : blocks) count += b.count;
    EXPECT_EQ(count, docs.size());
    if (docs.empty()) {
      EXPECT_TRUE(blocks.empty());
    }
  }
}

TEST(FindingBlocks, BlocksOfAFixedNumberOfFindingsCompress) {
  std::vector<std::string> docs(4 * kBlockFindings + 17, std::string(2000, 'e'));
  for (size_t i = 0; i < docs.size(); ++i) docs[i] += std::to_string(i);
  std::vector<Block> blocks;
  EXPECT_EQ(round_trip(docs, &blocks), docs);
  ASSERT_EQ(blocks.size(), 5u);
  for (size_t k = 0; k < blocks.size(); ++k) {
    EXPECT_EQ(blocks[k].count, k < 4 ? kBlockFindings : 17u);
    EXPECT_LT(blocks[k].data.size() * 10, blocks[k].size);
  }
}

TEST(FindingBlocks, DamageIsAnError) {
  std::vector<std::string> docs = {"first", "", "third document", std::string(5000, 'z')};
  std::vector<Block> blocks = pack(docs.size(), [&](size_t i, std::string& out) { out += docs[i]; });
  ASSERT_EQ(blocks.size(), 1u);
  int64_t digest = 0;
  const Block& b = blocks[0];
  std::vector<std::string> out;
  EXPECT_EQ(unpack(b.data, b.size + 1, b.count, out, digest),
            "a block of " + std::to_string(b.size + 1) + " bytes whose frame holds " + std::to_string(b.size));
  EXPECT_EQ(unpack(b.data, b.size, b.count + 1, out, digest), "a block whose document 5 of 5 runs past its end");
  out.clear();
  EXPECT_EQ(unpack(b.data, b.size, b.count - 1, out, digest), "a block with 5002 bytes after its 3 documents");
  EXPECT_EQ(unpack("not zstd at all", b.size, b.count, out, digest), "a block that is not a zstd frame");
  EXPECT_EQ(unpack(b.data, b.size, b.size + 1, out, digest),
            "a block of " + std::to_string(b.size + 1) + " documents in " + std::to_string(b.size) + " bytes");
  EXPECT_EQ(unpack(b.data.substr(0, b.data.size() / 2), b.size, b.count, out, digest).rfind("a block zstd cannot decompress", 0),
            0u);
  // Every single flipped byte of the frame: an error, or (a byte zstd does not read, such as
  // padding in its header) the same documents; never others.
  for (size_t at = 0; at < b.data.size(); ++at) {
    std::string bad = b.data;
    bad[at] = static_cast<char>(bad[at] ^ 0x20);
    out.clear();
    std::string why = unpack(bad, b.size, b.count, out, digest);
    if (why.empty()) {
      EXPECT_EQ(out, docs) << "byte " << at;
    }
  }
  // A claimed size beyond what is ever written is refused before anything is allocated.
  std::string huge = b.data;
  EXPECT_NE(unpack(huge, kMaxBlockBytes + 1, 1, out, digest), "");
}

}  // namespace
}  // namespace cleannet::store::detail
