#include "carrier_cmd.h"

#include <iostream>
#include <memory>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/asgraph/directory.h"
#include "cleannet/asgraph/graph.h"
#include "cleannet/asgraph/relationships.h"
#include "cleannet/bgp/mrt.h"
#include "cleannet/carrier/check.h"
#include "cleannet/report/render.h"
#include "context.h"

namespace cleannet::cli {

namespace {

struct CarrierOptions {
  CommonOptions common;
  std::vector<std::string> asns, prefixes, ribs, updates;
  std::string as_rel, as_names, as2org;
  size_t max_destinations = 1000;
  bool keep_going = false;
};

core::Prefix address_of(const bgp::IpAddress& a) {
  core::Prefix p;
  p.v6 = a.v6;
  p.bytes = a.bytes;
  p.len = p.max_len();
  return p;
}

// Routes out of MRT records into the check: RIB entries (TABLE_DUMP, TABLE_DUMP_V2) and the
// announcements of BGP UPDATEs (IPv4 NLRI and MP_REACH_NLRI, RFC 4760). Withdrawals carry
// no path and are left out.
class Feed final : public bgp::MrtHandler {
 public:
  Feed(carrier::CarrierCheck& check, std::string file) : check_(check), file_(std::move(file)) {}

  void rib_entry(const bgp::MrtRecord& rec, const bgp::RibEntry& e) override {
    if (!e.nlri.empty() || !e.attributes || !e.peer) return;  // RIB_GENERIC of another AFI/SAFI
    emit(rec, e.prefix, e.afi == 2, e.peer->asn, e.peer->address, *e.attributes, false);
  }
  void table_dump(const bgp::MrtRecord& rec, const bgp::TableDumpEntry& e) override {
    if (e.attributes) emit(rec, e.prefix, e.v6, e.peer_as, e.peer_ip, *e.attributes, !e.as4);
  }
  void bgp_message(const bgp::MrtRecord& rec, const bgp::BgpMessage& m) override {
    if (m.type != bgp::kUpdate || !m.attributes) return;
    for (const bgp::NlriPrefix& p : m.announced) emit(rec, p, false, m.peer_as, m.peer_ip, *m.attributes, !m.as4);
    for (const bgp::MpNlri& mp : m.attributes->mp_reach) {
      if (!mp.raw_nlri.empty() || (mp.afi != 1 && mp.afi != 2)) continue;
      for (const bgp::NlriPrefix& p : m.attributes->prefixes(mp))
        emit(rec, p, mp.afi == 2, m.peer_as, m.peer_ip, *m.attributes, !m.as4);
    }
  }

 private:
  void emit(const bgp::MrtRecord& rec, const bgp::NlriPrefix& nlri, bool v6, uint32_t peer_as,
            const bgp::IpAddress& peer_ip, const bgp::Attributes& attrs, bool two_byte) {
    core::Prefix p;
    p.v6 = v6;
    p.bytes = nlri.bytes;
    p.len = std::min<uint8_t>(nlri.length, p.max_len());
    p = core::truncate(p, p.len);  // bits past the length are noise (RFC 4271 §4.3)
    bgp::merge_as4_path(attrs, two_byte, merged_);
    path_.clear();
    // AS_SEQUENCE and AS_SET members alike: a set member may have carried the route.
    // Confederation segments are internal to one AS (RFC 5065 §5.3) and left out.
    for (const auto& seg : merged_.segments)
      if (seg.type == bgp::kAsSequence || seg.type == bgp::kAsSet)
        for (uint32_t a : merged_.asns_of(seg)) path_.push_back(a);
    carrier::Route r;
    r.file = file_;
    r.offset = rec.offset;
    r.timestamp = rec.timestamp;
    r.peer_asn = peer_as;
    r.peer_ip = address_of(peer_ip);
    r.prefix = p;
    r.path = path_;
    check_.observe(r);
  }

