// CAIDA relationship readers and the AS graph: serial-1 and serial-2 lines, comments and
// headers, compressed input, the CSR layout, and the bad-input corpus of
// tests/data/bad/asgraph/ (rel-*, as2org-*, names-*), each with its exact message.
#include "cleannet/asgraph/relationships.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>

#include "cleannet/asgraph/directory.h"
#include "cleannet/asgraph/graph.h"
#include "cleannet/core/testing/golden.h"

namespace cleannet::asgraph {
namespace {

namespace fs = std::filesystem;

core::Result<AsRelationships> read(std::string_view text, RelationshipFormat f = RelationshipFormat::kAuto) {
  auto in = core::Input::from_memory("t.txt", text);
  EXPECT_TRUE(in);
  return read_relationships(std::move(*in), f);
}

std::string error_of(std::string_view text, RelationshipFormat f = RelationshipFormat::kAuto) {
  auto r = read(text, f);
  return r ? "accepted" : r.error().message();
}

TEST(Relationships, ReadsSerial1WithItsHeaders) {
  auto r = read(
      "# source:topology|BGP|20180101|ripe|rrc00\n"
      "# inferred clique: 174 209 3356\n"
      "# IXP ASes: 1200 4635\n"
      "1|11537|0\n"
      "1|134008|-1\r\n"
      "\n"
      "3356|4294967295|-1\n");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->format, RelationshipFormat::kSerial1);
  EXPECT_EQ(r->clique, (std::vector<uint32_t>{174, 209, 3356}));
  EXPECT_EQ(r->ixp_ases, (std::vector<uint32_t>{1200, 4635}));
  EXPECT_EQ(r->comment_lines, 3u);
  ASSERT_EQ(r->links.size(), 3u);
  EXPECT_EQ(r->links[0].a, 1u);
  EXPECT_EQ(r->links[0].b, 11537u);
  EXPECT_EQ(r->links[0].kind, LinkKind::kPeer);
  EXPECT_EQ(r->links[0].line, 4u);
  EXPECT_EQ(r->links[1].kind, LinkKind::kProviderCustomer);
  EXPECT_EQ(r->links[2].b, 4294967295u);
  EXPECT_EQ(r->links[2].line, 7u);
}

TEST(Relationships, ReadsSerial2) {
  auto r = read("# input clique: 174 3356\n1|11537|0|bgp\n1|134008|-1|mlp\n");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->format, RelationshipFormat::kSerial2);
  EXPECT_EQ(r->clique, (std::vector<uint32_t>{174, 3356}));
  EXPECT_EQ(r->links.size(), 2u);
}

TEST(Relationships, AFormatGivenIsEnforced) {
  EXPECT_EQ(error_of("1|2|0\n", RelationshipFormat::kSerial2),
            "t.txt:1:1: expected 4 fields \"a|b|rel|source\" (CAIDA serial-2 as-rel2), found 3 fields \"1|2|0\"");
  EXPECT_EQ(error_of("1|2|0|bgp\n", RelationshipFormat::kSerial1),
            "t.txt:1:1: expected 3 fields \"a|b|rel\" (CAIDA serial-1 as-rel), found 4 fields \"1|2|0|bgp\"");
  EXPECT_EQ(parse_relationship_format("serial-2"), RelationshipFormat::kSerial2);
  EXPECT_FALSE(parse_relationship_format("serial-3"));
}

TEST(Relationships, ErrorsNameLineAndColumn) {
  EXPECT_EQ(error_of("1|2|0\n3|AS4|0\n"), "t.txt:2:3: expected an AS number from 0 to 4294967295, found \"AS4\"");
  EXPECT_EQ(error_of("1|2|-2\n"),
            "t.txt:1:5: expected a relationship -1 (provider|customer) or 0 (peer|peer), found \"-2\"");
  EXPECT_EQ(error_of("1|2|+0\n"),
            "t.txt:1:5: expected a relationship -1 (provider|customer) or 0 (peer|peer), found \"+0\"");
  EXPECT_EQ(error_of("1|2|00\n"),
            "t.txt:1:5: expected a relationship -1 (provider|customer) or 0 (peer|peer), found \"00\"");
  EXPECT_EQ(error_of(""), "t.txt: expected at least one relationship line \"a|b|rel\", found an empty file");
}

TEST(Relationships, ReadsCompressedInput) {
  std::string text = "174|3356|0\n3356|3320|-1\n";
  uLongf n = compressBound(text.size()) + 32;
  std::string gz(n, '\0');
  // A gzip stream (windowBits 15 + 16) so that Input's magic-byte detection sees 1f 8b.
  z_stream zs{};
  ASSERT_EQ(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(text.data());
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(gz.data());
  zs.avail_out = static_cast<uInt>(gz.size());
  ASSERT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  gz.resize(zs.total_out);
  deflateEnd(&zs);
  auto r = read(gz);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->links.size(), 2u);
}

