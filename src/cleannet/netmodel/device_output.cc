#include "cleannet/netmodel/device_output.h"

#include <algorithm>
#include <array>
#include <utility>

#include "cleannet/core/text.h"
#include "cleannet/netmodel/detail/text.h"

namespace cleannet::netmodel {

namespace {

using detail::Word;
using detail::words;

using F = DeviceOutputFormat;

constexpr std::array<std::pair<F, const char*>, 9> kFormatNames = {{
    {F::kAuto, "auto"},
    {F::kCiscoShowInventory, "cisco-show-inventory"},
    {F::kAristaShowInventory, "arista-show-inventory"},
    {F::kJuniperShowChassisHardware, "juniper-show-chassis-hardware"},
    {F::kHuaweiDisplayDevice, "huawei-display-device"},
    {F::kHuaweiDisplayElabel, "huawei-display-elabel"},
    {F::kHuaweiDisplayVersion, "huawei-display-version"},
    {F::kHuaweiDisplayEsn, "huawei-display-esn"},
    {F::kZteShowVersion, "zte-show-version"},
}};

const char* implied_vendor(F f) {
  switch (f) {
    case F::kCiscoShowInventory:
      return "Cisco";
    case F::kAristaShowInventory:
      return "Arista";
    case F::kJuniperShowChassisHardware:
      return "Juniper";
    case F::kHuaweiDisplayDevice:
    case F::kHuaweiDisplayElabel:
    case F::kHuaweiDisplayVersion:
    case F::kHuaweiDisplayEsn:
      return "Huawei";
    case F::kZteShowVersion:
      return "ZTE";
    case F::kAuto:
      break;
  }
  return "";
}

struct Line {
  std::string_view text;  // without "\r"
  uint32_t no = 0;        // 1-based
};

bool contains(std::string_view s, std::string_view needle) { return s.find(needle) != std::string_view::npos; }

// Only dashes, or dashes and spaces ("- - - -"): a table rule.
bool is_rule(std::string_view t) {
  return !t.empty() && t.find('-') != std::string_view::npos && t.find_first_not_of("- ") == std::string_view::npos;
}

// Splits a table row into the columns of its header: each word belongs to the column in
// which it starts (the last column start at or before it); a column's text runs from its
// first word to its last, spacing kept.
std::vector<std::string> split_columns(std::string_view row, const std::vector<size_t>& starts) {
  std::vector<std::string> out(starts.size());
  std::vector<std::pair<size_t, size_t>> span(starts.size(), {std::string_view::npos, 0});
  for (const Word& w : words(row)) {
    size_t c = 0;
    while (c + 1 < starts.size() && starts[c + 1] <= w.pos) ++c;
    if (span[c].first == std::string_view::npos) span[c].first = w.pos;
    span[c].second = w.pos + w.text.size();
  }
  for (size_t c = 0; c < starts.size(); ++c)
    if (span[c].first != std::string_view::npos)
      out[c] = std::string(row.substr(span[c].first, span[c].second - span[c].first));
  return out;
}

std::string join_words(const std::vector<Word>& ws, size_t from, size_t to) {
  std::string s;
  for (size_t i = from; i < to; ++i) s += (i > from ? " " : "") + std::string(ws[i].text);
  return s;
}

class Parser {
 public:
  Parser(std::string file, DeviceInventory& inv) : file_(std::move(file)), inv_(inv) {}

  core::SourcePos at(const Line& l, size_t column = 0) const {
    return core::SourcePos(file_, l.no, static_cast<uint32_t>(column));
  }

  InventoryItem item(F f, const Line& l, const char* field) const {
    InventoryItem it;
    it.vendor = implied_vendor(f);
    it.source = field;
    it.pos = at(l);
    return it;
  }

  void set_chassis(const InventoryItem& c) {
    if (inv_.chassis.model.empty()) inv_.chassis.model = c.model;
    if (inv_.chassis.serial.empty()) inv_.chassis.serial = c.serial;
    if (inv_.chassis.description.empty()) inv_.chassis.description = c.description;
    if (inv_.chassis.vendor.empty()) inv_.chassis.vendor = c.vendor;
    if (inv_.chassis.name.empty()) inv_.chassis.name = c.name;
    if (inv_.chassis.version.empty()) inv_.chassis.version = c.version;
    if (inv_.chassis.part_number.empty()) inv_.chassis.part_number = c.part_number;
    if (inv_.chassis.source.empty()) {
      inv_.chassis.source = c.source;
      inv_.chassis.pos = c.pos;
    }
  }

