// Readers: RIPE Atlas (array and NDJSON) and scamper JSON, field by field on hand-made
// records, the staged real files when ../shared is there, and the bad-input corpus.
#include "cleannet/trace/read.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "cleannet/core/testing/bad_corpus.h"
#include "cleannet/trace/attribution.h"

namespace cleannet::trace {
namespace {

namespace fs = std::filesystem;

// Every trace of a file, or the first error.
core::Result<std::vector<Traceroute>> read_all(core::Input in) {
  RecordReader r(std::move(in));
  RecordParser parser;
  std::vector<Traceroute> out;
  Record rec;
  std::optional<SourceFormat> format;
  for (;;) {
    auto more = r.next(rec);
    if (!more) return more.error();
    if (!*more) break;
    if (!format) {
      if (r.array_mode())
        format = SourceFormat::kAtlas;
      else {
        auto f = detect_format(rec, r.name());
        if (!f) return f.error();
        format = *f;
      }
    }
    Traceroute t;
    auto got = parser.parse(rec, r.name(), *format, t);
    if (!got) return got.error();
    if (*got) out.push_back(std::move(t));
  }
  return out;
}

core::Result<std::vector<Traceroute>> read_text(std::string_view text) {
  return read_all(*core::Input::from_memory("t.json", text));
}

TEST(AtlasReader, ReadsEveryFieldOfAResult) {
  auto r = read_text(
      R"({"af":4,"dst_addr":"202.97.9.9","dst_name":"x.example","from":"8.8.8.8","msm_id":1001,"paris_id":7,"prb_id":11,"proto":"UDP","src_addr":"192.168.1.2","timestamp":1700000000,"type":"traceroute","result":[{"hop":1,"result":[{"from":"192.168.1.1","rtt":1.25,"size":28,"ttl":64},{"x":"*"},{"from":"192.168.1.1","late":2,"ttl":64}]},{"hop":2,"error":"sendto failed","result":[{"x":"*"}]},{"hop":3,"result":[{"from":"2001:db8::1","rtt":3,"ttl":9,"err":"H","icmpext":{"version":2,"rfc4884":0,"obj":[{"class":1,"type":1,"mpls":[{"exp":0,"label":16001,"s":0,"ttl":1},{"exp":0,"label":3,"s":1,"ttl":1}]}]}},{"from":"2001:db8::1","err":3}]}]})");
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_EQ(r->size(), 1u);
  const Traceroute& t = r->front();
  EXPECT_EQ(t.af, 4);
  EXPECT_EQ(t.dst_addr, "202.97.9.9");
  EXPECT_EQ(t.dst_name, "x.example");
  EXPECT_EQ(t.from, "8.8.8.8");
  EXPECT_EQ(t.src_addr, "192.168.1.2");
  EXPECT_EQ(t.msm_id, 1001);
  EXPECT_EQ(t.prb_id, 11);
  EXPECT_EQ(t.paris_id, 7);
  EXPECT_EQ(t.timestamp, 1700000000);
  EXPECT_EQ(t.proto, "UDP");
  EXPECT_EQ(t.probe(), "prb 11");
  ASSERT_EQ(t.hops.size(), 3u);
  EXPECT_EQ(t.hops[0].number, 1);
  auto h1 = t.replies_of(t.hops[0]);
  ASSERT_EQ(h1.size(), 3u);
  EXPECT_EQ(h1[0].kind, Reply::kAnswer);
  EXPECT_EQ(address_text(h1[0].from), "192.168.1.1");
  EXPECT_DOUBLE_EQ(h1[0].rtt, 1.25);
  EXPECT_EQ(h1[0].ttl, 64);
  EXPECT_EQ(h1[1].kind, Reply::kTimeout);
  EXPECT_EQ(h1[2].late, 2u);
  EXPECT_EQ(h1[2].rtt, -1);
  EXPECT_EQ(t.hops[1].error, "sendto failed");
  auto h3 = t.replies_of(t.hops[2]);
  ASSERT_EQ(h3.size(), 2u);
  EXPECT_TRUE(h3[0].from.v6);
  EXPECT_EQ(h3[0].err, "H");
  EXPECT_TRUE(h3[0].icmpext);
  ASSERT_EQ(h3[0].mpls_count, 2u);
  EXPECT_EQ(t.mpls[h3[0].mpls_first], 16001u);
  EXPECT_EQ(t.mpls[h3[0].mpls_first + 1], 3u);
  EXPECT_EQ(h3[1].err, "3");
}

TEST(AtlasReader, ArraysOverLinesAndSeveralArraysAndPositions) {
  auto r = read_text(
      "[\n  {\"af\":4,\"type\":\"traceroute\",\"result\":[]},\n  {\"af\":6,\"type\":\"traceroute\",\"result\":[]}\n]\n"
      "[]\n[{\"af\":4,\"type\":\"traceroute\",\"result\":[],\"dst_name\":\"a]b}\\\"c\"}]");
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].line, 2u);
  EXPECT_EQ((*r)[0].column, 3u);
  EXPECT_EQ((*r)[1].line, 3u);
  EXPECT_EQ((*r)[1].af, 6);
  EXPECT_EQ((*r)[2].line, 6u);
  EXPECT_EQ((*r)[2].column, 2u);
  EXPECT_EQ((*r)[2].dst_name, "a]b}\"c");  // brackets and escapes inside strings do not end the element
}

