#include "cleannet/carrier/run.h"

#include <memory>
#include <optional>

#include "cleannet/asgraph/relationships.h"
#include "cleannet/carrier/check.h"
#include "cleannet/carrier/routes.h"
#include "cleannet/carrier/run_detail.h"

namespace cleannet::carrier {

namespace {

std::optional<uint32_t> parse_asn(std::string_view s) {
  if (s.size() > 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's')) s.remove_prefix(2);
  return asgraph::parse_asn_decimal(s);
}

}  // namespace

namespace detail {

std::vector<std::string> all_inputs(const CarrierInputs& in) {
  std::vector<std::string> out = in.ribs;
  out.insert(out.end(), in.updates.begin(), in.updates.end());
  return out;
}

core::Result<std::unique_ptr<Run>> set_up(const CarrierInputs& in, const trust::Resolver& resolver,
                                          const trust::Policy& policy, const trust::StatusOptions& status_options,
                                          bool with_graph,
                                          const std::shared_ptr<const asgraph::AsDirectory>* directory) {
  auto run = std::make_unique<Run>();
  for (const std::string& a : in.asns) {
    auto asn = parse_asn(a);
    if (!asn) return core::Error(core::SourcePos("--asn"), "an AS number such as 3356 or AS3356", core::quote_found(a));
    run->options.asns.push_back(*asn);
  }
  for (const std::string& p : in.prefixes) {
    auto prefix = core::parse_prefix(p, true);
    if (!prefix)
      return core::Error(core::SourcePos("--prefix"), "a prefix such as 192.0.2.0/24 with no host bits set",
                         core::quote_found(p));
    run->options.prefixes.push_back(*prefix);
  }
  if (run->options.asns.empty()) return core::Error(core::SourcePos("--asn"), "at least one AS of the network", "none");
  if (in.ribs.empty() && in.updates.empty() && in.as_rel.empty())
    return core::Error(core::SourcePos("carrier check"),
                       "data to check the network against (--rib, --updates or --as-rel)", "none");
  if (directory) {
    run->directory = *directory;
  } else {
    auto read = asgraph::read_directory(in.as_names, in.as2org);
    if (!read) return read.error();
    if (*read) run->directory = std::make_shared<const asgraph::AsDirectory>(std::move(**read));
  }
  run->attributor = std::make_unique<asgraph::AsAttributor>(resolver, run->directory.get());
  run->judge = std::make_unique<AsJudge>(*run->attributor, resolver.registry(), policy, status_options, kLine);
  run->check = std::make_unique<CarrierCheck>(run->options, *run->judge);
  // The relationships are read before the (much larger) MRT files, so that a bad file
  // stops the run before minutes of reading, not after.
  if (with_graph && !in.as_rel.empty()) {
    auto rels = asgraph::read_relationships_file(in.as_rel);
    if (!rels) return rels.error();
    auto built = asgraph::AsGraph::build(*rels);
    if (!built) return built.error();
    run->graph = std::move(*built);
  }
  return run;
}

void read_inputs(Run& run, const CarrierInputs& in, const std::vector<size_t>& positions) {
  const std::vector<std::string> files = all_inputs(in);
  for (size_t pos : positions) {
    const std::string& path = files[pos];
    run.check->begin_input(static_cast<uint32_t>(pos));
    auto f = read_routes(path, *run.check, in.keep_going);
    if (!f) {
      CarrierCheck::Input failed;
      failed.file = path;
      failed.error = f.error();
      run.check->add_input(std::move(failed));
      continue;
    }
    // With --keep-going a cut end stops the file and damaged records are read as bgpdump
    // reads them: both said, neither an error.
    if (f->mrt.cut) {
      run.check->add_note(f->mrt.cut->message());
      run.check->add_note(f->mrt.name + ": --keep-going: every complete record before it was read; the " +
                          std::to_string(f->mrt.unread_bytes) + " byte(s) from there to the end were not");
    }
    if (f->mrt.damaged)
      run.check->add_note(f->mrt.name + ": --keep-going: " + std::to_string(f->mrt.damaged) +
                          " damaged record(s) read as bgpdump reads them");
  }
}

report::CheckReport finish(Run& run, const CarrierInputs& in, const trust::Policy& policy,
                           const trust::StatusOptions& status_options, size_t files) {
  CarrierCheck& check = *run.check;
  report::CheckReport r;
  for (const CarrierCheck::Input& f : check.inputs()) {
    if (f.error) r.errors.push_back(*f.error);
    r.notes.insert(r.notes.end(), f.notes.begin(), f.notes.end());
  }
  if (!r.errors.empty()) {
    if (r.errors.size() == files && !run.graph) {
      r.reported = false;
      return r;
    }
    r.notes.push_back("carrier check: " + std::to_string(r.errors.size()) + " of " + std::to_string(files) +
                      " MRT file(s) could not be read (errors above); the report covers the rest");
  }
  if (run.graph) {
    check.add_relationships(*run.graph, in.as_rel);
    check.infer(*run.graph, in.max_destinations);
    if (run.directory) check.by_country(*run.graph, *run.directory);
  }
  r.findings = check.findings();
  r.summary = check.json();
  r.summary["policy"] = policy.name;
  r.summary["as_of"] = status_options.as_of.to_string();
  r.text_head = "carrier check of";
  for (uint32_t a : run.options.asns) r.text_head += " " + run.judge->as_text(a);
  r.text_head += "; policy " + policy.name + ", as of " + status_options.as_of.to_string() + "\n";
  r.text_tail = check.summary_text();
  r.violations = check.exposed();
  return r;
}

}  // namespace detail

report::CheckReport run_check(const CarrierInputs& in, const trust::Resolver& resolver, const trust::Policy& policy,
                              const trust::StatusOptions& status_options) {
  auto run = detail::set_up(in, resolver, policy, status_options, true);
  if (!run) {
    report::CheckReport r;
    r.errors.push_back(run.error());
    r.reported = false;
    return r;
  }
  const size_t files = in.ribs.size() + in.updates.size();
  std::vector<size_t> positions(files);
  for (size_t i = 0; i < files; ++i) positions[i] = i;
  detail::read_inputs(**run, in, positions);
  return detail::finish(**run, in, policy, status_options, files);
}

}  // namespace cleannet::carrier