  core::Status parse(F f, const std::vector<Line>& lines) {
    switch (f) {
      case F::kCiscoShowInventory:
        return cisco(lines);
      case F::kAristaShowInventory:
        return arista(lines);
      case F::kJuniperShowChassisHardware:
        return juniper(lines);
      case F::kHuaweiDisplayDevice:
        return huawei_device(lines);
      case F::kHuaweiDisplayElabel:
        return huawei_elabel(lines);
      case F::kHuaweiDisplayVersion:
        return huawei_version(lines);
      case F::kHuaweiDisplayEsn:
        return huawei_esn(lines);
      case F::kZteShowVersion:
        return zte_version(lines);
      case F::kAuto:
        break;
    }
    return core::Ok{};
  }

  core::Error none_found(const std::vector<Line>& lines, const std::string& what) const {
    core::SourcePos p(file_);
    if (!lines.empty()) p = at(lines.back());
    return core::Error(p, what, "none before the end of the output");
  }

  // --- Cisco show inventory -------------------------------------------------------------

  // Reads the value after "KEY:" at `from`: a quoted string, or text up to the next key
  // (`next`, case-insensitive) or the end of the line. Sets `quoted` and returns the end.
  core::Result<size_t> cisco_value(const Line& l, size_t from, std::string_view next, std::string& out,
                                   bool* quoted = nullptr) const {
    std::string_view s = l.text;
    size_t i = from;
    while (i < s.size() && s[i] == ' ') ++i;
    if (i < s.size() && s[i] == '"') {
      size_t close = next.empty() ? s.rfind('"') : s.find('"', i + 1);
      if (close == std::string_view::npos || close == i)
        return core::Error(at(l, i + 1), "a closing quote", core::quote_found(s.substr(i)));
      out = std::string(s.substr(i + 1, close - i - 1));
      if (quoted) *quoted = true;
      i = close + 1;
      if (next.empty()) return s.size();
      size_t k = core::ifind(s, next, i);
      if (k == std::string_view::npos) {
        while (i < s.size() && s[i] == ' ') ++i;
        return core::Error(at(l, i + 1), "a " + std::string(next) + " field", core::quote_found(s.substr(i)));
      }
      std::string_view between = core::trim(s.substr(i, k - i));
      if (!between.empty() && between != ",")
        return core::Error(at(l, i + 1), "a comma before " + std::string(next), core::quote_found(between));
      return k;
    }
    if (quoted) *quoted = false;
    size_t k = next.empty() ? s.size() : core::ifind(s, next, i);
    if (k == std::string_view::npos)
      return core::Error(at(l, i + 1), "a " + std::string(next) + " field", core::quote_found(s.substr(i)));
    std::string_view v = core::trim(s.substr(i, k - i));
    if (!v.empty() && v.back() == ',') v = core::trim(v.substr(0, v.size() - 1));
    out = std::string(v);
    return k;
  }

