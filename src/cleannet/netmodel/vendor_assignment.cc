#include "cleannet/netmodel/vendor_assignment.h"

#include <array>
#include <charconv>
#include <cmath>
#include <unordered_map>
#include <utility>

#include "cleannet/core/text.h"

namespace cleannet::netmodel {

namespace {

struct Field {
  std::string text;
  uint32_t column = 1;  // 1-based byte column where the field starts
};

// One CSV record on one line (RFC 4180 quoting, but no line breaks inside quotes: an
// assignment row is one line so that its errors have one position).
core::Result<std::vector<Field>> split_csv_line(std::string_view line, const core::SourcePos& line_pos) {
  std::vector<Field> out;
  size_t i = 0;
  for (;;) {
    Field f;
    f.column = static_cast<uint32_t>(i + 1);
    size_t b = i;
    while (b < line.size() && (line[b] == ' ' || line[b] == '\t')) ++b;
    if (b < line.size() && line[b] == '"') {
      size_t j = b + 1;
      for (;;) {
        if (j >= line.size()) {
          core::SourcePos p = line_pos;
          p.column = static_cast<uint32_t>(b + 1);
          return core::Error(p, "a closing quote before the end of the line", core::quote_found(line.substr(b)));
        }
        if (line[j] == '"') {
          if (j + 1 < line.size() && line[j + 1] == '"') {
            f.text += '"';
            j += 2;
            continue;
          }
          ++j;
          break;
        }
        f.text += line[j++];
      }
      while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
      if (j < line.size() && line[j] != ',') {
        core::SourcePos p = line_pos;
        p.column = static_cast<uint32_t>(j + 1);
        return core::Error(p, "a comma after a quoted field", core::quote_found(line.substr(j)));
      }
      i = j;
    } else {
      size_t j = line.find(',', i);
      if (j == std::string_view::npos) j = line.size();
      f.text = std::string(core::trim(line.substr(i, j - i)));
      i = j;
    }
    out.push_back(std::move(f));
    if (i >= line.size()) break;
    ++i;                     // the comma
    if (i == line.size()) {  // a trailing comma ends with an empty field
      out.push_back(Field{"", static_cast<uint32_t>(i + 1)});
      break;
    }
  }
  return out;
}

enum Column { kDevice, kVendor, kModel, kRole, kSegment, kReplaceCost, kColumns };
constexpr std::array<const char*, kColumns> kColumnNames = {"device", "vendor",  "model",
                                                            "role",   "segment", "replace_cost"};

std::string column_list() {
  std::string s;
  for (size_t i = 0; i < kColumnNames.size(); ++i) s += (i ? ", " : "") + std::string(kColumnNames[i]);
  return s;
}

std::optional<double> parse_number(std::string_view s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool mentions_synthetic(std::string_view comment) {
  return core::to_lower(comment).find("synthetic") != std::string::npos;
}

}  // namespace

core::Result<VendorAssignment> load_vendor_assignment(core::Input in) {
  VendorAssignment va;
  va.file = in.name();
  std::array<int, kColumns> col;
  col.fill(-1);
  size_t n_columns = 0;
  bool have_header = false;
  bool seen_comment = false;
  std::unordered_map<std::string, core::SourcePos> first_row;
  for (;;) {
    auto line = in.next_line();
    if (!line) return line.error();
    if (!*line) break;
    std::string_view text = **line;
    core::SourcePos line_pos(va.file, static_cast<uint32_t>(in.line_no()));
    if (in.line_no() == 1 && text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 BOM
    std::string_view t = core::trim(text);
    if (t.empty()) continue;
    if (t.front() == '#') {
      std::string_view c = core::trim(t.substr(1));
      if (!seen_comment) va.label = std::string(c);
      seen_comment = true;
      if (mentions_synthetic(c)) va.synthetic = true;
      continue;
    }
    auto fields = split_csv_line(text, line_pos);
    if (!fields) return fields.error();
    if (!have_header) {
      for (size_t i = 0; i < fields->size(); ++i) {
        const Field& f = (*fields)[i];
        core::SourcePos p = line_pos;
        p.column = f.column;
        std::string name = core::to_lower(f.text);
        size_t k = 0;
        while (k < kColumns && name != kColumnNames[k]) ++k;
        if (k == kColumns)
          return core::Error(p, "a header naming the columns " + column_list(), core::quote_found(f.text));
        if (col[k] >= 0) return core::Error(p, "each column named once in the header", core::quote_found(f.text));
        col[k] = static_cast<int>(i);
      }
      for (Column required : {kDevice, kVendor})
        if (col[required] < 0)
          return core::Error(line_pos, std::string("a header with a ") + kColumnNames[required] + " column",
                             core::quote_found(text));
      n_columns = fields->size();
      have_header = true;
      continue;
    }
    if (fields->size() != n_columns)
      return core::Error(line_pos, std::to_string(n_columns) + " fields as in the header",
                         std::to_string(fields->size()) + " fields");
    auto field = [&](Column c) -> const Field* {
      return col[c] < 0 ? nullptr : &(*fields)[static_cast<size_t>(col[c])];
    };
    auto at = [&](const Field* f) {
      core::SourcePos p = line_pos;
      p.column = f->column;
      return p;
    };
    VendorRow row;
    const Field* dev = field(kDevice);
    row.pos = at(dev);
    row.device = dev->text;
    if (row.device.empty()) return core::Error(row.pos, "a device id or name", "an empty field");
    auto [it, fresh] = first_row.emplace(row.device, row.pos);
    if (!fresh)
      return core::Error(row.pos, "each device assigned once (first at " + it->second.to_string() + ")",
                         core::quote_found(row.device));
    row.vendor = field(kVendor)->text;
    if (const Field* f = field(kModel)) row.model = f->text;
    if (const Field* f = field(kRole); f && !f->text.empty()) {
      auto r = parse_role(f->text);
      if (!r)
        return core::Error(at(f), "a role (transmission, control, computing or storage)", core::quote_found(f->text));
      row.role = *r;
    }
    if (const Field* f = field(kSegment); f && !f->text.empty()) row.segment = f->text;
    if (const Field* f = field(kReplaceCost); f && !f->text.empty()) {
      auto v = parse_number(f->text);
      if (!v || *v < 0) return core::Error(at(f), "a replace_cost that is a number >= 0", core::quote_found(f->text));
      row.replace_cost = *v;
    }
    va.rows.push_back(std::move(row));
  }
  if (!have_header)
    return core::Error(core::SourcePos(va.file), "a header row naming the columns " + column_list(), "no header");
  return va;
}

core::Status apply_vendor_assignment(const VendorAssignment& va, Network& net) {
  std::unordered_map<std::string_view, uint32_t> by_id;
  std::unordered_map<std::string_view, std::vector<uint32_t>> by_name;
  for (uint32_t i = 0; i < net.devices.size(); ++i) {
    by_id.emplace(net.devices[i].id, i);
    if (!net.devices[i].name.empty()) by_name[net.devices[i].name].push_back(i);
  }
  std::unordered_map<uint32_t, const VendorRow*> assigned;
  const std::string source = va.synthetic ? "synthetic vendor assignment" : "vendor assignment";
  const std::string net_name = net.name.empty() ? std::string("the network") : core::quote_found(net.name);
  for (const VendorRow& row : va.rows) {
    uint32_t idx = 0;
    if (auto it = by_id.find(row.device); it != by_id.end()) {
      idx = it->second;
    } else if (auto nt = by_name.find(row.device); nt != by_name.end()) {
      if (nt->second.size() > 1)
        return core::Error(row.pos,
                           "a name that identifies one device (it names the devices " +
                               core::quote_found(net.devices[nt->second[0]].id) + " and " +
                               core::quote_found(net.devices[nt->second[1]].id) + "; use the id)",
                           core::quote_found(row.device));
      idx = nt->second[0];
    } else {
      return core::Error(row.pos, "a device id or name of " + net_name, core::quote_found(row.device));
    }
    auto [at, fresh] = assigned.emplace(idx, &row);
    if (!fresh)
      return core::Error(row.pos,
                         "one row per device (device " + core::quote_found(net.devices[idx].id) +
                             " is already assigned at " + at->second->pos.to_string() + ")",
                         core::quote_found(row.device));
    Device& d = net.devices[idx];
    d.equipment.vendor = row.vendor;
    d.equipment.model = row.model;
    d.equipment.source = source + " vendor";
    d.equipment.pos = row.pos;
    if (row.role) d.role = *row.role;
    if (row.segment) d.segment = *row.segment;
    if (row.replace_cost) d.replace_cost = row.replace_cost;
  }
  if (va.synthetic) net.synthetic = true;
  std::string what = "vendors from " + va.file;
  if (!va.label.empty()) what += " (" + va.label + ")";
  net.provenance += net.provenance.empty() ? what : "; " + what;
  return core::Ok{};
}

}  // namespace cleannet::netmodel
