#include "cleannet/registry/import.h"

#include <gtest/gtest.h>

#include "cleannet/core/testing/bad_corpus.h"
#include "cleannet/core/testing/golden.h"
#include "cleannet/trust/status.h"

namespace cleannet::registry {
namespace {

namespace fs = std::filesystem;

ImportRequest request(std::vector<std::string> files) {
  ImportRequest r;
  r.files = std::move(files);
  r.list = {"Example Operator vendor review", "Example Operator security office", "https://example.org/review",
            "Synthetic example list"};
  return r;
}

// The hand-made review (tests/data/registry/import/README.md), row by row: Huawei by its
// normalised name, ZTE by alias, a new organisation from two spellings of one name (one
// designation ended), China Telecom Americas by its alias, Huawei Marine Networks as the
// registry's HMN Tech (not as Huawei), a trusted new supplier. A row whose
// name and identifiers name different organisations is an error
// (tests/data/bad/registry-import/conflict.csv).
TEST(RegistryImport, MatchesRowsAndWritesALayerThatLoads) {
  fs::current_path(CLEANNET_SOURCE_DIR);
  auto layer = import_list(request({"tests/data/registry/import/vendor-review.csv"}));
  ASSERT_TRUE(layer.ok()) << layer.error().message();
  std::vector<std::string> got;
  for (const auto& m : layer->matches) got.push_back(m.text());
  const std::string f = "tests/data/registry/import/vendor-review.csv";
  EXPECT_EQ(got[0], f + ":2: \"Huawei Technologies Co. Ltd\" -> huawei (name matched normalised \"huawei "
                        "technologies\", confidence 0.90)");
  EXPECT_EQ(got[1], f + ":3: \"ZTE\" -> zte (name matched alias \"ZTE\", confidence 1.00)");
  EXPECT_EQ(got[2], f + ":4: \"Example Cams Ltd\" -> example-cams (new organisation)");
  EXPECT_EQ(got[3], f + ":5: \"EXAMPLE CAMS LTD.\" -> example-cams (new organisation)");
  EXPECT_EQ(got[4], f + ":6: \"China Telecom Americas\" -> china-telecom-americas (name matched alias \"China Telecom "
                        "Americas\", confidence 1.00)");
  EXPECT_EQ(got[5], f + ":7: \"Huawei Marine Networks Co. Ltd\" -> hmn-tech (name matched normalised \"huawei marine "
                        "networks\", confidence 0.90)");
  EXPECT_EQ(got[6], f + ":8: \"Example Optics GmbH\" -> example-optics (new organisation)");
  EXPECT_EQ(layer->organisations_new, 2u);
  EXPECT_EQ(layer->organisations_matched, 4u);
  EXPECT_EQ(layer->designations, 7u);
  testing::expect_golden("tests/data/registry/import/vendor-review.expected.toml", layer->toml);

  // Loaded as users load it: the new supplier is untrusted by the import, its earlier
  // listing ended.
  auto reg = trust::load_registry({"tests/data/registry/import/vendor-review.expected.toml"}, true);
  ASSERT_TRUE(reg.ok()) << reg.error().message();
  trust::Resolver resolver(*reg);
  auto m = resolver.resolve(*trust::parse_identifier("excams-cdn.example"));
  ASSERT_TRUE(m);
  EXPECT_EQ(reg->org(m->org).id, "example-cams");
  trust::StatusOptions opt;
  opt.as_of = *core::Date::parse("2024-06-01");
  EXPECT_EQ(trust::evaluate_status(*reg, m->org, opt).status, trust::Status::kUntrusted);
  opt.as_of = *core::Date::parse("2025-06-01");
  EXPECT_EQ(trust::evaluate_status(*reg, m->org, opt).status, trust::Status::kUnknown);
  opt.as_of = *core::Date::parse("2026-06-01");
  EXPECT_EQ(trust::evaluate_status(*reg, m->org, opt).status, trust::Status::kUntrusted);
}

TEST(RegistryImport, BadInputsAreRejectedWithTheirPlace) {
  testing::check_bad_corpus("tests/data/bad/registry-import", ".csv", 15,
                            [](const fs::path& f) -> std::optional<std::string> {
                              auto layer = import_list(request({f.string()}));
                              if (layer) return std::nullopt;
                              return layer.error().message();
                            });
}

ImportRequest csl(std::vector<std::string> files) {
  ImportRequest r;
  r.format = ImportFormat::kCsl;
  r.files = std::move(files);
  return r;
}

// The hand-made CSL file (tests/data/registry/import/README.md): the affiliate packed into
// Huawei's name is the listed party, a new organisation under Huawei (unverified: an
// affiliation is not a confirmed ownership); ZTE matched, its listing ended; the individual
// skipped; the CMIC row undated, with its aliases. Each CSL source is a list of its own.
TEST(RegistryImport, ConsolidatedScreeningListCsv) {
  fs::current_path(CLEANNET_SOURCE_DIR);
  auto layer = import_list(csl({"tests/data/registry/import/csl-sample.csv"}));
  ASSERT_TRUE(layer.ok()) << layer.error().message();
  ASSERT_EQ(layer->matches.size(), 3u);
  EXPECT_EQ(layer->skipped, 1u);
  EXPECT_EQ(layer->matches[0].org, "example-huawei-cloud-subsidiary");
  EXPECT_TRUE(layer->matches[0].created);
  EXPECT_EQ(layer->matches[0].how, "listed as part of huawei");
  EXPECT_EQ(layer->matches[1].org, "zte");
  EXPECT_EQ(layer->matches[2].org, "example-military-electronics");
  testing::expect_golden("tests/data/registry/import/csl-sample.expected.toml", layer->toml);
  auto reg = trust::load_registry({"tests/data/registry/import/csl-sample.expected.toml"}, true);
  ASSERT_TRUE(reg.ok()) << reg.error().message();
  const auto& sub = reg->org(*reg->find_id("example-huawei-cloud-subsidiary"));
  ASSERT_EQ(sub.owners.size(), 1u);
  EXPECT_EQ(sub.owners[0].owner, "huawei");
  EXPECT_FALSE(sub.owners[0].share);
  EXPECT_FALSE(sub.owners[0].verified);
  ASSERT_EQ(sub.designations.size(), 1u);
  EXPECT_EQ(sub.designations[0].list, "Entity List (EL) - Bureau of Industry and Security");
  EXPECT_EQ(sub.designations[0].date->to_string(), "2020-08-20");
  EXPECT_EQ(sub.designations[0].quote,
            "Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity:  Example Huawei Cloud Subsidiary Co., Ltd.");
  EXPECT_EQ(sub.designations[0].source_url, "https://example.org/csl/el-info");
  const auto& mil = reg->org(*reg->find_id("example-military-electronics"));
  EXPECT_FALSE(mil.designations[0].date.has_value());
  EXPECT_EQ(mil.aliases, (std::vector<std::string>{"EXAMPLE MIL ELEC", "EMEC"}));
}

// The same records as the API's JSON give the same rows.
TEST(RegistryImport, ConsolidatedScreeningListJsonEqualsCsv) {
  fs::current_path(CLEANNET_SOURCE_DIR);
  auto from_csv = read_import_csl(*core::Input::open("tests/data/registry/import/csl-sample.csv"));
  auto from_json = read_import_csl(*core::Input::open("tests/data/registry/import/csl-sample.json"));
  ASSERT_TRUE(from_csv.ok()) << from_csv.error().message();
  ASSERT_TRUE(from_json.ok()) << from_json.error().message();
  EXPECT_EQ(from_json->skipped, from_csv->skipped);
  ASSERT_EQ(from_json->rows.size(), from_csv->rows.size());
  for (size_t i = 0; i < from_csv->rows.size(); ++i) {
    const ImportRow &a = from_csv->rows[i], &b = from_json->rows[i];
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.parent_name, b.parent_name);
    EXPECT_EQ(a.aliases, b.aliases);
    EXPECT_EQ(a.date, b.date);
    EXPECT_EQ(a.until, b.until);
    EXPECT_EQ(a.source_url, b.source_url);
    EXPECT_EQ(a.quote, b.quote);
    EXPECT_EQ(a.note, b.note);
    EXPECT_EQ(a.list.name, b.list.name);
    EXPECT_EQ(a.list.url, b.list.url);
  }
}

TEST(RegistryImport, ConsolidatedScreeningListBadInputs) {
  auto error_of = [](const fs::path& f) -> std::optional<std::string> {
    auto layer = import_list(csl({f.string()}));
    if (layer) return std::nullopt;
    return layer.error().message();
  };
  testing::check_bad_corpus("tests/data/bad/registry-import-csl", ".csv", 7, error_of);
  testing::check_bad_corpus("tests/data/bad/registry-import-csl-json", ".json", 2, error_of);
}

// The real CSL samples staged for this project (both layouts), when present: every party
// imported, the layer loads.
TEST(RegistryImport, StagedConsolidatedScreeningListSamples) {
  const fs::path dir =
      fs::path(CLEANNET_SOURCE_DIR) / ".." / "shared" / "data" / "registry" / "updates-2026-12" / "samples" / "csl";
  if (!fs::exists(dir)) GTEST_SKIP() << dir << " is absent";
  struct Case {
    const char* file;
    size_t designations, skipped;
  };
  for (const Case& c :
       {Case{"moov-watchman_consolidated.csv", 9, 4}, Case{"moov-watchman_csl_legacy_2019.csv", 93, 22}}) {
    auto layer = import_list(csl({(dir / c.file).string()}));
    ASSERT_TRUE(layer.ok()) << layer.error().message();
    EXPECT_EQ(layer->designations, c.designations) << c.file;
    EXPECT_EQ(layer->skipped, c.skipped) << c.file;
  }
}

ImportRequest ftm(std::vector<std::string> files) {
  ImportRequest r;
  r.format = ImportFormat::kFtm;
  r.files = std::move(files);
  return r;
}

// The hand-made FtM file (tests/data/registry/import/README.md): the made-up company's two
// sanctions (one ended, one with a partial date only) with its 60% owner in the note (not as
// parent: the registry does not know the owner), Hikvision matched by name through a nested
// entity reference, the person's sanction skipped, the deleted entity ignored.
TEST(RegistryImport, FollowTheMoneyEntities) {
  fs::current_path(CLEANNET_SOURCE_DIR);
  auto layer = import_list(ftm({"tests/data/registry/import/ftm-sample.ftm.json"}));
  ASSERT_TRUE(layer.ok()) << layer.error().message();
  // Three sanctions, then the organisations linked to the listed one by holdings (owner,
  // subsidiary, minority investee), in the file's id order.
  ASSERT_EQ(layer->matches.size(), 6u);
  EXPECT_EQ(layer->skipped, 1u);
  EXPECT_EQ(layer->designations, 3u);
  EXPECT_EQ(layer->matches[0].org, "example-military-technology");
  EXPECT_EQ(layer->matches[1].org, "hikvision");
  EXPECT_EQ(layer->matches[2].org, "example-military-technology");
  EXPECT_EQ(layer->matches[3].org, "example-minority-investee");
  EXPECT_EQ(layer->matches[4].org, "example-defence-holding-group");
  EXPECT_EQ(layer->matches[5].org, "example-military-technology-shenzhen");
  testing::expect_golden("tests/data/registry/import/ftm-sample.expected.toml", layer->toml);
  auto reg = trust::load_registry({"tests/data/registry/import/ftm-sample.expected.toml"}, true);
  ASSERT_TRUE(reg.ok()) << reg.error().message();
  const auto& acme = reg->org(*reg->find_id("example-military-technology"));
  ASSERT_EQ(acme.designations.size(), 2u);
  EXPECT_EQ(acme.designations[0].list, "Department of Defense: Section 1260H list");
  EXPECT_EQ(acme.designations[0].date->to_string(), "2024-01-31");
  EXPECT_EQ(acme.designations[0].until->to_string(), "2026-02-17");
  EXPECT_FALSE(acme.designations[1].date.has_value());  // "2026-06" is no day
  ASSERT_EQ(acme.owners.size(), 1u);
  EXPECT_EQ(acme.owners[0].owner, "example-defence-holding-group");
  EXPECT_EQ(*acme.owners[0].share, 60);
  EXPECT_EQ(acme.owners[0].since->to_string(), "2019-01-01");
  // The subsidiary the list does not name inherits through the 100% holding; the 20%
  // investee only under a rule that lets a 20% holding pass.
  auto sub = *reg->find_id("example-military-technology-shenzhen");
  auto minor = *reg->find_id("example-minority-investee");
  ASSERT_EQ(reg->org(sub).owners.size(), 1u);
  EXPECT_EQ(*reg->org(sub).owners[0].share, 100);
  EXPECT_EQ(reg->org(sub).owners[0].source_url, "https://example.org/ftm/registry-extract");
  EXPECT_TRUE(reg->org(sub).designations.empty());
  trust::StatusOptions opt;
  opt.as_of = *core::Date::parse("2025-01-01");
  auto vs = trust::evaluate_status(*reg, sub, opt);
  EXPECT_EQ(vs.status, trust::Status::kUntrusted);
  EXPECT_EQ(vs.basis, trust::StatusBasis::kInherited);
  ASSERT_EQ(vs.links.size(), 1u);
  EXPECT_EQ(reg->org(vs.chain[1]).id, "example-military-technology");
  EXPECT_EQ(trust::evaluate_status(*reg, minor, opt).status, trust::Status::kUnknown);
  opt.ownership = *trust::OwnershipRule::parse("20%");
  EXPECT_EQ(trust::evaluate_status(*reg, minor, opt).status, trust::Status::kUntrusted);
  const auto& hik = reg->org(*reg->find_id("hikvision"));
  bool found = false;
  for (const auto& d : hik.designations)
    if (d.list == "Department of Defense: Section 1260H list") found = d.date && d.date->to_string() == "2021-06-03";
  EXPECT_TRUE(found);
}

TEST(RegistryImport, FollowTheMoneyBadInputs) {
  testing::check_bad_corpus("tests/data/bad/registry-import-ftm", ".ftm.json", 7,
                            [](const fs::path& f) -> std::optional<std::string> {
                              auto layer = import_list(ftm({f.string()}));
                              if (layer) return std::nullopt;
                              return layer.error().message();
                            });
}

// The real FtM samples staged for this project, when present: they import and the layer loads.
TEST(RegistryImport, StagedFollowTheMoneySamples) {
  const fs::path dir = fs::path(CLEANNET_SOURCE_DIR) / ".." / "shared" / "data" / "registry" / "updates-2026-12" /
                       "samples" / "opensanctions";
  if (!fs::exists(dir)) GTEST_SKIP() << dir << " is absent";
  auto layer = import_list(ftm({(dir / "yente_zala_entities.ftm.json").string()}));
  ASSERT_TRUE(layer.ok()) << layer.error().message();
  EXPECT_EQ(layer->designations, 28u);
  EXPECT_EQ(layer->skipped, 13u);
  // ZALA Aero, and the two owners its Ownership entities name: JSC NPO IZHMASH (share not
  // stated) and TransKomplektHolding (2% since 2019-05-24).
  EXPECT_EQ(layer->organisations_new, 3u);
  EXPECT_NE(layer->toml.find("[[organisation.owner]]\nid = \"jsc-npo-izhmash\"\nnote = "), std::string::npos);
  EXPECT_NE(layer->toml.find("share = 2\nsince = 2019-05-24\n"), std::string::npos);
  for (const char* f : {"yente_t1_entities.ftm.json", "yente_t2_entities.delta.json"}) {
    auto l = import_list(ftm({(dir / f).string()}));
    ASSERT_TRUE(l.ok()) << l.error().message();
    EXPECT_EQ(l->designations, 0u) << f;
  }
}

// Names that differ only in case, punctuation and legal form are one new organisation; the
// ids of new organisations never collide with the registry's or each other's.
TEST(RegistryImport, NewIdsAreUniqueAndStable) {
  trust::Registry reg = *trust::load_registry({}, true);
  trust::Resolver resolver(reg);
  std::vector<ImportRow> rows;
  for (const char* name : {"Acme Widgets", "ACME WIDGETS", "Acme-Widgets", "Huawei Acme"}) {
    ImportRow r;
    r.name = name;
    r.source_url = "https://example.org/";
    r.pos = core::SourcePos("t.csv", static_cast<uint32_t>(rows.size() + 2));
    rows.push_back(r);
  }
  auto layer = build_layer(rows, {"L", "", "", ""}, resolver, {"t.csv"});
  ASSERT_TRUE(layer.ok());
  EXPECT_EQ(layer->matches[0].org, "acme-widgets");
  EXPECT_EQ(layer->matches[1].org, "acme-widgets");
  EXPECT_EQ(layer->matches[2].org, "acme-widgets");
  EXPECT_EQ(layer->organisations_new, 2u);
  // A name that only begins like a known one is a new organisation, and the report says so.
  EXPECT_EQ(layer->matches[3].org, "huawei-acme");
  EXPECT_TRUE(layer->matches[3].created);
  EXPECT_NE(layer->matches[3].how.find("resembles huawei"), std::string::npos) << layer->matches[3].how;
  auto again = build_layer(rows, {"L", "", "", ""}, resolver, {"t.csv"});
  EXPECT_EQ(again->toml, layer->toml);
}

}  // namespace
}  // namespace cleannet::registry
