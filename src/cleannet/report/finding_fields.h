// A finding's JSON fields, in order, written once for every kind of writer: the nlohmann tree
// of finding_to_json (report/render.h) and the direct text of the audit's JSON report and
// store (audit/json_dump.h), which for runs of 100,000+ findings cannot afford to build a
// tree per finding first. Both writers give the same JSON, byte for byte once dumped (tested
// in audit/json_dump_test.cc).
//
// A writer W has: begin_object(), end_object(), begin_array(), end_array(), key(string_view),
// value(string_view), value(bool), value(uint64_t), null().
//
//   report::JsonTreeWriter w;
//   report::write_finding(w, f, report::fingerprint(f), /*identity=*/false);
//   Json j = std::move(w).result();                    // == finding_to_json(f)
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "cleannet/report/finding.h"
#include "cleannet/report/render.h"

namespace cleannet::report {

// {kind, text, date?, until?, source_url?, verified}: empty date, until and source_url are
// left out.
template <class W>
void write_evidence(W& w, const Evidence& e) {
  w.begin_object();
  w.key("kind");
  w.value(std::string_view(e.kind));
  w.key("text");
  w.value(std::string_view(e.text));
  if (!e.date.empty()) {
    w.key("date");
    w.value(std::string_view(e.date));
  }
  if (!e.until.empty()) {
    w.key("until");
    w.value(std::string_view(e.until));
  }
  if (!e.source_url.empty()) {
    w.key("source_url");
    w.value(std::string_view(e.source_url));
  }
  w.key("verified");
  w.value(e.verified);
  w.end_object();
}

template <class W>
void write_evidence_list(W& w, const std::vector<Evidence>& evidence) {
  w.begin_array();
  for (const Evidence& e : evidence) write_evidence(w, e);
  w.end_array();
}

// {reason, owner, expires, created, source}: every key, empty or not.
template <class W>
void write_suppression(W& w, const Suppression& s) {
  w.begin_object();
  for (const auto& [k, v] : {std::pair<const char*, const std::string*>{"reason", &s.reason},
                             {"owner", &s.owner},
                             {"expires", &s.expires},
                             {"created", &s.created},
                             {"source", &s.source}}) {
    w.key(k);
    w.value(std::string_view(*v));
  }
  w.end_object();
}

// The finding as finding_to_json writes it, `fingerprint` being fingerprint(f) (passed in, as
// callers that also store it compute it once); with `identity`, "identity": [...] last, as
// finding_to_store_json (report/store_json.h) writes it. The value of "evidence" is written by
// `evidence_value(f.evidence)`: the HTML report writes indices into its evidence table there
// (audit/evidence_table.h), every other writer the list itself (the overload below).
template <class W, class EvidenceValue>
void write_finding(W& w, const Finding& f, std::string_view fingerprint, bool identity,
                   EvidenceValue&& evidence_value) {
  auto str = [&w](const char* k, const std::string& v) {
    w.key(k);
    w.value(std::string_view(v));
  };
  auto str_or_null = [&w](const char* k, const std::string& v) {
    w.key(k);
    if (v.empty()) {
      w.null();
    } else {
      w.value(std::string_view(v));
    }
  };
  w.begin_object();
  str("line", f.line);
  str("subject", f.subject);
  str("element", f.element);
  str("rule", f.rule);
  str("rule_text", f.rule_text);
  w.key("severity");
  w.value(std::string_view(severity_name(f.severity)));
  str("status", f.status);
  w.key("verified");
  w.value(f.verified);
  str_or_null("organisation", f.organisation);
  str_or_null("organisation_name", f.organisation_name);
  w.key("evidence");
  evidence_value(f.evidence);
  str("explanation", f.explanation);
  str("suggested_fix", f.suggested_fix);
  if (f.location) {
    w.key("location");
    w.begin_object();
    str("uri", f.location->uri);
    w.key("line");
    w.value(uint64_t{f.location->line});
    w.key("column");
    w.value(uint64_t{f.location->column});
    w.end_object();
  }
  // Only when set, so that a finding without one renders as it always has.
  if (f.suppression) {
    w.key("suppressed");
    write_suppression(w, *f.suppression);
  }
  w.key("fingerprint");
  w.value(fingerprint);
  if (identity) {
    w.key("identity");
    w.begin_array();
    for (const std::string& s : f.identity) w.value(std::string_view(s));
    w.end_array();
  }
  w.end_object();
}

template <class W>
void write_finding(W& w, const Finding& f, std::string_view fingerprint, bool identity) {
  write_finding(w, f, fingerprint, identity, [&w](const std::vector<Evidence>& e) { write_evidence_list(w, e); });
}

// The writer that builds a report::Json tree.
class JsonTreeWriter {
 public:
  void begin_object() { open(Json::object()); }
  void begin_array() { open(Json::array()); }
  void end_object() { stack_.pop_back(); }
  void end_array() { stack_.pop_back(); }
  void key(std::string_view k) { key_ = k; }
  void value(std::string_view s) { place(Json(s)); }
  void value(bool b) { place(Json(b)); }
  void value(uint64_t n) { place(Json(n)); }
  void null() { place(Json(nullptr)); }
  Json result() && { return std::move(root_); }

 private:
  Json& place(Json v) {
    if (stack_.empty()) return root_ = std::move(v);
    Json& top = *stack_.back();
    if (top.is_object()) return top[key_] = std::move(v);
    top.push_back(std::move(v));
    return top.back();
  }
  // A container's address stays valid while it is open: only the innermost open container
  // grows.
  void open(Json v) { stack_.push_back(&place(std::move(v))); }
  Json root_;
  std::vector<Json*> stack_;
  std::string key_;
};

}  // namespace cleannet::report
