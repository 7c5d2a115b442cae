#include "cleannet/core/text.h"

#include <gtest/gtest.h>

#include "cleannet/core/date.h"

namespace cleannet::core {
namespace {

TEST(FoldAsciiLower, AccentsAndLigatures) {
  EXPECT_EQ(fold_ascii_lower("Telefónica"), "telefonica");
  EXPECT_EQ(fold_ascii_lower("Telefônica Brasil S.A."), "telefonica brasil s.a.");
  EXPECT_EQ(fold_ascii_lower("STRAßE Ærø Łódź"), "strasse aero lodz");
  EXPECT_EQ(fold_ascii_lower("Škoda Œuvre"), "skoda oeuvre");
  // Outside the table: kept as is, and invalid UTF-8 never throws.
  EXPECT_EQ(fold_ascii_lower("华为"), "华为");
  EXPECT_EQ(fold_ascii_lower(std::string_view("\xc3", 1)), std::string("\xc3", 1));
  EXPECT_EQ(fold_ascii_lower("×÷"), "×÷");
}

TEST(Text, TrimSplitIequals) {
  EXPECT_EQ(trim("  a b \r\n"), "a b");
  EXPECT_EQ(trim(""), "");
  auto parts = split("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_TRUE(iequals("HuaWei", "huawei"));
  EXPECT_FALSE(iequals("Huawei", "Huawe"));
}

TEST(Date, ParseValidatesTheCalendar) {
  EXPECT_EQ(Date::parse("2021-10-26")->to_string(), "2021-10-26");
  EXPECT_TRUE(Date::parse("2020-02-29"));
  EXPECT_FALSE(Date::parse("2021-02-29"));
  EXPECT_FALSE(Date::parse("2021-13-01"));
  EXPECT_FALSE(Date::parse("2021-1-01"));
  EXPECT_FALSE(Date::parse("20211001"));
  EXPECT_LT(*Date::parse("2019-05-16"), *Date::parse("2021-03-12"));
  EXPECT_EQ(Date::parse("1970-01-02")->days(), 1);
}

}  // namespace
}  // namespace cleannet::core
