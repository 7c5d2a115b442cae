#include "cleannet/audit/scenario.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <tuple>

#include "cleannet/core/date.h"
#include "cleannet/core/input.h"
#include "cleannet/core/toml.h"
#include "cleannet/trust/policy.h"

namespace cleannet::audit {

namespace fs = std::filesystem;

namespace {

using T = ValueType;

std::vector<CheckKind> make_kinds() {
  // `path check` and `path plan` read the same inventory.
  const std::vector<KeySpec> inventory = {
      {"inventory", T::kPath, true,
       "Inventory: native JSON, a folder with devices.csv/links.csv[/demands.csv], NetBox JSON, or GraphML"},
      {"vendors", T::kPath, false, "Vendor assignment CSV for a GraphML topology"},
      {"cables", T::kPath, false, "NetBox cables export (REST form) for a NetBox devices export"},
      {"demands", T::kPath, false, "Demands CSV (id,source,destination,traffic_class,path) added to the inventory's"},
      {"traffic_class", T::kString, false, "Traffic class for demands that name none"},
      {"hbom", T::kDeviceFiles, false, "DEVICE=FILE: a CycloneDX hardware BOM of that device"},
      {"device_output", T::kDeviceFiles, false,
       "DEVICE=FILE: that device's CLI inventory (show inventory, display elabel ...)"}};
  std::vector<KeySpec> plan = inventory;
  plan.insert(plan.end(),
              {{"class", T::kStrings, false, "Plan for demands of these traffic classes only (default all)"},
               {"default_cost", T::kNumber, false, "Replacement cost of an element whose inventory gives none (default 1)"},
               {"time_limit", T::kNumber, false,
                "Seconds GLPK may spend on the exact plan before falling back (default 60, at most 86400)"},
               {"approximate", T::kBoolean, false, "Use the greedy approximation (with its bound) even when small"}});
  return {
      {"path", "path check", "path", inventory},
      {"plan", "path plan", "path", plan},
      {"things",
       "things scan",
       "things",
       {{"paths", T::kPaths, true, "Captures: nmap -oX, dhcpd.leases, ip neigh, arp -a/-n, /proc/net/arp"},
        {"input_format", T::kString, false, "auto, nmap, dhcpd, ip-neigh or arp (default auto)"}}},
      {"carrier",
       "carrier check",
       "carrier",
       {{"asn", T::kStrings, true, "The network's ASes (the first is used for inference)"},
        {"prefix", T::kStrings, false, "The network's prefixes"},
        {"rib", T::kPaths, false, "MRT RIB dumps (TABLE_DUMP or TABLE_DUMP_V2)"},
        {"updates", T::kPaths, false, "MRT update streams (BGP4MP, BGP4MP_ET)"},
        {"as_rel", T::kPath, false, "CAIDA AS relationships (as-rel or as-rel2)"},
        {"as_names", T::kPath, false, "AS number -> name/country list"},
        {"as2org", T::kPath, false, "CAIDA as2org file (instead of as_names)"},
        {"max_destinations", T::kInteger, false, "Destinations for inferred outbound routes (default 1000)"},
        {"keep_going", T::kBoolean, false, "Read past damaged records and report what was skipped"}}},
      {"trace",
       "trace check",
       "trace",
       {{"paths", T::kPaths, true, "RIPE Atlas results or scamper JSON"},
        {"rib", T::kPaths, false, "MRT RIB dumps for prefix -> origin AS"},
        {"pfx2as", T::kPaths, false, "Prefix -> origin AS tables: pyasn, RouteViews pfx2as or iptoasn"},
        {"ixp", T::kPath, false, "IXP peering-LAN prefixes: CAIDA IXPs dataset"},
        {"as_names", T::kPath, false, "AS number -> name/country list"},
        {"as2org", T::kPath, false, "CAIDA as2org file (instead of as_names)"},
        {"keep_going", T::kBoolean, false, "Read past damaged RIB records and report what was skipped"},
        {"top", T::kInteger, false, "Rows per aggregate table in text output (default 10)"}}},
      {"cloud",
       "cloud check",
       "cloud",
       {{"paths", T::kPaths, true,
         "Terraform .tf/.tf.json files or folders, .tfstate, terraform show -json output, inventory .csv/.json"},
        {"data_class_tag", T::kString, false, "Tag or label that holds a resource's data class (default data_class)"},
        {"assume_data_class", T::kString, false,
         "Data class for data-holding resources that carry no data class tag"}}},
      {"cable",
       "cable check",
       "cable",
       {{"data", T::kPath, false, "TeleGeography cable file (default: the bundled snapshot)"},
        {"country", T::kString, false, "Report only this country (ISO code or name)"},
        {"to", T::kString, false, "Target countries: ISO codes, names and the group EU, comma-separated (default US)"},
        {"without", T::kStrings, false, "Cables removed from the network (id or name)"},
        {"include_planned", T::kBoolean, false, "Planned cables carry traffic too"}}},
      {"apps",
       "apps check",
       "apps",
       {{"paths", T::kPaths, true,
         "F-Droid index JSON, app CSV, pm list packages output, UAD list JSON, APK"},
        {"device", T::kString, false, "Maker of the device the package lists come from"}}},
      {"lookup",
       "registry lookup",
       "registry",
       {{"ids", T::kStrings, false, "Identifiers: ASN, IP, MAC/OUI, domain, Android package, certificate, name"},
        {"from", T::kPath, false, "A file of identifiers, one per line"}}},
  };
}

std::string type_text(ValueType t) {
  switch (t) {
    case T::kString: return "a string";
    case T::kPath: return "a file name (a string)";
    case T::kStrings: return "a string or an array of strings";
    case T::kPaths: return "a file name or an array of file names";
    case T::kDeviceFiles: return "an array of \"DEVICE=FILE\" strings";
    case T::kInteger: return "an integer >= 0";
    case T::kNumber: return "a number >= 0";
    case T::kBoolean: return "true or false";
  }
  return "";
}

// Reads a scenario, collecting errors in file order (the first is returned).
class Reader {
 public:
  Reader(const std::string& path, std::vector<core::Error>& errs)
      : path_(path), errs_(errs), dir_(fs::path(path).parent_path()) {}

