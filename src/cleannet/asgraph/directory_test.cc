// AS directories (CAIDA as2org, AS-name lists) and AS -> organisation attribution on the
// bundled registry, with the staged name list when it is bundled.
#include "cleannet/asgraph/directory.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "cleannet/asgraph/attribution.h"
#include "cleannet/trust/status.h"

namespace cleannet::asgraph {
namespace {

core::Result<AsDirectory> names(std::string_view text) {
  auto in = core::Input::from_memory("names.txt", text);
  EXPECT_TRUE(in);
  return read_as_names(std::move(*in));
}

core::Result<AsDirectory> as2org(std::string_view text) {
  auto in = core::Input::from_memory("as2org.txt", text);
  EXPECT_TRUE(in);
  return read_as2org(std::move(*in));
}

// In CAIDA's order (organisations first), with an org_name holding a '|'.
constexpr std::string_view kAs2Org =
    "# name: AS Org\n"
    "# format:org_id|changed|org_name|country|source\n"
    "LVLT-ARIN|20120130|Level 3 Communications, Inc.|US|ARIN\n"
    "CT-APNIC|20170101|China Telecom|Backbone|CN|APNIC\n"
    "# format:aut|changed|aut_name|org_id|opaque_id|source\n"
    "1|20120224|LVLT-1|LVLT-ARIN|e5e3b9c13678dfc483fb1f819d70883c_ARIN|ARIN\n"
    "4812|20170101|CHINANET-SH-AP|CT-APNIC|x_APNIC|APNIC\n"
    "3356|20120224|LEVEL3|LVLT-ARIN|y_ARIN|ARIN\n";

TEST(AsDirectory, ReadsAs2Org) {
  auto d = as2org(kAs2Org);
  ASSERT_TRUE(d) << d.error().message();
  EXPECT_EQ(d->source(), DirectorySource::kAs2Org);
  EXPECT_EQ(d->size(), 3u);
  EXPECT_EQ(d->num_organisations(), 2u);
  auto e = d->find(3356);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->name, "LEVEL3");
  EXPECT_EQ(e->org_id, "LVLT-ARIN");
  EXPECT_EQ(e->org_name, "Level 3 Communications, Inc.");
  EXPECT_EQ(e->country, "US");
  EXPECT_EQ(e->line, 8u);
  auto ct = d->find(4812);
  ASSERT_TRUE(ct);
  EXPECT_EQ(ct->org_name, "China Telecom|Backbone");
  EXPECT_EQ(ct->country, "CN");
  EXPECT_FALSE(d->find(2));
  EXPECT_EQ(d->entry(0).asn, 1u);  // ASN order
}

TEST(AsDirectory, As2OrgSectionsInEitherOrder) {
  auto d = as2org(
      "# format:aut|changed|aut_name|org_id|opaque_id|source\n"
      "1|20120224|LVLT-1|LVLT-ARIN|x_ARIN|ARIN\n"
      "# format:org_id|changed|org_name|country|source\n"
      "LVLT-ARIN|20120130|Level 3 Communications, Inc.|US|ARIN\n");
  ASSERT_TRUE(d) << d.error().message();
  EXPECT_EQ(d->find(1)->org_name, "Level 3 Communications, Inc.");
}

TEST(AsDirectory, ReadsAnAsNameList) {
  auto d = names(
      "4134:CHINANET-BACKBONE No.31,Jin-rong Street, CN\n"
      "0:-Reserved AS-, ZZ\n"
      "3356:LEVEL3, US\n");
  ASSERT_TRUE(d) << d.error().message();
  EXPECT_EQ(d->source(), DirectorySource::kAsNames);
  EXPECT_EQ(d->size(), 3u);
  auto e = d->find(4134);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->name, "CHINANET-BACKBONE No.31,Jin-rong Street");
  EXPECT_EQ(e->country, "CN");
  EXPECT_EQ(e->org_name, "");
  EXPECT_EQ(e->line, 1u);
  EXPECT_EQ(d->find(0)->name, "-Reserved AS-");
}

TEST(AsDirectory, NameParts) {
  EXPECT_EQ(name_handle("CUII CHINA UNICOM Industrial Internet Backbone"), "CUII");
  EXPECT_EQ(name_description("CUII CHINA UNICOM Industrial Internet Backbone"),
            "CHINA UNICOM Industrial Internet Backbone");
  EXPECT_EQ(name_description("LEVEL3"), "");
  EXPECT_EQ(first_word("CHINATELECOM-SD-AS-AP"), "CHINATELECOM");
  EXPECT_EQ(first_word("CHINANET Hubei province network"), "CHINANET");
  EXPECT_EQ(first_word("SKG_NW-AS-KR"), "SKG");
}

// --- attribution on the bundled registry -------------------------------------------------

const trust::Registry& bundled() {
  static const trust::Registry reg = [] {
    auto r = trust::load_registry({}, true);
    EXPECT_TRUE(r) << r.error().message();
    return std::move(*r);
  }();
  return reg;
}

std::string org_of(const std::optional<trust::Match>& m) { return m ? bundled().org(m->org).id : "-"; }

