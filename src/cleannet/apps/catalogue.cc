#include "cleannet/apps/catalogue.h"

#include <algorithm>
#include <map>
#include <set>

#include "cleannet/apps/device_list.h"
#include "cleannet/core/csv.h"
#include "cleannet/core/json.h"
#include "cleannet/core/text.h"
#include "cleannet/trust/identifier.h"

namespace cleannet::apps {

namespace {

namespace json = core::json;

constexpr const char* kPackageExpected = "an Android package name";

void add_cert(AppEntry& a, const std::string& hex) {
  if (std::find(a.certificates.begin(), a.certificates.end(), hex) == a.certificates.end())
    a.certificates.push_back(hex);
}

// A signer value: F-Droid writes the SHA-256 of the signing certificate as lower-case hex.
void read_signer(json::Object& o, const json::Value& v, const std::string& field, AppEntry& a) {
  if (!v.is_string()) {
    o.error(v, field + " as a string", json::describe(v));
    return;
  }
  auto hex = trust::parse_certificate(v.text);
  if (!hex) {
    o.error(v, field + " as a certificate fingerprint (64 or 40 hex digits)", json::describe(v));
    return;
  }
  add_cert(a, *hex);
}

// metadata.name of index-v2 is localized: en-US first, else the first locale.
std::string localized(json::Object& o, const json::Value& v, const std::string& field) {
  if (v.is_string()) return v.text;
  if (!v.is_object()) {
    o.error(v, field + " as a string or an object of localized strings", json::describe(v));
    return {};
  }
  const json::Value* pick = v.find("en-US");
  if (!pick && !v.members.empty()) pick = &v.members.front().value;
  if (!pick || pick->is_null()) return {};
  if (!pick->is_string()) {
    o.error(*pick, field + " values as strings", json::describe(*pick));
    return {};
  }
  return pick->text;
}

// What both index versions begin with: each top-level key once, the set's kind, format and
// file, and the required "repo" object whose name titles the set (a plain string in v1, a
// string or localized strings in v2).
AppSet read_index_top(json::Object& top, const char* format, bool localized_title) {
  top.check_unique_keys();
  AppSet set;
  set.kind = SetKind::kCatalogue;
  set.format = format;
  set.file = top.file();
  if (const json::Value* repo = top.get("repo", true)) {
    if (!repo->is_object()) {
      top.error(*repo, "repo as an object", json::describe(*repo));
    } else {
      json::Object r(*repo, top.file(), "repo", top.problems());
      if (!localized_title) {
        if (auto n = r.str("name")) set.title = *n;
      } else if (const json::Value* n = r.get("name")) {
        set.title = localized(r, *n, "repo.name");
      }
    }
  }
  return set;
}

core::Result<AppSet> read_v1(const json::Value& doc, const std::string& file) {
  json::Problems problems;
  json::Object top(doc, file, "", problems);
  AppSet set = read_index_top(top, "fdroid-index-v1", false);
  std::map<std::string, size_t> index;
  if (const json::Value* apps = top.get("apps", true)) {
    if (!apps->is_array()) {
      top.error(*apps, "apps as an array", json::describe(*apps));
    } else {
      for (size_t i = 0; i < apps->items.size(); ++i) {
        const json::Value& v = apps->items[i];
        const std::string where = "apps[" + std::to_string(i) + "]";
        if (!v.is_object()) {
          top.error(v, where + " as an object", json::describe(v));
          continue;
        }
        json::Object o(v, file, where, problems);
        AppEntry a;
        a.pos = o.pos();
        auto pkg = o.str("packageName", true);
        if (!pkg) continue;
        if (!trust::valid_package(*pkg)) {
          o.error(*v.find("packageName"), o.field("packageName") + " as " + kPackageExpected,
                  json::describe(*v.find("packageName")));
          continue;
        }
        a.package = *pkg;
        if (auto d = o.str("authorName")) {
          a.developer = *d;
          a.developer_field = "authorName";
        }
        if (const json::Value* n = o.get("name")) a.name = localized(o, *n, o.field("name"));
        if (a.name.empty())
          if (const json::Value* loc = v.find("localized"); loc && loc->is_object())
            for (const json::Member& m : loc->members)
              if (const json::Value* n = m.value.find("name"); n && n->is_string()) {
                a.name = n->text;
                if (m.key == "en-US") break;
              }
        if (index.count(a.package)) {
          o.error(v, "each packageName once in apps", "a second " + core::quote_found(a.package));
          continue;
        }
        index[a.package] = set.apps.size();
        set.apps.push_back(std::move(a));
      }
    }
  }
  if (const json::Value* pk = top.get("packages")) {
    if (!pk->is_object()) {
      top.error(*pk, "packages as an object", json::describe(*pk));
    } else {
      for (const json::Member& m : pk->members) {
        const std::string where = "packages." + m.key;
        if (!m.value.is_array()) {
          top.error(m.value, where + " as an array", json::describe(m.value));
          continue;
        }
        auto it = index.find(m.key);
        for (size_t i = 0; i < m.value.items.size(); ++i) {
          const json::Value& v = m.value.items[i];
          const std::string w = where + "[" + std::to_string(i) + "]";
          if (!v.is_object()) {
            top.error(v, w + " as an object", json::describe(v));
            continue;
          }
          json::Object o(v, file, w, problems);
          if (const json::Value* s = o.get("signer"); s && it != index.end())
            read_signer(o, *s, o.field("signer"), set.apps[it->second]);
          else if (s && !s->is_string())
            o.error(*s, o.field("signer") + " as a string", json::describe(*s));
        }
      }
    }
  }
  if (problems.any()) return problems.first();
  return set;
}

core::Result<AppSet> read_v2(const json::Value& doc, const std::string& file) {
  json::Problems problems;
  json::Object top(doc, file, "", problems);
  AppSet set = read_index_top(top, "fdroid-index-v2", true);
  const json::Value* pk = top.get("packages", true);
  if (pk && !pk->is_object()) top.error(*pk, "packages as an object", json::describe(*pk));
  if (pk && pk->is_object()) {
    std::set<std::string> seen;
    for (const json::Member& m : pk->members) {
      const std::string where = "packages." + m.key;
      if (!trust::valid_package(m.key)) {
        problems.add(core::Error(core::SourcePos(file, m.line, m.column), "packages keys as Android package names",
                                 core::quote_found(m.key)));
        continue;
      }
      if (!seen.insert(m.key).second) {
        problems.add(core::Error(core::SourcePos(file, m.line, m.column), "each package once in packages",
                                 "a second " + core::quote_found(m.key)));
        continue;
      }
      if (!m.value.is_object()) {
        top.error(m.value, where + " as an object", json::describe(m.value));
        continue;
      }
      json::Object o(m.value, file, where, problems);
      AppEntry a;
      a.package = m.key;
      a.pos = core::SourcePos(file, m.line, m.column);
      if (const json::Value* md = o.get("metadata")) {
        if (!md->is_object()) {
          o.error(*md, o.field("metadata") + " as an object", json::describe(*md));
        } else {
          json::Object mo(*md, file, where + ".metadata", problems);
          if (const json::Value* n = mo.get("name")) a.name = localized(mo, *n, mo.field("name"));
          if (auto d = mo.str("authorName")) {
            a.developer = *d;
            a.developer_field = "metadata.authorName";
          }
        }
      }
      if (const json::Value* vs = o.get("versions")) {
        if (!vs->is_object()) {
          o.error(*vs, o.field("versions") + " as an object", json::describe(*vs));
        } else {
          for (const json::Member& vm : vs->members) {
            const std::string vw = where + ".versions." + vm.key;
            if (!vm.value.is_object()) {
              o.error(vm.value, vw + " as an object", json::describe(vm.value));
              continue;
            }
            const json::Value* man = vm.value.find("manifest");
            if (!man || man->is_null()) continue;
            if (!man->is_object()) {
              o.error(*man, vw + ".manifest as an object", json::describe(*man));
              continue;
            }
            const json::Value* signer = man->find("signer");
            if (!signer || signer->is_null()) continue;
            if (!signer->is_object()) {
              o.error(*signer, vw + ".manifest.signer as an object", json::describe(*signer));
              continue;
            }
            const json::Value* sha = signer->find("sha256");
            if (!sha || sha->is_null()) continue;
            if (!sha->is_array()) {
              o.error(*sha, vw + ".manifest.signer.sha256 as an array", json::describe(*sha));
              continue;
            }
            for (const json::Value& s : sha->items) read_signer(o, s, vw + ".manifest.signer.sha256[]", a);
          }
        }
      }
      set.apps.push_back(std::move(a));
    }
  }
  if (problems.any()) return problems.first();
  return set;
}

core::Result<AppSet> read_index_value(const json::Value& doc, const std::string& file) {
  if (!doc.is_object())
    return core::Error(core::SourcePos(file, doc.line, doc.column), "an F-Droid index (a JSON object)",
                       json::describe(doc));
  if (doc.find("apps")) return read_v1(doc, file);
  if (doc.find("packages")) return read_v2(doc, file);
  return core::Error(core::SourcePos(file, doc.line, doc.column),
                     "an F-Droid index with \"apps\" (v1) or \"packages\" (v2)", "neither key");
}

}  // namespace

const char* format_title(std::string_view format) {
  if (format == "fdroid-index-v1") return "F-Droid index v1";
  if (format == "fdroid-index-v2") return "F-Droid index v2";
  if (format == "csv") return "app CSV";
  if (format == "pm-list") return "pm list packages output";
  if (format == "pm-list-markdown") return "pm list packages output in Markdown";
  if (format == "uad") return "Universal Android Debloater list";
  if (format == "apk") return "APK";
  return "app list";
}

core::Result<AppSet> read_fdroid_index(core::Input& in) {
  auto doc = json::read(in);
  if (!doc) return doc.error();
  return read_index_value(*doc, in.name());
}

core::Result<AppSet> read_app_csv(core::Input in) {
  const std::string file = in.name();
  core::CsvReader csv(std::move(in));
  AppSet set;
  set.kind = SetKind::kCatalogue;
  set.format = "csv";
  set.file = file;
  int col_pkg = -1, col_dev = -1, col_name = -1, col_store = -1, col_cert = -1;
  std::vector<std::string> header;
  std::set<std::string> seen;
  while (true) {
    auto rec = csv.next();
    if (!rec) return rec.error();
    if (!*rec) break;
    const auto& f = **rec;
    if (f.size() == 1 && core::trim(f[0]).empty()) continue;
    if (!f.empty() && !f[0].empty() && core::trim(f[0]).rfind('#', 0) == 0) continue;
    const auto line = static_cast<uint32_t>(csv.record_line());
    if (header.empty()) {
      for (size_t i = 0; i < f.size(); ++i) {
        std::string h = core::to_lower(core::trim(f[i]));
        auto is = [&](std::initializer_list<const char*> names) {
          for (const char* n : names)
            if (h == n) return true;
          return false;
        };
        int* slot = nullptr;
        if (is({"package", "package_id", "package_name", "packagename", "app_id", "appid"}))
          slot = &col_pkg;
        else if (is({"developer", "publisher", "author", "authorname"}))
          slot = &col_dev;
        else if (is({"name", "app", "app_name", "title"}))
          slot = &col_name;
        else if (is({"store"}))
          slot = &col_store;
        else if (is({"certificate", "cert", "cert_sha256", "certificate_sha256", "signer"}))
          slot = &col_cert;
        if (slot) {
          if (*slot >= 0)
            return core::Error(core::SourcePos(file, line), "each column once in the header",
                               "a second " + core::quote_found(core::trim(f[i])));
          *slot = static_cast<int>(i);
        }
        header.push_back(h);
      }
      if (col_pkg < 0)
        return core::Error(core::SourcePos(file, line), "a header with a package column (package, package_id, app_id)",
                           core::quote_found(std::string(f.empty() ? "" : f[0])));
      continue;
    }
    if (f.size() != header.size())
      return core::Error(core::SourcePos(file, line), std::to_string(header.size()) + " fields as in the header",
                         std::to_string(f.size()));
    AppEntry a;
    a.pos = core::SourcePos(file, line);
    a.package = core::trim(f[static_cast<size_t>(col_pkg)]);
    if (!trust::valid_package(a.package))
      return core::Error(a.pos, std::string("package as ") + kPackageExpected, core::quote_found(a.package));
    if (!seen.insert(a.package).second)
      return core::Error(a.pos, "each package once", "a second " + core::quote_found(a.package));
    if (col_dev >= 0) {
      a.developer = core::trim(f[static_cast<size_t>(col_dev)]);
      a.developer_field = header[static_cast<size_t>(col_dev)];
    }
    if (col_name >= 0) a.name = core::trim(f[static_cast<size_t>(col_name)]);
    if (col_store >= 0) a.store = core::trim(f[static_cast<size_t>(col_store)]);
    if (col_cert >= 0) {
      std::string cur;
      std::string_view s = f[static_cast<size_t>(col_cert)];
      for (size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == ';' || s[i] == ' ' || s[i] == '\t') {
          if (!cur.empty()) {
            auto hex = trust::parse_certificate(cur);
            if (!hex)
              return core::Error(a.pos, "certificate as a SHA-256 or SHA-1 fingerprint (64 or 40 hex digits)",
                                 core::quote_found(cur));
            add_cert(a, *hex);
          }
          cur.clear();
        } else {
          cur += s[i];
        }
      }
    }
    set.apps.push_back(std::move(a));
  }
  if (header.empty()) return core::Error(core::SourcePos(file, 1), "a CSV header with a package column", "no lines");
  return set;
}

core::Result<AppSet> read_app_set(core::Input in) {
  auto text = in.read_all(kMaxAppInputBytes);
  if (!text) return text.error();
  const std::string name = in.name();
  auto mem = core::Input::from_memory(name, *text);
  if (!mem) return mem.error();
  size_t k = text->find_first_not_of(" \t\r\n");
  if (k != std::string::npos && ((*text)[k] == '{' || (*text)[k] == '[')) {
    auto doc = json::parse(name, *text);
    if (!doc) return doc.error();
    if (doc->is_object() && !doc->find("repo") && !doc->find("apps") && !doc->find("packages"))
      return read_uad_json(*mem);
    return read_index_value(*doc, name);
  }
  // The first line that is not blank and not a '#' comment decides between CSV and a list.
  std::string_view rest = *text;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string line(core::trim(rest.substr(0, nl)));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (line.empty() || line[0] == '#') continue;
    // No package line holds a comma (package names and APK paths cannot).
    if (line.find(',') != std::string::npos) return read_app_csv(std::move(*mem));
    break;
  }
  return read_device_list(std::move(*mem));
}

}  // namespace cleannet::apps
