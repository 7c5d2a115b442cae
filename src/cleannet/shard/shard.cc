#include "cleannet/shard/shard.h"

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

}  // namespace cleannet::shard
