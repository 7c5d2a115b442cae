#include "cleannet/registry/import.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "cleannet/core/csv.h"
#include "cleannet/core/text.h"
#include "cleannet/report/evidence.h"
#include "cleannet/trust/names.h"

namespace cleannet::registry {

namespace {

constexpr const char* kColumns[] = {"name", "status", "source", "aliases", "identifiers",
                                    "date", "until",  "quote",  "country", "note"};

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view part : core::split(s, ';')) {
    std::string_view t = core::trim(part);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

bool valid_url(std::string_view s) {
  return (s.starts_with("https://") || s.starts_with("http://")) && s.find_first_of(" \t") == std::string_view::npos;
}

// One row's fields by column name, with errors at the row's line naming the column.
struct RowReader {
  const std::vector<std::string_view>& fields;
  const std::map<std::string, size_t>& columns;
  core::SourcePos pos;
  std::string_view get(const char* column) const {
    auto it = columns.find(column);
    return it == columns.end() ? std::string_view() : core::trim(fields[it->second]);
  }
  core::Error error(const char* column, std::string expected, std::string_view found) const {
    return core::Error(pos, std::move(expected) + " in column " + column, core::quote_found(found));
  }
};

core::Result<ImportRow> parse_row(const RowReader& r) {
  ImportRow row;
  row.pos = r.pos;
  row.name = std::string(r.get("name"));
  if (trust::normalise_name(row.name).empty())
    return r.error("name", "a name with at least one letter or digit", row.name);
  std::string_view status = r.get("status");
  if (status == "untrusted")
    row.status = trust::Status::kUntrusted;
  else if (status == "trusted")
    row.status = trust::Status::kTrusted;
  else
    return r.error("status", "\"untrusted\" or \"trusted\"", status);
  row.source_url = std::string(r.get("source"));
  if (!valid_url(row.source_url)) return r.error("source", "an http(s) URL", row.source_url);
  for (const char* column : {"date", "until"}) {
    std::string_view v = r.get(column);
    if (v.empty()) continue;
    auto d = core::Date::parse(v);
    if (!d) return r.error(column, "a date YYYY-MM-DD", v);
    (column[0] == 'd' ? row.date : row.until) = *d;
  }
  if (row.date && row.until && !(*row.date < *row.until))
    return r.error("until", "an end after the date " + row.date->to_string(), row.until->to_string());
  for (std::string& a : split_list(r.get("aliases"))) {
    if (trust::normalise_name(a).empty()) return r.error("aliases", "an alias with at least one letter or digit", a);
    row.aliases.push_back(std::move(a));
  }
  for (const std::string& text : split_list(r.get("identifiers"))) {
    auto id = trust::parse_identifier(text);
    if (!id) return r.error("identifiers", id.error().expected(), text);
    if (id->kind == trust::IdentifierKind::kName)
      return r.error("identifiers",
                     "an AS number, prefix, OUI, domain, package:NAME or cert:SHA256 (names go in aliases)", text);
    if (id->kind == trust::IdentifierKind::kMac && id->mac.bits == 48)
      return r.error("identifiers", "an OUI (MA-L, MA-M or MA-S; a whole MAC address names one device)", text);
    row.identifiers.push_back(std::move(*id));
  }
  row.country = std::string(r.get("country"));
  if (!row.country.empty() && !(row.country.size() == 2 && std::isupper(static_cast<unsigned char>(row.country[0])) &&
                                std::isupper(static_cast<unsigned char>(row.country[1]))))
    return r.error("country", "an ISO 3166-1 alpha-2 code such as CN", row.country);
  row.quote = std::string(r.get("quote"));
  row.note = std::string(r.get("note"));
  return row;
}

// A TOML basic string (TOML 1.0, "Basic strings"): quotes, backslashes and control characters escaped.
std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string toml_array(const std::vector<std::string>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + toml_string(v[i]);
  return s + "]";
}

// An organisation id from a name: lower-case letters and digits, runs of anything else one '-'.
std::string slug(std::string_view name) {
  std::string s;
  for (char c : trust::normalise_name(name)) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!s.empty() && s.back() != '-')
      s += '-';
  }
  // Ids have at most 64 characters (docs/registry-format.md); room is left for a "-N" suffix.
  if (s.size() > 56) {
    s.resize(56);
    if (size_t dash = s.rfind('-'); dash != std::string::npos && dash > 24) s.resize(dash);
  }
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s.empty() ? std::string("org") : s;
}