TEST(AtlasReader, NdjsonSkipsBlankLinesAndCountsThem) {
  auto r = read_text(
      "\n{\"af\":4,\"type\":\"traceroute\",\"result\":[]}\r\n  \n{\"af\":4,\"type\":\"traceroute\",\"result\":[]}");
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].line, 2u);
  EXPECT_EQ((*r)[1].line, 4u);
}

TEST(ScamperReader, FillsUnresponsiveTtlsAndSkipsCycleRecords) {
  auto r = read_text(
      "{\"type\":\"cycle-start\", \"list_name\":\"default\", \"id\":0, \"hostname\":\"h\", \"start_time\":1}\n"
      "{\"type\":\"trace\", \"method\":\"udp-paris\", \"src\":\"192.0.2.1\", \"dst\":\"8.8.8.8\", "
      "\"start\":{\"sec\":1644327319}, "
      "\"hop_count\":5, \"firsthop\":1, \"hops\":[{\"addr\":\"8.8.8.8\", \"probe_ttl\":5, \"rtt\":2.5, "
      "\"reply_ttl\":118}, "
      "{\"addr\":\"192.0.2.254\", \"probe_ttl\":1, \"rtt\":1.0, "
      "\"icmpext\":[{\"ie_cn\":1,\"ie_ct\":1,\"ie_dl\":4,\"mpls_labels\":[{\"mpls_ttl\":1,\"mpls_s\":1,\"mpls_exp\":0,"
      "\"mpls_label\":24000}]}]}, "
      "{\"addr\":\"192.0.2.253\", \"probe_ttl\":1, \"rtt\":1.1}]}\n"
      "{\"type\":\"cycle-stop\", \"list_name\":\"default\", \"id\":0, \"hostname\":\"h\", \"stop_time\":2}\n");
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_EQ(r->size(), 1u);
  const Traceroute& t = r->front();
  EXPECT_EQ(t.format, SourceFormat::kScamper);
  EXPECT_EQ(t.line, 2u);
  EXPECT_EQ(t.from, "192.0.2.1");
  EXPECT_EQ(t.dst_addr, "8.8.8.8");
  EXPECT_EQ(t.proto, "udp-paris");
  EXPECT_EQ(t.timestamp, 1644327319);
  EXPECT_EQ(t.probe(), "192.0.2.1");
  ASSERT_EQ(t.hops.size(), 5u);
  EXPECT_EQ(t.replies_of(t.hops[0]).size(), 2u);  // two replies at TTL 1, in file order
  EXPECT_EQ(address_text(t.replies_of(t.hops[0])[1].from), "192.0.2.253");
  EXPECT_EQ(t.replies_of(t.hops[0])[0].mpls_count, 1u);
  EXPECT_EQ(t.mpls[0], 24000u);
  for (int i = 1; i < 4; ++i) {
    ASSERT_EQ(t.replies_of(t.hops[i]).size(), 1u);
    EXPECT_EQ(t.replies_of(t.hops[i])[0].kind, Reply::kTimeout) << i;
  }
  EXPECT_EQ(t.hops[4].number, 5);
  EXPECT_EQ(t.replies_of(t.hops[4])[0].ttl, 118);
}

