#include "cleannet/trust/names.h"

#include <array>
#include <vector>

#include "cleannet/core/text.h"

namespace cleannet::trust {

namespace {

// Legal forms, after dots are dropped ("S.A." -> "sa", "B.V." -> "bv", "d.d." -> "dd").
constexpr std::array<std::string_view, 53> kTrailing = {
    "co",     "ltd",   "limited", "inc",  "incorporated", "corp", "corporation", "company", "gmbh",  "sa",
    "ab",     "oyj",   "oy",      "llc",  "plc",          "ag",   "nv",          "bv",      "kk",    "sas",
    "spa",    "srl",   "pte",     "pty",  "sl",           "as",   "asa",         "se",      "dd",    "doo",
    "sro",    "ohg",   "kg",      "lp",   "llp",          "sarl", "bhd",         "sdn",     "jsc",   "pjsc",
    "ojsc",   "tbk",   "sp",      "z",    "oo",           "zoo",  "spzoo",       "mbh",     "cokg",  "lda",
    "ltda",   "kft",  "coltd"};
constexpr std::array<std::string_view, 8> kLeading = {"ao", "oao", "zao", "pao", "ooo", "pt", "the", "pjsc"};

template <size_t N>
bool in(const std::array<std::string_view, N>& set, std::string_view w) {
  for (auto s : set)
    if (s == w) return true;
  return false;
}

}  // namespace

std::string normalise_name(std::string_view name) {
  std::string folded = core::fold_ascii_lower(name);
  std::vector<std::string> tokens;
  std::string cur;
  for (char c : folded) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) {
      cur += c;
    } else if (c == '.' || c == '\'') {
      // "S.A." and "Xi'an" stay one word.
    } else if (!cur.empty()) {
      tokens.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) tokens.push_back(std::move(cur));
  size_t b = 0, e = tokens.size();
  for (;;) {
    if (e - b > 1 && in(kTrailing, tokens[e - 1])) {
      --e;
    } else if (e - b > 2 && tokens[e - 2] == "a" && (tokens[e - 1] == "s" || tokens[e - 1] == "g")) {
      e -= 2;  // "A/S" (Danish, Norwegian) and "A/G" lose their slash to tokenisation
    } else {
      break;
    }
  }
  while (e - b > 1 && in(kLeading, tokens[b])) ++b;
  std::string out;
  for (size_t i = b; i < e; ++i) {
    if (!out.empty()) out += ' ';
    out += tokens[i];
  }
  return out;
}

bool is_token_prefix(std::string_view prefix, std::string_view name) {
  if (prefix.empty() || prefix.size() > name.size()) return false;
  if (name.substr(0, prefix.size()) != prefix) return false;
  return name.size() == prefix.size() || name[prefix.size()] == ' ';
}

}  // namespace cleannet::trust
