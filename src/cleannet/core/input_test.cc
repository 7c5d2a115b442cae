#include "cleannet/core/input.h"

#include <bzlib.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

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
  std::string cmd =
      "gzip -c " + a.string() + " > " + out.string() + " && gzip -c " + b.string() + " >> " + out.string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  auto in = Input::open(out.string());
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(slurp(*in), "first\nsecond\n");
  fs::remove(a);
  fs::remove(b);
  fs::remove(out);
}

std::string run_tool(const std::string& cmd_with_input, const std::string& bytes) {
  fs::path in = temp_file("tool_in", bytes), out = temp_file("tool_out", "");
  const std::string cmd = cmd_with_input + " < " + in.string() + " > " + out.string();
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ifstream f(out, std::ios::binary);
  std::string packed((std::istreambuf_iterator<char>(f)), {});
  fs::remove(in);
  fs::remove(out);
  return packed;
}

// Everything until the end, then the error if there is one ("\nerror: " and its message).
std::string drain(Input& in, size_t piece_size = 70000) {
  std::string got, piece(piece_size, '\0');
  for (;;) {
    auto r = in.read(piece.data(), piece.size());
    if (!r) return got + "\nerror: " + r.error().message();
    if (*r == 0) return got;
    got.append(piece.data(), *r);
  }
}

TEST(Input, ManyGzipMembersAcrossReadBuffersAreAllRead) {
  // Members of every size, so that member ends fall everywhere in the 64 KiB input buffer,
  // where inflate may hold the next member's first bytes.
  std::mt19937 rng(3);
  std::string text, packed;
  for (int i = 0; i < 300; ++i) {
    std::string part = random_text(static_cast<uint32_t>(i), rng() % 40);
    if (i % 50 == 0) part.clear();  // empty members too
    text += part;
    packed += run_tool(i % 2 ? "gzip -1 -c" : "gzip -9 -c", part);
  }
  auto in = Input::from_memory("many.gz", packed);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(drain(*in, 1 + rng() % 9000), text);
  fs::path f = temp_file("many.gz", packed);
  auto threaded = Input::open(f.string());
  ASSERT_TRUE(threaded.ok());
  EXPECT_EQ(drain(*threaded), text);
  fs::remove(f);
}

TEST(Input, DamagedGzipGivesItsErrorAndOffset) {
  const std::string text = random_text(5, 3000);
  const std::string packed = run_tool("gzip -6 -c", text);
  // Cut: every byte decoded before the end, then the error at the end.
  auto cut = Input::from_memory("cut.gz", std::string_view(packed).substr(0, 1000));
  const std::string got = drain(*cut);
  const std::string tail =
      "\nerror: cut.gz@1000: expected a valid gzip stream, found end of file inside a gzip member (truncated)";
  ASSERT_TRUE(got.ends_with(tail)) << got.substr(got.size() - std::min<size_t>(got.size(), 300));
  EXPECT_EQ(got.substr(0, got.size() - tail.size()), text.substr(0, got.size() - tail.size()));
  // Block type 3 (reserved, RFC 1951 §3.2.3) right after the 10-byte header.
  std::string bad = packed;
  bad[10] = '\xff';
  auto b = Input::from_memory("bad.gz", bad);
  EXPECT_EQ(
      drain(*b),
      "\nerror: bad.gz@11: expected a valid gzip stream, found an invalid deflate block header (RFC 1951 §3.2.3)");
  // A wrong CRC-32 in the trailer: the data comes out, then the error.
  std::string crc = packed;
  crc[crc.size() - 8] ^= 1;
  auto c = Input::from_memory("crc.gz", crc);
  EXPECT_EQ(drain(*c), text + "\nerror: crc.gz@" + std::to_string(crc.size()) +
                           ": expected a valid gzip stream, found an incorrect CRC-32 or length (RFC 1952 §2.3.1)");
  // Not a second member after the first.
  auto g = Input::from_memory("trail.gz", packed + "garbage!");
  const std::string trail = drain(*g);
  ASSERT_TRUE(trail.starts_with(text));
  EXPECT_EQ(trail.substr(text.size()),
            "\nerror: trail.gz@" + std::to_string(packed.size()) +
                ": expected a valid gzip stream, found an invalid gzip header (RFC 1952 §2.3)");
}

