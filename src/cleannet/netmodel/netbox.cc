#include "cleannet/netmodel/netbox.h"

#include <array>
#include <cctype>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cleannet/core/json.h"
#include "cleannet/core/text.h"

namespace cleannet::netmodel {
namespace {

namespace json = core::json;

using json::Object;
using json::Problems;
using json::Value;

// ---------------------------------------------------------------------------------------
// Roles

std::vector<std::string> role_words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      cur += static_cast<char>(std::tolower(c));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

struct RoleRule {
  Role role;
  std::vector<std::string_view> words;
};

const std::array<RoleRule, 4>& role_rules() {
  static const std::array<RoleRule, 4> rules = {
      RoleRule{Role::kControl,
               {"firewall", "fw", "console", "oob", "balancer", "loadbalancer", "controller", "ids", "ips", "vpn",
                "security"}},
      RoleRule{Role::kStorage, {"storage", "san", "nas"}},
      RoleRule{Role::kComputing, {"server", "servers", "compute", "host", "hypervisor", "virtualization", "vm"}},
      RoleRule{Role::kTransmission, {"router",   "switch", "patch", "panel",   "leaf", "spine", "tor",
                                     "optical",  "dwdm",   "roadm", "mux",     "olt",  "ont",   "radio",
                                     "wireless", "ap",     "modem", "gateway", "bng",  "bras",  "transport"}},
  };
  return rules;
}

// ---------------------------------------------------------------------------------------
// Shared pieces

// What a NetBox termination type means for links.
enum class Term { kData, kNoTraffic, kUnknown };

Term classify(std::string_view type) {
  for (std::string_view t :
       {"dcim.interface", "dcim.frontport", "dcim.rearport", "dcim.consoleport", "dcim.consoleserverport"})
    if (type == t) return Term::kData;
  for (std::string_view t : {"dcim.powerport", "dcim.poweroutlet", "dcim.powerfeed", "circuits.circuittermination"})
    if (type == t) return Term::kNoTraffic;
  return Term::kUnknown;
}

constexpr const char* kKnownTerminations =
    "a termination type dcim.interface, dcim.frontport, dcim.rearport, dcim.consoleport, dcim.consoleserverport, "
    "dcim.powerport, dcim.poweroutlet, dcim.powerfeed or circuits.circuittermination";

// A device before ids are assigned: NetBox's numeric id and name.
struct Pending {
  int64_t nb_id = 0;
  std::optional<std::string> nb_name;
  Device device;
};

// One end's device: its NetBox id and, when the export writes it (REST), its name.
struct EndDevice {
  int64_t id = 0;
  core::SourcePos pos;
  std::optional<std::string> name;
};

// One cable's two ends; `passes` false when an end is not a data port.
struct CableEnds {
  core::SourcePos pos;
  std::vector<EndDevice> a, b;
  bool passes = true;
};

std::optional<std::string> country_field(Object& o, std::string_view key) {
  auto s = o.str(key);
  if (!s || s->empty()) return s;
  auto code = core::alpha2_upper(*s);
  if (!code)
    o.error(*o.value().find(key), o.field(key) + " as an ISO 3166-1 alpha-2 code such as \"DE\"",
            core::quote_found(*s));
  return code;
}

// custom_fields (REST) / custom_field_data (dumpdata): segment, country, replace_cost.
void read_custom_fields(Object& o, std::string_view key, Device& d, Problems& p) {
  const Value* cf = o.object(key);
  if (!cf) return;
  Object c(*cf, o.file(), o.field(key), p);
  if (auto s = c.str("segment")) d.segment = *s;
  if (auto s = country_field(c, "country")) d.country = *s;
  d.replace_cost = c.number("replace_cost");
}

void set_role(Device& d, std::optional<std::string> name, std::optional<std::string> slug) {
  d.role_label = name ? *name : slug.value_or("");
  d.role = netbox_role(slug && !slug->empty() ? *slug : d.role_label);
}

// Gives every device its id (see netbox.h) and builds the NetBox id -> net.devices index map.
core::Result<std::unordered_map<int64_t, size_t>> assign_ids(std::vector<Pending>& pending, const std::string& file,
                                                             Network& net) {
  std::unordered_map<std::string, int> uses;
  for (const Pending& p : pending)
    if (p.nb_name && !p.nb_name->empty()) ++uses[*p.nb_name];
  std::unordered_map<int64_t, size_t> id_of;
  for (Pending& p : pending) {
    Device& d = p.device;
    d.name = p.nb_name.value_or("");
    if (d.name.empty())
      d.id = "netbox-device-" + std::to_string(p.nb_id);
    else if (uses[d.name] > 1)
      d.id = d.name + "#" + std::to_string(p.nb_id);
    else
      d.id = d.name;
    if (!id_of.emplace(p.nb_id, net.devices.size()).second)
      return core::Error(d.pos, "a NetBox device id used once in " + file,
                         "a second device id " + std::to_string(p.nb_id));
    net.devices.push_back(std::move(d));
  }
  return id_of;
}

core::Status add_links(const std::map<int64_t, CableEnds>& cables, const std::unordered_map<int64_t, size_t>& id_of,
                       Network& net) {
  for (const auto& [pk, c] : cables) {
    if (!c.passes || c.a.empty() || c.b.empty()) continue;
    std::vector<std::pair<std::string, std::string>> pairs;
    // An end that names another device than the export has under its id: the cable export
    // and the devices export disagree, and joining them by id would invent a link.
    std::string disagree;
    for (const auto* side : {&c.a, &c.b})
      for (const EndDevice& e : *side) {
        auto it = id_of.find(e.id);
        if (it == id_of.end())
          return core::Error(e.pos, "a device that is in the devices export", "device id " + std::to_string(e.id));
        const Device& d = net.devices[it->second];
        if (e.name && *e.name != d.name)
          disagree += std::string(disagree.empty() ? "" : "; ") + "end " + (side == &c.a ? "A" : "B") +
                      " names device " + std::to_string(e.id) + " \"" + *e.name + "\", but the devices export (" +
                      d.pos.to_string() + ") has device " + std::to_string(e.id) + " \"" + d.name + "\"";
      }
    if (!disagree.empty()) {
      const EndDevice& first = !c.a.empty() ? c.a.front() : c.b.front();
      net.warnings.push_back(
          {first.pos, "cable " + std::to_string(pk) + ": " + disagree + ": cable left out, no link made"});
      continue;
    }
    for (const auto& a : c.a)
      for (const auto& b : c.b) {
        std::pair<std::string, std::string> e{net.devices[id_of.at(a.id)].id, net.devices[id_of.at(b.id)].id};
        bool seen = false;
        for (const auto& q : pairs) seen = seen || q == e;
        if (!seen) pairs.push_back(std::move(e));
      }
    for (size_t k = 0; k < pairs.size(); ++k) {
      Link l;
      l.id = "cable-" + std::to_string(pk) + (pairs.size() > 1 ? "/" + std::to_string(k + 1) : "");
      l.a = pairs[k].first;
      l.b = pairs[k].second;
      l.pos = c.pos;
      net.links.push_back(std::move(l));
    }
  }
  return core::Ok{};
}

// ---------------------------------------------------------------------------------------
// REST form

// The result objects of a REST export: {"results": [...]} or a plain array.
core::Result<std::pair<const std::vector<Value>*, std::string>> rest_results(const Value& root, const std::string& file,
                                                                             Problems& p) {
  if (root.is_array()) return std::pair{&root.items, std::string()};
  Object top(root, file, "", p);
  top.check_unique_keys();
  const auto* results = top.array("results", true);
  // A paginated response: say so rather than that the count is off.
  if (const Value* next = top.get("next"))
    return core::Error(
        top.pos(*next), "a complete export (all pages: fetch with ?limit=0, or join the pages' results)",
        "a link to a next page " + (next->is_string() ? core::quote_found(next->text, 80) : json::describe(*next)));
  if (auto count = top.integer("count"); count && results && static_cast<size_t>(*count) != results->size())
    top.error(*top.value().find("count"), "as many results as \"count\" says (" + std::to_string(*count) + ")",
              std::to_string(results->size()) + " results");
  if (p.any()) return p.first();
  return std::pair{results, std::string("results")};
}

void read_rest_device(const Value& v, const std::string& file, const std::string& where, std::vector<Pending>& out,
                      Problems& p) {
  if (!v.is_object()) {
    p.add(core::Error(core::SourcePos(file, v.line, v.column), where + " as a device object", json::describe(v)));
    return;
  }
  Object o(v, file, where, p);
  o.check_unique_keys();
  Pending pd;
  Device& d = pd.device;
  d.pos = o.pos();
  pd.nb_id = o.integer("id", true).value_or(0);
  pd.nb_name = o.str("name");
  if (const Value* dt = o.object("device_type", true)) {
    Object t(*dt, file, o.field("device_type"), p);
    if (const Value* man = t.object("manufacturer", true)) {
      Object m(*man, file, t.field("manufacturer"), p);
      d.equipment.vendor = m.str("name", true).value_or("");
    }
    d.equipment.model = t.str("model", true).value_or("");
    d.equipment.pos = o.pos(*dt);
    d.equipment.source = file + " " + t.field("manufacturer") + ".name";
  }
  d.equipment.serial = o.str("serial").value_or("");
  std::string_view role_key = o.value().find("role") ? "role" : "device_role";
  if (const Value* r = o.object(role_key)) {
    Object ro(*r, file, o.field(role_key), p);
    auto name = ro.str("name");
    auto slug = ro.str("slug");
    if (!name && !slug) ro.error(*r, "a role with a name or slug in " + ro.place(), "neither");
    set_role(d, name, slug);
  } else if (!o.value().find(role_key)) {
    o.error(v, "key \"role\" (or \"device_role\") in " + where, "none");
  }
  if (const Value* s = o.object("site")) {
    Object so(*s, file, o.field("site"), p);
    d.site = so.str("name").value_or("");
  }
  read_custom_fields(o, "custom_fields", d, p);
  out.push_back(std::move(pd));
}

// One a_terminations / b_terminations list (or a legacy termination_a) into `side`.
void read_rest_end(Object& o, std::string_view end, std::vector<EndDevice>& side, bool& passes, Problems& p) {
  const std::string& file = o.file();
  std::string list_key = std::string(end) + "_terminations";
  auto one = [&](const Value& t, const std::string& where, std::string_view type_key, std::string_view object_key) {
    if (!t.is_object()) {
      p.add(core::Error(core::SourcePos(file, t.line, t.column), where + " as an object", json::describe(t)));
      return;
    }
    Object to(t, file, where, p);
    auto type = to.str(type_key, true);
    if (!type) return;
    Term k = classify(*type);
    if (k == Term::kUnknown) {
      to.error(*t.find(type_key), kKnownTerminations, core::quote_found(*type));
      return;
    }
    if (k == Term::kNoTraffic) {
      passes = false;
      return;
    }
    const Value* obj = to.object(object_key, true);
    if (!obj) return;
    Object oo(*obj, file, to.field(object_key), p);
    const Value* dev = oo.object("device", true);
    if (!dev) return;
    Object dd(*dev, file, oo.field("device"), p);
    if (auto id = dd.integer("id", true)) side.push_back(EndDevice{*id, dd.pos(), dd.str("name")});
  };
  if (o.value().find(list_key)) {
    if (const auto* ts = o.array(list_key))
      for (size_t i = 0; i < ts->size(); ++i)
        one((*ts)[i], o.field(list_key) + "[" + std::to_string(i) + "]", "object_type", "object");
    return;
  }
  std::string type_key = "termination_" + std::string(end) + "_type";
  if (!o.value().find(type_key)) {
    o.error(o.value(), "key \"" + list_key + "\" (or \"" + type_key + "\") in " + o.place(), "none");
    return;
  }
  // Legacy (NetBox < 3.3): {"termination_a_type": "dcim.interface", "termination_a": {"device": ...}}.
  one(o.value(), o.where(), type_key, "termination_" + std::string(end));
}

void read_rest_cable(const Value& v, const std::string& file, const std::string& where,
                     std::map<int64_t, CableEnds>& cables, Problems& p) {
  if (!v.is_object()) {
    p.add(core::Error(core::SourcePos(file, v.line, v.column), where + " as a cable object", json::describe(v)));
    return;
  }
  Object o(v, file, where, p);
  o.check_unique_keys();
  auto id = o.integer("id", true);
  CableEnds c;
  c.pos = o.pos();
  read_rest_end(o, "a", c.a, c.passes, p);
  read_rest_end(o, "b", c.b, c.passes, p);
  if (!id) return;
  if (cables.count(*id)) {
    o.error(*v.find("id"), "a cable id used once in " + file, "a second cable " + std::to_string(*id));
    return;
  }
  cables.emplace(*id, std::move(c));
}

core::Result<Network> load_rest(const Value& devices, const std::string& dev_file, const Value* cables,
                                const std::string& cab_file) {
  Problems p;
  auto res = rest_results(devices, dev_file, p);
  if (!res) return res.error();
  std::vector<Pending> pending;
  const auto& [items, base] = *res;
  for (size_t i = 0; i < items->size(); ++i)
    read_rest_device((*items)[i], dev_file, base + "[" + std::to_string(i) + "]", pending, p);
  if (p.any()) return p.first();

  std::map<int64_t, CableEnds> cable_ends;
  if (cables) {
    Problems q;
    auto cres = rest_results(*cables, cab_file, q);
    if (!cres) return cres.error();
    const auto& [citems, cbase] = *cres;
    for (size_t i = 0; i < citems->size(); ++i)
      read_rest_cable((*citems)[i], cab_file, cbase + "[" + std::to_string(i) + "]", cable_ends, q);
    if (q.any()) return q.first();
  }
  Network net;
  net.provenance = "NetBox REST export " + dev_file + (cables ? ", " + cab_file : "");
  auto id_of = assign_ids(pending, dev_file, net);
  if (!id_of) return id_of.error();
  if (auto s = add_links(cable_ends, *id_of, net); !s) return s.error();
  if (auto s = net.finalize(); !s) return s.error();
  return net;
}

// ---------------------------------------------------------------------------------------
// dumpdata form

struct DumpObj {
  const Value* elem = nullptr;
  const Value* fields = nullptr;
};

struct DumpTable {
  std::vector<std::pair<int64_t, DumpObj>> in_order;
  std::unordered_map<int64_t, DumpObj> by_pk;
};

bool is_dumpdata(const Value& root) {
  if (!root.is_array() || root.items.empty()) return false;
  const Value& first = root.items[0];
  return first.is_object() && first.find("model") && first.find("fields");
}

// The models the importer reads; everything else in the dump is skipped unread.
bool wanted(std::string_view model) {
  for (std::string_view m :
       {"dcim.device", "dcim.devicetype", "dcim.manufacturer", "dcim.devicerole", "dcim.site", "dcim.cable",
        "dcim.cabletermination", "dcim.interface", "dcim.frontport", "dcim.rearport", "dcim.consoleport",
        "dcim.consoleserverport", "dcim.module", "dcim.moduletype", "dcim.inventoryitem", "contenttypes.contenttype"})
    if (model == m) return true;
  return false;
}

class Dump {
 public:
  explicit Dump(Problems& p) : p_(p) {}

