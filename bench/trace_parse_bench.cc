// The traceroute reader's passes on the same records (read_parse.cc): the scanner (with the
// simdjson passes behind it for what it refuses), simdjson's DOM, and simdjson On-Demand
// alone, in nanoseconds a record. Run with scripts/bench-trace (which passes the SYNTHETIC
// RIPE Atlas input it generates) or by hand:
//   build-bench/bench/trace_parse_bench FILE.ndjson [--benchmark_repetitions=5 ...]
// The first 20,000 records of FILE are read into memory first: the figures are parsing
// alone, without reading, judging or writing.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "cleannet/trace/read.h"

namespace {

using cleannet::trace::Record;
using cleannet::trace::RecordParser;

std::vector<Record> records;
cleannet::trace::SourceFormat format = cleannet::trace::SourceFormat::kAtlas;

void parse(benchmark::State& state, RecordParser::Passes passes) {
  RecordParser parser(passes);
  cleannet::trace::Traceroute t;
  const std::string file = "bench";
  size_t bytes = 0;
  for (const Record& r : records) bytes += r.text.size();
  for (auto _ : state)
    for (const Record& r : records) {
      auto got = parser.parse(r, file, format, t);
      if (!got) state.SkipWithError(got.error().message().c_str());
      benchmark::DoNotOptimize(t.replies.data());
    }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * records.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["scanner_share"] =
      static_cast<double>(parser.counts().scan) /
      static_cast<double>(parser.counts().scan + parser.counts().dom + parser.counts().on_demand + 1);
}

void BM_Scanner(benchmark::State& s) { parse(s, RecordParser::Passes::kAll); }
void BM_SimdjsonDom(benchmark::State& s) { parse(s, RecordParser::Passes::kDomThenOnDemand); }
void BM_SimdjsonOnDemand(benchmark::State& s) { parse(s, RecordParser::Passes::kOnDemand); }
BENCHMARK(BM_Scanner)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimdjsonDom)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimdjsonOnDemand)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') {
    std::fprintf(stderr, "usage: trace_parse_bench FILE.ndjson [benchmark flags]\n");
    return 2;
  }
  auto reader = cleannet::trace::RecordReader::open(argv[1]);
  if (!reader) {
    std::fprintf(stderr, "%s\n", reader.error().message().c_str());
    return 2;
  }
  for (Record r; records.size() < 20000;) {
    auto more = reader->next(r);
    if (!more) {
      std::fprintf(stderr, "%s\n", more.error().message().c_str());
      return 2;
    }
    if (!*more) break;
    if (records.empty()) {
      auto f = cleannet::trace::detect_format(r, argv[1]);
      if (!f) {
        std::fprintf(stderr, "%s\n", f.error().message().c_str());
        return 2;
      }
      format = *f;
    }
    records.push_back(r);
    records.back().text.reserve(r.text.size() + cleannet::trace::RecordReader::kPadding);
  }
  argv[1] = argv[0];
  --argc;
  ++argv;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
