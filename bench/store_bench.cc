// store_bench: how fast the audit store writes and reads back a large run. Each iteration of
// store/add_run adds one run of 100,000 SYNTHETIC findings (fields like a real finding's, a
// ~600-byte JSON document each) to a store in the temporary directory, through
// Store::add_run (one transaction, prepared statements reused, synchronous=FULL, the
// checkpoint after the commit included); findings_per_second is the figure to read. Runs
// accumulate in the one store, so an add_run that slowed down as the history grows would show
// in the mean of a long run (--benchmark_min_time=25: about 90 runs, 9 million findings).
// store/run reads one such run back with Store::run (digest checked).
//
//   build/bench/store_bench --benchmark_filter=store/ [--benchmark_min_time=5]
//
// The store file (and its -wal) is removed at the end; CLEANNET_STORE_BENCH_DIR picks another
// directory than the system's temporary one (the disk's fsync and write speed count).

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "cleannet/store/store.h"

namespace {

namespace fs = std::filesystem;
using cleannet::store::RunRecord;
using cleannet::store::Store;
using cleannet::store::StoredFinding;

constexpr size_t kFindings = 100'000;
constexpr size_t kDocumentBytes = 600;

RunRecord synthetic_run(uint32_t seed) {
  std::mt19937_64 rng(seed);
  static const char* kLines[] = {"path", "cloud", "apps", "carrier", "trace", "cable", "things"};
  static const char* kSeverities[] = {"error", "warning", "note"};
  RunRecord r;
  r.scenario_name = "bench";
  r.scenario_path = "scenarios/bench.toml";
  r.policy = "clean-network";
  r.as_of = "2024-06-01";
  r.version = "bench";
  r.started = "2026-12-07T05:00:00Z";
  r.ended = "2026-12-07T05:01:00Z";
  r.checks.push_back({0, "path", "bench", "{}"});
  r.findings.reserve(kFindings);
  char hex[17];
  for (size_t i = 0; i < kFindings; ++i) {
    StoredFinding f;
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(rng()));
    f.fingerprint = std::string(hex) + hex;  // 32 hex digits, random: the index sees no order
    f.line = kLines[rng() % 7];
    f.rule = "untrusted-" + std::to_string(rng() % 40);
    f.severity = kSeverities[rng() % 3];
    f.organisation = "org-" + std::to_string(rng() % 5000);
    f.element = "element-" + std::to_string(i);
    f.suppressed = rng() % 10 == 0;
    f.document = R"({"fingerprint":")" + f.fingerprint + R"(","line":")" + f.line + R"(","rule":")" + f.rule +
                 R"(","explanation":")";
    while (f.document.size() + 2 < kDocumentBytes) f.document += static_cast<char>('a' + rng() % 26);
    f.document += "\"}";
    r.findings.push_back(std::move(f));
  }
  return r;
}

std::string store_path() {
  const char* dir = std::getenv("CLEANNET_STORE_BENCH_DIR");
  fs::path base = dir ? fs::path(dir) : fs::temp_directory_path();
  return (base / ("cleannet-store-bench-" + std::to_string(::getpid()) + ".sqlite")).string();
}

void remove_store(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

void BM_AddRun(benchmark::State& state) {
  const RunRecord run = synthetic_run(1);
  const std::string path = store_path();
  remove_store(path);
  {
    auto st = Store::open(path, true);
    if (!st) {
      state.SkipWithError(st.error().message().c_str());
      return;
    }
    for (auto _ : state) {
      auto id = st->add_run(run);
      if (!id) {
        state.SkipWithError(id.error().message().c_str());
        break;
      }
    }
  }
  remove_store(path);
  state.counters["findings_per_second"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kFindings), benchmark::Counter::kIsRate);
  state.counters["document_bytes"] = static_cast<double>(kDocumentBytes);
}
BENCHMARK(BM_AddRun)->Name("store/add_run")->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Run(benchmark::State& state) {
  const std::string path = store_path();
  remove_store(path);
  {
    auto st = Store::open(path, true);
    auto id = st ? st->add_run(synthetic_run(2)) : cleannet::core::Result<int64_t>(st.error());
    if (!id) {
      state.SkipWithError(id.error().message().c_str());
      return;
    }
    for (auto _ : state) {
      auto r = st->run(*id);
      if (!r) {
        state.SkipWithError(r.error().message().c_str());
        break;
      }
      benchmark::DoNotOptimize(r->findings.data());
    }
  }
  remove_store(path);
  state.counters["findings_per_second"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kFindings), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Run)->Name("store/run")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
