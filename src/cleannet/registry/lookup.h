// The registry line's check, `cleannet registry lookup`: each identifier (ASN, IP, MAC/OUI,
// domain, Android package, certificate, name) resolved to its organisation and judged on the
// "registry" line by trust::Judge, as a Finding with the lookup's own facts (kind, match,
// ownership chain). One identifier at a time, so a stream of millions is answered as it is
// read.
//
//   registry::Lookup lookup(registry, resolver, policy, status_options);
//   auto v = lookup.judge("AS4134", core::SourcePos("argument 1"), std::nullopt);
//   if (v && v->violates()) ... lookup.text(*v)
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"
#include "cleannet/report/check_report.h"
#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/trust/judge.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"
#include "cleannet/trust/resolver.h"
#include "cleannet/trust/status.h"

namespace cleannet::registry {

// One identifier judged on the registry line: the judgement, the identifier as given (trimmed)
// and parsed, and its Finding (every identifier is one: trusted ones with severity note).
struct LookupVerdict : trust::Judgement {
  std::string input;
  trust::Identifier id;
  report::Finding finding;
};

class Lookup {
 public:
  // All must outlive the lookup. `ieee_note` says why the IEEE registry is absent, when it is:
  // an unmatched MAC's explanation carries it.
  Lookup(const trust::Registry& registry, const trust::Resolver& resolver, const trust::Policy& policy,
         const trust::StatusOptions& options, std::string ieee_note = "");

  // `text` parsed (a bad identifier is an error at `pos`) and judged; `location` is where the
  // finding points (the identifier's line in a file), none for arguments.
  core::Result<LookupVerdict> judge(std::string_view text, const core::SourcePos& pos,
                                    std::optional<report::Location> location) const;

  // The verdict as `registry lookup --format json` shows it (one element of its array).
  report::Json json(const LookupVerdict& v) const;
  // The verdict as text: status, organisation, explanation, evidence, policy decision.
  std::string text(const LookupVerdict& v) const;

 private:
  const trust::Registry& registry_;
  const trust::Resolver& resolver_;
  trust::Judge judge_;
  std::string ieee_note_;
};

// The identifiers of a list, one per line (blank lines and # comments skipped, lines up to
// 64 KiB), each with its position; stops at the first read error, which it returns.
core::Status for_each_identifier(core::Input& in,
                                 const std::function<void(std::string_view, const core::SourcePos&)>& f);

// The identifiers of `ids` (positions "argument N"), then those of the list `from` when it is
// not empty ("-": standard input; each finding located at its line of `from`, or of "stdin"),
// each judged and given to `verdict`. A bad identifier, a read error in the list and (once) a
// malformed IEEE registry that the resolver met (`ieee_error`, trust::Context::ieee_error)
// go to `error`, and the identifiers after them are still judged; a list that cannot be
// opened is the error returned. `line` is called with each line number of the list as it is
// read (a progress display).
core::Status lookup_each(const Lookup& lookup, const std::vector<std::string>& ids, const std::string& from,
                 const std::function<void(LookupVerdict&)>& verdict, const std::function<void(const core::Error&)>& error,
                 const std::optional<core::Error>* ieee_error = nullptr,
                 const std::function<void(uint64_t line)>& line = nullptr);

// `registry lookup` as one report, for callers that judge a fixed list (audit/): the
// identifiers of `ids` (positions "argument N") then those of the file `from` (when not
// empty), each a finding, the text each verdict's text, the JSON summary
// {"identifiers": N, "results": [...]}. A bad identifier or an unreadable file is an error
// of the report; a violation is a verdict that violates the policy. `ieee_error` is where the
// resolver's IEEE source records a malformed IEEE registry (trust::Context::ieee_error).
report::CheckReport lookup_report(const Lookup& lookup, const std::vector<std::string>& ids, const std::string& from,
                                  const std::optional<core::Error>* ieee_error = nullptr);

}  // namespace cleannet::registry
