// Announced prefixes: DERIVED, dated data saying which AS originated an IP prefix in BGP on
// one date (data/registry/announced-prefixes.tsv.gz, made by
// scripts/registry-announced-prefixes.py from a RouteViews RIB for the ASNs of the bundled
// registry's carriers and clouds). The resolver answers an address that no registry prefix
// covers through it: the longest announced prefix, its origin AS, and the organisation that
// holds that ASN; the answer names the table's date and source, as routing changes.
//
//   const AnnouncedPrefixes& t = bundled_announced();
//   if (auto hit = t.origins.longest_match(*core::parse_prefix("202.97.33.5"))) ... hit->value == 4134
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cleannet/core/date.h"
#include "cleannet/core/input.h"
#include "cleannet/core/ipaddr.h"
#include "cleannet/core/result.h"

namespace cleannet::trust {

struct AnnouncedPrefixes {
  std::string name;                 // where it was read from
  std::optional<core::Date> date;   // "# date: YYYY-MM-DD"
  std::string source, source_url;   // "# source: ...", "# source_url: ..."
  core::PrefixTable<uint32_t> origins;  // prefix -> origin ASN
  std::vector<std::pair<core::Prefix, uint32_t>> rows;  // the same, in file order
};

// Reads `# key: value` header lines and `prefix<TAB>asn` rows (the prefix without host bits,
// each once); the first malformed line is an error naming file, line and column.
core::Result<AnnouncedPrefixes> read_announced(core::Input in);

// The table compiled into the binary, read on first use (thread-safe).
const AnnouncedPrefixes& bundled_announced();
inline constexpr const char* kBundledAnnouncedName = "bundled:data/registry/announced-prefixes.tsv.gz";

}  // namespace cleannet::trust
