#include "cleannet/cable/cable.h"

#include <algorithm>
#include <charconv>
#include <unordered_set>

#include "cleannet/cable/countries.h"
#include "cleannet/core/json.h"
#include "cleannet/core/text.h"

namespace cleannet::cable {

std::string_view bundled_cables_gz();  // embedded data/cables/cables.jsonl.gz

namespace {

namespace json = core::json;

bool is_legal_suffix(std::string_view item) {
  static const std::unordered_set<std::string> kSuffixes = {
      "inc", "inc.", "ltd",  "ltd.",   "llc",  "llc.",   "lda",     "lda.", "s.a.", "s.a",
      "sa",  "plc",  "plc.", "co.",    "corp", "corp.",  "limited", "gmbh", "ag",   "b.v.",
      "bv",  "n.v.", "nv",   "s.a.s.", "sas",  "s.p.a.", "spa",     "l.p."};
  return kSuffixes.count(core::fold_ascii_lower(item)) > 0;
}

// "45,000 km" -> 45000; "1,234.5 km" -> 1234.5.
std::optional<double> parse_length(std::string_view s) {
  if (s.size() < 4 || s.substr(s.size() - 3) != " km") return std::nullopt;
  std::string digits;
  bool seen_digit = false, seen_dot = false;
  for (char c : s.substr(0, s.size() - 3)) {
    if (c >= '0' && c <= '9') {
      digits += c;
      seen_digit = true;
    } else if (c == ',' && seen_digit && !seen_dot) {
      continue;
    } else if (c == '.' && seen_digit && !seen_dot) {
      digits += c;
      seen_dot = true;
    } else {
      return std::nullopt;
    }
  }
  if (!seen_digit || digits.size() > 15 || digits.back() == '.') return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
  return v;
}

// Each JSON Lines record is parsed on its own, so its positions say line 1: move them.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  core::Status add(const json::Value& v, const std::string& where) {
    json::Problems problems;
    if (!v.is_object())
      return core::Error(core::SourcePos(file_, v.line, v.column), where + " as a cable object", json::describe(v));
    json::Object o(v, file_, where, problems);
    o.check_unique_keys();
    Cable c;
    c.pos = o.pos();
    if (auto s = o.str("id", true)) {
      c.id = *s;
      if (c.id.empty()) o.error(*v.find("id"), "a non-empty " + o.field("id"), "\"\"");
    }
    if (auto s = o.str("name", true)) c.name = *s;
    if (auto s = o.str("length")) {
      c.length = *s;
      c.length_km = parse_length(*s);
      if (!c.length_km)
        o.error(*v.find("length"), "a length like \"1,234 km\" in " + o.field("length"), core::quote_found(*s));
    }
    if (auto s = o.str("owners")) c.owners = split_parties(*s);
    if (auto s = o.str("suppliers")) c.suppliers = split_parties(*s);
    if (auto s = o.str("rfs")) c.rfs = *s;
    if (auto y = o.integer("rfs_year")) {
      if (*y < 1850 || *y > 2100)
        o.error(*v.find("rfs_year"), "a year from 1850 to 2100 in " + o.field("rfs_year"), std::to_string(*y));
      else
        c.rfs_year = static_cast<int>(*y);
    }
    if (auto b = o.boolean("is_planned")) c.planned = *b;
    if (auto s = o.str("url")) c.url = *s;
    o.str("notes");
    if (const auto* lps = o.array("landing_points", true)) {
      for (size_t i = 0; i < lps->size(); ++i) {
        const json::Value& lv = (*lps)[i];
        const std::string lwhere = o.field("landing_points") + "[" + std::to_string(i) + "]";
        if (!lv.is_object()) {
          o.error(lv, lwhere + " as an object", json::describe(lv));
          continue;
        }
        json::Object lo(lv, file_, lwhere, problems);
        lo.check_unique_keys();
        LandingPoint lp;
        if (auto s = lo.str("id", true)) lp.id = *s;
        if (auto s = lo.str("name")) lp.name = *s;
        if (auto s = lo.str("country", true)) {
          lp.country = *s;
          if (auto code = country_code(*s))
            lp.country_code = *code;
          else
            lo.error(*lv.find("country"), "an ISO 3166-1 country name or alpha-2 code in " + lo.field("country"),
                     core::quote_found(*s));
        }
        if (auto b = lo.boolean("is_tbd")) lp.tbd = *b;
        if (lp.name.empty()) lp.name = lp.id;
        c.landing_points.push_back(std::move(lp));
      }
    }
    if (problems.any()) return problems.first();
    if (!ids_.insert(c.id).second)
      return core::Error(core::SourcePos(file_, v.find("id")->line, v.find("id")->column), "each cable id once",
                         "a second " + core::quote_found(c.id));
    set_.cables.push_back(std::move(c));
    return core::Ok{};
  }