TEST(AsGraph, DenseIdsInAsnOrderAndArcsGroupedByRelation) {
  auto r = read("3356|3320|-1\n174|3356|0\n3356|64500|-1\n1299|3356|-1\n");
  ASSERT_TRUE(r);
  auto g = AsGraph::build(*r);
  ASSERT_TRUE(g) << g.error().message();
  EXPECT_EQ(g->num_ases(), 5u);
  EXPECT_EQ(g->num_links(), 4u);
  EXPECT_EQ(g->num_provider_customer_links(), 3u);
  EXPECT_EQ(g->num_peer_links(), 1u);
  EXPECT_EQ(std::vector<uint32_t>(g->asns().begin(), g->asns().end()),
            (std::vector<uint32_t>{174, 1299, 3320, 3356, 64500}));
  const NodeId l3 = *g->find(3356);
  auto asns = [&](std::span<const NodeId> s) {
    std::vector<uint32_t> out;
    for (NodeId v : s) out.push_back(g->asn(v));
    return out;
  };
  EXPECT_EQ(asns(g->customers(l3)), (std::vector<uint32_t>{3320, 64500}));
  EXPECT_EQ(asns(g->peers(l3)), (std::vector<uint32_t>{174}));
  EXPECT_EQ(asns(g->providers(l3)), (std::vector<uint32_t>{1299}));
  EXPECT_EQ(g->degree(l3), 4u);
  EXPECT_EQ(g->relation(l3, *g->find(3320)), Relation::kCustomer);
  EXPECT_EQ(g->relation(*g->find(3320), l3), Relation::kProvider);
  EXPECT_EQ(g->relation(*g->find(174), l3), Relation::kPeer);
  EXPECT_FALSE(g->relation(*g->find(174), *g->find(3320)));
  EXPECT_FALSE(g->find(7018));
  EXPECT_GT(g->memory_bytes(), 0u);
}

TEST(AsGraph, APairListedTwiceIsAnError) {
  auto r = read("1|2|-1\n3|4|0\n2|1|0\n");
  ASSERT_TRUE(r);
  auto g = AsGraph::build(*r);
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().message(), "t.txt:3:1: expected each AS pair once, found 2|1|0 after 1|2|-1 on line 1");
}

TEST(AsGraph, BuildsAMillionLinks) {
  // 1M links over ~143k ASes: the scale the layout is meant for. AS c buys transit from
  // c-1, c-3 and c-7 and peers with c-2, c-4, c-5 and c-6, so every pair occurs once.
  std::vector<AsLink> links;
  links.reserve(1'000'000);
  for (uint32_t c = 8; links.size() < 1'000'000; ++c) {
    for (uint32_t k : {1u, 3u, 7u}) links.push_back({c - k, c, LinkKind::kProviderCustomer, 0});
    for (uint32_t k : {2u, 4u, 5u, 6u}) links.push_back({c, c - k, LinkKind::kPeer, 0});
  }
  auto g = AsGraph::from_links(links);
  ASSERT_TRUE(g) << g.error().message();
  EXPECT_EQ(g->num_links(), links.size());
  size_t arcs = 0;
  for (uint32_t v = 0; v < g->num_ases(); ++v) arcs += g->degree(NodeId{v});
  EXPECT_EQ(arcs, 2 * links.size());
  const NodeId v = *g->find(1000);
  EXPECT_EQ(g->providers(v).size(), 3u);
  EXPECT_EQ(g->customers(v).size(), 3u);
  EXPECT_EQ(g->peers(v).size(), 8u);
  // 16 bytes per AS and 8 per link, no more.
  EXPECT_LE(g->memory_bytes(), g->num_ases() * 16 + links.size() * 8 + 64);
}

// --- bad corpus ---------------------------------------------------------------------------

// Every tests/data/bad/asgraph/NAME.txt is rejected with exactly the message in
// NAME.expected (paths relative to the repository root): rel-* by the relationship reader
// and the graph build, as2org-* by read_as2org, names-* by read_as_names.
class BadAsgraphInput : public ::testing::Test {
 protected:
  void SetUp() override {
    old_ = fs::current_path();
    fs::current_path(CLEANNET_SOURCE_DIR);
  }
  void TearDown() override { fs::current_path(old_); }
  fs::path old_;
};

std::string message_for(const std::string& file) {
  auto in = core::Input::open(file);
  if (!in) return in.error().message();
  const std::string stem = fs::path(file).stem().string();
  if (stem.rfind("rel-", 0) == 0) {
    auto r = read_relationships(std::move(*in));
    if (!r) return r.error().message();
    auto g = AsGraph::build(*r);
    return g ? "accepted" : g.error().message();
  }
  if (stem.rfind("as2org-", 0) == 0) {
    auto d = read_as2org(std::move(*in));
    return d ? "accepted" : d.error().message();
  }
  auto d = read_as_names(std::move(*in));
  return d ? "accepted" : d.error().message();
}

TEST_F(BadAsgraphInput, EachCaseGivesExactlyTheExpectedMessage) {
  const fs::path dir = "tests/data/bad/asgraph";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  size_t rel = 0, as2org = 0, names = 0;
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.string());
    fs::path want = f;
    want.replace_extension(".expected");
    const std::string got = message_for(f.string());
    if (got == "accepted")
      ADD_FAILURE() << f << " was accepted";
    else
      cleannet::testing::expect_golden(want, got + "\n");
    const std::string stem = f.stem().string();
    (stem.rfind("rel-", 0) == 0 ? rel : stem.rfind("as2org-", 0) == 0 ? as2org : names)++;
  }
  EXPECT_GE(rel, 15u);
  EXPECT_GE(as2org, 8u);
  EXPECT_GE(names, 5u);
}

}  // namespace
}  // namespace cleannet::asgraph
