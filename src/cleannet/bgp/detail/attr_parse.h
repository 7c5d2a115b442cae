// Private: reading path attributes and prefix lists out of record bytes.
#pragma once

#include <cstdint>
#include <vector>

#include "cleannet/bgp/attributes.h"
#include "cleannet/bgp/detail/wire.h"

namespace cleannet::bgp::detail {

// bgpdump keeps at most this many prefixes per list (MAX_PREFIXES in bgpdump 1.6.2).
inline constexpr uint32_t kMaxPrefixesPerList = 8192;

struct AttrContext {
  uint8_t as_size = 4;    // 2 in BGP4MP_MESSAGE, TABLE_DUMP AFI_IP/AFI_IP6 and type 5
  bool add_path = false;  // RFC 7911 path identifiers before each prefix (RFC 8050 subtypes)
  bool rib = false;       // TABLE_DUMP / TABLE_DUMP_V2: MP_REACH_NLRI may be abbreviated
  uint16_t rib_afi = 0;   // the record's family, given to an abbreviated MP_REACH_NLRI
  uint8_t rib_safi = 0;
};

// Reads the 2-byte total length and the attributes after it (RFC 4271 §4.3), as bgpdump's
// process_attributes does: an attribute running past the block ends the list.
void parse_attributes(Cursor& c, const AttrContext& ctx, Attributes& out, Defects& d);

// A list of prefixes filling `c` (RFC 4271 §4.3 NLRI encoding, RFC 7911 §3 with path ids),
// appended to `out`; returns how many were appended. `max_bits` is 32 or 128 (for defects).
uint32_t read_prefixes(Cursor c, bool add_path, uint8_t max_bits, std::vector<NlriPrefix>& out, Defects& d,
                       const char* what);

}  // namespace cleannet::bgp::detail
