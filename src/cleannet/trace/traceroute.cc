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

std::optional<core::Prefix> parse_address(std::string_view s) {
  // INET6_ADDRSTRLEN is 46; anything longer is not an address.
  char buf[48];
  if (s.empty() || s.size() >= sizeof buf) return std::nullopt;
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  core::Prefix p;
  if (s.find(':') != std::string_view::npos) {
    if (inet_pton(AF_INET6, buf, p.bytes.data()) != 1) return std::nullopt;
    p.v6 = true;
  } else if (inet_pton(AF_INET, buf, p.bytes.data()) != 1) {  // dotted quads only
    return std::nullopt;
  }
  p.len = p.max_len();
  return p;
}

std::string address_text(const core::Prefix& a) {
  char buf[INET6_ADDRSTRLEN];
  inet_ntop(a.v6 ? AF_INET6 : AF_INET, a.bytes.data(), buf, sizeof buf);
  return buf;
}

}  // namespace cleannet::trace
