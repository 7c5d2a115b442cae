// GraphML importer: real Topology Zoo files (bundled under data/inventory/topologyzoo) against
// the counts of the Zoo's index, a GÉANT spot check, the synthetic vendor assignment, small
// in-memory documents for each feature, and the bad-input corpus under tests/data/bad/netmodel/graphml.
#include "cleannet/netmodel/graphml.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cleannet/core/csv.h"
#include "cleannet/core/testing/bad_corpus.h"
#include "cleannet/core/testing/golden.h"
#include "cleannet/core/text.h"

namespace cleannet::netmodel {
namespace {

namespace fs = std::filesystem;

const std::string kSource = CLEANNET_SOURCE_DIR;
const std::string kZoo = kSource + "/data/inventory/topologyzoo/";
const std::string kGeantVendors = kSource + "/data/inventory/synthetic/Geant2012.vendors.csv";

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

core::Result<Network> from_text(const std::string& xml, GraphmlDetails* details = nullptr,
                                const VendorAssignment* va = nullptr) {
  auto in = core::Input::from_memory("t.graphml", xml);
  return load_graphml(std::move(*in), va, details);
}

std::string graphml(const std::string& keys, const std::string& body) {
  return "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n" + keys +
         "<graph edgedefault=\"undirected\">\n" + body + "</graph>\n</graphml>\n";
}

struct IndexRow {
  std::string file, label;
  size_t nodes = 0, edges = 0, with_latlong = 0;
  std::set<std::string> countries;
  bool link_speed = false;
};

std::vector<IndexRow> index_rows() {
  auto in = core::Input::open(kSource + "/tests/data/netmodel/graphml/topologyzoo-index-subset.csv");
  EXPECT_TRUE(in.ok());
  core::CsvReader csv(std::move(*in));
  std::vector<std::string> header;
  std::vector<IndexRow> rows;
  while (auto rec = csv.next()) {
    if (!rec.ok() || !*rec) break;
    std::vector<std::string> f((*rec)->begin(), (*rec)->end());
    if (header.empty()) {
      header = f;
      continue;
    }
    auto col = [&](const char* name) {
      auto it = std::find(header.begin(), header.end(), name);
      return f.at(static_cast<size_t>(it - header.begin()));
    };
    IndexRow r;
    r.file = col("file");
    r.label = col("label");
    r.nodes = std::stoul(col("nodes"));
    r.edges = std::stoul(col("edges"));
    r.with_latlong = std::stoul(col("nodes_with_latlong"));
    const std::string countries = col("countries");
    for (auto c : core::split(countries, ';'))
      if (!c.empty()) r.countries.insert(std::string(c));
    r.link_speed = col("has_link_speed") == "True";
    rows.push_back(r);
  }
  return rows;
}

TEST(Graphml, RealTopologyZooFilesMatchTheZooIndex) {
  auto rows = index_rows();
  ASSERT_EQ(rows.size(), 3u);
  for (const IndexRow& r : rows) {
    SCOPED_TRACE(r.file);
    GraphmlDetails details;
    auto net = load_graphml_file(kZoo + r.file + ".gz", "", &details);
    ASSERT_TRUE(net.ok()) << net.error().message();
    EXPECT_EQ(net->name, r.label);
    EXPECT_EQ(net->devices.size(), r.nodes);
    EXPECT_EQ(net->links.size(), r.edges);
    EXPECT_EQ(details.coordinates.size(), r.with_latlong);
    bool any_capacity =
        std::any_of(net->links.begin(), net->links.end(), [](const Link& l) { return l.capacity.has_value(); });
    EXPECT_EQ(any_capacity, r.link_speed);
    std::set<std::string> want, got;
    for (const std::string& c : r.countries) {
      auto code = iso_country_code(c);
      ASSERT_TRUE(code) << c;
      want.insert(*code);
    }
    for (const Device& d : net->devices)
      if (!d.country.empty()) got.insert(d.country);
    EXPECT_EQ(got, want);
    EXPECT_TRUE(details.unmapped_countries.empty());
    EXPECT_FALSE(net->synthetic);
    EXPECT_NE(net->provenance.find("Internet Topology Zoo"), std::string::npos) << net->provenance;
    EXPECT_NE(net->provenance.find("CC BY 4.0"), std::string::npos) << net->provenance;
    for (const Device& d : net->devices) EXPECT_TRUE(d.equipment.vendor.empty()) << d.id;
  }
}

TEST(Graphml, GeantSpotCheck) {
  GraphmlDetails details;
  auto net = load_graphml_file(kZoo + "Geant2012.graphml.gz", "", &details);
  ASSERT_TRUE(net.ok()) << net.error().message();
  const std::string file = kZoo + "Geant2012.graphml.gz";
  EXPECT_EQ(net->provenance,
            "GraphML " + file +
                " (Internet Topology Zoo, network GEANT dated 2012_03, from "
                "http://www.geant.net/Media_Centre/Media_Library/Pages/Maps.aspx; CC BY 4.0, Knight et al., IEEE JSAC "
                "29(9), 2011)");
  auto nl = net->find_device("0");
  ASSERT_TRUE(nl);
  const Device& d0 = net->devices[*nl];
  EXPECT_EQ(d0.name, "NL");
  EXPECT_EQ(d0.country, "NL");
  EXPECT_EQ(d0.pos.to_string(), file + ":76:5");  // <node id="0"> in the decompressed file
  EXPECT_DOUBLE_EQ(details.coordinates.at("0").latitude, 52.37403);
  EXPECT_DOUBLE_EQ(details.coordinates.at("0").longitude, 4.88969);
  ASSERT_TRUE(d0.location);
  EXPECT_DOUBLE_EQ(d0.location->latitude, 52.37403);
  EXPECT_DOUBLE_EQ(d0.location->longitude, 4.88969);
  const Device& uk = net->devices[*net->find_device("34")];
  EXPECT_EQ(uk.name, "UK");  // the Zoo's label
  EXPECT_EQ(uk.country, "GB");
  EXPECT_TRUE(net->devices[*net->find_device("10")].country.empty());  // UA: no Country data
  auto l = std::find_if(net->links.begin(), net->links.end(), [](const Link& x) { return x.a == "0" && x.b == "34"; });
  ASSERT_NE(l, net->links.end());
  EXPECT_EQ(l->id, "e3");
  EXPECT_DOUBLE_EQ(*l->capacity, 2.5e9);
  EXPECT_EQ(l->pos.to_string(), file + ":408:5");
  EXPECT_EQ(details.graph_data.at("GeoLocation"), "Europe");
  EXPECT_EQ(details.self_loops, 0u);
  EXPECT_EQ(details.multi_edges, 0u);
}

TEST(Graphml, MultiEdgesAndSelfLoopsAreKept) {
  GraphmlDetails heanet, interoute;
  auto h = load_graphml_file(kZoo + "Heanet.graphml.gz", "", &heanet);
  ASSERT_TRUE(h.ok()) << h.error().message();
  EXPECT_EQ(heanet.multi_edges, 2u);
  auto i = load_graphml_file(kZoo + "Interoute.graphml.gz", "", &interoute);
  ASSERT_TRUE(i.ok()) << i.error().message();
  EXPECT_EQ(interoute.self_loops, 2u);
  EXPECT_EQ(interoute.multi_edges, 10u);
  size_t loops = std::count_if(i->links.begin(), i->links.end(), [](const Link& l) { return l.a == l.b; });
  EXPECT_EQ(loops, 2u);
}

TEST(Graphml, SyntheticVendorAssignmentIsAppliedAndLabelled) {
  auto net = load_graphml_file(kZoo + "Geant2012.graphml.gz", kGeantVendors);
  ASSERT_TRUE(net.ok()) << net.error().message();
  EXPECT_TRUE(net->synthetic);
  EXPECT_NE(net->provenance.find("; vendors from " + kGeantVendors +
                                 " (SYNTHETIC vendor assignment for Geant2012, generated by scripts/synthetic-vendors "
                                 "--seed 1; not real data)"),
            std::string::npos)
      << net->provenance;
  for (const Device& d : net->devices) {
    EXPECT_FALSE(d.equipment.vendor.empty()) << d.id;
    EXPECT_NE(d.role, Role::kUnknown) << d.id;
    EXPECT_FALSE(d.segment.empty()) << d.id;
    EXPECT_TRUE(d.replace_cost) << d.id;
    EXPECT_EQ(d.equipment.source, "synthetic vendor assignment vendor");
  }
  const Device& d0 = net->devices[*net->find_device("0")];
  EXPECT_EQ(d0.equipment.vendor, "Juniper");
  EXPECT_EQ(d0.equipment.model, "MX960");
  EXPECT_EQ(d0.role, Role::kTransmission);
  EXPECT_EQ(d0.segment, "core");
  EXPECT_DOUBLE_EQ(*d0.replace_cost, 221000);
  EXPECT_EQ(d0.equipment.pos.to_string(), kGeantVendors + ":4:1");
  size_t management = std::count_if(net->devices.begin(), net->devices.end(), [](const Device& d) {
    return d.segment == "management" && d.role == Role::kControl;
  });
  EXPECT_EQ(management, 2u);
}

TEST(Graphml, SyntheticVendorsScriptIsDeterministic) {
  if (std::system("python3 -c '' >/dev/null 2>&1") != 0) GTEST_SKIP() << "python3 not available";
  fs::path out = fs::temp_directory_path() / ("cleannet-synthetic-vendors-" + std::to_string(::getpid()) + ".csv");
  std::string cmd =
      "python3 " + kSource + "/scripts/synthetic-vendors " + kZoo + "Geant2012.graphml.gz --seed 1 -o " + out.string();
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  // The committed assignment is the generator's output: a golden (core/testing/golden.h).
  cleannet::testing::expect_golden(kGeantVendors, read_text(out));
  std::string other = out.string() + ".2";
  ASSERT_EQ(std::system(("python3 " + kSource + "/scripts/synthetic-vendors " + kZoo +
                         "Geant2012.graphml.gz --seed 2 -o " + other)
                            .c_str()),
            0);
  std::string seed2 = read_text(other);
  EXPECT_NE(seed2, read_text(kGeantVendors));
  EXPECT_TRUE(seed2.starts_with(
      "# SYNTHETIC vendor assignment for Geant2012, generated by scripts/synthetic-vendors --seed 2; not real data\n"));
  fs::remove(out);
  fs::remove(other);
}

TEST(Graphml, KeysAreReadFromTheirDeclarations) {
  // Unusual key ids, a "for=all" key, edges before nodes, an edge id attribute, LinkSpeed in
  // units, a weight as cost.
  std::string xml = graphml(
      "<key id=\"k1\" for=\"all\" attr.name=\"label\" attr.type=\"string\"/>\n"
      "<key id=\"c\" for=\"node\" attr.name=\"Country\"/>\n"
      "<key id=\"s\" for=\"edge\" attr.name=\"LinkSpeed\"/>\n"
      "<key id=\"u\" for=\"edge\" attr.name=\"LinkSpeedUnits\"/>\n"
      "<key id=\"w\" for=\"edge\" attr.name=\"weight\"/>\n",
      "<data key=\"k1\">Tiny</data>\n"
      "<edge id=\"x1\" source=\"a\" target=\"b\"><data key=\"s\">100</data><data key=\"u\">M</data><data "
      "key=\"w\">3.5</data></edge>\n"
      "<edge source=\"b\" target=\"a\"/>\n"
      "<node id=\"a\"><data key=\"k1\"> Alpha </data><data key=\"c\">Czech Republic</data></node>\n"
      "<node id=\"b\"><data key=\"c\">de</data></node>\n");
  GraphmlDetails details;
  auto net = from_text(xml, &details);
  ASSERT_TRUE(net.ok()) << net.error().message();
  EXPECT_EQ(net->name, "Tiny");
  EXPECT_EQ(net->provenance, "GraphML t.graphml");
  ASSERT_EQ(net->devices.size(), 2u);
  EXPECT_EQ(net->devices[0].name, "Alpha");
  EXPECT_EQ(net->devices[0].country, "CZ");
  EXPECT_EQ(net->devices[1].country, "DE");
  ASSERT_EQ(net->links.size(), 2u);
  EXPECT_EQ(net->links[0].id, "x1");
  EXPECT_DOUBLE_EQ(*net->links[0].capacity, 1e8);
  EXPECT_DOUBLE_EQ(*net->links[0].cost, 3.5);
  EXPECT_EQ(net->links[1].id, "e1");
  EXPECT_FALSE(net->links[1].capacity);
  EXPECT_EQ(details.multi_edges, 1u);
  EXPECT_EQ(net->links[0].pos.to_string(), "t.graphml:10:1");
}

TEST(Graphml, ErrorsHaveLineAndColumn) {
  auto bad = from_text("<graphml>\n  <graph>\n    <node id=\"a\">\n  </graph>\n</graphml>\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(),
            "t.graphml:4:5: expected well-formed XML, found an end tag that does not match its start tag");
  auto undeclared = from_text(graphml("", "<node id=\"a\">\n  <data key=\"d9\">x</data></node>\n"));
  ASSERT_FALSE(undeclared.ok());
  EXPECT_EQ(undeclared.error().message(),
            "t.graphml:5:3: expected a <data> key declared by a <key> element, found \"d9\"");
}

TEST(Graphml, CountryCodes) {
  EXPECT_EQ(iso_country_code("United Kingdom"), "GB");
  EXPECT_EQ(iso_country_code("Myanmar [Burma]"), "MM");
  EXPECT_EQ(iso_country_code("  czech republic "), "CZ");
  EXPECT_EQ(iso_country_code("Curaçao"), "CW");
  EXPECT_EQ(iso_country_code("nl"), "NL");
  EXPECT_EQ(iso_country_code("Kosovo"), "XK");
  EXPECT_FALSE(iso_country_code("Atlantis"));
  EXPECT_FALSE(iso_country_code(""));
}

// --- bad corpus ---------------------------------------------------------------------------

// Every tests/data/bad/netmodel/graphml/NAME.graphml is rejected with exactly the message in
// NAME.expected (one line), the path relative to the repository root as a user would pass it.

TEST(BadGraphml, EachCaseGivesExactlyTheExpectedMessage) {
  // A case may come with a vendor assignment: NAME.vendors.csv.
  testing::check_bad_corpus("tests/data/bad/netmodel/graphml", ".graphml", 5,
                            [](const fs::path& f) -> std::optional<std::string> {
                              fs::path vendors = f;
                              vendors.replace_extension(".vendors.csv");
                              auto net = load_graphml_file(f.string(), fs::exists(vendors) ? vendors.string() : "");
                              if (net) return std::nullopt;
                              return net.error().message();
                            });
}

}  // namespace
}  // namespace cleannet::netmodel
