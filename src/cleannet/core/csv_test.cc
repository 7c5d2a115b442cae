#include "cleannet/core/csv.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace cleannet::core
