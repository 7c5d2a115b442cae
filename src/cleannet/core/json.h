// The JSON reader for every input that is not on a hot path (inventories, catalogues, Terraform
// state, cable lists, bundled data): a document with the line and column of every value and
// key, so that errors name file:line:col, and typed access to objects that keeps the first
// problem in document order. Hot paths (traceroute files) read with simdjson instead.
//
//   auto doc = core::json::read(in);                       // or parse(name, text)
//   if (!doc) return doc.error();                          // "f.json:3:5: expected valid JSON, ..."
//   json::Problems p;
//   json::Object top(*doc, in.name(), "", p);
//   top.allow_only({"name", "items"});
//   auto name = top.str("name", true);                     // "f.json:1:1: expected key \"name\" ..."
//   if (p.any()) return p.first();
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"

namespace cleannet::core::json {

// Limits on one JSON input: decompressed bytes, values (each costs ~110 bytes in memory, so
// at most ~1 GiB) and nesting depth. Larger inputs are an error, not an allocation.
inline constexpr size_t kMaxBytes = 256u << 20;
inline constexpr size_t kMaxValues = 8u << 20;
inline constexpr size_t kMaxDepth = 64;

struct Member;

// A JSON document with the line and column of every value and key. Built with nlohmann's
// SAX parser over an iterator that tracks where each token starts.
struct Value {
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  bool is_integer = false;  // an integer literal that fits int64 (then `integer` holds it)
  int64_t integer = 0;
  double number = 0;
  std::string text;               // a string's value, or a number's literal
  std::vector<Value> items;       // array elements
  std::vector<Member> members;    // object members, in document order (repeats kept)
  uint32_t line = 0, column = 0;  // where the value starts ('{', '[', '"' or first char)

  bool is_null() const { return kind == Kind::kNull; }
  bool is_object() const { return kind == Kind::kObject; }
  bool is_array() const { return kind == Kind::kArray; }
  bool is_string() const { return kind == Kind::kString; }
  bool is_number() const { return kind == Kind::kNumber; }
  // The first member named `key`, or nullptr (also when this is not an object).
  const Value* find(std::string_view key) const;
};

struct Member {
  std::string key;
  uint32_t line = 0, column = 0;  // the key's opening quote
  Value value;
};

// Parses `text` as one JSON document; `name` is the file name for positions, and `text`
// starts on line `first_line` of it (a record of a JSON Lines file).
Result<Value> parse(const std::string& name, std::string_view text, uint32_t first_line = 1);
// Reads all of `in` (at most kMaxBytes, decompressed) and parses it.
Result<Value> read(Input& in);

// "a string \"x\"", "a number 5", "an object", "null" ...: a value as a "found" text.
std::string describe(const Value& v);

// Keeps the first problem in document order, so that a reader may check an element's
// fields in any order and still report the earliest one.
class Problems {
 public:
  void add(Error e);
  bool any() const { return first_.has_value(); }
  const Error& first() const { return *first_; }

 private:
  std::optional<Error> first_;
};

// Typed access to one JSON object, recording wrong types and missing keys in Problems.
// It keeps references to `v`, `file` and `problems`: all three must outlive it (pass a named
// string such as in.name(), not a temporary).
// Absent keys and null both read as nullopt. `where` names the object in messages
// ("devices[3]", "" for the top level); field messages say "devices[3].vendor as a string".
class Object {
 public:
  Object(const Value& v, const std::string& file, std::string where, Problems& problems);

  // A closed object: every key must be one of `allowed` and appear once.
  void allow_only(std::initializer_list<std::string_view> allowed);
  // Any key may appear; a repeated one is still an error.
  void check_unique_keys();

  const Value& value() const { return v_; }
  const std::string& where() const { return where_; }
  const std::string& file() const { return file_; }
  Problems& problems() const { return problems_; }
  SourcePos pos() const { return pos(v_); }
  SourcePos pos(const Value& v) const { return SourcePos(file_, v.line, v.column); }
  // "devices[3].vendor" (just "vendor" in the top-level object).
  std::string field(std::string_view key) const {
    return where_.empty() ? std::string(key) : where_ + "." + std::string(key);
  }
  // "devices[3]", or "the top-level object" for where "".
  std::string place() const { return where_.empty() ? "the top-level object" : where_; }
  void error(const Value& at, std::string expected, std::string found);

  // The value of `key`, or nullptr when absent or null; required -> an error when so.
  const Value* get(std::string_view key, bool required = false);
  std::optional<std::string> str(std::string_view key, bool required = false);
  // A finite number; with `min`, at least that.
  std::optional<double> number(std::string_view key, bool required = false, std::optional<double> min = 0.0);
  std::optional<int64_t> integer(std::string_view key, bool required = false);
  std::optional<bool> boolean(std::string_view key);
  const std::vector<Value>* array(std::string_view key, bool required = false);
  const Value* object(std::string_view key, bool required = false);

 private:
  const Value& v_;
  const std::string& file_;
  std::string where_;
  Problems& problems_;
};

}  // namespace cleannet::core::json