  core::Status cisco(const std::vector<Line>& lines) {
    std::optional<InventoryItem> pending;  // after a NAME line, waiting for its PID line
    bool pending_nxos_xcvr = false;
    size_t first_item = inv_.items.size();
    for (const Line& l : lines) {
      std::string_view t = core::trim(l.text);
      if (t.empty()) continue;
      size_t indent = static_cast<size_t>(t.data() - l.text.data());
      if (core::istarts_with(t, "NAME:")) {
        if (pending)
          return core::Error(at(l, indent + 1), "a PID: line after the NAME: line at " + pending->pos.to_string(),
                             core::quote_found(t));
        InventoryItem it = item(F::kCiscoShowInventory, l, "show inventory PID");
        bool name_quoted = false, descr_quoted = false;
        auto k = cisco_value(l, indent + 5, "DESCR:", it.name, &name_quoted);
        if (!k) return k.error();
        auto e = cisco_value(l, *k + 6, "", it.description, &descr_quoted);
        if (!e) return e.error();
        // NX-OS lists transceivers as NAME: Ethernet1/46,  DESCR: CISCO-AVAGO (the maker).
        pending_nxos_xcvr = !name_quoted && !descr_quoted && core::istarts_with(it.name, "Eth") &&
                            !it.description.empty() && it.description.find(' ') == std::string::npos;
        pending = std::move(it);
      } else if (core::istarts_with(t, "PID:")) {
        if (!pending) return core::Error(at(l, indent + 1), "a NAME: line before the PID: line", core::quote_found(t));
        InventoryItem it = std::move(*pending);
        pending.reset();
        it.pos = at(l);
        auto v = cisco_value(l, indent + 4, "VID:", it.model);
        if (!v) return v.error();
        auto s = cisco_value(l, *v + 4, "SN:", it.version);
        if (!s) return s.error();
        auto e = cisco_value(l, *s + 3, "", it.serial);
        if (!e) return e.error();
        if (core::istarts_with(it.description, "Non-Cisco")) it.vendor.clear();
        if (pending_nxos_xcvr) it.vendor = it.description;
        inv_.items.push_back(std::move(it));
      } else if (inv_.items.size() == first_item && !pending) {
        continue;  // a preamble: timestamp, banner
      } else {
        return core::Error(at(l, indent + 1), "a NAME: or PID: line of show inventory", core::quote_found(t));
      }
    }
    if (pending) return core::Error(pending->pos, "a PID: line after this NAME: line", "the end of the output");
    if (inv_.items.size() == first_item) return none_found(lines, "a NAME: line of show inventory");
    const InventoryItem* chassis = &inv_.items[first_item];
    for (size_t i = first_item; i < inv_.items.size(); ++i) {
      const InventoryItem& it = inv_.items[i];
      std::string_view d = it.description;
      if (core::ifind(it.name, "chassis") != std::string::npos || it.name == "Rack 0" ||
          (d.size() >= 7 && core::iequals(d.substr(d.size() - 7), "chassis"))) {
        chassis = &it;
        break;
      }
    }
    set_chassis(*chassis);
    return core::Ok{};
  }

  // --- Arista show inventory ------------------------------------------------------------

  core::Status arista(const std::vector<Line>& lines) {
    enum class S { kNone, kSystem, kPower, kFan, kXcvr, kOther } state = S::kNone;
    int system_rows = 0;
    size_t first_item = inv_.items.size();
    for (const Line& l : lines) {
      std::string_view t = core::trim(l.text);
      if (t.empty() || is_rule(t)) continue;
      if (t == "System information") {
        state = S::kSystem;
        system_rows = 0;
        continue;
      }
      if (t.starts_with("System has ")) {
        state = contains(t, "power supply")  ? S::kPower
                : contains(t, "fan module")  ? S::kFan
                : contains(t, "transceiver") ? S::kXcvr
                                             : S::kOther;
        continue;
      }
      auto ws = words(t);
      auto row_error = [&](const char* what) { return core::Error(at(l, 1), what, core::quote_found(t)); };
      switch (state) {
        case S::kNone:
        case S::kOther:
          continue;
        case S::kSystem: {
          if (t.starts_with("Model") || t.starts_with("HW Version")) continue;  // headers
          if (system_rows == 0) {
            InventoryItem it = item(F::kAristaShowInventory, l, "show inventory Model");
            it.name = "Chassis";
            it.model = std::string(ws[0].text);
            it.description = std::string(core::trim(t.substr(ws[0].text.size())));
            inv_.items.push_back(std::move(it));
          } else if (system_rows == 1) {
            if (ws.size() < 2) return row_error("a hardware version and serial number");
            InventoryItem& it = inv_.items.back();
            it.version = std::string(ws[0].text);
            it.serial = std::string(ws[1].text);
            set_chassis(it);
          }
          ++system_rows;
          continue;
        }
        case S::kPower:
        case S::kFan: {
          bool power = state == S::kPower;
          if (t.starts_with(power ? "Slot" : "Module")) continue;  // header
          size_t model_at = power ? 1 : 2;
          if (ws.size() > model_at && ws[model_at].text == "Not") continue;  // "Not Inserted"
          if (ws.size() <= model_at)
            return row_error(power ? "a slot, model and serial number"
                                   : "a module, fan count, model and serial number");
          InventoryItem it = item(F::kAristaShowInventory, l, "show inventory Model");
          it.name = std::string(power ? "PSU " : "Fan ") + std::string(ws[0].text);
          it.model = std::string(ws[model_at].text);
          if (ws.size() > model_at + 1) it.serial = std::string(ws[model_at + 1].text);
          inv_.items.push_back(std::move(it));
          continue;
        }
        case S::kXcvr: {
          if (t.starts_with("Port")) continue;                  // header
          if (ws.size() >= 2 && ws[1].text == "Not") continue;  // "Not Present"
          if (ws.size() < 5) return row_error("a port, manufacturer, model, serial number and revision");
          InventoryItem it = item(F::kAristaShowInventory, l, "show inventory Model");
          it.name = "Port " + std::string(ws[0].text);
          size_t n = ws.size();
          it.vendor = join_words(ws, 1, n - 3);  // the transceiver's maker, as the module says
          it.model = std::string(ws[n - 3].text);
          it.serial = std::string(ws[n - 2].text);
          it.version = std::string(ws[n - 1].text);
          inv_.items.push_back(std::move(it));
          continue;
        }
      }
    }
    if (inv_.items.size() == first_item) return none_found(lines, "a System information section of show inventory");
    return core::Ok{};
  }

