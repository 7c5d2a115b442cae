// audit::dump against its oracle, nlohmann's own dump(), on seeded random documents: nested
// objects and arrays, numbers of every kind, and strings of printable ASCII, escapes, control
// characters, multi-byte UTF-8 and invalid UTF-8 (replaced), compact and indented.
#include "cleannet/audit/json_dump.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "cleannet/report/finding_fields.h"
#include "cleannet/report/store_json.h"

namespace cleannet::audit {
namespace {

using report::Json;

std::string random_string(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "a", "Huawei", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f", "\x7f", "é", "中国电信", "€", "\xF0\x9F\x93\xA1",
      "\xff", "\xc3", "\xe2\x82", "{", "}", "0", "<>", "&", "\b", "\f", "\r", std::string(1, '\0'),
      "a run of printable ASCII longer than eight bytes"};
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

// The calls that build `j` (report::JsonTreeWriter's way), made on a writer.
void replay(JsonTextWriter& w, const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: w.null(); return;
    case Json::value_t::boolean: w.value(j.get<bool>()); return;
    case Json::value_t::number_unsigned: w.value(j.get<uint64_t>()); return;
    case Json::value_t::string: w.value(std::string_view(j.get_ref<const std::string&>())); return;
    case Json::value_t::array:
      w.begin_array();
      for (const Json& e : j) replay(w, e);
      w.end_array();
      return;
    default:
      w.begin_object();
      for (auto it = j.begin(); it != j.end(); ++it) {
        w.key(it.key());
        replay(w, it.value());
      }
      w.end_object();
  }
}

// Random documents of what the writer writes: no signed or floating-point numbers.
Json writer_json(std::mt19937& rng, int depth) {
  switch (depth > 3 ? rng() % 4 : rng() % 6) {
    case 0: return nullptr;
    case 1: return rng() % 2 == 0;
    case 2: return static_cast<uint64_t>(rng()) << (rng() % 32);
    case 3: return random_string(rng);
    case 4: {
      Json a = Json::array();
      for (size_t i = 0, n = rng() % 5; i < n; ++i) a.push_back(writer_json(rng, depth + 1));
      return a;
    }
    default: {
      Json o = Json::object();
      for (size_t i = 0, n = rng() % 5; i < n; ++i) o[random_string(rng) + std::to_string(i)] = writer_json(rng, depth + 1);
      return o;
    }
  }
}

TEST(JsonTextWriter, SameBytesAsTheTreeDumped) {
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    const Json j = writer_json(rng, 0);
    for (int indent : {-1, 0, 2}) {
      for (int level : {0, 3}) {
        std::string want = "x", got = "x";
        append_dump(want, j, indent, JsonErrorHandler::replace, level);
        JsonTextWriter w(got, indent, JsonErrorHandler::replace, level);
        replay(w, j);
        ASSERT_EQ(got, want) << "case " << i << " indent " << indent << " level " << level;
      }
    }
  }
}

// A finding written straight to text is what finding_to_json / finding_to_store_json give,
// dumped: random findings with every optional part present or not.
TEST(JsonTextWriter, FindingAsFindingToJson) {
  std::mt19937 rng(11);
  auto str = [&] { return rng() % 4 == 0 ? std::string() : random_string(rng); };
  for (int i = 0; i < 2000; ++i) {
    report::Finding f;
    f.line = str();
    f.subject = str();
    f.element = str();
    f.rule = str();
    f.rule_text = str();
    f.severity = static_cast<report::Severity>(rng() % 3);
    f.status = str();
    f.verified = rng() % 2;
    f.organisation = str();
    f.organisation_name = str();
    for (size_t k = rng() % 4; k > 0; --k) f.evidence.push_back({str(), str(), str(), str(), rng() % 2 == 0, str()});
    f.explanation = str();
    f.suggested_fix = str();
    if (rng() % 2) f.location = report::Location{str(), static_cast<uint32_t>(rng()), static_cast<uint32_t>(rng() % 90)};
    for (size_t k = rng() % 4; k > 0; --k) f.identity.push_back(str());
    if (rng() % 3 == 0) f.suppression = report::Suppression{str(), str(), str(), str(), str()};
    const std::string fp = report::fingerprint(f);
    for (int indent : {-1, 2}) {
      for (bool identity : {false, true}) {
        const Json tree = identity ? report::finding_to_store_json(f) : report::finding_to_json(f);
        std::string want, got;
        append_dump(want, tree, indent, JsonErrorHandler::replace, 2);
        JsonTextWriter w(got, indent, JsonErrorHandler::replace, 2);
        report::write_finding(w, f, fp, identity);
        ASSERT_EQ(got, want) << "finding " << i << " indent " << indent << " identity " << identity;
      }
    }
  }
}

}  // namespace
}  // namespace cleannet::audit
