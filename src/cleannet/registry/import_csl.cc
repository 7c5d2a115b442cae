// The Consolidated Screening List reader of registry/import.h.
#include <algorithm>
#include <map>

#include "cleannet/core/csv.h"
#include "cleannet/core/text.h"
#include "cleannet/registry/import.h"

namespace cleannet::registry {

namespace {

bool is_url(std::string_view s) { return s.starts_with("https://") || s.starts_with("http://"); }

// The markers with which the CSL packs a listed affiliate or institute into its parent's
// name (ITA's csl-importers; OpenSanctions' us_trade_csl.yml lists 111 such names).
constexpr std::string_view kMarkers[] = {"Affiliated Entity:", "Subordinate Institution:"};

// "Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity:  Huawei Marine Networks Co.,
// Ltd." -> ("Huawei Marine Networks Co., Ltd.", "Huawei Technologies Co., Ltd.").
std::pair<std::string, std::string> split_affiliate(std::string_view name) {
  for (std::string_view marker : kMarkers) {
    size_t at = core::ifind(name, marker);
    if (at == std::string_view::npos) continue;
    std::string_view child = core::trim(name.substr(at + marker.size()));
    std::string_view parent = core::trim(name.substr(0, at));
    while (!parent.empty() && (parent.back() == '.' || parent.back() == ' ')) parent.remove_suffix(1);
    // "(Huawei)": the list's short name for the parent, not part of it.
    if (!parent.empty() && parent.back() == ')') {
      size_t open = parent.rfind('(');
      if (open != std::string_view::npos) parent = core::trim(parent.substr(0, open));
    }
    if (!child.empty()) return {std::string(child), std::string(parent)};
  }
  return {std::string(core::trim(name)), {}};
}

}  // namespace

core::Result<CslRead> read_import_csl_csv(core::Input in) {
  core::CsvReader csv(std::move(in));
  std::map<std::string, size_t> columns;
  CslRead out;
  bool header = true;
  while (true) {
    auto rec = csv.next();
    if (!rec) return rec.error();
    if (!*rec) break;
    const auto& f = **rec;
    core::SourcePos pos(csv.name(), static_cast<uint32_t>(csv.record_line()));
    if (std::all_of(f.begin(), f.end(), [](std::string_view x) { return core::trim(x).empty(); })) continue;
    if (header) {
      for (size_t i = 0; i < f.size(); ++i) columns.emplace(core::to_lower(core::trim(f[i])), i);
      for (const char* required : {"source", "name", "type", "start_date", "end_date", "alt_names", "source_list_url"})
        if (!columns.count(required))
          return core::Error(
              pos, std::string("a Consolidated Screening List header with a column \"") + required + "\"", "none");
      header = false;
      continue;
    }
    if (f.size() != columns.size())
      return core::Error(pos, std::to_string(columns.size()) + " fields as in the header", std::to_string(f.size()));
    auto get = [&](const char* c) -> std::string_view {
      auto it = columns.find(c);
      return it == columns.end() ? std::string_view() : core::trim(f[it->second]);
    };
    auto error = [&](const char* c, std::string expected, std::string_view found) {
      return core::Error(pos, std::move(expected) + " in column " + c, core::quote_found(found));
    };
    std::string_view type = get("type");
    if (core::iequals(type, "Individual") || core::iequals(type, "Vessel") || core::iequals(type, "Aircraft")) {
      ++out.skipped;
      continue;
    }
    ImportRow row;
    row.pos = pos;
    std::string_view printed = get("name");
    std::tie(row.name, row.parent_name) = split_affiliate(printed);
    if (row.name.empty()) return error("name", "the listed party's name", printed);
    row.quote = std::string(printed);
    for (std::string_view a : core::split(get("alt_names"), ';'))
      if (!core::trim(a).empty()) row.aliases.emplace_back(core::trim(a));
    for (const char* c : {"start_date", "end_date"}) {
      std::string_view v = get(c);
      if (v.empty()) continue;
      auto d = core::Date::parse(v);
      if (!d) return error(c, "a date YYYY-MM-DD", v);
      (c[0] == 's' ? row.date : row.until) = *d;
    }
    if (row.date && row.until && !(*row.date < *row.until))
      return error("end_date", "an end after the start_date " + row.date->to_string(), row.until->to_string());
    std::string_view info = get("source_information_url"), list_url = get("source_list_url");
    if (is_url(info))
      row.source_url = std::string(info);
    else if (is_url(list_url))
      row.source_url = std::string(list_url);
    else
      return error("source_list_url", "an http(s) URL (or one in source_information_url)", list_url);
    std::string_view source = get("source");
    if (source.empty()) return error("source", "the list the party is on", source);
    row.list.name = std::string(source);
    if (size_t dash = source.rfind(" - "); dash != std::string_view::npos)
      row.list.issuer = std::string(core::trim(source.substr(dash + 3)));
    if (is_url(list_url)) row.list.url = std::string(list_url);
    row.list.description = "A list of the US Consolidated Screening List (trade.gov).";
    std::string note = "Consolidated Screening List";
    if (auto id = get("_id"); !id.empty()) note += " id " + std::string(id);
    if (auto fr = get("federal_register_notice"); !fr.empty()) note += "; Federal Register " + std::string(fr);
    if (auto programs = get("programs"); !programs.empty()) note += "; programs " + std::string(programs);
    row.note = note + ".";
    out.rows.push_back(std::move(row));
  }
  if (header)
    return core::Error(core::SourcePos(csv.name(), 1), "a Consolidated Screening List header", "an empty file");
  return out;
}

}  // namespace cleannet::registry