  // --- Juniper show chassis hardware ----------------------------------------------------

  static bool juniper_header(std::string_view t) {
    return t.starts_with("Item") && contains(t, "Part number") && contains(t, "Serial number") &&
           contains(t, "Description");
  }

  core::Status juniper(const std::vector<Line>& lines) {
    std::vector<size_t> starts;
    std::vector<std::pair<size_t, std::string>> stack;  // (indent, name) of enclosing items
    size_t first_item = inv_.items.size();
    for (const Line& l : lines) {
      std::string_view t = core::trim(l.text);
      if (t.empty() || is_rule(t)) continue;
      if (t == "Hardware inventory:") {
        stack.clear();
        continue;
      }
      if (juniper_header(t)) {
        starts.clear();
        for (const char* col : {"Item", "Version", "Part number", "Serial number", "Description"})
          starts.push_back(l.text.find(col));
        stack.clear();
        continue;
      }
      if (starts.empty()) continue;                                            // before the table
      if (t.size() > 4 && t.starts_with("node") && t.back() == ':') continue;  // chassis cluster "node0:"
      size_t indent = static_cast<size_t>(t.data() - l.text.data());
      auto cols = split_columns(l.text, starts);
      if (cols[0].empty())
        return core::Error(at(l, indent + 1), "an Item name in the first column of show chassis hardware",
                           core::quote_found(t));
      InventoryItem it = item(F::kJuniperShowChassisHardware, l, "show chassis hardware Part number");
      while (!stack.empty() && stack.back().first >= indent) stack.pop_back();
      for (const auto& [ind, n] : stack) it.name += n + "/";
      it.name += cols[0];
      stack.emplace_back(indent, cols[0]);
      it.version = cols[1];
      it.part_number = cols[2];
      it.serial = cols[3];
      it.description = cols[4];
      it.model = it.part_number;
      if (it.part_number == "NON-JNPR") it.vendor.clear();
      if (indent == 0 && cols[0] == "Chassis") {
        it.model = it.description;  // the chassis has no part number; its description is the model
        it.source = "show chassis hardware Description";
        set_chassis(it);
      }
      inv_.items.push_back(std::move(it));
    }
    if (starts.empty())
      return none_found(lines,
                        "the Item/Version/Part number/Serial number/Description header of show chassis hardware");
    if (inv_.items.size() == first_item) return none_found(lines, "a row of show chassis hardware");
    return core::Ok{};
  }

  // --- Huawei display device ------------------------------------------------------------

  static bool huawei_device_header(std::string_view t) {
    return t.starts_with("Slot") && (contains(t, " Type") || contains(t, "Card-Type")) && contains(t, "Online");
  }

