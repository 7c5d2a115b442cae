// Submarine cables in the TeleGeography Submarine Cable Map format (API v3 per-cable
// records, www.submarinecablemap.com): id, name, length, landing points with their
// countries, owners and suppliers (comma-separated strings), ready-for-service year and
// whether the cable is still planned.
//
// Accepted: JSON Lines (one cable object per line; blank lines skipped) or one JSON array
// of cable objects, plain or compressed (core::Input detects gzip, bzip2, zstd, xz); "-"
// reads standard input. Keys the format does not define are ignored (the API adds some);
// a defined key with the wrong type, a missing id, name, landing_points or landing-point
// country, a country no ISO 3166-1 name or code matches, a length other than "N km", a
// repeated cable id or an rfs_year outside 1850..2100 is an error with its position.
//
//   auto in = core::Input::open("cables.jsonl.gz");
//   auto set = read_cables(std::move(*in));
//   for (const Cable& c : set->cables) use(c.id, c.suppliers, c.landing_points);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"

namespace cleannet::cable {

struct LandingPoint {
  std::string id;            // "bude-united-kingdom"
  std::string name;          // "Bude, United Kingdom"
  std::string country;       // as written: "United Kingdom"
  std::string country_code;  // ISO 3166-1 alpha-2: "GB"
  bool tbd = false;          // is_tbd: the landing site is not decided yet
};

struct Cable {
  std::string id, name;
  std::string length;               // as written, "45,000 km"; "" when unknown
  std::optional<double> length_km;  // parsed from `length`
  std::vector<LandingPoint> landing_points;
  std::vector<std::string> owners;     // split from the comma-separated string
  std::vector<std::string> suppliers;  // idem
  std::string rfs;                     // "2009 April"
  std::optional<int> rfs_year;
  bool planned = false;  // is_planned
  std::string url;
  core::SourcePos pos;  // where the record starts
};

struct CableSet {
  std::string source;  // the file name as given
  std::vector<Cable> cables;
};

// Upper bound on the whole input decompressed (JSON array form) and on one line.
inline constexpr size_t kMaxCableBytes = 64u << 20;

core::Result<CableSet> read_cables(core::Input in);
// Opens `path` ("-" for standard input) and reads it.
core::Result<CableSet> read_cables_file(const std::string& path);
// The bundled copy of the TeleGeography data (data/cables/cables.jsonl.gz, 2022-11-10,
// CC BY-NC-SA 3.0: see data/cables/PROVENANCE.md), compiled into the binary.
core::Result<CableSet> bundled_cables();
inline constexpr const char* kBundledName = "bundled:telegeography-2022-11-10";
inline constexpr const char* kAttribution =
    "Data: TeleGeography Submarine Cable Map (www.submarinecablemap.com), CC BY-NC-SA 3.0";

// "China Telecom, Ltd., NEC" -> {"China Telecom, Ltd.", "NEC"}: commas separate parties,
// except before a legal-form suffix (Inc., Ltd., LLC, S.A., Lda. ...), which stays with
// the name it qualifies. Blank items are dropped.
std::vector<std::string> split_parties(std::string_view s);

}  // namespace cleannet::cable
