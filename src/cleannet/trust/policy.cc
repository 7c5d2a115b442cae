#include "cleannet/trust/policy.h"

#include <algorithm>
#include <tuple>

#include "cleannet/core/input.h"
#include "cleannet/core/toml.h"

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


std::optional<Action> parse_action(std::string_view s) {
  if (s == "allow") return Action::kAllow;
  if (s == "warn") return Action::kWarn;
  if (s == "deny") return Action::kDeny;
  return std::nullopt;
}

}  // namespace

Decision Policy::decide(Line line, std::string_view traffic_class, std::string_view segment, Status status) const {
  for (const auto& r : rules) {
    if (r.status == status && (!r.line || *r.line == line) && glob_eq(r.traffic_class, traffic_class) &&
        glob_eq(r.segment, segment))
      return Decision{r.action, &r, r.id + ": " + r.cite};
  }
  return default_decision(status);
}

Decision Policy::default_decision(Status status) const {
  switch (status) {
    case Status::kUntrusted: return Decision{Action::kDeny, nullptr, "default: untrusted is denied"};
    case Status::kUnknown:
      return Decision{unknown, nullptr, std::string("default for unknown status in policy ") + name + ": " + action_name(unknown)};
    case Status::kTrusted: return Decision{Action::kAllow, nullptr, "default: trusted is allowed"};
  }
  return {};
}

core::Result<Policy> parse_policy(const std::string& origin, std::string_view text) {
  auto root = core::parse_toml(origin, text);
  if (!root) return root.error();
  std::vector<core::Error> errs;
  Policy p;
  p.origin = origin;
  core::TableReader r(*root, origin, errs, "a policy");
  if (auto v = r.str("name", true)) p.name = *v;
  if (auto v = r.str("title", true)) p.title = *v;
  if (auto v = r.str("source_url")) p.source_url = *v;
  if (auto v = r.str("description")) p.description = *v;
  if (const toml::node* dn = r.get("defaults", false)) {
    if (const toml::table* d = dn->as_table()) {
      core::TableReader dr(*d, origin, errs, "[defaults]");
      if (auto v = dr.str("unknown")) {
        if (auto a = parse_action(*v)) p.unknown = *a;
        else dr.error(*d->get("unknown"), "unknown = \"allow\", \"warn\" or \"deny\"", core::quote_found(*v));
      }
      if (auto v = dr.boolean("ignore_unverified")) p.ignore_unverified = *v;
      if (auto v = dr.str("ownership_inheritance")) {
        if (auto rule = OwnershipRule::parse(*v))
          p.ownership = *rule;
        else
          dr.error(*d->get("ownership_inheritance"),
                   "ownership_inheritance = \"majority\", \"any\" or a least share such as \"25%\"",
                   core::quote_found(*v));
      }
      dr.finish({"unknown", "ignore_unverified", "ownership_inheritance"});
    } else {
      r.error(*dn, "[defaults] as a table", core::describe(*dn));
    }
  }
  r.tables("rule", [&](const toml::table& t) {
    core::TableReader rr(t, origin, errs, "[[rule]]");
    PolicyRule rule;
    rule.pos = rr.pos();
    if (auto v = rr.str("id", true)) rule.id = *v;
    std::optional<std::string> line = rr.str("line");
    if (auto v = rr.str("traffic_class")) rule.traffic_class = *v;
    if (auto v = rr.str("segment")) rule.segment = *v;
    auto status = rr.str("status", true);
    auto action = rr.str("action", true);
    if (auto v = rr.str("cite", true)) rule.cite = *v;
    rr.finish({"id", "line", "traffic_class", "segment", "status", "action", "cite"});
    // Parsed here, once: a misspelt line would otherwise be a rule that never matches.
    if (line && *line != "*") {
      rule.line = parse_line(*line);
      if (!rule.line)
        rr.error(*t.get("line"), "line path, carrier, cloud, cable, apps, things, trace, registry or *",
                 core::quote_found(*line));
    }
    if (status) {
      if (*status == "trusted") rule.status = Status::kTrusted;
      else if (*status == "untrusted") rule.status = Status::kUntrusted;
      else if (*status == "unknown") rule.status = Status::kUnknown;
      else rr.error(*t.get("status"), "status trusted, untrusted or unknown", core::quote_found(*status));
    }
    if (action) {
      if (auto a = parse_action(*action)) rule.action = *a;
      else rr.error(*t.get("action"), "action allow, warn or deny", core::quote_found(*action));
    }
    for (const auto& other : p.rules)
      if (!rule.id.empty() && other.id == rule.id)
        rr.error(*t.get("id"), "a unique rule id (first used at " + other.pos.to_string() + ")", core::quote_found(rule.id));
    p.rules.push_back(std::move(rule));
  });
  r.finish({"name", "title", "source_url", "description", "defaults", "rule"});
  // One policy problem at a time, the first in the file.
  if (!errs.empty()) {
    return core::first_in_file(errs);
  }
  return p;
}

std::vector<std::string> bundled_policy_names() { return {"clean-network", "eu-toolbox"}; }

std::string_view bundled_policy_toml(std::string_view name) {
  if (name == "clean-network") return bundled_policy_clean_network();
  if (name == "eu-toolbox") return bundled_policy_eu_toolbox();
  return {};
}

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
