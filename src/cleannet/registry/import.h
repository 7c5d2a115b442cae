// `cleannet registry import`: a published list (here a plain CSV for a user's own list) turned
// into an ordinary registry layer (docs/registry-format.md) that --registry and every check
// use. Each row's name, aliases and identifiers are matched to the organisations already
// known (the resolver's name and identifier matching); what matched how is reported row by
// row, a row whose name and identifiers point at different organisations is an error, and a
// row nothing matches becomes a new organisation. The layer is checked (registry check)
// before it is written.
//
// CSV: a header row naming the columns, in any order (case-insensitive):
//   name         required: the listed entity as the list writes it
//   status       required: untrusted | trusted
//   source       required: the http(s) URL the row comes from
//   aliases      other names, separated by ';'
//   identifiers  AS numbers, prefixes, OUIs, domains, package:NAME, cert:SHA256, by ';'
//   date, until  YYYY-MM-DD: the listing and, if it ended, its end
//   quote        the exact text of the list that names the entity
//   country      ISO 3166-1 alpha-2 (new organisations)
//   note         free text
//
//   auto rows = read_import_csv(*core::Input::open("mylist.csv"));
//   auto layer = build_layer(*rows, {"My vendor list", "Security office", "https://..."}, resolver);
//   write(layer->toml); for (auto& m : layer->matches) report(m.text);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cleannet/core/date.h"
#include "cleannet/core/input.h"
#include "cleannet/core/result.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"

namespace cleannet::registry {

struct ListInfo {
  std::string name, issuer, url, description;
};

// A holding of the row's organisation that the list records (FtM Ownership).
struct ImportHolding {
  std::string owner_name;
  std::optional<double> share;  // percent; none when not stated
  std::optional<core::Date> since, until;
  std::string source_url, note;
};

struct ImportRow {
  std::string name;
  std::string parent_name;  // the organisation the list names it an affiliate or part of
  std::string id_hint;      // the source's own id (FtM), for an organisation id when the name has no Latin letters
  std::vector<std::string> aliases;
  std::vector<trust::Identifier> identifiers;
  std::vector<ImportHolding> owners;
  bool designation = true;  // false: an organisation the list's ownership records name, not a listing
  trust::Status status = trust::Status::kUntrusted;
  std::optional<core::Date> date, until;
  std::string source_url, quote, country, note;
  ListInfo list;        // the list the row is on, when the file says (CSL); else the request's
  core::SourcePos pos;  // the row's line
};

// Every row, or the first malformed one's error (file, line, column, what was expected).
core::Result<std::vector<ImportRow>> read_import_csv(core::Input in);

// The US Consolidated Screening List, as JSON (the trade.gov API's and bulk file's
// {"results": [...]}) or CSV (consolidated.csv: the current layout with `_id` first and the
// 2019 one without), one row per listed party. Individuals, vessels
// and aircraft are not organisations: skipped and counted. Each party's list is its CSL
// `source` ("Entity List (EL) - Bureau of Industry and Security"); an affiliate packed into
// the name ("Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity:  Huawei Marine
// Networks Co., Ltd.") is the listed party, with the part before as its parent_name; the
// quote is the name as printed. start_date and end_date are the listing's period (for the
// Entity List the first effective date); rows without them are undated.
struct CslRead {
  std::vector<ImportRow> rows;
  size_t skipped = 0;  // individuals, vessels, aircraft
};
core::Result<CslRead> read_import_csl(core::Input in);

// OpenSanctions' FollowTheMoney entities, one JSON object a line (entities.ftm.json, also the
// delta format's {"op", "entity"} lines): each Sanction of an organisation (Company,
// Organization, LegalEntity, PublicBody) is a row on the list of its authority and program,
// dated by its earliest listingDate (else startDate) and ended by its endDate; partial dates
// count as none. Sanctions of persons, or of entities the file does not hold, are skipped and
// counted. Every Ownership between organisations of the file is a holding with its percentage
// and period; the organisations linked by holdings to a listed one (owners and what they own,
// at any depth) are rows without a designation, so that status can pass down to a subsidiary; build_layer writes it as
// an owner when the owner is matched or created, and the policy's ownership rule decides what passes through it.
struct FtmRead {
  std::vector<ImportRow> rows;
  size_t skipped = 0;
};
core::Result<FtmRead> read_import_ftm(core::Input in);

// How one row was matched: to an organisation already known (how, confidence), or to a new one.
struct RowMatch {
  core::SourcePos pos;
  std::string name;      // as the row writes it
  std::string org;       // the organisation id the designation goes to
  bool created = false;  // a new organisation of this layer
  std::string how;       // "name", "alias", "identifier AS4134", ... ; empty when created
  double confidence = 1;
  std::string text() const;  // "file:3: \"Huawei Technologies\" -> huawei (alias \"Huawei\", 1.00)"
};

struct Layer {
  std::string toml;               // the registry layer
  std::vector<RowMatch> matches;  // one per row, in row order
  size_t organisations_new = 0, organisations_matched = 0, designations = 0;
  size_t skipped = 0;  // rows that name no organisation (CSL individuals, vessels)
};

// The layer for `rows` as designations on `list` (or, when its name is empty, on each row's
// own list), matched against `resolver`'s registry. A row's holdings become owners when the
// owner's name is an organisation of the layer or matches a registry one (confidence 0.9 or
// more); the others stay in the note.
core::Result<Layer> build_layer(const std::vector<ImportRow>& rows, const ListInfo& list,
                                const trust::Resolver& resolver, const std::vector<std::string>& sources);

enum class ImportFormat { kCsv, kCsl, kFtm };

struct ImportRequest {
  ImportFormat format = ImportFormat::kCsv;
  std::vector<std::string> files;       // read in order
  ListInfo list;                        // required for csv; for csl it replaces each row's own list
  std::vector<std::string> registries;  // the layers to match against, over the bundled one
  bool with_bundled = true;
};

// Reads every file, matches the rows against the layered registry and checks that the layer
// loads over it.
core::Result<Layer> import_list(const ImportRequest& request);

}  // namespace cleannet::registry
