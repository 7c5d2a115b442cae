// APK readers on the real staged APKs (facts checked against Debian's apksigner 31.0.2 and
// aapt/dexdump via apks_summary.json), on the malformed corpus tests/data/bad/apps/, and
// on small synthetic archives for ZIP64 and stored entries.
#include "cleannet/apps/apk.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cleannet/core/testing/bad_corpus.h"

namespace cleannet::apps {
namespace {

std::string data_path(const std::string& name) { return std::string(CLEANNET_SOURCE_DIR) + "/tests/data/apps/" + name; }

struct Golden {
  const char* file;
  const char* package;
  const char* version_code;
  const char* version_name;
  const char* cert_sha256;  // apksigner verify --print-certs
  uint32_t classes;         // apks_summary.json dex_classes (dexdump)
  const char* first_class;
};

// Values from apksigner (certificate) and aapt/dexdump (tests/data/apps/PROVENANCE.md).
const Golden kGoldens[] = {
    {"fdroidserver_com.politedroid_6.apk", "com.politedroid", "6", "1.5",
     "32a23624c201b949f085996ba5ed53d40f703aca4989476949cae891022e0ed6", 11, nullptr},
    {"fdroidserver_souch.smsbypass_9.apk", "souch.smsbypass", "9",
     "@7F050007",  // aapt resolves it to "0.9" via resources.arsc
     "d3aec784b1fd71549fc22c999789122e3639895db6bd585da5835fbe3db6985c", 50, nullptr},
    {"fdroidserver_org.dyndns.fules.ck_20.apk", "org.dyndns.fules.ck", "20", "@7F050026",  // aapt: "v1.9.2"
     "9326a2cc1a2f148202bc7837a0af3b81200bd37fd359c9e13a2296a71d342056", 32, nullptr},
    {"bugly-upgrade-demo_com.bugly.upgrade.demo_11.apk", "com.bugly.upgrade.demo", "11", "1.1",
     "e68b53ff23280b891557a28a7c48c2016d8521ae03cd9f4cbbe684d34bf5e02f", 1558, nullptr},
};

TEST(ApkGolden, StagedApksMatchApksignerAndDexdump) {
  for (const Golden& g : kGoldens) {
    SCOPED_TRACE(g.file);
    auto apk = inspect_apk_file(data_path(g.file));
    ASSERT_TRUE(apk.ok()) << apk.error().message();
    EXPECT_EQ(apk->manifest.package, g.package);
    EXPECT_EQ(apk->manifest.version_code, g.version_code);
    EXPECT_EQ(apk->manifest.version_name, g.version_name);
    ASSERT_FALSE(apk->certificates.empty());
    for (const auto& c : apk->certificates) EXPECT_EQ(c.sha256, g.cert_sha256) << c.scheme;
    EXPECT_EQ(apk->classes.size(), g.classes);
    uint32_t sum = 0;
    for (const auto& d : apk->dex_files) sum += d.classes;
    EXPECT_EQ(sum, apk->classes.size());
  }
}

TEST(ApkGolden, BuglyClassesAndPrefixes) {
  auto apk = inspect_apk_file(data_path("bugly-upgrade-demo_com.bugly.upgrade.demo_11.apk"));
  ASSERT_TRUE(apk.ok()) << apk.error().message();
  size_t bugly = 0;
  for (size_t i = 0; i < apk->classes.size(); ++i)
    if (apk->classes[i].rfind("com.tencent.bugly.", 0) == 0) ++bugly;
  // apks_summary.json: 219 classes contain the Exodus signature com.tencent.bugly.
  EXPECT_EQ(bugly, 219u);
  // The derived prefix list of the staged APK (dexdump, first three components).
  std::ifstream in(std::string(CLEANNET_SOURCE_DIR) +
                   "/tests/data/apps/bugly-upgrade-demo_com.bugly.upgrade.demo_11.prefixes.tsv");
  ASSERT_TRUE(in) << "prefix list";
  std::map<std::string, uint32_t> want;
  std::string line;
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    want[line.substr(0, tab)] = static_cast<uint32_t>(std::stoul(line.substr(tab + 1)));
  }
  std::map<std::string, uint32_t> got;
  for (auto& [p, n] : class_prefixes(apk->classes)) got[p] = n;
  EXPECT_EQ(got, want);
}

// --- signature verification (apksigner 0.9 of Debian is the oracle; tests/cli/apps_apksigner.py
// compares every case with it) ------------------------------------------------------------

// v1, v2, v3 as A (absent), V (verified), N (not verified).
std::string schemes(const Apk& a) {
  std::string s;
  for (const SchemeResult& r : a.signatures)
    s += r.status == SchemeStatus::kVerified ? 'V' : r.status == SchemeStatus::kNotVerified ? 'N' : 'A';
  return s;
}

std::vector<std::string> signers(const Apk& a) {
  std::vector<std::string> out;
  for (const SigningCertificate& c : a.certificates) out.push_back(c.scheme + ":" + c.sha256);
  return out;
}

constexpr const char* kApksigRsa2048 = "fb5dbd3c669af9fc236c6991e6387b7f11ff0590997f22d0f5c74ff40e04fca8";

TEST(ApkSignatures, StagedApksVerifyAsApksignerSays) {
  // apksigner verify --min-sdk-version 1: v1 (and for Bugly v2) verified.
  const std::pair<const char*, const char*> want[] = {{"fdroidserver_com.politedroid_6.apk", "VAA"},
                                                      {"fdroidserver_souch.smsbypass_9.apk", "VAA"},
                                                      {"fdroidserver_org.dyndns.fules.ck_20.apk", "VAA"},
                                                      {"bugly-upgrade-demo_com.bugly.upgrade.demo_11.apk", "VVA"}};
  for (const auto& [file, s] : want) {
    SCOPED_TRACE(file);
    auto apk = inspect_apk_file(data_path(file));
    ASSERT_TRUE(apk.ok()) << apk.error().message();
    EXPECT_EQ(schemes(*apk), s);
    EXPECT_TRUE(apk->unverified_certificates.empty());
  }
}

TEST(ApkSignatures, UnusedFirstCertificateOfThePkcs7BagIsNoSigner) {
  // apksig's test APK: the bag holds two certificates, the SignerInfo names the second.
  auto apk = inspect_apk_file(data_path("androguard/androguard_v1-only-pkcs7-cert-bag-first-cert-not-used.apk"));
  ASSERT_TRUE(apk.ok()) << apk.error().message();
  EXPECT_EQ(schemes(*apk), "VAA");
  EXPECT_EQ(signers(*apk), std::vector<std::string>{std::string("v1:") + kApksigRsa2048});
}

TEST(ApkSignatures, SignatureThatDoesNotVerifyGivesNoSigner) {
  auto apk =
      inspect_apk_file(data_path("androguard/androguard_v2-only-with-rsa-pkcs1-sha256-2048-sig-does-not-verify.apk"));
  ASSERT_TRUE(apk.ok()) << apk.error().message();
  EXPECT_EQ(schemes(*apk), "ANA");
  EXPECT_TRUE(apk->certificates.empty());
  ASSERT_EQ(apk->unverified_certificates.size(), 1u);
  EXPECT_EQ(apk->unverified_certificates[0].sha256, kApksigRsa2048);
  EXPECT_NE(apk->signatures[1].reason.find("RSASSA-PKCS1-v1_5 with SHA2-256 signature over the signed data"),
            std::string::npos)
      << apk->signatures[1].reason;
}

TEST(ApkSignatures, CompressionMethod21IsInflatedAsAndroidDoes) {
  // META-INF/CERT.RSA is marked with method 21 but deflated; apksigner verifies v1.
  auto apk = inspect_apk_file(data_path("androguard/androguard_weird-compression-method.apk"));
  ASSERT_TRUE(apk.ok()) << apk.error().message();
  EXPECT_EQ(schemes(*apk), "VAA");
  EXPECT_EQ(signers(*apk), std::vector<std::string>{std::string("v1:") + kApksigRsa2048});
}

TEST(ApkSignatures, MalformedSignatureBlockIsNotVerifiedWithItsPosition) {
  const std::string f = data_path("signing/pkcs7-indefinite-length.apk");
  auto apk = inspect_apk_file(f);
  ASSERT_TRUE(apk.ok()) << apk.error().message();
  EXPECT_EQ(schemes(*apk), "NAA");
  EXPECT_TRUE(apk->certificates.empty());
  EXPECT_EQ(apk->signatures[0].reason, f + "!META-INF/RELEASE.RSA: byte 1: PKCS#7 ContentInfo: expected a definite DER "
                                           "length (X.690 10.1), found indefinite length");
}

TEST(ApkSignatures, PeerOrphanSignatureBlockIsNoSigner) {
  // ../shared/data/peers: androguard's partialsignature.apk, a META-INF/CERT.RSA without a
  // .SF beside the real signer 6AD89F48; apksigner lists only the real one.
  const std::string f = std::string(CLEANNET_SOURCE_DIR) + "/../shared/data/peers/apks/androguard_partialsignature.apk";
  if (!std::filesystem::exists(f)) GTEST_SKIP() << "no ../shared/data/peers";
  auto apk = inspect_apk_file(f);
  ASSERT_TRUE(apk.ok()) << apk.error().message();
  EXPECT_EQ(schemes(*apk), "VAA");
  EXPECT_EQ(signers(*apk),
            std::vector<std::string>{"v1:1e3bf46f964d494c9094cbf1a7ebec99b63d4acf6ae7519287d94faf5ea6871b"});
}

TEST(ApkBad, EachCaseGivesItsError) {
  cleannet::testing::check_bad_corpus("tests/data/bad/apps", ".apk", 18,
                                      [](const std::filesystem::path& f) -> std::optional<std::string> {
                                        auto apk = inspect_apk_file(f.string());
                                        if (apk) return std::nullopt;
                                        return apk.error().message();
                                      });
}

// --- synthetic archives ---------------------------------------------------------------

void put16(std::string& s, uint16_t v) {
  s += static_cast<char>(v & 0xff);
  s += static_cast<char>(v >> 8);
}
void put32(std::string& s, uint32_t v) {
  put16(s, static_cast<uint16_t>(v));
  put16(s, static_cast<uint16_t>(v >> 16));
}
void put64(std::string& s, uint64_t v) {
  put32(s, static_cast<uint32_t>(v));
  put32(s, static_cast<uint32_t>(v >> 32));
}

// One stored entry; zip64 puts the sizes and offset in a ZIP64 extra field and writes the
// ZIP64 end record and locator (APPNOTE 4.3.14, 4.3.15, 4.5.3).
std::string stored_zip(const std::string& name, const std::string& body, bool zip64) {
  const uint32_t crc = static_cast<uint32_t>(::crc32(0, reinterpret_cast<const Bytef*>(body.data()), body.size()));
  std::string z;
  put32(z, 0x04034b50);
  put16(z, 20);
  put16(z, 0);
  put16(z, 0);
  put32(z, 0);
  put32(z, crc);
  put32(z, static_cast<uint32_t>(body.size()));
  put32(z, static_cast<uint32_t>(body.size()));
  put16(z, static_cast<uint16_t>(name.size()));
  put16(z, 0);
  z += name;
  z += body;
  const uint64_t cd = z.size();
  put32(z, 0x02014b50);
  put16(z, 45);
  put16(z, 45);
  put16(z, 0);
  put16(z, 0);
  put32(z, 0);
  put32(z, crc);
  put32(z, zip64 ? 0xffffffff : static_cast<uint32_t>(body.size()));
  put32(z, zip64 ? 0xffffffff : static_cast<uint32_t>(body.size()));
  put16(z, static_cast<uint16_t>(name.size()));
  put16(z, zip64 ? 28 : 0);
  put16(z, 0);
  put16(z, 0);
  put16(z, 0);
  put32(z, 0);
  put32(z, zip64 ? 0xffffffff : 0);
  z += name;
  if (zip64) {
    put16(z, 1);
    put16(z, 24);
    put64(z, body.size());
    put64(z, body.size());
    put64(z, 0);
  }
  const uint64_t cd_size = z.size() - cd;
  if (zip64) {
    const uint64_t rec = z.size();
    put32(z, 0x06064b50);
    put64(z, 44);
    put16(z, 45);
    put16(z, 45);
    put32(z, 0);
    put32(z, 0);
    put64(z, 1);
    put64(z, 1);
    put64(z, cd_size);
    put64(z, cd);
    put32(z, 0x07064b50);
    put32(z, 0);
    put64(z, rec);
    put32(z, 1);
  }
  put32(z, 0x06054b50);
  put16(z, 0);
  put16(z, 0);
  put16(z, zip64 ? 0xffff : 1);
  put16(z, zip64 ? 0xffff : 1);
  put32(z, zip64 ? 0xffffffff : static_cast<uint32_t>(cd_size));
  put32(z, zip64 ? 0xffffffff : static_cast<uint32_t>(cd));
  put16(z, 0);
  return z;
}

TEST(Zip, StoredEntryPlainAndZip64) {
  for (bool zip64 : {false, true}) {
    SCOPED_TRACE(zip64);
    const std::string z = stored_zip("hello.txt", "hello, world", zip64);
    auto a = ZipArchive::open("t.zip", z);
    ASSERT_TRUE(a.ok()) << a.error().message();
    ASSERT_EQ(a->entries().size(), 1u);
    EXPECT_EQ(a->entries()[0].name, "hello.txt");
    std::string buf;
    auto r = a->read(a->entries()[0], buf);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(*r, "hello, world");
  }
}

TEST(Zip, EveryTruncationIsAnError) {
  // The end record must end the file, so every proper prefix is refused (and, under ASan,
  // read nothing out of bounds on the way).
  const std::string z = stored_zip("a", "payload", true);
  for (size_t n = 0; n < z.size(); ++n) {
    auto a = ZipArchive::open("t.zip", std::string_view(z).substr(0, n));
    EXPECT_FALSE(a.ok()) << n;
  }
}

TEST(Zip, CommentAfterEndRecordIsFound) {
  std::string z = stored_zip("a", "x", false);
  z[z.size() - 2] = 5;  // comment length 5
  z += "hello";
  auto a = ZipArchive::open("t.zip", z);
  ASSERT_TRUE(a.ok()) << a.error().message();
  EXPECT_EQ(a->entries().size(), 1u);
}

TEST(Dex, MutfEightNamesAreDecoded) {
  // A minimal DEX: header, one string, one type, one class_def.
  std::string d(0x70, '\0');
  d.replace(0, 8, std::string("dex\n035\0", 8));
  auto set32 = [&](size_t off, uint32_t v) {
    for (int i = 0; i < 4; ++i) d[off + i] = static_cast<char>(v >> (8 * i));
  };
  set32(36, 0x70);
  set32(40, 0x12345678);
  // string data: uleb 6, "La/\xc3\xa9b;" (é as MUTF-8 two bytes) NUL; C0 80 is NUL.
  const uint32_t str_data = 0x70 + 4 + 4 + 32;
  set32(56, 1);
  set32(60, 0x70);
  set32(64, 1);
  set32(68, 0x74);
  set32(96, 1);
  set32(100, 0x78);
  d.resize(str_data);
  set32(0x70, str_data);
  set32(0x74, 0);
  set32(0x78, 0);
  d += '\x06';
  d += "La/\xc3\xa9\xc0\x80;";
  d += '\0';
  set32(32, static_cast<uint32_t>(d.size()));
  ClassList out;
  auto n = read_dex_classes("t.dex", d, out);
  ASSERT_TRUE(n.ok()) << n.error().message();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], "a.\xc3\xa9\xef\xbf\xbd");  // NUL shown as U+FFFD
}

}  // namespace
}  // namespace cleannet::apps