  void add(const Value& root, const std::string& file) {
    for (size_t i = 0; i < root.items.size(); ++i) {
      const Value& el = root.items[i];
      std::string where = "[" + std::to_string(i) + "]";
      if (!el.is_object()) {
        p_.add(core::Error(core::SourcePos(file, el.line, el.column), where + " as a {model, pk, fields} object",
                           json::describe(el)));
        continue;
      }
      Object o(el, file, where, p_);
      auto model = o.str("model", true);
      if (!model || !wanted(*model)) continue;
      o.check_unique_keys();
      auto pk = o.integer("pk", true);
      const Value* fields = o.object("fields", true);
      if (!pk || !fields) continue;
      DumpTable& t = tables_[*model];
      DumpObj d{&el, fields};
      if (!t.by_pk.emplace(*pk, d).second) {
        o.error(*el.find("pk"), "a pk used once for " + *model, "a second pk " + std::to_string(*pk));
        continue;
      }
      t.in_order.emplace_back(*pk, d);
      file_of_[&el] = &file;
    }
  }

  const DumpTable& table(const std::string& model) {
    static const DumpTable empty;
    auto it = tables_.find(model);
    return it == tables_.end() ? empty : it->second;
  }
  const std::string& file(const DumpObj& d) const { return *file_of_.at(d.elem); }
  core::SourcePos pos(const DumpObj& d) const { return core::SourcePos(file(d), d.elem->line, d.elem->column); }
  std::string name(const std::string& model, int64_t pk) const { return model + "(pk=" + std::to_string(pk) + ")"; }
  Object fields(const std::string& model, int64_t pk, const DumpObj& d) {
    return Object(*d.fields, file(d), name(model, pk), p_);
  }

