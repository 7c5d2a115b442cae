// The streaming JSON writer against nlohmann::json on random strings: what it writes parses
// (RFC 8259) back to the same bytes, and is byte for byte what nlohmann's dump writes apart
// from the two escapes where RFC 8259 §7 allows either form (nlohmann writes \b and \f, the
// writer \u0008 and \u000c). Strings mix plain ASCII, the characters that must be escaped,
// every control character, DEL and UTF-8 sequences of two, three and four bytes, at every
// length up to past the writer's 4096-byte buffer.
#include "cleannet/report/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace cleannet::report {
namespace {

// nlohmann's dump of a string, with its \b and \f in the writer's \u form.
std::string nlohmann_dump(const std::string& s) {
  const std::string d = nlohmann::json(s).dump();
  std::string o;
  for (size_t i = 0; i < d.size(); ++i) {
    if (d[i] == '\\' && i + 1 < d.size()) {
      const char e = d[i + 1];
      o += e == 'b' ? "\\u0008" : e == 'f' ? "\\u000c" : std::string{'\\', e};
      ++i;
      continue;
    }
    o += d[i];
  }
  return o;
}

std::string random_string(std::mt19937& rng, size_t max_len) {
  static const char* const kPieces[] = {"a",
                                        "Z",
                                        "0",
                                        " ",
                                        ".",
                                        "\"",
                                        "\\",
                                        "/",
                                        "\n",
                                        "\r",
                                        "\t",
                                        "\b",
                                        "\f",
                                        "\x01",
                                        "\x1f",
                                        "\x7f",
                                        "\xc3\xa9",
                                        "\xe2\x82\xac",
                                        "\xf0\x9f\x98\x80",
                                        "\xe4\xb8\xad",
                                        "\xd0\x96",
                                        "\xef\xbf\xbd"};
  std::string s;
  const size_t len = rng() % (max_len + 1);
  while (s.size() < len) {
    const uint32_t r = rng();
    if (r % 4 == 0)
      s += static_cast<char>(r >> 8 & 0x1f);  // any control character
    else
      s += kPieces[(r >> 8) % std::size(kPieces)];
  }
  return s;
}

std::string written(const std::string& s) {
  std::string out;
  {
    JsonWriter o(out);
    o.str(s);
  }
  return out;
}

TEST(JsonWriter, StringsAsNlohmannWritesAndReadsThem) {
  std::mt19937 rng(23);
  for (int n = 0; n < 20000; ++n) {
    const std::string s = random_string(rng, n % 100 == 0 ? 9000 : 40);
    const std::string w = written(s);
    ASSERT_EQ(nlohmann::json::parse(w).get<std::string>(), s) << w;
    ASSERT_EQ(w, nlohmann_dump(s)) << w;
  }
}

// Every byte value below 0x80 alone, at every offset of the writer's eight-byte scan.
TEST(JsonWriter, EveryAsciiByteAtEveryOffset) {
  for (int c = 0; c < 0x80; ++c)
    for (size_t at = 0; at < 19; ++at) {
      std::string s(18, 'a');
      s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), static_cast<char>(c));
      const std::string w = written(s);
      ASSERT_EQ(nlohmann::json::parse(w).get<std::string>(), s) << c << " " << at;
      ASSERT_EQ(w, nlohmann_dump(s)) << c << " " << at;
    }
}

// Pieces of a document across the buffer's edge: literals, numbers, put() and strings.
TEST(JsonWriter, DocumentsLongerThanTheBuffer) {
  std::mt19937 rng(3);
  nlohmann::json want = nlohmann::json::array();
  std::string out = "[";
  {
    JsonWriter o(out);
    for (int i = 0; i < 3000; ++i) {
      const std::string s = random_string(rng, 30);
      const int64_t v = static_cast<int64_t>(rng()) - (int64_t{1} << 31);
      if (i) o.ch(',');
      o.lit("{\"s\":");
      o.str(s);
      o.lit(",\"n\":");
      o.num(v);
      o.lit(",\"p\":\"");
      o.put(8, [](char* p) {
        std::memcpy(p, "put", 3);
        return p + 3;
      });
      o.lit("\"}");
      want.push_back({{"s", s}, {"n", v}, {"p", "put"}});
    }
    o.ch(']');
  }
  ASSERT_GT(out.size(), 3 * 4096u);
  EXPECT_EQ(nlohmann::json::parse(out), want);
}

}  // namespace
}  // namespace cleannet::report
