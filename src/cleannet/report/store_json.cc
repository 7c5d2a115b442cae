#include "cleannet/report/store_json.h"

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "cleannet/report/finding_fields.h"

namespace cleannet::report {

namespace {

// Reads one finding object, keeping the first error: each accessor returns a default once
// an error is recorded, so the reading code stays a straight list of fields.
class Reader {
 public:
  explicit Reader(std::string_view where) : where_(where) {}

  bool failed() const { return error_.has_value(); }
  core::Error take_error() { return std::move(*error_); }

  void fail(const std::string& pointer, const std::string& expected, const Json* found) {
    if (error_) return;
    std::string what = expected + " at " + (pointer.empty() ? "/" : pointer);
    std::string found_text;
    if (found) found_text = found->is_string() ? core::quote_found(found->get<std::string>()) : found->dump();
    if (found_text.size() > 60) found_text = found_text.substr(0, 60) + "...";
    error_ = core::Error(core::SourcePos(where_), what, found_text);
  }

  // An object whose keys are all in `allowed` (or are `extra`, when given).
  bool object(const Json& j, const std::string& pointer, std::initializer_list<const char*> allowed,
              const char* extra = nullptr) {
    if (!j.is_object()) {
      fail(pointer, "an object", &j);
      return false;
    }
    for (const auto& item : j.items()) {
      bool known = false;
      std::string names;
      for (const char* a : allowed) {
        known = known || item.key() == a;
        names += std::string(names.empty() ? "" : ", ") + a;
      }
      if (extra) {
        known = known || item.key() == extra;
        names += std::string(", ") + extra;
      }
      if (!known) {
        Json k = item.key();
        fail(pointer, "only the keys " + names, &k);
        return false;
      }
    }
    return true;
  }

  const Json* member(const Json& obj, const std::string& pointer, const char* key, bool required) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) fail(pointer, std::string("the key \"") + key + "\"", nullptr);
      return nullptr;
    }
    return &*it;
  }

  std::string str(const Json& obj, const std::string& pointer, const char* key, bool required = true) {
    const Json* v = member(obj, pointer, key, required);
    if (!v) return {};
    if (!v->is_string()) {
      fail(pointer + "/" + key, "a string", v);
      return {};
    }
    return v->get<std::string>();
  }

  // A string or null (finding_to_json writes null for an empty organisation).
  std::string str_or_null(const Json& obj, const std::string& pointer, const char* key) {
    const Json* v = member(obj, pointer, key, true);
    if (!v || v->is_null()) return {};
    if (!v->is_string()) {
      fail(pointer + "/" + key, "a string or null", v);
      return {};
    }
    return v->get<std::string>();
  }

  bool boolean(const Json& obj, const std::string& pointer, const char* key) {
    const Json* v = member(obj, pointer, key, true);
    if (!v) return false;
    if (!v->is_boolean()) {
      fail(pointer + "/" + key, "true or false", v);
      return false;
    }
    return v->get<bool>();
  }

  uint32_t u32(const Json& obj, const std::string& pointer, const char* key) {
    const Json* v = member(obj, pointer, key, true);
    if (!v) return 0;
    bool fits = v->is_number_unsigned() ? v->get<uint64_t>() <= std::numeric_limits<uint32_t>::max()
                                        : v->is_number_integer() && v->get<int64_t>() >= 0 &&
                                              v->get<int64_t>() <= std::numeric_limits<uint32_t>::max();
    if (!fits) {
      fail(pointer + "/" + key, "an integer from 0 to 4294967295", v);
      return 0;
    }
    return static_cast<uint32_t>(v->is_number_unsigned() ? v->get<uint64_t>()
                                                         : static_cast<uint64_t>(v->get<int64_t>()));
  }

  const Json* array(const Json& obj, const std::string& pointer, const char* key, bool required) {
    const Json* v = member(obj, pointer, key, required);
    if (v && !v->is_array()) {
      fail(pointer + "/" + key, "an array", v);
      return nullptr;
    }
    return v;
  }

 private:
  std::string where_;
  std::optional<core::Error> error_;
};

std::optional<Severity> parse_severity(const std::string& s) {
  for (Severity v : {Severity::kNote, Severity::kWarning, Severity::kError})
    if (s == severity_name(v)) return v;
  return std::nullopt;
}

