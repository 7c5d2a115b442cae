#include "cleannet/trace/traceroute.h"

#include <arpa/inet.h>

#include <cstring>

namespace cleannet::trace {

const char* source_format_name(SourceFormat f) { return f == SourceFormat::kAtlas ? "ripe-atlas" : "scamper"; }

void Traceroute::clear() {
  format = SourceFormat::kAtlas;
  line = 0;
  column = 0;
  af = 4;
  msm_id = prb_id = -1;
  paris_id = -1;
  timestamp = -1;
  proto.clear();
  from.clear();
  src_addr.clear();
  dst_addr.clear();
  dst_name.clear();
  hops.clear();
  replies.clear();
  mpls.clear();
}

std::string Traceroute::probe() const {
  if (prb_id >= 0) return "prb " + std::to_string(prb_id);
  return from.empty() ? std::string("unknown probe") : from;
}

namespace {

// A dotted quad exactly as glibc's inet_pton(AF_INET) reads it (resolv/inet_pton.c
// inet_pton4: four decimal parts of 0-255, no leading zeros, nothing else; it stops at a
// NUL), without the copy and the call: every reply of every trace has one.
bool parse_ipv4(std::string_view s, uint8_t* out) {
  const char* p = s.data();
  const char* const e = p + s.size();
  auto digit = [&] { return p < e && *p >= '0' && *p <= '9'; };
  uint8_t tmp[4];
  // Octet by octet, one to three digits each: straight-line code, no state machine (every
  // reply of every trace comes through here).
  for (int i = 0; i < 4; ++i) {
    if (!digit()) return false;
    unsigned n = static_cast<unsigned>(*p++ - '0');
    if (digit()) {
      if (n == 0) return false;  // a leading zero
      n = n * 10 + static_cast<unsigned>(*p++ - '0');
      if (digit()) {
        n = n * 10 + static_cast<unsigned>(*p++ - '0');
        if (n > 255) return false;
      }
    }
    tmp[i] = static_cast<uint8_t>(n);
    if (i < 3) {
      if (p == e || *p != '.') return false;
      ++p;
    }
  }
  if (p != e && *p != '\0') return false;  // a fourth digit, or more after the quad
  std::memcpy(out, tmp, 4);
  return true;
}

}  // namespace

std::optional<core::Prefix> parse_address(std::string_view s) {
  // INET6_ADDRSTRLEN is 46; anything longer is not an address.
  char buf[48];
  if (s.empty() || s.size() >= sizeof buf) return std::nullopt;
  core::Prefix p;
  // A dotted quad first (most addresses are; one with a ':' never is), else IPv6.
  if (parse_ipv4(s, p.bytes.data())) {
    p.len = 32;
    return p;
  }
  if (s.find(':') == std::string_view::npos) return std::nullopt;
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  if (inet_pton(AF_INET6, buf, p.bytes.data()) != 1) return std::nullopt;
  p.v6 = true;
  p.len = 128;
  return core::unmap_ipv4(p);  // ::ffff:a.b.c.d is a.b.c.d (RFC 4291 §2.5.5.2), as in core::parse_prefix
}

char* write_address(char* out, const core::Prefix& a) {
  static_assert(kAddressTextMax >= INET6_ADDRSTRLEN);
  if (a.v6) {
    inet_ntop(AF_INET6, a.bytes.data(), out, kAddressTextMax);
    return out + std::strlen(out);
  }
  // glibc's inet_ntop4 is sprintf("%u.%u.%u.%u"): decimal octets without leading zeros.
  for (int i = 0; i < 4; ++i) {
    const unsigned o = a.bytes[i];
    if (i) *out++ = '.';
    if (o >= 100) *out++ = static_cast<char>('0' + o / 100);
    if (o >= 10) *out++ = static_cast<char>('0' + o / 10 % 10);
    *out++ = static_cast<char>('0' + o % 10);
  }
  return out;
}

std::string address_text(const core::Prefix& a) {
  char buf[kAddressTextMax];
  return std::string(buf, write_address(buf, a));
}

}  // namespace cleannet::trace
