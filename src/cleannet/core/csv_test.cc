#include "cleannet/core/csv.h"

#include <gtest/gtest.h>

#include "cleannet/core/tsv.h"

namespace cleannet::core {
namespace {

TEST(CsvReader, QuotedFieldsWithCommasQuotesAndLineBreaks) {
  auto in = Input::from_memory("t.csv", "a,b,c\nMA-L,001882,\"HUAWEI TECHNOLOGIES CO.,LTD\",\"x \"\"y\"\"\nz\"\n,,\n");
  ASSERT_TRUE(in.ok());
  CsvReader csv(std::move(*in));
  auto r1 = csv.next();
  ASSERT_EQ((*r1)->size(), 3u);
  auto r2 = csv.next();
  ASSERT_TRUE(r2.ok());
  ASSERT_EQ((*r2)->size(), 4u);
  EXPECT_EQ((**r2)[2], "HUAWEI TECHNOLOGIES CO.,LTD");
  EXPECT_EQ((**r2)[3], "x \"y\"\nz");
  EXPECT_EQ(csv.record_line(), 2u);
  auto r3 = csv.next();
  ASSERT_EQ((*r3)->size(), 3u);
  EXPECT_EQ(csv.record_line(), 4u);
  auto end = csv.next();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(end->has_value());
}

TEST(CsvReader, UnclosedQuoteNamesTheRecordLine) {
  auto in = Input::from_memory("bad.csv", "a,b\n\"open,x\n");
  ASSERT_TRUE(in.ok());
  CsvReader csv(std::move(*in));
  ASSERT_TRUE(csv.next().ok());
  auto r = csv.next();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "bad.csv:2: expected a closing quote, found end of file");
}

// Comments and blank lines are skipped, CRLF is accepted, empty fields count, and field
// columns are where each field begins (1-based, counted by hand below).
TEST(TsvLines, RowsCommentsAndFieldColumns) {
  auto in = Input::from_memory("t.tsv", "# comment\n\na\tbb\t\r\n#x\tno\nccc\td\te\n");
  ASSERT_TRUE(in.ok());
  TsvLines rows(*in, 3, "one, two, three");
  auto r1 = rows.next();
  ASSERT_TRUE(r1.ok() && *r1);
  EXPECT_EQ(**r1, (std::vector<std::string_view>{"a", "bb", ""}));
  EXPECT_EQ(rows.at(0).to_string(), "t.tsv:3:1");
  EXPECT_EQ(rows.at(2).to_string(), "t.tsv:3:6");
  auto r2 = rows.next();
  ASSERT_TRUE(r2.ok() && *r2);
  EXPECT_EQ(rows.at(1).to_string(), "t.tsv:5:5");
  auto end = rows.next();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
}

TEST(TsvLines, WrongFieldCountNamesTheLine) {
  auto in = Input::from_memory("t.tsv", "a\tb\tc\na\tb\n");
  ASSERT_TRUE(in.ok());
  TsvLines rows(*in, 3, "one, two, three");
  ASSERT_TRUE(rows.next().ok());
  auto bad = rows.next();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(), "t.tsv:2:1: expected 3 tab-separated fields (one, two, three), found 2 field(s)");
}

}  // namespace
}  // namespace cleannet::core
