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
  uint8_t tmp[4] = {0, 0, 0, 0};
  int octets = 0;
  bool saw_digit = false;
  uint8_t* tp = tmp;
  for (char ch : s) {
    if (ch == '\0') break;
    if (ch >= '0' && ch <= '9') {
      const unsigned n = *tp * 10u + static_cast<unsigned>(ch - '0');
      if (saw_digit && *tp == 0) return false;
      if (n > 255) return false;
      *tp = static_cast<uint8_t>(n);
      if (!saw_digit) {
        if (++octets > 4) return false;
        saw_digit = true;
      }
    } else if (ch == '.' && saw_digit) {
      if (octets == 4) return false;
      *++tp = 0;
      saw_digit = false;
    } else {
      return false;
    }
  }
  if (octets < 4) return false;
  std::memcpy(out, tmp, 4);
  return true;
}

}  // namespace

std::optional<core::Prefix> parse_address(std::string_view s) {
  // INET6_ADDRSTRLEN is 46; anything longer is not an address.
  char buf[48];
  if (s.empty() || s.size() >= sizeof buf) return std::nullopt;
  core::Prefix p;
  if (s.find(':') != std::string_view::npos) {
    std::memcpy(buf, s.data(), s.size());
    buf[s.size()] = '\0';
    if (inet_pton(AF_INET6, buf, p.bytes.data()) != 1) return std::nullopt;
    p.v6 = true;
  } else if (!parse_ipv4(s, p.bytes.data())) {  // dotted quads only
    return std::nullopt;
  }
  p.len = p.max_len();
  return p;
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
