// Whitespace-separated words with their columns, for the readers of text that operators
// collect from devices and hosts (CLI tables, ARP and neighbour tables). Internal to netmodel.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace cleannet::netmodel::detail {

struct Word {
  size_t pos;  // 0-based column
  std::string_view text;
};

// The words of s, split at spaces and tabs.
inline std::vector<Word> words(std::string_view s) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > b) out.push_back({b, s.substr(b, i - b)});
  }
  return out;
}

}  // namespace cleannet::netmodel::detail
