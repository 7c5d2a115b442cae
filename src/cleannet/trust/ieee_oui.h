// The IEEE MAC address registry as Debian's ieee-data package ships it
// (/usr/share/ieee-data: oui.csv = MA-L 24-bit, mam.csv = MA-M 28-bit, oui36.csv = MA-S
// 36-bit, iab.csv = IAB 36-bit). Lookups try the longest assignment first, so an MA-S
// block inside an MA-L (e.g. 70:B3:D5, IEEE's own MA-S parent) names the real registrant.
// An MA-L registered to "IEEE Registration Authority" is such a parent: when no block of it
// covers an address, the address's block is newer than the data, and the RA is not its maker.
// The data's date (`data_date`) comes from the files themselves: Debian's ieee-data keeps
// the download time in .lastupdate (Unix seconds); without it, the newest CSV's mtime (as
// `curl -R` or `wget -N` set it from the server) stands for it. A newer set fetched from
// IEEE (oui.csv, oui28/mam.csv, oui36/oui36.csv) loads the same way with load_dir.
//
//   auto ieee = IeeeOuiRegistry::load_dir("/usr/share/ieee-data");
//   if (auto* a = ieee->lookup(*parse_oui("00:18:82:12:34:56"))) a->organisation ...
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"
#include "cleannet/trust/registry.h"

namespace cleannet::trust {

struct IeeeAssignment {
  Oui oui;
  std::string registry;  // "MA-L", "MA-M", "MA-S", "IAB"
  std::string organisation;
};

class IeeeOuiRegistry {
 public:
  static constexpr const char* kDefaultDir = "/usr/share/ieee-data";
  static constexpr const char* kRegistrationAuthority = "IEEE Registration Authority";

  // Reads every CSV the directory has among oui.csv, mam.csv, oui36.csv and iab.csv;
  // at least oui.csv must be there. Errors name the file and line.
  static core::Result<IeeeOuiRegistry> load_dir(const std::string& dir);
  // One CSV in the ieee-data layout (header "Registry,Assignment,Organization Name,...").
  core::Status add_csv(core::Input in);

  // The longest assignment covering `o` (a 48-bit address, or an OUI of 24/28/36 bits).
  const IeeeAssignment* lookup(const Oui& o) const;
  const std::vector<IeeeAssignment>& assignments() const { return all_; }
  size_t size() const { return all_.size(); }

  // An MA-L the RA keeps to sub-assign MA-M/MA-S blocks from (IEEE RA, "Guidelines for use
  // of EUI, OUI, and CID", MA-M and MA-S assignments), not a maker's assignment.
  static bool is_registration_authority(const IeeeAssignment& a);

  // "2022-08-27", or "" when neither .lastupdate nor a file time was found.
  const std::string& data_date() const { return data_date_; }
  // Where the data was read: the directory given to load_dir.
  const std::string& source() const { return source_; }
  // "data of 2022-08-27 (/usr/share/ieee-data)": how messages name the data.
  std::string describe() const;

 private:
  std::vector<IeeeAssignment> all_;
  std::string data_date_, source_;
  std::unordered_map<uint64_t, uint32_t> by_bits_[3];  // 24, 28, 36
};

}  // namespace cleannet::trust
