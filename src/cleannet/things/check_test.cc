// Clean Things as a library call: grouping sightings into devices, and the scan's findings,
// tables and text on the committed samples (tests/data/netmodel/things, with the synthetic
// IEEE data in ieee-newer/) and on small captures written here.
#include "cleannet/things/check.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cleannet/things/devices.h"
#include "cleannet/trust/ieee_oui.h"
#include "cleannet/trust/registry.h"

namespace cleannet::things {
namespace {

namespace fs = std::filesystem;

const std::string kData = CLEANNET_SOURCE_DIR "/tests/data/netmodel/things/";

netmodel::DiscoveredHost host(std::string mac, std::string ip, std::string file, uint32_t line) {
  netmodel::DiscoveredHost h;
  h.mac = std::move(mac);
  h.mac_kind = h.mac.empty() ? netmodel::MacKind::kNone : netmodel::MacKind::kUniversal;
  h.ip = std::move(ip);
  h.pos = core::SourcePos(std::move(file), line, 1);
  return h;
}

TEST(GroupDevices, OneDevicePerMacElsePerIpInOrderOfFirstSighting) {
  std::vector<netmodel::Discovery> ds(2);
  ds[0].hosts = {host("00:d0:d0:12:34:56", "10.0.0.2", "a", 1), host("", "10.0.0.5", "a", 2), host("", "", "a", 3)};
  ds[1].hosts = {host("00:bc:99:12:34:56", "10.0.0.10", "b", 1), host("00:d0:d0:12:34:56", "10.0.0.3", "b", 2),
                 host("", "10.0.0.5", "b", 3), host("", "", "b", 4)};
  std::vector<Device> devices = group_devices(ds);
  ASSERT_EQ(devices.size(), 5u);
  EXPECT_EQ(devices[0].mac, "00:d0:d0:12:34:56");
  ASSERT_EQ(devices[0].sightings.size(), 2u);
  EXPECT_EQ(devices[0].sightings[0], &ds[0].hosts[0]);
  EXPECT_EQ(devices[0].sightings[1], &ds[1].hosts[1]);
  EXPECT_EQ(distinct(devices[0], &netmodel::DiscoveredHost::ip), (std::vector<std::string>{"10.0.0.2", "10.0.0.3"}));
  // Without a MAC the IP identifies the device; without either, each sighting is its own.
  EXPECT_EQ(devices[1].sightings.size(), 2u);
  EXPECT_EQ(devices[1].kind, netmodel::MacKind::kNone);
  EXPECT_EQ(devices[2].sightings.size(), 1u);
  EXPECT_EQ(devices[3].mac, "00:bc:99:12:34:56");
  EXPECT_EQ(devices[4].sightings.front()->pos.file, "b");
}

struct Trust {
  trust::Registry registry = *trust::load_registry({}, true);
  trust::IeeeOuiRegistry ieee = *trust::IeeeOuiRegistry::load_dir(kData + "ieee-newer");
  trust::Resolver resolver{registry, &ieee};
  trust::Policy policy;
  std::optional<core::Error> ieee_error;
  explicit Trust(const std::string& policy_name = "clean-network") : policy(*trust::load_policy(policy_name)) {}
  ThingsInputs inputs(std::vector<std::string> files) {
    ThingsInputs in;
    in.files = std::move(files);
    in.resolver = &resolver;
    in.policy = &policy;
    in.status_options.as_of = *core::Date::parse("2024-06-01");
    in.ieee_error = &ieee_error;
    return in;
  }
};

std::string text_of(const report::CheckReport& r, const std::string& format = "text") {
  std::ostringstream out, err;
  report::print_check_report(out, err, *report::parse_format(format), r, "cleannet things scan");
  return out.str();
}

// The two samples of MACs newer than Debian's IEEE data, with the IEEE data that has them:
// Huawei (00:4B:0D "Huawei Device Co., Ltd.", a name-prefix match of Huawei Technologies),
// Hikvision, ZTE by its old name and by its MA-M block are untrusted (FCC Covered List);
// the RA block's sub-assignee and DEC are not in the registry: unknown, which
// clean-network warns about.
TEST(Scan, AttributesAndJudgesEveryDevice) {
  Trust t;
  report::CheckReport r = things::scan(t.inputs({kData + "newer-than-ieee-nmap.xml", kData + "zte-ra-dec-nmap.xml"}));
  EXPECT_TRUE(r.reported);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_TRUE(r.violations);
  EXPECT_EQ(report::exit_code(r), 1);
  ASSERT_EQ(r.findings.size(), 6u);
  std::vector<std::string> orgs, rules;
  for (const auto& f : r.findings) {
    orgs.push_back(f.organisation);
    rules.push_back(f.rule);
    EXPECT_EQ(f.line, "things");
  }
  EXPECT_EQ(orgs, (std::vector<std::string>{"huawei", "hikvision", "zte", "zte", "", ""}));
  EXPECT_EQ(rules,
            (std::vector<std::string>{"CN-ANY", "CN-ANY", "CN-ANY", "CN-ANY", "default-unknown", "default-unknown"}));
  EXPECT_EQ(r.findings[0].severity, report::Severity::kError);
  EXPECT_EQ(r.findings[4].severity, report::Severity::kWarning);
  EXPECT_EQ(r.findings[0].subject, "00:4b:0d:12:34:56");
  EXPECT_EQ(r.findings[0].element, "device 00:4b:0d:12:34:56 (10.0.0.9)");
  ASSERT_TRUE(r.findings[0].location);
  EXPECT_EQ(r.findings[0].location->line, 1u);
  EXPECT_EQ(r.findings[0].location->column, 78u);
  const report::Json& s = r.summary["summary"];
  EXPECT_EQ(s["hosts"], 6);
  EXPECT_EQ(s["attributable"], 6);
  EXPECT_EQ(s["untrusted"], 4);
  EXPECT_EQ(s["unknown"], 2);
  EXPECT_EQ(r.summary["ieee_data"]["date"], "2025-12-06");
  EXPECT_EQ(r.summary["devices"][5]["ieee"]["assignment"], "AA:00:04");
  std::string text = text_of(r);
  EXPECT_EQ(text.substr(0, text.find('\n')), "things scan: 2 files (nmap XML); policy clean-network, as of 2024-06-01");
  EXPECT_NE(text.find("aa:00:04:00:12:34: unknown -- MA-L AA:00:04 \"DIGITAL EQUIPMENT CORPORATION\", not in the "
                      "registry (locally administered bit set, but assigned by IEEE)\n"),
            std::string::npos);
  EXPECT_EQ(text.substr(text.rfind("\n\n") + 2),
            "6 hosts (6 sightings, 0 skipped entries): 6 attributable (4 untrusted, 2 unknown, 0 trusted), 0 "
            "randomised, 0 multicast, 0 without a MAC\n");
}

// eu-toolbox allows unknown on the things line (docs/policy.md): no finding for it, and an
// untrusted maker is warned about, which still violates (trust::violates).
TEST(Scan, PolicyDecidesWhatIsAFinding) {
  Trust t("eu-toolbox");
  report::CheckReport r = things::scan(t.inputs({kData + "zte-ra-dec-nmap.xml"}));
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].rule, "EU-OTHER");
  EXPECT_EQ(r.findings[0].severity, report::Severity::kWarning);
  EXPECT_TRUE(r.violations);
}

