// RecordParser: one JSON record -> Traceroute, in three passes at most:
//  - ScanCtx, a scanner over the record's bytes, reads the strict subset of JSON that the
//    tools write (no escapes, plain numbers) in place, skipping what no visitor reads, and
//    gives up (Retry) at anything else;
//  - then simdjson's DOM (stage 2 in libsimdjson, dispatched at run time to the CPU's best
//    kernel, where the On-Demand walk is compiled here for SSE4.2 only; docs/PERFORMANCE.md,
//    "The reader alone"), read by DomCtx, which gives up at anything it does not accept;
//  - the On-Demand path (OdCtx: fields visited once, in file order, with the position of
//    every value) runs only then, and decides: it names the error with file:line:column, or
//    reads what the others refused (On-Demand does not validate values it skips).
// All passes run the same field visitors (parse_atlas, parse_scamper ... are templates on
// the context), so they accept the same fields with the same types and ranges, and fill the
// Traceroute the same way (read_test.cc checks that they agree on mutated records).
// Field names and meanings: RIPE Atlas result format, traceroute
// (https://atlas.ripe.net/docs/apis/result-format/#version-4750); scamper: the JSON that
// sc_warts2json writes (scamper 20211212, scamper/trace/scamper_trace_json.c).
#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <charconv>
#include <cstring>

#include "cleannet/trace/read.h"

namespace cleannet::trace {

namespace od = simdjson::ondemand;

namespace {

// Thrown inside the parser only and caught in parse(): it unwinds the nested visitors.
struct Fail {
  core::Error error;
};

// The replies of one hop mostly come from one address, written out each time: the text of
// the last address read is kept with its value, and the same text is not parsed again.
class LastAddress {
 public:
  std::optional<core::Prefix> parse(std::string_view s) {
    if (s.size() == size_ && std::memcmp(s.data(), text_, size_) == 0) return value_;
    auto a = parse_address(s);
    if (a && s.size() <= sizeof text_) {
      std::memcpy(text_, s.data(), s.size());
      size_ = s.size();
      value_ = *a;
    }
    return a;
  }

 private:
  char text_[48];
  size_t size_ = sizeof text_ + 1;  // nothing kept
  core::Prefix value_;
};

class OdCtx {
 public:
  using Value = od::value;
  using Object = od::object;
  using Array = od::array;
  OdCtx(const RecordView& rec, const std::string& file) : rec_(rec), file_(file) {}

  // Where a value starts (for errors), and the record's first byte.
  static const char* at(od::value& v) { return v.raw_json_token().data(); }
  const char* start() const { return rec_.text.data(); }
  bool is_number(od::value& v) const {
    od::json_type type;
    if (auto e = v.type().get(type)) broken(e, at(v));
    return type == od::json_type::number;
  }

