#include "cleannet/trace/partial.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

namespace cleannet::trace {
namespace {

using report::Json;
using Named = std::pair<std::string, shard::Partial>;

// File i's own summary: a few keys shared between files, so that merges add up.
SummaryTables file_tables(size_t i) {
  SummaryTables t;
  Summary::Counts c{i + 3, i + 1, 1, 1};
  t.total = c;
  t.attributed_hops = 2 * i + 1;
  t.untrusted_networks["AS4134 -> china-telecom"] = 1;
  if (i % 3 == 0) t.untrusted_networks["AS9808 -> china-mobile"] = 1;
  t.by[0]["8.8.8." + std::to_string(i % 4)] = c;
  t.by[1]["prb " + std::to_string(i % 5)] = c;
  t.by[2]["AS" + std::to_string(64500 + i % 2)] = c;
  t.by[3][i % 2 ? "CN" : "unknown"] = c;
  return t;
}

FileResult file_result(size_t i) {
  FileResult f;
  f.file = "f" + std::to_string(i) + ".json";
  f.records = i + 3;
  f.counts = file_tables(i).total;
  f.attributed_hops = 2 * i + 1;
  f.findings = 1;
  if (i % 4 == 2) f.error = core::Error(core::SourcePos(f.file, 3, 7), "a traceroute", "\"x\"");
  if (i % 5 == 4) f.error = core::Error(core::SourcePos::at_offset(f.file, 12), "gzip data", "");
  return f;
}

report::Finding finding(size_t i) {
  report::Finding f;
  f.line = "trace";
  f.subject = "msm 1 prb " + std::to_string(i);
  f.element = "202.97.1.1";
  f.rule = "CN-ANY";
  f.location = report::Location{"f" + std::to_string(i) + ".json", 2, 3};
  return f;
}

// The report data of a run over the files at `positions` of n.
ReportData run_data(const std::vector<size_t>& positions) {
  ReportData d{"trace check: policy clean-network (line trace), as of 2024-06-01; origins 7 prefixes from o",
               "clean-network",
               "2024-06-01",
               "o (pfx2as)",
               {},
               {},
               {}};
  for (size_t i : positions) {
    d.summary.merge(file_tables(i));
    d.files.push_back(file_result(i));
    d.findings.push_back(finding(i));
  }
  return d;
}

std::vector<std::string> inputs(size_t n) {
  std::vector<std::string> v;
  for (size_t i = 0; i < n; ++i) v.push_back("f" + std::to_string(i) + ".json");
  return v;
}

shard::Partial partial(size_t n, const std::vector<size_t>& positions) {
  return to_partial(run_data(positions), true, Json{{"policy", "clean-network"}}, Json{{"pfx2as", {"ab"}}},
                    Json::object(), inputs(n), positions);
}

std::string rendered(const ReportData& d, Output o, int& exit) {
  std::ostringstream out, err;
  exit = finish_report(d, o, 2, true, out, err);
  return out.str() + "--stderr--\n" + err.str();
}

std::string rendered(const shard::Partial& p, report::Format f, int& exit) {
  std::ostringstream out, err;
  exit = render_partial(p, nullptr, f, 2, out, err);
  return out.str() + "--stderr--\n" + err.str();
}

// What scale::merge does: check, merge the states, unite the headers.
shard::Partial merge(const std::vector<const shard::Partial*>& ps) {
  std::vector<std::pair<std::string, const shard::Partial*>> named;
  for (size_t i = 0; i < ps.size(); ++i) named.emplace_back("p" + std::to_string(i), ps[i]);
  EXPECT_TRUE(shard::check_mergeable(named));
  auto state = merge_states(named);
  EXPECT_TRUE(state) << state.error().message();
  return {shard::merged_header(ps), *state};
}

TEST(TracePartial, RoundTripsThroughBytes) {
  const shard::Partial p = partial(6, {0, 2, 4, 5});
  auto q = shard::from_bytes("x.partial", shard::to_bytes(p));
  ASSERT_TRUE(q) << q.error().message();
  auto d = report_data(*q, true);
  ASSERT_TRUE(d) << d.error().message();
  const ReportData want = run_data({0, 2, 4, 5});
  EXPECT_EQ(d->findings, want.findings);
  ASSERT_EQ(d->files.size(), want.files.size());
  for (size_t i = 0; i < want.files.size(); ++i) {
    EXPECT_EQ(d->files[i].file, want.files[i].file);
    ASSERT_EQ(d->files[i].error.has_value(), want.files[i].error.has_value());
    if (want.files[i].error) {
      EXPECT_EQ(d->files[i].error->message(), want.files[i].error->message());
    }
  }
  for (Output o : {Output::kText, Output::kJson, Output::kSarif}) {
    int a = 0, b = 0;
    EXPECT_EQ(rendered(*d, o, a), rendered(want, o, b));
    EXPECT_EQ(a, b);
  }
}

// Random partitions into 1 to 8 parts merged in random trees give the whole run's report.
TEST(TracePartial, AnyTreeOfMergesIsTheWholeRun) {
  std::mt19937 rng(20);
  for (int round = 0; round < 60; ++round) {
    const size_t n = 1 + rng() % 12;
    const size_t k = 1 + rng() % std::min<size_t>(8, n);
    std::vector<std::vector<size_t>> parts(k);
    for (size_t i = 0; i < n; ++i) parts[i < k ? i : rng() % k].push_back(i);
    for (auto& part : parts) std::sort(part.begin(), part.end());
    std::vector<shard::Partial> pool;
    for (const auto& part : parts) pool.push_back(partial(n, part));
    while (pool.size() > 1) {
      std::shuffle(pool.begin(), pool.end(), rng);
      const size_t take = 2 + rng() % (pool.size() - 1);
      std::vector<const shard::Partial*> ps;
      for (size_t i = 0; i < take; ++i) ps.push_back(&pool[pool.size() - 1 - i]);
      shard::Partial m = merge(ps);
      pool.resize(pool.size() - take);
      pool.push_back(std::move(m));
    }
    ASSERT_TRUE(shard::missing_positions(pool[0].header).empty());
    std::vector<size_t> all(n);
    for (size_t i = 0; i < n; ++i) all[i] = i;
    EXPECT_EQ(pool[0].state, partial(n, all).state) << "round " << round;
    for (auto [f, o] : {std::pair{report::Format::kText, Output::kText},
                        {report::Format::kJson, Output::kJson},
                        {report::Format::kSarif, Output::kSarif}}) {
      int a = 0, b = 0;
      const ReportData whole = run_data(all);
      EXPECT_EQ(rendered(pool[0], f, a), rendered(whole, o, b)) << "round " << round;
      EXPECT_EQ(a, b);
    }
  }
}

TEST(TracePartial, SarifNeedsFindingsAndBadStatesAreErrors) {
  shard::Partial p = to_partial(run_data({0}), false, Json::object(), Json::object(), Json::object(), inputs(1), {0});
  int exit = 0;
  EXPECT_EQ(rendered(p, report::Format::kSarif, exit),
            "--stderr--\nmerge: expected partials with findings for --format sarif, found partials of runs that kept "
            "none (run `trace check --format sarif --partial-out FILE` to keep them)\n");
  EXPECT_EQ(exit, 2);
  p.state["summary"]["total"] = Json::array({3, 1, 1});
  EXPECT_EQ(rendered(p, report::Format::kText, exit),
            "--stderr--\npartial of 1 inputs: expected counts \"total\" as [traces, clean, untrusted, undetermined], "
            "found [3,1,1]\n");
  shard::Partial q = partial(3, {0, 2});
  q.state["files"].erase(1);
  auto lacks = merge_states({{"b.partial", &q}});
  ASSERT_FALSE(lacks);
  EXPECT_EQ(lacks.error().message(),
            "b.partial: expected a state with the files at the partial's positions 0,2, found files at 0");
  p.state.erase("files");
  auto m = merge_states({{"a.partial", &p}});
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().message(),
            "a.partial: expected counts \"total\" as [traces, clean, untrusted, undetermined], found [3,1,1]");
}

}  // namespace
}  // namespace cleannet::trace
