// The prefix -> origin AS table of a run, from every source given: prefix-to-AS files
// (load_origin_table, any of its formats) and MRT RIB dumps (origins_from_rib), read
// concurrently and merged into one table in which a prefix present in several sources keeps
// all its origins.
//
//   auto o = load_origins({.pfx2as = {"ipasn.dat.gz"}, .ribs = {"rib.bz2"}});
//   if (o.error) fail(*o.error);
//   for (auto& note : o.notes) warn(note);   // damaged RIB records skipped with keep_going
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cleannet/core/result.h"
#include "cleannet/ip/origin.h"

namespace cleannet::ip {

struct OriginSources {
  std::vector<std::string> pfx2as;  // prefix-to-AS tables ("-": standard input)
  std::vector<std::string> ribs;    // MRT RIB dumps
  bool keep_going = false;          // RIBs: damaged records skipped and counted (rib.h)
};

struct LoadedOrigins {
  OriginTable table;
  // "rib.bz2: --keep-going: 2 damaged or cut record(s) skipped", in the order of the sources
  // (pfx2as files, then RIBs), up to the error if there is one.
  std::vector<std::string> notes;
  // The first bad source in that order, whichever finished reading first: a run reports the
  // same error every time.
  std::optional<core::Error> error;
};

// Reads the sources at once (one after the other when one is standard input, which can be
// read only once and in order) and merges them with merge_origin_tables.
LoadedOrigins load_origins(const OriginSources& sources);

// One table from several: each prefix with every origin any table gives it (first seen
// first, the tables in order); `source` lists the tables' sources, ", "-separated.
OriginTable merge_origin_tables(std::vector<OriginTable> tables);

}  // namespace cleannet::ip