struct TempDir {
  fs::path dir = fs::temp_directory_path() / ("cleannet-things-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(dir); }
  ~TempDir() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  }
};

// The same MAC in a neighbour table and an ARP table is one device with both sightings; a
// randomised and a multicast MAC are counted, not judged.
TEST(Scan, SameMacInTwoFilesIsOneDevice) {
  TempDir tmp;
  std::string neigh = tmp.write("neigh.txt",
                                "10.0.0.2 dev eth0 lladdr 00:d0:d0:12:34:56 REACHABLE\n"
                                "10.0.0.7 dev eth0 lladdr da:a1:19:5c:3e:7b STALE\n"
                                "224.0.0.251 dev eth0 lladdr 01:00:5e:00:00:fb PERMANENT\n");
  std::string arp = tmp.write("arp.txt", "? (10.0.0.2) at 00:d0:d0:12:34:56 [ether] on eth0\n");
  Trust t;
  report::CheckReport r = things::scan(t.inputs({neigh, arp}));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].organisation, "zte");
  EXPECT_EQ(r.findings[0].location->uri, neigh);
  size_t sightings = 0;
  for (const auto& e : r.findings[0].evidence) sightings += e.kind == "sighting";
  EXPECT_EQ(sightings, 2u);
  const report::Json& s = r.summary["summary"];
  EXPECT_EQ(s["hosts"], 3);
  EXPECT_EQ(s["sightings"], 4);
  EXPECT_EQ(s["attributable"], 1);
  EXPECT_EQ(s["randomised"], 1);
  EXPECT_EQ(s["multicast"], 1);
  EXPECT_EQ(r.summary["devices"][0]["sightings"].size(), 2u);
}

// Each unreadable file and each file with no host gets its error; the others their report,
// and the run is an input error all the same.
TEST(Scan, EveryFileItsReportOrItsError) {
  Trust t;
  report::CheckReport r = things::scan(
      t.inputs({kData + "zte-ra-dec-nmap.xml", "/nonexistent/scan.xml", kData + "nmap-all-hosts-down.xml"}));
  EXPECT_TRUE(r.reported);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].pos().file, "/nonexistent/scan.xml");
  EXPECT_EQ(r.errors[1].message(), kData +
                                       "nmap-all-hosts-down.xml: expected at least one host in this nmap XML "
                                       "capture, found none (2 entries skipped)");
  EXPECT_EQ(r.summary["inputs"].size(), 1u);
  EXPECT_EQ(report::exit_code(r), 2);

  report::CheckReport none = things::scan(t.inputs({kData + "nmap-all-hosts-down.xml"}));
  EXPECT_FALSE(none.reported);
  EXPECT_EQ(none.errors.size(), 1u);
  EXPECT_EQ(text_of(none), "");
  EXPECT_EQ(report::exit_code(none), 2);
}

// Malformed IEEE files (found on the first MAC lookup) end the scan with their error.
TEST(Scan, MalformedIeeeDataIsAnInputError) {
  Trust t;
  t.ieee_error = core::Error(core::SourcePos("ieee/oui.csv", 2, 1), "a row", "junk");
  report::CheckReport r = things::scan(t.inputs({kData + "zte-ra-dec-nmap.xml"}));
  EXPECT_FALSE(r.reported);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].pos().file, "ieee/oui.csv");
  EXPECT_EQ(report::exit_code(r), 2);
}

}  // namespace
}  // namespace cleannet::things
