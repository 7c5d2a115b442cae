// Discovered devices (Clean Things): the hand-made samples in tests/data/netmodel/things (one
// per format, in the real layouts) against their exact parses, format details inline, and the
// bad-input corpus under tests/data/bad/netmodel/things.
#include "cleannet/netmodel/discovered.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "cleannet/core/testing/golden.h"

namespace cleannet::netmodel {
namespace {

namespace fs = std::filesystem;

const std::string kDir = std::string(CLEANNET_SOURCE_DIR) + "/tests/data/netmodel/things/";

Discovery parse_file(const std::string& name, DiscoveryFormat f = DiscoveryFormat::kAuto) {
  auto in = core::Input::open(kDir + name);
  EXPECT_TRUE(in.ok()) << name;
  auto d = parse_discovered(std::move(*in), f);
  EXPECT_TRUE(d.ok()) << (d ? "" : d.error().message());
  return d ? std::move(*d) : Discovery{};
}

core::Result<Discovery> parse_text(std::string_view text, DiscoveryFormat f = DiscoveryFormat::kAuto,
                                   const std::string& name = "t.txt") {
  auto in = core::Input::from_memory(name, text);
  EXPECT_TRUE(in.ok());
  return parse_discovered(std::move(*in), f);
}

// One host as a compact line: "line:col mac kind ip hostname [vendor] if state active".
std::string row(const DiscoveredHost& h) {
  std::string s = std::to_string(h.pos.line) + ":" + std::to_string(h.pos.column) + " " +
                  (h.mac.empty() ? "-" : h.mac) + " " + mac_kind_name(h.mac_kind) + " " + (h.ip.empty() ? "-" : h.ip) +
                  " " + (h.hostname.empty() ? "-" : h.hostname);
  if (!h.vendor_as_reported.empty()) s += " [" + h.vendor_as_reported + "]";
  s += " " + (h.interface.empty() ? std::string("-") : h.interface) + " " + (h.state.empty() ? "-" : h.state);
  if (!h.active) s += " inactive";
  return s;
}

std::vector<std::string> rows(const Discovery& d) {
  std::vector<std::string> out;
  for (const auto& h : d.hosts) out.push_back(row(h));
  return out;
}

std::vector<std::string> skipped(const Discovery& d) {
  std::vector<std::string> out;
  for (const auto& s : d.skipped) out.push_back(std::to_string(s.pos.line) + ": " + s.reason);
  return out;
}

using V = std::vector<std::string>;

// --- MACs ------------------------------------------------------------------------------------

TEST(Mac48, NotationsAndKinds) {
  EXPECT_EQ(parse_mac48("00:18:82:12:34:56"), 0x001882123456u);
  EXPECT_EQ(parse_mac48("00-18-82-12-34-56"), 0x001882123456u);
  EXPECT_EQ(parse_mac48("0:0:c:5d:3e:1"), 0x00000c5d3e01u);  // BSD arp drops leading zeros
  EXPECT_EQ(parse_mac48("DA:A1:19:5C:3E:7B"), 0xdaa1195c3e7bu);
  for (std::string_view bad : {"", "00:18:82:12:34", "00:18:82:12:34:56:78", "0018.8212.3456", "00:18:82:12:34:5g",
                               "000:18:82:12:34:56", "00:18-82:12:34:56", "00::82:12:34:56", "00:18:82:12:34:56:"})
    EXPECT_FALSE(parse_mac48(bad)) << bad;
  EXPECT_EQ(mac48_to_string(0x4447cc6a1021u), "44:47:cc:6a:10:21");
  EXPECT_EQ(mac48_kind(0x4447cc6a1021u), MacKind::kUniversal);
  EXPECT_EQ(mac48_kind(0xdaa1195c3e7bu), MacKind::kLocal);  // 0xda: U/L bit set
  EXPECT_EQ(mac48_kind(0x02420a000002u), MacKind::kLocal);  // Docker
  EXPECT_EQ(mac48_kind(0x01005e0000fbu), MacKind::kGroup);  // IPv4 multicast (mDNS)
  EXPECT_EQ(mac48_kind(0x333300000001u), MacKind::kGroup);  // IPv6 multicast
  EXPECT_EQ(mac48_kind(0xffffffffffffu), MacKind::kGroup);  // broadcast
}

TEST(DiscoveryFormatNames, RoundTrip) {
  for (auto f : {DiscoveryFormat::kAuto, DiscoveryFormat::kNmapXml, DiscoveryFormat::kDhcpdLeases,
                 DiscoveryFormat::kIpNeigh, DiscoveryFormat::kArp})
    EXPECT_EQ(parse_discovery_format(discovery_format_name(f)), f);
  EXPECT_EQ(parse_discovery_format("IP-Neigh"), DiscoveryFormat::kIpNeigh);
  EXPECT_FALSE(parse_discovery_format("leases"));
}

// --- the samples -----------------------------------------------------------------------------

TEST(DiscoveredSamples, NmapXml) {
  Discovery d = parse_file("office-nmap.xml");
  EXPECT_EQ(d.format, DiscoveryFormat::kNmapXml);
  EXPECT_EQ(d.source, "nmap XML");
  // The <hosthint> at line 8 repeats the first host and is not read; the scanner itself
  // (localhost-response) has no MAC.
  EXPECT_EQ(rows(d), (V{
                         "16:1 00:00:0c:5d:3e:01 universal 192.168.10.1 gw.office.lan [Cisco Systems] - up",
                         "24:1 44:47:cc:6a:10:21 universal 192.168.10.20 cam-lobby.office.lan [Hangzhou Hikvision "
                         "Digital Technology] - up",
                         "32:1 4c:11:bf:2e:81:07 universal 192.168.10.21 - [Zhejiang Dahua Technology] - up",
                         "39:1 3c:22:fb:81:20:4e universal 192.168.10.50 macbook-anna.office.lan [Apple] - up",
                         "47:1 da:a1:19:5c:3e:7b local 192.168.10.77 - - up",
                         "52:1 - none 192.168.10.5 - - up",
                     }));
  EXPECT_TRUE(d.skipped.empty());
  EXPECT_EQ(d.hosts[0].pos.file, kDir + "office-nmap.xml");
  EXPECT_EQ(d.hosts[0].format, DiscoveryFormat::kNmapXml);
}

TEST(DiscoveredSamples, DhcpdLeases) {
  Discovery d = parse_file("office-dhcpd.leases");
  EXPECT_EQ(d.format, DiscoveryFormat::kDhcpdLeases);
  // The second lease for 192.168.10.30 replaces the first (first-seen order kept); the DJI
  // lease is free: kept, inactive. Positions are the hardware statements.
  EXPECT_EQ(rows(d), (V{
                         "60:3 00:18:82:3b:c4:02 universal 192.168.10.30 HUAWEI_B535 - active",
                         "27:3 44:47:cc:6a:10:21 universal 192.168.10.20 cam-lobby - active",
                         "38:3 60:60:1f:0c:55:12 universal 192.168.10.40 - - free inactive",
                         "48:3 da:a1:19:5c:3e:7b local 192.168.10.77 Pixel-8 - active",
                     }));
  EXPECT_EQ(d.hosts[0].lease_starts, "2024/06/01 09:02:11");
  EXPECT_EQ(d.hosts[0].lease_ends, "2024/06/01 21:02:11");
  EXPECT_EQ(d.hosts[2].lease_ends, "2024/05/30 02:30:05");
  EXPECT_EQ(skipped(d),
            (V{"16: lease for 192.168.10.30 superseded by the one at " + kDir + "office-dhcpd.leases:53:1"}));
}

TEST(DiscoveredSamples, IpNeigh) {
  Discovery d = parse_file("office-ip-neigh.txt");
  EXPECT_EQ(d.format, DiscoveryFormat::kIpNeigh);
  EXPECT_EQ(rows(d), (V{
                         "1:30 00:00:0c:5d:3e:01 universal 192.168.10.1 - eth0 REACHABLE",
                         "2:31 44:47:cc:6a:10:21 universal 192.168.10.20 - eth0 STALE",
                         "3:31 4c:11:bf:2e:81:07 universal 192.168.10.21 - eth0 STALE",
                         "4:31 08:60:83:4f:aa:10 universal 192.168.10.31 - eth0 DELAY",
                         "5:31 da:a1:19:5c:3e:7b local 192.168.10.77 - eth0 REACHABLE",
                         "8:41 00:00:0c:5d:3e:01 universal fe80::200:cff:fe5d:3e01 - eth0 STALE",
                     }));
  EXPECT_EQ(skipped(d), (V{"6: ip neigh entry for 192.168.10.99 without lladdr (FAILED)",
                           "7: ip neigh entry for 192.168.10.98 without lladdr (INCOMPLETE)"}));
}

TEST(DiscoveredSamples, ArpAnLinux) {
  Discovery d = parse_file("office-arp-an.txt");
  EXPECT_EQ(d.format, DiscoveryFormat::kArp);
  EXPECT_EQ(d.source, "arp -a");
  EXPECT_EQ(rows(d), (V{
                         "1:21 00:00:0c:5d:3e:01 universal 192.168.10.1 - eth0 -",
                         "2:22 00:18:82:3b:c4:02 universal 192.168.10.30 - eth0 -",
                         "3:22 60:60:1f:0c:55:12 universal 192.168.10.40 - eth0 -",
                         "4:22 00:1b:21:3a:9c:e4 universal 192.168.10.51 - eth0 -",
                     }));
  EXPECT_EQ(skipped(d), (V{"5: incomplete ARP entry for 192.168.10.99"}));
}

TEST(DiscoveredSamples, ArpAnMacos) {
  Discovery d = parse_file("office-arp-an-macos.txt");
  EXPECT_EQ(d.source, "arp -a");
  EXPECT_EQ(rows(d), (V{
                         "1:21 00:00:0c:5d:3e:01 universal 192.168.10.1 - en0 -",
                         "2:22 44:47:cc:6a:10:21 universal 192.168.10.20 - en0 -",
                         "3:22 3c:22:fb:81:20:4e universal 192.168.10.50 - en0 permanent",
                         "5:23 ff:ff:ff:ff:ff:ff group 192.168.10.255 - en0 -",
                         "6:20 01:00:5e:00:00:fb group 224.0.0.251 - en0 permanent",
                     }));
  EXPECT_EQ(skipped(d), (V{"4: incomplete ARP entry for 192.168.10.97"}));
}

TEST(DiscoveredSamples, ArpNLinux) {
  Discovery d = parse_file("office-arp-n.txt");
  EXPECT_EQ(d.source, "arp -n");
  EXPECT_EQ(rows(d), (V{
                         "2:34 00:00:0c:5d:3e:01 universal 192.168.10.1 - eth0 C",
                         "3:34 08:60:83:4f:aa:10 universal 192.168.10.31 - eth0 C",
                     }));
  EXPECT_EQ(skipped(d), (V{"4: incomplete ARP entry for 192.168.10.99"}));
}

TEST(DiscoveredSamples, ProcNetArp) {
  Discovery d = parse_file("office-proc-net-arp.txt");
  EXPECT_EQ(d.source, "/proc/net/arp");
  EXPECT_EQ(rows(d), (V{
                         "2:42 00:00:0c:5d:3e:01 universal 192.168.10.1 - eth0 0x2",
                         "3:42 4c:11:bf:2e:81:07 universal 192.168.10.21 - eth0 0x2",
                         "5:42 00:1b:21:3a:9c:e4 universal 192.168.10.51 - eth0 0x2",
                     }));
  EXPECT_EQ(skipped(d), (V{"4: incomplete ARP entry for 192.168.10.99 (flags 0x0)"}));
}

TEST(DiscoveredSamples, WindowsArp) {
  Discovery d = parse_file("office-arp-windows.txt");
  EXPECT_EQ(d.source, "Windows arp -a");
  EXPECT_EQ(rows(d), (V{
                         "4:25 00:00:0c:5d:3e:01 universal 192.168.10.1 - 192.168.10.52 dynamic",
                         "5:25 4c:11:bf:2e:81:07 universal 192.168.10.21 - 192.168.10.52 dynamic",
                         "6:25 ff:ff:ff:ff:ff:ff group 192.168.10.255 - 192.168.10.52 static",
                         "7:25 01:00:5e:00:00:16 group 224.0.0.22 - 192.168.10.52 static",
                         "8:25 01:00:5e:7f:ff:fa group 239.255.255.250 - 192.168.10.52 static",
                     }));
}

TEST(DiscoveredSamples, ExplicitFormatMatchesDetection) {
  EXPECT_EQ(parse_file("office-nmap.xml", DiscoveryFormat::kNmapXml).hosts.size(), 6u);
  EXPECT_EQ(parse_file("office-dhcpd.leases", DiscoveryFormat::kDhcpdLeases).hosts.size(), 4u);
  EXPECT_EQ(parse_file("office-ip-neigh.txt", DiscoveryFormat::kIpNeigh).hosts.size(), 6u);
  EXPECT_EQ(parse_file("office-arp-an.txt", DiscoveryFormat::kArp).hosts.size(), 4u);
  // The wrong format is an error at the first line, not an empty result.
  auto in = core::Input::open(kDir + "office-arp-an.txt");
  auto d = parse_discovered(std::move(*in), DiscoveryFormat::kIpNeigh);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().message(),
            kDir + "office-arp-an.txt:1:1: expected an IP address starting an ip neigh entry, found \"?\"");
}

// --- format details --------------------------------------------------------------------------

TEST(NmapXml, DownHostsSkippedAndUserHostnamePreferred) {
  auto d = parse_text(
      "<nmaprun scanner=\"nmap\">\n"
      "<host><status state=\"down\" reason=\"no-response\"/><address addr=\"10.0.0.9\" addrtype=\"ipv4\"/></host>\n"
      "<host><status state=\"up\"/><address addr=\"2001:db8::7\" addrtype=\"ipv6\"/>"
      "<address addr=\"60:60:1f:0c:55:12\" addrtype=\"mac\" vendor=\"SZ DJI Technology\"/>\n"
      "<hostnames><hostname name=\"x.ptr\" type=\"PTR\"/><hostname name=\"dock\" type=\"user\"/></hostnames></host>\n"
      "</nmaprun>\n",
      DiscoveryFormat::kAuto, "s.xml");
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_EQ(rows(*d), (V{"3:72 60:60:1f:0c:55:12 universal 2001:db8::7 dock [SZ DJI Technology] - up"}));
  EXPECT_EQ(skipped(*d), (V{"2: nmap host 10.0.0.9 with status down"}));
}

TEST(NmapXml, IpVersionMustMatchAddrtype) {
  auto d = parse_text("<nmaprun><host><address addr=\"2001:db8::1\" addrtype=\"ipv4\"/></host></nmaprun>");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().message(), "t.txt:1:16: expected an IPv4 address in addr, found \"2001:db8::1\"");
}