  // The object a foreign key names; an error at the key's value when it is not in the dump.
  const DumpObj* resolve(Object& from, std::string_view key, const std::string& model, std::optional<int64_t> pk) {
    if (!pk) return nullptr;
    const DumpTable& t = table(model);
    auto it = t.by_pk.find(*pk);
    if (it != t.by_pk.end()) return &it->second;
    from.error(*from.value().find(key), "a " + model + " with pk " + std::to_string(*pk) + " (" + from.field(key) + ")",
               "none in the dump");
    return nullptr;
  }

  // A content type as "app.model", from ["app", "model"] (natural key) or a contenttype pk.
  std::optional<std::string> content_type(Object& from, std::string_view key) {
    const Value* v = from.get(key, true);
    if (!v) return std::nullopt;
    if (v->is_array() && v->items.size() == 2 && v->items[0].is_string() && v->items[1].is_string())
      return v->items[0].text + "." + v->items[1].text;
    if (v->is_number() && v->is_integer) {
      const DumpObj* ct = resolve(from, key, "contenttypes.contenttype", v->integer);
      if (!ct) return std::nullopt;
      Object c = fields("contenttypes.contenttype", v->integer, *ct);
      auto app = c.str("app_label", true);
      auto model = c.str("model", true);
      if (!app || !model) return std::nullopt;
      return *app + "." + *model;
    }
    from.error(*v, from.field(key) + " as a content type [\"app\", \"model\"] or its pk", json::describe(*v));
    return std::nullopt;
  }

