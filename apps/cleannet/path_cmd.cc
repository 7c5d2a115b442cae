#include "path_cmd.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cleannet/netmodel/cyclonedx.h"
#include "cleannet/netmodel/device_output.h"
#include "cleannet/netmodel/graphml.h"
#include "cleannet/netmodel/native_csv.h"
#include "cleannet/netmodel/native_json.h"
#include "cleannet/netmodel/netbox.h"
#include "cleannet/path/check.h"
#include "cleannet/path/findings.h"
#include "cleannet/path/plan.h"
#include "cleannet/report/render.h"
#include "context.h"

namespace cleannet::cli {

namespace {

namespace fs = std::filesystem;

struct PathOptions {
  CommonOptions common;
  std::string inventory;
  std::string vendors;
  std::string cables;
  std::string traffic_class;
  std::string demands;
  std::vector<std::string> hboms;           // DEVICE=FILE
  std::vector<std::string> device_outputs;  // DEVICE=FILE
  // path plan
  std::vector<std::string> classes;
  double default_cost = 1.0;
  double time_limit_s = 60;
  bool approximate = false;
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Picks the importer from what the inventory is: a folder of CSVs, GraphML, NetBox JSON
// (REST export or dumpdata) or cleannet's native JSON.
core::Result<netmodel::Network> load_inventory(const PathOptions& o) {
  const std::string& p = o.inventory;
  if (fs::is_directory(p)) {
    std::string demands = (fs::path(p) / "demands.csv").string();
    return netmodel::load_network_csv((fs::path(p) / "devices.csv").string(), (fs::path(p) / "links.csv").string(),
                                      fs::exists(demands) ? demands : "");
  }
  if (ends_with(p, ".graphml") || ends_with(p, ".graphml.gz") || ends_with(p, ".graphml.xz"))
    return netmodel::load_graphml_file(p, o.vendors);
  auto in = core::Input::open(p);
  if (!in) return in.error();
  // read() may return less than asked (the bytes kept from compression detection come
  // first), so fill the whole window before deciding.
  char head[4096];
  size_t got = 0;
  while (got < sizeof head) {
    auto n = in->read(head + got, sizeof head - got);
    if (!n) return n.error();
    if (*n == 0) break;
    got += *n;
  }
  std::string_view h(head, got);
  size_t first = h.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  // A NetBox device object (GET /api/dcim/devices/ID/) goes to the NetBox reader too, which
  // says what it is.
  bool netbox = (first != std::string_view::npos && h[first] == '[') ||
                h.find("\"results\"") != std::string_view::npos || h.find("\"device_type\"") != std::string_view::npos;
  if (netbox) return netmodel::load_netbox(p, o.cables);
  return netmodel::load_network_json(p);
}

// "DEVICE=FILE" -> (DEVICE, FILE); the error names the option.
core::Result<std::pair<std::string, std::string>> device_file(const std::string& option, const std::string& v) {
  size_t eq = v.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == v.size())
    return core::Error(core::SourcePos(option), "DEVICE=FILE", core::quote_found(v));
  return std::pair{v.substr(0, eq), v.substr(eq + 1)};
}

// The inventory with everything the options add to it: demands, HBOMs and CLI inventories
// of single devices, a default traffic class (importers and add_demands_csv check the
// references; attaching equipment adds no ids).
core::Result<netmodel::Network> load_network(const PathOptions& o) {
  auto net = load_inventory(o);
  if (!net) return net.error();
  if (!o.demands.empty())
    if (auto st = netmodel::add_demands_csv(*net, o.demands); !st) return st.error();
  for (const auto& [option, values] :
       {std::pair{"--hbom", &o.hboms}, std::pair{"--device-output", &o.device_outputs}}) {
    for (const std::string& v : *values) {
      auto df = device_file(option, v);
      if (!df) return df.error();
      auto in = core::Input::open(df->second);
      if (!in) return in.error();
      auto st = std::string_view(option) == "--hbom" ? netmodel::attach_cyclonedx(*net, df->first, std::move(*in))
                                                     : netmodel::attach_device_output(*net, df->first, std::move(*in));
      if (!st) return st.error();
    }
  }
  if (!o.traffic_class.empty())
    for (auto& d : net->demands)
      if (d.traffic_class.empty()) d.traffic_class = o.traffic_class;
  return net;
}

std::string network_line(const PathOptions& o, const netmodel::Network& net, const Context& c) {
  std::string s = "network " + (net.name.empty() ? o.inventory : net.name) + ": " + std::to_string(net.devices.size()) +
                  " devices, " + std::to_string(net.links.size()) + " links, " + std::to_string(net.demands.size()) +
                  " demands";
  if (net.synthetic) s += " (SYNTHETIC data: " + net.provenance + ")";
  return s + "; policy " + c.policy.name + ", as of " + c.status_options.as_of.to_string() + "\n";
}

report::Json network_json(const netmodel::Network& net, const Context& c) {
  report::Json j;
  j["network"] = {{"name", net.name},
                  {"provenance", net.provenance},
                  {"synthetic", net.synthetic},
                  {"devices", net.devices.size()},
                  {"links", net.links.size()}};
  report::Json warnings = report::Json::array();
  for (const auto& w : net.warnings) warnings.push_back({{"at", w.pos.to_string()}, {"text", w.text}});
  j["network"]["warnings"] = warnings;
  j["policy"] = c.policy.name;
  j["as_of"] = c.status_options.as_of.to_string();
  return j;
}

// The context and the network both commands work on; null (after printing why) on bad input.
struct Loaded {
  std::unique_ptr<Context> context;
  netmodel::Network net;
};

std::unique_ptr<Loaded> load_all(const PathOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return nullptr;
  auto net = load_network(o);
  if (!net) {
    print_error(net.error());
    return nullptr;
  }
  for (const auto& w : net->warnings) std::cerr << w.pos.to_string() << ": warning: " << w.text << "\n";
  return std::make_unique<Loaded>(Loaded{std::move(c), std::move(*net)});
}

int run_check(const PathOptions& o) {
  auto loaded = load_all(o);
  if (!loaded) return kExitInputError;
  auto c = loaded->context.get();
  auto net = &loaded->net;
  // A check of no demand would print "0 of 0 demands not clean" and exit 0, a clean verdict
  // resting on nothing read; so an inventory without demands is an input error.
  if (net->demands.empty()) {
    print_error(core::Error(
        core::SourcePos(o.inventory), "demands to check (in the inventory, a demands.csv beside it, or --demands FILE)",
        "none (" + std::to_string(net->devices.size()) + " devices, " + std::to_string(net->links.size()) + " links)"));
    return kExitInputError;
  }
  path::ElementTrust trust(*net, *c->resolver, c->policy, c->status_options);
  path::PathChecker checker(*net, trust);
  std::vector<path::DemandVerdict> verdicts;
  std::vector<report::Finding> findings;
  size_t not_clean = 0, with_alternative = 0;
  for (const auto& d : net->demands) {
    verdicts.push_back(checker.check(d));
    const auto& v = verdicts.back();
    if (!v.clean()) {
      ++not_clean;
      with_alternative += v.alternative.has_value();
    }
    auto f = path::demand_findings(*net, trust, v);
    findings.insert(findings.end(), f.begin(), f.end());
  }
  const std::string& fmt = o.common.format;
  if (fmt == "json") {
    report::Json j = network_json(*net, *c);
    report::Json ds = report::Json::array();
    for (const auto& v : verdicts) ds.push_back(path::demand_json(*net, trust, v));
    j["demands"] = ds;
    j["findings"] = report::render_findings_json(findings);
    j["summary"] = {
        {"demands", verdicts.size()}, {"not_clean", not_clean}, {"with_clean_alternative", with_alternative}};
    std::cout << j.dump(2) << "\n";
  } else if (fmt == "sarif") {
    std::cout << report::render_sarif(findings, {"cleannet path check"}).dump(2) << "\n";
  } else {
    std::cout << network_line(o, *net, *c);
    for (const auto& v : verdicts) std::cout << path::demand_summary(*net, v);
    if (!findings.empty()) std::cout << "\n";
    for (const auto& f : findings) std::cout << report::render_finding_text(f);
    std::cout << "\n"
              << not_clean << " of " << verdicts.size() << " demands not clean; " << with_alternative
              << " of them have a clean alternative\n";
  }
  return not_clean ? kExitViolations : kExitClean;
}

int run_plan(const PathOptions& o) {
  auto loaded = load_all(o);
  if (!loaded) return kExitInputError;
  auto c = loaded->context.get();
  auto net = &loaded->net;
  if (!(o.default_cost >= 0) || !std::isfinite(o.default_cost)) {
    print_error(core::Error(core::SourcePos("--default-cost"), "a cost >= 0", std::to_string(o.default_cost)));
    return kExitInputError;
  }
  if (!(o.time_limit_s > 0) || o.time_limit_s > 86400) {
    print_error(core::Error(core::SourcePos("--time-limit"), "seconds in (0, 86400]", std::to_string(o.time_limit_s)));
    return kExitInputError;
  }
  std::vector<const netmodel::Demand*> chosen;
  for (const auto& d : net->demands)
    if (o.classes.empty() || std::find(o.classes.begin(), o.classes.end(), d.traffic_class) != o.classes.end())
      chosen.push_back(&d);
  path::ElementTrust trust(*net, *c->resolver, c->policy, c->status_options);
  path::PathChecker checker(*net, trust);
  path::PlanOptions po;
  po.default_replace_cost = o.default_cost;
  po.time_limit_ms = static_cast<int>(o.time_limit_s * 1000);
  po.force_approximation = o.approximate;
  auto plan = path::plan_replacement(*net, trust, checker, chosen, po);
  if (!plan) {
    print_error(plan.error());
    return kExitInputError;
  }
  auto findings = path::plan_findings(*net, trust, *plan);
  print_check_report(
      o.common.format, findings, "cleannet path plan",
      [&] {
        report::Json j = network_json(*net, *c);
        j["plan"] = path::plan_json(*net, *plan);
        return j;
      },
      [&] {
        std::cout << network_line(o, *net, *c) << path::plan_text(*net, *plan);
        if (!findings.empty()) std::cout << "\n";
        for (const auto& f : findings) std::cout << report::render_finding_text(f);
      });
  bool all_clean = plan->replace.empty() && plan->num_impossible() == 0;
  return all_clean ? kExitClean : kExitViolations;
}

// Options both `path check` and `path plan` take: the inventory and what adds to it.
void add_inventory_options(CLI::App* cmd, PathOptions& o) {
  cmd->add_option("inventory", o.inventory,
                  "Inventory: native JSON, a folder with devices.csv/links.csv[/demands.csv], NetBox JSON, or GraphML")
      ->required();
  cmd->add_option("--vendors", o.vendors, "Vendor assignment CSV for a GraphML topology");
  cmd->add_option("--cables", o.cables, "NetBox cables export (REST form) for a NetBox devices export");
  cmd->add_option("--demands", o.demands,
                  "Demands CSV (id,source,destination,traffic_class,path) added to the inventory's");
  cmd->add_option("--traffic-class", o.traffic_class, "Traffic class for demands that name none");
  cmd->add_option("--hbom", o.hboms, "DEVICE=FILE: a CycloneDX hardware BOM of that device (repeatable)");
  cmd->add_option("--device-output", o.device_outputs,
                  "DEVICE=FILE: that device's CLI inventory (show inventory, display elabel ...; repeatable)");
}

}  // namespace

void add_path_commands(CLI::App& app, int& result) {
  CLI::App* path = app.add_subcommand("path", "Clean Path: are demands routed over trusted equipment only?");
  path->require_subcommand(1);
  auto o = std::make_shared<PathOptions>();
  CLI::App* check = path->add_subcommand(
      "check", "Check each demand's routed path, whether a clean path exists, and the clean alternative");
  add_inventory_options(check, *o);
  add_common_options(check, o->common, {"text", "json", "sarif"});
  check->callback([o, &result] { result = run_check(*o); });

  CLI::App* plan = path->add_subcommand(
      "plan", "The cheapest set of denied devices and links to replace so that every demand has a clean path");
  add_inventory_options(plan, *o);
  plan->add_option("--class", o->classes, "Plan for demands of these traffic classes only (repeatable; default all)");
  plan->add_option("--default-cost", o->default_cost, "Replacement cost of an element whose inventory gives none")
      ->capture_default_str();
  plan->add_option("--time-limit", o->time_limit_s, "Seconds GLPK may spend on the exact plan before falling back")
      ->capture_default_str();
  plan->add_flag("--approximate", o->approximate, "Use the greedy approximation (with its bound) even when small");
  add_common_options(plan, o->common, {"text", "json", "sarif"});
  plan->callback([o, &result] { result = run_plan(*o); });
}

}  // namespace cleannet::cli
