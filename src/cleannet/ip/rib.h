// A prefix -> origin AS table from an MRT RIB dump (TABLE_DUMP or TABLE_DUMP_V2, any
// compression), for `cleannet trace check --rib`: the origin of a route is the last AS of
// its AS path (RFC 4271 §5.1.2); when the path ends in an AS_SET, every member is an origin
// (RFC 6472 §1 deprecates such aggregates but they are still seen). Every peer's route
// counts, so a prefix that peers see originated by different ASes gets them all (MOAS).
// Default routes (length 0) are left out: they cover every address.
//
//   auto t = origins_from_rib("rib.20140523.0600.bz2", false);
#pragma once

#include <string>

#include "cleannet/core/result.h"
#include "cleannet/ip/origin.h"

namespace cleannet::ip {

// With keep_going, damaged records are skipped and a cut end stops the reading (the count
// of skipped records goes to `damaged`); otherwise the first damage is the error.
core::Result<OriginTable> origins_from_rib(const std::string& path, bool keep_going, size_t* damaged = nullptr);

}  // namespace cleannet::ip
