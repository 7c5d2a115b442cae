// SDK detection: the Exodus Privacy tracker signatures (bundled 2026 list, ODbL) plus
// cleannet's own sourced signatures for SDKs Exodus lacks (Getui, Umeng push, vendor push
// SDKs, Tencent TBS/X5, WeChat open SDK ...), each SDK mapped to its company and the
// company to a registry organisation (data/apps/, see data/apps/PROVENANCE.md).
//
// How a signature matches (Exodus-Privacy/exodus-core, static_analysis.py
// detect_trackers_in_list): each signature is a Python regular expression *searched*
// (unanchored) in each class name, so "com.tencent.bugly" matches any class whose name
// contains that text, with '.' matching any character. exodus-core searches slash-form
// names (com/tencent/bugly/Foo); we search dotted names (com.tencent.bugly.Foo), which gives
// the same answer for every signature because signatures are restricted on load to
// letters, digits, '_', '-', '$' and '.' (no '/', no escapes). All signatures are compiled
// once into one RE2::Set, so a class name is scanned once, not once per signature.
//
//   auto catalog = SdkCatalog::bundled();
//   auto matcher = SdkMatcher::compile(*catalog);
//   for (const SdkMatch& m : matcher->match(apk.classes)) ...
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/apps/dex.h"
#include "cleannet/core/result.h"

namespace cleannet::apps {

struct SdkTracker {
  std::string key;   // "exodus:70" or "cleannet:getui"
  std::string name;  // e.g. "Bugly"
  std::string website;
  std::string source_url;  // where the signatures come from
  std::vector<std::string> signatures;
  std::string company;       // e.g. "Tencent"; empty when not mapped
  std::string organisation;  // registry organisation id (data/registry/default.toml), may be empty
  std::string confidence;    // high | medium | low (of the company mapping), empty when unmapped
};

class SdkCatalog {
 public:
  // data/apps/exodus_trackers_2026.json.gz + sdk_signatures.tsv + sdk_companies.tsv, embedded.
  static core::Result<SdkCatalog> bundled();
  // The same from texts (file names for errors): the Exodus JSON list, the additions TSV and
  // the company TSV, in the formats data/apps/PROVENANCE.md describes.
  static core::Result<SdkCatalog> load(const std::string& exodus_name, std::string_view exodus_json,
                                       const std::string& additions_name, std::string_view additions_tsv,
                                       const std::string& companies_name, std::string_view companies_tsv);

  const std::vector<SdkTracker>& trackers() const { return trackers_; }
  const SdkTracker* find(std::string_view key) const;

 private:
  std::vector<SdkTracker> trackers_;
};

struct SdkMatch {
  uint32_t tracker = 0;                 // index into SdkCatalog::trackers()
  uint32_t classes = 0;                 // how many classes matched one of its signatures
  std::vector<std::string> signatures;  // which of its signatures matched, in catalogue order
  std::vector<std::string> examples;    // the first few matching classes, in class order
};

class SdkMatcher {
 public:
  static core::Result<SdkMatcher> compile(const SdkCatalog& catalog);
  SdkMatcher(SdkMatcher&&) noexcept;
  SdkMatcher& operator=(SdkMatcher&&) noexcept;
  ~SdkMatcher();

  // Trackers with at least one matching class, in catalogue order.
  std::vector<SdkMatch> match(const ClassList& classes, size_t max_examples = 3) const;
  // Signature indices (see signature()) whose pattern occurs in `class_name`, ascending.
  void match_one(std::string_view class_name, std::vector<int>& signature_indices) const;
  size_t signature_count() const;
  // Signature i: its tracker index and pattern.
  std::pair<uint32_t, std::string_view> signature(size_t i) const;

 private:
  SdkMatcher();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cleannet::apps
