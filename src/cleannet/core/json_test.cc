// The positioned JSON reader: positions of every kind of value (by hand, and against a
// generator that records where it wrote each value), values against nlohmann's DOM parser on
// random documents, syntax errors and limits, and the typed Object access.
#include "cleannet/core/json.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace cleannet::core::json {
namespace {

std::string error_of(std::string_view text) {
  auto r = parse("t.json", text);
  return r ? std::string("(accepted)") : r.error().message();
}

TEST(Json, PositionsOfEveryKindOfValue) {
  auto doc = json::parse("p.json", "{\n \"a\": [1, -2.5e3, true, null, \"s\\\"\"],\n \"b\": {\"c\": {}}\n}");
  ASSERT_TRUE(doc.ok()) << doc.error().message();
  const json::Value& root = *doc;
  EXPECT_EQ(root.line, 1u);
  EXPECT_EQ(root.column, 1u);
  ASSERT_EQ(root.members.size(), 2u);
  EXPECT_EQ(root.members[0].line, 2u);
  EXPECT_EQ(root.members[0].column, 2u);
  const json::Value& a = root.members[0].value;
  EXPECT_EQ(a.column, 7u);
  ASSERT_EQ(a.items.size(), 5u);
  EXPECT_EQ(a.items[0].column, 8u);
  EXPECT_TRUE(a.items[0].is_integer);
  EXPECT_EQ(a.items[1].column, 11u);
  EXPECT_EQ(a.items[1].number, -2500.0);
  EXPECT_EQ(a.items[2].column, 19u);
  EXPECT_EQ(a.items[3].column, 25u);
  EXPECT_EQ(a.items[4].column, 31u);
  EXPECT_EQ(a.items[4].text, "s\"");
  const json::Value& b = root.members[1].value;
  EXPECT_EQ(b.line, 3u);
  EXPECT_EQ(b.column, 7u);
  EXPECT_EQ(b.members[0].column, 8u);
  EXPECT_EQ(b.members[0].value.column, 13u);
}

TEST(Json, SyntaxErrorsNameLineColumn) {
  EXPECT_EQ(error_of(""),
            "t.json:1:1: expected valid JSON, found syntax error while parsing value - unexpected end of input; "
            "expected '[', '{', or a literal");
  EXPECT_EQ(error_of("{\"a\": [\n  1,, 2]}"),
            "t.json:2:5: expected valid JSON, found syntax error while parsing value - unexpected ','; expected '[', "
            "'{', or a literal");
  EXPECT_EQ(error_of("[1e999]"), "t.json:1:2: expected valid JSON, found number overflow parsing '1e999'");
  EXPECT_EQ(error_of("{} {}").substr(0, 48), "t.json:1:4: expected valid JSON, found syntax er");
  // Control bytes of the input never reach the message raw.
  std::string msg = error_of("[\"a\x01\"]");
  EXPECT_EQ(msg.find('\x01'), std::string::npos) << msg;
}

TEST(Json, RecordsOfJsonLinesKeepTheirFileLine) {
  auto doc = parse("l.jsonl", "{\"a\": [1,\n 2]}", 7);
  ASSERT_TRUE(doc.ok()) << doc.error().message();
  EXPECT_EQ(doc->line, 7u);
  EXPECT_EQ(doc->members[0].line, 7u);
  EXPECT_EQ(doc->members[0].value.items[1].line, 8u);
  EXPECT_EQ(doc->members[0].value.items[1].column, 2u);
  auto bad = parse("l.jsonl", "{\"a\": [1,\n ]}", 7);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message().substr(0, 16), "l.jsonl:8:2: exp");
}

TEST(Json, LimitsAreErrorsNotCrashes) {
  EXPECT_EQ(error_of(std::string(100000, '[')),
            "t.json:1:65: expected JSON nested at most 64 levels deep, found deeper nesting");
  std::string nested(kMaxDepth, '[');
  nested += std::string(kMaxDepth, ']');
  EXPECT_EQ(error_of(nested), "(accepted)");
}

TEST(Json, ReadUsesTheInputsName) {
  auto in = Input::from_memory("in.json", "{\n\"a\": }");
  ASSERT_TRUE(in.ok());
  auto doc = read(*in);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().message().substr(0, 12), "in.json:2:6:");
}

TEST(Json, ObjectTypedAccessKeepsTheEarliestProblem) {
  auto doc = parse("o.json", "{\"n\": \"x\",\n \"s\": 5, \"k\": -1, \"i\": 1.5, \"b\": 1, \"z\": null, \"n\": 2}");
  ASSERT_TRUE(doc.ok()) << doc.error().message();
  const std::string file = "o.json";  // Object keeps a reference to the name
  Problems p;
  Object o(*doc, file, "", p);
  EXPECT_EQ(o.number("k"), std::nullopt);
  EXPECT_EQ(p.first().message(), "o.json:2:15: expected k >= 0, found a number -1");
  EXPECT_EQ(o.integer("i"), std::nullopt);
  EXPECT_EQ(o.boolean("b"), std::nullopt);
  EXPECT_EQ(o.str("z", true), std::nullopt);
  EXPECT_EQ(o.str("missing"), std::nullopt);
  EXPECT_EQ(p.first().message(), "o.json:2:15: expected k >= 0, found a number -1");
  EXPECT_EQ(o.str("s"), std::nullopt);  // earlier in the file: now the first problem
  EXPECT_EQ(p.first().message(), "o.json:2:7: expected s as a string, found a number 5");
  o.check_unique_keys();
  EXPECT_EQ(p.first().message(), "o.json:2:7: expected s as a string, found a number 5");
  o.allow_only({"s", "k"});
  EXPECT_EQ(p.first().message(),
            "o.json:1:2: expected one of the keys s, k in the top-level object, found unknown key \"n\"");
  EXPECT_EQ(o.str("n"), "x");  // the first of repeated keys

  Problems q;
  auto inner = parse("o.json", "[{\"a\": null}]");
  ASSERT_TRUE(inner.ok());
  Object e(inner->items[0], file, "items[0]", q);
  EXPECT_EQ(e.str("a", true), std::nullopt);
  EXPECT_EQ(q.first().message(), "o.json:1:8: expected a value for items[0].a, found null");
  Problems r;
  Object f(inner->items[0], file, "items[0]", r);
  EXPECT_EQ(f.array("b", true), nullptr);
  EXPECT_EQ(r.first().message(), "o.json:1:2: expected key \"b\" in items[0], found none");
}

