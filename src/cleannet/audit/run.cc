#include "cleannet/audit/run.h"

#include <tbb/task_group.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>

#include "cleannet/asgraph/directory.h"
#include "cleannet/audit/compliance.h"
#include "cleannet/cable/run.h"
#include "cleannet/carrier/run.h"
#include "cleannet/cloud/run.h"
#include "cleannet/core/sha256.h"
#include "cleannet/apps/check_inputs.h"
#include "cleannet/netmodel/inventory.h"
#include "cleannet/path/run.h"
#include "cleannet/registry/lookup.h"
#include "cleannet/things/check.h"
#include "cleannet/trace/check.h"
#include "cleannet/trust/context.h"

namespace cleannet::audit {

namespace fs = std::filesystem;

std::optional<FailOn> parse_fail_on(std::string_view s) {
  if (s == "error") return FailOn::kError;
  if (s == "warning") return FailOn::kWarning;
  if (s == "never") return FailOn::kNever;
  return std::nullopt;
}

const char* fail_on_name(FailOn f) {
  switch (f) {
    case FailOn::kError: return "error";
    case FailOn::kWarning: return "warning";
    case FailOn::kNever: return "never";
  }
  return "";
}

bool fails(const report::Finding& f, FailOn on) {
  if (f.suppression) return false;
  switch (on) {
    case FailOn::kError: return f.severity == report::Severity::kError;
    case FailOn::kWarning: return f.severity != report::Severity::kNote;
    case FailOn::kNever: return false;
  }
  return false;
}

namespace {

// The run's start and end times; SOURCE_DATE_EPOCH (reproducible-builds.org) fixes them, so
// that outputs can be compared byte for byte across runs (the goldens do).
std::string utc_now() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (const char* fixed = std::getenv("SOURCE_DATE_EPOCH"); fixed && *fixed) {
    char* end = nullptr;
    long long v = std::strtoll(fixed, &end, 10);
    if (end && *end == 0 && v >= 0) t = static_cast<std::time_t>(v);
  }
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A check that could not start: its input error, nothing reported.
report::CheckReport failed(core::Error e) {
  report::CheckReport r;
  r.errors.push_back(std::move(e));
  r.reported = false;
  return r;
}

// The inventory of a path or plan check, with what adds to it.
core::Result<netmodel::Network> load_path_network(const CheckSpec& c, netmodel::NetworkSources& s) {
  s.inventory = c.str("inventory");
  s.options.vendors = c.str("vendors");
  s.options.cables = c.str("cables");
  s.demands = c.str("demands");
  s.traffic_class = c.str("traffic_class");
  auto device_files = [](const std::vector<std::string>& v, std::vector<netmodel::DeviceFile>& out) {
    for (const std::string& d : v) {
      size_t eq = d.find('=');
      out.push_back({d.substr(0, eq), d.substr(eq + 1)});
    }
  };
  device_files(c.list("hbom"), s.hboms);
  device_files(c.list("device_output"), s.device_outputs);
  return netmodel::load_network(s);
}

// `path check` or, with `plan`, `path plan` (its options as `path plan` checks them).
report::CheckReport run_path(const CheckSpec& c, const trust::Context& ctx, bool plan) {
  netmodel::NetworkSources s;
  auto net = load_path_network(c, s);
  if (!net) return failed(net.error());
  const path::PathInputs in{&*net, s.inventory, ctx.resolver.get(), &ctx.policy, ctx.status_options};
  report::CheckReport r;
  if (plan) {
    path::PlanRequest request;
    request.classes = c.list("class");
    request.options.default_replace_cost = c.number("default_cost", request.options.default_replace_cost);
    const double seconds = c.number("time_limit", request.options.time_limit_ms / 1000.0);
    if (!(seconds > 0) || seconds > 86400)
      return failed(core::Error(core::SourcePos("check " + c.name + ", time_limit"), "seconds in (0, 86400]",
                                std::to_string(seconds)));
    request.options.time_limit_ms = static_cast<int>(seconds * 1000);
    request.options.force_approximation = c.flag("approximate");
    r = path::run_plan(in, request);
  } else {
    r = path::run_check(in);
  }
  for (const auto& w : net->warnings) r.notes.push_back(w.pos.to_string() + ": warning: " + w.text);
  return r;
}

report::CheckReport run_things(const CheckSpec& c, const trust::Context& ctx) {
  auto format = netmodel::parse_discovery_format(c.str("input_format", "auto"));
  things::ThingsInputs in{c.list("paths"),   *format,       ctx.resolver.get(), &ctx.policy,
                          ctx.status_options, ctx.ieee_note, &ctx.ieee_error};
  return things::scan(in);
}

report::CheckReport run_carrier(const CheckSpec& c, const trust::Context& ctx) {
  carrier::CarrierInputs in;
  in.asns = c.list("asn");
  in.prefixes = c.list("prefix");
  in.ribs = c.list("rib");
  in.updates = c.list("updates");
  in.as_rel = c.str("as_rel");
  in.as_names = c.str("as_names");
  in.as2org = c.str("as2org");
  in.max_destinations = static_cast<size_t>(c.integer("max_destinations", static_cast<int64_t>(in.max_destinations)));
  in.keep_going = c.flag("keep_going");
  return carrier::run_check(in, *ctx.resolver, ctx.policy, ctx.status_options);
}

// `trace check` keeps one finding per untrusted or undetermined trace (no per-trace verdicts:
// the findings are the audit's listing); its text and JSON are the check's summary.
report::CheckReport run_trace(const CheckSpec& c, const trust::Context& ctx) {
  trace::CheckInputs in;
  in.files = c.list("paths");
  in.origins = {c.list("pfx2as"), c.list("rib"), c.flag("keep_going")};
  in.ixp = c.str("ixp");
  in.options.output = trace::Output::kFindings;
  if (auto st = trace::validate(in); !st) return failed(st.error());
  trace::CheckTables tables = trace::load_tables(in);
  if (tables.error) return failed(*tables.error);
  std::optional<asgraph::AsDirectory> directory;
  if (!c.str("as_names").empty() || !c.str("as2org").empty()) {
    auto d = asgraph::read_directory(c.str("as_names"), c.str("as2org"));
    if (!d) return failed(d.error());
    directory = std::move(*d);
  }
  std::ostringstream none;
  trace::CheckReport t = trace::check(
      in, tables, {ctx.registry, *ctx.resolver, ctx.policy, ctx.status_options, directory ? &*directory : nullptr},
      none);
  report::CheckReport r;
  r.notes = tables.origins.notes;
  for (const trace::FileResult& f : t.files) {
    if (f.error) r.errors.push_back(*f.error);
    if (auto w = f.warning(); !w.empty()) r.notes.push_back("warning: " + f.file + ": " + w);
  }
  std::ostringstream text, json;
  trace::write_report(text, t, trace::Output::kText, static_cast<size_t>(c.integer("top", 10)));
  trace::write_report(json, t, trace::Output::kJson, static_cast<size_t>(c.integer("top", 10)));
  r.text_tail = text.str();
  r.summary = report::Json::parse(json.str());
  r.findings = std::move(t.findings);
  r.violations = t.violations();
  return r;
}

report::CheckReport run_cloud(const CheckSpec& c, const trust::Context& ctx) {
  cloud::CloudInputs in;
  in.paths = c.list("paths");
  in.terraform.data_class_tag = c.str("data_class_tag", in.terraform.data_class_tag);
  in.check.assume_data_class = c.str("assume_data_class");
  in.resolver = ctx.resolver.get();
  in.policy = &ctx.policy;
  in.status_options = ctx.status_options;
  return cloud::run_check(in);
}

report::CheckReport run_cable(const CheckSpec& c, const trust::Context& ctx) {
  cable::CableInputs in;
  in.data = c.str("data");
  in.country = c.str("country");
  in.to = c.str("to", in.to);
  in.without = c.list("without");
  in.include_planned = c.flag("include_planned");
  return cable::run_check(in, *ctx.resolver, ctx.policy, ctx.status_options).report;
}

report::CheckReport run_apps(const CheckSpec& c, const trust::Context& ctx) {
  apps::CheckOptions o;
  o.device_maker = c.str("device");
  return apps::run_check(c.list("paths"), *ctx.resolver, ctx.policy, ctx.status_options, o);
}

report::CheckReport run_lookup(const CheckSpec& c, const trust::Context& ctx) {
  registry::Lookup lookup(ctx.registry, *ctx.resolver, ctx.policy, ctx.status_options, ctx.ieee_note);
  return registry::lookup_report(lookup, c.list("ids"), c.str("from"), &ctx.ieee_error);
}

report::CheckReport run_one(const CheckSpec& c, const trust::Context& ctx) {
  if (c.kind == "path" || c.kind == "plan") return run_path(c, ctx, c.kind == "plan");
  if (c.kind == "things") return run_things(c, ctx);
  if (c.kind == "carrier") return run_carrier(c, ctx);
  if (c.kind == "trace") return run_trace(c, ctx);
  if (c.kind == "cloud") return run_cloud(c, ctx);
  if (c.kind == "cable") return run_cable(c, ctx);
  if (c.kind == "apps") return run_apps(c, ctx);
  return run_lookup(c, ctx);
}

// Every regular file under a folder, in name order.
std::vector<std::string> files_under(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {path};
  std::vector<std::string> out;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) out.push_back(it->path().string());
  std::sort(out.begin(), out.end());
  return out;
}

InputFile hash_text(std::string role, std::string path, std::string_view text) {
  return {std::move(role), std::move(path), text.size(), core::sha256_hex(text)};
}

}  // namespace

