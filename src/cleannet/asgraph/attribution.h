// AS -> registry organisation, so that every AS of a designated carrier group is
// attributed even when the registry lists only a few of its ASNs.
//
// In this order, the first that matches decides:
//   1. the registry's own ASNs (trust::Resolver on the ASN; how "asn", confidence 1.0);
//   2. the AS's name through the registry's name matching (trust::Resolver::resolve_name:
//      name or alias, normalised, whole-word prefix; the matcher's confidence 1.0/0.9/0.7):
//      with as2org the organisation's name (how "as2org org-name: <kind>"); with an
//      AS-name list the description after the handle, "China Unicom Singapore Operations
//      Pte Ltd" of "CHINAUNICOM-AS-AP China Unicom ..." (how "asn-name: <kind>"). The
//      handle itself is never matched as a name: "COMNET-AS" is not "ComNet (USA) LLC";
//   3. the first word of the handle ("CHINATELECOM" of "CHINATELECOM-SD-AS-AP", "CMNET"
//      of "CMNET-GUANGDONG-AP"), then of the description ("CHINANET" of "CHINANET Hubei
//      province network"), equal to a registry name or alias written without spaces, of at
//      least 5 letters (how "asn-name handle" / "asn-name first word", "as2org aut-name
//      handle"; confidence 0.6): operators name their networks after their brands, but a
//      2-4 letter word ("HT", "SK", "CTA") is too often someone else's.
// A match resting on a single word (a one-word alias or house name, however matched)
// counts only when the AS is registered in the country of the organisation or of one of
// its owners: "ComNet Bulgaria" (BG) and "COMNET S.A." (AR) are not ComNet (USA) LLC, a
// PRC-owned carrier. Matches of two or more words ("China Unicom ...") stand in any
// country, so a group's foreign subsidiaries are found. Known misses from this rule: a
// one-word brand abroad ("Huawei IT Data Center in AP", SG).
// Name-based attributions are inferences, marked unverified ("not confirmed by a
// source"); the owner's status, including what it inherits from its parents, is then the
// registry's (trust::evaluate_status). Each distinct name and word is resolved once (the
// caches make an attributor one thread's at a time).
//
//   AsAttributor at(resolver, &directory);          // directory may be null
//   if (auto m = at.attribute(4812)) ... m->org, m->how, m->via
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "cleannet/asgraph/directory.h"
#include "cleannet/trust/resolver.h"

namespace cleannet::asgraph {

class AsAttributor {
 public:
  static constexpr double kWordConfidence = 0.6;
  static constexpr size_t kMinWordLength = 5;

  // Both must outlive the attributor; `directory` may be null (registry ASNs only).
  AsAttributor(const trust::Resolver& resolver, const AsDirectory* directory);

  // A Match of kind asn; `via` names the directory entry that led to a name match.
  std::optional<trust::Match> attribute(uint32_t asn) const;

  const AsDirectory* directory() const { return directory_; }

 private:
  struct Found {
    trust::OrganisationId org;
    std::string how;
    double confidence = 0;
    std::string matched;
    bool one_word = false;
  };
  std::optional<Found> by_name(std::string_view text) const;
  std::optional<Found> by_word(std::string_view word) const;
  bool country_fits(trust::OrganisationId org, std::string_view country) const;

  const trust::Resolver& resolver_;
  const AsDirectory* directory_;
  // Registry names and aliases folded to lower-case letters and digits, no spaces
  // ("chinatelecom"), when at least kMinWordLength long and of one organisation only.
  std::unordered_map<std::string, std::pair<trust::OrganisationId, std::string>> words_;
  mutable std::unordered_map<std::string, std::optional<Found>> name_cache_, word_cache_;
};

// "CUII CHINA UNICOM Industrial Internet Backbone" -> "CUII" and the rest; a name of one
// word has an empty description.
std::string_view name_handle(std::string_view name);
std::string_view name_description(std::string_view name);
// The first word of a handle or description: up to the first space, '-', '_', '.' or ','.
std::string_view first_word(std::string_view s);

}  // namespace cleannet::asgraph
