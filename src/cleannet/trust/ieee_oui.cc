#include "cleannet/trust/ieee_oui.h"

#include <chrono>
#include <filesystem>
#include <fstream>

#include "cleannet/core/csv.h"
#include "cleannet/core/date.h"
#include "cleannet/core/text.h"
#include "cleannet/trust/identifier.h"

namespace cleannet::trust {

namespace {
int slot(uint8_t bits) { return bits == 24 ? 0 : bits == 28 ? 1 : bits == 36 ? 2 : -1; }

std::string utc_day(std::chrono::sys_seconds t) {
  std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
  auto d = core::Date::from_ymd(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                                static_cast<int>(static_cast<unsigned>(ymd.day())));
  return d ? d->to_string() : std::string();
}

// Debian's ieee-data writes the time of its download from IEEE into .lastupdate (update-ieee-data).
std::optional<std::string> lastupdate_day(const std::string& dir) {
  std::ifstream f(dir + "/.lastupdate");
  long long secs = 0;
  if (!f || !(f >> secs) || secs <= 0) return std::nullopt;
  std::string day = utc_day(std::chrono::sys_seconds(std::chrono::seconds(secs)));
  if (day.empty()) return std::nullopt;
  return day;
}

std::string mtime_day(const std::filesystem::path& p) {
  std::error_code ec;
  auto t = std::filesystem::last_write_time(p, ec);
  if (ec) return "";
  return utc_day(std::chrono::floor<std::chrono::seconds>(std::chrono::file_clock::to_sys(t)));
}
}  // namespace

bool IeeeOuiRegistry::is_registration_authority(const IeeeAssignment& a) {
  return a.registry == "MA-L" && core::iequals(core::trim(a.organisation), kRegistrationAuthority);
}

std::string IeeeOuiRegistry::describe() const {
  return "data of " + (data_date_.empty() ? std::string("unknown date") : data_date_) + " (" + source_ + ")";
}

core::Status IeeeOuiRegistry::add_csv(core::Input in) {
  core::CsvReader csv(std::move(in));
  bool header = true;
  for (;;) {
    auto rec = csv.next();
    if (!rec) return rec.error();
    if (!*rec) break;
    const auto& f = **rec;
    core::SourcePos pos(csv.name(), static_cast<uint32_t>(csv.record_line()));
    if (header) {
      header = false;
      if (f.size() < 3 || f[0] != "Registry" || f[1] != "Assignment")
        return core::Error(pos, "the header Registry,Assignment,Organization Name,Organization Address",
                           core::quote_found(f.empty() ? std::string_view() : f[0]));
      continue;
    }
    if (f.size() == 1 && f[0].empty()) continue;
    if (f.size() < 3)
      return core::Error(pos, "at least 3 fields (Registry,Assignment,Organization Name)",
                         std::to_string(f.size()) + " fields");
    auto o = parse_oui(f[1]);
    if (!o || o->bits == 48) return core::Error(pos, "an assignment of 6, 7 or 9 hex digits", core::quote_found(f[1]));
    // MA-L rows are 6 digits, MA-M 7, MA-S and IAB 9; anything else is a malformed row.
    std::string_view reg = f[0];
    uint8_t want = reg == "MA-L" ? 24 : reg == "MA-M" ? 28 : (reg == "MA-S" || reg == "IAB") ? 36 : 0;
    if (want == 0) return core::Error(pos, "registry MA-L, MA-M, MA-S or IAB", core::quote_found(reg));
    if (want != o->bits)
      return core::Error(pos, std::string(reg) + " assignment of " + std::to_string(want / 4) + " hex digits",
                         core::quote_found(f[1]));
    uint32_t idx = static_cast<uint32_t>(all_.size());
    if (by_bits_[slot(o->bits)].emplace(o->value, idx).second)
      all_.push_back(IeeeAssignment{*o, std::string(reg), std::string(f[2])});
  }
  return core::Ok{};
}

core::Result<IeeeOuiRegistry> IeeeOuiRegistry::load_dir(const std::string& dir) {
  IeeeOuiRegistry r;
  r.source_ = dir;
  bool any = false;
  std::string newest;
  for (const char* name : {"oui.csv", "mam.csv", "oui36.csv", "iab.csv"}) {
    std::string path = dir + "/" + name;
    if (!std::filesystem::exists(path)) {
      if (std::string(name) == "oui.csv")
        return core::Error(core::SourcePos(path), "the IEEE MA-L registry (Debian package ieee-data)", "no such file");
      continue;
    }
    auto in = core::Input::open(path);
    if (!in) return in.error();
    auto st = r.add_csv(std::move(*in));
    if (!st) return st.error();
    any = true;
    newest = std::max(newest, mtime_day(path));
  }
  if (!any) return core::Error(core::SourcePos(dir), "IEEE registry CSV files", "none");
  r.data_date_ = lastupdate_day(dir).value_or(newest);
  return r;
}

const IeeeAssignment* IeeeOuiRegistry::lookup(const Oui& o) const {
  for (uint8_t bits : {36, 28, 24}) {
    if (o.bits < bits) continue;
    uint64_t key = o.value >> (o.bits - bits);
    auto& m = by_bits_[slot(bits)];
    if (auto it = m.find(key); it != m.end()) return &all_[it->second];
  }
  return nullptr;
}

}  // namespace cleannet::trust