// The staged real samples (MANIFEST.md sections 4): every record reads. Skipped without ../shared.
TEST(Readers, StagedRealSamples) {
  const fs::path dir = fs::path(CLEANNET_SOURCE_DIR) / "data/internet/traceroutes";
  struct Want {
    const char* file;
    size_t traces, hops;
  };
  // hops: the sum over the file, counted with Python's json module
  for (Want w :
       {Want{"sagan_traceroutes.ndjson", 21, 242}, Want{"traixroute_test_traceroute_paths_from_ripe.json", 2, 21},
        Want{"trace_google_dns_v4_default.json", 1, 7}, Want{"trace_google_dns_v6_default.json", 1, 7}}) {
    SCOPED_TRACE(w.file);
    auto r = read_all(*core::Input::open((dir / w.file).string()));
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r->size(), w.traces);
    size_t hops = 0;
    for (const auto& t : *r) hops += t.hops.size();
    EXPECT_EQ(hops, w.hops);
  }
  const fs::path tracelb =
      fs::path(CLEANNET_SOURCE_DIR) / "../shared/data/internet/scamper/tracelb_google_dns_v4_default.json";
  if (!fs::exists(tracelb)) GTEST_SKIP() << "no ../shared";
  auto r = read_all(*core::Input::open(tracelb.string()));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("tracelb, MDA load-balancer path discovery, is not supported"), std::string::npos);
}

// The records of the .json/.ndjson files in tests/data/<dir>, with the format detect_format()
// gives (Atlas when it gives none) and the file; a file's records end at its first reading
// error (the bad corpus has some).
struct FileRecord {
  fs::path file;
  Record rec;
  SourceFormat format;
};
std::vector<FileRecord> records_in(const char* dir) {
  std::vector<FileRecord> out;
  for (const auto& e : fs::directory_iterator(fs::path(CLEANNET_SOURCE_DIR) / "tests/data" / dir)) {
    const std::string ext = e.path().extension().string();
    if (ext != ".json" && ext != ".ndjson") continue;
    auto in = core::Input::open(e.path().string());
    EXPECT_TRUE(in.ok()) << e.path();
    if (!in) continue;
    RecordReader r(std::move(*in));
    for (Record rec;;) {
      auto more = r.next(rec);
      if (!more || !*more) break;
      auto f = detect_format(rec, "t.json");
      out.push_back({e.path(), rec, f ? *f : SourceFormat::kAtlas});
      out.back().rec.text.reserve(rec.text.size() + RecordReader::kPadding);  // a copy has no padding
    }
  }
  return out;
}

