#include "cleannet/cable/countries.h"

#include <algorithm>
#include <unordered_map>

#include "cleannet/core/text.h"

namespace cleannet::cable {

namespace {

struct CountryRow {
  const char* code;
  const char* name;
};
struct NameRow {
  const char* name;
  const char* code;
};

#include "cleannet/cable/country_table.inc"

struct Index {
  std::unordered_map<std::string, std::string> by_name;  // folded name -> code
  std::unordered_map<std::string, std::string> name_of;  // code -> name
  Index() {
    for (const auto& r : kIsoCountries) {
      by_name.emplace(core::fold_ascii_lower(r.name), r.code);
      name_of.emplace(r.code, r.name);
    }
    for (const auto& r : kIsoOtherNames) by_name.emplace(core::fold_ascii_lower(r.name), r.code);
    for (const auto& r : kTeleGeographyNames) by_name.emplace(core::fold_ascii_lower(r.name), r.code);
  }
};

const Index& index() {
  static const Index idx;
  return idx;
}

}  // namespace

std::optional<std::string> country_code(std::string_view name_or_code) {
  std::string_view t = core::trim(name_or_code);
  const Index& idx = index();
  if (auto code = core::alpha2_upper(t); code && idx.name_of.count(*code)) return code;
  auto it = idx.by_name.find(core::fold_ascii_lower(t));
  if (it == idx.by_name.end()) return std::nullopt;
  return it->second;
}

std::string country_name(std::string_view code) {
  auto it = index().name_of.find(std::string(code));
  return it == index().name_of.end() ? std::string() : it->second;
}

const std::vector<std::string>& eu_members() {
  static const std::vector<std::string> kEu = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
                                               "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
                                               "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
  return kEu;
}

core::Result<std::vector<std::string>> expand_country_set(std::string_view list, const std::string& what) {
  std::vector<std::string> out;
  std::string_view rest = list;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view item = core::trim(rest.substr(0, comma));
    if (core::fold_ascii_lower(item) == "eu") {
      for (const auto& c : eu_members()) out.push_back(c);
    } else if (auto code = country_code(item)) {
      out.push_back(*code);
    } else {
      return core::Error(core::SourcePos(what), "an ISO 3166-1 alpha-2 code, a country name or EU",
                         item.empty() ? std::string("an empty item") : core::quote_found(item));
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace cleannet::cable
