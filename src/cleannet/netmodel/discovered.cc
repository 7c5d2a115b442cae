#include "cleannet/netmodel/discovered.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <ctime>
#include <pugixml.hpp>
#include <unordered_map>
#include <utility>

#include "cleannet/core/ipaddr.h"
#include "cleannet/core/text.h"
#include "cleannet/netmodel/detail/text.h"
#include "cleannet/netmodel/detail/xml.h"

namespace cleannet::netmodel {

namespace {

using detail::LineIndex;
using detail::Word;
using detail::words;
using detail::xml_status_found;

using F = DiscoveryFormat;

constexpr std::array<std::pair<F, const char*>, 5> kFormatNames = {{
    {F::kAuto, "auto"},
    {F::kNmapXml, "nmap"},
    {F::kDhcpdLeases, "dhcpd"},
    {F::kIpNeigh, "ip-neigh"},
    {F::kArp, "arp"},
}};

constexpr const char* kKnownFormats =
    "discovery output in a known format (nmap XML, ISC dhcpd.leases, ip neigh, arp -a, arp -n, /proc/net/arp or "
    "Windows arp -a)";

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "a:b:c" / "a-b-c" octets of one or two hex digits; nullopt if malformed. Used for MACs and
// for the link-layer addresses of other hardware (InfiniBand, tunnels) that are skipped.
std::optional<std::vector<uint8_t>> parse_hex_octets(std::string_view s, char sep) {
  std::vector<uint8_t> out;
  if (s.empty() || s.size() > 3 * 64) return std::nullopt;
  size_t i = 0;
  for (;;) {
    size_t b = i;
    unsigned v = 0;
    while (i < s.size() && i - b < 3 && hex_digit(s[i]) >= 0) v = v * 16 + static_cast<unsigned>(hex_digit(s[i++]));
    if (i == b || i - b > 2) return std::nullopt;
    out.push_back(static_cast<uint8_t>(v));
    if (i == s.size()) return out;
    if (s[i] != sep) return std::nullopt;
    ++i;
  }
}

// One address parser for the project (core::parse_prefix): an IPv4-mapped IPv6 address
// (::ffff:a.b.c.d, RFC 4291 §2.5.5.2) is an IPv4 address, whichever way a scanner types it.
std::optional<core::Prefix> parse_ip(std::string_view s) {
  if (s.empty() || s.find('/') != std::string_view::npos) return std::nullopt;
  return core::parse_prefix(s);
}

bool is_ip(std::string_view s) { return parse_ip(s).has_value(); }

bool is_ipv4(std::string_view s) {
  auto p = parse_ip(s);
  return p && !p->v6;
}

struct Line {
  std::string_view text;  // without "\r"
  uint32_t no = 0;        // 1-based
};

std::vector<Line> split_lines(std::string_view all) {
  std::vector<Line> out;
  uint32_t no = 0;
  size_t i = 0;
  while (i < all.size()) {
    size_t e = all.find('\n', i);
    if (e == std::string_view::npos) e = all.size();
    std::string_view line = all.substr(i, e - i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back({line, ++no});
    i = e + 1;
  }
  return out;
}

bool is_comment_or_blank(std::string_view line) {
  std::string_view t = core::trim(line);
  return t.empty() || t.front() == '#';
}

// What the parsers share: the file name, the result, and how a host is added.
class Reader {
 public:
  Reader(std::string file, Discovery& d) : file_(std::move(file)), d_(d) {}

  core::SourcePos at(const Line& l, size_t column0 = 0) const {
    return core::SourcePos(file_, l.no, static_cast<uint32_t>(column0 + 1));
  }
  core::SourcePos at(uint32_t line, uint32_t column) const { return core::SourcePos(file_, line, column); }
  const std::string& file() const { return file_; }

  void skip(core::SourcePos pos, std::string reason) { d_.skipped.push_back({std::move(pos), std::move(reason)}); }

  // Adds a host with the MAC already validated (or none); an all-zero MAC is no address.
  void add(DiscoveredHost h, std::optional<uint64_t> mac) {
    if (mac && *mac == 0) {
      skip(h.pos, "all-zero MAC 00:00:00:00:00:00 (no address)" + (h.ip.empty() ? "" : " for " + h.ip));
      return;
    }
    if (mac) {
      h.mac = mac48_to_string(*mac);
      h.mac_kind = mac48_kind(*mac);
    }
    h.format = d_.format;
    h.source = d_.source;
    d_.hosts.push_back(std::move(h));
  }

  Discovery& discovery() { return d_; }

 private:
  std::string file_;
  Discovery& d_;
};

// --- nmap XML --------------------------------------------------------------------------------

core::Status parse_nmap(Reader& r, std::string_view text) {
  LineIndex lines(text);
  auto pos = [&](const pugi::xml_node& n) {
    ptrdiff_t off = n.offset_debug();  // the element's name; point at its '<'
    return lines.at(r.file(), off > 0 ? off - 1 : off);
  };
  pugi::xml_document doc;
  pugi::xml_parse_result res = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!res) {
    // nmap writes its XML as it scans: an interrupted scan ends inside <nmaprun>.
    if (res.status == pugi::status_end_element_mismatch && res.offset >= 0 &&
        text.find_first_not_of(" \t\r\n", static_cast<size_t>(res.offset)) == std::string_view::npos)
      return core::Error(lines.at(r.file(), res.offset), "well-formed XML ending with </nmaprun>",
                         "the end of the file inside an element (an interrupted scan?)");
    return core::Error(lines.at(r.file(), res.offset), "well-formed XML", xml_status_found(res.status));
  }
  pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "nmaprun")
    return core::Error(pos(root), "an <nmaprun> root element (nmap -oX output)", "<" + std::string(root.name()) + ">");
  for (pugi::xml_node host : root.children("host")) {
    DiscoveredHost h;
    h.pos = pos(host);
    std::string state = host.child("status").attribute("state").value();
    h.state = state.empty() ? "up" : state;
    std::optional<uint64_t> mac;
    bool any_address = false;
    for (pugi::xml_node a : host.children("address")) {
      any_address = true;
      std::string_view type = a.attribute("addrtype").value();
      std::string_view addr = core::trim(a.attribute("addr").value());
      if (type == "mac") {
        auto m = parse_mac48(addr);
        if (!m) return core::Error(pos(a), "a MAC address in addr (addrtype=\"mac\")", core::quote_found(addr));
        if (mac) continue;  // nmap writes one; keep the first
        mac = m;
        h.pos = pos(a);
        h.vendor_as_reported = a.attribute("vendor").value();
      } else if (type == "ipv4" || type == "ipv6") {
        // nmap writes addrtype="ipv6" for ::ffff:a.b.c.d as well as "ipv4" for a.b.c.d.
        auto ip = parse_ip(addr);
        if (!ip || (type == "ipv4" ? ip->v6 : addr.find(':') == std::string_view::npos))
          return core::Error(pos(a), std::string("an ") + (type == "ipv4" ? "IPv4" : "IPv6") + " address in addr",
                             core::quote_found(addr));
        if (h.ip.empty()) h.ip = std::string(addr);
      } else {
        return core::Error(pos(a), "addrtype \"ipv4\", \"ipv6\" or \"mac\"", core::quote_found(type));
      }
    }
    if (!any_address) return core::Error(pos(host), "an <address> element in <host>", "none");
    std::string user, first;
    for (pugi::xml_node n : host.child("hostnames").children("hostname")) {
      std::string name = n.attribute("name").value();
      if (name.empty()) continue;
      if (first.empty()) first = name;
      if (user.empty() && std::string_view(n.attribute("type").value()) == "user") user = name;
    }
    h.hostname = user.empty() ? first : user;
    if (h.state != "up") {
      r.skip(h.pos, "nmap host " + (h.ip.empty() ? std::string() : h.ip + " ") + "with status " + h.state);
      continue;
    }
    r.add(std::move(h), mac);
  }
  return core::Ok{};
}

// --- ISC dhcpd.leases ------------------------------------------------------------------------

// The declarations dhcpd writes at the top level of dhcpd.leases.
bool is_dhcpd_keyword(std::string_view w) {
  for (std::string_view k : {"lease", "host", "failover", "server-duid", "authoring-byte-order", "class", "subclass",
                             "ia-na", "ia-ta", "ia-pd", "group"})
    if (w == k) return true;
  return false;
}

struct Token {
  enum Kind { kWord, kString, kOpen, kClose, kSemi, kEnd } kind = kEnd;
  std::string text;
  uint32_t line = 0, column = 0;
};

// The dhcpd.leases lexer (after ISC dhcp's common/conflex.c): words, quoted strings with
// backslash escapes, "{", "}", ";" and "#" comments to the end of the line.
class Lexer {
 public:
  Lexer(std::string_view text, const Reader& r) : s_(text), r_(r) {}

