// `cleannet things scan FILE...`: Clean Things (things/check.h) on captures of a network.
#include "things_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/report/check_report.h"
#include "cleannet/things/check.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct ThingsOptions {
  CommonOptions common;
  std::vector<std::string> files;
  std::string input_format = "auto";
};

int run_scan(const ThingsOptions& o) {
  auto format = netmodel::parse_discovery_format(o.input_format);
  if (!format) {  // CLI11 checks the set; this is a guard
    print_error(core::Error(core::SourcePos("--input-format"), "auto, nmap, dhcpd, ip-neigh or arp",
                            core::quote_found(o.input_format)));
    return kExitInputError;
  }
  auto c = load_context(o.common, true);
  if (!c) return kExitInputError;
  things::ThingsInputs in{o.files,           *format,      c->resolver.get(), &c->policy,
                          c->status_options, c->ieee_note, &c->ieee_error};
  report::CheckReport r = things::scan(in);
  report::print_check_report(std::cout, std::cerr, output_format(o.common.format), r, "cleannet things scan");
  return report::exit_code(r);
}

}  // namespace

void add_things_commands(CLI::App& app, int& result) {
  CLI::App* things =
      app.add_subcommand("things", "Clean Things: devices on a network attributed by their MAC addresses");
  things->require_subcommand(1);
  auto o = std::make_shared<ThingsOptions>();
  CLI::App* scan = things->add_subcommand(
      "scan", "Attribute every device in nmap XML, ISC dhcpd.leases, ip neigh or ARP tables to its maker");
  scan->add_option("files", o->files,
                   "Captures: nmap -oX, dhcpd.leases, ip neigh, arp -a/-n, /proc/net/arp, Windows arp -a; '-' reads "
                   "stdin (any compression)")
      ->required();
  scan->add_option("--input-format", o->input_format, "Format of every FILE; auto detects each from its content")
      ->check(CLI::IsMember({"auto", "nmap", "dhcpd", "ip-neigh", "arp"}))
      ->capture_default_str();
  add_common_options(scan, o->common, {"text", "json", "sarif"});
  scan->callback([o, &result] { result = run_scan(*o); });
}

}  // namespace cleannet::cli