// RFC 4291 §2.5.5.2: ::ffff:a.b.c.d is the IPv4 node a.b.c.d, whether the scan types it
// ipv4 or ipv6; the same parser as every other input (core::parse_prefix) decides.
TEST(NmapXml, Ipv4MappedAddressIsIpv4) {
  for (const char* type : {"ipv4", "ipv6"}) {
    auto d =
        parse_text(std::string("<nmaprun><host><status state=\"up\"/><address addr=\"::ffff:192.0.2.7\" addrtype=\"") +
                   type + "\"/><address addr=\"00:18:82:12:34:56\" addrtype=\"mac\"/></host></nmaprun>");
    ASSERT_TRUE(d.ok()) << type << ": " << d.error().message();
    ASSERT_EQ(d->hosts.size(), 1u);
    EXPECT_EQ(d->hosts[0].ip, "::ffff:192.0.2.7");
  }
  auto v6 = parse_text("<nmaprun><host><address addr=\"192.0.2.7\" addrtype=\"ipv6\"/></host></nmaprun>");
  ASSERT_FALSE(v6.ok());
  EXPECT_EQ(v6.error().message(), "t.txt:1:16: expected an IPv6 address in addr, found \"192.0.2.7\"");
}

TEST(DhcpdLeases, EpochDatesEventsHostsAndStates) {
  auto d = parse_text(
      "authoring-byte-order little-endian;\n"
      "failover peer \"dhcp\" state {\n  my state normal at 1 2024/06/03 10:00:00;\n  partner state normal;\n}\n"
      "lease 10.0.0.5 {\n"
      "  starts epoch 1717236000; # Sat Jun 01 10:00:00 2024\n"
      "  ends never;\n"
      "  binding state abandoned;\n"
      "  on expiry { set ddns-fwd-name = \"x\"; }\n"
      "  hardware ethernet 0:18:82:3b:c4:2;\n"
      "  hostname \"old-style\";\n"
      "}\n"
      "lease 10.0.0.6 {\n  binding state free;\n}\n"
      "lease 10.0.0.7 {\n  hardware infiniband 00:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10:11:12:13;\n}\n"
      "host cam-gate {\n  dynamic;\n  hardware ethernet 4c:11:bf:2e:81:07;\n  fixed-address 10.0.0.21;\n}\n"
      "host old {\n  dynamic;\n  hardware ethernet 44:47:cc:6a:10:21;\n}\n"
      "host old {\n  dynamic;\n  deleted;\n}\n"
      "ia-na \"\\001\\002\" {\n  cltt 1 2024/06/03 10:00:00;\n  iaaddr 2001:db8::5 {\n    binding state active;\n  "
      "}\n}\n");
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_EQ(rows(*d), (V{"11:3 00:18:82:3b:c4:02 universal 10.0.0.5 old-style - abandoned inactive",
                         "22:3 4c:11:bf:2e:81:07 universal 10.0.0.21 cam-gate - host"}));
  EXPECT_EQ(d->hosts[0].lease_starts, "2024/06/01 10:00:00");
  EXPECT_EQ(d->hosts[0].lease_ends, "never");
  EXPECT_EQ(skipped(*d),
            (V{"14: lease for 10.0.0.6 without hardware ethernet",
               "18: lease for 10.0.0.7 with hardware infiniband (not a 48-bit MAC)", "29: host old deleted",
               "27: host old superseded by the one at t.txt:29:1", "33: DHCPv6 ia-na binding (no MAC address)"}));
}

