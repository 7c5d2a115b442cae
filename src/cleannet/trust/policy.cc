#include "cleannet/trust/policy.h"

#include <toml++/toml.h>

#include "cleannet/core/input.h"

namespace cleannet::trust {

std::string_view bundled_policy_clean_network();
std::string_view bundled_policy_eu_toolbox();

const char* action_name(Action a) {
  switch (a) {
    case Action::kAllow: return "allow";
    case Action::kWarn: return "warn";
    case Action::kDeny: return "deny";
  }
  return "?";
}

namespace {

bool glob_eq(std::string_view pattern, std::string_view value) { return pattern == "*" || pattern == value; }

core::SourcePos pos_of(const std::string& origin, const toml::node& n) {
  return core::SourcePos(origin, n.source().begin.line, n.source().begin.column);
}

std::optional<Action> parse_action(std::string_view s) {
  if (s == "allow") return Action::kAllow;
  if (s == "warn") return Action::kWarn;
  if (s == "deny") return Action::kDeny;
  return std::nullopt;
}

}  // namespace

Decision Policy::decide(std::string_view line, std::string_view traffic_class, std::string_view segment,
                        Status status) const {
  for (const auto& r : rules) {
    if (r.status == status && glob_eq(r.line, line) && glob_eq(r.traffic_class, traffic_class) &&
        glob_eq(r.segment, segment))
      return Decision{r.action, &r, r.id + ": " + r.cite};
  }
  switch (status) {
    case Status::kUntrusted: return Decision{Action::kDeny, nullptr, "default: untrusted is denied"};
    case Status::kUnknown:
      return Decision{unknown, nullptr, std::string("default for unknown status in policy ") + name + ": " + action_name(unknown)};
    case Status::kTrusted: return Decision{Action::kAllow, nullptr, "default: trusted is allowed"};
  }
  return {};
}

core::Result<Policy> parse_policy(const std::string& origin, std::string_view text) {
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    return core::Error(core::SourcePos(origin, e.source().begin.line, e.source().begin.column), "valid TOML",
                       std::string(e.description()));
  }
  Policy p;
  p.origin = origin;
  auto need_str = [&](const toml::table& t, std::string_view key, std::string& out, bool required) -> core::Status {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required)
        return core::Error(pos_of(origin, t), "key \"" + std::string(key) + "\"", "none");
      return core::Ok{};
    }
    if (!n->is_string()) return core::Error(pos_of(origin, *n), std::string(key) + " as a string", "another type");
    out = n->as_string()->get();
    return core::Ok{};
  };
  auto check_keys = [&](const toml::table& t, std::initializer_list<std::string_view> allowed,
                        const char* where) -> core::Status {
    for (auto&& [k, v] : t) {
      bool ok = false;
      for (auto a : allowed) ok |= a == k.str();
      if (!ok) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        return core::Error(core::SourcePos(origin, k.source().begin.line, k.source().begin.column),
                           "one of the keys " + list + " in " + where, "unknown key " + core::quote_found(k.str()));
      }
    }
    return core::Ok{};
  };

  if (auto st = check_keys(root, {"name", "title", "source_url", "description", "defaults", "rule"}, "a policy"); !st)
    return st.error();
  for (auto [key, out, req] : {std::tuple{"name", &p.name, true}, std::tuple{"title", &p.title, true},
                               std::tuple{"source_url", &p.source_url, false},
                               std::tuple{"description", &p.description, false}}) {
    if (auto st = need_str(root, key, *out, req); !st) return st.error();
  }
  if (const toml::node* dn = root.get("defaults")) {
    const toml::table* d = dn->as_table();
    if (!d) return core::Error(pos_of(origin, *dn), "[defaults] as a table", "another type");
    if (auto st = check_keys(*d, {"unknown", "ignore_unverified"}, "[defaults]"); !st) return st.error();
    std::string unknown;
    if (auto st = need_str(*d, "unknown", unknown, false); !st) return st.error();
    if (!unknown.empty()) {
      auto a = parse_action(unknown);
      if (!a) return core::Error(pos_of(origin, *d->get("unknown")), "unknown = \"allow\", \"warn\" or \"deny\"", core::quote_found(unknown));
      p.unknown = *a;
    }
    if (const toml::node* iu = d->get("ignore_unverified")) {
      if (!iu->is_boolean()) return core::Error(pos_of(origin, *iu), "ignore_unverified as true or false", "another type");
      p.ignore_unverified = iu->as_boolean()->get();
    }
  }
  if (const toml::node* rn = root.get("rule")) {
    const toml::array* rules = rn->as_array();
    if (!rules) return core::Error(pos_of(origin, *rn), "[[rule]] tables", "another type");
    for (const toml::node& el : *rules) {
      const toml::table* t = el.as_table();
      if (!t) return core::Error(pos_of(origin, el), "[[rule]] tables", "another type");
      if (auto st = check_keys(*t, {"id", "line", "traffic_class", "segment", "status", "action", "cite"}, "[[rule]]"); !st)
        return st.error();
      PolicyRule r;
      r.pos = pos_of(origin, *t);
      std::string status, action;
      for (auto [key, out, req] : {std::tuple{"id", &r.id, true}, std::tuple{"line", &r.line, false},
                                   std::tuple{"traffic_class", &r.traffic_class, false},
                                   std::tuple{"segment", &r.segment, false}, std::tuple{"status", &status, true},
                                   std::tuple{"action", &action, true}, std::tuple{"cite", &r.cite, true}}) {
        if (auto st = need_str(*t, key, *out, req); !st) return st.error();
      }
      static constexpr std::string_view kLines[] = {"*", "path", "carrier", "cloud", "cable", "apps", "registry", "things"};
      bool line_ok = false;
      for (auto l : kLines) line_ok |= l == r.line;
      if (!line_ok)
        return core::Error(pos_of(origin, *t->get("line")), "line path, carrier, cloud, cable, apps, things, registry or *",
                           core::quote_found(r.line));
      if (status == "trusted") r.status = Status::kTrusted;
      else if (status == "untrusted") r.status = Status::kUntrusted;
      else if (status == "unknown") r.status = Status::kUnknown;
      else return core::Error(pos_of(origin, *t->get("status")), "status trusted, untrusted or unknown", core::quote_found(status));
      auto a = parse_action(action);
      if (!a) return core::Error(pos_of(origin, *t->get("action")), "action allow, warn or deny", core::quote_found(action));
      r.action = *a;
      for (const auto& other : p.rules)
        if (other.id == r.id) return core::Error(pos_of(origin, *t->get("id")), "a unique rule id", core::quote_found(r.id));
      p.rules.push_back(std::move(r));
    }
  }
  return p;
}

std::vector<std::string> bundled_policy_names() { return {"clean-network", "eu-toolbox"}; }

core::Result<Policy> load_policy(const std::string& name_or_path) {
  if (name_or_path == "clean-network") return parse_policy("bundled:clean-network", bundled_policy_clean_network());
  if (name_or_path == "eu-toolbox") return parse_policy("bundled:eu-toolbox", bundled_policy_eu_toolbox());
  auto in = core::Input::open(name_or_path);
  if (!in) {
    return core::Error(core::SourcePos(name_or_path), "a bundled policy name (clean-network, eu-toolbox) or a policy file",
                       in.error().found());
  }
  auto text = in->read_all(16u << 20);
  if (!text) return text.error();
  return parse_policy(name_or_path, *text);
}

}  // namespace cleannet::trust