  // The position of `at` (a pointer into the record) as file:line:column.
  core::SourcePos pos(const char* at) const {
    const char* b = rec_.text.data();
    size_t off = at && at >= b && at <= b + rec_.text.size() ? static_cast<size_t>(at - b) : 0;
    uint64_t line = rec_.line;
    uint64_t col = rec_.column;
    for (size_t i = 0; i < off; ++i) {
      if (b[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    return core::SourcePos(file_, static_cast<uint32_t>(line), static_cast<uint32_t>(col));
  }

  [[noreturn]] void fail(const char* at, std::string expected, std::string found) const {
    throw Fail{core::Error(pos(at), std::move(expected), std::move(found))};
  }

  // The token of a value as found in the input, for messages.
  static std::string token(od::value& v) {
    std::string_view t = v.raw_json_token();
    while (!t.empty() && (t.back() == ' ' || t.back() == '\n' || t.back() == '\r' || t.back() == '\t'))
      t.remove_suffix(1);
    if (t == "{") return "an object";
    if (t == "[") return "an array";
    return t.size() > 40 ? core::quote_found(t) : std::string(t);
  }

  // A simdjson error other than a type mismatch: the JSON itself is broken.
  [[noreturn]] void broken(simdjson::error_code e, const char* at) const {
    std::string what;
    switch (e) {
      case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
        what = "an unclosed object or array, or more than one JSON value in the record";
        break;
      case simdjson::UNCLOSED_STRING:
        what = "an unterminated string";
        break;
      case simdjson::UTF8_ERROR:
        what = "bytes that are not UTF-8";
        break;
      case simdjson::EMPTY:
        what = "an empty record";
        break;
      default:
        what = std::string("malformed JSON (") + simdjson::error_message(e) + ")";
    }
    fail(at, "well-formed JSON", what);
  }

  std::string_view str(od::value& v, const char* what) {
    std::string_view s;
    const char* at = v.raw_json_token().data();
    auto e = v.get_string().get(s);
    if (e == simdjson::INCORRECT_TYPE) fail(at, what, token(v));
    if (e) broken(e, at);
    return s;
  }
  int64_t integer(od::value& v, const char* what, int64_t lo, int64_t hi) {
    int64_t n = 0;
    const char* at = v.raw_json_token().data();
    auto e = v.get_int64().get(n);
    if (e == simdjson::INCORRECT_TYPE || e == simdjson::NUMBER_ERROR || e == simdjson::NUMBER_OUT_OF_RANGE || n < lo ||
        n > hi)
      fail(at, what, token(v));
    if (e) broken(e, at);
    return n;
  }
  double number(od::value& v, const char* what) {
    double d = 0;
    std::string_view t = v.raw_json_token();
    auto e = v.get_double().get(d);
    if (e == simdjson::INCORRECT_TYPE || e == simdjson::NUMBER_ERROR) fail(t.data(), what, token(v));
    if (e) broken(e, t.data());
    // The number is valid JSON; its value is read again, correctly rounded: the On-Demand
    // get_double() of simdjson before 3.6.3 (Debian 12 has 3.1) misreads some numbers of more
    // than 19 digits, e.g. 0.99223372036854775808 as 0.0699 (simdjson issue #2093), where the
    // DOM pass reads them right.
    while (!t.empty() && (t.back() == ' ' || t.back() == '\n' || t.back() == '\r' || t.back() == '\t' ||
                          t.back() == ',' || t.back() == '}' || t.back() == ']'))
      t.remove_suffix(1);
    std::from_chars(t.data(), t.data() + t.size(), d);
    return d;
  }
  od::object object(od::value& v, const char* what) {
    od::object o;
    const char* at = v.raw_json_token().data();
    auto e = v.get_object().get(o);
    if (e == simdjson::INCORRECT_TYPE) fail(at, what, token(v));
    if (e) broken(e, at);
    return o;
  }
  od::array array(od::value& v, const char* what) {
    od::array a;
    const char* at = v.raw_json_token().data();
    auto e = v.get_array().get(a);
    if (e == simdjson::INCORRECT_TYPE) fail(at, what, token(v));
    if (e) broken(e, at);
    return a;
  }
  core::Prefix address(od::value& v, const char* what) {
    const char* at = v.raw_json_token().data();
    std::string_view s = str(v, what);
    auto a = last_.parse(s);
    if (!a) fail(at, what, core::quote_found(s));
    return *a;
  }

  // Visits the fields of an object: f(key, value, where).
  template <typename F>
  void fields(od::object& o, F&& f) {
    (void)o;
    for (auto item : o) {
      od::field fld;
      if (auto e = std::move(item).get(fld)) broken(e, here());
      // A key without escapes is read in place (stage 1 has matched every quote of the
      // record); only one with a backslash is unescaped into the parser's buffer.
      std::string_view key;
      const char* k = fld.key().raw();
      const char* e = k;
      while (*e != '"' && *e != '\\') ++e;
      if (*e == '"')
        key = std::string_view(k, static_cast<size_t>(e - k));
      else if (auto err = fld.unescaped_key().get(key))
        broken(err, here());
      od::value v = fld.value();
      f(key, v);
    }
  }
  template <typename F>
  void elements(od::array& a, F&& f) {
    (void)a;
    for (auto item : a) {
      od::value v;
      if (auto e = std::move(item).get(v)) broken(e, here());
      f(v);
    }
  }
  // Where the parser is (for errors with no token of their own).
  const char* here() const {
    const char* at = nullptr;
    if (!doc_ || doc_->current_location().get(at)) return nullptr;
    return at;
  }
  od::document* doc_ = nullptr;

  const RecordView& rec_;
  const std::string& file_;
  LastAddress last_;
};

// Thrown by ScanCtx and DomCtx at anything they do not take: RecordParser::parse() then
// reads the record with the next pass; OdCtx, the last, names the error or accepts it.
struct Retry {};

// The fast path's context: the same calls as OdCtx on simdjson's DOM, no positions (an error
// is never reported from here).
class DomCtx {
 public:
  using Value = simdjson::dom::element;
  using Object = simdjson::dom::object;
  using Array = simdjson::dom::array;
  explicit DomCtx(const RecordView& rec) : rec_(rec) {}

  static const char* at(const Value&) { return nullptr; }
  const char* start() const { return rec_.text.data(); }
  [[noreturn]] static void fail(const char*, const std::string&, const std::string&) { throw Retry{}; }
  static bool is_number(const Value& v) { return v.is_number(); }
  static std::string_view str(const Value& v, const char*) {
    std::string_view s;
    if (v.get_string().get(s)) throw Retry{};
    return s;
  }
  static int64_t integer(const Value& v, const char*, int64_t lo, int64_t hi) {
    int64_t n = 0;
    if (v.get_int64().get(n) || n < lo || n > hi) throw Retry{};
    return n;
  }
  static double number(const Value& v, const char*) {
    double d = 0;
    if (v.get_double().get(d)) throw Retry{};
    return d;
  }
  static Object object(const Value& v, const char*) {
    Object o;
    if (v.get_object().get(o)) throw Retry{};
    return o;
  }
  static Array array(const Value& v, const char*) {
    Array a;
    if (v.get_array().get(a)) throw Retry{};
    return a;
  }
  core::Prefix address(const Value& v, const char*) {
    auto a = last_.parse(str(v, nullptr));
    if (!a) throw Retry{};
    return *a;
  }
  // Fields in document order, duplicates included, as OdCtx visits them.
  template <typename F>
  static void fields(const Object& o, F&& f) {
    for (simdjson::dom::key_value_pair kv : o) f(kv.key, kv.value);
  }
  template <typename F>
  static void elements(const Array& a, F&& f) {
    for (Value v : a) f(v);
  }

 private:
  const RecordView& rec_;
  LastAddress last_;
};

// The first pass: a scanner over the record's bytes for what RIPE Atlas and sc_warts2json
// write, with the same calls as OdCtx. Hand-written because a generic parser does work this
// reader throws away: simdjson's DOM (the next pass) writes a tape entry for every value and
// converts every number, and most of a traceroute record (sizes, TTLs, "lts", "fw" ...) is
// never read (docs/PERFORMANCE.md, "The reader alone", has what each pass costs). The
// scanner reads values in place and skips the rest, checking the JSON grammar (RFC 8259
// §2-7) as it goes. It takes only a strict subset:
// strings of printable ASCII without escapes, non-negative integers of up to 18 digits,
// numbers of up to 15 significant digits without exponent, nesting up to 64 levels. Anything
// else, and every error, throws Retry: the DOM pass, then On-Demand, decide. So it never
// reports an error of its own, and it accepts only what both simdjson passes accept and read
// alike (read_test.cc and the fuzzers compare the passes on mutated records).
class ScanCtx {
 public:
  struct Value {
    const char* p;  // the value's first byte
  };
  using Object = Value;
  using Array = Value;
  // The record is NUL-terminated (std::string): a NUL byte ends every scan, as no JSON token
  // can hold one.
  explicit ScanCtx(const RecordView& rec) : b_(rec.text.data()), e_(b_ + rec.text.size()) {}

  static const char* at(const Value& v) { return v.p; }
  const char* start() const { return b_; }
  [[noreturn]] static void fail(const char*, const std::string&, const std::string&) { throw Retry{}; }
  static bool is_number(const Value& v) { return *v.p == '-' || (*v.p >= '0' && *v.p <= '9'); }

  std::string_view str(const Value& v, const char*) {
    if (*v.p != '"') throw Retry{};
    const char* s = v.p + 1;
    const char* q = string_end(s);
    cur_ = q + 1;
    return {s, static_cast<size_t>(q - s)};
  }
  // Non-negative integers only: every integer field has a lower bound of 0 or more.
  int64_t integer(const Value& v, const char*, int64_t lo, int64_t hi) {
    const char* p = v.p;
    if (*p < '0' || *p > '9') throw Retry{};
    uint64_t u = 0;  // wraps on a long run of digits, which is refused below
    const char* d = p;
    while (*p >= '0' && *p <= '9') u = u * 10 + static_cast<uint64_t>(*p++ - '0');
    const size_t digits = static_cast<size_t>(p - d);
    // leading zeros are not JSON; a fraction or exponent makes it a double (RFC 8259 §6)
    if (digits > 18 || (digits > 1 && *d == '0') || *p == '.' || *p == 'e' || *p == 'E') throw Retry{};
    const auto n = static_cast<int64_t>(u);
    if (n < lo || n > hi) throw Retry{};
    cur_ = p;
    return n;
  }
  // A mantissa of at most 15 digits is exact in a double, as is 10^k for k <= 22: one
  // correctly rounded division gives the correctly rounded value (Clinger's fast path), as
  // simdjson's number parser does.
  double number(const Value& v, const char*) {
    static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const char* p = v.p;
    if (*p < '0' || *p > '9') throw Retry{};  // no sign: "-0" is left to simdjson
    const char* d = p;
    uint64_t m = 0;
    while (*p >= '0' && *p <= '9') m = m * 10 + static_cast<uint64_t>(*p++ - '0');
    size_t digits = static_cast<size_t>(p - d);
    if (digits > 1 && *d == '0') throw Retry{};
    size_t frac = 0;
    if (*p == '.') {
      const char* f = ++p;
      while (*p >= '0' && *p <= '9') m = m * 10 + static_cast<uint64_t>(*p++ - '0');
      frac = static_cast<size_t>(p - f);
      if (frac == 0) throw Retry{};
      digits += frac;
    }
    if (digits > 15 || *p == 'e' || *p == 'E') throw Retry{};
    cur_ = p;
    return static_cast<double>(m) / kPow10[frac];
  }
  static Object object(const Value& v, const char*) {
    if (*v.p != '{') throw Retry{};
    return v;
  }
  static Array array(const Value& v, const char*) {
    if (*v.p != '[') throw Retry{};
    return v;
  }
  core::Prefix address(const Value& v, const char*) {
    auto a = last_.parse(str(v, nullptr));
    if (!a) throw Retry{};
    return *a;
  }

  // Fields in document order, duplicates included. A value the visitor did not read (the
  // cursor did not move past its start) is skipped.
  template <typename F>
  void fields(const Object& o, F&& f) {
    const char* p = ws(o.p + 1);
    if (*p == '}') {
      cur_ = p + 1;
      return;
    }
    for (;;) {
      if (*p != '"') throw Retry{};
      const char* k = p + 1;
      const char* q = string_end(k);
      p = ws(q + 1);
      if (*p != ':') throw Retry{};
      Value v{ws(p + 1)};
      cur_ = v.p;
      f(std::string_view(k, static_cast<size_t>(q - k)), v);
      if (cur_ == v.p) cur_ = skip_value(v.p);
      p = ws(cur_);
      if (*p == '}') break;
      if (*p != ',') throw Retry{};
      p = ws(p + 1);
    }
    cur_ = p + 1;
  }
  template <typename F>
  void elements(const Array& a, F&& f) {
    const char* p = ws(a.p + 1);
    if (*p == ']') {
      cur_ = p + 1;
      return;
    }
    for (;;) {
      Value v{p};
      cur_ = p;
      f(v);
      if (cur_ == v.p) cur_ = skip_value(v.p);
      p = ws(cur_);
      if (*p == ']') break;
      if (*p != ',') throw Retry{};
      p = ws(p + 1);
    }
    cur_ = p + 1;
  }

  // The top-level object: `body` reads it, and nothing but white space may follow.
  template <typename F>
  void record(F&& body) {
    Object o = object(Value{ws(b_)}, nullptr);
    body(o);
    if (ws(cur_) != e_) throw Retry{};
  }

 private:
  static const char* ws(const char* p) {
    while (is_json_space(*p)) ++p;
    return p;
  }
  // The closing quote of a string whose text starts at s: bytes of printable ASCII up to it
  // (RFC 8259 §7: control characters must be escaped; escapes and other bytes are for
  // simdjson to read and validate). Sixteen bytes at a time: the record's NUL stops the scan
  // and kPadding readable bytes follow it, so no read passes the buffer.
  static const char* string_end(const char* s) {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
    for (;; s += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
      // a signed compare: bytes from 0x80 up are negative, so below ' ' too
      const __m128i stop =
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), _mm_cmplt_epi8(v, space));
      if (const auto m = static_cast<unsigned>(_mm_movemask_epi8(stop))) {
        s += __builtin_ctz(m);
        break;
      }
    }
#else
    while (static_cast<unsigned char>(*s) >= 0x20 && static_cast<unsigned char>(*s) < 0x80 && *s != '"' && *s != '\\')
      ++s;
#endif
    if (*s != '"') throw Retry{};
    return s;
  }
  // Past a value the visitor did not read: strings and numbers here, the rest in skip().
  static const char* skip_value(const char* p) {
    if (*p == '"') return string_end(p + 1) + 1;
    if ((*p >= '0' && *p <= '9') || *p == '-') return skip_number(p);
    return skip(p);
  }
  // Past a number (RFC 8259 §6 grammar).
  static const char* skip_number(const char* p) {
    auto digits = [](const char* q) {
      const char* d = q;
      while (*q >= '0' && *q <= '9') ++q;
      if (q == d) throw Retry{};
      return q;
    };
    if (*p == '-') ++p;
    if (*p == '0')
      ++p;
    else
      p = digits(p);
    if (*p == '.') p = digits(p + 1);
    if (*p == 'e' || *p == 'E') {
      ++p;
      if (*p == '+' || *p == '-') ++p;
      p = digits(p);
    }
    return p;
  }
  static const char* literal(const char* p, std::string_view word) {
    // the record is padded (RecordReader::kPadding): comparing past a NUL stays in bounds
    if (std::memcmp(p, word.data(), word.size()) != 0) throw Retry{};
    return p + word.size();
  }
  // Past one value of any kind, nested ones included, validating as it goes.
  static const char* skip(const char* p) {
    char open[64];  // the containers around the current value: '{' or '['
    size_t depth = 0;
    for (;;) {
      // a value starts at p
      switch (*p) {
        case '"':
          p = string_end(p + 1) + 1;
          break;
        case '{':
        case '[': {
          const char close = *p == '{' ? '}' : ']';
          const char kind = *p;
          p = ws(p + 1);
          if (*p == close) {
            ++p;
            break;
          }
          if (depth == sizeof open) throw Retry{};
          open[depth++] = kind;
          if (kind == '{') {
            if (*p != '"') throw Retry{};
            p = ws(string_end(p + 1) + 1);
            if (*p != ':') throw Retry{};
            p = ws(p + 1);
          }
          continue;  // the first element or member value
        }
        case 't':
          p = literal(p, "true");
          break;
        case 'f':
          p = literal(p, "false");
          break;
        case 'n':
          p = literal(p, "null");
          break;
        default:
          p = skip_number(p);
      }
      // after a value: close containers, or go on to the next element or member
      for (;;) {
        if (depth == 0) return p;
        p = ws(p);
        const char kind = open[depth - 1];
        if (*p == (kind == '{' ? '}' : ']')) {
          ++p;
          --depth;
          continue;
        }
        if (*p != ',') throw Retry{};
        p = ws(p + 1);
        if (kind == '{') {
          if (*p != '"') throw Retry{};
          p = ws(string_end(p + 1) + 1);
          if (*p != ':') throw Retry{};
          p = ws(p + 1);
        }
        break;
      }
    }
  }

  const char* b_;
  const char* e_;
  const char* cur_ = nullptr;
  LastAddress last_;
};

constexpr const char* kAddress = "an IP address";

// A key against a literal: a length test and a fixed-size memcmp the compiler inlines (the
// visitors below test every key of every reply against several names).
template <size_t N>
inline bool is(std::string_view key, const char (&name)[N]) {
  return key.size() == N - 1 && std::memcmp(key.data(), name, N - 1) == 0;
}

// The MPLS labels in an array of ICMP extension objects (RFC 4884 §7): RFC 4950 §3's label
// stack object, one entry per label. Atlas names the stack "mpls" and a label "label",
// scamper "mpls_labels" and "mpls_label".
template <class C>
void parse_mpls_objects(C& c, typename C::Value& v, Traceroute& t, Reply& r, std::string_view stack,
                        std::string_view label) {
  auto objs = c.array(v, "an array of ICMP extension objects");
  c.elements(objs, [&](auto& ev) {
    auto eo = c.object(ev, "an ICMP extension object");
    c.fields(eo, [&](std::string_view k, auto& mv) {
      if (k != stack) return;
      auto labels = c.array(mv, "an array of MPLS label stack entries");
      c.elements(labels, [&](auto& lv) {
        auto lo = c.object(lv, "an MPLS label stack entry");
        c.fields(lo, [&](std::string_view lk, auto& x) {
          if (lk == label)
            t.mpls.push_back(static_cast<uint32_t>(c.integer(x, "an MPLS label (0 to 1048575)", 0, 1048575)));
        });
      });
    });
  });
  r.mpls_count = static_cast<uint32_t>(t.mpls.size()) - r.mpls_first;
}

template <class C>
void parse_icmpext_atlas(C& c, typename C::Value& v, Traceroute& t, Reply& r) {
  auto o = c.object(v, "ICMP extensions: an object with \"obj\"");
  r.icmpext = true;
  r.mpls_first = static_cast<uint32_t>(t.mpls.size());
  r.mpls_count = 0;
  c.fields(o, [&](std::string_view key, auto& ov) {
    if (is(key, "obj")) parse_mpls_objects(c, ov, t, r, "mpls", "label");
  });
}

template <class C>
void parse_reply_atlas(C& c, typename C::Value& v, Traceroute& t) {
  const char* at = c.at(v);
  auto o = c.object(v, "a reply object");
  // Filled in place; the reply is dropped with the record if it turns out bad.
  Reply& r = t.replies.emplace_back();
  bool timeout = false, have_from = false;
  c.fields(o, [&](std::string_view key, auto& f) {
    if (is(key, "x")) {
      const char* xat = c.at(f);
      std::string_view s = c.str(f, "\"*\" (no reply)");
      if (s != "*") c.fail(xat, "\"*\" (no reply)", core::quote_found(s));
      timeout = true;
    } else if (is(key, "from")) {
      r.from = c.address(f, kAddress);
      have_from = true;
    } else if (is(key, "rtt")) {
      r.rtt = c.number(f, "a round-trip time in ms");
    } else if (is(key, "ttl")) {
      r.ttl = static_cast<int>(c.integer(f, "a TTL (0 to 255)", 0, 255));
    } else if (is(key, "late")) {
      r.late = static_cast<uint32_t>(c.integer(f, "a number of packets (late)", 0, 1 << 30));
    } else if (is(key, "err")) {
      // "H", "N", "P", "p", "A" (host, network, protocol, port unreachable, prohibited) or the ICMP code
      if (c.is_number(f))
        r.err = std::to_string(c.integer(f, "an ICMP error code", 0, 255));
      else
        r.err = std::string(c.str(f, "an ICMP error indication (\"H\", \"N\", \"A\", \"P\", \"p\" or a code)"));
    } else if (is(key, "icmpext")) {
      parse_icmpext_atlas(c, f, t, r);
    }
  });
  if (timeout) {
    r.kind = Reply::kTimeout;
  } else if (have_from) {
    r.kind = Reply::kAnswer;
  } else {
    c.fail(at, "a reply with \"from\" or \"x\": \"*\"", "neither");
  }
}

template <class C>
void parse_hop_atlas(C& c, typename C::Value& v, Traceroute& t) {
  const char* at = c.at(v);
  auto o = c.object(v, "a hop object");
  Hop h;
  h.first = static_cast<uint32_t>(t.replies.size());
  bool have_hop = false;
  c.fields(o, [&](std::string_view key, auto& f) {
    if (is(key, "hop")) {
      h.number = static_cast<int>(c.integer(f, "a hop number (1 to 255)", 1, 255));
      have_hop = true;
    } else if (is(key, "result")) {
      auto a = c.array(f, "an array of replies");
      c.elements(a, [&](auto& rv) { parse_reply_atlas(c, rv, t); });
    } else if (is(key, "error")) {
      h.error = std::string(c.str(f, "an error message"));
    }
  });
  if (!have_hop && h.error.empty()) c.fail(at, "a hop with \"hop\" (its number) or \"error\"", "neither");
  h.count = static_cast<uint32_t>(t.replies.size()) - h.first;
  t.hops.push_back(std::move(h));
}

template <class C>
void parse_atlas(C& c, typename C::Object& o, Traceroute& t) {
  bool have_type = false, have_af = false, have_result = false;
  c.fields(o, [&](std::string_view key, auto& f) {
    if (is(key, "type")) {
      const char* at = c.at(f);
      std::string_view s = c.str(f, "a traceroute result (\"type\": \"traceroute\")");
      if (s != "traceroute") c.fail(at, "a traceroute result (\"type\": \"traceroute\")", core::quote_found(s));
      have_type = true;
    } else if (is(key, "af")) {
      const char* at = c.at(f);
      t.af = static_cast<int>(c.integer(f, "an address family (4 or 6)", 4, 6));
      if (t.af == 5) c.fail(at, "an address family (4 or 6)", "5");
      have_af = true;
    } else if (is(key, "dst_addr") || is(key, "from") || is(key, "src_addr")) {
      const char* at = c.at(f);
      std::string_view s = c.str(f, kAddress);
      // "from" is empty when the probe's public address was not known.
      if (!s.empty() && !parse_address(s)) c.fail(at, kAddress, core::quote_found(s));
      (is(key, "dst_addr") ? t.dst_addr : is(key, "from") ? t.from : t.src_addr).assign(s);
    } else if (is(key, "dst_name")) {
      t.dst_name.assign(c.str(f, "a destination name"));
    } else if (is(key, "msm_id")) {
      t.msm_id = c.integer(f, "a measurement id (a non-negative integer)", 0, INT64_MAX);
    } else if (is(key, "prb_id")) {
      t.prb_id = c.integer(f, "a probe id (a non-negative integer)", 0, INT64_MAX);
    } else if (is(key, "paris_id")) {
      t.paris_id = static_cast<int>(c.integer(f, "a Paris traceroute id (0 to 65535)", 0, 65535));
    } else if (is(key, "timestamp")) {
      t.timestamp = c.integer(f, "a Unix time", 0, INT64_MAX);
    } else if (is(key, "proto")) {
      t.proto.assign(c.str(f, "a protocol name"));
    } else if (is(key, "result")) {
      auto a = c.array(f, "an array of hops");
      c.elements(a, [&](auto& hv) { parse_hop_atlas(c, hv, t); });
      have_result = true;
    }
  });
  const char* start = c.start();
  if (!have_type) c.fail(start, "a traceroute result with \"type\": \"traceroute\"", "no \"type\"");
  if (!have_af) c.fail(start, "a traceroute result with \"af\" (4 or 6)", "no \"af\"");
  if (!have_result) c.fail(start, "a traceroute result with \"result\" (its hops)", "no \"result\"");
}

template <class C>
void parse_icmpext_scamper(C& c, typename C::Value& v, Traceroute& t, Reply& r) {
  r.icmpext = true;
  r.mpls_first = static_cast<uint32_t>(t.mpls.size());
  parse_mpls_objects(c, v, t, r, "mpls_labels", "mpls_label");
}

constexpr const char* kScamperTypes = "a scamper trace, cycle-start or cycle-stop record";

bool scamper_other(std::string_view type) {
  return type == "cycle-start" || type == "cycle-stop" || type == "list" || type == "cycle-def";
}

// False for records that hold no trace (cycle-start ...). sc_warts2json writes "type" first.
template <class C>
bool parse_scamper(C& c, typename C::Object& o, Traceroute& t) {
  t.format = SourceFormat::kScamper;
  int firsthop = 1;
  int64_t hop_count = 0;
  std::vector<std::pair<int, Reply>> got;
  bool have_type = false, other = false;
  c.fields(o, [&](std::string_view key, auto& f) {
    if (other) return;  // the rest of a cycle-start/stop record is not ours
    if (is(key, "type")) {
      const char* at = c.at(f);
      std::string_view type = c.str(f, kScamperTypes);
      if (type == "tracelb")
        c.fail(at,
               "a scamper trace record (tracelb, MDA load-balancer path discovery, is not supported: "
               "check only trace measurements)",
               "\"tracelb\"");
      if (scamper_other(type))
        other = true;
      else if (type != "trace")
        c.fail(at, kScamperTypes, core::quote_found(type));
      have_type = true;
      return;
    }
    if (!have_type)
      c.fail(c.at(f), "\"type\" as the first field of a scamper record", std::string("\"") + std::string(key) + "\"");
    if (is(key, "src") || is(key, "dst")) {
      const char* at = c.at(f);
      std::string_view s = c.str(f, kAddress);
      auto a = parse_address(s);
      if (!a) c.fail(at, kAddress, core::quote_found(s));
      if (is(key, "dst")) t.af = a->v6 ? 6 : 4;
      (is(key, "src") ? t.from : t.dst_addr).assign(s);
    } else if (is(key, "method")) {
      t.proto.assign(c.str(f, "a probe method"));
    } else if (is(key, "firsthop")) {
      firsthop = static_cast<int>(c.integer(f, "a first hop (1 to 255)", 1, 255));
    } else if (is(key, "hop_count")) {
      hop_count = c.integer(f, "a hop count (0 to 255)", 0, 255);
    } else if (is(key, "start")) {
      auto so = c.object(f, "a start time object");
      c.fields(so, [&](std::string_view k, auto& x) {
        if (is(k, "sec")) t.timestamp = c.integer(x, "a Unix time", 0, INT64_MAX);
      });
    } else if (is(key, "hops")) {
      auto a = c.array(f, "an array of hop replies");
      c.elements(a, [&](auto& hv) {
        const char* at = c.at(hv);
        auto ho = c.object(hv, "a hop reply object");
        Reply r;
        int ttl = -1;
        bool have_addr = false;
        c.fields(ho, [&](std::string_view k, auto& x) {
          if (is(k, "addr")) {
            r.from = c.address(x, kAddress);
            have_addr = true;
          } else if (is(k, "probe_ttl")) {
            ttl = static_cast<int>(c.integer(x, "a probe TTL (1 to 255)", 1, 255));
          } else if (is(k, "rtt")) {
            r.rtt = c.number(x, "a round-trip time in ms");
          } else if (is(k, "reply_ttl")) {
            r.ttl = static_cast<int>(c.integer(x, "a TTL (0 to 255)", 0, 255));
          } else if (is(k, "icmpext")) {
            parse_icmpext_scamper(c, x, t, r);
          }
        });
        if (!have_addr) c.fail(at, "a hop reply with \"addr\"", "none");
        if (ttl < 0) c.fail(at, "a hop reply with \"probe_ttl\"", "none");
        r.kind = Reply::kAnswer;
        got.emplace_back(ttl, std::move(r));
      });
    }
  });
  if (other) return false;
  if (!have_type) c.fail(c.start(), kScamperTypes, "no \"type\"");
  if (t.from.empty() || t.dst_addr.empty())
    c.fail(c.start(), "a scamper trace with \"src\" and \"dst\"", t.from.empty() ? "no \"src\"" : "no \"dst\"");
  // scamper lists replies only; a TTL between the first hop and the last that got none
  // timed out.
  std::stable_sort(got.begin(), got.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  int last = static_cast<int>(hop_count) + firsthop - 1;
  if (!got.empty()) last = std::max(last, got.back().first);
  size_t k = 0;
  for (int ttl = std::min(firsthop, got.empty() ? firsthop : got.front().first); ttl <= last; ++ttl) {
    Hop h;
    h.number = ttl;
    h.first = static_cast<uint32_t>(t.replies.size());
    while (k < got.size() && got[k].first == ttl) t.replies.push_back(std::move(got[k++].second));
    if (t.replies.size() == h.first) t.replies.push_back(Reply{});  // kTimeout
    h.count = static_cast<uint32_t>(t.replies.size()) - h.first;
    t.hops.push_back(std::move(h));
  }
  return true;
}

}  // namespace

struct RecordParser::Impl {
  od::parser parser;
  simdjson::dom::parser dom;
  Passes passes = Passes::kAll;
  PassCounts counts;
};

RecordParser::RecordParser(Passes passes) : impl_(std::make_unique<Impl>()) { impl_->passes = passes; }
const RecordParser::PassCounts& RecordParser::counts() const { return impl_->counts; }
RecordParser::~RecordParser() = default;
RecordParser::RecordParser(RecordParser&&) noexcept = default;
RecordParser& RecordParser::operator=(RecordParser&&) noexcept = default;

namespace {

// Runs `body` on the record's top-level object and checks that nothing follows it.
template <typename F>
core::Status with_object(od::parser& parser, const RecordView& rec, const std::string& file, bool check_end, F&& body) {
  OdCtx c(rec, file);
  try {
    if (rec.room < rec.text.size() + RecordReader::kPadding)
      throw Fail{core::Error(c.pos(nullptr), "a record with padding", "none")};  // programmer error
    od::document doc;
    simdjson::padded_string_view view(rec.text.data(), rec.text.size(), rec.room);
    if (auto e = parser.iterate(view).get(doc)) c.broken(e, rec.text.data());
    c.doc_ = &doc;
    od::object o;
    auto e = doc.get_object().get(o);
    if (e == simdjson::INCORRECT_TYPE) {
      std::string_view t;
      if (doc.raw_json_token().get(t)) t = rec.text;
      c.fail(rec.text.data(), "a JSON object (one traceroute result)",
             core::quote_found(t.substr(0, std::min<size_t>(t.size(), 20))));
    }
    if (e) c.broken(e, rec.text.data());
    body(c, o);
    // current_location() fails with OUT_OF_BOUNDS at the end of the document.
    const char* rest = nullptr;
    if (check_end && !doc.current_location().get(rest))
      c.fail(rest, "the end of the record after the JSON object", core::quote_found(std::string_view(rest, 1)));
  } catch (const Fail& f) {
    return f.error;
  }
  return core::Ok{};
}

}  // namespace

core::Result<bool> RecordParser::parse(const Record& rec, const std::string& file, SourceFormat format, Traceroute& t) {
  return parse(rec.view(), file, format, t);
}

core::Result<bool> RecordParser::parse(const RecordView& rec, const std::string& file, SourceFormat format,
                                       Traceroute& t) {
  auto start = [&] {
    t.clear();
    t.format = format;
    t.line = rec.line;
    t.column = rec.column;
  };
  const bool padded = rec.room >= rec.text.size() + RecordReader::kPadding;
  if (impl_->passes == Passes::kAll && padded) {
    start();
    ScanCtx c(rec);
    try {
      bool is_trace = true;
      c.record([&](ScanCtx::Object& o) {
        if (format == SourceFormat::kAtlas)
          parse_atlas(c, o, t);
        else
          is_trace = parse_scamper(c, o, t);
      });
      ++impl_->counts.scan;
      return is_trace;
    } catch (const Retry&) {
    }
  }
  // The DOM pass, for records of the usual size: the DOM of a record takes about ten times
  // its size, so a larger one (up to RecordReader::kMaxRecord) goes straight to On-Demand.
  if (impl_->passes != Passes::kOnDemand && rec.text.size() <= kDomMaxRecord && padded) {
    simdjson::dom::element doc;
    simdjson::dom::object o;
    if (!impl_->dom.parse(rec.text.data(), rec.text.size(), false).get(doc) && !doc.get_object().get(o)) {
      start();
      DomCtx c(rec);
      try {
        bool is_trace = format == SourceFormat::kAtlas ? (parse_atlas(c, o, t), true) : parse_scamper(c, o, t);
        ++impl_->counts.dom;
        return is_trace;
      } catch (const Retry&) {
      }
    }
  }
  ++impl_->counts.on_demand;
  start();
  bool is_trace = true;
  auto st = with_object(impl_->parser, rec, file, true, [&](OdCtx& c, od::object& o) {
    if (format == SourceFormat::kAtlas)
      parse_atlas(c, o, t);
    else
      is_trace = parse_scamper(c, o, t);
  });
  if (!st) return st.error();
  return is_trace;
}

core::Result<SourceFormat> detect_format(const Record& first, const std::string& file) {
  od::parser parser;
  std::optional<SourceFormat> found;
  const RecordView view = first.view();
  auto st = with_object(parser, view, file, false, [&](OdCtx& c, od::object& o) {
    std::string_view type;
    const char* at = c.rec_.text.data();
    c.fields(o, [&](std::string_view key, od::value& f) {
      if (key == "type" && type.empty()) {
        at = f.raw_json_token().data();
        type = c.str(f, "a record type (a string)");
      }
    });
    if (type == "traceroute")
      found = SourceFormat::kAtlas;
    else if (type == "trace" || type == "tracelb" || scamper_other(type))
      found = SourceFormat::kScamper;
    else
      c.fail(at,
             "a RIPE Atlas traceroute result (\"type\": \"traceroute\") or scamper JSON (\"type\": \"trace\", "
             "\"cycle-start\" ...)",
             type.empty() ? std::string("no \"type\"") : core::quote_found(type));
  });
  if (!st) return st.error();
  return *found;
}

}  // namespace cleannet::trace
