// ScriptJson against its oracle, nlohmann: the text it writes parses to the same value as its
// input, is that value's compact dump() when no character needs escaping, and holds none of
// the characters that could end a <script> element or a JavaScript string; the same output
// whichever way the input is split into pieces.
#include "cleannet/audit/script_json.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "cleannet/report/render.h"

namespace cleannet::audit {
namespace {

using report::Json;

std::string pieces(std::string_view text, const std::vector<size_t>& cuts) {
  std::ostringstream os;
  ScriptJson s(os);
  size_t at = 0;
  for (size_t c : cuts) {
    s.write(text.substr(at, c - at));
    at = c;
  }
  s.write(text.substr(at));
  s.finish();
  return os.str();
}

bool unsafe(std::string_view s) {
  return s.find_first_of("<>&") != std::string_view::npos || s.find("\xE2\x80\xA8") != std::string_view::npos ||
         s.find("\xE2\x80\xA9") != std::string_view::npos;
}

TEST(ScriptJson, EscapesWhatCouldEndTheScriptElement) {
  const std::string in =
      "{\n  \"a\": \"</script><!-- x --> & \xE2\x80\xA8|\xE2\x80\xA9\",\n  \"b\": [1, 2.5, null, true]\n}\n";
  EXPECT_EQ(script_json(in),
            "{\"a\":\"\\u003c/script\\u003e\\u003c!-- x --\\u003e \\u0026 \\u2028|\\u2029\",\"b\":[1,2.5,null,true]}");
}

TEST(ScriptJson, BackslashesAndQuotesInsideStrings) {
  // A string ending in a backslash, an escaped quote before '<', spaces kept inside strings.
  const std::string in = R"({"k": "x\\", "l": "a\"< b", "m" : " \u003c "})";
  EXPECT_EQ(script_json(in), R"({"k":"x\\","l":"a\"\u003c b","m":" \u003c "})");
}

TEST(ScriptJson, OtherThreeByteCharactersPassThrough) {
  // U+2026 (E2 80 A6) and U+20AC (E2 82 AC) share the first bytes of U+2028 but are left alone.
  const std::string in = "[\"\xE2\x80\xA6\xE2\x82\xAC\xE2\x80\xA8\"]";
  const std::string want = "[\"\xE2\x80\xA6\xE2\x82\xAC\\u2028\"]";
  EXPECT_EQ(script_json(in), want);
  for (size_t a = 0; a <= in.size(); ++a)
    for (size_t b = a; b <= in.size(); ++b) EXPECT_EQ(pieces(in, {a, b}), want) << a << " " << b;
}

// Random documents with the characters that matter, dumped indented and compact.
Json random_value(std::mt19937& rng, int depth) {
  static const std::vector<std::string> atoms = {
      "<",        ">", "&", "\"",   "\\",  " ",   "\n", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xA6",
      "\xC3\xA9", "a", "/", "\x01", "-->", "<!--"};
  switch (depth > 3 ? rng() % 3 : rng() % 5) {
    case 0:
      return static_cast<int64_t>(rng() % 2000) - 1000;
    case 1:
      return rng() % 2 == 0;
    case 2: {
      std::string s;
      for (int n = rng() % 8; n > 0; --n) s += atoms[rng() % atoms.size()];
      return s;
    }
    case 3: {
      Json a = Json::array();
      for (int n = rng() % 4; n > 0; --n) a.push_back(random_value(rng, depth + 1));
      return a;
    }
    default: {
      Json o = Json::object();
      for (int n = rng() % 4; n > 0; --n) o[random_value(rng, 4).dump()] = random_value(rng, depth + 1);
      return o;
    }
  }
}

TEST(ScriptJson, SameValueCompactAndSafeOnRandomDocuments) {
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const Json j = random_value(rng, 0);
    const std::string indented = j.dump(2), compact = j.dump();
    const std::string got = script_json(indented);
    ASSERT_EQ(Json::parse(got), j) << indented;
    ASSERT_FALSE(unsafe(got)) << got;
    if (!unsafe(compact)) {
      ASSERT_EQ(got, compact);
    }
    const size_t cut1 = rng() % (indented.size() + 1), cut2 = cut1 + rng() % (indented.size() - cut1 + 1);
    ASSERT_EQ(pieces(indented, {cut1, cut2}), got) << cut1 << " " << cut2 << " " << indented;
  }
}

}  // namespace
}  // namespace cleannet::audit