// The passes of RecordParser (read_parse.cc: the scanner, then DOM, then On-Demand, each
// when the one before gives up), all three and DOM with On-Demand, against the On-Demand
// pass alone, on randomly mutated records of the golden and bad files: the same trace or the
// same error, every time. No pass may accept a record differently, or let an error through.
TEST(Readers, PassesAgreeWithOnDemandOnMutatedRecords) {
  struct Seed {
    std::string text;
    SourceFormat format;
  };
  std::vector<Seed> seeds;
  size_t good = 0;  // seeds[0, good) are the golden records, the rest bad ones
  for (const char* dir : {"trace/golden", "bad/trace"}) {
    for (const FileRecord& r : records_in(dir)) seeds.push_back({r.rec.text, r.format});
    if (std::string(dir) == "trace/golden") good = seeds.size();
  }
  ASSERT_GE(good, 5u);
  ASSERT_GE(seeds.size(), 30u);
  // Snippets that land on the readers' edges: types, ranges, escapes, numbers simdjson's two
  // APIs might read differently.
  const std::vector<std::string> snippets = {R"("x":"*")",
                                             R"("x":"?")",
                                             R"("rtt":"5")",
                                             R"("rtt":-0)",
                                             R"("hop":0)",
                                             R"("hop":256)",
                                             R"("late":3)",
                                             R"("err":"H")",
                                             R"("err":7)",
                                             R"("err":7.5)",
                                             R"("icmpext":{"obj":[{"mpls":[{"label":5}]}]})",
                                             "-0",
                                             "1e400",
                                             "18446744073709551616",
                                             "9223372036854775808",
                                             R"("\u0041")",
                                             R"(\")",
                                             "1.0",
                                             "null",
                                             "true",
                                             "[]",
                                             "{}",
                                             R"("from":"1.2.3.4")",
                                             R"("from":"::1")",
                                             R"("af":6)",
                                             R"("type":"trace")",
                                             "} {",
                                             ", ",
                                             "\n"};
  const std::vector<std::string> numbers = {"0",
                                            "1",
                                            "-1",
                                            "-0",
                                            "255",
                                            "256",
                                            "65535",
                                            "65536",
                                            "1048575",
                                            "1048576",
                                            "5.5",
                                            "1e2",
                                            "0.99223372036854775808",
                                            "0.95000000000000000000",
                                            "9223372036854775807",
                                            "9223372036854775808",
                                            "1e400",
                                            "7.0",
                                            "-5e-324"};
  const std::string alphabet = "{}[]\",:0123456789-.eE+*xabc \\/";
#if defined(__SANITIZE_ADDRESS__)
  const int rounds = 3000;
#else
  const int rounds = 30000;
#endif
  std::mt19937_64 rng(20261204);
  RecordParser all, dom(RecordParser::Passes::kDomThenOnDemand), on_demand(RecordParser::Passes::kOnDemand);
  size_t traces = 0, errors = 0;
  for (int i = 0; i < rounds; ++i) {
    // three times in four a readable record, whose mutations are mostly still readable
    const Seed& seed = seeds[rng() % 4 ? rng() % good : rng() % seeds.size()];
    std::string text = seed.text;
    for (int m = 1 + static_cast<int>(rng() % 2); m > 0 && !text.empty(); --m) {
      const size_t at = rng() % text.size();
      switch (rng() % 6) {
        case 4:
        case 5: {  // another number in place of one: the structure stays, the value varies
          size_t b = text.find_first_of("0123456789", at);
          if (b == std::string::npos) break;
          size_t e = text.find_first_not_of("0123456789.eE+-", b);
          text.replace(b, (e == std::string::npos ? text.size() : e) - b, numbers[rng() % numbers.size()]);
          break;
        }
        case 0:
          text[at] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          text.erase(at, 1 + rng() % 8);
          break;
        case 2:
          text.insert(at, text.substr(rng() % text.size(), 1 + rng() % 16));
          break;
        default:
          text.insert(at, snippets[rng() % snippets.size()]);
          break;
      }
    }
    Record rec;
    rec.text.reserve(text.size() + RecordReader::kPadding);
    rec.text = text;
    rec.line = 7;
    Traceroute a, b, c;
    auto x = all.parse(rec, "t.json", seed.format, a);
    auto w = dom.parse(rec, "t.json", seed.format, c);
    auto y = on_demand.parse(rec, "t.json", seed.format, b);
    ASSERT_EQ(x.ok(), y.ok()) << text << "\n" << (x ? y.error().message() : x.error().message());
    ASSERT_EQ(w.ok(), y.ok()) << text << "\n" << (w ? y.error().message() : w.error().message());
    if (!x) {
      ASSERT_EQ(x.error().message(), y.error().message()) << text;
      ASSERT_EQ(w.error().message(), y.error().message()) << text;
      ++errors;
      continue;
    }
    ASSERT_EQ(*x, *y) << text;
    ASSERT_EQ(*w, *y) << text;
    ASSERT_TRUE(a == b) << text;
    ASSERT_TRUE(c == b) << text;
    traces += *x;
  }
  // Every outcome is exercised, or the comparison says little: traces and errors, and
  // records that each pass decided.
  EXPECT_GT(traces, static_cast<size_t>(rounds) / 10);
  EXPECT_GT(errors, static_cast<size_t>(rounds) / 10);
  EXPECT_GT(all.counts().scan, static_cast<uint64_t>(rounds) / 10);
  EXPECT_GT(all.counts().dom, static_cast<uint64_t>(rounds) / 300);
  EXPECT_GT(dom.counts().dom, static_cast<uint64_t>(rounds) / 10);
}

// The scanner (the first pass) takes every golden record: the real tools' output, and
// hand-made records with every hop kind, goes the fast way.
TEST(Readers, ScannerTakesEveryGoldenRecord) {
  RecordParser parser;
  size_t records = 0;
  for (const FileRecord& r : records_in("trace/golden")) {
    Traceroute t;
    auto got = parser.parse(r.rec, "t.json", r.format, t);
    ASSERT_TRUE(got.ok()) << r.file << ": " << got.error().message();
    ++records;
    EXPECT_EQ(parser.counts().scan, records) << r.file << " line " << r.rec.line;
  }
  EXPECT_GE(records, 5u);
}

