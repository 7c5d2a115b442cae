// SHA-256 against the test vectors of FIPS 180-2 appendix B, one-shot and in pieces, from
// several threads at once (each reuses its own context).
#include "cleannet/core/sha256.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace cleannet::core {
namespace {

constexpr const char* kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";  // B.1
constexpr const char* kTwoBlocks = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";  // B.2
constexpr const char* kMillionA = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";  // B.3
const std::string kTwoBlocksText = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

TEST(Sha256, FipsVectors) {
  EXPECT_EQ(sha256_hex("abc"), kAbc);
  EXPECT_EQ(sha256_hex(kTwoBlocksText), kTwoBlocks);
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), kMillionA);
  EXPECT_EQ(sha256_hex("abc", 32), std::string(kAbc).substr(0, 32));
  EXPECT_EQ(sha256_hex("abc", 7), std::string(kAbc).substr(0, 7));
  EXPECT_EQ(sha256_hex("abc", 100), kAbc);
  Sha256 h;
  for (size_t i = 0; i < kTwoBlocksText.size(); i += 5) h.add(std::string_view(kTwoBlocksText).substr(i, 5));
  EXPECT_EQ(h.hex(), kTwoBlocks);
}

TEST(Sha256, ThreadsEachWithTheirOwnContext) {
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&ok, t] {
      for (int i = 0; i < 500; ++i) ok[t] += sha256_hex(i % 2 ? "abc" : kTwoBlocksText) == (i % 2 ? kAbc : kTwoBlocks);
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok, std::vector<int>(4, 500));
}

}  // namespace
}  // namespace cleannet::core
