// The trust registry: organisations, their identifiers, ownership and dated designations.
//
// A Registry is built from layers: the bundled registry first, then each --registry file;
// a later layer can add organisations or override an earlier one (see
// docs/registry-format.md). Everything is held in flat vectors addressed by
// OrganisationId; the Resolver builds its indexes over it.
//
//   Registry reg;
//   if (auto errs = load_registry_layer(reg, "mine.toml", text); !errs.empty()) ...
//   finalize(reg);                     // links owners, checks cycles and conflicts
//   const Organisation& o = reg.org(*reg.find_id("huawei"));
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cleannet/core/date.h"
#include "cleannet/core/ids.h"
#include "cleannet/core/ipaddr.h"
#include "cleannet/core/result.h"

namespace cleannet::trust {

struct OrganisationTag {};
using OrganisationId = core::Id<OrganisationTag>;

enum class Status { kTrusted, kUntrusted, kUnknown };
const char* status_name(Status s);
// Orders statuses by distrust (trusted 0 < unknown 1 < untrusted 2), so that of several
// attributions of one thing the least trusted decides.
int distrust_rank(Status s);

// An IEEE MAC assignment: the first `bits` (24 MA-L, 28 MA-M, 36 MA-S) of a MAC address.
struct Oui {
  uint64_t value = 0;  // the assigned bits, right-aligned
  uint8_t bits = 24;
  std::string to_string() const;  // "00:18:82", "70:B3:D5:F2:F"
  friend bool operator==(const Oui&, const Oui&) = default;
};

struct Designation {
  std::string list;
  Status status = Status::kUntrusted;
  std::optional<core::Date> date;
  std::optional<core::Date> until;
  std::string source_url;
  std::string quote;
  std::string note;
  bool verified = true;
  uint32_t layer = 0;  // index into Registry::layers()
  core::SourcePos pos;
  uint32_t org = 0;    // index of the organisation that carries it
};

struct AsnEvidence {
  uint32_t asn = 0;
  std::string as_name, registrant, registry_cc, source_url, note;
  bool verified = true;
};

// One holding of an organisation by another, as OpenSanctions models Ownership (owner,
// asset, percentage, startDate, endDate). `parent = "x"` in a registry file is the
// shorthand for a holding of unstated share that the registry records as control.
struct Ownership {
  std::string owner;            // the owning organisation's id
  std::optional<double> share;  // percent of shares or votes; none: control, share not stated
  std::optional<core::Date> since, until;
  bool verified = true;
  bool stated_as_parent = false;  // written as `parent = ...` (a later `parent` replaces it)
  std::string source_url, note;
  uint32_t layer = 0;
  core::SourcePos pos;
  OrganisationId owner_id;  // set by finish()

