// Finding: the common currency of every check (ARCHITECTURE.md, "One idea"). Whatever the
// line of effort, a user sees findings: the element, the rule it breaks, the organisation
// behind it, and the evidence chain, then an explanation and a suggested fix.
//
//   Finding f;  f.line = "path";  f.element = "router r7";  f.rule = "CN-PATH";
//   f.evidence = evidence_for(registry, verdict, match);  // report/evidence.h
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cleannet::report {

enum class Severity { kNote, kWarning, kError };
const char* severity_name(Severity s);

struct Evidence {
  // designation, inherited, ownership, identifier, assessment, override, not-in-force,
  // ignored-unverified, policy, note
  std::string kind;
  std::string text;
  std::string source_url;
  std::string date;  // YYYY-MM-DD or empty
  bool verified = true;
  // YYYY-MM-DD or empty: when a designation stops applying (registry-format.md `until`).
  // Defaulted so that the brace-initialised evidence of other kinds need not name it.
  std::string until = {};

  friend bool operator==(const Evidence&, const Evidence&) = default;
};

// Why a finding is accepted for now: the accepted-risk entry that matched it (the audit's
// suppression file). A suppressed finding is still reported, marked as such, so that the
// decision stays visible and expires; it never changes the finding's fingerprint.
struct Suppression {
  std::string reason;   // why the risk is accepted
  std::string owner;    // who accepted it
  std::string expires;  // YYYY-MM-DD: the finding counts again from this day
  std::string created;  // YYYY-MM-DD: when the entry was written
  std::string source;   // "file:line" of the accepting entry

  friend bool operator==(const Suppression&, const Suppression&) = default;
};

// Where a finding points in an input file, for SARIF and editors.
struct Location {
  std::string uri;  // relative path as given
  uint32_t line = 0;
  uint32_t column = 0;

  friend bool operator==(const Location&, const Location&) = default;
};

struct Finding {
  std::string line;       // line of effort: registry, path, carrier, cloud, cable, apps, things
  std::string subject;    // what was checked (an identifier, a demand, a resource)
  std::string element;    // the element that decides (a hop, a device, the identifier itself)
  std::string rule;       // policy rule id, e.g. CN-PATH
  std::string rule_text;  // the policy paragraph the rule cites
  Severity severity = Severity::kWarning;
  std::string status;        // trusted | untrusted | unknown
  bool verified = true;      // false when any fact used is unverified
  std::string organisation;  // registry id, may be empty
  std::string organisation_name;
  std::vector<Evidence> evidence;
  std::string explanation;
  std::string suggested_fix;
  std::optional<Location> location;
  // What identifies the finding within its line, rule and organisation across runs on the
  // same facts (docs/fingerprints.md): the identities of subject and element, free of paths
  // as given, offsets, counts, dates of the run and the order of inputs. Empty: the subject
  // and element as shown, for checks whose subject and element hold none of these.
  std::vector<std::string> identity;
  // Set when an accepted-risk entry covers the finding; not part of the fingerprint.
  std::optional<Suppression> suppression;

  // Every field equal (what a store must give back), not "the same finding": that is
  // fingerprint(a) == fingerprint(b).
  friend bool operator==(const Finding&, const Finding&) = default;
};

// The finding's stable fingerprint: 32 hex digits of SHA-256 over its line, rule,
// organisation and identity (docs/fingerprints.md). Equal for the same finding in any run.
std::string fingerprint(const Finding& f);

}  // namespace cleannet::report
