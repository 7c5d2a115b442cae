#include "cleannet/apps/sdk.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <functional>

#include "cleannet/core/input.h"
#include "cleannet/core/json.h"
#include "cleannet/core/text.h"

namespace cleannet::apps {

std::string_view bundled_exodus_trackers();  // data/apps/exodus_trackers_2026.json.gz, embedded
std::string_view bundled_sdk_signatures();   // data/apps/sdk_signatures.tsv, embedded
std::string_view bundled_sdk_companies();    // data/apps/sdk_companies.tsv, embedded

namespace {

std::string n2s(uint64_t v) { return std::to_string(v); }

// Signatures are kept to the characters Exodus' list uses, so that searching dotted class
// names is the same as exodus-core searching slash-form names (see sdk.h).
bool valid_signature(std::string_view s) {
  if (s.size() < 4) return false;  // exodus-core skips signatures of <= 3 characters
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-' || c == '$';
  });
}

// Rows of a tab-separated file with a header line; '#' lines and blank lines are comments.
core::Status for_rows(const std::string& name, std::string_view text, size_t fields,
                      const std::function<core::Status(uint32_t, const std::vector<std::string_view>&)>& row) {
  uint32_t line_no = 0;
  bool header = true;
  for (std::string_view line : core::split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto cols = core::split(line, '\t');
    if (cols.size() != fields)
      return core::Error(core::SourcePos(name, line_no), n2s(fields) + " tab-separated fields", n2s(cols.size()));
    if (header) {
      header = false;
      continue;
    }
    if (auto st = row(line_no, cols); !st) return st;
  }
  return core::Ok{};
}

}  // namespace

const SdkTracker* SdkCatalog::find(std::string_view key) const {
  for (const SdkTracker& t : trackers_)
    if (t.key == key) return &t;
  return nullptr;
}

core::Result<SdkCatalog> SdkCatalog::bundled() {
  auto in = core::Input::from_memory("bundled:data/apps/exodus_trackers_2026.json.gz", bundled_exodus_trackers());
  if (!in) return in.error();
  auto json = in->read_all(16u << 20);
  if (!json) return json.error();
  return load("bundled:data/apps/exodus_trackers_2026.json.gz", *json, "bundled:data/apps/sdk_signatures.tsv",
              bundled_sdk_signatures(), "bundled:data/apps/sdk_companies.tsv", bundled_sdk_companies());
}

core::Result<SdkCatalog> SdkCatalog::load(const std::string& exodus_name, std::string_view exodus_json,
                                          const std::string& additions_name, std::string_view additions_tsv,
                                          const std::string& companies_name, std::string_view companies_tsv) {
  SdkCatalog c;
  namespace json = core::json;
  auto doc = json::parse(exodus_name, exodus_json);
  if (!doc) return doc.error();
  if (!doc->is_object())
    return core::Error(core::SourcePos(exodus_name, doc->line, doc->column),
                       "an Exodus tracker list {\"trackers\": [...]}", json::describe(*doc));
  json::Problems p;
  json::Object top(*doc, exodus_name, "", p);
  const auto* trackers = top.array("trackers", true);
  if (p.any()) return p.first();
  const std::string exodus_source = "https://reports.exodus-privacy.eu.org/api/trackers";
  for (size_t i = 0; i < trackers->size(); ++i) {
    const json::Value& t = (*trackers)[i];
    const std::string where = "trackers[" + std::to_string(i) + "]";
    if (!t.is_object())
      return core::Error(core::SourcePos(exodus_name, t.line, t.column), where + " as an object", json::describe(t));
    json::Object o(t, exodus_name, where, p);
    auto id = o.integer("id", true);
    auto name = o.str("name", true);
    auto website = o.str("website");
    const auto* signatures = o.array("signatures", true);
    if (id && *id < 0) o.error(*t.find("id"), o.field("id") + " >= 0", json::describe(*t.find("id")));
    if (p.any()) return p.first();
    SdkTracker tr;
    tr.key = "exodus:" + n2s(static_cast<uint64_t>(*id));
    tr.name = *name;
    tr.website = website.value_or("");
    tr.source_url = exodus_source;
    for (const json::Value& s : *signatures) {
      if (!s.is_string() || !valid_signature(s.text))
        return core::Error(core::SourcePos(exodus_name, s.line, s.column),
                           "signatures of >= 4 letters, digits, '.', '_', '-', '$' (tracker " + tr.key + ")",
                           s.is_string() ? core::quote_found(s.text) : json::describe(s));
      tr.signatures.push_back(s.text);
    }
    c.trackers_.push_back(std::move(tr));
  }
  // cleannet's own additions: key, name, signatures (|), website, source_url.
  auto st = for_rows(additions_name, additions_tsv, 5, [&](uint32_t line, const std::vector<std::string_view>& f) {
    SdkTracker tr;
    tr.key = std::string(f[0]);
    if (tr.key.rfind("cleannet:", 0) != 0 || c.find(tr.key))
      return core::Status(
          core::Error(core::SourcePos(additions_name, line), "a new key cleannet:NAME", core::quote_found(tr.key)));
    tr.name = std::string(f[1]);
    for (std::string_view s : core::split(f[2], '|')) {
      if (!valid_signature(s))
        return core::Status(core::Error(core::SourcePos(additions_name, line),
                                        "signatures of >= 4 letters, digits, '.', '_', '-', '$'",
                                        core::quote_found(s)));
      tr.signatures.emplace_back(s);
    }
    tr.website = std::string(f[3]);
    tr.source_url = std::string(f[4]);
    if (tr.source_url.rfind("https://", 0) != 0)
      return core::Status(core::Error(core::SourcePos(additions_name, line), "a source URL https://...",
                                      core::quote_found(tr.source_url)));
    c.trackers_.push_back(std::move(tr));
    return core::Status(core::Ok{});
  });
  if (!st) return st.error();
  // Company mapping: tracker key, company, registry organisation, confidence, basis.
  st = for_rows(companies_name, companies_tsv, 5, [&](uint32_t line, const std::vector<std::string_view>& f) {
    auto it = std::find_if(c.trackers_.begin(), c.trackers_.end(), [&](const SdkTracker& t) { return t.key == f[0]; });
    if (it == c.trackers_.end())
      return core::Status(core::Error(core::SourcePos(companies_name, line), "a tracker key of the catalogue",
                                      core::quote_found(f[0])));
    if (f[3] != "high" && f[3] != "medium" && f[3] != "low")
      return core::Status(core::Error(core::SourcePos(companies_name, line), "confidence high, medium or low",
                                      core::quote_found(f[3])));
    it->company = std::string(f[1]);
    it->organisation = std::string(f[2]);
    it->confidence = std::string(f[3]);
    return core::Status(core::Ok{});
  });
  if (!st) return st.error();
  return c;
}

