#include "registry_cmd.h"

#include <unistd.h>

#include <iostream>
#include <memory>

#include "cleannet/core/input.h"
#include "cleannet/core/text.h"
#include "cleannet/registry/lookup.h"
#include "cleannet/registry/validate.h"
#include "cleannet/report/check_report.h"
#include "cleannet/report/evidence.h"
#include "cleannet/report/registry_json.h"
#include "cleannet/report/render.h"
#include "context.h"

namespace cleannet::cli {

namespace {

using report::Json;

struct LookupOptions {
  CommonOptions common;
  std::vector<std::string> ids;
  std::string from;
};

int run_lookup(const LookupOptions& o) {
  auto c = load_context(o.common, true);
  if (!c) return kExitInputError;
  registry::Lookup lookup(c->registry, *c->resolver, c->policy, c->status_options, c->ieee_note);
  report::ReportStream out(std::cout, output_format(o.common.format), "cleannet registry lookup");
  bool any_violation = false, any_error = false;
  auto handle = [&](std::string_view text, const core::SourcePos& pos, std::optional<report::Location> loc) {
    auto v = lookup.judge(text, pos, std::move(loc));
    if (c->ieee_error) {  // the IEEE files were read for this MAC, and are malformed
      print_error(*c->ieee_error);
      c->ieee_error.reset();
      any_error = true;
    }
    if (!v) {
      print_error(v.error());
      any_error = true;
      return;
    }
    any_violation |= v->violates();
    out.add(
        v->finding, [&] { return lookup.json(*v); }, [&] { return lookup.text(*v); });
  };
  if (!o.ids.empty() && !(o.ids.size() == 1 && o.ids[0] == "-")) {
    for (size_t i = 0; i < o.ids.size(); ++i)
      handle(o.ids[i], core::SourcePos("argument " + std::to_string(i + 1)), std::nullopt);
  } else {
    std::string path = o.from.empty() ? "-" : o.from;
    auto in = core::Input::open(path);
    if (!in) {
      print_error(in.error());
      return kExitInputError;
    }
    const std::string uri = path == "-" ? "stdin" : path;
    const bool progress = ::isatty(2) != 0;
    auto read = registry::for_each_identifier(*in, [&](std::string_view t, const core::SourcePos& pos) {
      // Progress for long streams, only when a person watches stderr.
      if (progress && pos.line % 50000 == 0) std::cerr << "\r" << pos.line << " lines read" << std::flush;
      handle(t, pos, report::Location{uri, pos.line, 0});
    });
    if (!read) {
      print_error(read.error());
      any_error = true;
    }
    if (progress) std::cerr << "\r\033[K" << std::flush;
  }
  out.finish();
  if (any_error) return kExitInputError;
  return any_violation ? kExitViolations : kExitClean;
}

struct ShowOptions {
  CommonOptions common;
  std::vector<std::string> orgs;
};

int run_show(const ShowOptions& o) {
  auto c = load_context(o.common, true);
  if (!c) return kExitInputError;
  Json all = Json::array();
  bool any_error = false;
  for (const auto& q : o.orgs) {
    auto id = trust::parse_identifier(q);
    std::optional<trust::Match> m;
    if (id) m = c->resolver->resolve(*id);
    if (!m) {
      print_error(
          core::Error(core::SourcePos(q), "an organisation id, name or identifier in the registry", "no match"));
      any_error = true;
      continue;
    }
    auto st = trust::evaluate_status(c->registry, m->org, c->status_options);
    if (o.common.format == "json") {
      all.push_back(report::organisation_status_json(c->registry, m->org, st, c->status_options.as_of));
      continue;
    }
    std::cout << report::organisation_text(c->registry, m->org, st, c->status_options.as_of);
  }
  if (o.common.format == "json") std::cout << all.dump(2) << "\n";
  return any_error ? kExitInputError : kExitClean;
}

struct CheckOptions {
  std::vector<std::string> files;
  bool standalone = false;
  std::string format = "text";
};

int run_check(const CheckOptions& o) {
  report::CheckReport r = registry::validate(o.files, o.standalone);
  report::print_check_report(std::cout, std::cerr, output_format(o.format), r, "cleannet registry check");
  return report::exit_code(r);
}

}  // namespace

void add_registry_commands(CLI::App& app, int& result) {
  CLI::App* reg = app.add_subcommand("registry", "The trust registry: look up, show, check and export");
  reg->require_subcommand(1);

  auto lo = std::make_shared<LookupOptions>();
  CLI::App* lookup = reg->add_subcommand(
      "lookup", "Resolve identifiers (ASN, IP, MAC/OUI, domain, Android package, certificate, name) to a verdict");
  lookup->add_option("ids", lo->ids, "Identifiers; none or '-' reads one per line from stdin");
  lookup->add_option("--from", lo->from, "Read identifiers from this file, one per line (any compression)");
  add_common_options(lookup, lo->common, {"text", "json", "sarif"});
  lookup->callback([lo, &result] { result = run_lookup(*lo); });

  auto so = std::make_shared<ShowOptions>();
  CLI::App* show = reg->add_subcommand("show", "Show an organisation's record, ownership, evidence and status");
  show->add_option("orgs", so->orgs, "Organisation ids, names or any identifier")->required();
  add_common_options(show, so->common, {"text", "json"});
  show->callback([so, &result] { result = run_show(*so); });

  auto co = std::make_shared<CheckOptions>();
  CLI::App* check = reg->add_subcommand("check", "Validate registry files (layered over the bundled registry)");
  check->add_option("files", co->files, "Registry TOML files")->required();
  check->add_flag("--standalone", co->standalone, "Check the files alone, without the bundled registry below them");
  check->add_option("--format", co->format, "Output format")->check(CLI::IsMember({"text", "json", "sarif"}));
  check->callback([co, &result] { result = run_check(*co); });

  auto eo = std::make_shared<CommonOptions>();
  CLI::App* exp = reg->add_subcommand("export", "Export the (layered) registry as JSON");
  add_common_options(exp, *eo, {"json"}, false);
  eo->format = "json";
  exp->callback([eo, &result] {
    auto c = load_context(*eo, false);
    if (!c) {
      result = kExitInputError;
      return;
    }
    std::cout << report::registry_to_json(c->registry).dump(2) << "\n";
    result = kExitClean;
  });
}

}  // namespace cleannet::cli
