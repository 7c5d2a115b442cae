#include "cleannet/core/input.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

namespace cleannet::core {
namespace {

namespace fs = std::filesystem;

std::string random_text(uint32_t seed, size_t lines) {
  std::mt19937 rng(seed);
  std::string s;
  for (size_t i = 0; i < lines; ++i) {
    size_t len = rng() % 200;
    for (size_t j = 0; j < len; ++j) s += static_cast<char>('a' + rng() % 26);
    s += (i % 7 == 0) ? "\r\n" : "\n";
  }
  return s;
}

fs::path temp_file(const std::string& name, const std::string& bytes) {
  fs::path p = fs::temp_directory_path() / ("cleannet_input_test_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

std::string slurp(Input& in) {
  auto all = in.read_all(1u << 30);
  EXPECT_TRUE(all.ok()) << all.error().message();
  return all.ok() ? *all : std::string();
}

struct Codec {
  const char* tool;
  Compression expected;
};

class CompressedInput : public ::testing::TestWithParam<Codec> {};

TEST_P(CompressedInput, RoundTripsThroughTheCommandLineCompressor) {
  const Codec c = GetParam();
  std::string text = random_text(42, 12000);  // over a megabyte: more chunks than the read-ahead holds
  fs::path plain = temp_file(std::string(compression_name(c.expected)) + ".txt", text);
  fs::path packed = plain;
  packed += ".packed";
  std::string cmd = std::string(c.tool) + " -c " + plain.string() + " > " + packed.string();
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;

  auto in = Input::open(packed.string());
  ASSERT_TRUE(in.ok()) << in.error().message();
  EXPECT_EQ(in->compression(), c.expected);
  EXPECT_EQ(slurp(*in), text);

  // Line by line gives the same lines, with \r\n folded.
  auto in2 = Input::open(packed.string());
  ASSERT_TRUE(in2.ok());
  size_t count = 0;
  for (;;) {
    auto line = in2->next_line();
    ASSERT_TRUE(line.ok()) << line.error().message();
    if (!*line) break;
    EXPECT_EQ((**line).find('\r'), std::string_view::npos);
    ++count;
  }
  EXPECT_EQ(count, 12000u);
  EXPECT_EQ(in2->line_no(), 12000u);

  // A truncated file is an error naming the file, never a silently short result.
  std::ifstream f(packed, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(f)), {});
  auto cut = Input::from_memory("cut", std::string_view(bytes).substr(0, bytes.size() / 2));
  ASSERT_TRUE(cut.ok());
  auto all = cut->read_all(1u << 30);
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.error().message().find("cut@"), std::string::npos) << all.error().message();

  // A compressed file is decompressed on a thread of its own, ahead of the reader; memory is
  // not: both give the same bytes in reads of any size and, cut short, the same bytes before
  // the same error.
  std::mt19937 rng(7);
  for (size_t keep : {bytes.size(), bytes.size() / 2, bytes.size() / 5}) {
    const std::string part = bytes.substr(0, keep);
    fs::path file = temp_file(std::string(compression_name(c.expected)) + ".part", part);
    auto threaded = Input::open(file.string());
    auto direct = Input::from_memory(file.string(), part);
    ASSERT_TRUE(threaded.ok() && direct.ok());
    auto drain = [&](Input& in) {
      std::string got, piece(100000, '\0');
      for (;;) {
        auto r = in.read(piece.data(), 1 + rng() % piece.size());
        if (!r) return got + "\nerror: " + r.error().message();
        if (*r == 0) return got;
        got.append(piece.data(), *r);
      }
    };
    const std::string a = drain(*threaded), b = drain(*direct);
    EXPECT_EQ(a.size(), b.size()) << keep;
    EXPECT_TRUE(a == b) << keep << ": " << a.substr(a.size() - std::min<size_t>(a.size(), 200));
    if (keep == bytes.size()) {
      EXPECT_EQ(a, text);
    }
    fs::remove(file);
  }
  fs::remove(plain);
  fs::remove(packed);
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, CompressedInput,
                         ::testing::Values(Codec{"gzip", Compression::kGzip}, Codec{"bzip2", Compression::kBzip2},
                                           Codec{"zstd -q", Compression::kZstd}, Codec{"xz", Compression::kXz}),
                         [](const auto& info) { return std::string(compression_name(info.param.expected)); });

TEST(Input, ConcatenatedGzipMembersAreAllRead) {
  fs::path a = temp_file("a", "first\n"), b = temp_file("b", "second\n");
  fs::path out = temp_file("ab.gz", "");
  std::string cmd = "gzip -c " + a.string() + " > " + out.string() + " && gzip -c " + b.string() + " >> " + out.string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  auto in = Input::open(out.string());
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(slurp(*in), "first\nsecond\n");
  fs::remove(a);
  fs::remove(b);
  fs::remove(out);
}

TEST(Input, PlainMemoryAndMissingFile) {
  auto in = Input::from_memory("m", "x\n\ny");
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->compression(), Compression::kNone);
  auto l1 = in->next_line();
  EXPECT_EQ(**l1, "x");
  auto l2 = in->next_line();
  EXPECT_EQ(**l2, "");
  auto l3 = in->next_line();
  EXPECT_EQ(**l3, "y");
  auto l4 = in->next_line();
  ASSERT_TRUE(l4.ok());
  EXPECT_FALSE(l4->has_value());

