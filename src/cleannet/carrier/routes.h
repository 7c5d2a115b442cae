// Routes out of MRT files (RFC 6396) into a CarrierCheck: RIB entries (TABLE_DUMP,
// TABLE_DUMP_V2) and the announcements of BGP UPDATEs (IPv4 NLRI and MP_REACH_NLRI,
// RFC 4760). Withdrawals carry no path and are left out.
//
// A file that gives no route is an error that says what the file held, never an empty and
// therefore clean input:
//   rib.mrt: expected MRT records with routes (TABLE_DUMP or TABLE_DUMP_V2 RIB entries, BGP4MP
//   UPDATE messages), found 31 records, all skipped by type: 31 BGP4MP ENTRY (type 16 subtype 2)
//
//   carrier::CarrierCheck check(options, judge);
//   auto f = carrier::read_routes("rib.20140523.0600.bz2", check, false);
//   if (!f) fail(f.error());            // the check keeps what the file's records gave
//   f->routes, f->mrt.skipped           // check.inputs() has them too, for the report
#pragma once

#include <cstdint>
#include <string>

#include "cleannet/bgp/mrt.h"
#include "cleannet/carrier/check.h"
#include "cleannet/core/result.h"

namespace cleannet::carrier {

struct RouteFile {
  bgp::MrtFileSummary mrt;
  uint64_t routes = 0;  // routes observed
};

// Reads the MRT file at `path` into `check` and records it in check.inputs(). Without
// keep_going the first damaged or cut record is the error; with it they are counted in
// the result (damaged records are read as bgpdump reads them).
core::Result<RouteFile> read_routes(const std::string& path, CarrierCheck& check, bool keep_going);

}  // namespace cleannet::carrier