  core::Status huawei_device(const std::vector<Line>& lines) {
    enum Col { kSlot, kCard, kType, kOnline, kNumCols };
    std::array<int, kNumCols> col{};
    std::vector<size_t> starts;
    bool slot_card = false;
    std::string slot;
    size_t first_item = inv_.items.size();
    for (const Line& l : lines) {
      std::string_view t = core::trim(l.text);
      if (t.empty() || is_rule(t)) continue;
      if (t.ends_with("Device status:")) {
        size_t s = t.find("'s Device status:");
        if (s != std::string_view::npos && s > 0) {
          InventoryItem c = item(F::kHuaweiDisplayDevice, l, "display device title");
          c.model = std::string(t.substr(0, s));
          set_chassis(c);
        }
        continue;
      }
      if (t.starts_with("*")) {
        if (starts.empty() || t.starts_with("*:")) continue;  // legend: "*: configured, unactived board"
      }
      if (huawei_device_header(t)) {
        col.fill(-1);
        starts.clear();
        slot.clear();
        slot_card = false;
        for (const Word& w : words(l.text)) {
          int c = -1;
          if (w.text == "Slot")
            c = kSlot;
          else if (w.text == "Slot/Card")
            c = kSlot, slot_card = true;
          else if (w.text == "Card" || w.text == "Sub")
            c = kCard;
          else if (w.text == "Type" || w.text == "Card-Type")
            c = kType;
          else if (w.text == "Online")
            c = kOnline;
          if (c >= 0) col[static_cast<size_t>(c)] = static_cast<int>(starts.size());
          starts.push_back(w.pos);
        }
        continue;
      }
      if (starts.empty()) continue;  // before the table
      auto cols = split_columns(l.text, starts);
      auto get = [&](Col c) { return col[c] < 0 ? std::string() : cols[static_cast<size_t>(col[c])]; };
      std::string type = get(kType);
      if (!type.empty() && type[0] == '*') type.erase(0, 1);  // configured but not active
      std::string online = get(kOnline);
      size_t indent = static_cast<size_t>(t.data() - l.text.data());
      if (type.empty() || online.empty())
        return core::Error(at(l, indent + 1), "a row of display device with Type and Online values",
                           core::quote_found(t));
      InventoryItem it = item(F::kHuaweiDisplayDevice, l, "display device Type");
      std::string s = get(kSlot), card = get(kCard);
      if (slot_card) {
        size_t slash = s.find('/');
        card = slash == std::string::npos ? std::string() : s.substr(slash + 1);
        s = s.substr(0, slash);
      }
      if (s.empty()) s = slot;  // a card of the slot above
      if (s.empty())
        return core::Error(at(l, indent + 1), "a Slot value (or a row of a slot above)", core::quote_found(t));
      slot = s;
      it.name = (card.empty() || card == "-") ? s : s + "/" + card;
      it.model = type;
      it.status = online;
      inv_.items.push_back(std::move(it));
    }
    if (starts.empty()) return none_found(lines, "the Slot/Type/Online header of display device");
    if (inv_.items.size() == first_item) return none_found(lines, "a row of display device");
    return core::Ok{};
  }

  // --- Huawei display elabel ------------------------------------------------------------

  core::Status huawei_elabel(const std::vector<Line>& lines) {
    std::string slot, sub;
    std::optional<InventoryItem> block;
    std::optional<size_t> backplane;
    size_t first_item = inv_.items.size();
    auto close = [&]() -> core::Status {
      if (!block) return core::Ok{};
      if (block->model.empty() && block->serial.empty())
        return core::Error(block->pos, "a BoardType= or BarCode= line in this [Board Properties] block", "neither");
      if (block->vendor.empty()) block->vendor = "Huawei";
      if (core::iequals(sub, "Backplane") && !backplane) backplane = inv_.items.size();
      inv_.items.push_back(std::move(*block));
      block.reset();
      return core::Ok{};
    };
    for (const Line& l : lines) {
      std::string_view t = core::trim(l.text);
      if (t.empty()) {
        if (auto st = close(); !st) return st;
        continue;
      }
      if (t.starts_with("/$") || t.starts_with("Warning:") || t.starts_with("Info:")) continue;
      if (t.front() == '[' && t.back() == ']') {
        if (auto st = close(); !st) return st;
        std::string_view name = t.substr(1, t.size() - 2);
        if (name == "Board Properties") {
          block = item(F::kHuaweiDisplayElabel, l, "display elabel BoardType");
          block->vendor.clear();  // VendorName says, or Huawei when it does not
          block->name = slot.empty() ? sub : sub.empty() ? slot : slot + "/" + sub;
        } else if (core::istarts_with(name, "Slot_")) {
          slot = std::string(name);
          sub.clear();
        } else {
          sub = std::string(name);
        }
        continue;
      }
      size_t eq = t.find('=');
      size_t indent = static_cast<size_t>(t.data() - l.text.data());
      if (eq == std::string_view::npos || eq == 0)
        return core::Error(at(l, indent + 1), "a [Section] or Key=Value line of display elabel", core::quote_found(t));
      if (!block) continue;  // a property outside a board block
      std::string_view key = core::trim(t.substr(0, eq));
      std::string value(core::trim(t.substr(eq + 1)));
      if (key == "BoardType")
        block->model = value;
      else if (key == "BarCode")
        block->serial = value;
      else if (key == "Item")
        block->part_number = value;
      else if (key == "Description")
        block->description = value;
      else if (key == "VendorName")
        block->vendor = value;
      else if (key == "IssueNumber")
        block->version = value;
    }
    if (auto st = close(); !st) return st;
    if (inv_.items.size() == first_item) return none_found(lines, "a [Board Properties] block of display elabel");
    set_chassis(inv_.items[backplane.value_or(first_item)]);
    return core::Ok{};
  }

