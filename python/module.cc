// The extension `cleannet._cleannet`: the library's one-call checks over a loaded context,
// each returning what the CLI prints with --format json as text, with the errors and notes
// the CLI prints on stderr. python/cleannet/__init__.py turns that into dicts, exceptions and
// warnings; keeping the decisions there keeps this file a thin layer over the same calls the
// commands in apps/cleannet make (so the module cannot drift from the CLI's JSON).
//
// Every check releases the GIL while the library works: a Dask worker's other threads, and
// the verdict iterator's reader, go on meanwhile.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <tbb/global_control.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cleannet/apps/check.h"
#include "cleannet/apps/check_inputs.h"
#include "cleannet/apps/inspect.h"
#include "cleannet/asgraph/route_check.h"
#include "cleannet/cable/run.h"
#include "cleannet/carrier/partial.h"
#include "cleannet/carrier/run.h"
#include "cleannet/cloud/run.h"
#include "cleannet/core/text.h"
#include "cleannet/netmodel/inventory.h"
#include "cleannet/path/run.h"
#include "cleannet/registry/lookup.h"
#include "cleannet/scale/merge.h"
#include "cleannet/shard/partial.h"
#include "cleannet/report/check_report.h"
#include "cleannet/report/registry_json.h"
#include "cleannet/things/check.h"
#include "cleannet/trace/check.h"
#include "cleannet/trust/context.h"
#include "trace_run.h"

namespace py = pybind11;

namespace cleannet::python {
namespace {

// Raised as cleannet.InputError (a ValueError): the message is the library's, naming the
// file, line and what was expected.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void raise(const core::Error& e) { throw InputError(e.message()); }

// A check's answer as the CLI gives it: the JSON document it prints on stdout (empty when
// there is no report), and what it prints on stderr.
struct Outcome {
  std::string json;
  std::vector<std::string> errors, notes;
};

// The same printer as the CLI (report::print_check_report with Format::kJson), so the JSON
// is the CLI's to the byte.
Outcome outcome(const report::CheckReport& r, const std::string& command) {
  Outcome o;
  for (const core::Error& e : r.errors) o.errors.push_back(e.message());
  o.notes = r.notes;
  if (r.reported) {
    std::ostringstream s;
    report::print_check_report(s, report::Format::kJson, r, command, nullptr);
    o.json = s.str();
  }
  return o;
}

py::tuple to_python(const Outcome& o) { return py::make_tuple(o.json, o.errors, o.notes); }

// The registry, policy and resolver every check reads (trust::load_context), shared with the
// verdict iterators that outlive a call.
class Context {
 public:
  Context(std::vector<std::string> registries, bool bundled, std::string policy, std::string as_of,
          std::string ieee_data, bool no_ieee) {
    trust::ContextOptions o;
    o.as_of = std::move(as_of);
    o.as_of_source = "as_of";
    o.registries = std::move(registries);
    o.bundled = bundled;
    o.policy = std::move(policy);
    // The IEEE files are read on the first MAC lookup only, so asking for them costs the
    // checks that never look a MAC up nothing.
    o.need_ieee = true;
    o.ieee_dir = std::move(ieee_data);
    o.no_ieee = no_ieee;
    std::unique_ptr<trust::Context> c;
    {
      py::gil_scoped_release nogil;
      auto loaded = trust::load_context(o);
      if (!loaded) raise(loaded.error());
      c = std::move(*loaded);
    }
    ctx_ = std::move(c);
    options_ = std::move(o);
  }
  // What the context was loaded from: partials name it (shard::context_identity).
  const trust::ContextOptions& options() const { return options_; }

  std::string policy() const { return ctx_->policy.name; }
  std::string as_of() const { return ctx_->status_options.as_of.to_string(); }
  std::string ieee_note() const { return ctx_->ieee_note; }
  const std::shared_ptr<const trust::Context>& shared() const { return ctx_; }
  const trust::Context& c() const { return *ctx_; }

