// Test support (not part of the report library): seeded random findings with every optional
// part on or off, for round trips and renderer checks over many shapes.
//
//   std::mt19937 rng(42);
//   Finding f = cleannet::report::testing::random_finding(rng);
#pragma once

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "cleannet/report/finding.h"

namespace cleannet::report::testing {

// Text of the kinds findings hold, and some they should survive: empty, quotes and
// backslashes, newlines, non-ASCII, long.
inline std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> kPieces = {"",
                                                   "AS4134",
                                                   "China Telecom Corporation Limited",
                                                   "router r7",
                                                   "\"quoted\"",
                                                   "back\\slash",
                                                   "line\nbreak",
                                                   "Telefónica",
                                                   "華為",
                                                   "CN-PATH-DIPLOMATIC",
                                                   "https://example.org/x?a=1&b=2",
                                                   "tab\there",
                                                   "<tag>",
                                                   "2024-06-01",
                                                   " ",
                                                   "{\"json\": [1]}"};
  std::uniform_int_distribution<size_t> pick(0, kPieces.size() - 1), count(0, 3);
  std::string s;
  for (size_t n = count(rng); n > 0; --n) s += kPieces[pick(rng)];
  return s;
}

inline std::string random_date(std::mt19937& rng) {
  std::uniform_int_distribution<int> year(2018, 2030), month(1, 12), day(1, 28), empty(0, 3);
  if (empty(rng) == 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year(rng), month(rng), day(rng));
  return buf;
}

inline Finding random_finding(std::mt19937& rng) {
  auto coin = [&rng] { return std::uniform_int_distribution<int>(0, 1)(rng) == 1; };
  std::uniform_int_distribution<int> severity(0, 2), evidence(0, 4), identity(0, 3);
  std::uniform_int_distribution<uint32_t> number(0, 5000);
  Finding f;
  f.line = random_text(rng);
  f.subject = random_text(rng);
  f.element = random_text(rng);
  f.rule = coin() ? "CN-PATH" : random_text(rng);
  f.rule_text = random_text(rng);
  f.severity = static_cast<Severity>(severity(rng));
  f.status = coin() ? "untrusted" : random_text(rng);
  f.verified = coin();
  if (coin()) {
    f.organisation = random_text(rng);
    f.organisation_name = random_text(rng);
  }
  for (int n = evidence(rng); n > 0; --n) {
    Evidence e;
    e.kind = coin() ? "designation" : random_text(rng);
    e.text = random_text(rng);
    if (coin()) e.source_url = random_text(rng);
    e.date = random_date(rng);
    e.until = random_date(rng);
    e.verified = coin();
    f.evidence.push_back(std::move(e));
  }
  f.explanation = random_text(rng);
  f.suggested_fix = random_text(rng);
  if (coin()) f.location = Location{random_text(rng), coin() ? number(rng) : 0, coin() ? number(rng) : 0};
  for (int n = coin() ? identity(rng) : 0; n > 0; --n) f.identity.push_back(random_text(rng));
  if (coin()) {
    f.suppression = Suppression{random_text(rng), random_text(rng), random_date(rng), random_date(rng),
                                coin() ? "accepted-risks.toml:" + std::to_string(number(rng)) : ""};
  }
  return f;
}

}  // namespace cleannet::report::testing
