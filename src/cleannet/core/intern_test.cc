#include "cleannet/core/intern.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>

namespace cleannet::core {
namespace {

TEST(StringInterner, SameStringSameIdAgainstAMapOracle) {
  StringInterner in;
  std::unordered_map<std::string, uint32_t> oracle;
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    std::string s(rng() % 12, 'a');
    for (char& c : s) c = static_cast<char>('a' + rng() % 4);
    if (i % 997 == 0) s = std::string(70000, 'z');  // larger than one chunk
    StringId id = in.intern(s);
    auto [it, inserted] = oracle.emplace(s, id.value());
    EXPECT_EQ(it->second, id.value());
    EXPECT_EQ(in.view(id), s);
  }
  EXPECT_EQ(in.size(), oracle.size());
  for (auto& [s, id] : oracle) EXPECT_EQ(in.find(s)->value(), id);
  EXPECT_FALSE(in.find("never-seen"));
}

}  // namespace
}  // namespace cleannet::core
