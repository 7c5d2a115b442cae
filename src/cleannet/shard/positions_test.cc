#include <gtest/gtest.h>

#include "cleannet/shard/partial.h"
#include "cleannet/shard/shard.h"

namespace cleannet::shard {
namespace {

TEST(Shard, ParsesPositionLists) {
  auto p = parse_positions("4,1,7", 8);
  ASSERT_TRUE(p) << p.error().message();
  EXPECT_EQ(*p, (std::vector<size_t>{0, 3, 6}));
  for (const char* bad : {"", "0", "9", "1,,2", "1,", "a", "1;2", "-1"}) {
    auto r = parse_positions(bad, 8);
    ASSERT_FALSE(r) << bad;
    EXPECT_TRUE(r.error().message().starts_with(
        "--shard-files: expected 1-based positions of the 8 inputs, such as 1,4,7, found "))
        << r.error().message();
  }
  auto twice = parse_positions("2,2", 8);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().message(),
            "--shard-files: expected 1-based positions of the 8 inputs, such as 1,4,7, each once, found \"2,2\"");
}

TEST(Partial, ErrorsRoundTrip) {
  for (const core::Error& e : {core::Error(core::SourcePos("a.json", 3, 7), "a traceroute", "\"x\""),
                               core::Error(core::SourcePos::at_offset("rib.bz2", 1234), "a record", ""),
                               core::Error(core::SourcePos("b"), "something")}) {
    core::Error back;
    ASSERT_TRUE(error_from_json("p", report::Json::parse(error_to_json(e).dump()), back));
    EXPECT_EQ(back.message(), e.message());
    EXPECT_EQ(error_to_json(back), error_to_json(e));
  }
  core::Error out;
  auto st = error_from_json("p.partial", report::Json{{"file", "a"}}, out);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().message(),
            "p.partial: expected an error as {file, line, column, [offset], expected, found}, found {\"file\":\"a\"}");
}

}  // namespace
}  // namespace cleannet::shard
