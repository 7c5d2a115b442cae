// attribute_mac on a small hand-written IEEE data set in the ieee-data layout (synthetic: the
// rows copy the real registrants of these assignments, ieee-data of 2022-08-27) and the
// bundled registry; then optional checks on the installed Debian ieee-data.
#include "cleannet/trust/mac_attribution.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "cleannet/core/testing/bad_corpus.h"
#include "cleannet/trust/identifier.h"

namespace cleannet::trust {
namespace {

namespace fs = std::filesystem;

const Registry& bundled() {
  static const Registry reg = [] {
    RegistryBuilder b;
    for (auto& e : b.add_layer(kBundledRegistryName, bundled_registry_toml())) ADD_FAILURE() << e.message();
    for (auto& e : b.finish()) ADD_FAILURE() << e.message();
    return b.take();
  }();
  return reg;
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

constexpr const char* kHeader = "Registry,Assignment,Organization Name,Organization Address\n";

// A directory of oui.csv and mam.csv; with `lastupdate` a .lastupdate as Debian writes it.
// The folder is the process's own: ctest runs each test of this file as a process of its
// own, in parallel, and a shared folder was removed by one while another read it.
fs::path make_dir(const std::string& name, const char* lastupdate) {
  fs::path dir =
      fs::temp_directory_path() / ("cleannet-mac-attribution-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  write(dir / "oui.csv",
        std::string(kHeader) +
            "MA-L,00D0D0,ZHONGXING TELECOM LTD.,\"8-9F BUILDING 54,301#   CN  \"\n"
            "MA-L,AC64DD,IEEE Registration Authority,445 Hoes Lane Piscataway NJ US 08554 \n"
            "MA-L,08F80D,IEEE Registration Authority,445 Hoes Lane Piscataway NJ US 08554 \n"
            "MA-L,AA0004,DIGITAL EQUIPMENT CORPORATION,LKG 1-2/A19 LITTLETON MA US 01460-1289 \n"
            "MA-L,001882,\"HUAWEI TECHNOLOGIES CO.,LTD\",\"No.2 Xin Cheng Road, Dongguan CN 523808 \"\n");
  write(dir / "mam.csv", std::string(kHeader) +
                             "MA-M,AC64DD5,\"SHANGHAI ZTE TECHNOLOGIES CO.,LTD\",\"Bibo Road, Shanghai CN 201210 \"\n"
                             "MA-M,08F80D6,\"SEDA CHEMICAL PRODUCTS CO., LTD.\",\"New Taipei City  TW 23942 \"\n");
  if (lastupdate) write(dir / ".lastupdate", lastupdate);
  return dir;
}

struct Fixture {
  explicit Fixture(const fs::path& d)
      : dir(d.string()), ieee(*IeeeOuiRegistry::load_dir(dir)), resolver(bundled(), &ieee) {}
  std::string dir;
  IeeeOuiRegistry ieee;
  Resolver resolver;
  MacAttribution at(const char* mac, bool local = false, std::vector<std::string> vendors = {}) const {
    return attribute_mac(resolver, *parse_oui(mac), local, vendors);
  }
};

const Fixture& fixture() {
  static const Fixture f(make_dir("debian", "1661630937\n"));  // 2022-08-27T20:08:57Z
  return f;
}

std::string org_of(const MacAttribution& a) { return a.match ? bundled().org(a.match->org).id : ""; }

TEST(IeeeData, DateFromLastupdate) {
  EXPECT_EQ(fixture().ieee.data_date(), "2022-08-27");
  EXPECT_EQ(fixture().ieee.describe(), "data of 2022-08-27 (" + fixture().dir + ")");
}

TEST(IeeeData, DateFromNewestFileWithoutLastupdate) {
  fs::path dir = make_dir("downloaded", nullptr);
  auto at = [](int y, unsigned m, unsigned d) {
    std::chrono::sys_seconds sys = std::chrono::sys_days(std::chrono::year(y) / m / d) + std::chrono::hours(12);
    return std::chrono::file_clock::from_sys(sys);
  };
  fs::last_write_time(dir / "oui.csv", at(2026, 11, 30));
  fs::last_write_time(dir / "mam.csv", at(2026, 12, 1));
  auto r = IeeeOuiRegistry::load_dir(dir.string());
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->data_date(), "2026-12-01");
}

TEST(MacAttribution, ZteOldNameAndShanghaiSubsidiary) {
  auto old = fixture().at("00:d0:d0:12:34:56");
  EXPECT_EQ(org_of(old), "zte");
  EXPECT_EQ(old.match->how, "ieee-oui");
  auto sh = fixture().at("ac:64:dd:52:34:56");
  EXPECT_EQ(org_of(sh), "zte");
  ASSERT_NE(sh.ieee, nullptr);
  EXPECT_EQ(sh.ieee->registry, "MA-M");
  EXPECT_EQ(sh.unknown_reason, "");
}

TEST(MacAttribution, RegistrationAuthorityBlockMissingFromData) {
  auto a = fixture().at("08:f8:0d:c1:23:45", false, {"Zmbizi APP"});
  EXPECT_FALSE(a.match);
  EXPECT_EQ(a.ieee, nullptr);
  ASSERT_NE(a.ra_parent, nullptr);
  EXPECT_EQ(a.unknown_reason,
            "MA-L 08:F8:0D is registered to IEEE Registration Authority, which sub-assigns "
            "MA-M/MA-S blocks; block not in data of 2022-08-27 (" +
                fixture().dir + ")");
  // A block that is in the data names its registrant, not the RA.
  auto b = fixture().at("08:f8:0d:61:23:45");
  ASSERT_NE(b.ieee, nullptr);
  EXPECT_EQ(b.ieee->organisation, "SEDA CHEMICAL PRODUCTS CO., LTD.");
  EXPECT_EQ(b.ra_parent, nullptr);
}

TEST(MacAttribution, LocallyAdministeredBitWithAnAssignment) {
  auto dec = fixture().at("aa:00:04:00:12:34", true);
  EXPECT_TRUE(dec.attributable);
  ASSERT_NE(dec.ieee, nullptr);
  EXPECT_EQ(dec.ieee->organisation, "DIGITAL EQUIPMENT CORPORATION");
  auto random = fixture().at("da:a1:19:5c:3e:7b", true, {"Huawei"});
  EXPECT_FALSE(random.attributable);
  EXPECT_FALSE(random.match);
}

TEST(MacAttribution, ScanVendorIsSecondaryEvidence) {
  auto a = fixture().at("00:4b:0d:12:34:56", false, {"", "Unknown Co", "Huawei Device"});
  EXPECT_EQ(org_of(a), "huawei");
  ASSERT_TRUE(a.match);
  EXPECT_EQ(a.match->how, "scan-vendor");
  EXPECT_EQ(a.match->matched, "Huawei Device");
  EXPECT_FALSE(a.match->identifier_verified);
  EXPECT_EQ(a.unknown_reason, "no IEEE assignment in data of 2022-08-27 (" + fixture().dir + ")");
  EXPECT_NE(a.match->via.find(a.unknown_reason), std::string::npos) << a.match->via;
  // Lower confidence than the same name as an IEEE registrant.
  auto ieee = fixture().at("00:18:82:12:34:56");
  ASSERT_TRUE(ieee.match);
  EXPECT_EQ(ieee.match->how, "ieee-oui");
  EXPECT_LT(a.match->confidence, ieee.match->confidence);
  auto nm = fixture().resolver.resolve_name("Huawei Device");
  ASSERT_TRUE(nm);
  EXPECT_DOUBLE_EQ(a.match->confidence, nm->confidence * kScanVendorWeight);
}

TEST(MacAttribution, IeeeAssignmentWinsOverScanVendor) {
  auto a = fixture().at("00:18:82:12:34:56", false, {"Cisco Systems"});
  EXPECT_EQ(org_of(a), "huawei");
  EXPECT_EQ(a.match->how, "ieee-oui");
}

TEST(MacAttribution, WithoutIeeeData) {
  Resolver r(bundled(), nullptr);
  auto a = attribute_mac(r, *parse_oui("00:4b:0d:12:34:56"), false, {"Huawei Device"});
  EXPECT_EQ(a.unknown_reason, "no IEEE data");
  EXPECT_EQ(org_of(a), "huawei");
}

// A newer IEEE set given by the user is read row by row like Debian's: bad rows are file:line
// errors (tests/data/bad/trust/ieee).
TEST(IeeeData, BadCorpus) {
  testing::check_bad_corpus("tests/data/bad/trust/ieee", ".csv", 7,
                            [](const fs::path& f) -> std::optional<std::string> {
                              auto in = core::Input::open(f.string());
                              if (!in) return in.error().message();
                              IeeeOuiRegistry r;
                              auto st = r.add_csv(std::move(*in));
                              if (st) return std::nullopt;
                              return st.error().message();
                            });
}

// The installed Debian data (optional): real registrants, ZTE under two of its IEEE
// assignments and DEC's AA-00-04, whose registrant name is reported as IEEE lists it.
TEST(MacAttributionDebian, RegistrantsOfIssue15) {
  if (!fs::exists(std::string(IeeeOuiRegistry::kDefaultDir) + "/oui.csv")) GTEST_SKIP() << "no ieee-data";
  auto ieee = IeeeOuiRegistry::load_dir(IeeeOuiRegistry::kDefaultDir);
  ASSERT_TRUE(ieee) << ieee.error().message();
  EXPECT_FALSE(ieee->data_date().empty());
  Resolver r(bundled(), &*ieee);
  EXPECT_EQ(org_of(attribute_mac(r, *parse_oui("00:D0:D0:12:34:56"), false, {})), "zte");
  EXPECT_EQ(org_of(attribute_mac(r, *parse_oui("AC:64:DD:52:34:56"), false, {})), "zte");
  auto dec = attribute_mac(r, *parse_oui("AA:00:04:00:12:34"), true, {});
  ASSERT_NE(dec.ieee, nullptr);
  EXPECT_EQ(dec.ieee->organisation, "DIGITAL EQUIPMENT CORPORATION");
}

}  // namespace
}  // namespace cleannet::trust