// Where an identifier goes in [organisation.identifiers], and how it is written there.
std::pair<const char*, std::string> identifier_field(const trust::Identifier& id) {
  switch (id.kind) {
    case trust::IdentifierKind::kAsn:
      return {"asns", std::to_string(id.asn)};
    case trust::IdentifierKind::kIp:
      return {"prefixes", toml_string(id.prefix.to_string())};
    case trust::IdentifierKind::kMac:
      return {"ouis", toml_string(id.mac.to_string())};
    case trust::IdentifierKind::kDomain:
      return {"domains", toml_string(id.key)};
    case trust::IdentifierKind::kAndroidPackage:
      return {"android_packages", toml_string(id.key)};
    case trust::IdentifierKind::kCertificate:
      return {"cert_sha256", toml_string(id.key)};
    case trust::IdentifierKind::kName:
      break;
  }
  return {nullptr, {}};
}

struct PendingOrg {
  std::string id;
  std::string parent;  // a new organisation's parent, from the list's affiliation
  bool created = false;
  const ImportRow* first = nullptr;
  std::vector<std::string> aliases;
  std::vector<const trust::Identifier*> identifiers;
  std::vector<const ImportRow*> rows;
};

}  // namespace

std::string RowMatch::text() const {
  std::string s = pos.to_string() + ": \"" + name + "\" -> " + org;
  if (created) return s + " (new organisation" + (how.empty() ? "" : "; " + how) + ")";
  return s + " (" + how + ", confidence " + report::confidence_text(confidence) + ")";
}

core::Result<std::vector<ImportRow>> read_import_csv(core::Input in) {
  core::CsvReader csv(std::move(in));
  std::map<std::string, size_t> columns;
  std::vector<ImportRow> rows;
  bool header = true;
  while (true) {
    auto rec = csv.next();
    if (!rec) return rec.error();
    if (!*rec) break;
    const auto& fields = **rec;
    core::SourcePos pos(csv.name(), static_cast<uint32_t>(csv.record_line()));
    if (std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return core::trim(f).empty(); })) continue;
    if (header) {
      for (size_t i = 0; i < fields.size(); ++i) {
        std::string c = core::to_lower(core::trim(fields[i]));
        if (std::find(std::begin(kColumns), std::end(kColumns), c) == std::end(kColumns))
          return core::Error(pos,
                             "a column name (name, status, source, aliases, identifiers, date, until, quote, country, "
                             "note)",
                             core::quote_found(fields[i]));
        if (!columns.emplace(c, i).second) return core::Error(pos, "each column once", core::quote_found(c) + " twice");
      }
      for (const char* required : {"name", "status", "source"})
        if (!columns.count(required))
          return core::Error(pos, std::string("a column \"") + required + "\" in the header", "none");
      header = false;
      continue;
    }
    if (fields.size() != columns.size())
      return core::Error(pos, std::to_string(columns.size()) + " fields as in the header",
                         std::to_string(fields.size()));
    auto row = parse_row(RowReader{fields, columns, pos});
    if (!row) return row.error();
    rows.push_back(std::move(*row));
  }
  if (header) return core::Error(core::SourcePos(csv.name(), 1), "a header row naming the columns", "an empty file");
  if (rows.empty()) return core::Error(core::SourcePos(csv.name()), "at least one row after the header", "none");
  return rows;
}

