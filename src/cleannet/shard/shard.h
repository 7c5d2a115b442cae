// --shard I/N: one of N deterministic shards of a run's input files, so that a job array
// (Slurm --array, GNU parallel) splits a run with no other tool. Shard I takes every N-th
// file starting at the I-th (1-based), and each file keeps its position in the whole list:
// the partials (partial.h) of shards 1..N merge into the report of the run over all files.
//
//   auto s = parse_shard("2/3");                 // files 2, 5, 8, ... (1-based)
//   std::vector<size_t> mine = s->positions(files.size());   // 0-based: 1, 4, 7, ...
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "cleannet/core/result.h"

namespace cleannet::shard {

struct ShardSpec {
  size_t index = 1, count = 1;  // 1 <= index <= count
  // The 0-based positions this shard takes out of n inputs, ascending.
  std::vector<size_t> positions(size_t n) const;
};

// "I/N" with 1 <= I <= N; `where` names the option in the error ("--shard").
core::Result<ShardSpec> parse_shard(std::string_view text, std::string_view where = "--shard");

// "1,4,7": 1-based positions of n inputs, distinct, in any order, as 0-based ascending
// positions (a shard that is not every N-th file: uneven splits, tests).
core::Result<std::vector<size_t>> parse_positions(std::string_view text, size_t n,
                                                  std::string_view where = "--shard-files");

}  // namespace cleannet::shard