  core::Result<Token> next() {
    for (;;) {
      while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n')) advance();
      if (i_ < s_.size() && s_[i_] == '#') {
        while (i_ < s_.size() && s_[i_] != '\n') advance();
        continue;
      }
      break;
    }
    Token t;
    t.line = line_;
    t.column = col_;
    if (i_ >= s_.size()) return t;
    char c = s_[i_];
    if (c == '{' || c == '}' || c == ';') {
      t.kind = c == '{' ? Token::kOpen : c == '}' ? Token::kClose : Token::kSemi;
      t.text = std::string(1, c);
      advance();
      return t;
    }
    if (c == '"') {
      t.kind = Token::kString;
      advance();
      while (i_ < s_.size() && s_[i_] != '"') {
        if (s_[i_] == '\\' && i_ + 1 < s_.size()) advance();
        t.text += s_[i_];
        advance();
      }
      if (i_ >= s_.size())
        return core::Error(r_.at(t.line, t.column), "a closing quote for the string started here",
                           "the end of the file");
      advance();
      return t;
    }
    t.kind = Token::kWord;
    size_t b = i_;
    while (i_ < s_.size() && std::string_view(" \t\r\n{};\"#").find(s_[i_]) == std::string_view::npos) advance();
    t.text = std::string(s_.substr(b, i_ - b));
    return t;
  }

 private:
  void advance() {
    if (s_[i_] == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    ++i_;
  }

  std::string_view s_;
  const Reader& r_;
  size_t i_ = 0;
  uint32_t line_ = 1, col_ = 1;
};

std::string describe(const Token& t) {
  switch (t.kind) {
    case Token::kEnd:
      return "the end of the file";
    case Token::kString:
      return "the string " + core::quote_found(t.text);
    default:
      return core::quote_found(t.text);
  }
}

// A statement: its words up to ";" or to the "{" that opens its block.
struct Statement {
  std::vector<Token> words;  // words and strings
  bool block = false;        // ended by "{" (the caller reads the block)
  Token end;                 // the ";" or "{"
};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

class LeasesParser {
 public:
  LeasesParser(std::string_view text, Reader& r) : lex_(text, r), r_(r) {}