  // --- Huawei display version / display esn ---------------------------------------------

  core::Status huawei_version(const std::vector<Line>& lines) {
    for (const Line& l : lines) {
      std::string_view t = core::trim(l.text);
      size_t up = t.find(" uptime is ");
      if (up == std::string_view::npos) continue;
      std::string_view head = t.substr(0, up);
      for (std::string_view brand : {"HUAWEI ", "Huawei ", "Quidway "}) {
        if (!head.starts_with(brand)) continue;
        std::string_view model = core::trim(head.substr(brand.size()));
        if (model.ends_with(" Router")) model = core::trim(model.substr(0, model.size() - 7));
        if (model.empty()) break;
        InventoryItem c = item(F::kHuaweiDisplayVersion, l, "display version");
        c.name = "Chassis";
        c.model = std::string(model);
        set_chassis(c);
        return core::Ok{};
      }
    }
    return none_found(lines, "a line \"HUAWEI <model> uptime is ...\" of display version");
  }

  core::Status huawei_esn(const std::vector<Line>& lines) {
    std::optional<InventoryItem> found;
    bool found_master = false;
    for (const Line& l : lines) {
      std::string_view t = core::trim(l.text);
      if (t.empty()) continue;
      size_t colon = t.find(':');
      if (!t.starts_with("ESN of ") || colon == std::string_view::npos)
        return core::Error(at(l, static_cast<size_t>(t.data() - l.text.data()) + 1),
                           "a line \"ESN of <slot>: <serial>\"", core::quote_found(t));
      std::string_view serial = core::trim(t.substr(colon + 1));
      bool master = t.starts_with("ESN of master");
      if (found && (!master || found_master)) continue;  // the master's, else the first
      InventoryItem c = item(F::kHuaweiDisplayEsn, l, "display esn");
      c.name = "Chassis";
      c.serial = std::string(serial);
      found = std::move(c);
      found_master = master;
    }
    if (!found) return none_found(lines, "a line \"ESN of <slot>: <serial>\"");
    set_chassis(*found);
    return core::Ok{};
  }

  // --- ZTE show version -----------------------------------------------------------------

  core::Status zte_version(const std::vector<Line>& lines) {
    std::string_view previous;
    uint32_t previous_no = 0;
    bool have_model = false;
    std::optional<InventoryItem> board;
    size_t first_item = inv_.items.size();
    for (const Line& l : lines) {
      std::string_view t = core::trim(l.text);
      if (t.empty()) continue;
      if (t.starts_with("ZTE ") && contains(t, "Software") && !previous.empty() && !have_model) {
        InventoryItem c = item(F::kZteShowVersion, l, "show version");
        c.name = "Chassis";
        c.model = std::string(previous);
        c.pos.line = previous_no;
        set_chassis(c);
        have_model = true;
      }
      previous = t;
      previous_no = l.no;
      if (t.front() == '[' && t.ends_with("]:")) {
        if (board) inv_.items.push_back(std::move(*board));
        board = item(F::kZteShowVersion, l, "show version Board Name");
        std::string_view inner = t.substr(1, t.size() - 3);
        size_t comma = inner.find(',');
        board->name = std::string(core::trim(comma == std::string_view::npos ? inner : inner.substr(comma + 1)));
        continue;
      }
      size_t colon = t.find(':');
      if (!board || colon == std::string_view::npos) continue;
      std::string_view key = core::trim(t.substr(0, colon));
      std::string value(core::trim(t.substr(colon + 1)));
      if (key == "Board Name")
        board->model = value;
      else if (key == "Description")
        board->description = value;
    }
    if (board) inv_.items.push_back(std::move(*board));
    if (inv_.items.size() == first_item && !have_model)
      return none_found(lines, "a [board, shelf, slot]: block of show version");
    return core::Ok{};
  }