  core::SourcePos pos(const toml::node& n) const {
    return core::SourcePos(path_, n.source().begin.line, n.source().begin.column);
  }
  void error(const toml::node& n, std::string expected, std::string found) {
    errs_.emplace_back(pos(n), std::move(expected), std::move(found));
  }

  // A file name resolved against the scenario's folder, which must exist.
  std::string file(const toml::node& n, const std::string& value, std::string_view key) {
    if (value.empty() || value == "-") {
      error(n, std::string(key) + " as a file name (an audit reads no standard input)", core::quote_found(value));
      return value;
    }
    fs::path p(value);
    std::string resolved = p.is_absolute() ? value : (dir_ / p).lexically_normal().string();
    std::error_code ec;
    if (!fs::exists(resolved, ec)) error(n, std::string(key) + " as an existing file", "no such file " + core::quote_found(resolved, 200));
    return resolved;
  }

  // The strings of a string or array-of-strings node; false (after an error) otherwise.
  bool strings(const toml::node& n, std::string_view key, ValueType t, std::vector<std::pair<std::string, const toml::node*>>& out) {
    if (n.is_string()) {
      out.emplace_back(n.as_string()->get(), &n);
      return true;
    }
    const toml::array* a = n.as_array();
    if (!a) {
      error(n, std::string(key) + " as " + type_text(t), core::describe(n));
      return false;
    }
    for (const toml::node& el : *a) {
      if (!el.is_string()) {
        error(el, std::string(key) + " elements as strings", core::describe(el));
        return false;
      }
      out.emplace_back(el.as_string()->get(), &el);
    }
    return true;
  }

