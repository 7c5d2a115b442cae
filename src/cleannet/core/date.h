// Date: a calendar day as days since 1970-01-01, for designation dates and --as-of.
//
//   auto d = Date::parse("2021-10-26");  d->to_string() == "2021-10-26";  Date::today()
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cleannet::core {

class Date {
 public:
  constexpr Date() = default;
  // Checks the calendar: 2021-02-29 is rejected, 2020-02-29 accepted.
  static std::optional<Date> from_ymd(int y, int m, int d);
  // Exactly YYYY-MM-DD.
  static std::optional<Date> parse(std::string_view s);
  static Date today();

  int32_t days() const { return days_; }
  std::string to_string() const;
  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  explicit constexpr Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

}  // namespace cleannet::core