 private:
  std::string file_;
  DeviceInventory& inv_;
};

F detect(const std::vector<Line>& lines) {
  bool versatile = false, uptime = false, zte = false, board_name = false;
  for (const Line& l : lines) {
    std::string_view t = core::trim(l.text);
    if (t.empty()) continue;
    if (core::istarts_with(t, "NAME:") && core::ifind(t, "DESCR:") != std::string_view::npos)
      return F::kCiscoShowInventory;
    if (t == "Hardware inventory:" || Parser::juniper_header(t)) return F::kJuniperShowChassisHardware;
    if (t == "System information" || t.starts_with("System has ")) return F::kAristaShowInventory;
    if (t == "[Board Properties]" || t.starts_with("BoardType=")) return F::kHuaweiDisplayElabel;
    if (t.ends_with("Device status:") || Parser::huawei_device_header(t)) return F::kHuaweiDisplayDevice;
    if (t.starts_with("ESN of ")) return F::kHuaweiDisplayEsn;
    if (contains(t, "Versatile Routing Platform") || t.starts_with("VRP (R) software")) versatile = true;
    if ((t.starts_with("HUAWEI ") || t.starts_with("Huawei ") || t.starts_with("Quidway ")) &&
        contains(t, " uptime is "))
      uptime = true;  // not in LLDP neighbour descriptions that quote the VRP banner
    if (t.starts_with("ZTE ") && contains(t, "Software")) zte = true;
    if (t.starts_with("Board Name")) board_name = true;
  }
  if (versatile && uptime) return F::kHuaweiDisplayVersion;
  if (zte && board_name) return F::kZteShowVersion;
  return F::kAuto;
}

// A prompt echoing a command: "<SW>display device", "router#show inventory",
// "RP/0/RSP0/CPU0:r1#admin show inventory", "user@mx> show chassis hardware".
std::optional<std::string_view> prompt_command(std::string_view line) {
  std::string_view t = core::trim(line);
  if (t.size() > 2 && t.front() == '<') {
    size_t close = t.find('>');
    if (close != std::string_view::npos && close > 1) {
      std::string_view name = t.substr(1, close - 1);
      std::string_view cmd = core::trim(t.substr(close + 1));
      if (name.find_first_of(" \t<") == std::string_view::npos && !cmd.empty()) return cmd;
    }
    return std::nullopt;
  }
  size_t sep = t.find_first_of("#>");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  std::string_view name = t.substr(0, sep);
  if (name.find_first_of(" \t\"'") != std::string_view::npos) return std::nullopt;
  std::string_view cmd = core::trim(t.substr(sep + 1));
  if (cmd.starts_with("show ") || cmd.starts_with("admin show ") || cmd.starts_with("display ")) return cmd;
  return std::nullopt;
}

// Lines no parser needs: a bare prompt ("router#", "<SW>") and Junos's "{master:0}".
bool is_noise(std::string_view line) {
  std::string_view t = core::trim(line);
  if (t.size() >= 2 && t.front() == '{' && t.back() == '}' && t.find(' ') == std::string_view::npos) return true;
  if (t.size() >= 2 && (t.back() == '#' || t.back() == '>') && t.find(' ') == std::string_view::npos &&
      t.find('=') == std::string_view::npos)
    return t.back() == '#' || t.front() == '<' || t.find('@') != std::string_view::npos;
  return false;
}

}  // namespace

const char* device_output_format_name(DeviceOutputFormat f) {
  for (const auto& [v, n] : kFormatNames)
    if (v == f) return n;
  return "?";
}

std::optional<DeviceOutputFormat> parse_device_output_format(std::string_view name) {
  for (const auto& [v, n] : kFormatNames)
    if (core::iequals(name, n)) return v;
  return std::nullopt;
}

core::Result<DeviceInventory> parse_device_output(core::Input in, DeviceOutputFormat format) {
  const std::string file = in.name();
  auto text = in.read_all(kMaxDeviceOutputBytes);
  if (!text) return text.error();
  std::string_view all = *text;
  if (all.starts_with("\xEF\xBB\xBF")) all.remove_prefix(3);

  // Lines, split into sections at prompts that echo a command.
  struct Section {
    std::string command;
    uint32_t first_line = 1;
    std::vector<Line> lines;
  };
  std::vector<Section> sections(1);
  uint32_t no = 0;
  size_t i = 0;
  while (i < all.size()) {
    size_t e = all.find('\n', i);
    if (e == std::string_view::npos) e = all.size();
    std::string_view line = all.substr(i, e - i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++no;
    i = e + 1;
    if (auto cmd = prompt_command(line)) {
      Section s;
      s.command = std::string(*cmd);
      s.first_line = no;
      sections.push_back(std::move(s));
      continue;
    }
    if (is_noise(line)) continue;
    sections.back().lines.push_back({line, no});
  }
  auto blank = [](const Section& s) {
    return std::all_of(s.lines.begin(), s.lines.end(), [](const Line& l) { return core::trim(l.text).empty(); });
  };
  if (sections.size() > 1 && blank(sections.front())) sections.erase(sections.begin());

  DeviceInventory inv;
  Parser parser(file, inv);
  for (Section& s : sections) {
    F f = format == F::kAuto ? detect(s.lines) : format;
    DeviceOutputSection rec;
    rec.format = f;
    rec.command = s.command;
    rec.pos = core::SourcePos(file, s.first_line);
    inv.sections.push_back(rec);
    if (f == F::kAuto) continue;
    if (inv.format == F::kAuto) {
      inv.format = f;
      inv.vendor = implied_vendor(f);
    }
    if (auto st = parser.parse(f, s.lines); !st) return st.error();
  }
  if (inv.format == F::kAuto) {
    const Line* first = nullptr;
    for (const Section& s : sections)
      for (const Line& l : s.lines)
        if (!first && !core::trim(l.text).empty()) first = &l;
    const std::string expected =
        "device CLI output in a known format (Cisco or Arista show inventory, Juniper show chassis hardware, Huawei "
        "display device, display elabel, display version or display esn, ZTE show version)";
    if (!first) return core::Error(core::SourcePos(file), expected, "an empty output");
    return core::Error(
        core::SourcePos(file, first->no, static_cast<uint32_t>(first->text.find_first_not_of(" \t") + 1)), expected,
        core::quote_found(core::trim(first->text), 60));
  }
  if (inv.items.empty() && (!inv.chassis.model.empty() || !inv.chassis.serial.empty()))
    inv.items.push_back(inv.chassis);
  return inv;
}

core::Status attach_device_output(Network& net, const std::string& device_id, core::Input in,
                                  DeviceOutputFormat format) {
  auto dev = device_to_attach(net, device_id, in.name(), "the CLI output");
  if (!dev) return dev.error();
  auto inv = parse_device_output(std::move(in), format);
  if (!inv) return inv.error();
  // The chassis is also one of the items (set_chassis copies it): attach it once.
  std::vector<Equipment> parts;
  parts.reserve(inv->items.size());
  bool have_chassis = !inv->chassis.source.empty();
  for (InventoryItem& it : inv->items) {
    if (have_chassis && it.pos.line == inv->chassis.pos.line && it.pos.file == inv->chassis.pos.file) continue;
    // Where the part sits ("slot 3", "FPC 1/PIC 0") is what a finding needs to name it.
    if (!it.name.empty()) it.description = it.description.empty() ? it.name : it.name + ": " + it.description;
    parts.push_back(static_cast<Equipment&&>(it));
  }
  Equipment chassis = inv->chassis;
  attach_equipment(**dev, have_chassis ? &chassis : nullptr, std::move(parts));
  return core::Ok{};
}

}  // namespace cleannet::netmodel