struct SdkMatcher::Impl {
  Impl() : set(options(), RE2::UNANCHORED) {}
  static RE2::Options options() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(256 << 20);
    return o;
  }
  RE2::Set set;
  std::vector<uint32_t> tracker_of;
  std::vector<std::string> patterns;
  std::vector<std::unique_ptr<RE2>> single;  // fallback when the set's DFA runs out of memory
};

SdkMatcher::SdkMatcher() : impl_(std::make_unique<Impl>()) {}
SdkMatcher::SdkMatcher(SdkMatcher&&) noexcept = default;
SdkMatcher& SdkMatcher::operator=(SdkMatcher&&) noexcept = default;
SdkMatcher::~SdkMatcher() = default;

core::Result<SdkMatcher> SdkMatcher::compile(const SdkCatalog& catalog) {
  SdkMatcher m;
  Impl& im = *m.impl_;
  for (uint32_t t = 0; t < catalog.trackers().size(); ++t) {
    for (const std::string& s : catalog.trackers()[t].signatures) {
      std::string err;
      if (im.set.Add(s, &err) < 0)
        return core::Error(core::SourcePos("signature of " + catalog.trackers()[t].key), "an RE2 pattern", err);
      im.tracker_of.push_back(t);
      im.patterns.push_back(s);
      im.single.push_back(std::make_unique<RE2>(s, Impl::options()));
    }
  }
  if (!im.set.Compile()) return core::Error(core::SourcePos("SDK signatures"), "a compilable RE2 set", "out of memory");
  return m;
}

size_t SdkMatcher::signature_count() const { return impl_->patterns.size(); }

std::pair<uint32_t, std::string_view> SdkMatcher::signature(size_t i) const {
  return {impl_->tracker_of[i], impl_->patterns[i]};
}

void SdkMatcher::match_one(std::string_view class_name, std::vector<int>& out) const {
  out.clear();
  if (impl_->patterns.empty()) return;
  RE2::Set::ErrorInfo info{};
  if (!impl_->set.Match(re2::StringPiece(class_name.data(), class_name.size()), &out, &info) &&
      info.kind != RE2::Set::kNoError) {
    out.clear();
    for (size_t i = 0; i < impl_->single.size(); ++i)
      if (RE2::PartialMatch(re2::StringPiece(class_name.data(), class_name.size()), *impl_->single[i]))
        out.push_back(static_cast<int>(i));
  }
  std::sort(out.begin(), out.end());
}

std::vector<SdkMatch> SdkMatcher::match(const ClassList& classes, size_t max_examples) const {
  std::vector<SdkMatch> by_tracker;
  std::vector<int> slot;  // tracker -> index in by_tracker, -1 when none yet
  std::vector<char> sig_hit(impl_->patterns.size(), 0);
  std::vector<int> hits;
  std::vector<uint32_t> trackers;
  for (size_t i = 0; i < classes.size(); ++i) {
    match_one(classes[i], hits);
    if (hits.empty()) continue;
    trackers.clear();
    for (int h : hits) {
      sig_hit[h] = 1;
      trackers.push_back(impl_->tracker_of[h]);
    }
    trackers.erase(std::unique(trackers.begin(), trackers.end()), trackers.end());
    for (uint32_t t : trackers) {
      if (slot.size() <= t) slot.resize(t + 1, -1);
      if (slot[t] < 0) {
        slot[t] = static_cast<int>(by_tracker.size());
        by_tracker.push_back({t, 0, {}, {}});
      }
      SdkMatch& m = by_tracker[slot[t]];
      ++m.classes;
      if (m.examples.size() < max_examples) m.examples.emplace_back(classes[i]);
    }
  }
  for (SdkMatch& m : by_tracker)
    for (size_t s = 0; s < impl_->patterns.size(); ++s)
      if (sig_hit[s] && impl_->tracker_of[s] == m.tracker) m.signatures.push_back(impl_->patterns[s]);
  std::sort(by_tracker.begin(), by_tracker.end(),
            [](const SdkMatch& a, const SdkMatch& b) { return a.tracker < b.tracker; });
  return by_tracker;
}

}  // namespace cleannet::apps