Evidence read_evidence(Reader& r, const Json& j, const std::string& p) {
  Evidence e;
  if (!r.object(j, p, {"kind", "text", "date", "until", "source_url", "verified"})) return e;
  e.kind = r.str(j, p, "kind");
  e.text = r.str(j, p, "text");
  e.date = r.str(j, p, "date", false);
  e.until = r.str(j, p, "until", false);
  e.source_url = r.str(j, p, "source_url", false);
  e.verified = r.boolean(j, p, "verified");
  return e;
}

// The fields both JSON forms share; `store` adds "identity".
core::Result<Finding> read_finding(const Json& j, std::string_view where, bool store) {
  Reader r(where);
  Finding f;
  const std::string p;  // the JSON pointer of the finding itself
  if (!r.object(
          j, p,
          {"line", "subject", "element", "rule", "rule_text", "severity", "status", "verified", "organisation",
           "organisation_name", "evidence", "explanation", "suggested_fix", "location", "suppressed", "fingerprint"},
          store ? "identity" : nullptr))
    return r.take_error();
  f.line = r.str(j, p, "line");
  f.subject = r.str(j, p, "subject");
  f.element = r.str(j, p, "element");
  f.rule = r.str(j, p, "rule");
  f.rule_text = r.str(j, p, "rule_text");
  std::string severity = r.str(j, p, "severity");
  if (!r.failed()) {
    if (auto s = parse_severity(severity)) {
      f.severity = *s;
    } else {
      r.fail("/severity", "note, warning or error", &j.at("severity"));
    }
  }
  f.status = r.str(j, p, "status");
  f.verified = r.boolean(j, p, "verified");
  f.organisation = r.str_or_null(j, p, "organisation");
  f.organisation_name = r.str_or_null(j, p, "organisation_name");
  if (const Json* ev = r.array(j, p, "evidence", true)) {
    for (size_t i = 0; i < ev->size() && !r.failed(); ++i)
      f.evidence.push_back(read_evidence(r, (*ev)[i], "/evidence/" + std::to_string(i)));
  }
  f.explanation = r.str(j, p, "explanation");
  f.suggested_fix = r.str(j, p, "suggested_fix");
  if (const Json* loc = r.member(j, p, "location", false);
      loc && r.object(*loc, "/location", {"uri", "line", "column"})) {
    Location l;
    l.uri = r.str(*loc, "/location", "uri");
    l.line = r.u32(*loc, "/location", "line");
    l.column = r.u32(*loc, "/location", "column");
    f.location = std::move(l);
  }
  if (const Json* sup = r.member(j, p, "suppressed", false);
      sup && r.object(*sup, "/suppressed", {"reason", "owner", "expires", "created", "source"})) {
    Suppression s;
    s.reason = r.str(*sup, "/suppressed", "reason");
    s.owner = r.str(*sup, "/suppressed", "owner");
    s.expires = r.str(*sup, "/suppressed", "expires");
    s.created = r.str(*sup, "/suppressed", "created");
    s.source = r.str(*sup, "/suppressed", "source");
    f.suppression = std::move(s);
  }
  if (store) {
    if (const Json* id = r.array(j, p, "identity", true)) {
      for (size_t i = 0; i < id->size() && !r.failed(); ++i) {
        if ((*id)[i].is_string()) {
          f.identity.push_back((*id)[i].get<std::string>());
        } else {
          r.fail("/identity/" + std::to_string(i), "a string", &(*id)[i]);
        }
      }
    }
  }
  std::string written = r.str(j, p, "fingerprint");
  if (r.failed()) return r.take_error();
  // The fingerprint is derived, so it is checked rather than kept: a mismatch means a
  // changed field, or (in finding_to_json's form) an identity the JSON does not carry.
  if (std::string restored = fingerprint(f); restored != written) {
    r.fail("/fingerprint",
           store ? "the fingerprint of the finding's fields, " + restored
                 : "the fingerprint of the finding's fields, " + restored +
                       " (a finding whose identity is not its subject and element is restored only from "
                       "finding_to_store_json)",
           &j.at("fingerprint"));
    return r.take_error();
  }
  return f;
}

}  // namespace

core::Result<Finding> finding_from_json(const Json& j, std::string_view where) { return read_finding(j, where, false); }

Json finding_to_store_json(const Finding& f) {
  JsonTreeWriter w;
  write_finding(w, f, fingerprint(f), /*identity=*/true);
  return std::move(w).result();
}

core::Result<Finding> finding_from_store_json(const Json& j, std::string_view where) {
  return read_finding(j, where, true);
}

}  // namespace cleannet::report
