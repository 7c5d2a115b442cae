// Clean Cable (U.S. Department of State, 2020-08-05: "ensure the undersea cables connecting
// our country to the global internet are not subverted for intelligence gathering by the
// PRC at hyper scale"): who owns and who built each submarine cable, and which countries
// keep a connection to a chosen set of countries over clean cables only.
//
// Per cable: every owner and supplier string is resolved by name in the registry (the
// match kind and confidence are kept as evidence) and its status evaluated as of a date.
// Verdict: untrusted-supplier when a supplier is untrusted, else untrusted-owner when an
// owner or co-owner is, else unknown when a party is not in the registry, has unknown
// status, or no party is listed, else trusted. The policy's `cable` line decides each
// party (segment "supplier" or "owner", traffic class "*"); a cable is *clean* unless a
// party's judgement violates the policy (trust/judge.h), so a user policy that denies
// unknown parties shrinks the clean set further. Every cable that is not clean is a
// finding, decided by its untrusted party or, without one, by the first party that
// violates the policy.
//
// Per country (ISO 3166-1 code): its cables, how many are clean, and for the target set
// (e.g. US, or the EU members) whether it reaches the set over all cables and over clean
// cables, with a minimum cable cut for each (cut.h). Planned cables are judged but carry
// no traffic unless CheckOptions::include_planned; cables in `without` (a cut or a ban)
// carry none either, and countries whose clean connection depends on them are reported.
//
//   CableCheck check(set, resolver, policy, status_options, opts);
//   if (auto st = check.run(); !st) return fail(st.error());   // e.g. --without names no cable
//   for (const report::Finding& f : check.findings()) ...
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cleannet/cable/cable.h"
#include "cleannet/cable/cut.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"
#include "cleannet/trust/judge.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::cable {

enum class Verdict { kTrusted, kUnknown, kUntrustedOwner, kUntrustedSupplier };
const char* verdict_name(Verdict v);    // trusted, unknown, untrusted-owner, untrusted-supplier
const char* verdict_colour(Verdict v);  // for maps: green, grey, orange, red (hex)

struct CheckOptions {
  std::vector<std::string> targets = {"US"};  // ISO codes (countries.h expands groups)
  std::string targets_label = "US";           // as the user wrote it, for messages
  std::vector<std::string> without;           // cable ids or names
  bool include_planned = false;
  std::string country;  // ISO code: report only this country and its cables; "" for all
};

// A party judged on the cable line, its role as the segment (match: none when the name
// is not in the registry).
struct Party : trust::Judgement {
  std::string role;  // "supplier" or "owner"
  std::string text;  // as written: "HMN Tech"
};

struct CableVerdict {
  Verdict verdict = Verdict::kUnknown;
  std::vector<Party> parties;  // suppliers first, then owners, in file order
  int deciding = -1;           // the party that decides an untrusted verdict
  bool clean = true;
  bool carries = true;  // in the connectivity model: not planned (unless included), not removed
  bool removed = false;
  std::vector<std::string> countries;  // ISO codes, sorted, unique
};

struct CountryRow {
  std::string code, name;
  std::vector<uint32_t> cables;  // cables landing here that carry traffic
  uint32_t clean = 0;
  bool in_target = false;
  CutResult all, clean_cut;  // over all carrying cables / over the clean ones
  // With `without`: the clean connection before the cables were removed.
  bool clean_before = false;
  bool loses_clean() const { return !in_target && all.connected && !clean_cut.connected; }
  bool lost_by_removal() const { return !in_target && clean_before && !clean_cut.connected; }
};

class CableCheck {
 public:
  // All must outlive the check.
  CableCheck(const CableSet& set, const trust::Resolver& resolver, const trust::Policy& policy,
             const trust::StatusOptions& status_options, CheckOptions options);

  // Fails when `without` names no cable or `country` has no cable in the data.
  core::Status run();

  const CableSet& set() const { return set_; }
  const std::vector<CableVerdict>& verdicts() const { return verdicts_; }
  const std::vector<CountryRow>& countries() const { return countries_; }
  const CountryRow* country(const std::string& code) const;
  bool selected(uint32_t cable) const;  // lands in CheckOptions::country (or no country chosen)

  std::vector<report::Finding> findings() const;
  report::Json json() const;
  std::string text() const;  // cables with untrusted parties, countries losing clean paths, summary
  // A FeatureCollection: one feature per selected cable (properties id, name, verdict,
  // colour, clean, planned, countries), with `geometry` from `routes` (cable id -> GeoJSON
  // geometry) or null when the route is not known.
  report::Json geojson(const report::Json& routes) const;
  // Untrusted cables, or a country that loses its clean connection (both within selection).
  bool violations() const;

 private:
  Party judge(std::string role, const std::string& text) const;
  void connectivity();
  std::vector<std::string> cable_names(const std::vector<uint32_t>& cables) const;
  report::Finding cable_finding(uint32_t k) const;
  report::Finding country_finding(const CountryRow& row) const;

  const CableSet& set_;
  const trust::Resolver& resolver_;
  const trust::Policy& policy_;
  trust::Judge judge_;
  trust::StatusOptions status_options_;
  CheckOptions options_;
  std::vector<CableVerdict> verdicts_;
  std::vector<CountryRow> countries_;
  std::vector<std::string> removed_names_;
};

}  // namespace cleannet::cable
