// normalise_name and is_token_prefix: every expected value below was worked out by hand
// from the rules in names.h (fold case and Latin accents, drop dots and apostrophes, other
// punctuation -> spaces, strip legal-form words at the end and a few at the start, never
// strip the last word).
#include "cleannet/trust/names.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace cleannet::trust {
namespace {

struct Case {
  const char* in;
  const char* out;
};

void expect_all(const std::vector<Case>& cases) {
  for (const auto& c : cases) EXPECT_EQ(normalise_name(c.in), c.out) << "input: \"" << c.in << "\"";
}

TEST(NormaliseName, HeaderExamples) {
  EXPECT_EQ(normalise_name("HUAWEI TECHNOLOGIES CO.,LTD"), "huawei technologies");
  EXPECT_EQ(normalise_name("Telefónica, S.A."), "telefonica");
}

TEST(NormaliseName, TrailingLegalForms) {
  expect_all({
      {"Huawei Technologies Co., Ltd.", "huawei technologies"},
      {"Huawei Device Co., Ltd.", "huawei device"},
      {"HUAWEI TECHNOLOGIES CO., LTD", "huawei technologies"},
      {"Hytera Communications Co .,ltd", "hytera communications"},  // as IEEE spells it
      {"Hytera Communications Corporation Limited", "hytera communications"},
      {"Zhejiang Taobao Network Co. Ltd", "zhejiang taobao network"},
      {"ZTE Corporation", "zte"},
      {"zte corporation", "zte"},
      {"Cisco Systems, Inc.", "cisco systems"},
      {"Juniper Networks, Inc.", "juniper networks"},
      {"Baidu, Inc.", "baidu"},
      {"Siemens AG", "siemens"},
      {"Ericsson AB", "ericsson"},
      {"Nokia Oyj", "nokia"},
      {"Elisa Eesti AS", "elisa eesti"},
      {"Orange S.A.", "orange"},
      {"Telefônica Brasil S.A.", "telefonica brasil"},
      {"ComNet (USA) LLC", "comnet usa"},
      {"SubCom, LLC", "subcom"},
      {"Vodafone Libertel B.V.", "vodafone libertel"},
      {"Hrvatski Telekom d.d.", "hrvatski telekom"},
      {"Polkomtel Sp. z o.o.", "polkomtel"},             // sp, z, oo all stripped
      {"Telefónica Germany GmbH & Co. OHG", "telefonica germany"},
      {"SoftBank Corp.", "softbank"},
      {"Tencent Holdings Limited", "tencent holdings"},
      {"Reliance Jio Infocomm Limited", "reliance jio infocomm"},
      {"Acme Incorporated", "acme"},
      {"Acme Company", "acme"},
      {"Acme Pty Ltd", "acme"},
      {"Acme Sdn. Bhd.", "acme"},
      {"Acme PLC", "acme"},
  });
}

TEST(NormaliseName, SlashedAndRunTogetherLegalForms) {
  // "A/S" is split by the slash into "a" and "s"; the pair is stripped as one legal form.
  EXPECT_EQ(normalise_name("TDC Holding A/S"), "tdc holding");
  EXPECT_EQ(normalise_name("TDC Holding AS"), "tdc holding");
  EXPECT_EQ(normalise_name("Nokia Danmark A/S"), "nokia danmark");
  // A bare "A/S" is not stripped to nothing.
  EXPECT_EQ(normalise_name("A/S"), "a s");
  // "Co.Ltd" without a space, as 154 IEEE registrants write it.
  EXPECT_EQ(normalise_name("Shenzhen Example Technology Co.Ltd"), "shenzhen example technology");
  // A no-break space separates words like a space.
  EXPECT_EQ(normalise_name("Huawei\u00a0Technologies Co., Ltd."), "huawei technologies");
}

TEST(NormaliseName, LeadingLegalForms) {
  expect_all({
      {"AO Kaspersky Lab", "kaspersky lab"},
      {"OOO Yandex", "yandex"},
      {"OAO Rostelecom", "rostelecom"},
      {"PJSC Rostelecom", "rostelecom"},
      {"PT Telkom Indonesia Tbk", "telkom indonesia"},
      {"The Boeing Company", "boeing"},
      // Leading words are stripped only at the start.
      {"Kaspersky AO Lab", "kaspersky ao lab"},
  });
}

TEST(NormaliseName, LegalWordsInsideTheNameStay) {
  expect_all({
      {"Co-operative Bank Ltd", "co operative bank"},
      {"Limited Brands Inc", "limited brands"},
      {"Huawei Technologies Co., Ltd. Networks", "huawei technologies co ltd networks"},
      {"SK Telecom Co., Ltd.", "sk telecom"},
  });
}

TEST(NormaliseName, Accents) {
  expect_all({
      {"Telefónica", "telefonica"},
      {"TELEFÓNICA", "telefonica"},
      {"Telefônica Brasil", "telefonica brasil"},
      {"Brähler ICS Konferenztechnik AG", "brahler ics konferenztechnik"},
      {"Straße GmbH", "strasse"},
      {"Société Générale S.A.", "societe generale"},
      {"Łódź Systems", "lodz systems"},
      {"ÆRØ Øresund A.S.", "aero oresund"},  // "A.S." -> "as", stripped
  });
}

TEST(NormaliseName, Punctuation) {
  expect_all({
      {"  China   Telecom\t(Americas)  Corporation ", "china telecom americas"},
      {"China Telecom (Americas) Corporation", "china telecom americas"},
      {"AT&T Inc.", "at t"},
      {"Xi'an Novastar Tech Co., Ltd", "xian novastar tech"},  // the apostrophe is dropped
      {"S.A.", "sa"},
      {"ASN (Alcatel Submarine Networks)", "asn alcatel submarine networks"},
      {"Hella Sonnen- und Wetterschutztechnik GmbH", "hella sonnen und wetterschutztechnik"},
      {"3 Ireland", "3 ireland"},
      {"musical.ly", "musically"},
      {"HUAWEI---TECHNOLOGIES;;CO.,LTD!!!", "huawei technologies"},
  });
}

TEST(NormaliseName, NeverStripsTheLastWord) {
  expect_all({
      {"Inc.", "inc"},
      {"Co., Ltd.", "co"},        // "ltd" stripped, then "co" is the only word left
      {"Corporation", "corporation"},
      {"AO", "ao"},
      {"AO Inc", "ao"},           // trailing first: "inc" goes, "ao" is then alone
      {"The Co", "the"},
      {"GmbH & Co. KG", "gmbh"},
      {"PT", "pt"},
  });
}

TEST(NormaliseName, NothingToKeep) {
  // Only names without a letter or digit normalise to "" (the registry rejects such aliases).
  EXPECT_EQ(normalise_name(""), "");
  EXPECT_EQ(normalise_name("..."), "");
  EXPECT_EQ(normalise_name(" - , / "), "");
  EXPECT_EQ(normalise_name("''"), "");
}

TEST(NormaliseName, NonLatinTextIsKeptAsOneWord) {
  EXPECT_EQ(normalise_name("华为技术有限公司"), "华为技术有限公司");
  EXPECT_EQ(normalise_name("华为 Technologies Co."), "华为 technologies");
}

TEST(NormaliseName, Idempotent) {
  for (const char* s : {"HUAWEI TECHNOLOGIES CO.,LTD", "Telefónica, S.A.", "AO Kaspersky Lab", "AO Inc", "The Co",
                        "Polkomtel Sp. z o.o.", "PT Telkom Indonesia Tbk", "Co., Ltd.", "Xi'an Novastar Tech Co., Ltd",
                        "ComNet (USA) LLC"}) {
    std::string once = normalise_name(s);
    EXPECT_EQ(normalise_name(once), once) << s;
    EXPECT_FALSE(once.empty()) << s;
  }
}

TEST(IsTokenPrefix, WholeTokens) {
  EXPECT_TRUE(is_token_prefix("huawei", "huawei device"));
  EXPECT_TRUE(is_token_prefix("huawei", "huawei"));
  EXPECT_TRUE(is_token_prefix("china telecom", "china telecom americas"));
  EXPECT_TRUE(is_token_prefix("a b", "a b c"));
  EXPECT_FALSE(is_token_prefix("huawei", "huaweicloud"));
  EXPECT_FALSE(is_token_prefix("huawei tech", "huawei technologies"));
  EXPECT_FALSE(is_token_prefix("huawei device co", "huawei device"));  // longer than the name
  EXPECT_FALSE(is_token_prefix("device", "huawei device"));            // a prefix, not a suffix
  EXPECT_FALSE(is_token_prefix("", "huawei"));
  EXPECT_FALSE(is_token_prefix("", ""));
  EXPECT_FALSE(is_token_prefix("zte", "aztech"));
}

TEST(IsTokenPrefix, OnNormalisedNames) {
  EXPECT_TRUE(is_token_prefix(normalise_name("Huawei"), normalise_name("Huawei Device Co., Ltd.")));
  EXPECT_TRUE(
      is_token_prefix(normalise_name("Huawei Technologies Company"), normalise_name("HUAWEI TECHNOLOGIES CO.,LTD")));
  EXPECT_FALSE(is_token_prefix(normalise_name("ZTE"), normalise_name("ZTEC Instruments, Inc.")));
  EXPECT_FALSE(is_token_prefix(normalise_name("ZTE"), normalise_name("SHANGHAI ZTE TECHNOLOGIES CO.,LTD")));
}

}  // namespace
}  // namespace cleannet::trust
