#include "cleannet/cloud/inventory.h"

#include <algorithm>
#include <map>

#include "cleannet/core/csv.h"
#include "cleannet/core/ipaddr.h"
#include "cleannet/core/json.h"
#include "cleannet/core/text.h"

namespace cleannet::cloud {

namespace {

namespace json = core::json;

std::vector<std::string> split_endpoints(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ';' || c == ' ' || c == ',' || c == '\t') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

constexpr const char* kEndpointExpected = "an IP address or a hostname";

}  // namespace

bool is_valid_endpoint(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  bool looks_ip = s.find(':') != std::string_view::npos ||
                  std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
  if (looks_ip) {
    if (s.find('/') != std::string_view::npos) return false;
    return core::parse_prefix(s, true).has_value();
  }
  std::string_view rest = s;
  if (rest.back() == '.') rest.remove_suffix(1);  // a fully qualified name's root dot
  while (true) {
    size_t dot = rest.find('.');
    std::string_view label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
        return false;
    if (dot == std::string_view::npos) return true;
    rest.remove_prefix(dot + 1);
  }
}

core::Result<std::vector<Asset>> read_inventory_csv(core::Input in) {
  const std::string file = in.name();
  core::CsvReader csv(std::move(in));
  enum Col { kName, kKind, kProvider, kRegion, kEndpoint, kClasses, kIgnore };
  static const std::map<std::string, Col, std::less<>> kColumns = {
      {"name", kName},         {"kind", kKind},          {"provider", kProvider},    {"region", kRegion},
      {"endpoint", kEndpoint}, {"endpoints", kEndpoint}, {"hostname", kEndpoint},    {"host", kEndpoint},
      {"ip", kEndpoint},       {"address", kEndpoint},   {"data_classes", kClasses}, {"data_class", kClasses}};
  std::vector<Col> cols;
  std::vector<std::string> col_names;
  std::vector<Asset> out;
  for (;;) {
    auto rec = csv.next();
    if (!rec) return rec.error();
    if (!*rec) break;
    auto& fields = **rec;
    if (fields.size() == 1 && core::trim(fields[0]).empty()) continue;  // blank line
    if (!fields.empty() && !fields[0].empty() && fields[0][0] == '#') continue;
    const uint32_t line = static_cast<uint32_t>(csv.record_line());
    auto column_of = [&](size_t i) {  // exact for unquoted fields
      uint32_t c = 1;
      for (size_t k = 0; k < i; ++k) c += static_cast<uint32_t>(fields[k].size()) + 1;
      return c;
    };
    if (cols.empty()) {
      bool has_name = false;
      for (size_t i = 0; i < fields.size(); ++i) {
        std::string h = core::to_lower(core::trim(fields[i]));
        auto it = kColumns.find(h);
        if (it == kColumns.end())
          return core::Error(core::SourcePos(file, line, column_of(i)),
                             "a column name (name, kind, provider, region, endpoint, data_classes)",
                             core::quote_found(fields[i]));
        if (std::find(col_names.begin(), col_names.end(), h) != col_names.end())
          return core::Error(core::SourcePos(file, line, column_of(i)), "each column once",
                             core::quote_found(fields[i]));
        cols.push_back(it->second);
        col_names.push_back(h);
        has_name |= it->second == kName;
      }
      if (!has_name)
        return core::Error(core::SourcePos(file, line, 1), "a header row with a name column",
                           core::quote_found(fields[0]));
      continue;
    }
    if (fields.size() != cols.size())
      return core::Error(core::SourcePos(file, line, 1), std::to_string(cols.size()) + " fields as in the header",
                         std::to_string(fields.size()) + " fields");
    Asset a;
    a.source_format = "inventory-csv";
    a.pos = core::SourcePos(file, line, 1);
    for (size_t i = 0; i < fields.size(); ++i) {
      std::string v(core::trim(fields[i]));
      switch (cols[i]) {
        case kName:
          a.name = v;
          break;
        case kKind:
          a.kind = v;
          break;
        case kProvider:
          a.declared_provider = v;
          break;
        case kRegion:
          a.region = v;
          if (!v.empty()) a.region_note = "column region";
          break;
        case kEndpoint:
          for (std::string& e : split_endpoints(v)) {
            if (!is_valid_endpoint(e))
              return core::Error(core::SourcePos(file, line, column_of(i)),
                                 std::string(kEndpointExpected) + " in column " + col_names[i], core::quote_found(e));
            a.endpoints.push_back(std::move(e));
          }
          break;
        case kClasses:
          a.data_classes = split_data_classes(v);
          if (!a.data_classes.empty()) a.data_class_source = "column " + col_names[i];
          break;
        case kIgnore:
          break;
      }
    }
    if (a.name.empty())
      return core::Error(
          core::SourcePos(file, line,
                          column_of(static_cast<size_t>(std::find(cols.begin(), cols.end(), kName) - cols.begin()))),
          "an asset name", "an empty field");
    a.data_bearing = true;  // an inventory lists what holds or processes data
    out.push_back(std::move(a));
  }
  if (cols.empty()) return core::Error(core::SourcePos(file, 1, 1), "a header row with a name column", "an empty file");
  return out;
}

core::Result<std::vector<Asset>> read_inventory_json(core::Input& in) {
  auto doc = json::read(in);
  if (!doc) return doc.error();
  const std::string file = in.name();
  json::Problems problems;
  if (!doc->is_object())
    return core::Error(core::SourcePos(file, doc->line, doc->column), "an inventory object {\"assets\": [...]}",
                       json::describe(*doc));
  json::Object top(*doc, file, "", problems);
  top.allow_only({"name", "provenance", "synthetic", "assets"});
  top.str("name");
  top.str("provenance");
  top.boolean("synthetic");
  std::vector<Asset> out;
  const auto* assets = top.array("assets", true);
  if (assets)
    for (size_t i = 0; i < assets->size(); ++i) {
      const json::Value& v = (*assets)[i];
      std::string where = "assets[" + std::to_string(i) + "]";
      if (!v.is_object()) {
        top.error(v, where + " as an object", json::describe(v));
        continue;
      }
      json::Object o(v, file, where, problems);
      o.allow_only({"name", "kind", "provider", "region", "endpoints", "hostname", "ip", "data_classes"});
      Asset a;
      a.source_format = "inventory-json";
      a.pos = o.pos();
      a.name = o.str("name", true).value_or("");
      a.kind = o.str("kind").value_or("");
      a.declared_provider = o.str("provider").value_or("");
      a.region = o.str("region").value_or("");
      if (!a.region.empty()) a.region_note = "field region";
      auto endpoint = [&](const json::Value& e, const std::string& field) {
        if (!e.is_string()) {
          o.error(e, field + " as a string", json::describe(e));
        } else if (!is_valid_endpoint(e.text)) {
          o.error(e, std::string(kEndpointExpected) + " in " + field, core::quote_found(e.text));
        } else {
          a.endpoints.push_back(e.text);
        }
      };
      for (const char* k : {"hostname", "ip"})
        if (const json::Value* e = v.find(k); e && !e->is_null()) endpoint(*e, o.field(k));
      if (const auto* eps = o.array("endpoints"))
        for (size_t k = 0; k < eps->size(); ++k)
          endpoint((*eps)[k], o.field("endpoints") + "[" + std::to_string(k) + "]");
      if (const json::Value* dc = v.find("data_classes"); dc && !dc->is_null()) {
        if (dc->is_string()) {
          a.data_classes = split_data_classes(dc->text);
        } else if (dc->is_array()) {
          for (const json::Value& c : dc->items) {
            if (!c.is_string()) {
              o.error(c, o.field("data_classes") + " as strings", json::describe(c));
              continue;
            }
            for (std::string& s : split_data_classes(c.text))
              if (std::find(a.data_classes.begin(), a.data_classes.end(), s) == a.data_classes.end())
                a.data_classes.push_back(s);
          }
        } else {
          o.error(*dc, o.field("data_classes") + " as a list of strings", json::describe(*dc));
        }
        if (!a.data_classes.empty()) a.data_class_source = "field data_classes";
      }
      a.data_bearing = true;
      out.push_back(std::move(a));
    }
  if (problems.any()) return problems.first();
  return out;
}

core::Result<std::vector<Asset>> read_inventory(core::Input in) {
  // Peek through the first bytes: '{' means JSON. Input cannot be rewound, so read it whole
  // (inventories are small; the JSON reader has the same limit) and re-open from memory.
  auto all = in.read_all(core::json::kMaxBytes);
  if (!all) return all.error();
  size_t k = all->find_first_not_of(" \t\r\n");
  auto mem = core::Input::from_memory(in.name(), *all);
  if (!mem) return mem.error();
  if (k != std::string::npos && (*all)[k] == '{') return read_inventory_json(*mem);
  return read_inventory_csv(std::move(*mem));
}

}  // namespace cleannet::cloud
