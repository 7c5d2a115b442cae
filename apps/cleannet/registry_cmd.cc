#include "registry_cmd.h"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "cleannet/core/input.h"
#include "cleannet/core/text.h"
#include "cleannet/registry/diff.h"
#include "cleannet/registry/import.h"
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
  // The arguments, or else the list (--from, standard input by default).
  const bool from_args = !o.ids.empty() && !(o.ids.size() == 1 && o.ids[0] == "-");
  const std::string from = from_args ? "" : o.from.empty() ? "-" : o.from;
  const bool progress = !from_args && ::isatty(2) != 0;
  core::Status opened = registry::lookup_each(
      lookup, from_args ? o.ids : std::vector<std::string>{}, from,
      [&](registry::LookupVerdict& v) {
        any_violation |= v.violates();
        out.add(
            v.finding, [&] { return lookup.json(v); }, [&] { return lookup.text(v); });
      },
      [&](const core::Error& e) {
        print_error(e);
        any_error = true;
      },
      &c->ieee_error,
      // Progress for long streams, only when a person watches stderr.
      [&](uint64_t line) {
        if (progress && line % 50000 == 0) std::cerr << "\r" << line << " lines read" << std::flush;
      });
  if (progress) std::cerr << "\r\033[K" << std::flush;
  if (!opened) {  // nothing was read: no report
    print_error(opened.error());
    return kExitInputError;
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

struct DiffOptions {
  std::string before, after;
  bool over_bundled = false;
  std::string as_of;
  std::string format = "text";
};

int run_diff(const DiffOptions& o) {
  trust::StatusOptions opt;
  if (!o.as_of.empty()) {
    auto d = core::Date::parse(o.as_of);
    if (!d) {
      print_error(core::Error(core::SourcePos("--as-of"), "a date YYYY-MM-DD", core::quote_found(o.as_of)));
      return kExitInputError;
    }
    opt.as_of = *d;
  }
  auto before = registry::load_for_diff(o.before, o.over_bundled);
  if (!before) {
    print_error(before.error());
    return kExitInputError;
  }
  auto after = registry::load_for_diff(o.after, o.over_bundled);
  if (!after) {
    print_error(after.error());
    return kExitInputError;
  }
  registry::RegistryDiff d = registry::diff(*before, *after, opt);
  if (o.format == "json")
    std::cout << report::dump_json(registry::diff_json(d)) << "\n";
  else
    std::cout << registry::diff_text(d);
  return d.empty() && d.status.empty() ? kExitClean : kExitViolations;
}

struct ImportOptions {
  registry::ImportRequest request;
  std::string format = "csv";
  std::string output = "-";
  bool no_bundled = false;
};

int run_import(ImportOptions o) {
  o.request.with_bundled = !o.no_bundled;
  o.request.format = o.format == "csl"   ? registry::ImportFormat::kCsl
                     : o.format == "ftm" ? registry::ImportFormat::kFtm
                                         : registry::ImportFormat::kCsv;
  if (o.request.format == registry::ImportFormat::kCsv && o.request.list.name.empty()) {
    print_error(core::Error(core::SourcePos("--list"), "the name of the list the rows are on", "none"));
    return kExitInputError;
  }
  auto layer = registry::import_list(o.request);
  if (!layer) {
    print_error(layer.error());
    return kExitInputError;
  }
  if (o.output != "-") {
    std::ofstream out(o.output);
    out << layer->toml;
    if (!out) {
      print_error(core::Error(core::SourcePos(o.output), "a writable file", "a write error"));
      return kExitInputError;
    }
  }
  // What matched how: on standard output when the layer went to a file, else on standard
  // error, after the layer.
  if (o.output == "-") std::cout << layer->toml << std::flush;
  std::ostream& report = o.output == "-" ? std::cerr : std::cout;
  for (const auto& m : layer->matches) report << m.text() << "\n";
  report << layer->designations << " designation(s)"
         << (o.request.list.name.empty() ? std::string() : " on the list \"" + o.request.list.name + "\"") << ": "
         << layer->organisations_matched << " organisation(s) already in the registry, " << layer->organisations_new
         << " new"
         << (layer->skipped
                 ? "; " + std::to_string(layer->skipped) + " listing(s) of individuals, vessels or aircraft skipped"
                 : std::string())
         << (o.output == "-" ? "" : "; written to " + o.output) << "\n";
  return kExitClean;
}

}  // namespace

void add_registry_commands(CLI::App& app, int& result) {
  CLI::App* reg = app.add_subcommand("registry", "The trust registry: look up, show, check, export, diff and import");
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

  auto dopt = std::make_shared<DiffOptions>();
  CLI::App* diff = reg->add_subcommand(
      "diff", "What changed between two registries: organisations, identifiers, dated designations, statuses");
  diff->add_option("old", dopt->before, "The earlier registry: a registry file, or 'bundled'")->required();
  diff->add_option("new", dopt->after, "The later registry: a registry file, or 'bundled'")->required();
  diff->add_flag("--over-bundled", dopt->over_bundled,
                 "Read each file as a layer over the bundled registry (files that refer to bundled organisations)");
  diff->add_option("--as-of", dopt->as_of, "Compare statuses as of this date (YYYY-MM-DD); default today");
  diff->add_option("--format", dopt->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  diff->callback([dopt, &result] { result = run_diff(*dopt); });

  auto io = std::make_shared<ImportOptions>();
  CLI::App* imp =
      reg->add_subcommand("import", "Turn a published list into a registry layer (matched to known organisations)");
  imp->add_option("files", io->request.files, "List files (- reads standard input)")->required();
  imp->add_option(
         "--format", io->format,
         "Input format: csv (name, status, source, aliases, identifiers, date, until, quote, country, note; "
         "docs/registry.md), csl (the US Consolidated Screening List CSV) or ftm (OpenSanctions FollowTheMoney "
         "entities, JSON lines)")
      ->check(CLI::IsMember({"csv", "csl", "ftm"}))
      ->capture_default_str();
  imp->add_option("--list", io->request.list.name,
                  "Name of the list the designations are on (csv: required; csl: instead of each row's list)");
  imp->add_option("--list-issuer", io->request.list.issuer, "Who publishes the list");
  imp->add_option("--list-url", io->request.list.url, "Where the list is published (http(s) URL)");
  imp->add_option("--list-description", io->request.list.description, "What the list is");
  imp->add_option("-o,--output", io->output, "Registry layer to write (- for standard output)")->capture_default_str();
  imp->add_option("--registry", io->request.registries,
                  "Registry file to match against, over the bundled one (repeatable)")
      ->allow_extra_args(false);
  imp->add_flag("--no-bundled", io->no_bundled, "Do not match against the bundled registry");
  imp->callback([io, &result] { result = run_import(*io); });

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
