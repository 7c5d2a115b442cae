// AsDirectory: who each AS is (its name, its organisation, its country), read from one of
// two sources:
//
// - CAIDA AS-to-organisation files (as2org, "as-org2info.txt"): two sections, each
//   announced by a format line,
//     # format:org_id|changed|org_name|country|source
//     # format:aut|changed|aut_name|org_id|opaque_id|source
//   in either order; other '#' lines are comments. Several ASes share one organisation,
//   which is what attributes a carrier group's many ASNs at once. An org_name that
//   itself holds '|' is kept whole (the fields around it are counted from both ends).
//   Source: CAIDA, "The CAIDA AS Organizations Dataset", README of as2org.
// - AS-name lists of the form "ASN:NAME, CC", one AS per line, e.g.
//     4134:CHINANET-BACKBONE No.31,Jin-rong Street, CN
//   (Geoff Huston's bgp.potaroo.net/cidr/autnums.html as reshaped by the staged
//   asn_names_lookup.txt). NAME is usually a registry handle then a description; the list
//   has no organisations, so attribution goes through the names (attribution.h).
//
//   auto dir = read_as_names(*core::Input::open("asn_names_lookup.txt.gz"));
//   if (auto e = dir->find(4134)) print(e->name, e->country);   // "CHINANET-BACKBONE No.31,...", "CN"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"

namespace cleannet::asgraph {

enum class DirectorySource : uint8_t { kAs2Org, kAsNames };
const char* directory_source_name(DirectorySource s);  // "as2org", "asn-name"

struct AsEntry {
  uint32_t asn = 0;
  std::string_view name;      // aut_name (as2org) or NAME (AS-name list)
  std::string_view org_id;    // as2org only
  std::string_view org_name;  // as2org only
  std::string_view country;   // the organisation's (as2org) or the list's country code
  uint32_t line = 0;          // where the AS was read
};

class AsDirectory {
 public:
  DirectorySource source() const { return source_; }
  const std::string& file() const { return file_; }
  size_t size() const { return entries_.size(); }
  size_t num_organisations() const { return orgs_.size(); }
  std::optional<AsEntry> find(uint32_t asn) const;
  AsEntry entry(size_t i) const;  // in ASN order

 private:
  friend struct DirectoryReader;
  friend core::Result<AsDirectory> read_as2org(core::Input in);
  friend core::Result<AsDirectory> read_as_names(core::Input in);
  struct Span {
    uint32_t begin = 0, size = 0;
  };
  struct Entry {
    uint32_t asn = 0;
    Span name, country;
    uint32_t org = UINT32_MAX;  // index into orgs_, as2org only
    uint32_t line = 0;
  };
  struct Org {
    Span id, name, country;
  };
  std::string_view text(Span s) const { return std::string_view(text_).substr(s.begin, s.size); }

  DirectorySource source_ = DirectorySource::kAsNames;
  std::string file_;
  std::string text_;            // every string, back to back
  std::vector<Entry> entries_;  // sorted by ASN
  std::vector<Org> orgs_;
};

// Both fail on the first malformed line, and on an AS listed twice.
core::Result<AsDirectory> read_as2org(core::Input in);
core::Result<AsDirectory> read_as_names(core::Input in);
// The directory of the as2org file, else of the AS-name list (nullopt when both paths are
// empty), or the error of the bad input.
core::Result<std::optional<AsDirectory>> read_directory(const std::string& as_names, const std::string& as2org);

}  // namespace cleannet::asgraph
