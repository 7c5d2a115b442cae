#include "path_cmd.h"

#include <filesystem>
#include <iostream>
#include <memory>

#include "cleannet/netmodel/graphml.h"
#include "cleannet/netmodel/native_csv.h"
#include "cleannet/netmodel/native_json.h"
#include "cleannet/netmodel/netbox.h"
#include "cleannet/path/check.h"
#include "cleannet/path/findings.h"
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
  char head[4096];
  auto n = in->read(head, sizeof head);
  if (!n) return n.error();
  std::string_view h(head, *n);
  size_t first = h.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  bool netbox = (first != std::string_view::npos && h[first] == '[') || h.find("\"results\"") != std::string_view::npos;
  if (netbox) return netmodel::load_netbox(p, o.cables);
  return netmodel::load_network_json(p);
}

int run_check(const PathOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  auto net = load_inventory(o);
  if (!net) {
    print_error(net.error());
    return kExitInputError;
  }
  if (!o.demands.empty()) {
    if (auto st = netmodel::add_demands_csv(*net, o.demands); !st) {
      print_error(st.error());
      return kExitInputError;
    }
  }
  if (!o.traffic_class.empty())
    for (auto& d : net->demands)
      if (d.traffic_class.empty()) d.traffic_class = o.traffic_class;
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
    report::Json j;
    j["network"] = {{"name", net->name},
                    {"provenance", net->provenance},
                    {"synthetic", net->synthetic},
                    {"devices", net->devices.size()},
                    {"links", net->links.size()}};
    j["policy"] = c->policy.name;
    j["as_of"] = c->status_options.as_of.to_string();
    report::Json ds = report::Json::array();
    for (const auto& v : verdicts) ds.push_back(path::demand_json(*net, trust, v));
    j["demands"] = ds;
    j["findings"] = report::render_findings_json(findings);
    j["summary"] = {{"demands", verdicts.size()}, {"not_clean", not_clean}, {"with_clean_alternative", with_alternative}};
    std::cout << j.dump(2) << "\n";
  } else if (fmt == "sarif") {
    std::cout << report::render_sarif(findings, {"cleannet path check"}).dump(2) << "\n";
  } else {
    std::cout << "network " << (net->name.empty() ? o.inventory : net->name) << ": " << net->devices.size()
              << " devices, " << net->links.size() << " links, " << net->demands.size() << " demands";
    if (net->synthetic) std::cout << " (SYNTHETIC data: " << net->provenance << ")";
    std::cout << "; policy " << c->policy.name << ", as of " << c->status_options.as_of.to_string() << "\n";
    for (const auto& v : verdicts) std::cout << path::demand_summary(*net, v);
    if (!findings.empty()) std::cout << "\n";
    for (const auto& f : findings) std::cout << report::render_finding_text(f);
    std::cout << "\n" << not_clean << " of " << verdicts.size() << " demands not clean; " << with_alternative
              << " of them have a clean alternative\n";
  }
  return not_clean ? kExitViolations : kExitClean;
}

}  // namespace

void add_path_commands(CLI::App& app, int& result) {
  CLI::App* path = app.add_subcommand("path", "Clean Path: are demands routed over trusted equipment only?");
  path->require_subcommand(1);
  auto o = std::make_shared<PathOptions>();
  CLI::App* check = path->add_subcommand(
      "check", "Check each demand's routed path, whether a clean path exists, and the clean alternative");
  check->add_option("inventory", o->inventory,
                    "Inventory: native JSON, a folder with devices.csv/links.csv[/demands.csv], NetBox JSON, or GraphML")
      ->required();
  check->add_option("--vendors", o->vendors, "Vendor assignment CSV for a GraphML topology");
  check->add_option("--cables", o->cables, "NetBox cables export (REST form) for a NetBox devices export");
  check->add_option("--demands", o->demands, "Demands CSV (id,source,destination,traffic_class,path) added to the inventory's");
  check->add_option("--traffic-class", o->traffic_class, "Traffic class for demands that name none");
  add_common_options(check, o->common, {"text", "json", "sarif"});
  check->callback([o, &result] { result = run_check(*o); });
}

}  // namespace cleannet::cli