TEST(Input, MultiStreamBzip2WithManyBlocksIsReadInOrder) {
  // bzip2 -1 cuts blocks of 100 kB: each stream has several, decoded on all cores; the
  // streams are concatenated as pbzip2 writes them.
  std::string text, packed;
  for (int i = 0; i < 4; ++i) {
    const std::string part = i == 2 ? std::string() : random_text(static_cast<uint32_t>(100 + i), 2500 + 1000 * i);
    text += part;
    packed += run_tool(i % 2 ? "bzip2 -1 -c" : "bzip2 -2 -c", part);
  }
  auto in = Input::from_memory("multi.bz2", packed);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->compression(), Compression::kBzip2);
  EXPECT_TRUE(drain(*in, 1000) == text);
  fs::path f = temp_file("multi.bz2", packed);
  auto threaded = Input::open(f.string());
  ASSERT_TRUE(threaded.ok());
  EXPECT_TRUE(drain(*threaded) == text);
  // The reader stops early: no hang, nothing left running.
  auto early = Input::open(f.string());
  char c[10];
  ASSERT_TRUE(early->read(c, sizeof c).ok());
  fs::remove(f);
}

TEST(Input, DamagedBzip2GivesTheBlocksBeforeThenItsError) {
  const std::string text = random_text(9, 8000);  // several 100 kB blocks at -1
  const std::string packed = run_tool("bzip2 -1 -c", text);
  // Cut in the middle: the whole blocks before the cut, then the error at the end.
  const size_t keep = packed.size() / 2;
  auto cut = Input::from_memory("cut.bz2", std::string_view(packed).substr(0, keep));
  const std::string got = drain(*cut);
  const std::string tail = "\nerror: cut.bz2@" + std::to_string(keep) +
                           ": expected a valid bzip2 stream, found end of file inside a bzip2 stream (truncated)";
  ASSERT_TRUE(got.ends_with(tail)) << got.substr(got.size() - std::min<size_t>(got.size(), 300));
  const size_t decoded = got.size() - tail.size();
  EXPECT_GT(decoded, 0u);
  EXPECT_EQ(got.substr(0, decoded), text.substr(0, decoded));
  // The same as libbz2's own streaming reader gives (bzip2 -d stops at the same bytes).
  const std::string by_tool = run_tool("bzip2 -dc 2>/dev/null || true", packed.substr(0, keep));
  EXPECT_GE(decoded, by_tool.size());
  // The first block's stored CRC (bytes 10-13: the header "BZh1", the 48-bit block magic)
  // is wrong: the block is decoded, then the error names the block's offset.
  std::string crc = packed;
  crc[10] ^= 1;
  auto c = Input::from_memory("crc.bz2", crc);
  const std::string bad = drain(*c);
  const std::string bad_tail = "\nerror: crc.bz2@4: expected a valid bzip2 stream, found data error -4";
  ASSERT_TRUE(bad.ends_with(bad_tail)) << bad.substr(bad.size() - std::min<size_t>(bad.size(), 300));
  EXPECT_EQ(bad.substr(0, bad.size() - bad_tail.size()), text.substr(0, bad.size() - bad_tail.size()));
  // The stream's combined CRC (the last 4 bytes before the padding) is wrong.
  std::string stream_crc = packed;
  stream_crc[stream_crc.size() - 2] ^= 1;
  auto s = Input::from_memory("stream.bz2", stream_crc);
  const std::string whole = drain(*s);
  EXPECT_TRUE(whole.starts_with(text)) << whole.size();
  EXPECT_NE(whole.find("\nerror: stream.bz2@"), std::string::npos);
  EXPECT_TRUE(whole.ends_with(": expected a valid bzip2 stream, found data error -4")) << whole.substr(text.size());
  // Something after the stream that is not another stream.
  auto g = Input::from_memory("trail.bz2", packed + "garbage!");
  EXPECT_EQ(drain(*g), text + "\nerror: trail.bz2@" + std::to_string(packed.size()) +
                           ": expected a valid bzip2 stream, found data error -5");
  // Damage inside the compressed data of a block: the bytes before it, then an error.
  std::string inside = packed;
  inside[packed.size() / 2] ^= 0x55;
  auto d = Input::from_memory("inside.bz2", inside);
  const std::string damaged = drain(*d);
  const size_t at = damaged.find("\nerror: inside.bz2@");
  ASSERT_NE(at, std::string::npos);
  // The blocks before the damaged one are whole (libbz2 gives a damaged block's bytes before
  // its CRC says it is damaged, as it does when streaming).
  EXPECT_EQ(damaged.substr(0, 90000), text.substr(0, 90000));
  EXPECT_NE(damaged.find("expected a valid bzip2 stream, found data error"), std::string::npos);
}