TEST(DhcpdLeases, LastCopyWithoutHardwareRemovesTheLease) {
  auto d = parse_text(
      "lease 10.0.0.5 {\n  binding state active;\n  hardware ethernet 00:18:82:3b:c4:02;\n}\n"
      "lease 10.0.0.5 {\n  binding state abandoned;\n}\n");
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_TRUE(d->hosts.empty());
  EXPECT_EQ(skipped(*d), (V{"5: lease for 10.0.0.5 without hardware ethernet",
                            "3: lease for 10.0.0.5 superseded by the one at t.txt:5:1"}));
}

TEST(DhcpdLeases, EmptyFileWithExplicitFormatHasNoHosts) {
  auto d = parse_text("# nothing leased yet\n", DiscoveryFormat::kDhcpdLeases);
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_TRUE(d->hosts.empty());
}

TEST(IpNeigh, StatisticsFlagsAndOtherLinkLayers) {
  auto d = parse_text("10.0.0.1 dev eth0 lladdr 00:00:0c:5d:3e:01 ref 1 used 10/10/3 probes 1 STALE\n",
                      DiscoveryFormat::kIpNeigh);
  ASSERT_FALSE(d.ok());  // "ref" is not printed by ip neigh
  d = parse_text(
      "10.0.0.1 dev eth0 lladdr 00:00:0c:5d:3e:01 used 10/10/3 probes 1 STALE\n"
      "10.0.0.2 lladdr 44:47:cc:6a:10:21 PROBE\n"       // ip neigh show dev eth0
      "10.9.0.1 dev gre1 lladdr 192.0.2.1 PERMANENT\n"  // a GRE tunnel
      "fe80::1 dev ib0 lladdr 80:00:00:48:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0a:0b:0c STALE\n"
      "10.0.0.3 dev eth0 lladdr 02:42:0a:00:00:03 extern_learn NOARP\n"
      "10.0.0.4 dev eth0 lladdr 00:00:00:00:00:00 NOARP\n");
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_EQ(rows(*d), (V{"1:26 00:00:0c:5d:3e:01 universal 10.0.0.1 - eth0 STALE",
                         "2:17 44:47:cc:6a:10:21 universal 10.0.0.2 - - PROBE",
                         "5:26 02:42:0a:00:00:03 local 10.0.0.3 - eth0 NOARP"}));
  EXPECT_EQ(skipped(*d), (V{"3: ip neigh entry for 10.9.0.1 with lladdr 192.0.2.1 (not a 48-bit MAC)",
                            "4: ip neigh entry for fe80::1 with lladdr "
                            "80:00:00:48:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0a:0b:0c (not a 48-bit MAC)",
                            "6: all-zero MAC 00:00:00:00:00:00 (no address) for 10.0.0.4"}));
}