core::Result<InputFile> hash_file(const std::string& role, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error(core::SourcePos(path), "a readable file", "it cannot be opened");
  core::Sha256 h;
  std::vector<char> buf(1u << 20);
  uint64_t size = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    std::streamsize n = in.gcount();
    if (n <= 0) break;
    h.add(std::string_view(buf.data(), static_cast<size_t>(n)));
    size += static_cast<uint64_t>(n);
  }
  if (in.bad()) return core::Error(core::SourcePos(path), "a readable file", "a read error");
  return InputFile{role, path, size, h.hex()};
}

std::vector<const report::Finding*> AuditRun::failing() const {
  std::vector<const report::Finding*> out;
  for (const CheckResult& c : checks)
    for (const report::Finding& f : c.report.findings)
      if (fails(f, fail_on)) out.push_back(&f);
  return out;
}

core::Result<AuditRun> run_audit(const Scenario& scenario, const RunOptions& options) {
  AuditRun run;
  run.started = utc_now();
  run.scenario_name = scenario.name;
  run.scenario_path = scenario.path;
  run.scenario_text = scenario.text;
  run.scenario_sha256 = core::sha256_hex(scenario.text);
  run.version = report::kToolVersion;
  run.fail_on = options.fail_on;
  run.suppressions_applied = options.suppressions && !scenario.suppressions.empty();

  trust::ContextOptions co;
  co.as_of = options.as_of.empty() ? scenario.as_of : options.as_of;
  co.as_of_source = options.as_of.empty() ? scenario.path + ": as_of" : "--as-of";
  co.registries = scenario.registries;
  co.bundled = scenario.bundled_registry;
  co.policy = scenario.policy;
  co.need_ieee = std::any_of(scenario.checks.begin(), scenario.checks.end(),
                             [](const CheckSpec& c) { return c.kind == "things" || c.kind == "lookup"; });
  co.ieee_dir = options.ieee_dir.empty() ? scenario.ieee_data : options.ieee_dir;
  co.no_ieee = options.no_ieee;
  auto loaded = trust::load_context(co);
  if (!loaded) return loaded.error();
  const trust::Context& ctx = **loaded;
  run.policy = ctx.policy.name;
  run.as_of = ctx.status_options.as_of.to_string();

  std::optional<Suppressions> suppressions;
  if (!scenario.suppressions.empty()) {
    auto s = load_suppressions(scenario.suppressions);
    if (!s) return s.error();
    suppressions = std::move(*s);
  }

  // The inputs: what the scenario names, then each check's files.
  std::vector<std::pair<std::string, std::string>> files;  // role, path
  run.inputs.push_back(hash_text("scenario", scenario.path, scenario.text));
  if (auto text = trust::bundled_policy_toml(scenario.policy); !text.empty())
    run.inputs.push_back(hash_text("policy", "bundled:" + scenario.policy, text));
  else
    files.emplace_back("policy", scenario.policy);
  if (scenario.bundled_registry)
    run.inputs.push_back(hash_text("registry", "bundled:default.toml", trust::bundled_registry_toml()));
  for (const std::string& r : scenario.registries) files.emplace_back("registry", r);
  if (!scenario.suppressions.empty()) files.emplace_back("suppressions", scenario.suppressions);
  for (const CheckSpec& c : scenario.checks)
    for (const std::string& f : c.files)
      for (const std::string& each : files_under(f)) files.emplace_back(c.name, each);
  const size_t first_file = run.inputs.size();
  run.inputs.resize(first_file + files.size());
  std::vector<std::optional<core::Error>> hash_errors(files.size());

  run.checks.resize(scenario.checks.size());
  std::mutex progress_mu;
  size_t ended = 0;
  {
    tbb::task_group g;
    for (size_t i = 0; i < scenario.checks.size(); ++i)
      g.run([&, i] {
        const CheckSpec& spec = scenario.checks[i];
        const CheckKind* kind = find_check_kind(spec.kind);
        CheckResult& out = run.checks[i];
        out.name = spec.name;
        out.kind = spec.kind;
        out.line = std::string(kind->line);
        out.command = "cleannet " + std::string(kind->command);
        const auto c0 = std::chrono::steady_clock::now();
        out.report = run_one(spec, ctx);
        out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count();
        if (options.progress) {
          std::lock_guard<std::mutex> lock(progress_mu);
          options.progress(out, ++ended, scenario.checks.size());
        }
      });
    for (size_t i = 0; i < files.size(); ++i)
      g.run([&, i] {
        auto h = hash_file(files[i].first, files[i].second);
        if (h)
          run.inputs[first_file + i] = std::move(*h);
        else
          hash_errors[i] = h.error();
      });
    g.wait();
  }
  for (const auto& e : hash_errors)
    if (e) return *e;
  for (const InputFile& f : run.inputs)
    if (f.role == "policy") run.policy_sha256 = f.sha256;

  std::vector<report::Finding*> all;
  for (CheckResult& c : run.checks)
    for (report::Finding& f : c.report.findings) all.push_back(&f);
  if (suppressions && options.suppressions)
    run.suppressions = to_json(apply(*suppressions, ctx.status_options.as_of, all));
  else
    run.suppressions = nullptr;

  auto map = ComplianceMap::load_bundled();
  if (!map) return map.error();
  std::vector<std::string> lines;
  for (const CheckResult& c : run.checks)
    if (c.report.reported) lines.push_back(c.line);
  std::vector<ComplianceItem> items;
  items.reserve(all.size());
  for (const report::Finding* f : all) items.push_back(item_of(*f, f->suppression.has_value()));
  auto counts = summarise(*map, frameworks_for_policy(run.policy), lines, items);
  run.compliance = to_json(counts);
  run.compliance_text = to_text(counts);

  bool input_error = false;
  for (const CheckResult& c : run.checks) input_error |= report::exit_code(c.report) == 2;
  run.exit_code = input_error ? 2 : run.failing().empty() ? 0 : 1;
  run.ended = utc_now();
  return run;
}

}  // namespace cleannet::audit