  void value(CheckSpec& c, const KeySpec& k, const toml::node& n) {
    std::vector<std::string>& v = c.values[std::string(k.key)];
    switch (k.type) {
      case T::kString:
      case T::kPath:
        if (!n.is_string()) {
          error(n, std::string(k.key) + " as " + type_text(k.type), core::describe(n));
          return;
        }
        v.push_back(n.as_string()->get());
        if (k.type == T::kPath) {
          v.back() = file(n, v.back(), k.key);
          c.files.push_back(v.back());
        }
        return;
      case T::kStrings:
      case T::kPaths:
      case T::kDeviceFiles: {
        std::vector<std::pair<std::string, const toml::node*>> items;
        if (k.type == T::kDeviceFiles && n.is_string()) {
          error(n, std::string(k.key) + " as " + type_text(k.type), core::describe(n));
          return;
        }
        if (!strings(n, k.key, k.type, items)) return;
        if (items.empty() && k.required) error(n, std::string(k.key) + " with at least one element", "an empty array");
        for (auto& [s, node] : items) {
          if (k.type == T::kPaths) {
            s = file(*node, s, k.key);
            c.files.push_back(s);
          } else if (k.type == T::kDeviceFiles) {
            size_t eq = s.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == s.size()) {
              error(*node, std::string(k.key) + " elements as DEVICE=FILE", core::quote_found(s));
              continue;
            }
            std::string f = file(*node, s.substr(eq + 1), k.key);
            c.files.push_back(f);
            s = s.substr(0, eq + 1) + f;
          }
          v.push_back(std::move(s));
        }
        return;
      }
      case T::kInteger:
        if (!n.is_integer() || n.as_integer()->get() < 0) {
          error(n, std::string(k.key) + " as " + type_text(k.type), core::describe(n));
          return;
        }
        v.push_back(std::to_string(n.as_integer()->get()));
        return;
      case T::kNumber: {
        const std::optional<double> d = n.is_integer() ? std::optional<double>(static_cast<double>(*n.value<int64_t>()))
                                        : n.is_floating_point() ? n.value<double>()
                                                                : std::nullopt;
        if (!d || !(*d >= 0) || !std::isfinite(*d)) {
          error(n, std::string(k.key) + " as " + type_text(k.type), core::describe(n));
          return;
        }
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
        v.emplace_back(buf, ec == std::errc() ? end : buf);
        return;
      }
      case T::kBoolean:
        if (!n.is_boolean()) {
          error(n, std::string(k.key) + " as " + type_text(k.type), core::describe(n));
          return;
        }
        v.push_back(n.as_boolean()->get() ? "true" : "false");
        return;
    }
  }

  void check(const toml::table& t, Scenario& s) {
    CheckSpec c;
    c.line = t.source().begin.line;
    const toml::node* kn = t.get("kind");
    if (!kn) {
      errs_.emplace_back(pos(t), "key \"kind\" in [[check]] (path, things, carrier, trace, cloud, cable, apps or lookup)",
                         "none");
      return;
    }
    const CheckKind* kind = kn->is_string() ? find_check_kind(kn->as_string()->get()) : nullptr;
    if (!kind) {
      error(*kn, "kind = path, things, carrier, trace, cloud, cable, apps or lookup", core::describe(*kn));
      return;
    }
    c.kind = std::string(kind->kind);
    bool unknown_key = false;
    for (auto&& [key, node] : t) {
      std::string_view k = key.str();
      if (k == "kind") continue;
      if (k == "name") {
        if (!node.is_string() || node.as_string()->get().empty())
          error(node, "name as a non-empty string", core::describe(node));
        else
          c.name = node.as_string()->get();
        continue;
      }
      auto spec = std::find_if(kind->keys.begin(), kind->keys.end(), [&](const KeySpec& ks) { return ks.key == k; });
      if (spec == kind->keys.end()) {
        std::string list = "name";
        for (const KeySpec& ks : kind->keys) list += ", " + std::string(ks.key);
        errs_.emplace_back(core::SourcePos(path_, key.source().begin.line, key.source().begin.column),
                           "one of the keys " + list + " in a " + c.kind + " check",
                           "unknown key " + core::quote_found(k));
        unknown_key = true;
        continue;
      }
      value(c, *spec, node);
    }
    // A misspelt key is the problem to report, not the required key it was meant to be.
    for (const KeySpec& ks : kind->keys)
      if (ks.required && !unknown_key && !t.get(ks.key))
        errs_.emplace_back(pos(t), "key \"" + std::string(ks.key) + "\" in a " + c.kind + " check", "none");
    if (c.kind == "lookup" && !unknown_key && !t.get("ids") && !t.get("from"))
      errs_.emplace_back(pos(t), "key \"ids\" or \"from\" in a lookup check", "none");
    if (c.kind == "things" && c.has("input_format")) {
      static const std::vector<std::string> formats = {"auto", "nmap", "dhcpd", "ip-neigh", "arp"};
      if (std::find(formats.begin(), formats.end(), c.str("input_format")) == formats.end())
        error(*t.get("input_format"), "input_format = auto, nmap, dhcpd, ip-neigh or arp",
              core::quote_found(c.str("input_format")));
    }
    if (c.name.empty()) {
      size_t same = std::count_if(s.checks.begin(), s.checks.end(), [&](const CheckSpec& o) { return o.kind == c.kind; });
      c.name = same ? c.kind + "-" + std::to_string(same + 1) : c.kind;
    }
    for (const CheckSpec& o : s.checks)
      if (o.name == c.name)
        errs_.emplace_back(t.get("name") ? pos(*t.get("name")) : pos(t),
                           "a check name not used before (line " + std::to_string(o.line) + " is " + o.name + ")",
                           core::quote_found(c.name));
    s.checks.push_back(std::move(c));
  }