 private:
  std::shared_ptr<const trust::Context> ctx_;
  trust::ContextOptions options_;
};

// --- partial results (shard/partial.h, scale/merge.h) -----------------------------------

shard::Partial partial_from(const std::string& name, const py::bytes& bytes) {
  auto p = shard::from_bytes(name, std::string(bytes));
  if (!p) raise(p.error());
  return std::move(*p);
}

// `cleannet merge P... --partial-out`: the partials (name, bytes) as one partial's bytes.
py::bytes merge_partials(const std::vector<std::pair<std::string, py::bytes>>& parts) {
  std::vector<scale::Named> named;
  for (const auto& [name, bytes] : parts) named.emplace_back(name, partial_from(name, bytes));
  std::string out;
  {
    py::gil_scoped_release nogil;
    auto merged = scale::merge(named);
    if (!merged) raise(merged.error());
    out = shard::to_bytes(*merged);
  }
  return py::bytes(out);
}

// A partial's header as JSON text (everything but the state): its kind, context and sources.
std::string partial_header(const std::string& name, const py::bytes& bytes) {
  shard::Partial p = partial_from(name, bytes);
  p.state = report::Json::object();
  report::Json j = shard::to_json(p);
  j.erase("state");
  return j.dump();
}

// `cleannet merge P...`: the report of a complete partial, (stdout, stderr, exit code) as the
// command prints them; `cx` may be None for kinds that judge nothing.
py::tuple render_partial(const Context* cx, const std::string& name, const py::bytes& bytes,
                         const std::string& format, size_t top) {
  const shard::Partial p = partial_from(name, bytes);
  auto f = report::parse_format(format);
  if (!f) raise(core::Error(core::SourcePos("format"), "text, json or sarif", core::quote_found(format)));
  std::ostringstream out, err;
  int code = 2;
  {
    py::gil_scoped_release nogil;
    report::Json identity;
    std::optional<core::Error> failed;
    if (cx) {
      auto id = shard::context_identity(cx->options(), cx->c());
      if (id)
        identity = std::move(*id);
      else
        failed = id.error();
    }
    if (!failed) {
      auto r = scale::render(p, cx ? &cx->c() : nullptr, identity, *f, top, out, err);
      if (r)
        code = *r;
      else
        failed = r.error();
    }
    if (failed) raise(*failed);
  }
  return py::make_tuple(out.str(), err.str(), code);
}

// `registry lookup --format json`: the array of verdicts, each bad identifier an error (the
// others are still judged).
py::tuple lookup(const Context& cx, const std::vector<std::string>& ids, const std::string& from) {
  Outcome o;
  {
    py::gil_scoped_release nogil;
    const trust::Context& c = cx.c();
    registry::Lookup lookup(c.registry, *c.resolver, c.policy, c.status_options, c.ieee_note);
    report::Json all = report::Json::array();
    core::Status opened = registry::lookup_each(
        lookup, ids, from, [&](registry::LookupVerdict& v) { all.push_back(lookup.json(v)); },
        [&](const core::Error& e) { o.errors.push_back(e.message()); }, &c.ieee_error);
    if (!opened)
      o.errors.push_back(opened.error().message());
    else
      o.json = report::dump_json(all);
  }
  return to_python(o);
}

// `registry show --format json`.
py::tuple show(const Context& cx, const std::vector<std::string>& orgs) {
  Outcome o;
  const trust::Context& c = cx.c();
  report::Json all = report::Json::array();
  for (const std::string& q : orgs) {
    auto id = trust::parse_identifier(q);
    std::optional<trust::Match> m;
    if (id) m = c.resolver->resolve(*id);
    if (!m) {
      o.errors.push_back(
          core::Error(core::SourcePos(q), "an organisation id, name or identifier in the registry", "no match")
              .message());
      continue;
    }
    auto st = trust::evaluate_status(c.registry, m->org, c.status_options);
    all.push_back(report::organisation_status_json(c.registry, m->org, st, c.status_options.as_of));
  }
  o.json = all.dump(2);
  return to_python(o);
}

// An AS number as `asgraph route` reads its options (asgraph_cmd.cc).
constexpr const char* kAsnExpected = "an AS number (AS3320 or 3320)";
uint32_t parse_asn(const std::string& option, std::string_view text, const char* expected) {
  auto id = trust::parse_identifier(core::trim(text));
  if (!id || id->kind != trust::IdentifierKind::kAsn)
    raise(core::Error(core::SourcePos(option), expected, core::quote_found(text)));
  return id->asn;
}

std::string export_registry(const Context& cx) { return report::registry_to_json(cx.c().registry).dump(2); }

// `path check` and `path plan`: the inventory and what adds to it, as netmodel reads them.
struct PathArgs {
  std::string inventory, vendors, cables, demands, traffic_class;
  std::map<std::string, std::string> hbom, device_output;  // device -> file
};

py::tuple run_path(const Context& cx, const PathArgs& a, const std::optional<path::PlanRequest>& plan) {
  Outcome o;
  {
    py::gil_scoped_release nogil;
    const trust::Context& c = cx.c();
    netmodel::NetworkSources s{a.inventory, {a.vendors, a.cables}, a.demands, {}, {}, a.traffic_class};
    for (const auto& [d, f] : a.hbom) s.hboms.push_back({d, f});
    for (const auto& [d, f] : a.device_output) s.device_outputs.push_back({d, f});
    auto net = netmodel::load_network(s);
    if (!net) {
      o.errors.push_back(net.error().message());
    } else {
      const path::PathInputs in{&*net, a.inventory, c.resolver.get(), &c.policy, c.status_options};
      o = plan ? outcome(path::run_plan(in, *plan), "cleannet path plan")
               : outcome(path::run_check(in), "cleannet path check");
      for (const auto& w : net->warnings) o.notes.insert(o.notes.begin(), w.pos.to_string() + ": warning: " + w.text);
    }
  }
  return to_python(o);
}

// The carrier side tables (AS directory, digests) of a run, kept per process while their
// files are unchanged: a worker of a cluster loads them once, not once per file.
std::shared_ptr<const carrier::SideTables> cached_side_tables(const carrier::CarrierInputs& in) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const carrier::SideTables>> cache;
  std::string key;
  for (const std::string* f : {&in.as_rel, &in.as_names, &in.as2org}) {
    key += *f + '\0';
    std::error_code ec;
    if (f->empty()) continue;
    const auto size = std::filesystem::file_size(*f, ec);
    const auto time = std::filesystem::last_write_time(*f, ec);
    if (ec) return nullptr;  // read and fail where the run reads it, with its message
    key += std::to_string(size) + ':' + std::to_string(time.time_since_epoch().count()) + '\0';
  }
  std::lock_guard<std::mutex> lock(mu);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  auto t = carrier::load_side_tables(in);
  if (!t) return nullptr;
  if (cache.size() >= 4) cache.clear();  // a few runs' tables at most
  return cache[key] = *t;
}

// Trace tables, loaded once (the CLI's order of errors: origin sources, --ixp, then the AS
// directory).
std::shared_ptr<const TraceTables> trace_tables(const std::vector<std::string>& pfx2as,
                                                const std::vector<std::string>& ribs, const std::string& ixp,
                                                const std::string& as_names, const std::string& as2org,
                                                bool keep_going) {
  auto t = std::make_shared<TraceTables>();
  {
    py::gil_scoped_release nogil;
    trace::CheckInputs in;
    in.origins = {pfx2as, ribs, keep_going};
    in.ixp = ixp;
    t->tables = trace::load_tables(in);
    if (t->tables.error) raise(*t->tables.error);
    auto d = asgraph::read_directory(as_names, as2org);
    if (!d) raise(d.error());
    t->directory = std::move(*d);
    t->notes = t->tables.origins.notes;
    t->files = {pfx2as, ribs, ixp, as_names, as2org, keep_going};
    auto digests = trace::table_digests(t->files);
    if (!digests) raise(digests.error());
    t->digests = std::move(*digests);
  }
  return t;
}

}  // namespace
}  // namespace cleannet::python