  core::Status parse() {
    for (;;) {
      auto st = statement(true);
      if (!st) return st.error();
      if (st->words.empty()) {
        if (st->end.kind == Token::kEnd) break;
        return core::Error(pos(st->end), "a lease, host or other dhcpd.leases declaration", describe(st->end));
      }
      const Token& head = st->words[0];
      const std::string& kw = head.text;
      if (head.kind == Token::kWord && kw == "lease") {
        if (auto s = lease(*st); !s) return s;
      } else if (head.kind == Token::kWord && kw == "host") {
        if (auto s = host(*st); !s) return s;
      } else {  // failover, server-duid, authoring-byte-order, class, subclass, group, ia-*
        if (kw.starts_with("ia-")) r_.skip(pos(head), "DHCPv6 " + kw + " binding (no MAC address)");
        if (st->block)
          if (auto s = skip_block(head); !s) return s;
      }
    }
    for (Slots* slots : {&leases_, &hosts_})
      for (auto& e : *slots)
        if (e) r_.add(std::move(e->first), e->second);
    return core::Ok{};
  }

 private:
  core::SourcePos pos(const Token& t) const { return r_.at(t.line, t.column); }

  // With `top`, the first word must begin a top-level declaration: garbage is named as such,
  // not as a statement missing its end.
  core::Result<Statement> statement(bool top = false) {
    Statement s;
    for (;;) {
      auto t = lex_.next();
      if (!t) return t.error();
      if (t->kind == Token::kWord || t->kind == Token::kString) {
        if (top && s.words.empty() && (t->kind != Token::kWord || !is_dhcpd_keyword(t->text)))
          return core::Error(pos(*t),
                             "a lease, host, failover, server-duid, authoring-byte-order, class, subclass, group or "
                             "ia-na/ta/pd declaration of dhcpd.leases",
                             describe(*t));
        s.words.push_back(std::move(*t));
        continue;
      }
      if (t->kind == Token::kEnd && !s.words.empty())
        return core::Error(pos(*t), "\";\" or \"{\" ending the statement that starts at " + pos(s.words[0]).to_string(),
                           "the end of the file");
      s.block = t->kind == Token::kOpen;
      s.end = std::move(*t);
      return s;
    }
  }

  // After the "{" of `opener`'s block: everything up to its matching "}".
  core::Status skip_block(const Token& opener) {
    int depth = 1;
    while (depth > 0) {
      auto t = lex_.next();
      if (!t) return t.error();
      if (t->kind == Token::kOpen) ++depth;
      if (t->kind == Token::kClose) --depth;
      if (t->kind == Token::kEnd) return unclosed(opener);
    }
    return core::Ok{};
  }

  core::Error unclosed(const Token& opener) const {
    return core::Error(pos(opener), "\"}\" closing the " + opener.text + " block opened here", "the end of the file");
  }

  core::Status expect_words(const Statement& s, size_t n, const std::string& what) const {
    if (s.words.size() < n) return core::Error(pos(s.end), what, describe(s.end));
    if (s.words.size() > n) return core::Error(pos(s.words[n]), "\";\" after " + what, describe(s.words[n]));
    if (s.block) return core::Error(pos(s.end), "\";\" after " + what, describe(s.end));
    return core::Ok{};
  }

