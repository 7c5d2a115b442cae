// audit::dump against its oracle, nlohmann's own dump(), on seeded random documents: nested
// objects and arrays, numbers of every kind, and strings of printable ASCII, escapes, control
// characters, multi-byte UTF-8 and invalid UTF-8 (replaced), compact and indented.
#include "cleannet/audit/json_dump.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace cleannet::audit {
namespace {

using report::Json;

std::string random_string(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "a", "Huawei", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f", "\x7f", "é", "中国电信", "€", "\xF0\x9F\x93\xA1",
      "\xff", "\xc3", "\xe2\x82", "{", "}", "0", "<>", "&"};
  std::string s;
  const size_t n = rng() % 12;
  for (size_t i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
  return s;
}

Json random_json(std::mt19937& rng, int depth) {
  switch (depth > 3 ? rng() % 6 : rng() % 8) {
    case 0: return nullptr;
    case 1: return rng() % 2 == 0;
    case 2: return static_cast<int64_t>(rng()) - (1ll << 31);
    case 3: return static_cast<uint64_t>(rng()) << 20;
    case 4: return std::uniform_real_distribution<double>(-1e6, 1e6)(rng);
    case 5: return random_string(rng);
    case 6: {
      Json a = Json::array();
      for (size_t i = 0, n = rng() % 5; i < n; ++i) a.push_back(random_json(rng, depth + 1));
      return a;
    }
    default: {
      Json o = Json::object();
      for (size_t i = 0, n = rng() % 5; i < n; ++i) o[random_string(rng) + std::to_string(i)] = random_json(rng, depth + 1);
      return o;
    }
  }
}

TEST(JsonDump, SameBytesAsNlohmann) {
  std::mt19937 rng(20261207);
  for (int i = 0; i < 3000; ++i) {
    const Json j = random_json(rng, 0);
    for (int indent : {-1, 0, 2}) {
      const std::string want = j.dump(indent, ' ', false, JsonErrorHandler::replace);
      ASSERT_EQ(dump(j, indent, JsonErrorHandler::replace), want) << "case " << i << " indent " << indent;
    }
  }
}

TEST(JsonDump, AppendsAtTheEnd) {
  std::string out = "head:";
  append_dump(out, Json{{"k", "v"}}, -1, JsonErrorHandler::replace);
  EXPECT_EQ(out, "head:{\"k\":\"v\"}");
}

}  // namespace
}  // namespace cleannet::audit