  carrier::CarrierCheck& check_;
  std::string file_;
  bgp::AsPath merged_;
  std::vector<uint32_t> path_;
};

// Reads one MRT file into the check. A damaged or cut record is reported; with
// --keep-going the reading goes on (and stops at a cut end), otherwise it is exit 2.
bool read_mrt(const std::string& path, carrier::CarrierCheck& check, bool keep_going) {
  auto reader = bgp::MrtReader::open(path);
  if (!reader) {
    print_error(reader.error());
    return false;
  }
  bgp::MrtDecoder decoder(reader->name());
  Feed feed(check, reader->name());
  size_t damaged = 0;
  for (;;) {
    auto rec = reader->next();
    if (!rec) {
      print_error(rec.error());
      if (!keep_going) return false;
      std::cerr << reader->name() << ": --keep-going: every complete record before it was read; the "
                << reader->unread_bytes() << " byte(s) from there to the end were not\n";
      break;
    }
    if (!*rec) break;
    if (auto st = decoder.decode(**rec, feed); !st) {
      ++damaged;
      if (!keep_going) {
        print_error(st.error());
        return false;
      }
    }
  }
  if (damaged)
    std::cerr << reader->name() << ": --keep-going: " << damaged << " damaged record(s) read as bgpdump reads them\n";
  return true;
}

std::optional<uint32_t> parse_asn(std::string_view s) {
  if (s.size() > 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's')) s.remove_prefix(2);
  return asgraph::parse_asn_decimal(s);
}

int run_check(const CarrierOptions& o) {
  auto c = load_context(o.common, false);
  if (!c) return kExitInputError;
  carrier::Options opt;
  for (const std::string& a : o.asns) {
    auto asn = parse_asn(a);
    if (!asn) {
      print_error(core::Error(core::SourcePos("--asn"), "an AS number such as 3356 or AS3356", core::quote_found(a)));
      return kExitInputError;
    }
    opt.asns.push_back(*asn);
  }
  for (const std::string& p : o.prefixes) {
    auto prefix = core::parse_prefix(p, true);
    if (!prefix) {
      print_error(core::Error(core::SourcePos("--prefix"), "a prefix such as 192.0.2.0/24 with no host bits set",
                              core::quote_found(p)));
      return kExitInputError;
    }
    opt.prefixes.push_back(*prefix);
  }
  if (opt.asns.empty()) {
    print_error(core::Error(core::SourcePos("--asn"), "at least one AS of the network", "none"));
    return kExitInputError;
  }
  if (o.ribs.empty() && o.updates.empty() && o.as_rel.empty()) {
    print_error(core::Error(core::SourcePos("carrier check"),
                            "data to check the network against (--rib, --updates or --as-rel)", "none"));
    return kExitInputError;
  }
  std::optional<asgraph::AsDirectory> directory;
  if (!load_as_directory(o.as_names, o.as2org, directory)) return kExitInputError;
  asgraph::AsAttributor attributor(*c->resolver, directory ? &*directory : nullptr);
  asgraph::AsJudge judge(attributor, c->registry, c->policy, c->status_options, carrier::kLine);
  carrier::CarrierCheck check(opt, judge);
  // The relationships are read before the (much larger) MRT files, so that a bad file
  // stops the run before minutes of reading, not after.
  std::optional<asgraph::AsGraph> g;
  if (!o.as_rel.empty()) {
    auto rels = asgraph::read_relationships_file(o.as_rel);
    if (!rels) {
      print_error(rels.error());
      return kExitInputError;
    }
    auto built = asgraph::AsGraph::build(*rels);
    if (!built) {
      print_error(built.error());
      return kExitInputError;
    }
    g = std::move(*built);
  }
  for (const auto* files : {&o.ribs, &o.updates})
    for (const std::string& f : *files)
      if (!read_mrt(f, check, o.keep_going)) return kExitInputError;
  if (g) {
    check.add_relationships(*g, o.as_rel);
    check.infer(*g, o.max_destinations);
    if (directory) check.by_country(*g, *directory);
  }
  auto findings = check.findings();
  print_check_report(
      o.common.format, findings, "cleannet carrier check",
      [&] {
        report::Json j = check.json();
        j["policy"] = c->policy.name;
        j["as_of"] = c->status_options.as_of.to_string();
        return j;
      },
      [&] {
        std::cout << "carrier check of";
        for (uint32_t a : opt.asns) std::cout << " " << judge.as_text(a);
        std::cout << "; policy " << c->policy.name << ", as of " << c->status_options.as_of.to_string() << "\n";
        for (const auto& f : findings) std::cout << report::render_finding_text(f);
        std::cout << check.summary_text();
      });
  return check.exposed() ? kExitViolations : kExitClean;
}

}  // namespace

void add_carrier_commands(CLI::App& app, int& result) {
  CLI::App* carrier =
      app.add_subcommand("carrier", "Clean Carrier: interconnection with and transit through untrusted carriers");
  carrier->require_subcommand(1);
  auto o = std::make_shared<CarrierOptions>();
  CLI::App* check = carrier->add_subcommand(
      "check",
      "Direct interconnections, observed and inferred routes through untrusted carriers, for a network's ASes");
  check->add_option("--asn", o->asns, "An AS of the network (repeatable; the first is used for inference)")->required();
  check->add_option("--prefix", o->prefixes,
                    "A prefix of the network (repeatable; its ASes' originated prefixes count anyway)");
  check->add_option("--rib", o->ribs, "MRT RIB dump (TABLE_DUMP or TABLE_DUMP_V2; gz/bz2/xz/zstd; repeatable)");
  check->add_option("--updates", o->updates, "MRT update stream (BGP4MP, BGP4MP_ET; repeatable)");
  check->add_option("--as-rel", o->as_rel, "CAIDA AS relationships (as-rel or as-rel2)");
  check->add_option("--as-names", o->as_names, "AS number -> name/country list, for attribution by name and countries");
  check->add_option("--as2org", o->as2org, "CAIDA as2org file (instead of --as-names)");
  check
      ->add_option("--max-destinations", o->max_destinations,
                   "Destinations for inferred outbound routes (the largest originators first)")
      ->capture_default_str();
  check->add_flag("--keep-going", o->keep_going, "Read past damaged records and report what was skipped");
  add_common_options(check, o->common, {"text", "json", "sarif"});
  check->callback([o, &result] { result = run_check(*o); });
}

}  // namespace cleannet::cli