 private:
  const std::string& path_;
  std::vector<core::Error>& errs_;
  fs::path dir_;
};

}  // namespace

const std::vector<CheckKind>& check_kinds() {
  static const std::vector<CheckKind> kinds = make_kinds();
  return kinds;
}

const CheckKind* find_check_kind(std::string_view kind) {
  for (const CheckKind& k : check_kinds())
    if (k.kind == kind) return &k;
  return nullptr;
}

std::string CheckSpec::str(std::string_view key, std::string fallback) const {
  auto it = values.find(std::string(key));
  return it == values.end() || it->second.empty() ? fallback : it->second.front();
}

std::vector<std::string> CheckSpec::list(std::string_view key) const {
  auto it = values.find(std::string(key));
  return it == values.end() ? std::vector<std::string>{} : it->second;
}

int64_t CheckSpec::integer(std::string_view key, int64_t fallback) const {
  auto it = values.find(std::string(key));
  return it == values.end() || it->second.empty() ? fallback : std::stoll(it->second.front());
}

double CheckSpec::number(std::string_view key, double fallback) const {
  auto it = values.find(std::string(key));
  return it == values.end() || it->second.empty() ? fallback : std::stod(it->second.front());
}

bool CheckSpec::flag(std::string_view key) const { return str(key) == "true"; }

bool CheckSpec::has(std::string_view key) const { return values.count(std::string(key)) != 0; }

core::Result<Scenario> parse_scenario(const std::string& path, std::string_view text) {
  auto root = core::parse_toml(path, text);
  if (!root) return root.error();
  std::vector<core::Error> errs;
  Scenario s;
  s.path = path;
  s.text = std::string(text);
  Reader reader(path, errs);
  core::TableReader r(*root, path, errs, "a scenario");
  if (auto v = r.str("name", true)) {
    if (v->empty()) reader.error(*root->get("name"), "name as a non-empty string", "an empty string");
    s.name = *v;
  }
  if (auto v = r.str("policy")) {
    const auto names = trust::bundled_policy_names();
    if (std::find(names.begin(), names.end(), *v) != names.end())
      s.policy = *v;
    else
      s.policy = reader.file(*root->get("policy"), *v, "policy (clean-network, eu-toolbox or a policy file)");
  }
  if (const toml::node* n = r.get("as_of", false)) {
    std::optional<core::Date> d;
    if (n->is_date()) {
      auto v = n->as_date()->get();
      d = core::Date::from_ymd(v.year, v.month, v.day);
    } else if (n->is_string()) {
      d = core::Date::parse(n->as_string()->get());
    }
    if (d)
      s.as_of = d->to_string();
    else
      reader.error(*n, "as_of as a date YYYY-MM-DD", core::describe(*n));
  }
  if (const toml::node* n = r.get("registry", false)) {
    std::vector<std::pair<std::string, const toml::node*>> items;
    if (reader.strings(*n, "registry", T::kPaths, items))
      for (auto& [v, node] : items) s.registries.push_back(reader.file(*node, v, "registry"));
  }
  if (auto v = r.boolean("bundled_registry")) s.bundled_registry = *v;
  if (auto v = r.str("suppressions")) s.suppressions = reader.file(*root->get("suppressions"), *v, "suppressions");
  if (auto v = r.str("ieee_data")) s.ieee_data = reader.file(*root->get("ieee_data"), *v, "ieee_data");
  r.tables("check", [&](const toml::table& t) { reader.check(t, s); });
  r.finish({"name", "policy", "as_of", "registry", "bundled_registry", "suppressions", "ieee_data", "check"});
  if (errs.empty() && s.checks.empty())
    errs.emplace_back(core::SourcePos(path, 1), "at least one [[check]] table", "none");
  if (!errs.empty()) {
    return core::first_in_file(errs);
  }
  return s;
}

core::Result<Scenario> load_scenario(const std::string& path) {
  auto in = core::Input::open(path);
  if (!in) return in.error();
  auto text = in->read_all(4u << 20);
  if (!text) return text.error();
  return parse_scenario(path, *text);
}

}  // namespace cleannet::audit
