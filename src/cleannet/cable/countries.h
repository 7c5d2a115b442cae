// Countries: ISO 3166-1 alpha-2 codes for the country names cable data uses, and the
// country groups `--to` accepts.
//
// The table (country_table.inc) is ISO 3166-1 as shipped by Debian 12's iso-codes 4.15.0
// (names, common and official names), plus the eleven spellings of the TeleGeography cable
// map that are no ISO name ("Russia", "Congo, Dem. Rep.", "Virgin Islands (U.K.)" ...).
// Matching folds ASCII case and trims blanks; a two-letter string is taken as a code
// when the table has it.
//
//   country_code("Congo, Dem. Rep.")  // "CD"
//   country_name("CD")                // "Congo, The Democratic Republic of the"
//   expand_country_set("US,EU")       // US and the 27 EU member states
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/result.h"

namespace cleannet::cable {

std::optional<std::string> country_code(std::string_view name_or_code);
// The ISO short name ("common_name" where iso-codes has one, e.g. "Taiwan"); "" when unknown.
std::string country_name(std::string_view code);

// The 27 member states of the European Union (since 2020-02-01; europa.eu, "EU countries"),
// as ISO codes (Greece is GR in ISO 3166-1, EL only in EU usage).
const std::vector<std::string>& eu_members();

// "US,EU,gb" -> sorted unique codes. Items are ISO codes, country names, or the group
// "EU"; `what` names the option in errors ("--to: expected an ISO 3166-1 alpha-2 code ...").
core::Result<std::vector<std::string>> expand_country_set(std::string_view list, const std::string& what);

}  // namespace cleannet::cable