// A random document written with random white space, recording where each value starts, in
// document order; parsed back, every value must carry the recorded position and the same
// content as nlohmann's DOM reads.
struct Gen {
  std::mt19937 rng;
  std::string out;
  uint32_t line = 1, col = 1;
  std::vector<std::pair<uint32_t, uint32_t>> starts;

  explicit Gen(uint32_t seed) : rng(seed) {}
  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); }
  void put(std::string_view s) {
    for (char c : s) {
      out += c;
      if (c == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
  }
  void space() {
    static const char* kSpace[] = {"", "", " ", "\n", "\t", "\r\n  ", "  "};
    put(kSpace[pick(7)]);
  }
  void string() {
    static const char* kParts[] = {"a", "\\\"", "\\\\", "\\n", "\\u00e9", "\xc3\xa9", "\\ud83d\\ude00",
                                   " ", "{",    "]",    ","};
    put("\"");
    for (size_t n = pick(5); n > 0; --n) put(kParts[pick(11)]);
    put("\"");
  }
  void value(int depth) {
    starts.emplace_back(line, col);
    size_t kind = depth > 4 ? pick(4) : pick(6);
    static const char* kNumbers[] = {"0",   "-1",  "12345678901234567890", "-9223372036854775808", "2.5e-3",
                                     "1E2", "-0.0"};
    switch (kind) {
      case 0:
        put(pick(2) ? "true" : pick(2) ? "false" : "null");
        break;
      case 1:
        put(kNumbers[pick(7)]);
        break;
      case 2:
      case 3:
        string();
        break;
      case 4: {
        put("[");
        for (size_t n = pick(4), i = 0; i < n; ++i) {
          space();
          if (i) put(","), space();
          value(depth + 1);
        }
        space();
        put("]");
        break;
      }
      default: {
        put("{");
        for (size_t n = pick(4), i = 0; i < n; ++i) {
          space();
          if (i) put(","), space();
          string();
          space();
          put(":");
          space();
          value(depth + 1);
        }
        space();
        put("}");
      }
    }
  }
};

void flatten(const Value& v, std::vector<const Value*>& out) {
  out.push_back(&v);
  for (const Value& i : v.items) flatten(i, out);
  for (const Member& m : v.members) flatten(m.value, out);
}

::testing::AssertionResult same(const Value& v, const nlohmann::json& j) {
  auto fail = [&] { return ::testing::AssertionFailure() << "at " << v.line << ":" << v.column << ": " << j.dump(); };
  switch (v.kind) {
    case Value::Kind::kNull:
      return j.is_null() ? ::testing::AssertionSuccess() : fail();
    case Value::Kind::kBool:
      return j.is_boolean() && j.get<bool>() == v.boolean ? ::testing::AssertionSuccess() : fail();
    case Value::Kind::kNumber:
      if (!j.is_number() || j.get<double>() != v.number) return fail();
      if (v.is_integer && (!j.is_number_integer() || j.get<int64_t>() != v.integer)) return fail();
      return ::testing::AssertionSuccess();
    case Value::Kind::kString:
      return j.is_string() && j.get<std::string>() == v.text ? ::testing::AssertionSuccess() : fail();
    case Value::Kind::kArray:
      if (!j.is_array() || j.size() != v.items.size()) return fail();
      for (size_t i = 0; i < v.items.size(); ++i)
        if (auto r = same(v.items[i], j[i]); !r) return r;
      return ::testing::AssertionSuccess();
    case Value::Kind::kObject: {
      // nlohmann keeps the last of repeated keys; compare against a map built the same way.
      std::map<std::string, const Value*> last;
      for (const Member& m : v.members) last[m.key] = &m.value;
      if (!j.is_object() || j.size() != last.size()) return fail();
      for (const auto& [k, mv] : last)
        if (auto r = same(*mv, j.at(k)); !r) return r;
      return ::testing::AssertionSuccess();
    }
  }
  return fail();
}

TEST(Json, PositionsAndValuesAgreeWithGeneratorAndNlohmann) {
  for (uint32_t seed = 1; seed <= 500; ++seed) {
    Gen g(seed);
    g.space();
    g.value(0);
    g.space();
    auto doc = parse("r.json", g.out);
    ASSERT_TRUE(doc.ok()) << doc.error().message() << "\n" << g.out;
    std::vector<const Value*> values;
    flatten(*doc, values);
    ASSERT_EQ(values.size(), g.starts.size()) << g.out;
    for (size_t i = 0; i < values.size(); ++i)
      ASSERT_EQ(std::make_pair(values[i]->line, values[i]->column), g.starts[i])
          << "seed " << seed << ", value " << i << "\n"
          << g.out;
    ASSERT_TRUE(same(*doc, nlohmann::json::parse(g.out))) << "seed " << seed << "\n" << g.out;
  }
}

}  // namespace
}  // namespace cleannet::core::json