TEST(AsAttribution, RegistryAsnsFirstThenNamesThenHandles) {
  trust::Resolver res(bundled());
  auto d = names(
      "4134:CHINANET-BACKBONE No.31,Jin-rong Street, CN\n"
      "4812:CHINANET-SH-AP China Telecom Group, CN\n"
      "132281:CHINAUNICOM-AS-AP China Unicom Singapore Operations Pte Ltd, SG\n"
      "17633:CHINATELECOM-SD-AS-AP ASN for Shandong Provincial Net of CT, CN\n"
      "58563:CT-HUBEI-IDC CHINANET Hubei province network, CN\n"
      "29084:COMNET-AS ComNet Bulgaria, BG\n"
      "42416:COMNET-AS, NL\n"
      "11193:COMNET S.A., AR\n"
      "9705:OKSKHOME-AS SK Co., KR\n"
      "3356:LEVEL3, US\n");
  ASSERT_TRUE(d) << d.error().message();
  AsAttributor at(res, &*d);

  auto m = at.attribute(4134);  // the registry's own ASN wins over any name
  ASSERT_TRUE(m);
  EXPECT_EQ(org_of(m), "china-telecom");
  EXPECT_EQ(m->how, "asn");
  EXPECT_TRUE(m->identifier_verified);

  m = at.attribute(4812);  // description, the normalised name of China Telecom Group Co., Ltd.
  EXPECT_EQ(org_of(m), "china-telecom-group");
  EXPECT_EQ(m->how, "asn-name: normalised");
  EXPECT_EQ(m->confidence, 0.9);
  EXPECT_FALSE(m->identifier_verified);
  EXPECT_EQ(m->via, "AS4812 named \"CHINANET-SH-AP China Telecom Group\" (CN, names.txt:2)");

  m = at.attribute(132281);  // two-word prefix: any country
  EXPECT_EQ(org_of(m), "china-unicom");
  EXPECT_EQ(m->how, "asn-name: name-prefix");
  EXPECT_EQ(m->matched, "china unicom");
  EXPECT_DOUBLE_EQ(m->confidence, 0.7);

  m = at.attribute(17633);  // the handle's brand word, written without spaces
  EXPECT_EQ(org_of(m), "china-telecom");
  EXPECT_EQ(m->how, "asn-name handle");
  EXPECT_DOUBLE_EQ(m->confidence, AsAttributor::kWordConfidence);

  m = at.attribute(58563);  // the description's first word
  EXPECT_EQ(org_of(m), "china-telecom");
  EXPECT_EQ(m->how, "asn-name first word");
  EXPECT_EQ(m->matched, "ChinaNet");

  // One-word matches abroad do not count: not ComNet (USA) LLC.
  EXPECT_FALSE(at.attribute(29084));
  EXPECT_FALSE(at.attribute(42416));
  EXPECT_FALSE(at.attribute(11193));
  // ... but in the organisation's own country they do ("SK" of SK Telecom, in KR).
  EXPECT_EQ(org_of(at.attribute(9705)), "sk-telecom");
  EXPECT_FALSE(at.attribute(3356));
  EXPECT_FALSE(at.attribute(64512));  // not in the directory

  AsAttributor registry_only(res, nullptr);
  EXPECT_EQ(org_of(registry_only.attribute(4134)), "china-telecom");
  EXPECT_FALSE(registry_only.attribute(4812));
}

TEST(AsAttribution, As2OrgGoesThroughTheOrganisationName) {
  trust::Resolver res(bundled());
  auto d = as2org(
      "# format:org_id|changed|org_name|country|source\n"
      "CMCC-APNIC|20170101|China Mobile Communications Corporation|CN|APNIC\n"
      "CT-APNIC|20170101|Chinanet Provincial|CN|APNIC\n"
      "# format:aut|changed|aut_name|org_id|opaque_id|source\n"
      "56040|20170101|CMNET-GUANGDONG-AP|CMCC-APNIC|x|APNIC\n"
      "4811|20170101|CHINANET-SHANGHAI-MAN|CT-APNIC|x|APNIC\n");
  ASSERT_TRUE(d) << d.error().message();
  AsAttributor at(res, &*d);
  auto m = at.attribute(56040);
  EXPECT_EQ(org_of(m), "china-mobile");
  EXPECT_EQ(m->how, "as2org org-name: alias");
  EXPECT_EQ(m->via,
            "AS56040 of organisation CMCC-APNIC \"China Mobile Communications Corporation\" (CN, as2org.txt:5)");
  m = at.attribute(4811);  // the org name does not match; the aut_name's brand word does
  EXPECT_EQ(org_of(m), "china-telecom");
  EXPECT_EQ(m->how, "as2org aut-name handle");
}

// The staged list on the real graph: designated groups get many more ASes than the
// registry lists, and the status comes through ownership.
TEST(AsAttribution, StagedNameListAttributesCarrierGroups) {
  const std::string file = std::string(CLEANNET_SOURCE_DIR) + "/data/internet/caida/asn_names_lookup.txt.xz";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << file << " not found";
  auto in = core::Input::open(file);
  ASSERT_TRUE(in);
  auto d = read_as_names(std::move(*in));
  ASSERT_TRUE(d) << d.error().message();
  EXPECT_EQ(d->size(), 110549u);
  trust::Resolver res(bundled());
  AsAttributor at(res, &*d);
  trust::StatusOptions opt;
  opt.as_of = *core::Date::parse("2024-06-01");
  size_t china_telecom = 0, untrusted = 0;
  for (size_t i = 0; i < d->size(); ++i) {
    auto m = at.attribute(d->entry(i).asn);
    if (!m) continue;
    china_telecom += bundled().org(m->org).id == "china-telecom";
    untrusted += trust::evaluate_status(bundled(), m->org, opt).status == trust::Status::kUntrusted;
  }
  EXPECT_GT(china_telecom, 50u);  // the registry lists 3 of its ASNs
  EXPECT_GT(untrusted, 200u);
  std::cout << "staged name list: " << china_telecom << " ASes attributed to china-telecom, " << untrusted
            << " to untrusted organisations\n";
}

}  // namespace
}  // namespace cleannet::asgraph