PYBIND11_MODULE(_cleannet, m) {
  using namespace cleannet;
  using namespace cleannet::python;
  m.doc() = "cleannet's library calls; use the package cleannet, not this module";
  py::register_exception<InputError>(m, "InputError", PyExc_ValueError);

  py::class_<Context>(m, "Context")
      .def(py::init<std::vector<std::string>, bool, std::string, std::string, std::string, bool>(),
           py::arg("registries"), py::arg("bundled"), py::arg("policy"), py::arg("as_of"), py::arg("ieee_data"),
           py::arg("no_ieee"))
      .def_property_readonly("policy", &Context::policy)
      .def_property_readonly("as_of", &Context::as_of)
      .def_property_readonly("ieee_note", &Context::ieee_note)
      .def("lookup", &lookup, py::arg("ids"), py::arg("from_file"))
      .def("show", &show, py::arg("orgs"))
      .def("export_registry", &export_registry)
      .def(
          "path_check",
          [](const Context& cx, std::string inventory, std::string vendors, std::string cables, std::string demands,
             std::string traffic_class, std::map<std::string, std::string> hbom,
             std::map<std::string, std::string> device_output) {
            return run_path(cx, {inventory, vendors, cables, demands, traffic_class, hbom, device_output},
                            std::nullopt);
          },
          py::arg("inventory"), py::arg("vendors"), py::arg("cables"), py::arg("demands"), py::arg("traffic_class"),
          py::arg("hbom"), py::arg("device_output"))
      .def(
          "path_plan",
          [](const Context& cx, std::string inventory, std::string vendors, std::string cables, std::string demands,
             std::string traffic_class, std::map<std::string, std::string> hbom,
             std::map<std::string, std::string> device_output, std::vector<std::string> classes, double default_cost,
             double time_limit_s, bool approximate) {
            const PathArgs a{inventory, vendors, cables, demands, traffic_class, hbom, device_output};
            if (!(default_cost >= 0) || !std::isfinite(default_cost))
              raise(core::Error(core::SourcePos("default_cost"), "a cost >= 0", std::to_string(default_cost)));
            if (!(time_limit_s > 0) || time_limit_s > 86400)
              raise(core::Error(core::SourcePos("time_limit"), "seconds in (0, 86400]", std::to_string(time_limit_s)));
            path::PlanRequest r;
            r.classes = std::move(classes);
            r.options.default_replace_cost = default_cost;
            r.options.time_limit_ms = static_cast<int>(time_limit_s * 1000);
            r.options.force_approximation = approximate;
            return run_path(cx, a, r);
          },
          py::arg("inventory"), py::arg("vendors"), py::arg("cables"), py::arg("demands"), py::arg("traffic_class"),
          py::arg("hbom"), py::arg("device_output"), py::arg("classes"), py::arg("default_cost"), py::arg("time_limit"),
          py::arg("approximate"))
      .def(
          "things_scan",
          [](const Context& cx, std::vector<std::string> files, const std::string& input_format) {
            auto format = netmodel::parse_discovery_format(input_format);
            if (!format)
              raise(core::Error(core::SourcePos("input_format"), "auto, nmap, dhcpd, ip-neigh or arp",
                                core::quote_found(input_format)));
            Outcome o;
            {
              py::gil_scoped_release nogil;
              const trust::Context& c = cx.c();
              things::ThingsInputs in{std::move(files), *format,     c.resolver.get(), &c.policy,
                                      c.status_options, c.ieee_note, &c.ieee_error};
              o = outcome(things::scan(in), "cleannet things scan");
            }
            return to_python(o);
          },
          py::arg("files"), py::arg("input_format"))
      .def(
          "carrier_check",
          [](const Context& cx, std::vector<std::string> asns, std::vector<std::string> prefixes,
             std::vector<std::string> ribs, std::vector<std::string> updates, std::string as_rel, std::string as_names,
             std::string as2org, size_t max_destinations, bool keep_going) {
            const carrier::CarrierInputs in{asns,   prefixes,         ribs,      updates, as_rel, as_names,
                                            as2org, max_destinations, keep_going};
            Outcome o;
            {
              py::gil_scoped_release nogil;
              const trust::Context& c = cx.c();
              o = outcome(carrier::run_check(in, *c.resolver, c.policy, c.status_options), "cleannet carrier check");
            }
            return to_python(o);
          },
          py::arg("asns"), py::arg("prefixes"), py::arg("ribs"), py::arg("updates"), py::arg("as_rel"),
          py::arg("as_names"), py::arg("as2org"), py::arg("max_destinations"), py::arg("keep_going"))
      .def(
          "carrier_partial",
          [](const Context& cx, std::vector<std::string> asns, std::vector<std::string> prefixes,
             std::vector<std::string> ribs, std::vector<std::string> updates, std::string as_rel, std::string as_names,
             std::string as2org, size_t max_destinations, bool keep_going, std::vector<size_t> positions,
             bool strict) {
            const carrier::CarrierInputs in{asns,   prefixes,         ribs,      updates, as_rel, as_names,
                                            as2org, max_destinations, keep_going};
            const size_t n = ribs.size() + updates.size();
            for (size_t pos : positions)
              if (pos >= n)
                raise(core::Error(core::SourcePos("positions"),
                                  "input positions below " + std::to_string(n) + " (the RIBs, then the updates)",
                                  std::to_string(pos)));
            std::string bytes;
            {
              py::gil_scoped_release nogil;
              const auto side = cached_side_tables(in);
              auto p = carrier::run_partial(in, positions, cx.c(), cx.options(), strict, side.get());
              if (!p) raise(p.error());
              bytes = shard::to_bytes(*p);
            }
            return py::bytes(bytes);
          },
          py::arg("asns"), py::arg("prefixes"), py::arg("ribs"), py::arg("updates"), py::arg("as_rel"),
          py::arg("as_names"), py::arg("as2org"), py::arg("max_destinations"), py::arg("keep_going"),
          py::arg("positions"), py::arg("strict"))
      .def(
          "cloud_check",
          [](const Context& cx, std::vector<std::string> paths, const std::string& data_class_tag,
             const std::string& assume_data_class) {
            if (data_class_tag.empty())
              raise(core::Error(core::SourcePos("data_class_tag"), "a tag or label name", "an empty name"));
            Outcome o;
            {
              py::gil_scoped_release nogil;
              const trust::Context& c = cx.c();
              cloud::CloudInputs in;
              in.paths = std::move(paths);
              in.terraform.data_class_tag = data_class_tag;
              in.check.assume_data_class = assume_data_class;
              in.resolver = c.resolver.get();
              in.policy = &c.policy;
              in.status_options = c.status_options;
              o = outcome(cloud::run_check(in), "cleannet cloud check");
            }
            return to_python(o);
          },
          py::arg("paths"), py::arg("data_class_tag"), py::arg("assume_data_class"))
      .def(
          "cable_check",
          [](const Context& cx, std::string data, std::string country, std::string to, std::vector<std::string> without,
             bool include_planned, bool geojson) {
            const cable::CableInputs in{data, country, to, without, include_planned, geojson};
            Outcome o;
            py::object map_json = py::none();
            std::optional<std::string> map;
            {
              py::gil_scoped_release nogil;
              const trust::Context& c = cx.c();
              cable::CableRun run = cable::run_check(in, *c.resolver, c.policy, c.status_options);
              o = outcome(run.report, "cleannet cable check");
              if (run.geojson) map = run.geojson->dump();
            }
            if (map) map_json = py::str(*map);
            return py::make_tuple(o.json, o.errors, o.notes, map_json);
          },
          py::arg("data"), py::arg("country"), py::arg("to"), py::arg("without"), py::arg("include_planned"),
          py::arg("geojson"))
      .def(
          "apps_check",
          [](const Context& cx, std::vector<std::string> paths, const std::string& device) {
            Outcome o;
            {
              py::gil_scoped_release nogil;
              const trust::Context& c = cx.c();
              apps::CheckOptions opt;
              opt.device_maker = device;
              o = outcome(apps::run_check(paths, *c.resolver, c.policy, c.status_options, opt), "cleannet apps check");
            }
            return to_python(o);
          },
          py::arg("paths"), py::arg("device"))
      .def(
          "apps_inspect",
          [](const Context& cx, std::vector<std::string> apks, bool classes, size_t top, size_t examples) {
            const apps::InspectInputs in{apks, classes, top, examples};
            Outcome o;
            {
              py::gil_scoped_release nogil;
              const trust::Context& c = cx.c();
              auto r = apps::inspect_apks(in, *c.resolver, c.registry, c.policy, c.status_options);
              if (!r) raise(r.error());
              for (const core::Error& e : r->errors) o.errors.push_back(e.message());
              // Nothing readable: the errors are the whole answer (apps_inspect_cmd.cc).
              if (r->readable != 0 || r->errors.empty()) o.json = outcome(r->report, "cleannet apps inspect").json;
            }
            return to_python(o);
          },
          py::arg("apks"), py::arg("classes"), py::arg("top"), py::arg("examples"))
      .def(
          "asgraph_route",
          [](const Context& cx, const std::string& from, const std::string& to, std::string as_rel,
             const std::string& as_rel_format, std::string as_names, std::string as2org, const std::string& avoid) {
            asgraph::RouteInputs in;
            in.from = parse_asn("from_as", from, kAsnExpected);
            in.to = parse_asn("to_as", to, kAsnExpected);
            in.avoid_text = avoid;
            if (avoid == "untrusted") {
              in.avoid_untrusted = true;
            } else if (!avoid.empty()) {
              for (std::string_view part : core::split(avoid, ','))
                in.avoid.push_back(parse_asn("avoid", part, "\"untrusted\" or AS numbers separated by commas"));
            }
            auto format = asgraph::parse_relationship_format(as_rel_format);
            if (!format)
              raise(core::Error(core::SourcePos("as_rel_format"), "auto, serial-1 or serial-2",
                                core::quote_found(as_rel_format)));
            in.as_rel = std::move(as_rel);
            in.rel_format = *format;
            in.as_names = std::move(as_names);
            in.as2org = std::move(as2org);
            Outcome o;
            {
              py::gil_scoped_release nogil;
              const trust::Context& c = cx.c();
              auto r = asgraph::check_route(in, *c.resolver, c.registry, c.policy, c.status_options);
              if (!r) raise(r.error());
              o = outcome(r->report, "cleannet asgraph route");
            }
            return to_python(o);
          },
          py::arg("from_as"), py::arg("to_as"), py::arg("as_rel"), py::arg("as_rel_format"), py::arg("as_names"),
          py::arg("as2org"), py::arg("avoid"))
      .def(
          "trace_check",
          [](const Context& cx, std::shared_ptr<const TraceTables> tables, std::vector<std::string> files,
             size_t threads, size_t max_queued_bytes) {
            if (files.empty()) raise(core::Error(core::SourcePos("files"), "traceroute result files", "none"));
            return std::make_unique<TraceRun>(cx.shared(), std::move(tables), std::move(files),
                                              TraceRunOptions{threads, max_queued_bytes});
          },
          py::arg("tables"), py::arg("files"), py::arg("threads"), py::arg("max_queued_bytes"))
      .def(
          "trace_partial",
          [](const Context& cx, std::shared_ptr<const TraceTables> t, std::vector<std::string> files,
             std::vector<size_t> positions, bool findings, bool strict, size_t threads) {
            for (size_t pos : positions)
              if (pos >= files.size())
                raise(core::Error(core::SourcePos("positions"),
                                  "input positions below " + std::to_string(files.size()), std::to_string(pos)));
            std::string bytes;
            {
              py::gil_scoped_release nogil;
              // `trace check --partial-out [--format sarif]` on the files at `positions`.
              trace::CheckInputs in;
              for (size_t pos : positions) in.files.push_back(files[pos]);
              in.origins = {t->files.pfx2as, t->files.ribs, t->files.keep_going};
              in.ixp = t->files.ixp;
              in.options.output = findings ? trace::Output::kFindings : trace::Output::kNone;
              in.options.strict = strict;
              std::optional<tbb::global_control> limit;
              if (threads) limit.emplace(tbb::global_control::max_allowed_parallelism, threads);
              const trust::Context& c = cx.c();
              std::ostream none(nullptr);
              const trace::ReportData r = trace::report_data(trace::check(
                  in, t->tables,
                  {c.registry, *c.resolver, c.policy, c.status_options, t->directory ? &*t->directory : nullptr},
                  none));
              // A strict run stops at a failed file: what it holds is not its files' partial.
              if (strict)
                for (const trace::FileResult& f : r.files)
                  if (f.error) raise(*f.error);
              auto p = trace::make_partial(r, findings, t->digests, t->files, t->notes, cx.options(), c,
                                           std::move(files), std::move(positions));
              if (!p) raise(p.error());
              bytes = shard::to_bytes(*p);
            }
            return py::bytes(bytes);
          },
          py::arg("tables"), py::arg("files"), py::arg("positions"), py::arg("findings"), py::arg("strict"),
          py::arg("threads"));

  py::class_<TraceTables, std::shared_ptr<TraceTables>>(m, "TraceTables")
      .def_property_readonly("notes", [](const TraceTables& t) { return t.notes; })
      .def_property_readonly("origins", [](const TraceTables& t) { return t.tables.origins.table.source; })
      .def_property_readonly("prefixes", [](const TraceTables& t) { return t.tables.origins.table.num_prefixes(); });
  m.def("merge_partials", &merge_partials, py::arg("parts"));
  m.def("partial_header", &partial_header, py::arg("name"), py::arg("bytes"));
  m.def("render_partial", &render_partial, py::arg("context").none(true), py::arg("name"), py::arg("bytes"),
        py::arg("format"), py::arg("top"));
  m.def("trace_tables", &trace_tables, py::arg("pfx2as"), py::arg("ribs"), py::arg("ixp"), py::arg("as_names"),
        py::arg("as2org"), py::arg("keep_going"));

  py::class_<TraceRun>(m, "TraceRun")
      .def("next",
           [](TraceRun& r) -> py::object {
             std::optional<std::string> line;
             {
               py::gil_scoped_release nogil;
               line = r.next();
             }
             if (!line) return py::none();
             return py::str(*line);
           })
      .def(
          "next_many",
          [](TraceRun& r, size_t n) {
            // Up to n lines under one GIL release: fewer round trips for bulk readers.
            std::vector<std::string> lines;
            {
              py::gil_scoped_release nogil;
              while (lines.size() < n) {
                auto line = r.next();
                if (!line) break;
                lines.push_back(std::move(*line));
              }
            }
            return lines;
          },
          py::arg("n"))
      .def("close",
           [](TraceRun& r) {
             py::gil_scoped_release nogil;
             r.close();
           })
      .def_property_readonly("closed", &TraceRun::closed)
      .def_property_readonly("written_bytes", &TraceRun::written_bytes)
      .def_property_readonly("summary", &TraceRun::summary)
      .def_property_readonly("errors", &TraceRun::errors)
      .def_property_readonly("warnings", &TraceRun::warnings)
      .def_property_readonly("failure", &TraceRun::failure);
}
