#include "cleannet/core/ipaddr.h"

#include <arpa/inet.h>

#include <charconv>

namespace cleannet::core {

Prefix truncate(const Prefix& p, uint8_t len) {
  Prefix out = p;
  out.len = len;
  for (int i = 0; i < 16; ++i) {
    int bit0 = i * 8;
    if (bit0 >= len) {
      out.bytes[i] = 0;
    } else if (bit0 + 8 > len) {
      out.bytes[i] &= static_cast<uint8_t>(0xFF << (8 - (len - bit0)));
    }
  }
  return out;
}

std::optional<Prefix> parse_prefix(std::string_view s, bool strict) {
  size_t slash = s.find('/');
  std::string addr(s.substr(0, slash));
  Prefix p;
  if (addr.find(':') != std::string::npos) {
    if (inet_pton(AF_INET6, addr.c_str(), p.bytes.data()) != 1) return std::nullopt;
    p.v6 = true;
  } else {
    // inet_pton(AF_INET) takes only dotted quads, which is what we want (no "10.1").
    if (inet_pton(AF_INET, addr.c_str(), p.bytes.data()) != 1) return std::nullopt;
  }
  p.len = p.max_len();
  if (slash != std::string_view::npos) {
    std::string_view ls = s.substr(slash + 1);
    unsigned len = 0;
    auto [ptr, ec] = std::from_chars(ls.data(), ls.data() + ls.size(), len);
    if (ls.empty() || ls.size() > 3 || ec != std::errc() || ptr != ls.data() + ls.size() || len > p.max_len())
      return std::nullopt;
    p.len = static_cast<uint8_t>(len);
  }
  Prefix t = truncate(p, p.len);
  if (strict && !(t == p)) return std::nullopt;
  return unmap_ipv4(t);
}

std::string Prefix::to_string() const {
  char buf[INET6_ADDRSTRLEN];
  inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buf, sizeof buf);
  return std::string(buf) + "/" + std::to_string(len);
}

}  // namespace cleannet::core