 private:
  Problems& p_;
  std::unordered_map<std::string, DumpTable> tables_;
  std::unordered_map<const Value*, const std::string*> file_of_;
};

// "<file> dcim.device 12 -> dcim.devicetype 6 -> dcim.manufacturer 3 name".
std::optional<std::string> manufacturer_name(Dump& dump, Object& from, std::string_view key, std::string& chain) {
  auto pk = from.integer(key, true);
  const DumpObj* m = dump.resolve(from, key, "dcim.manufacturer", pk);
  if (!m) return std::nullopt;
  chain += " -> dcim.manufacturer " + std::to_string(*pk) + " name";
  return dump.fields("dcim.manufacturer", *pk, *m).str("name", true);
}

core::Result<Network> load_dump(Dump& dump, Problems& p, const std::string& provenance) {
  std::vector<Pending> pending;
  std::unordered_map<int64_t, size_t> pending_of;  // NetBox device pk -> index in pending
  for (const auto& [pk, obj] : dump.table("dcim.device").in_order) {
    Object f = dump.fields("dcim.device", pk, obj);
    Pending pd;
    Device& d = pd.device;
    pd.nb_id = pk;
    pd.nb_name = f.str("name");
    d.pos = dump.pos(obj);
    d.equipment.serial = f.str("serial").value_or("");
    d.equipment.pos = d.pos;
    auto dt_pk = f.integer("device_type", true);
    if (const DumpObj* dt = dump.resolve(f, "device_type", "dcim.devicetype", dt_pk)) {
      Object t = dump.fields("dcim.devicetype", *dt_pk, *dt);
      std::string chain =
          dump.file(obj) + " dcim.device " + std::to_string(pk) + " -> dcim.devicetype " + std::to_string(*dt_pk);
      d.equipment.model = t.str("model", true).value_or("");
      d.equipment.vendor = manufacturer_name(dump, t, "manufacturer", chain).value_or("");
      d.equipment.source = chain;
      if (const Value* at = f.value().find("device_type")) d.equipment.pos = f.pos(*at);
    }
    std::string_view role_key = f.value().find("role") ? "role" : "device_role";
    auto role_pk = f.integer(role_key, true);
    if (const DumpObj* r = dump.resolve(f, role_key, "dcim.devicerole", role_pk)) {
      Object ro = dump.fields("dcim.devicerole", *role_pk, *r);
      set_role(d, ro.str("name"), ro.str("slug"));
    }
    auto site_pk = f.integer("site");
    if (const DumpObj* s = dump.resolve(f, "site", "dcim.site", site_pk))
      d.site = dump.fields("dcim.site", *site_pk, *s).str("name").value_or("");
    read_custom_fields(f, "custom_field_data", d, p);
    pending_of[pk] = pending.size();
    pending.push_back(std::move(pd));
  }

  // Modules and inventory items with a maker are the device's components.
  auto component_device = [&](Object& f) -> Pending* {
    auto dev = f.integer("device", true);
    if (!dev) return nullptr;
    auto it = pending_of.find(*dev);
    if (it != pending_of.end()) return &pending[it->second];
    f.error(*f.value().find("device"), "a dcim.device with pk " + std::to_string(*dev) + " (" + f.field("device") + ")",
            "none in the dump");
    return nullptr;
  };
  for (const auto& [pk, obj] : dump.table("dcim.module").in_order) {
    Object f = dump.fields("dcim.module", pk, obj);
    Pending* owner = component_device(f);
    auto mt_pk = f.integer("module_type", true);
    const DumpObj* mt = dump.resolve(f, "module_type", "dcim.moduletype", mt_pk);
    if (!owner || !mt) continue;
    Object t = dump.fields("dcim.moduletype", *mt_pk, *mt);
    Equipment e;
    std::string chain =
        dump.file(obj) + " dcim.module " + std::to_string(pk) + " -> dcim.moduletype " + std::to_string(*mt_pk);
    e.model = t.str("model", true).value_or("");
    e.vendor = manufacturer_name(dump, t, "manufacturer", chain).value_or("");
    e.serial = f.str("serial").value_or("");
    e.description = f.str("description").value_or("");
    e.source = chain;
    e.pos = dump.pos(obj);
    owner->device.components.push_back(std::move(e));
  }
  for (const auto& [pk, obj] : dump.table("dcim.inventoryitem").in_order) {
    Object f = dump.fields("dcim.inventoryitem", pk, obj);
    Pending* owner = component_device(f);
    if (!f.get("manufacturer") || !owner) continue;
    Equipment e;
    std::string chain = dump.file(obj) + " dcim.inventoryitem " + std::to_string(pk);
    e.vendor = manufacturer_name(dump, f, "manufacturer", chain).value_or("");
    auto part = f.str("part_id").value_or("");
    e.model = part.empty() ? f.str("name").value_or("") : part;
    e.serial = f.str("serial").value_or("");
    e.description = f.str("description").value_or("");
    e.source = chain;
    e.pos = dump.pos(obj);
    owner->device.components.push_back(std::move(e));
  }

  // Cables: NetBox >= 3.3 keeps the ends in dcim.cabletermination, older ones on the cable.
  std::map<int64_t, CableEnds> cables;
  for (const auto& [pk, obj] : dump.table("dcim.cable").in_order) cables[pk].pos = dump.pos(obj);
  auto add_end = [&](Object& f, int64_t cable, std::string_view end, std::string_view type_key, std::string_view id_key,
                     std::string_view cached_key, const core::SourcePos& pos) {
    auto type = dump.content_type(f, type_key);
    auto tid = f.integer(id_key, true);
    if (!type || !tid) return;
    CableEnds& c = cables[cable];
    if (c.pos.file.empty()) c.pos = pos;
    Term k = classify(*type);
    if (k == Term::kUnknown) {
      f.error(*f.value().find(type_key), kKnownTerminations, core::quote_found(*type));
      return;
    }
    if (k == Term::kNoTraffic) {
      c.passes = false;
      return;
    }
    std::optional<int64_t> dev;
    const DumpTable& ports = dump.table(*type);
    if (auto it = ports.by_pk.find(*tid); it != ports.by_pk.end()) {
      Object port = dump.fields(*type, *tid, it->second);
      dev = port.integer("device", true);
    } else if (!cached_key.empty() && f.get(cached_key)) {
      dev = f.integer(cached_key);
    } else {
      f.error(*f.value().find(id_key), "a " + *type + " with pk " + std::to_string(*tid) + " (" + f.field(id_key) + ")",
              "none in the dump");
      return;
    }
    if (dev) (end == "A" ? c.a : c.b).push_back(EndDevice{*dev, pos, std::nullopt});
  };
  for (const auto& [pk, obj] : dump.table("dcim.cabletermination").in_order) {
    Object f = dump.fields("dcim.cabletermination", pk, obj);
    auto cable = f.integer("cable", true);
    auto end = f.str("cable_end", true);
    if (!cable || !end) continue;
    if (*end != "A" && *end != "B") {
      f.error(*f.value().find("cable_end"), f.field("cable_end") + " as \"A\" or \"B\"", core::quote_found(*end));
      continue;
    }
    add_end(f, *cable, *end, "termination_type", "termination_id", "_device", dump.pos(obj));
  }
  for (const auto& [pk, obj] : dump.table("dcim.cable").in_order) {
    Object f = dump.fields("dcim.cable", pk, obj);
    if (!f.value().find("termination_a_type")) continue;
    add_end(f, pk, "A", "termination_a_type", "termination_a_id", "", dump.pos(obj));
    add_end(f, pk, "B", "termination_b_type", "termination_b_id", "", dump.pos(obj));
  }
  if (p.any()) return p.first();

  Network net;
  net.provenance = provenance;
  auto id_of = assign_ids(pending, provenance, net);
  if (!id_of) return id_of.error();
  if (auto s = add_links(cables, *id_of, net); !s) return s.error();
  if (auto s = net.finalize(); !s) return s.error();
  return net;
}

}  // namespace

Role netbox_role(std::string_view slug_or_name) {
  std::vector<std::string> words = role_words(slug_or_name);
  for (const RoleRule& rule : role_rules())
    for (const std::string& w : words)
      for (std::string_view r : rule.words)
        if (w == r) return rule.role;
  return Role::kUnknown;
}

core::Result<Network> load_netbox(core::Input devices, std::optional<core::Input> cables) {
  auto dev = json::read(devices);
  if (!dev) return dev.error();
  std::optional<json::Value> cab;
  if (cables) {
    auto c = json::read(*cables);
    if (!c) return c.error();
    cab = std::move(*c);
  }
  const std::string& dev_file = devices.name();
  const std::string cab_file = cables ? cables->name() : std::string();
  const Value& root = *dev;
  if (is_dumpdata(root)) {
    if (cab && !(is_dumpdata(*cab) || (cab->is_array() && cab->items.empty())))
      return core::Error(core::SourcePos(cab_file, cab->line, cab->column),
                         "NetBox dumpdata [{\"model\", \"pk\", \"fields\"}] like " + dev_file,
                         "another form (" + json::describe(*cab) + ")");
    Problems p;
    Dump dump(p);
    dump.add(root, dev_file);
    if (cab) dump.add(*cab, cab_file);
    if (p.any()) return p.first();
    return load_dump(dump, p, "NetBox dumpdata " + dev_file + (cab ? ", " + cab_file : ""));
  }
  // GET /api/dcim/devices/ID/ answers one device object: name it as such.
  if (root.is_object() && !root.find("results") && root.find("device_type")) {
    const Value* id = root.find("id");
    const Value* name = root.find("name");
    std::string what = "a single NetBox device object (GET /api/dcim/devices/ID/)";
    if (id && id->is_number()) what += ": device " + id->text;
    if (name && name->is_string()) what += " " + core::quote_found(name->text);
    return core::Error(core::SourcePos(dev_file, root.line, root.column),
                       "a NetBox device list export ({\"results\": [...]} of GET /api/dcim/devices/?limit=0, or "
                       "dumpdata)",
                       what);
  }
  if (!root.is_array() && !(root.is_object() && root.find("results")))
    return core::Error(core::SourcePos(dev_file, root.line, root.column),
                       "a NetBox export: the REST API's {\"results\": [...]} or dumpdata [{\"model\", \"pk\", "
                       "\"fields\"}]",
                       json::describe(root));
  if (cab && is_dumpdata(*cab))
    return core::Error(core::SourcePos(cab_file, cab->line, cab->column),
                       "a NetBox REST export of cables like " + dev_file, "dumpdata");
  return load_rest(root, dev_file, cab ? &*cab : nullptr, cab_file);
}

core::Result<Network> load_netbox(const std::string& devices_path, const std::string& cables_path) {
  auto d = core::Input::open(devices_path);
  if (!d) return d.error();
  std::optional<core::Input> c;
  if (!cables_path.empty()) {
    auto r = core::Input::open(cables_path);
    if (!r) return r.error();
    c.emplace(std::move(*r));
  }
  return load_netbox(std::move(*d), std::move(c));
}

}  // namespace cleannet::netmodel