std::string bz_compress(const std::string& text, int level) {
  std::string out(text.size() + text.size() / 100 + 600, '\0');
  unsigned n = static_cast<unsigned>(out.size());
  EXPECT_EQ(BZ2_bzBuffToBuffCompress(out.data(), &n, const_cast<char*>(text.data()), static_cast<unsigned>(text.size()),
                                     level, 0, 0),
            BZ_OK);
  out.resize(n);
  return out;
}

// The bit offsets of the block and end-of-stream magics in a bzip2 stream.
std::vector<uint64_t> magic_bits(const std::string& packed) {
  std::vector<uint64_t> at;
  uint64_t w = 0;
  for (uint64_t bit = 0; bit < uint64_t{packed.size()} * 8; ++bit) {
    w = (w << 1 | ((static_cast<uint8_t>(packed[bit / 8]) >> (7 - bit % 8)) & 1)) & 0xffffffffffff;
    if (bit >= 47 && (w == 0x314159265359 || w == 0x177245385090)) at.push_back(bit - 47);
  }
  return at;
}

std::string drain_source(ByteSource& src) {
  std::string got, piece(70000, '\0');
  for (;;) {
    auto r = src.read(piece.data(), piece.size());
    if (!r) return got + "\nerror: " + r.error().message();
    if (*r == 0) return got;
    got.append(piece.data(), *r);
  }
}

std::string decode_with_splits(const std::string& packed, std::vector<uint64_t> splits) {
  auto src = detail::bzip2_source("split.bz2", packed, std::move(splits));
  return drain_source(*src);
}

TEST(Input, Bzip2FalseBlockMagicInsideABlockIsTakenAsData) {
  // A false split is where a block's compressed bits hold the 48 bits of a block magic: the
  // piece before it and the piece after it do not decode alone, and joined they do.
  const std::string text = random_text(21, 30000);  // about 3 MB, 100 kB blocks at level 1
  const std::string packed = bz_compress(text, 1);
  const std::vector<uint64_t> magics = magic_bits(packed);
  ASSERT_GT(magics.size(), 20u);  // the blocks, then the end
  const size_t blocks = magics.size() - 1;
  std::mt19937_64 rng(5);
  auto inside = [&](size_t b) { return magics[b] + 1 + rng() % (magics[b + 1] - magics[b] - 1); };
  std::vector<uint64_t> splits = {inside(0),     inside(3),     inside(7),      inside(blocks - 1),
                                  magics[5] + 1, magics[6] - 1, magics[9] + 100};
  const uint64_t a = inside(11), b = inside(11);
  splits.push_back(a);
  if (b != a) splits.push_back(b);  // two in one block
  EXPECT_TRUE(decode_with_splits(packed, splits) == text);
  EXPECT_TRUE(decode_with_splits(packed, {}) == text);
  // Real damage inside a block still gives the error it gives without false splits, after
  // the same bytes.
  std::string damaged = packed;
  const uint64_t mid = (magics[12] + magics[13]) / 2 / 8;
  damaged[mid] = static_cast<char>(damaged[mid] ^ 0x55);
  const std::string plain = decode_with_splits(damaged, {});
  ASSERT_NE(plain.find("\nerror: split.bz2@" + std::to_string(magics[12] / 8) +
                       ": expected a valid bzip2 stream, found data error"),
            std::string::npos)
      << plain.substr(plain.size() - std::min<size_t>(plain.size(), 200));
  EXPECT_TRUE(plain.substr(0, 1100000) == text.substr(0, 1100000));
  std::vector<uint64_t> with = splits;
  with.push_back(mid * 8 + 3);  // and one in the damaged block
  EXPECT_TRUE(decode_with_splits(damaged, with) == plain);
  // A cut inside the last block.
  const std::string cut = packed.substr(0, (magics[blocks - 1] + magics[blocks]) / 2 / 8 + 50);
  EXPECT_TRUE(decode_with_splits(cut, {inside(blocks - 1) % (cut.size() * 8 - 200), inside(2)}) ==
              decode_with_splits(cut, {}));
  EXPECT_NE(decode_with_splits(cut, {}).find("(truncated)"), std::string::npos);
}