TEST(Arp, NamesWithoutDashNAndWindowsRowsWithoutInterface) {
  auto d = parse_text(
      "gw.office.lan (192.168.10.1) at 00:00:0c:5d:3e:01 [ether] PERM on eth0\n"
      "Entries: 1\tSkipped: 0\tFound: 1\n");
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_EQ(rows(*d), (V{"1:33 00:00:0c:5d:3e:01 universal 192.168.10.1 gw.office.lan eth0 permanent"}));
  d = parse_text("  192.168.10.1          00-00-0c-5d-3e-01     dynamic\n");
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_EQ(d->source, "Windows arp -a");
  EXPECT_EQ(rows(*d), (V{"1:25 00:00:0c:5d:3e:01 universal 192.168.10.1 - - dynamic"}));
  d = parse_text("", DiscoveryFormat::kArp);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->hosts.empty());
}

TEST(Discovered, CompressedAndBomInputs) {
  auto d = parse_text("\xEF\xBB\xBF? (10.0.0.1) at 00:00:0c:5d:3e:01 [ether] on eth0\n");
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_EQ(d->hosts.size(), 1u);
  d = parse_text("\xEF\xBB\xBF<nmaprun/>");
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_TRUE(d->hosts.empty());
}

// --- bad corpus ------------------------------------------------------------------------------