  // Held on `d`: on or after `since` and before `until`.
  bool in_force(core::Date d) const;
  // "51%", "33.33%", "control, share not stated"
  std::string share_text() const;
};

// From which holding an owner's status passes to what it owns: a policy setting
// (docs/policy-format.md, [defaults] ownership_inheritance). The default is majority
// control, more than half. A holding of unstated share is recorded control and passes.
struct OwnershipRule {
  double min_share = 50;
  bool inclusive = false;  // false: more than min_share; true: at least min_share
  bool passes(const Ownership& o) const;
  // "majority", "25%" (at least), "any"; none when the text is none of these.
  static std::optional<OwnershipRule> parse(std::string_view text);
  std::string to_string() const;  // the form parse() reads
  std::string describe() const;   // "majority control (more than 50%)", "a holding of at least 25%"
  friend bool operator==(const OwnershipRule&, const OwnershipRule&) = default;
};

enum class CriterionResult { kMet, kNotMet, kUnknown };
const char* criterion_result_name(CriterionResult r);

struct Assessment {
  std::string criterion;
  CriterionResult result = CriterionResult::kUnknown;
  std::optional<core::Date> date;
  std::string evidence_url, note;
  uint32_t layer = 0;
  core::SourcePos pos;
};

struct Identifiers {
  std::vector<uint32_t> asns;
  std::vector<core::Prefix> prefixes;
  std::vector<Oui> ouis;
  std::vector<std::string> domains;
  std::vector<std::string> android_packages;
  std::vector<std::string> sdk_prefixes;
  std::vector<std::string> cert_sha256;  // upper-case hex, no separators
  std::vector<std::string> unverified;   // identifier kinds no source confirmed
  bool is_verified(std::string_view kind) const;
};

struct Organisation {
  std::string id;
  std::string name;
  std::vector<std::string> aliases;
  std::string country;
  std::vector<std::string> kinds;
  std::vector<Ownership> owners;  // every recorded holding in it, `parent` included
  std::string notes;
  Identifiers identifiers;
  std::vector<Designation> designations;
  std::vector<AsnEvidence> asn_evidence;
  std::vector<Assessment> assessments;
  std::vector<uint32_t> layers;  // every layer that defined or changed it, in order
  core::SourcePos pos;           // where it was first defined
};

struct DesignationList {
  std::string name, issuer, url, description;
  uint32_t layer = 0;
};

struct Criterion {
  std::string id, framework, text, basis, source_url;
  bool decisive = false;
  uint32_t layer = 0;
};

namespace detail {
struct LayerParser;
}

class Registry {
 public:
  const std::vector<std::string>& layers() const { return layers_; }
  const std::vector<Organisation>& organisations() const { return orgs_; }
  const Organisation& org(OrganisationId id) const { return orgs_[id.value()]; }
  std::optional<OrganisationId> find_id(std::string_view id) const;
  const std::vector<DesignationList>& lists() const { return lists_; }
  const DesignationList* find_list(std::string_view name) const;
  const std::vector<Criterion>& criteria() const { return criteria_; }
  const Criterion* find_criterion(std::string_view id) const;

 private:
  friend class RegistryBuilder;
  friend struct detail::LayerParser;
  std::vector<std::string> layers_;
  std::vector<Organisation> orgs_;
  std::unordered_map<std::string, OrganisationId> by_id_;
  std::vector<DesignationList> lists_;
  std::vector<Criterion> criteria_;
};

// Loads registry files layer by layer and checks them (registry check): unknown keys,
// wrong types, bad values, duplicate ids, designations of undeclared lists, then on
// finish() dangling owners, ownership cycles and identifiers claimed by two
// organisations. Every problem is an Error naming file, line and column.
// One claim of an identifier (or a normalised name) by an organisation, with its place.
// Compact (a registry of 100,000 organisations makes about a million): the kind is a string
// literal and the place is the layer's index (its file name is Registry::layers()[layer]).
struct IdentifierClaim {
  const char* kind = "";
  std::string key;
  uint32_t org = 0;
  uint32_t layer = 0, line = 0, column = 0;
};

class RegistryBuilder {
 public:
  // Parses one TOML layer; returns every problem found in it (empty: accepted).
  std::vector<core::Error> add_layer(const std::string& name, std::string_view toml_text);
  // Reads a file (any compression) and adds it.
  std::vector<core::Error> add_file(const std::string& path);
  // Cross-layer checks and owner linking. Returns the registry or the problems.
  std::vector<core::Error> finish();
  Registry take() { return std::move(reg_); }
  const Registry& registry() const { return reg_; }

 private:
  Registry reg_;
  std::vector<IdentifierClaim> claims_;
};

// The registry compiled into the binary (data/registry/default.toml).
std::string_view bundled_registry_toml();
inline constexpr const char* kBundledRegistryName = "bundled:data/registry/default.toml";

// Loads the bundled registry and then each user file, stopping at the first layer with
// problems; returns the registry or all problems of that layer.
core::Result<Registry> load_registry(const std::vector<std::string>& user_files, bool with_bundled = true);

}  // namespace cleannet::trust