TEST(Input, Bzip2WithFalseSplitsDecodesAsLibbz2Does) {
  for (uint32_t seed = 0; seed < 60; ++seed) {
    std::mt19937_64 rng(seed);
    std::string text;
    const size_t size = rng() % 400000;
    const unsigned alphabet = 1 + static_cast<unsigned>(rng() % 255);
    for (size_t i = 0; i < size; ++i) text += static_cast<char>(rng() % alphabet);
    std::string packed = bz_compress(text, 1 + static_cast<int>(rng() % 3));
    if (seed % 3 == 0) packed += bz_compress(text.substr(0, size / 3), 1);  // two streams
    const std::vector<uint64_t> magics = magic_bits(packed);
    std::vector<uint64_t> splits;
    for (size_t i = 0, k = rng() % 6; i < k && magics.size() > 1; ++i) {
      const size_t b = rng() % (magics.size() - 1);
      const uint64_t gap = magics[b + 1] - magics[b];
      if (gap > 1) splits.push_back(magics[b] + 1 + rng() % (gap - 1));
    }
    // libbz2 as the oracle, on its first stream (the second is the first's head).
    std::string want(size + 1, '\0');
    unsigned n = static_cast<unsigned>(want.size());
    ASSERT_EQ(BZ2_bzBuffToBuffDecompress(want.data(), &n, packed.data(), static_cast<unsigned>(packed.size()), 0, 0),
              BZ_OK)
        << seed;
    want.resize(n);
    if (seed % 3 == 0) want += text.substr(0, size / 3);
    EXPECT_TRUE(decode_with_splits(packed, splits) == want) << seed;
    // Damaged: the same as without false splits.
    if (packed.size() > 100) {
      std::string bad = packed;
      bad[20 + rng() % (bad.size() - 40)] ^= static_cast<char>(1 + rng() % 255);
      EXPECT_TRUE(decode_with_splits(bad, splits) == decode_with_splits(bad, {})) << seed;
    }
  }
}

TEST(Input, StandardInputIsDecompressedToo) {
  const std::string text = random_text(11, 5000);
  for (const char* tool : {"gzip -c", "bzip2 -1 -c"}) {
    fs::path f = temp_file("stdin.packed", run_tool(tool, text));
    const int saved = ::dup(0);
    const int fd = ::open(f.c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    ::dup2(fd, 0);
    ::close(fd);
    {
      auto in = Input::open("-");
      ASSERT_TRUE(in.ok());
      EXPECT_EQ(in->name(), "<stdin>");
      EXPECT_TRUE(drain(*in) == text) << tool;
    }
    ::dup2(saved, 0);
    ::close(saved);
    fs::remove(f);
  }
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
  EXPECT_EQ(detect_compression(std::string_view("\xfd"
                                                "7zXZ\x00",
                                                6)),
            Compression::kXz);
  EXPECT_EQ(detect_compression("schema = 1"), Compression::kNone);
  EXPECT_EQ(detect_compression(""), Compression::kNone);
}

}  // namespace
}  // namespace cleannet::core
