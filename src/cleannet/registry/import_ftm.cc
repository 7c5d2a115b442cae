// The FollowTheMoney (OpenSanctions) reader of registry/import.h.
#include <algorithm>
#include <map>
#include <set>

#include "cleannet/core/json.h"
#include "cleannet/core/text.h"
#include "cleannet/registry/import.h"

namespace cleannet::registry {

namespace {

namespace json = core::json;

// The schemata that are organisations (FtM's LegalEntity and its descendants but Person).
const std::set<std::string, std::less<>> kOrganisationSchemata = {"Company", "Organization", "LegalEntity",
                                                                  "PublicBody"};

struct Entity {
  std::string schema, id;
  std::map<std::string, std::vector<std::string>, std::less<>> props;
  core::SourcePos pos;
  const std::vector<std::string>& get(std::string_view key) const {
    static const std::vector<std::string> kNone;
    auto it = props.find(key);
    return it == props.end() ? kNone : it->second;
  }
  std::string first(std::string_view key) const {
    const auto& v = get(key);
    return v.empty() ? std::string() : v.front();
  }
};

core::Result<Entity> read_entity(const json::Value& v, const std::string& file) {
  auto where = [&](const json::Value& at) { return core::SourcePos(file, at.line, at.column); };
  if (!v.is_object()) return core::Error(where(v), "an FtM entity object", json::describe(v));
  Entity e;
  e.pos = where(v);
  const json::Value* id = v.find("id");
  const json::Value* schema = v.find("schema");
  const json::Value* props = v.find("properties");
  if (!id || !id->is_string() || id->text.empty())
    return core::Error(id ? where(*id) : e.pos, "the entity's \"id\" as a string", id ? json::describe(*id) : "none");
  if (!schema || !schema->is_string())
    return core::Error(schema ? where(*schema) : e.pos, "the entity's \"schema\" as a string",
                       schema ? json::describe(*schema) : "none");
  e.id = id->text;
  e.schema = schema->text;
  if (!props) return e;
  if (!props->is_object()) return core::Error(where(*props), "\"properties\" as an object", json::describe(*props));
  for (const json::Member& m : props->members) {
    if (!m.value.is_array())
      return core::Error(where(m.value), "property \"" + m.key + "\" as an array of strings", json::describe(m.value));
    auto& out = e.props[m.key];
    for (const json::Value& x : m.value.items) {
      // Values are strings; an entity reference may be a nested entity object.
      if (x.is_string())
        out.push_back(x.text);
      else if (x.is_object() && x.find("id") && x.find("id")->is_string())
        out.push_back(x.find("id")->text);
      else
        return core::Error(where(x), "property \"" + m.key + "\" values as strings", json::describe(x));
    }
  }
  return e;
}

// The earliest full date (YYYY-MM-DD) of a property; FtM dates may be partial ("2021-06").
std::optional<core::Date> earliest(const Entity& e, std::string_view key) {
  std::optional<core::Date> best;
  for (const std::string& s : e.get(key))
    if (auto d = core::Date::parse(s); d && (!best || *d < *best)) best = *d;
  return best;
}

bool is_url(std::string_view s) { return s.starts_with("https://") || s.starts_with("http://"); }

}  // namespace

core::Result<FtmRead> read_import_ftm(core::Input in) {
  std::map<std::string, Entity> orgs;  // by id
  std::set<std::string> others;        // ids of entities that are not organisations
  std::vector<Entity> sanctions, ownerships;
  const std::string file = in.name();
  while (true) {
    auto line = in.next_line();
    if (!line) return line.error();
    if (!*line) break;
    if (core::trim(**line).empty()) continue;
    auto doc = json::parse(file, **line, static_cast<uint32_t>(in.line_no()));
    if (!doc) return doc.error();
    const json::Value* v = &*doc;
    // The delta format: {"op": "ADD" | "MOD" | "DEL", "entity": {...}}.
    if (v->is_object() && v->find("op")) {
      const json::Value* op = v->find("op");
      const json::Value* ent = v->find("entity");
      if (!op->is_string() || (op->text != "ADD" && op->text != "MOD" && op->text != "DEL"))
        return core::Error(core::SourcePos(file, op->line, op->column), "\"op\" ADD, MOD or DEL", json::describe(*op));
      if (op->text == "DEL") continue;
      if (!ent) return core::Error(core::SourcePos(file, v->line, v->column), "the operation's \"entity\"", "none");
      v = ent;
    }
    auto e = read_entity(*v, file);
    if (!e) return e.error();
    if (e->schema == "Sanction")
      sanctions.push_back(std::move(*e));
    else if (e->schema == "Ownership")
      ownerships.push_back(std::move(*e));
    else if (kOrganisationSchemata.count(e->schema))
      orgs[e->id] = std::move(*e);
    else
      others.insert(e->id);
  }
  // Holdings by organisations of the file, ended or not: their periods are part of the record.
  std::map<std::string, std::vector<ImportHolding>> holdings;  // asset id -> holdings
  for (const Entity& o : ownerships) {
    auto it = orgs.find(o.first("owner"));
    if (it == orgs.end()) continue;
    ImportHolding h;
    h.owner_name = it->second.first("name");
    if (h.owner_name.empty()) continue;
    const std::string pct = o.first("percentage");
    char* end = nullptr;
    double share = std::strtod(pct.c_str(), &end);
    // "51", "51.0", "51%": a number above 0 and at most 100; anything else is no stated share.
    if (!pct.empty() && end != pct.c_str() && (*end == 0 || *end == '%') && share > 0 && share <= 100) h.share = share;
    h.since = earliest(o, "startDate");
    h.until = earliest(o, "endDate");
    if (h.since && h.until && !(*h.since < *h.until)) h.until.reset();
    if (is_url(o.first("sourceUrl"))) h.source_url = o.first("sourceUrl");
    h.note = "OpenSanctions ownership " + o.id + (pct.empty() || h.share ? "" : " (percentage \"" + pct + "\")");
    holdings[o.first("asset")].push_back(std::move(h));
  }
  // The organisation's part of a row: its names, country and holdings, at its own line.
  auto org_row = [&](const Entity& org) -> core::Result<ImportRow> {
    const auto& names = org.get("name");
    if (names.empty()) return core::Error(org.pos, "the entity's \"name\" property", "none");
    ImportRow row;
    row.pos = org.pos;
    row.name = names.front();
    row.id_hint = org.id;
    for (size_t i = 1; i < names.size(); ++i) row.aliases.push_back(names[i]);
    for (const std::string& a : org.get("alias")) row.aliases.push_back(a);
    if (auto c = core::alpha2_upper(org.first("country"))) row.country = *c;
    if (auto h = holdings.find(org.id); h != holdings.end()) row.owners = h->second;
    return row;
  };
  FtmRead out;
  for (const Entity& s : sanctions) {
    const std::string target = s.first("entity");
    auto it = orgs.find(target);
    if (it == orgs.end()) {
      ++out.skipped;  // a person, or an entity the file does not hold
      continue;
    }
    const Entity& org = it->second;
    auto made = org_row(org);
    if (!made) return made.error();
    ImportRow row = std::move(*made);
    row.pos = s.pos;
    row.date = earliest(s, "listingDate");
    if (!row.date) row.date = earliest(s, "startDate");
    row.until = earliest(s, "endDate");
    if (row.date && row.until && !(*row.date < *row.until)) row.until.reset();
    std::string url = s.first("sourceUrl");
    if (!is_url(url)) url = org.first("sourceUrl");
    if (!is_url(url)) url = "https://www.opensanctions.org/entities/" + org.id + "/";
    row.source_url = url;
    row.quote = row.name;
    const std::string authority = s.first("authority"), program = s.first("program");
    row.list.name = !authority.empty() ? authority + (program.empty() ? "" : ": " + program)
                                       : (!program.empty() ? program : s.first("programId"));
    if (row.list.name.empty()) row.list.name = "OpenSanctions sanctions";
    row.list.issuer = authority;
    if (is_url(s.first("programUrl")))
      row.list.url = s.first("programUrl");
    else if (is_url(s.first("sourceUrl")))
      row.list.url = s.first("sourceUrl");
    row.list.description = "A sanctions programme as OpenSanctions records it (FollowTheMoney Sanction entities).";
    std::string note = "OpenSanctions entity " + org.id + ", sanction " + s.id;
    for (const char* key : {"reason", "summary", "provisions"})
      if (!s.get(key).empty()) note += "; " + std::string(key) + ": " + core::join(s.get(key), " / ");
    row.note = note + ".";
    out.rows.push_back(std::move(row));
  }
  // Organisations linked by holdings to a listed one, up or down, at any depth: a subsidiary
  // the list does not name still belongs in the layer, so the policy's ownership rule can
  // pass the owner's status to it.
  std::set<std::string> listed, linked;
  for (const Entity& s : sanctions)
    if (orgs.count(s.first("entity"))) listed.insert(s.first("entity"));
  std::map<std::string, std::vector<std::string>> neighbours;
  for (const Entity& o : ownerships) {
    const std::string a = o.first("asset"), b = o.first("owner");
    if (!orgs.count(a) || !orgs.count(b)) continue;
    neighbours[a].push_back(b);
    neighbours[b].push_back(a);
  }
  std::vector<std::string> todo(listed.begin(), listed.end());
  while (!todo.empty()) {
    std::string cur = std::move(todo.back());
    todo.pop_back();
    for (const std::string& n : neighbours[cur])
      if (!listed.count(n) && linked.insert(n).second) todo.push_back(n);
  }
  for (const std::string& id : linked) {
    auto row = org_row(orgs.at(id));
    if (!row) return row.error();
    row->designation = false;
    out.rows.push_back(std::move(*row));
  }
  return out;
}

}  // namespace cleannet::registry