// What simdjson's DOM would take but the readers must not: a second value after the object,
// and a record too large for the DOM pass (read by On-Demand alone).
TEST(Readers, DomPassLeavesTrailingValuesAndLargeRecordsToOnDemand) {
  auto r = read_text(R"({"type":"traceroute","af":4,"result":[]} {"type":"traceroute","af":4,"result":[]})"
                     "\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("the end of the record after the JSON object"), std::string::npos)
      << r.error().message();
  std::string big = R"({"type":"traceroute","af":4,"dst_name":")" + std::string(RecordParser::kDomMaxRecord, 'a') +
                    R"(","result":[{"hop":1,"result":[{"from":"8.8.8.8","rtt":1.5}]}]})"
                    "\n";
  auto t = read_text(big);
  ASSERT_TRUE(t.ok()) << t.error().message();
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ((*t)[0].dst_name.size(), RecordParser::kDomMaxRecord);
  EXPECT_EQ((*t)[0].replies.size(), 1u);
}

// RecordReader::next_lines (blocks of whole lines, split by LineBlock::each_record) against
// next() (one record at a time) on random NDJSON-like text: blank lines, spaces and CRs
// around records, lines longer than a block, no '\n' at the end, first record taken by next():
// the same records with the same lines and columns.
TEST(Readers, LineBlocksGiveTheRecordsOfNext) {
  std::mt19937_64 rng(20261205);
#if defined(__SANITIZE_ADDRESS__)
  const int rounds = 6;
#else
  const int rounds = 24;
#endif
  for (int round = 0; round < rounds; ++round) {
    std::string text;
    const size_t lines = 1 + rng() % 3000;
    for (size_t i = 0; i < lines; ++i) {
      const auto kind = rng() % 64;
      if (kind == 0)
        text += "{\"a\":\"" + std::string(70000 + rng() % 100000, 'x') + "\"}";  // longer than small blocks
      else if (kind < 8)
        text += std::string(rng() % 3, ' ') + std::string(rng() % 2, '\t');  // a blank line
      else
        text += std::string(rng() % 3, ' ') + "{\"n\":" + std::to_string(rng() % 100000) + "}" +
                std::string(rng() % 2, '\r');
      if (i + 1 < lines || rng() % 2) text += '\n';
    }
    struct Got {
      std::string text;
      uint64_t line;
      uint32_t column;
      bool operator==(const Got&) const = default;
    };
    std::vector<Got> want, got;
    {
      RecordReader r(*core::Input::from_memory("t.ndjson", text));
      Record rec;
      for (;;) {
        auto more = r.next(rec);
        ASSERT_TRUE(more.ok()) << more.error().message();
        if (!*more) break;
        want.push_back({rec.text, rec.line, rec.column});
      }
    }
    const size_t bytes = std::vector<size_t>{1, 100, 5000, 65536, RecordReader::kBlock}[rng() % 5];
    RecordReader r(*core::Input::from_memory("t.ndjson", text));
    Record first;
    auto more = r.next(first);
    ASSERT_TRUE(more.ok());
    if (*more) got.push_back({first.text, first.line, first.column});
    LineBlock block;
    while (*more) {
      more = r.next_lines(block, bytes);
      ASSERT_TRUE(more.ok()) << more.error().message();
      block.each_record([&](const RecordView& v) {
        ASSERT_EQ(v.text.data()[v.text.size()], '\0');
        ASSERT_GE(v.room, v.text.size() + RecordReader::kPadding);
        got.push_back({std::string(v.text), v.line, v.column});
      });
    }
    ASSERT_EQ(got.size(), want.size()) << "round " << round << ", block " << bytes;
    for (size_t i = 0; i < want.size(); ++i) ASSERT_TRUE(got[i] == want[i]) << "round " << round << ", record " << i;
  }
}

TEST(Readers, BadCorpus) {
  testing::check_bad_corpus("tests/data/bad/trace", ".json", 30, [](const fs::path& f) -> std::optional<std::string> {
    auto in = core::Input::open(f.string());
    if (!in) return in.error().message();
    auto r = read_all(std::move(*in));
    if (r) return std::nullopt;
    return r.error().message();
  });
}

TEST(IxpTable, BadCorpus) {
  testing::check_bad_corpus("tests/data/bad/trace/ixp", ".jsonl", 7,
                            [](const fs::path& f) -> std::optional<std::string> {
                              auto in = core::Input::open(f.string());
                              if (!in) return in.error().message();
                              auto r = IxpTable::load_caida(std::move(*in));
                              if (r) return std::nullopt;
                              return r.error().message();
                            });
}

}  // namespace
}  // namespace cleannet::trace
