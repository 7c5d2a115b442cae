#include "cleannet/apps/device_list.h"

#include <algorithm>
#include <map>

#include "cleannet/core/json.h"
#include "cleannet/core/text.h"
#include "cleannet/trust/identifier.h"

namespace cleannet::apps {

namespace {

namespace json = core::json;

bool all_digits(std::string_view s) {
  return !s.empty() && s.size() <= 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Android installs preinstalled APKs under the read-only partitions; user installs go
// to /data/app (and /mnt/expand/... on adopted storage).
bool preinstalled_path(std::string_view p) { return !(p.starts_with("/data/") || p.starts_with("/mnt/")); }

std::string base_name(const std::string& path) {
  size_t s = path.find_last_of("/\\");
  return s == std::string::npos ? path : path.substr(s + 1);
}

constexpr const char* kLineExpected = "a package line (package:NAME, package:PATH=NAME or NAME)";

}  // namespace

std::optional<PackageLine> parse_package_line(std::string_view line) {
  line = core::trim(line);
  if (line.starts_with("--user ")) {
    line = core::trim(line.substr(7));
    size_t sp = line.find_first_of(" \t");
    if (sp == std::string_view::npos || !all_digits(line.substr(0, sp))) return std::nullopt;
    line = core::trim(line.substr(sp));
  }
  PackageLine out;
  // A label: " # ..." (a '#' after white space; a '#' inside a path is not one).
  for (size_t i = 1; i < line.size(); ++i)
    if (line[i] == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
      out.label = std::string(core::trim(line.substr(i + 1)));
      line = core::trim(line.substr(0, i));
      break;
    }
  size_t sp = line.find_first_of(" \t");
  std::string_view spec = line.substr(0, sp);
  std::string_view extra = sp == std::string_view::npos ? std::string_view() : core::trim(line.substr(sp));
  // pm list packages -U adds "uid:N", -i "installer=NAME" (both after the package).
  while (!extra.empty()) {
    size_t e = extra.find_first_of(" \t");
    std::string_view tok = extra.substr(0, e);
    if (!tok.starts_with("uid:") && !tok.starts_with("installer=")) return std::nullopt;
    extra = e == std::string_view::npos ? std::string_view() : core::trim(extra.substr(e));
  }
  if (spec.starts_with("package:")) {
    spec.remove_prefix(8);
    size_t eq = spec.rfind('=');
    if (eq != std::string_view::npos) {
      out.apk_path = std::string(spec.substr(0, eq));
      spec.remove_prefix(eq + 1);
      if (out.apk_path.empty()) return std::nullopt;
    }
  }
  if (!trust::valid_package(spec)) return std::nullopt;
  out.package = std::string(spec);
  return out;
}

core::Result<AppSet> read_device_list(core::Input in) {
  const std::string file = in.name();
  AppSet set;
  set.kind = SetKind::kDeviceList;
  set.format = "pm-list";
  set.file = file;
  // Two passes over the lines would need the text twice: keep the lines (the input is
  // bounded by Input's line limit and the caller's byte limit).
  std::vector<std::string> lines;
  while (true) {
    auto l = in.next_line();
    if (!l) return l.error();
    if (!*l) break;
    lines.emplace_back(**l);
    if (lines.size() > (4u << 20)) return core::Error(in.pos(), "at most 4194304 lines", "more");
  }
  bool markdown =
      std::any_of(lines.begin(), lines.end(), [](const std::string& l) { return core::trim(l).starts_with("```"); });
  if (markdown) set.format = "pm-list-markdown";
  std::map<std::string, size_t> index;
  uint32_t count_line = 0;
  bool seen_content = false;
  auto add = [&](PackageLine p, uint32_t line_no, bool commented) {
    auto it = index.find(p.package);
    if (it != index.end()) {
      AppEntry& a = set.apps[it->second];
      if (a.commented && !commented) a.commented = false;  // listed plainly somewhere
      if (a.label.empty()) a.label = p.label;
      return;
    }
    AppEntry a;
    a.package = std::move(p.package);
    a.label = std::move(p.label);
    a.apk_path = std::move(p.apk_path);
    a.commented = commented;
    a.pos = core::SourcePos(file, line_no);
    if (!a.apk_path.empty()) a.preinstalled = preinstalled_path(a.apk_path);
    index[a.package] = set.apps.size();
    set.apps.push_back(std::move(a));
  };
  // "pm list packages" and its options (-s system, -3 third-party; -f, -U, -i ... say nothing
  // about the listing), up to a pipe or the first word that is no option.
  auto note_listing = [&](std::string_view l) {
    if (!set.listing.empty()) return;
    size_t p = l.find("pm list packages");
    if (p == std::string_view::npos) return;
    std::string command = "pm list packages";
    std::string_view rest = l.substr(p + 16);
    std::string listing;
    while (true) {
      rest = core::trim(rest);
      size_t e = rest.find_first_of(" \t|");
      std::string_view tok = rest.substr(0, e);
      if (tok.size() < 2 || tok[0] != '-') break;
      command += " " + std::string(tok);
      if (tok == "-s") listing = "system";
      if (tok == "-3") listing = "third-party";
      if (e == std::string_view::npos || rest[e] == '|') break;
      rest = rest.substr(e);
    }
    if (listing.empty()) return;
    set.listing = listing;
    set.listing_basis = "the command " + command + " in the file";
  };
  bool in_fence = false, block_is_packages = false, block_started = false;
  uint32_t fence_line = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto line_no = static_cast<uint32_t>(i + 1);
    std::string_view t = core::trim(lines[i]);
    note_listing(t);
    if (markdown) {
      if (t.starts_with("```")) {
        in_fence = !in_fence;
        fence_line = line_no;
        block_started = false;
        block_is_packages = false;
        seen_content = true;
        continue;
      }
      if (!in_fence) {
        if (!seen_content && all_digits(t)) count_line = line_no;
        continue;  // Markdown prose
      }
      if (t.empty()) continue;
      bool comment = t[0] == '#';
      auto p = parse_package_line(comment ? t.substr(1) : t);
      if (!block_started) {
        block_started = true;
        block_is_packages = p.has_value();
      }
      if (!block_is_packages) continue;  // a shell command or other non-list block
      if (p) {
        add(std::move(*p), line_no, comment);
      } else if (!comment) {
        return core::Error(core::SourcePos(file, line_no), kLineExpected, core::quote_found(t));
      }
      continue;
    }
    if (t.empty() || t[0] == '#') continue;
    if (!seen_content && all_digits(t)) {
      seen_content = true;
      count_line = line_no;
      continue;
    }
    seen_content = true;
    auto p = parse_package_line(t);
    if (!p) return core::Error(core::SourcePos(file, line_no), kLineExpected, core::quote_found(t));
    add(std::move(*p), line_no, false);
  }
  if (in_fence)
    return core::Error(core::SourcePos(file, fence_line), "a closing ``` for this fence", "the end of the file");
  if (count_line) {
    uint64_t n = std::stoull(std::string(core::trim(lines[count_line - 1])));
    set.declared_count = n;
    if (n != set.apps.size())
      return core::Error(core::SourcePos(file, count_line),
                         std::to_string(n) + " distinct packages, as the count line says",
                         std::to_string(set.apps.size()));
  }
  if (set.apps.empty()) return core::Error(core::SourcePos(file), "at least one package line", "none");
  if (set.listing.empty()) {
    std::string b = core::to_lower(base_name(file));
    if (b.find("third-party") != std::string::npos || b.find("third_party") != std::string::npos) {
      set.listing = "third-party";
    } else if (b.find("system") != std::string::npos) {
      set.listing = "system";
    }
    if (!set.listing.empty()) set.listing_basis = "the file name";
  }
  for (AppEntry& a : set.apps)
    if (!a.preinstalled && !set.listing.empty()) a.preinstalled = set.listing == "system";
  return set;
}

core::Result<AppSet> read_uad_json(core::Input& in) {
  auto doc = json::read(in);
  if (!doc) return doc.error();
  const std::string file = in.name();
  if (!doc->is_object())
    return core::Error(core::SourcePos(file, doc->line, doc->column), "a UAD package list (a JSON object)",
                       json::describe(*doc));
  json::Problems problems;
  // No check_unique_keys: the published UAD list repeats some packages (com.aura.oobe.motorola
  // in the staged copy); as JSON parsers do, one entry per package is kept (here the first).
  json::Object top(*doc, file, "", problems);
  std::map<std::string, bool> seen;
  AppSet set;
  set.kind = SetKind::kPreinstallDb;
  set.format = "uad";
  set.file = file;
  set.listing = "system";
  set.listing_basis = "a list of preinstalled packages";
  for (const json::Member& m : doc->members) {
    if (!trust::valid_package(m.key)) {
      problems.add(core::Error(core::SourcePos(file, m.line, m.column), "keys as Android package names",
                               core::quote_found(m.key)));
      continue;
    }
    if (!m.value.is_object()) {
      top.error(m.value, m.key + " as an object", json::describe(m.value));
      continue;
    }
    if (!seen.emplace(m.key, true).second) continue;
    json::Object o(m.value, file, m.key, problems);
    AppEntry a;
    a.package = m.key;
    a.pos = core::SourcePos(file, m.line, m.column);
    a.preinstalled = true;
    if (auto l = o.str("list", true)) a.uad_list = *l;
    if (auto d = o.str("description")) {
      std::string s = *d;
      size_t nl = s.find('\n');
      a.label = std::string(core::trim(s.substr(0, nl)));
    }
    if (auto r = o.str("removal")) a.uad_removal = *r;
    set.apps.push_back(std::move(a));
  }
  if (problems.any()) return problems.first();
  return set;
}

}  // namespace cleannet::apps