core::Result<Layer> build_layer(const std::vector<ImportRow>& rows, const ListInfo& list,
                                const trust::Resolver& resolver, const std::vector<std::string>& sources) {
  const trust::Registry& reg = resolver.registry();
  Layer layer;
  std::vector<PendingOrg> orgs;
  std::map<std::string, size_t> by_id;        // org id -> index in orgs
  std::map<std::string, size_t> new_by_name;  // normalised name of a new organisation -> index
  std::set<std::string> taken;                // ids in use (registry and new)
  for (const auto& o : reg.organisations()) taken.insert(o.id);
  for (const ImportRow& row : rows) {
    // Every way the row names someone: its name, its aliases, its identifiers. Matches below
    // 0.9 (a name that merely begins with another's) are reported, never merged.
    struct Hit {
      std::string org, how;
      double confidence;
    };
    std::vector<Hit> hits;
    std::string resembles;
    auto by_name = [&](const std::string& n, const char* what) {
      auto m = resolver.resolve_name(n);
      if (!m) return;
      const std::string& id = reg.org(m->org).id;
      if (m->confidence < 0.9) {
        if (resembles.empty()) resembles = "resembles " + id + " by " + m->how + " \"" + m->matched + "\"; kept apart";
        return;
      }
      hits.push_back({id, std::string(what) + " matched " + m->how + " \"" + m->matched + "\"", m->confidence});
    };
    by_name(row.name, "name");
    for (const auto& a : row.aliases) by_name(a, "alias");
    std::vector<const trust::Identifier*> unclaimed;
    for (const auto& id : row.identifiers) {
      auto m = resolver.resolve(id);
      if (!m) {
        unclaimed.push_back(&id);
        continue;
      }
      hits.push_back(
          {reg.org(m->org).id, "identifier " + trust::canonical_text(id) + " matched " + m->how, m->confidence});
    }
    for (const Hit& h : hits)
      if (h.org != hits.front().org)
        return core::Error(row.pos, "the name, aliases and identifiers of a row to name one organisation",
                           hits.front().org + " (" + hits.front().how + ") and " + h.org + " (" + h.how + ")");
    RowMatch match{row.pos, row.name, {}, hits.empty(), {}, 1};
    size_t idx;
    if (!hits.empty()) {
      match.org = hits.front().org;
      match.how = hits.front().how;
      match.confidence = hits.front().confidence;
      auto it = by_id.find(match.org);
      if (it == by_id.end()) {
        it = by_id.emplace(match.org, orgs.size()).first;
        orgs.push_back(PendingOrg{match.org, {}, false, &row, {}, {}, {}});
        ++layer.organisations_matched;
      }
      idx = it->second;
    } else {
      const std::string key = trust::normalise_name(row.name);
      auto it = new_by_name.find(key);
      if (it == new_by_name.end()) {
        std::string base = slug(row.name);
        if (base == "org" && !row.id_hint.empty()) base = slug(row.id_hint);
        std::string id = base;
        for (int n = 2; taken.count(id); ++n) id = base + "-" + std::to_string(n);
        taken.insert(id);
        it = new_by_name.emplace(key, orgs.size()).first;
        by_id.emplace(id, orgs.size());
        std::string parent;
        if (!row.parent_name.empty())
          if (auto pm = resolver.resolve_name(row.parent_name); pm && pm->confidence >= 0.9)
            parent = reg.org(pm->org).id;
        orgs.push_back(PendingOrg{id, parent, true, &row, {}, {}, {}});
        ++layer.organisations_new;
      }
      idx = it->second;
      match.org = orgs[idx].id;
      match.how = resembles;
      if (!orgs[idx].parent.empty())
        match.how = (match.how.empty() ? "" : match.how + "; ") + "listed as part of " + orgs[idx].parent;
    }
    PendingOrg& o = orgs[idx];
    o.rows.push_back(&row);
    if (o.created) {
      for (const auto& a : row.aliases)
        if (trust::normalise_name(a) != trust::normalise_name(o.first->name) &&
            std::find(o.aliases.begin(), o.aliases.end(), a) == o.aliases.end())
          o.aliases.push_back(a);
    }
    for (const trust::Identifier* id : unclaimed) o.identifiers.push_back(id);
    layer.matches.push_back(std::move(match));
    if (row.designation) ++layer.designations;
  }

  // Holdings, once every organisation of the layer exists: an owner is a new organisation of
  // this layer by its normalised name, else a registry organisation the name resolves to.
  std::vector<std::vector<const ImportHolding*>> owners(orgs.size());
  std::vector<std::vector<std::string>> owner_ids(orgs.size());
  std::vector<std::vector<std::string>> unmatched_owners(orgs.size());
  for (size_t idx = 0; idx < orgs.size(); ++idx) {
    for (const ImportRow* r : orgs[idx].rows)
      for (const ImportHolding& h : r->owners) {
        std::string id;
        if (auto it = new_by_name.find(trust::normalise_name(h.owner_name)); it != new_by_name.end())
          id = orgs[it->second].id;
        else if (auto m = resolver.resolve_name(h.owner_name); m && m->confidence >= 0.9)
          id = reg.org(m->org).id;
        if (id.empty()) {
          std::string who =
              h.owner_name + " (" + (h.share ? core::decimal_text(*h.share) + "%" : "share not stated") + ")";
          auto& u = unmatched_owners[idx];
          if (std::find(u.begin(), u.end(), who) == u.end()) u.push_back(who);
          continue;
        }
        // One holding per owner: the first row's; the affiliation parent is already one.
        if (id == orgs[idx].id || id == orgs[idx].parent ||
            std::find(owner_ids[idx].begin(), owner_ids[idx].end(), id) != owner_ids[idx].end())
          continue;
        owners[idx].push_back(&h);
        owner_ids[idx].push_back(id);
      }
  }

  // The lists the designations are on, in order of first use.
  auto list_of = [&](const ImportRow& r) -> const ListInfo& { return list.name.empty() ? r.list : list; };
  std::vector<const ListInfo*> lists;
  for (const ImportRow& r : rows) {
    if (!r.designation) continue;
    const ListInfo& l = list_of(r);
    if (l.name.empty()) return core::Error(r.pos, "the name of the list the row is on (--list)", "none");
    if (std::none_of(lists.begin(), lists.end(), [&](const ListInfo* x) { return x->name == l.name; }))
      lists.push_back(&l);
  }
  std::string t = "# Registry layer written by `cleannet registry import` from";
  for (const auto& s : sources) t += " " + s;
  t += " (" + std::to_string(rows.size()) +
       " rows). Check it with `cleannet registry check`; use it with --registry.\n"
       "schema = 1\n";
  for (const ListInfo* l : lists) {
    t += "\n[[list]]\nname = " + toml_string(l->name) + "\n";
    if (!l->issuer.empty()) t += "issuer = " + toml_string(l->issuer) + "\n";
    if (!l->url.empty()) t += "url = " + toml_string(l->url) + "\n";
    if (!l->description.empty()) t += "description = " + toml_string(l->description) + "\n";
  }
  for (size_t idx = 0; idx < orgs.size(); ++idx) {
    const PendingOrg& o = orgs[idx];
    t += "\n[[organisation]]\nid = " + toml_string(o.id) + "\n";
    if (o.created) {
      t += "name = " + toml_string(o.first->name) + "\n";
      if (!o.aliases.empty()) t += "aliases = " + toml_array(o.aliases) + "\n";
      if (!o.first->country.empty()) t += "country = " + toml_string(o.first->country) + "\n";
      if (!o.parent.empty()) t += "parent = " + toml_string(o.parent) + "\nparent_verified = false\n";
      t += "notes = " +
           toml_string("From " + o.first->pos.to_string() +
                       (o.first->designation ? " (list " + list_of(*o.first).name + ")."
                                             : " (not listed itself: linked by ownership to a listed organisation).") +
                       (o.parent.empty() ? ""
                                         : " The list names it as part of \"" + o.first->parent_name +
                                               "\": an affiliation, not a confirmed ownership.")) +
           "\n";
    }
    std::map<std::string, std::vector<std::string>> ids;  // field -> values, without repeats
    for (const trust::Identifier* id : o.identifiers) {
      auto [field, value] = identifier_field(*id);
      auto& v = ids[field];
      if (std::find(v.begin(), v.end(), value) == v.end()) v.push_back(value);
    }
    if (!ids.empty()) {
      t += "[organisation.identifiers]\n";
      for (const auto& [field, values] : ids) {
        t += std::string(field) + " = [";
        for (size_t i = 0; i < values.size(); ++i) t += (i ? ", " : "") + values[i];
        t += "]\n";
      }
    }
    for (const ImportRow* r : o.rows) {
      if (!r->designation) continue;
      t += "[[organisation.designation]]\nlist = " + toml_string(list_of(*r).name) + "\nstatus = \"" +
           trust::status_name(r->status) + "\"\n";
      if (r->date) t += "date = " + r->date->to_string() + "\n";
      if (r->until) t += "until = " + r->until->to_string() + "\n";
      t += "source_url = " + toml_string(r->source_url) + "\n";
      if (!r->quote.empty()) t += "quote = " + toml_string(r->quote) + "\n";
      std::string note =
          "Imported from " + r->pos.to_string() + " as \"" + r->name + "\"." + (r->note.empty() ? "" : " " + r->note);
      t += "note = " + toml_string(note) + "\n";
    }
    for (size_t k = 0; k < owners[idx].size(); ++k) {
      const ImportHolding& h = *owners[idx][k];
      t += "[[organisation.owner]]\nid = " + toml_string(owner_ids[idx][k]) + "\n";
      if (h.share) t += "share = " + core::decimal_text(*h.share) + "\n";
      if (h.since) t += "since = " + h.since->to_string() + "\n";
      if (h.until) t += "until = " + h.until->to_string() + "\n";
      if (!h.source_url.empty()) t += "source_url = " + toml_string(h.source_url) + "\n";
      t += "note = " +
           toml_string("Imported as held by \"" + h.owner_name + "\"." + (h.note.empty() ? "" : " " + h.note + ".")) +
           "\n";
    }
    if (!unmatched_owners[idx].empty())
      t += "# owners the registry does not know: " + core::join(unmatched_owners[idx], ", ") + "\n";
  }
  layer.toml = std::move(t);
  return layer;
}

