#include "cleannet/carrier/run.h"

#include <optional>

#include "cleannet/asgraph/relationships.h"
#include "cleannet/carrier/check.h"
#include "cleannet/carrier/routes.h"

namespace cleannet::carrier {

namespace {

std::optional<uint32_t> parse_asn(std::string_view s) {
  if (s.size() > 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's')) s.remove_prefix(2);
  return asgraph::parse_asn_decimal(s);
}

report::CheckReport not_reported(core::Error e) {
  report::CheckReport r;
  r.errors.push_back(std::move(e));
  r.reported = false;
  return r;
}

}  // namespace

report::CheckReport run_check(const CarrierInputs& in, const trust::Resolver& resolver, const trust::Policy& policy,
                              const trust::StatusOptions& status_options) {
  Options opt;
  for (const std::string& a : in.asns) {
    auto asn = parse_asn(a);
    if (!asn)
      return not_reported(
          core::Error(core::SourcePos("--asn"), "an AS number such as 3356 or AS3356", core::quote_found(a)));
    opt.asns.push_back(*asn);
  }
  for (const std::string& p : in.prefixes) {
    auto prefix = core::parse_prefix(p, true);
    if (!prefix)
      return not_reported(core::Error(core::SourcePos("--prefix"),
                                      "a prefix such as 192.0.2.0/24 with no host bits set", core::quote_found(p)));
    opt.prefixes.push_back(*prefix);
  }
  if (opt.asns.empty())
    return not_reported(core::Error(core::SourcePos("--asn"), "at least one AS of the network", "none"));
  if (in.ribs.empty() && in.updates.empty() && in.as_rel.empty())
    return not_reported(core::Error(core::SourcePos("carrier check"),
                                    "data to check the network against (--rib, --updates or --as-rel)", "none"));
  auto directory = asgraph::read_directory(in.as_names, in.as2org);
  if (!directory) return not_reported(directory.error());
  asgraph::AsAttributor attributor(resolver, *directory ? &**directory : nullptr);
  AsJudge judge(attributor, resolver.registry(), policy, status_options, kLine);
  CarrierCheck check(opt, judge);
  // The relationships are read before the (much larger) MRT files, so that a bad file
  // stops the run before minutes of reading, not after.
  std::optional<asgraph::AsGraph> g;
  if (!in.as_rel.empty()) {
    auto rels = asgraph::read_relationships_file(in.as_rel);
    if (!rels) return not_reported(rels.error());
    auto built = asgraph::AsGraph::build(*rels);
    if (!built) return not_reported(built.error());
    g = std::move(*built);
  }
  report::CheckReport r;
  size_t files = 0;
  for (const auto* list : {&in.ribs, &in.updates})
    for (const std::string& path : *list) {
      ++files;
      auto f = read_routes(path, check, in.keep_going);
      if (!f) {
        r.errors.push_back(f.error());
        continue;
      }
      // With --keep-going a cut end stops the file and damaged records are read as bgpdump
      // reads them: both said, neither an error.
      if (f->mrt.cut) {
        r.notes.push_back(f->mrt.cut->message());
        r.notes.push_back(f->mrt.name + ": --keep-going: every complete record before it was read; the " +
                          std::to_string(f->mrt.unread_bytes) + " byte(s) from there to the end were not");
      }
      if (f->mrt.damaged)
        r.notes.push_back(f->mrt.name + ": --keep-going: " + std::to_string(f->mrt.damaged) +
                          " damaged record(s) read as bgpdump reads them");
    }
  if (!r.errors.empty()) {
    r.notes.push_back("carrier check: " + std::to_string(r.errors.size()) + " of " + std::to_string(files) +
                      " MRT file(s) could not be read (errors above); the report covers the rest");
    if (r.errors.size() == files && !g) {
      r.notes.pop_back();
      r.reported = false;
      return r;
    }
  }
  if (g) {
    check.add_relationships(*g, in.as_rel);
    check.infer(*g, in.max_destinations);
    if (*directory) check.by_country(*g, **directory);
  }
  r.findings = check.findings();
  r.summary = check.json();
  r.summary["policy"] = policy.name;
  r.summary["as_of"] = status_options.as_of.to_string();
  r.text_head = "carrier check of";
  for (uint32_t a : opt.asns) r.text_head += " " + judge.as_text(a);
  r.text_head += "; policy " + policy.name + ", as of " + status_options.as_of.to_string() + "\n";
  r.text_tail = check.summary_text();
  r.violations = check.exposed();
  return r;
}

}  // namespace cleannet::carrier