  // "starts 3 2024/05/29 10:00:00;", "ends never;", "starts epoch 1717236000;" (dhcpd.leases(5)).
  core::Result<std::string> date(const Statement& s) const {
    const std::string& kw = s.words[0].text;
    std::string what = "a date after " + kw + " (W YYYY/MM/DD HH:MM:SS, epoch N or never)";
    if (s.words.size() == 2 && s.words[1].text == "never" && !s.block) return std::string("never");
    if (s.words.size() >= 2 && s.words[1].text == "epoch") {
      if (auto st = expect_words(s, 3, what); !st) return st.error();
      const std::string& n = s.words[2].text;
      int64_t v = 0;
      auto [p, ec] = std::from_chars(n.data(), n.data() + n.size(), v);
      if (ec != std::errc() || p != n.data() + n.size() || v < 0 || v > 253402300799)  // to 9999-12-31
        return core::Error(pos(s.words[2]), what, describe(s.words[2]));
      std::time_t tt = static_cast<std::time_t>(v);
      std::tm tm{};
      gmtime_r(&tt, &tm);
      char buf[96];  // room for any int the compiler imagines
      std::snprintf(buf, sizeof buf, "%04d/%02d/%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                    tm.tm_hour, tm.tm_min, tm.tm_sec);
      return std::string(buf);
    }
    if (auto st = expect_words(s, 4, what); !st) return st.error();
    const Token& wd = s.words[1];
    if (wd.text.size() != 1 || wd.text[0] < '0' || wd.text[0] > '6')
      return core::Error(pos(wd), "a weekday 0-6 after " + kw, describe(wd));
    const Token& d = s.words[2];
    const Token& t = s.words[3];
    int y = 0, mo = 0, da = 0, h = 0, mi = 0, se = 0;
    char c1 = 0, c2 = 0, c3 = 0, c4 = 0, extra = 0;
    bool date_ok = std::sscanf(d.text.c_str(), "%4d%c%2d%c%2d%c", &y, &c1, &mo, &c2, &da, &extra) == 5 && c1 == '/' &&
                   c2 == '/' && d.text.size() == 10 && mo >= 1 && mo <= 12 && da >= 1;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (date_ok) date_ok = da <= kDays[mo - 1] + (mo == 2 && is_leap(y));
    if (!date_ok) return core::Error(pos(d), "a date YYYY/MM/DD after " + kw, describe(d));
    bool time_ok = std::sscanf(t.text.c_str(), "%2d%c%2d%c%2d%c", &h, &c3, &mi, &c4, &se, &extra) == 5 && c3 == ':' &&
                   c4 == ':' && t.text.size() == 8 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && se >= 0 && se <= 60;
    if (!time_ok) return core::Error(pos(t), "a time HH:MM:SS after the date", describe(t));
    return d.text + " " + t.text;
  }

  // "hardware ethernet 00:11:22:33:44:55;" -> the MAC (nullopt for other hardware types).
  core::Result<std::optional<uint64_t>> hardware(const Statement& s) {
    if (auto st = expect_words(s, 3, "a hardware type and address"); !st) return st.error();
    const Token& type = s.words[1];
    const Token& addr = s.words[2];
    if (type.text == "ethernet") {
      auto m = parse_mac48(addr.text);
      if (!m || addr.text.find('-') != std::string::npos)
        return core::Error(pos(addr), "a 48-bit MAC address after hardware ethernet", describe(addr));
      return std::optional<uint64_t>(*m);
    }
    if (type.text == "token-ring" || type.text == "fddi" || type.text == "infiniband") {
      if (!parse_hex_octets(addr.text, ':'))
        return core::Error(pos(addr), "a hardware address after hardware " + type.text, describe(addr));
      return std::optional<uint64_t>();
    }
    return core::Error(pos(type), "a hardware type (ethernet, token-ring, fddi or infiniband)", describe(type));
  }

  core::Result<std::string> string_value(const Statement& s) const {
    std::string what = "a quoted string after " + s.words[0].text;
    if (auto st = expect_words(s, 2, what); !st) return st.error();
    if (s.words[1].kind != Token::kString) return core::Error(pos(s.words[1]), what, describe(s.words[1]));
    return s.words[1].text;
  }

  core::Status lease(const Statement& head) {
    const Token& kw = head.words[0];
    if (head.words.size() < 2 || !is_ipv4(head.words[1].text) || head.words[1].kind != Token::kWord) {
      const Token& bad = head.words.size() < 2 ? head.end : head.words[1];
      return core::Error(pos(bad), "an IPv4 address after lease", describe(bad));
    }
    if (head.words.size() > 2)
      return core::Error(pos(head.words[2]), "\"{\" after the lease address", describe(head.words[2]));
    if (!head.block) return core::Error(pos(head.end), "\"{\" after the lease address", describe(head.end));
    DiscoveredHost h;
    h.ip = head.words[1].text;
    h.pos = pos(kw);
    std::optional<uint64_t> mac;
    bool have_hardware = false;
    std::string hw_type;
    for (;;) {
      auto st = statement();
      if (!st) return st.error();
      if (st->words.empty()) {
        if (st->end.kind == Token::kClose) break;
        if (st->end.kind == Token::kEnd) return unclosed(kw);
        if (st->end.kind == Token::kSemi) continue;  // an empty statement
        return core::Error(pos(st->end), "a statement in the lease", describe(st->end));
      }
      const Token& w = st->words[0];
      const std::string& k = w.text;
      if (w.kind != Token::kWord) return core::Error(pos(w), "a lease statement", describe(w));
      if (st->block) {
        // "on expiry { ... }" and the like: dhcpd's event handlers.
        if (k != "on") return core::Error(pos(st->end), "\";\" ending the " + k + " statement", "\"{\"");
        if (auto s = skip_block(w); !s) return s;
        continue;
      }
      if (k == "starts" || k == "ends" || k == "tstp" || k == "tsfp" || k == "atsfp" || k == "cltt") {
        auto d = date(*st);
        if (!d) return d.error();
        if (k == "starts") h.lease_starts = *d;
        if (k == "ends") h.lease_ends = *d;
      } else if (k == "binding" || k == "next" || k == "rewind") {
        size_t at = k == "binding" ? 1 : 2;
        std::string what = std::string(k == "binding" ? "" : k + " ") + "binding state";
        if (k != "binding" && (st->words.size() < 2 || st->words[1].text != "binding"))
          return core::Error(pos(st->words.size() < 2 ? st->end : st->words[1]), "binding after " + k,
                             describe(st->words.size() < 2 ? st->end : st->words[1]));
        if (st->words.size() <= at || st->words[at].text != "state")
          return core::Error(pos(st->words.size() <= at ? st->end : st->words[at]), "state after binding",
                             describe(st->words.size() <= at ? st->end : st->words[at]));
        if (auto s = expect_words(*st, at + 2, "a " + what); !s) return s;
        const Token& v = st->words[at + 1];
        static constexpr std::string_view kStates[] = {"free",  "active", "expired",  "released", "abandoned",
                                                       "reset", "backup", "reserved", "bootp"};
        if (std::find(std::begin(kStates), std::end(kStates), v.text) == std::end(kStates))
          return core::Error(pos(v),
                             "a binding state (free, active, expired, released, abandoned, reset, backup, reserved or "
                             "bootp)",
                             describe(v));
        if (k == "binding") h.state = v.text;
      } else if (k == "hardware") {
        auto m = hardware(*st);
        if (!m) return m.error();
        mac = *m;
        have_hardware = true;
        hw_type = st->words[1].text;
        h.pos = pos(w);
      } else if (k == "client-hostname" || k == "hostname") {
        auto v = string_value(*st);
        if (!v) return v.error();
        if (k == "client-hostname" || h.hostname.empty()) h.hostname = *v;
      } else if (k == "uid" || k == "set" || k == "option" || k == "abandoned" || k == "bootp" || k == "reserved" ||
                 k == "dynamic-bootp" || k == "ddns-text" || k == "ddns-fwd-name" || k == "ddns-rev-name" ||
                 k == "ddns-client-fqdn" || k == "vendor-class-identifier" || k == "billing") {
        // identifiers and variables dhcpd keeps with a lease; nothing here names the device's maker
      } else {
        return core::Error(pos(w),
                           "a lease statement (starts, ends, cltt, binding state, hardware, uid, client-hostname, set, "
                           "option, on ...)",
                           describe(w));
      }
    }
    h.active = h.state.empty() || h.state == "active" || h.state == "bootp" || h.state == "reserved";
    std::optional<Entry> entry;
    if (mac)
      entry = Entry{std::move(h), mac};
    else
      r_.skip(h.pos, have_hardware ? "lease for " + h.ip + " with hardware " + hw_type + " (not a 48-bit MAC)"
                                   : "lease for " + h.ip + " without hardware ethernet");
    // dhcpd rewrites a lease by appending it: the last copy is the lease (dhcpd.leases(5)).
    keep_last(leases_, lease_index_, head.words[1].text, pos(kw), std::move(entry), "lease for ");
    return core::Ok{};
  }

  using Entry = std::pair<DiscoveredHost, std::optional<uint64_t>>;
  using Slots = std::vector<std::optional<Entry>>;

  // Puts `e` (or nothing, when the newest copy has no MAC) in the slot of `key`, first seen
  // order kept, and lists the copy it replaces as skipped.
  void keep_last(Slots& slots, std::unordered_map<std::string, size_t>& index, const std::string& key,
                 const core::SourcePos& at, std::optional<Entry> e, const std::string& what) {
    auto [it, fresh] = index.try_emplace(key, slots.size());
    if (fresh) {
      slots.push_back(std::move(e));
      return;
    }
    auto& old = slots[it->second];
    if (old) r_.skip(old->first.pos, what + key + " superseded by the one at " + at.to_string());
    old = std::move(e);
  }

  // "host NAME { dynamic; hardware ethernet MAC; fixed-address IP; }" (OMAPI host objects).
  core::Status host(const Statement& head) {
    const Token& kw = head.words[0];
    if (head.words.size() != 2 || !head.block) {
      const Token& bad = head.words.size() < 2 ? head.end : head.words.size() > 2 ? head.words[2] : head.end;
      return core::Error(pos(bad), head.words.size() < 2 ? "a host name after host" : "\"{\" after the host name",
                         describe(bad));
    }
    DiscoveredHost h;
    h.hostname = head.words[1].text;
    h.pos = pos(kw);
    h.state = "host";
    std::optional<uint64_t> mac;
    bool deleted = false;
    for (;;) {
      auto st = statement();
      if (!st) return st.error();
      if (st->words.empty()) {
        if (st->end.kind == Token::kClose) break;
        if (st->end.kind == Token::kEnd) return unclosed(kw);
        if (st->end.kind == Token::kSemi) continue;
        return core::Error(pos(st->end), "a statement in the host declaration", describe(st->end));
      }
      const Token& w = st->words[0];
      if (st->block) {
        if (auto s = skip_block(w); !s) return s;
        continue;
      }
      if (w.text == "hardware") {
        auto m = hardware(*st);
        if (!m) return m.error();
        mac = *m;
        h.pos = pos(w);
      } else if (w.text == "fixed-address") {
        if (auto s = expect_words(*st, 2, "an IPv4 address after fixed-address"); !s) return s;
        // A name is allowed too (resolved by dhcpd); only an address is an IP.
        if (is_ipv4(st->words[1].text)) h.ip = st->words[1].text;
      } else if (w.text == "deleted") {
        deleted = true;
      }
      // Other statements (dynamic, uid, group, supersede, option ...) are configuration.
    }
    std::optional<Entry> entry;
    if (deleted)
      r_.skip(h.pos, "host " + h.hostname + " deleted");
    else if (!mac)
      r_.skip(h.pos, "host " + h.hostname + " without hardware ethernet");
    else
      entry = Entry{h, mac};
    keep_last(hosts_, host_index_, head.words[1].text, pos(kw), std::move(entry), "host ");
    return core::Ok{};
  }

  Lexer lex_;
  Reader& r_;
  Slots leases_, hosts_;
  std::unordered_map<std::string, size_t> lease_index_, host_index_;
};

// --- ip neigh --------------------------------------------------------------------------------

constexpr std::string_view kNudStates[] = {"PERMANENT",  "NOARP", "REACHABLE", "STALE", "NONE",
                                           "INCOMPLETE", "DELAY", "PROBE",     "FAILED"};
constexpr std::string_view kNeighFlags[] = {"router", "proxy", "extern_learn", "offload", "managed"};
constexpr std::string_view kNeighKeys[] = {"dev", "lladdr", "proto", "used", "probes", "nud", "vrf"};

template <size_t N>
bool one_of(std::string_view w, const std::string_view (&set)[N]) {
  return std::find(std::begin(set), std::end(set), w) != std::end(set);
}

// A link-layer address that is not a 48-bit MAC but still an address: IPv4 (GRE, SIT tunnels)
// or colon hex of 8 octets or more (EUI-64, InfiniBand's 20). Fewer than 6 octets, or 7, is a
// mangled MAC, not another kind of hardware.
bool other_lladdr(std::string_view s) {
  if (is_ipv4(s)) return true;
  auto o = parse_hex_octets(s, ':');
  return o && o->size() >= 8;
}

core::Status parse_ip_neigh(Reader& r, const std::vector<Line>& lines) {
  for (const Line& l : lines) {
    if (is_comment_or_blank(l.text)) continue;
    auto ws = words(l.text);
    if (!is_ip(ws[0].text))
      return core::Error(r.at(l, ws[0].pos), "an IP address starting an ip neigh entry", core::quote_found(ws[0].text));
    DiscoveredHost h;
    h.ip = std::string(ws[0].text);
    h.pos = r.at(l, ws[0].pos);
    std::optional<Word> lladdr;
    for (size_t i = 1; i < ws.size(); ++i) {
      std::string_view w = ws[i].text;
      if (one_of(w, kNeighKeys)) {
        if (i + 1 >= ws.size())
          return core::Error(r.at(l, ws[i].pos + w.size()), "a value after " + std::string(w), "the end of the line");
        if (w == "dev") h.interface = std::string(ws[i + 1].text);
        if (w == "lladdr") lladdr = ws[i + 1];
        ++i;
      } else if (one_of(w, kNudStates)) {
        h.state += (h.state.empty() ? "" : " ") + std::string(w);
      } else if (!one_of(w, kNeighFlags)) {
        return core::Error(r.at(l, ws[i].pos),
                           "an ip neigh attribute (dev, lladdr, router, proxy, used, probes ...) or state "
                           "(REACHABLE, STALE, DELAY, PROBE, FAILED, INCOMPLETE, PERMANENT, NOARP)",
                           core::quote_found(w));
      }
    }
    if (!lladdr) {
      r.skip(h.pos, "ip neigh entry for " + h.ip + " without lladdr" + (h.state.empty() ? "" : " (" + h.state + ")"));
      continue;
    }
    auto mac = parse_mac48(lladdr->text);
    if (!mac || lladdr->text.find('-') != std::string_view::npos) {
      if (other_lladdr(lladdr->text)) {
        r.skip(h.pos,
               "ip neigh entry for " + h.ip + " with lladdr " + std::string(lladdr->text) + " (not a 48-bit MAC)");
        continue;
      }
      return core::Error(r.at(l, lladdr->pos), "a MAC address after lladdr", core::quote_found(lladdr->text));
    }
    h.pos = r.at(l, lladdr->pos);
    r.add(std::move(h), mac);
  }
  return core::Ok{};
}

// --- ARP tables ------------------------------------------------------------------------------

enum class ArpStyle { kUnknown, kBsd, kLinuxN, kProc, kWindows };

bool is_windows_interface(std::string_view t) {
  // "Interface: 192.168.1.10 --- 0xb" (localised: "Schnittstelle: ...", "Interfaz: ...").
  auto ws = words(t);
  return ws.size() == 4 && ws[0].text.ends_with(":") && is_ipv4(ws[1].text) && ws[2].text == "---" &&
         ws[3].text.starts_with("0x");
}

bool is_bsd_arp(std::string_view t) {
  auto ws = words(t);
  return ws.size() >= 4 && ws[1].text.size() > 2 && ws[1].text.front() == '(' && ws[1].text.back() == ')' &&
         ws[2].text == "at";
}

ArpStyle arp_style(std::string_view first) {
  std::string_view t = core::trim(first);
  auto ws = words(t);
  if (t.starts_with("IP address") && t.find("HW type") != std::string_view::npos) return ArpStyle::kProc;
  if (t.starts_with("Address") && t.find("HWtype") != std::string_view::npos) return ArpStyle::kLinuxN;
  if (is_windows_interface(t)) return ArpStyle::kWindows;
  if (is_bsd_arp(t)) return ArpStyle::kBsd;
  // Windows rows without their interface line: "10.0.0.1  00-11-22-33-44-55  dynamic".
  if (ws.size() == 3 && is_ipv4(ws[0].text) && parse_hex_octets(ws[1].text, '-')) return ArpStyle::kWindows;
  return ArpStyle::kUnknown;
}

const char* arp_source(ArpStyle s) {
  switch (s) {
    case ArpStyle::kBsd:
      return "arp -a";
    case ArpStyle::kLinuxN:
      return "arp -n";
    case ArpStyle::kProc:
      return "/proc/net/arp";
    case ArpStyle::kWindows:
      return "Windows arp -a";
    case ArpStyle::kUnknown:
      break;
  }
  return "arp";
}

core::Status parse_arp(Reader& r, const std::vector<Line>& lines, ArpStyle style) {
  bool header_seen = false;  // the column header of arp -n, /proc/net/arp, Windows
  bool after_interface = false;
  std::string windows_interface;
  for (const Line& l : lines) {
    if (is_comment_or_blank(l.text)) continue;
    std::string_view t = core::trim(l.text);
    auto ws = words(l.text);
    auto bad_mac = [&](const Word& w, const char* what) -> core::Status {
      return core::Error(r.at(l, w.pos), what, core::quote_found(w.text));
    };
    DiscoveredHost h;
    h.pos = r.at(l, ws[0].pos);
    switch (style) {
      case ArpStyle::kBsd: {
        // "? (10.0.0.1) at 00:11:22:33:44:55 [ether] on eth0" (Linux), "? (10.0.0.1) at 0:11:22:33:44:55 on en0
        // ifscope [ethernet]" (macOS), "... at <incomplete> on eth0", "... at (incomplete) on en0".
        if (t.starts_with("Entries:")) continue;  // arp -v's count line
        if (!is_bsd_arp(t))
          return core::Error(r.at(l, ws[0].pos), "an arp -a entry \"NAME (ADDRESS) at MAC ... on INTERFACE\"",
                             core::quote_found(t, 60));
        std::string_view ip = ws[1].text.substr(1, ws[1].text.size() - 2);
        if (!is_ip(ip))
          return core::Error(r.at(l, ws[1].pos + 1), "an IP address in parentheses", core::quote_found(ip));
        h.ip = std::string(ip);
        if (ws[0].text != "?") h.hostname = std::string(ws[0].text);
        for (size_t i = 4; i < ws.size(); ++i) {
          if (ws[i].text == "on" && i + 1 < ws.size()) h.interface = std::string(ws[++i].text);
          if (ws[i].text == "PERM" || ws[i].text == "permanent") h.state = "permanent";
          if (ws[i].text == "PUB" || ws[i].text == "published") h.state += h.state.empty() ? "published" : " published";
        }
        const Word& hw = ws[3];
        if (hw.text == "<incomplete>" || hw.text == "(incomplete)") {
          r.skip(h.pos, "incomplete ARP entry for " + h.ip);
          continue;
        }
        auto mac = parse_mac48(hw.text);
        if (!mac || hw.text.find('-') != std::string_view::npos) {
          if (other_lladdr(hw.text)) {
            r.skip(h.pos,
                   "ARP entry for " + h.ip + " with hardware address " + std::string(hw.text) + " (not a 48-bit MAC)");
            continue;
          }
          return bad_mac(hw, "a MAC address or <incomplete> after at");
        }
        h.pos = r.at(l, hw.pos);
        r.add(std::move(h), mac);
        continue;
      }
      case ArpStyle::kLinuxN: {
        // "Address HWtype HWaddress Flags Mask Iface", then
        // "10.0.0.1  ether  00:11:22:33:44:55  C  eth0" or "10.0.0.9  (incomplete)  eth0".
        if (!header_seen) {
          if (!(t.starts_with("Address") && t.find("HWtype") != std::string_view::npos))
            return core::Error(r.at(l, ws[0].pos), "the arp -n header \"Address HWtype HWaddress Flags Mask Iface\"",
                               core::quote_found(t, 60));
          header_seen = true;
          continue;
        }
        if (is_ip(ws[0].text))
          h.ip = std::string(ws[0].text);
        else
          h.hostname = std::string(ws[0].text);  // arp without -n prints names
        if (ws.size() >= 2 && ws[1].text == "(incomplete)") {
          r.skip(h.pos, "incomplete ARP entry for " + std::string(ws[0].text));
          continue;
        }
        if (ws.size() < 4)
          return core::Error(r.at(l, ws[0].pos), "an arp -n row (Address, HWtype, HWaddress, Flags, Iface)",
                             core::quote_found(t, 60));
        h.interface = std::string(ws.back().text);
        if (ws.size() >= 5) h.state = std::string(ws[3].text);
        const Word& hw = ws[2];
        auto mac = parse_mac48(hw.text);
        if (!mac || hw.text.find('-') != std::string_view::npos || ws[1].text != "ether") {
          if (ws[1].text != "ether" && parse_hex_octets(hw.text, ':')) {
            r.skip(h.pos, "ARP entry for " + std::string(ws[0].text) + " of hardware type " + std::string(ws[1].text));
            continue;
          }
          return bad_mac(hw, "a MAC address in the HWaddress column");
        }
        h.pos = r.at(l, hw.pos);
        r.add(std::move(h), mac);
        continue;
      }
      case ArpStyle::kProc: {
        // "IP address HW type Flags HW address Mask Device", then
        // "192.168.1.1  0x1  0x2  00:11:22:33:44:55  *  eth0" (linux/net/ipv4/arp.c, arp_seq_show).
        if (!header_seen) {
          if (!(t.starts_with("IP address") && t.find("HW type") != std::string_view::npos))
            return core::Error(r.at(l, ws[0].pos),
                               "the /proc/net/arp header \"IP address HW type Flags HW address Mask Device\"",
                               core::quote_found(t, 60));
          header_seen = true;
          continue;
        }
        if (ws.size() != 6)
          return core::Error(r.at(l, ws[0].pos),
                             "six columns of /proc/net/arp (IP address, HW type, Flags, HW address, Mask, Device)",
                             core::quote_found(t, 60));
        if (!is_ip(ws[0].text))
          return core::Error(r.at(l, ws[0].pos), "an IP address in the first column", core::quote_found(ws[0].text));
        unsigned type = 0, flags = 0;
        for (size_t c : {size_t{1}, size_t{2}}) {
          std::string_view v = ws[c].text;
          unsigned& out = c == 1 ? type : flags;
          // the kernel prints both as "0x%x"
          auto [p, ec] = std::from_chars(v.data() + std::min<size_t>(2, v.size()), v.data() + v.size(), out, 16);
          if (!v.starts_with("0x") || v.size() <= 2 || ec != std::errc() || p != v.data() + v.size())
            return core::Error(r.at(l, ws[c].pos), c == 1 ? "a HW type such as 0x1" : "flags such as 0x2",
                               core::quote_found(v));
        }
        h.ip = std::string(ws[0].text);
        h.interface = std::string(ws[5].text);
        h.state = std::string(ws[2].text);
        if ((flags & 0x2) == 0) {  // ATF_COM: the entry is complete
          r.skip(h.pos, "incomplete ARP entry for " + h.ip + " (flags " + std::string(ws[2].text) + ")");
          continue;
        }
        const Word& hw = ws[3];
        auto mac = parse_mac48(hw.text);
        if (type != 1 || !mac || hw.text.find('-') != std::string_view::npos) {  // ARPHRD_ETHER
          if (type != 1 && parse_hex_octets(hw.text, ':')) {
            r.skip(h.pos, "ARP entry for " + h.ip + " of HW type " + std::string(ws[1].text));
            continue;
          }
          return bad_mac(hw, "a MAC address in the HW address column");
        }
        h.pos = r.at(l, hw.pos);
        r.add(std::move(h), mac);
        continue;
      }
      case ArpStyle::kWindows: {
        if (is_windows_interface(t)) {
          windows_interface = std::string(ws[1].text);
          after_interface = true;
          continue;
        }
        if (t == "No ARP Entries Found." || t == "No ARP Entries Found") continue;
        if (ws.size() == 3 && is_ipv4(ws[0].text)) {
          after_interface = false;
          h.ip = std::string(ws[0].text);
          h.interface = windows_interface;
          h.state = std::string(ws[2].text);
          const Word& hw = ws[1];
          auto mac = parse_mac48(hw.text);
          if (!mac || hw.text.find(':') != std::string_view::npos)
            return bad_mac(hw, "a MAC address such as 00-11-22-33-44-55 in the Physical Address column");
          h.pos = r.at(l, hw.pos);
          r.add(std::move(h), mac);
          continue;
        }
        if (after_interface) {  // the (localised) column header under the interface line
          after_interface = false;
          continue;
        }
        return core::Error(r.at(l, ws[0].pos), "a Windows arp -a row (Internet Address, Physical Address, Type)",
                           core::quote_found(t, 60));
      }
      case ArpStyle::kUnknown:
        break;
    }
  }
  return core::Ok{};
}

// --- detection -------------------------------------------------------------------------------

bool looks_like_ip_neigh(const std::vector<Word>& ws) {
  if (ws.empty() || !is_ip(ws[0].text)) return false;
  for (size_t i = 1; i < ws.size(); ++i)
    if (ws[i].text == "dev" || ws[i].text == "lladdr") return true;
  return ws.size() >= 2 && one_of(ws.back().text, kNudStates);
}

}  // namespace

const char* discovery_format_name(DiscoveryFormat f) {
  for (const auto& [v, n] : kFormatNames)
    if (v == f) return n;
  return "?";
}

std::optional<DiscoveryFormat> parse_discovery_format(std::string_view name) {
  for (const auto& [v, n] : kFormatNames)
    if (core::iequals(name, n)) return v;
  return std::nullopt;
}

const char* mac_kind_name(MacKind k) {
  switch (k) {
    case MacKind::kNone:
      return "none";
    case MacKind::kUniversal:
      return "universal";
    case MacKind::kLocal:
      return "local";
    case MacKind::kGroup:
      return "group";
  }
  return "?";
}

std::optional<uint64_t> parse_mac48(std::string_view s) {
  if (s.size() < 11 || s.size() > 17) return std::nullopt;
  char sep = s.find('-') != std::string_view::npos ? '-' : ':';
  auto o = parse_hex_octets(s, sep);
  if (!o || o->size() != 6) return std::nullopt;
  uint64_t v = 0;
  for (uint8_t b : *o) v = v << 8 | b;
  return v;
}

std::string mac48_to_string(uint64_t mac) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (int i = 5; i >= 0; --i) {
    uint8_t b = static_cast<uint8_t>(mac >> (8 * i));
    s += kHex[b >> 4];
    s += kHex[b & 15];
    if (i) s += ':';
  }
  return s;
}

MacKind mac48_kind(uint64_t mac) {
  uint8_t first = static_cast<uint8_t>(mac >> 40);
  if (first & 0x01) return MacKind::kGroup;  // I/G bit: multicast, broadcast
  if (first & 0x02) return MacKind::kLocal;  // U/L bit: locally administered
  return MacKind::kUniversal;
}

core::Result<Discovery> parse_discovered(core::Input in, DiscoveryFormat format) {
  const std::string file = in.name();
  auto text = in.read_all(kMaxDiscoveryBytes);
  if (!text) return text.error();
  std::string_view all = *text;
  size_t bom = all.starts_with("\xEF\xBB\xBF") ? 3 : 0;

  Discovery d;
  Reader r(file, d);
  if (format == F::kAuto) {
    size_t first = all.find_first_not_of(" \t\r\n", bom);
    if (first != std::string_view::npos && all[first] == '<') format = F::kNmapXml;
  }
  if (format == F::kNmapXml) {
    d.format = F::kNmapXml;
    d.source = "nmap XML";
    if (auto st = parse_nmap(r, all); !st) return st.error();
    return d;
  }

  std::string_view body = all.substr(bom);
  std::vector<Line> lines = split_lines(body);
  const Line* first = nullptr;
  for (const Line& l : lines)
    if (!is_comment_or_blank(l.text)) {
      first = &l;
      break;
    }

  ArpStyle style = ArpStyle::kUnknown;
  if (format == F::kAuto && first) {
    auto ws = words(first->text);
    if (is_dhcpd_keyword(ws[0].text))
      format = F::kDhcpdLeases;
    else if ((style = arp_style(first->text)) != ArpStyle::kUnknown)
      format = F::kArp;
    else if (looks_like_ip_neigh(ws))
      format = F::kIpNeigh;
  }
  if (format == F::kAuto) {
    if (!first) return core::Error(core::SourcePos(file), kKnownFormats, all.empty() ? "an empty file" : "no entries");
    size_t col = first->text.find_first_not_of(" \t");
    return core::Error(r.at(*first, col), kKnownFormats, core::quote_found(core::trim(first->text), 60));
  }

  d.format = format;
  switch (format) {
    case F::kDhcpdLeases: {
      d.source = "dhcpd.leases";
      LeasesParser p(body, r);
      if (auto st = p.parse(); !st) return st.error();
      return d;
    }
    case F::kIpNeigh:
      d.source = "ip neigh";
      if (auto st = parse_ip_neigh(r, lines); !st) return st.error();
      return d;
    case F::kArp: {
      if (style == ArpStyle::kUnknown && first) style = arp_style(first->text);
      if (!first) {  // an empty table
        d.source = "arp";
        return d;
      }
      if (style == ArpStyle::kUnknown)
        return core::Error(r.at(*first, first->text.find_first_not_of(" \t")),
                           "an ARP table (arp -a, arp -n, /proc/net/arp or Windows arp -a)",
                           core::quote_found(core::trim(first->text), 60));
      d.source = arp_source(style);
      if (auto st = parse_arp(r, lines, style); !st) return st.error();
      return d;
    }
    case F::kNmapXml:
    case F::kAuto:
      break;
  }
  return d;
}

}  // namespace cleannet::netmodel