core::Result<Layer> import_list(const ImportRequest& request) {
  std::vector<ImportRow> rows;
  size_t skipped = 0;
  auto add = [&](auto read) -> std::optional<core::Error> {
    if (!read) return read.error();
    skipped += read->skipped;
    rows.insert(rows.end(), std::make_move_iterator(read->rows.begin()), std::make_move_iterator(read->rows.end()));
    return std::nullopt;
  };
  for (const std::string& f : request.files) {
    auto in = core::Input::open(f);
    if (!in) return in.error();
    std::optional<core::Error> err;
    switch (request.format) {
      case ImportFormat::kCsv: {
        auto r = read_import_csv(std::move(*in));
        if (!r) return r.error();
        rows.insert(rows.end(), std::make_move_iterator(r->begin()), std::make_move_iterator(r->end()));
        break;
      }
      case ImportFormat::kCsl:
        err = add(read_import_csl(std::move(*in)));
        break;
      case ImportFormat::kFtm:
        err = add(read_import_ftm(std::move(*in)));
        break;
    }
    if (err) return *err;
  }
  auto reg = trust::load_registry(request.registries, request.with_bundled);
  if (!reg) return reg.error();
  trust::Resolver resolver(*reg);
  auto layer = build_layer(rows, request.list, resolver, request.files);
  if (!layer) return layer.error();
  // The layer must load over the registry it was matched against, as `--registry` will load it.
  trust::RegistryBuilder b;
  std::vector<core::Error> errs;
  if (request.with_bundled) errs = b.add_layer(trust::kBundledRegistryName, trust::bundled_registry_toml());
  for (const std::string& f : request.registries)
    if (errs.empty()) errs = b.add_file(f);
  if (errs.empty()) errs = b.add_layer("<imported layer>", layer->toml);
  if (errs.empty()) errs = b.finish();
  if (!errs.empty()) return errs.front();
  layer->skipped = skipped;
  return layer;
}

}  // namespace cleannet::registry