// Every tests/data/bad/netmodel/things/NAME.{xml,leases,txt} is rejected with exactly the
// message in NAME.expected, the path relative to the repository root.
class BadDiscovered : public ::testing::Test {
 protected:
  void SetUp() override {
    old_ = fs::current_path();
    fs::current_path(CLEANNET_SOURCE_DIR);
  }
  void TearDown() override { fs::current_path(old_); }
  fs::path old_;
};

TEST_F(BadDiscovered, EachCaseGivesExactlyTheExpectedMessage) {
  const fs::path dir = "tests/data/bad/netmodel/things";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() != ".expected") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  EXPECT_GE(files.size(), 20u);
  size_t per_format[4] = {};
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.string());
    std::string stem = f.stem().string();
    per_format[0] += stem.starts_with("nmap-");
    per_format[1] += stem.starts_with("dhcpd-");
    per_format[2] += stem.starts_with("ip-neigh-");
    per_format[3] += stem.starts_with("arp-") || stem.starts_with("proc-net-arp-");
    fs::path want = f;
    want.replace_extension(".expected");
    auto in = core::Input::open(f.string());
    ASSERT_TRUE(in.ok());
    auto d = parse_discovered(std::move(*in));
    ASSERT_FALSE(d.ok()) << f << " was accepted";
    cleannet::testing::expect_golden(want, d.error().message() + "\n");
  }
  for (size_t n : per_format) EXPECT_GE(n, 3u);
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".expected") continue;
    bool has_case = false;
    for (const fs::path& f : files) has_case |= f.stem() == e.path().stem();
    EXPECT_TRUE(has_case) << e.path() << " has no case";
  }
}

}  // namespace
}  // namespace cleannet::netmodel
