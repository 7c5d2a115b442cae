#include "cleannet/netmodel/native_csv.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "cleannet/core/csv.h"
#include "cleannet/core/text.h"

namespace cleannet::netmodel {
namespace {

struct Column {
  std::string_view name;
  bool required;
};

constexpr std::array kDeviceColumns = {
    Column{"id", true},          Column{"name", false},    Column{"vendor", true}, Column{"model", false},
    Column{"role", true},        Column{"segment", false}, Column{"site", false},  Column{"country", false},
    Column{"serial", false},     Column{"replace_cost", false}};
enum DeviceCol { kDevId, kDevName, kDevVendor, kDevModel, kDevRole, kDevSegment, kDevSite, kDevCountry, kDevSerial,
                 kDevReplaceCost };

constexpr std::array kLinkColumns = {Column{"id", false},
                                     Column{"a", true},
                                     Column{"b", true},
                                     Column{"cost", false},
                                     Column{"capacity", false},
                                     Column{"segment", false},
                                     Column{"equipment_vendor", false},
                                     Column{"equipment_model", false},
                                     Column{"replace_cost", false}};
enum LinkCol { kLinkId, kLinkA, kLinkB, kLinkCost, kLinkCapacity, kLinkSegment, kLinkEqVendor, kLinkEqModel,
               kLinkReplaceCost };

constexpr std::array kDemandColumns = {Column{"id", true}, Column{"source", true}, Column{"destination", true},
                                       Column{"traffic_class", false}, Column{"path", false}};
enum DemandCol { kDemId, kDemSource, kDemDestination, kDemClass, kDemPath };

// One CSV file read record by record, its cells looked up by known column.
class Table {
 public:
  explicit Table(core::Input in) : csv_(std::move(in)) {}

  const std::string& file() const { return csv_.name(); }
  core::SourcePos pos() const { return core::SourcePos(file(), static_cast<uint32_t>(csv_.record_line())); }

  template <size_t N>
  core::Status header(const std::array<Column, N>& cols) {
    std::string list;
    for (const Column& c : cols) list += (list.empty() ? "" : ", ") + std::string(c.name);
    auto rec = csv_.next();
    // Blank lines, and comment lines starting with '#' (a provenance line such as
    // "# SYNTHETIC demands ..."), come before the header.
    while (rec && *rec && (((*rec)->size() == 1 && core::trim((**rec)[0]).empty()) ||
                           (!(*rec)->empty() && core::trim((**rec)[0]).substr(0, 1) == "#")))
      rec = csv_.next();
    if (!rec) return rec.error();
    if (!*rec) return core::Error(core::SourcePos(file(), 1), "a header row naming the columns (" + list + ")",
                                  "an empty file");
    col_.assign(N, -1);
    width_ = (*rec)->size();
    std::string seen;
    for (size_t i = 0; i < (*rec)->size(); ++i) {
      std::string_view h = (**rec)[i];
      if (i == 0 && h.substr(0, 3) == "\xEF\xBB\xBF") h.remove_prefix(3);
      std::string name = core::to_lower(core::trim(h));
      size_t k = 0;
      while (k < N && cols[k].name != name) ++k;
      if (k == N)
        return core::Error(pos(), "one of the columns " + list + " in the header", "unknown column " + core::quote_found(name));
      if (col_[k] >= 0) return core::Error(pos(), "each column once in the header", "a second " + core::quote_found(name));
      col_[k] = static_cast<int>(i);
      seen += (seen.empty() ? "" : ", ") + name;
    }
    for (size_t k = 0; k < N; ++k)
      if (cols[k].required && col_[k] < 0)
        return core::Error(pos(), "a column \"" + std::string(cols[k].name) + "\" in the header", "only " + seen);
    return core::Ok{};
  }

  // The next non-blank record; false at the end.
  core::Result<bool> next() {
    for (;;) {
      auto rec = csv_.next();
      if (!rec) return rec.error();
      if (!*rec) return false;
      fields_ = std::move(**rec);
      if (fields_.size() == 1 && core::trim(fields_[0]).empty()) continue;
      if (core::trim(fields_[0]).substr(0, 1) == "#") continue;  // comment line
      if (fields_.size() != width_)
        return core::Error(pos(), std::to_string(width_) + " fields as in the header",
                           std::to_string(fields_.size()) + " fields");
      return true;
    }
  }

  // The trimmed cell of known column k ("" when the file has no such column).
  std::string_view cell(size_t k) const { return col_[k] < 0 ? std::string_view() : core::trim(fields_[col_[k]]); }
  std::string str(size_t k) const { return std::string(cell(k)); }

  // A finite number >= 0, or nullopt for an empty cell.
  core::Result<std::optional<double>> number(size_t k, std::string_view name) const {
    std::string_view s = cell(k);
    if (s.empty()) return std::optional<double>{};
    double x = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(x) || x < 0)
      return core::Error(pos(), std::string(name) + " as a finite number >= 0", core::quote_found(s));
    return std::optional<double>{x};
  }

