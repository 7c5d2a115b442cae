#include "cleannet/shard/shard.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace cleannet::shard {

std::vector<size_t> ShardSpec::positions(size_t n) const {
  std::vector<size_t> out;
  for (size_t p = index - 1; p < n; p += count) out.push_back(p);
  return out;
}

core::Result<ShardSpec> parse_shard(std::string_view text, std::string_view where) {
  auto fail = [&] {
    return core::Error(core::SourcePos(std::string(where)), "a shard I/N with 1 <= I <= N, such as 2/8",
                       core::quote_found(text));
  };
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return fail();
  auto number = [](std::string_view s, size_t& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
  };
  ShardSpec s;
  if (!number(text.substr(0, slash), s.index) || !number(text.substr(slash + 1), s.count)) return fail();
  if (s.index < 1 || s.count < 1 || s.index > s.count) return fail();
  return s;
}

core::Result<std::vector<size_t>> parse_positions(std::string_view text, size_t n, std::string_view where) {
  const std::string expected = "1-based positions of the " + std::to_string(n) + " inputs, such as 1,4,7";
  std::vector<size_t> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string_view part = text.substr(start, comma - start);
    size_t v = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size() || v < 1 || v > n)
      return core::Error(core::SourcePos(std::string(where)), expected, core::quote_found(part));
    out.push_back(v - 1);
    start = comma + 1;
  }
  std::sort(out.begin(), out.end());
  if (std::adjacent_find(out.begin(), out.end()) != out.end())
    return core::Error(core::SourcePos(std::string(where)), expected + ", each once", core::quote_found(text));
  return out;
}

}  // namespace cleannet::shard
