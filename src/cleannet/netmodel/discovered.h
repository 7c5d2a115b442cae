// Devices discovered on a network by their MAC addresses (Clean Things): what a scan, a DHCP
// server or a neighbour table saw, parsed into hosts with a normalised MAC, an IP, a
// hostname and the file position of each sighting. Attributing a MAC to its maker is the
// trust resolver's business (the IEEE OUI registry); this reader never decides trust.
//
// Formats, detected from the content unless given (the first byte that is not white space,
// then the first line that is neither blank nor a "#" comment):
//   nmap XML (`nmap -oX`): the text starts with "<". <nmaprun><host> with <address
//       addrtype="mac" vendor=...>, ipv4/ipv6 addresses and <hostnames>; hosts whose
//       <status state="down"> are skipped; hosts without a MAC (a scan through a router sees
//       none) are kept, not attributable. <hosthint> (nmap 7.9x) repeats a <host> and is ignored.
//   ISC dhcpd.leases (dhcpd.leases(5)): the first line is a `lease`, `host`, `failover`,
//       `server-duid`, `authoring-byte-order`, `class`, `subclass` or `ia-na/ta/pd` statement.
//       `lease A.B.C.D { ... }` gives IP, `hardware ethernet`, `client-hostname`, `binding
//       state` and the `starts`/`ends` times; `host NAME { hardware ethernet; fixed-address; }`
//       blocks (written through OMAPI) give a host each. As dhcpd does when it reads the file,
//       a later lease for the same IP replaces an earlier one. Leases in every binding state
//       are kept: a `free`, `expired`, `released` or `abandoned` lease still shows a device
//       that was on the network, and is marked inactive (`active` false) with its state.
//       Leases without a `hardware ethernet` and DHCPv6 `ia-*` blocks are skipped.
//   `ip neigh` (iproute2): "ADDR [dev IF] [lladdr MAC] [router] [proxy] ... STATE"; entries
//       without lladdr (FAILED, INCOMPLETE) are skipped, as are lladdrs that are not 48-bit
//       (tunnels, InfiniBand).
//   ARP tables, the first line telling which: `arp -a`/`arp -an` of Linux net-tools and the
//       BSDs/macOS ("? (10.0.0.1) at 00:11:22:33:44:55 [ether] on eth0"), Linux `arp -n`
//       (header "Address HWtype HWaddress Flags Mask Iface"), /proc/net/arp (header "IP
//       address HW type Flags HW address Mask Device"; flags 0x0 = incomplete) and Windows
//       `arp -a` ("Interface: 10.0.0.7 --- 0xb", then "10.0.0.1  00-11-22-33-44-55  dynamic").
//       Incomplete entries are skipped.
// Every skipped entry is listed in Discovery::skipped with its position and the reason.
//
// MACs are written lower-case with colons ("00:18:82:12:34:56"); octets of one hex digit
// (BSD arp, dhcpd) are zero-padded. Their IEEE 802 kind is recorded: the group bit (0x01 of
// the first octet) marks multicast and broadcast addresses, the U/L bit (0x02) a locally
// administered address -- randomised "private" addresses of phones and laptops, virtual
// interfaces -- which no OUI assignment covers (IEEE 802-2014, 8.2).
//
//   auto d = parse_discovered(*core::Input::open("scan.xml"));
//   if (!d) return fail(d.error());
//   for (const DiscoveredHost& h : d->hosts) if (h.mac_kind == MacKind::kUniversal) resolve(h.mac);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"

namespace cleannet::netmodel {

enum class DiscoveryFormat { kAuto, kNmapXml, kDhcpdLeases, kIpNeigh, kArp };

// "auto", "nmap", "dhcpd", "ip-neigh", "arp".
const char* discovery_format_name(DiscoveryFormat f);
std::optional<DiscoveryFormat> parse_discovery_format(std::string_view name);

enum class MacKind {
  kNone,       // no MAC seen (a routed nmap scan)
  kUniversal,  // globally unique: its OUI names the maker
  kLocal,      // locally administered (U/L bit set): randomised or virtual, not attributable
  kGroup,      // multicast or broadcast (I/G bit set): not a device
};
const char* mac_kind_name(MacKind k);  // "none", "universal", "local", "group"

// "00:11:22:33:44:55", "0:11:22:3:4:5", "00-11-22-33-44-55" (any case) -> 48 bits; nullopt
// for anything else (a Cisco "0011.2233.4455" is not in these formats).
std::optional<uint64_t> parse_mac48(std::string_view s);
std::string mac48_to_string(uint64_t mac);  // lower case, colons
MacKind mac48_kind(uint64_t mac);

struct DiscoveredHost {
  std::string mac;  // normalised, "" when none
  MacKind mac_kind = MacKind::kNone;
  std::string ip;                        // IPv4 or IPv6 as written, "" when none
  std::string hostname;                  // nmap <hostname>, dhcpd client-hostname or host name, arp's name
  std::string vendor_as_reported;        // nmap's <address vendor=...> (nmap's own OUI table)
  std::string interface;                 // ip neigh dev, arp "on"/Iface/Device, Windows interface address
  std::string state;                     // nmap status, dhcpd binding state, neighbour state, ARP type/flags
  bool active = true;                    // false for dhcpd leases not in state active (or bootp/reserved)
  std::string lease_starts, lease_ends;  // dhcpd "YYYY/MM/DD HH:MM:SS" (UTC), "never", or ""
  DiscoveryFormat format = DiscoveryFormat::kAuto;
  std::string source;   // "nmap XML", "dhcpd.leases", "ip neigh", "arp -a", "arp -n",
                        // "/proc/net/arp", "Windows arp -a"
  core::SourcePos pos;  // the MAC's element or statement, else the entry's start
};

struct SkippedEntry {
  core::SourcePos pos;
  std::string reason;  // "ip neigh entry without lladdr (FAILED)", "lease without hardware ethernet" ...
};

struct Discovery {
  DiscoveryFormat format = DiscoveryFormat::kAuto;
  std::string source;  // as DiscoveredHost::source
  std::vector<DiscoveredHost> hosts;
  std::vector<SkippedEntry> skipped;
};

// Largest input read (decompressed).
inline constexpr size_t kMaxDiscoveryBytes = size_t{128} << 20;

// Reads one capture. Errors name file:line:column and what was expected there; input in no
// known format is rejected with its first significant line.
core::Result<Discovery> parse_discovered(core::Input in, DiscoveryFormat format = DiscoveryFormat::kAuto);

}  // namespace cleannet::netmodel
