#include "cleannet/core/text.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

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

TEST(Text, CaseHelpers) {
  EXPECT_EQ(to_lower("HuaWei-É"), "huawei-É");  // ASCII only: other bytes kept
  EXPECT_EQ(to_upper("huawei-é 5g"), "HUAWEI-é 5G");
  EXPECT_TRUE(istarts_with("NAME: \"x\"", "name:"));
  EXPECT_FALSE(istarts_with("NAM", "name"));
  EXPECT_TRUE(istarts_with("abc", ""));
  EXPECT_EQ(ifind("PID: x, DESCR: y", "descr:"), 8u);
  EXPECT_EQ(ifind("descr descr", "DESCR", 1), 6u);
  EXPECT_EQ(ifind("ab", "abc"), std::string_view::npos);
  EXPECT_EQ(ifind("abc", "x"), std::string_view::npos);
  EXPECT_EQ(ifind("abc", "", 3), 3u);
}

// Every string of up to two characters over letters, digits, space and a non-ASCII byte:
// accepted exactly when both are ASCII letters, and then upper-cased.
TEST(Text, Alpha2UpperAgreesWithItsDefinition) {
  const std::string alphabet = "aZqM0 -\xc3";
  std::vector<std::string> inputs = {""};
  for (char a : alphabet) {
    inputs.emplace_back(1, a);
    for (char b : alphabet) inputs.push_back(std::string{a, b});
  }
  for (const std::string& s : inputs) {
    bool letters = s.size() == 2 && std::isalpha(static_cast<unsigned char>(s[0])) &&
                   std::isalpha(static_cast<unsigned char>(s[1]));
    auto got = alpha2_upper(s);
    ASSERT_EQ(got.has_value(), letters) << s;
    if (letters) {
      std::string want{static_cast<char>(std::toupper(static_cast<unsigned char>(s[0]))),
                       static_cast<char>(std::toupper(static_cast<unsigned char>(s[1])))};
      EXPECT_EQ(*got, want);
    }
  }
  EXPECT_EQ(alpha2_upper("de"), "DE");
  EXPECT_EQ(alpha2_upper("deu"), std::nullopt);
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

TEST(Base64, RoundTripsRandomBytesAndRefusesNonCanonical) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");  // RFC 4648 §10
  EXPECT_EQ(base64_decode("Zm9vYg==").value(), "foob");
  uint64_t x = 88172645463325252ull;
  for (size_t n = 0; n < 300; ++n) {
    std::string bytes(n, '\0');
    for (char& c : bytes) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      c = static_cast<char>(x);
    }
    auto back = base64_decode(base64_encode(bytes));
    ASSERT_TRUE(back) << n;
    EXPECT_EQ(*back, bytes) << n;
  }
  for (const char* bad : {"Zg=", "Z===", "Zg=a", "Zm9v YmFy", "Zm9*", "=Zg="}) EXPECT_FALSE(base64_decode(bad)) << bad;
}

}  // namespace cleannet::core
