// `cleannet path check|plan INVENTORY`: Clean Path (path/run.h) on an inventory and what the
// options add to it (netmodel/inventory.h).
#include "path_cmd.h"

#include <cmath>
#include <iostream>
#include <memory>

#include "cleannet/netmodel/inventory.h"
#include "cleannet/path/run.h"
#include "cleannet/report/check_report.h"
#include "context.h"

namespace cleannet::cli {

namespace {

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

// "DEVICE=FILE" options into `out`; the error names the option.
core::Status device_files(const std::string& option, const std::vector<std::string>& values,
                          std::vector<netmodel::DeviceFile>& out) {
  for (const std::string& v : values) {
    size_t eq = v.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == v.size())
      return core::Error(core::SourcePos(option), "DEVICE=FILE", core::quote_found(v));
    out.push_back({v.substr(0, eq), v.substr(eq + 1)});
  }
  return core::Ok{};
}

// The context and the network both commands work on; null (after printing why) on bad input.
struct Loaded {
  std::unique_ptr<Context> context;
  netmodel::Network net;
  std::string inventory;  // as given
  path::PathInputs inputs() const {
    return {&net, inventory, context->resolver.get(), &context->policy, context->status_options};
  }
};

std::unique_ptr<Loaded> load_all(const PathOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return nullptr;
  netmodel::NetworkSources s{o.inventory, {o.vendors, o.cables}, o.demands, {}, {}, o.traffic_class};
  for (const auto& st :
       {device_files("--hbom", o.hboms, s.hboms), device_files("--device-output", o.device_outputs, s.device_outputs)})
    if (!st) {
      print_error(st.error());
      return nullptr;
    }
  auto net = netmodel::load_network(s);
  if (!net) {
    print_error(net.error());
    return nullptr;
  }
  for (const auto& w : net->warnings) std::cerr << w.pos.to_string() << ": warning: " << w.text << "\n";
  return std::make_unique<Loaded>(Loaded{std::move(c), std::move(*net), o.inventory});
}

int run_check(const PathOptions& o) {
  auto loaded = load_all(o);
  if (!loaded) return kExitInputError;
  report::CheckReport r = path::run_check(loaded->inputs());
  report::print_check_report(std::cout, std::cerr, output_format(o.common.format), r, "cleannet path check");
  return report::exit_code(r);
}

int run_plan(const PathOptions& o) {
  auto loaded = load_all(o);
  if (!loaded) return kExitInputError;
  if (!(o.default_cost >= 0) || !std::isfinite(o.default_cost)) {
    print_error(core::Error(core::SourcePos("--default-cost"), "a cost >= 0", std::to_string(o.default_cost)));
    return kExitInputError;
  }
  if (!(o.time_limit_s > 0) || o.time_limit_s > 86400) {
    print_error(core::Error(core::SourcePos("--time-limit"), "seconds in (0, 86400]", std::to_string(o.time_limit_s)));
    return kExitInputError;
  }
  path::PlanRequest request;
  request.classes = o.classes;
  request.options.default_replace_cost = o.default_cost;
  request.options.time_limit_ms = static_cast<int>(o.time_limit_s * 1000);
  request.options.force_approximation = o.approximate;
  report::CheckReport r = path::run_plan(loaded->inputs(), request);
  report::print_check_report(std::cout, std::cerr, output_format(o.common.format), r, "cleannet path plan");
  return report::exit_code(r);
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