 private:
  core::CsvReader csv_;
  std::vector<int> col_;
  size_t width_ = 0;
  std::vector<std::string_view> fields_;  // views into csv_, valid until the next record
};

core::Result<std::string> country(const Table& t, size_t k) {
  std::string_view s = t.cell(k);
  if (s.empty()) return std::string();
  auto code = core::alpha2_upper(s);
  if (!code) return core::Error(t.pos(), "country as an ISO 3166-1 alpha-2 code such as \"DE\"", core::quote_found(s));
  return *code;
}

core::Status read_devices(core::Input in, Network& net) {
  Table t(std::move(in));
  if (auto h = t.header(kDeviceColumns); !h) return h.error();
  for (;;) {
    auto more = t.next();
    if (!more) return more.error();
    if (!*more) return core::Ok{};
    Device d;
    d.pos = t.pos();
    d.id = t.str(kDevId);
    d.name = t.str(kDevName);
    d.equipment.vendor = t.str(kDevVendor);
    d.equipment.model = t.str(kDevModel);
    d.equipment.serial = t.str(kDevSerial);
    d.equipment.source = t.file() + " vendor";
    d.equipment.pos = t.pos();
    auto role = parse_role(t.cell(kDevRole));
    if (!role) return core::Error(t.pos(), "role as one of transmission, control, computing, storage",
                                  core::quote_found(t.cell(kDevRole)));
    d.role = *role;
    d.segment = t.str(kDevSegment);
    d.site = t.str(kDevSite);
    auto c = country(t, kDevCountry);
    if (!c) return c.error();
    d.country = std::move(*c);
    auto cost = t.number(kDevReplaceCost, "replace_cost");
    if (!cost) return cost.error();
    d.replace_cost = *cost;
    net.devices.push_back(std::move(d));
  }
}

core::Status read_links(core::Input in, Network& net) {
  Table t(std::move(in));
  if (auto h = t.header(kLinkColumns); !h) return h.error();
  for (;;) {
    auto more = t.next();
    if (!more) return more.error();
    if (!*more) return core::Ok{};
    Link l;
    l.pos = t.pos();
    l.id = t.str(kLinkId);
    l.a = t.str(kLinkA);
    l.b = t.str(kLinkB);
    for (auto [k, name, out] : {std::tuple{kLinkCost, "cost", &l.cost}, std::tuple{kLinkCapacity, "capacity", &l.capacity},
                                std::tuple{kLinkReplaceCost, "replace_cost", &l.replace_cost}}) {
      auto x = t.number(k, name);
      if (!x) return x.error();
      *out = *x;
    }
    l.segment = t.str(kLinkSegment);
    std::string vendor = t.str(kLinkEqVendor), model = t.str(kLinkEqModel);
    if (vendor.empty() && !model.empty())
      return core::Error(t.pos(), "an equipment_vendor for equipment_model " + core::quote_found(model), "an empty cell");
    if (!vendor.empty()) {
      Equipment e;
      e.vendor = std::move(vendor);
      e.model = std::move(model);
      e.source = t.file() + " equipment_vendor";
      e.pos = t.pos();
      l.equipment.push_back(std::move(e));
    }
    net.links.push_back(std::move(l));
  }
}

core::Status read_demands(core::Input in, Network& net) {
  Table t(std::move(in));
  if (auto h = t.header(kDemandColumns); !h) return h.error();
  for (;;) {
    auto more = t.next();
    if (!more) return more.error();
    if (!*more) return core::Ok{};
    Demand d;
    d.pos = t.pos();
    d.id = t.str(kDemId);
    d.source = t.str(kDemSource);
    d.destination = t.str(kDemDestination);
    d.traffic_class = t.str(kDemClass);
    std::string_view path = t.cell(kDemPath);
    size_t i = 0;
    while (i < path.size()) {
      while (i < path.size() && (path[i] == ' ' || path[i] == '\t' || path[i] == '>')) ++i;
      size_t j = i;
      while (j < path.size() && path[j] != ' ' && path[j] != '\t' && path[j] != '>') ++j;
      if (j > i) d.path.emplace_back(path.substr(i, j - i));
      i = j;
    }
    net.demands.push_back(std::move(d));
  }
}

}  // namespace

core::Result<Network> load_network_csv(core::Input devices, core::Input links, std::optional<core::Input> demands) {
  Network net;
  net.provenance = devices.name() + ", " + links.name() + (demands ? ", " + demands->name() : "");
  if (auto s = read_devices(std::move(devices), net); !s) return s.error();
  if (auto s = read_links(std::move(links), net); !s) return s.error();
  if (demands)
    if (auto s = read_demands(std::move(*demands), net); !s) return s.error();
  auto fin = net.finalize();
  if (!fin) return fin.error();
  return net;
}

core::Result<Network> load_network_csv(const std::string& devices_path, const std::string& links_path,
                                       const std::string& demands_path) {
  auto d = core::Input::open(devices_path);
  if (!d) return d.error();
  auto l = core::Input::open(links_path);
  if (!l) return l.error();
  std::optional<core::Input> m;
  if (!demands_path.empty()) {
    auto r = core::Input::open(demands_path);
    if (!r) return r.error();
    m.emplace(std::move(*r));
  }
  return load_network_csv(std::move(*d), std::move(*l), std::move(m));
}

core::Status add_demands_csv(Network& net, const std::string& demands_path) {
  auto in = core::Input::open(demands_path);
  if (!in) return in.error();
  size_t before = net.demands.size();
  if (auto s = read_demands(std::move(*in), net); !s) {
    net.demands.resize(before);
    return s.error();
  }
  if (auto fin = net.finalize(); !fin) {
    net.demands.resize(before);
    return fin.error();
  }
  return core::Ok{};
}

}  // namespace cleannet::netmodel