  CableSet take() && {
    set_.source = file_;
    return std::move(set_);
  }

 private:
  std::string file_;
  CableSet set_;
  std::unordered_set<std::string> ids_;
};

}  // namespace

std::vector<std::string> split_parties(std::string_view s) {
  std::vector<std::string> out;
  while (true) {
    size_t comma = s.find(',');
    std::string item(core::trim(s.substr(0, comma)));
    // Inner runs of blanks (the v2 data has "China  Telecom") become one space.
    std::string clean;
    for (char ch : item) {
      if ((ch == ' ' || ch == '\t') && (clean.empty() || clean.back() == ' ')) continue;
      clean += ch == '\t' ? ' ' : ch;
    }
    if (!clean.empty()) {
      if (is_legal_suffix(clean) && !out.empty())
        out.back() += ", " + clean;
      else
        out.push_back(std::move(clean));
    }
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

core::Result<CableSet> read_cables(core::Input in) {
  const std::string file = in.name();
  in.set_max_line(kMaxCableBytes);
  Reader reader(file);
  // The first non-blank byte decides: '[' is one JSON array, anything else JSON Lines.
  std::string pending;
  uint64_t first_line = 0;
  for (;;) {
    auto line = in.next_line();
    if (!line) return line.error();
    if (!*line) return std::move(reader).take();  // empty or blank input: no cables
    std::string_view t = core::trim(**line);
    if (t.empty()) continue;
    first_line = in.line_no();
    pending.assign(line->value());
    break;
  }
  if (core::trim(pending).front() == '[') {
    std::string text = std::move(pending);
    text += '\n';
    auto rest = in.read_all(kMaxCableBytes);
    if (!rest) return rest.error();
    text += *rest;
    auto doc = json::parse(file, text, static_cast<uint32_t>(first_line));
    if (!doc) return doc.error();
    for (size_t i = 0; i < doc->items.size(); ++i)
      if (auto st = reader.add(doc->items[i], "cables[" + std::to_string(i) + "]"); !st) return st.error();
    return std::move(reader).take();
  }
  uint64_t line_no = first_line;
  size_t index = 0;
  std::string text = std::move(pending);
  for (;;) {
    auto doc = json::parse(file, text, static_cast<uint32_t>(line_no));
    if (!doc) return doc.error();
    if (auto st = reader.add(*doc, "cables[" + std::to_string(index++) + "]"); !st) return st.error();
    for (;;) {
      auto line = in.next_line();
      if (!line) return line.error();
      if (!*line) return std::move(reader).take();
      if (core::trim(**line).empty()) continue;
      line_no = in.line_no();
      text.assign(line->value());
      break;
    }
  }
}

core::Result<CableSet> read_cables_file(const std::string& path) {
  auto in = core::Input::open(path);
  if (!in) return in.error();
  return read_cables(std::move(*in));
}

core::Result<CableSet> bundled_cables() {
  auto in = core::Input::from_memory(kBundledName, bundled_cables_gz());
  if (!in) return in.error();
  return read_cables(std::move(*in));
}

}  // namespace cleannet::cable