  auto missing = Input::open("/nonexistent/file");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message(), "/nonexistent/file: expected a readable file, found No such file or directory");
}

TEST(Input, OverlongLineIsAnErrorWithItsLineNumber) {
  std::string s = "short\n" + std::string(100, 'x') + "\n";
  auto in = Input::from_memory("long.txt", s);
  ASSERT_TRUE(in.ok());
  in->set_max_line(50);
  ASSERT_TRUE(in->next_line().ok());
  auto l = in->next_line();
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.error().message(), "long.txt:2: expected a line of at most 50 bytes, found a longer line");
}

TEST(Input, ReadAllRespectsItsLimit) {
  auto in = Input::from_memory("big", std::string(1000, 'a'));
  ASSERT_TRUE(in.ok());
  auto all = in->read_all(999);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.error().message(), "big: expected at most 999 bytes, found a larger input");
}

TEST(Input, PeekNonspaceLooksAheadWithoutConsuming) {
  auto in = Input::from_memory("m", "\n  \t\n{\"a\": 1}\nnext");
  ASSERT_TRUE(in.ok());
  auto c = in->peek_nonspace();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(**c, '{');
  // Nothing was consumed: the lines and their numbers are as before the peek.
  EXPECT_EQ(**in->next_line(), "");
  EXPECT_EQ(**in->next_line(), "  \t");
  EXPECT_EQ(**in->next_line(), "{\"a\": 1}");
  EXPECT_EQ(in->line_no(), 3u);
  // Blank to the end, and beyond the limit.
  auto blank = Input::from_memory("b", "  \n\n ");
  EXPECT_FALSE(*blank->peek_nonspace());
  auto far = Input::from_memory("f", std::string(100, ' ') + "x");
  EXPECT_FALSE(*far->peek_nonspace(50));
  EXPECT_EQ(**far->peek_nonspace(), 'x');
  // Up to the read buffer (64 KiB), and not beyond it, whatever the limit.
  auto near = Input::from_memory("n", std::string(60000, ' ') + "z");
  EXPECT_EQ(**near->peek_nonspace(), 'z');
  auto big = Input::from_memory("g", std::string(1u << 20, ' ') + "z");
  EXPECT_FALSE(*big->peek_nonspace(2u << 20));
  auto all = big->read_all(4u << 20);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), (1u << 20) + 1);
}

TEST(Input, GarbageAfterGzipMagicIsReportedWithOffset) {
  std::string bad = std::string("\x1f\x8b\x08\x00", 4) + std::string(40, '\xff');
  auto in = Input::from_memory("bad.gz", bad);
  ASSERT_TRUE(in.ok());
  auto all = in->read_all(1 << 20);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.error().message().rfind("bad.gz@", 0), 0u) << all.error().message();
  EXPECT_NE(all.error().message().find("expected a valid gzip stream"), std::string::npos);
}

TEST(DetectCompression, MagicBytes) {
  EXPECT_EQ(detect_compression("\x1f\x8b\x08"), Compression::kGzip);
  EXPECT_EQ(detect_compression("BZh9"), Compression::kBzip2);
  EXPECT_EQ(detect_compression("BZhx"), Compression::kNone);
  EXPECT_EQ(detect_compression("\x28\xb5\x2f\xfd"), Compression::kZstd);
  EXPECT_EQ(detect_compression(std::string_view("\xfd" "7zXZ\x00", 6)), Compression::kXz);
  EXPECT_EQ(detect_compression("schema = 1"), Compression::kNone);
  EXPECT_EQ(detect_compression(""), Compression::kNone);
}

}  // namespace
}  // namespace cleannet::core
