// The Consolidated Screening List reader of registry/import.h.
#include <algorithm>
#include <functional>
#include <map>

#include "cleannet/core/csv.h"
#include "cleannet/core/json.h"
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

// One CSL record as a row: nullopt when it names no organisation (an individual, a vessel,
// an aircraft). `get` gives a field's text (lists joined with "; "); errors name the record's
// place and the field ("in column start_date" for CSV, "in field start_date" for JSON).
core::Result<std::optional<ImportRow>> csl_row(const std::function<std::string(const char*)>& get,
                                               const core::SourcePos& pos, const char* field_word) {
  auto error = [&](const char* c, std::string expected, std::string_view found) {
    return core::Error(pos, std::move(expected) + " in " + field_word + " " + c, core::quote_found(found));
  };
  const std::string type = get("type");
  if (core::iequals(type, "Individual") || core::iequals(type, "Vessel") || core::iequals(type, "Aircraft"))
    return std::optional<ImportRow>();
  ImportRow row;
  row.pos = pos;
  const std::string printed(core::trim(get("name")));
  std::tie(row.name, row.parent_name) = split_affiliate(printed);
  if (row.name.empty()) return error("name", "the listed party's name", printed);
  row.quote = printed;
  const std::string alt_names = get("alt_names");
  for (std::string_view a : core::split(alt_names, ';'))
    if (!core::trim(a).empty()) row.aliases.emplace_back(core::trim(a));
  for (const char* c : {"start_date", "end_date"}) {
    const std::string v(core::trim(get(c)));
    if (v.empty()) continue;
    auto d = core::Date::parse(v);
    if (!d) return error(c, "a date YYYY-MM-DD", v);
    (c[0] == 's' ? row.date : row.until) = *d;
  }
  if (row.date && row.until && !(*row.date < *row.until))
    return error("end_date", "an end after the start_date " + row.date->to_string(), row.until->to_string());
  const std::string info(core::trim(get("source_information_url"))), list_url(core::trim(get("source_list_url")));
  if (is_url(info))
    row.source_url = info;
  else if (is_url(list_url))
    row.source_url = list_url;
  else
    return error("source_list_url", "an http(s) URL (or one in source_information_url)", list_url);
  const std::string source(core::trim(get("source")));
  if (source.empty()) return error("source", "the list the party is on", source);
  row.list.name = source;
  if (size_t dash = source.rfind(" - "); dash != std::string::npos)
    row.list.issuer = std::string(core::trim(std::string_view(source).substr(dash + 3)));
  if (is_url(list_url)) row.list.url = list_url;
  row.list.description = "A list of the US Consolidated Screening List (trade.gov).";
  std::string note = "Consolidated Screening List";
  if (auto id = get("_id"); !id.empty()) note += " id " + id;
  if (auto fr = get("federal_register_notice"); !fr.empty()) note += "; Federal Register " + fr;
  if (auto programs = get("programs"); !programs.empty()) note += "; programs " + programs;
  row.note = note + ".";
  return std::optional<ImportRow>(std::move(row));
}

core::Result<CslRead> read_csv(core::Input in) {
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
      for (size_t i = 0; i < f.size(); ++i)
        if (!columns.emplace(core::to_lower(core::trim(f[i])), i).second)
          return core::Error(pos, "each column once", core::quote_found(core::trim(f[i])) + " twice");
      for (const char* required : {"source", "name", "type", "start_date", "end_date", "alt_names", "source_list_url"})
        if (!columns.count(required))
          return core::Error(
              pos, std::string("a Consolidated Screening List header with a column \"") + required + "\"", "none");
      header = false;
      continue;
    }
    if (f.size() != columns.size())
      return core::Error(pos, std::to_string(columns.size()) + " fields as in the header", std::to_string(f.size()));
    auto row = csl_row(
        [&](const char* c) {
          auto it = columns.find(c);
          return it == columns.end() ? std::string() : std::string(core::trim(f[it->second]));
        },
        pos, "column");
    if (!row) return row.error();
    if (*row)
      out.rows.push_back(std::move(**row));
    else
      ++out.skipped;
  }
  if (header)
    return core::Error(core::SourcePos(csv.name(), 1), "a Consolidated Screening List header", "an empty file");
  return out;
}

// The JSON of the CSL API and bulk file: {"results": [record, ...], "sources_used": ..., "total": N}.
core::Result<CslRead> read_json(const std::string& name, std::string_view text) {
  auto doc = core::json::parse(name, text);
  if (!doc) return doc.error();
  const core::json::Value* results = doc->is_object() ? doc->find("results") : nullptr;
  if (!results || !results->is_array())
    return core::Error(core::SourcePos(name, doc->line, doc->column),
                       "a Consolidated Screening List object with a \"results\" array", core::json::describe(*doc));
  CslRead out;
  for (const core::json::Value& r : results->items) {
    core::SourcePos pos(name, r.line, r.column);
    if (!r.is_object()) return core::Error(pos, "a record object in \"results\"", core::json::describe(r));
    auto row = csl_row(
        [&](const char* c) {
          const core::json::Value* v = r.find(std::string_view(c) == "_id" ? "id" : c);
          if (!v) return std::string();
          if (v->is_string()) return v->text;
          std::vector<std::string> parts;  // a list of strings (alt_names, programs)
          if (v->is_array())
            for (const auto& x : v->items)
              if (x.is_string()) parts.push_back(x.text);
          return core::join(parts, "; ");
        },
        pos, "field");
    if (!row) return row.error();
    if (*row)
      out.rows.push_back(std::move(**row));
    else
      ++out.skipped;
  }
  return out;
}

}  // namespace

core::Result<CslRead> read_import_csl(core::Input in) {
  // JSON when the first non-blank byte is '{' (the API's and bulk file's object, read whole
  // and bounded like every JSON input); otherwise CSV, streamed record by record.
  auto first = in.peek_nonspace();
  if (!first) return first.error();
  if (*first == '{') {
    auto text = in.read_all(core::json::kMaxBytes);
    if (!text) return text.error();
    return read_json(in.name(), *text);
  }
  return read_csv(std::move(in));
}

}  // namespace cleannet::registry
