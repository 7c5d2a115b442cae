// MrtDecoder: what TABLE_DUMP, TABLE_DUMP_V2, BGP4MP[_ET] and type 5 records hold.
//
// The control flow follows RFC 6396 and, where a record is damaged, bgpdump 1.6.2
// (bgpdump_lib.c): fields past the end read as zero, records bgpdump rejects as a whole
// (bad marker, unknown AFI, a state change of the wrong length) reach no handler. Every
// departure from the RFCs is a defect with its position.
#include <algorithm>

#include "cleannet/bgp/detail/attr_parse.h"
#include "cleannet/bgp/detail/wire.h"
#include "cleannet/bgp/mrt.h"

namespace cleannet::bgp {

using detail::AttrContext;
using detail::Cursor;
using detail::Defects;

namespace {

std::string num(uint64_t v) { return std::to_string(v); }

void read_ip(Cursor& c, bool v6, IpAddress& ip) {
  ip.v6 = v6;
  ip.bytes = {};
  c.bytes(ip.bytes.data(), v6 ? 16 : 4);
}

// Types RFC 6396 defines (§4 and the deprecated ones of Appendix B) that carry no BGP routes
// or that this reader leaves alone: skipped without complaint.
bool known_type(uint16_t t) { return t <= 11 || t == 32 || t == 33 || t == 48 || t == 49; }

}  // namespace

struct MrtDecoder::Impl {
  std::string file;
  Defects d;
  PeerIndexTable peers;
  bool have_peers = false;
  Attributes attrs;
  std::vector<NlriPrefix> prefixes;
  std::vector<SkippedRecords> skipped;  // a file holds a few kinds at most: a scan finds one

  void skip(const MrtRecord& r) {
    for (SkippedRecords& s : skipped)
      if (s.type == r.type && s.subtype == r.subtype) {
        ++s.records;
        return;
      }
    skipped.push_back(SkippedRecords{r.type, r.subtype, 1});
  }

  void overran(const Cursor& c, uint32_t at, const char* what) {
    if (c.overran()) d.add(at, std::string(what) + " within the record", "end of the record");
  }
  void trailing(const Cursor& c) {
    if (!c.empty()) d.add(c.position(), "end of the record", num(c.remaining()) + " more bytes");
  }

  // --- TABLE_DUMP (RFC 6396 §4.2) -----------------------------------------------------------
  void table_dump(const MrtRecord& r, Cursor& c, MrtHandler& h) {
    if (r.subtype < 1 || r.subtype > 4) {
      d.add_at(r.offset + 6, "TABLE_DUMP subtype 1-4 (RFC 6396 §4.2)", num(r.subtype));
      return;
    }
    TableDumpEntry e;
    e.v6 = r.subtype == 2 || r.subtype == 4;
    e.as4 = r.subtype >= 3;
    e.view = c.u16();
    e.sequence = c.u16();
    c.bytes(e.prefix.bytes.data(), e.v6 ? 16 : 4);
    uint32_t len_at = c.position();
    e.prefix.length = c.u8();
    e.status = c.u8();
    e.originated_time = c.u32();
    read_ip(c, e.v6, e.peer_ip);
    e.peer_as = e.as4 ? c.u32() : c.u16();
    overran(c, 0, "TABLE_DUMP entry header");
    if (e.prefix.length > (e.v6 ? 128 : 32))
      d.add(len_at, "prefix length <= " + num(e.v6 ? 128 : 32), num(e.prefix.length));
    detail::parse_attributes(
        c, AttrContext{static_cast<uint8_t>(e.as4 ? 4 : 2), false, true, static_cast<uint16_t>(e.v6 ? 2 : 1), 1}, attrs,
        d);
    trailing(c);
    e.attributes = &attrs;
    h.table_dump(r, e);
  }

  // --- TABLE_DUMP_V2 (RFC 6396 §4.3, RFC 8050 §4) -------------------------------------------
  void peer_index(const MrtRecord& r, Cursor& c, MrtHandler& h) {
    peers.collector_bgp_id = {};
    peers.view_name.clear();
    peers.peers.clear();
    c.bytes(peers.collector_bgp_id.data(), 4);
    uint32_t name_at = c.position();
    uint16_t name_len = c.u16();
    if (name_len + 1 > 255) {
      // bgpdump skips the name without consuming it, and reads on from there.
      d.add(name_at, "a view name shorter than 255 bytes (bgpdump's limit)", num(name_len));
    } else {
      uint32_t k = std::min<uint32_t>(name_len, c.remaining());
      peers.view_name.assign(reinterpret_cast<const char*>(c.here()), k);
      c.skip(name_len);
    }
    uint16_t count = c.u16();
    overran(c, 0, "PEER_INDEX_TABLE header");
    peers.peers.reserve(count);
    for (uint16_t i = 0; i < count; ++i) {
      uint32_t at = c.position();
      PeerEntry p;
      p.peer_type = c.u8();
      c.bytes(p.bgp_id.data(), 4);
      read_ip(c, p.peer_type & 1, p.address);
      p.asn = (p.peer_type & 2) ? c.u32() : c.u16();
      peers.peers.push_back(p);
      if (c.overran()) {
        d.add(at, "peer entry " + num(i) + " of " + num(count) + " within the record", "end of the record");
        break;
      }
    }
    trailing(c);
    have_peers = true;
    h.peer_index(r, peers);
  }

  void rib(const MrtRecord& r, Cursor& c, MrtHandler& h) {
    RibEntry e;
    uint16_t st = r.subtype;
    e.add_path = st >= kRibIpv4UnicastAddPath;
    bool generic = st == kRibGeneric || st == kRibGenericAddPath;
    e.sequence = c.u32();
    if (generic) {
      // RFC 6396 §4.3.3: AFI, SAFI and one NLRI as MP_REACH_NLRI would carry it.
      e.afi = c.u16();
      e.safi = c.u8();
    } else {
      uint16_t base = e.add_path ? static_cast<uint16_t>(st - 6) : st;
      e.afi = (base == kRibIpv4Unicast || base == kRibIpv4Multicast) ? 1 : 2;
      e.safi = (base == kRibIpv4Unicast || base == kRibIpv6Unicast) ? 1 : 2;
    }
    bool prefix_form = (e.afi == 1 || e.afi == 2) && (e.safi == 1 || e.safi == 2);
    uint32_t at = c.position();
    uint8_t bits = c.u8();
    uint32_t bytes = (bits + 7u) / 8;
    if (prefix_form) {
      uint8_t max = e.afi == 1 ? 32 : 128;
      if (bits > max) d.add(at, "prefix length <= " + num(max), num(bits));
      e.prefix.length = bits;
      uint32_t keep = std::min<uint32_t>(bytes, 16);
      c.bytes(e.prefix.bytes.data(), keep);
      c.skip(bytes - keep);
    } else {
      // Another family: the first byte is the NLRI length in bits (RFC 4760 §5.1 style).
      e.nlri = {c.here() - 1, std::min<uint32_t>(bytes, c.remaining()) + 1};
      c.skip(bytes);
    }
    uint16_t count = c.u16();
    overran(c, 0, "RIB record header");
    if (count && !have_peers) {
      d.add(0, "a PEER_INDEX_TABLE record before the RIB records (RFC 6396 §4.3)", "none");
      return;
    }
    for (uint16_t i = 0; i < count; ++i) {
      uint32_t entry_at = c.position();
      e.entry_index = i;
      e.peer_index = c.u16();
      e.originated_time = c.u32();
      e.path_id = e.add_path ? c.u32() : 0;
      if (c.overran()) {
        d.add(entry_at, "RIB entry " + num(i) + " of " + num(count) + " within the record", "end of the record");
        return;
      }
      if (e.peer_index >= peers.peers.size()) {
        // bgpdump 1.6.2 stops on an assertion here.
        d.add(entry_at, "a peer index < " + num(peers.peers.size()) + " (the PEER_INDEX_TABLE's peer count)",
              num(e.peer_index));
        return;
      }
      e.peer = &peers.peers[e.peer_index];
      e.prefix.path_id = e.path_id;
      detail::parse_attributes(c, AttrContext{4, e.add_path, true, e.afi, e.safi}, attrs, d);
      e.attributes = &attrs;
      h.rib_entry(r, e);
    }
    trailing(c);
  }

  void table_dump_v2(const MrtRecord& r, Cursor& c, MrtHandler& h) {
    switch (r.subtype) {
      case kPeerIndexTable:
        peer_index(r, c, h);
        return;
      case kRibIpv4Unicast:
      case kRibIpv4Multicast:
      case kRibIpv6Unicast:
      case kRibIpv6Multicast:
      case kRibGeneric:
      case kRibIpv4UnicastAddPath:
      case kRibIpv4MulticastAddPath:
      case kRibIpv6UnicastAddPath:
      case kRibIpv6MulticastAddPath:
      case kRibGenericAddPath:
        rib(r, c, h);
        return;
      case 7:  // GEO_PEER_TABLE (RFC 6397): locations, no routes
        skip(r);
        return;
    }
    d.add_at(r.offset + 6, "TABLE_DUMP_V2 subtype 1-12 (RFC 6396 §4.3, RFC 8050 §4)", num(r.subtype));
  }

  // --- BGP4MP and BGP4MP_ET (RFC 6396 §4.4, RFC 8050 §3) ------------------------------------
  void state_change(const MrtRecord& r, Cursor& c, MrtHandler& h, uint8_t as_size) {
    StateChange s;
    uint32_t len = c.size();
    s.peer_as = as_size == 4 ? c.u32() : c.u16();
    s.local_as = as_size == 4 ? c.u32() : c.u16();
    if (len == 8) {
      // Early Zebra wrote state changes without interface, AFI and addresses; bgpdump reads
      // them as IPv4 with zero addresses.
      s.old_state = c.u16();
      s.new_state = c.u16();
      overran(c, 0, "state change");
      h.state_change(r, s);
      return;
    }
    s.interface_index = c.u16();
    uint32_t afi_at = c.position();
    s.afi = c.u16();
    uint32_t want = 4u * as_size / 2 + 4 + (s.afi == 2 ? 32 : 8) + 4;
    if (s.afi == 1 || s.afi == 2) {
      uint32_t a = s.afi == 1 ? 20 : 44, b = s.afi == 1 ? 24 : 48;
      if (len != a && len != b) {
        d.add(0, "a state change of " + num(want) + " bytes", num(len));
        return;
      }
      if (len != want) d.add(0, "a state change of " + num(want) + " bytes", num(len));
    } else {
      d.add(afi_at, "AFI 1 or 2", num(s.afi));
      return;
    }
    read_ip(c, s.afi == 2, s.peer_ip);
    read_ip(c, s.afi == 2, s.local_ip);
    s.old_state = c.u16();
    s.new_state = c.u16();
    overran(c, 0, "state change");
    trailing(c);
    h.state_change(r, s);
  }

  // The UPDATE body after the BGP header (RFC 4271 §4.3); also the body of type 5 records.
  void update_body(Cursor& m, BgpMessage& msg, uint8_t as_size, bool add_path) {
    prefixes.clear();
    uint32_t at = m.position();
    uint32_t room = m.remaining();
    uint16_t wlen = m.u16();
    Cursor w = m.sub(wlen);
    if (m.overran())
      d.add(at, "a 2-byte withdrawn routes length", num(room) + " bytes");
    else if (w.size() < wlen)
      d.add(at, "withdrawn routes length <= " + num(room - 2) + " remaining bytes", num(wlen));
    uint32_t nw = detail::read_prefixes(w, add_path, 32, prefixes, d, "withdrawn prefix");
    detail::parse_attributes(m, AttrContext{as_size, add_path, false}, attrs, d);
    uint32_t na = detail::read_prefixes(m, add_path, 32, prefixes, d, "NLRI prefix");
    msg.withdrawn = {prefixes.data(), nw};
    msg.announced = {prefixes.data() + nw, na};
    msg.attributes = &attrs;
  }

  void message(const MrtRecord& r, Cursor& c, MrtHandler& h) {
    BgpMessage msg;
    uint16_t st = r.subtype;
    msg.as4 = st == kMessageAs4 || st == kMessageAs4Local || st == kMessageAs4AddPath || st == kMessageAs4LocalAddPath;
    msg.local =
        st == kMessageLocal || st == kMessageAs4Local || st == kMessageLocalAddPath || st == kMessageAs4LocalAddPath;
    msg.add_path = st >= kMessageAddPath;
    uint8_t as_size = msg.as4 ? 4 : 2;
    msg.peer_as = msg.as4 ? c.u32() : c.u16();
    msg.local_as = msg.as4 ? c.u32() : c.u16();
    msg.interface_index = c.u16();
    uint32_t afi_at = c.position();
    msg.afi = c.u16();
    uint8_t marker[16];
    if (msg.afi == 1 || msg.afi == 2) {
      read_ip(c, msg.afi == 2, msg.peer_ip);
      read_ip(c, msg.afi == 2, msg.local_ip);
      c.bytes(marker, 16);
    } else if (msg.afi == 0xffff && msg.interface_index == 0xffff) {
      // Zebra wrote OPEN messages without interface, AFI and addresses: the two 0xffff are
      // the first half of the marker (bgpdump's work-around).
      std::memset(marker, 0xff, 4);
      c.bytes(marker + 4, 12);
      msg.afi = 1;
      msg.interface_index = 0;
    } else {
      d.add(afi_at, "AFI 1 or 2", num(msg.afi));
      return;
    }
    uint32_t marker_at = c.position() - 16;
    overran(c, 0, "BGP4MP message header");
    for (uint8_t b : marker)
      if (b != 0xff) {
        d.add(marker_at, "a BGP marker of 16 0xff bytes (RFC 4271 §4.1)", "another marker");
        return;
      }
    uint32_t size_at = c.position();
    msg.length = c.u16();
    int expected = int{msg.length} - 18;
    uint32_t room = c.remaining();
    Cursor m = c.sub(expected < 0 ? UINT32_MAX : static_cast<uint32_t>(expected));
    msg.cut_bytes = expected > static_cast<int>(m.size()) ? static_cast<uint32_t>(expected) - m.size() : 0;
    if (msg.length < 19)
      d.add(size_at, "a BGP message length >= 19 (RFC 4271 §4.1)", num(msg.length));
    else if (msg.cut_bytes)
      d.add(size_at, "a BGP message length <= " + num(room + 18) + " (the rest of the record)", num(msg.length));
    trailing(c);
    msg.type = m.u8();
    switch (msg.type) {
      case kOpen:
        msg.version = m.u8();
        msg.my_as = m.u16();  // 2 bytes in every subtype (RFC 6793 §3: AS_TRANS or the AS)
        msg.hold_time = m.u16();
        m.bytes(msg.bgp_id.data(), 4);
        {
          uint8_t n = m.u8();
          msg.optional_parameters = {m.here(), std::min<uint32_t>(n, m.remaining())};
          m.skip(n);
        }
        overran(m, size_at, "OPEN message");
        break;
      case kUpdate:
        update_body(m, msg, as_size, msg.add_path);
        break;
      case kNotification:
        msg.error_code = m.u8();
        msg.error_subcode = m.u8();
        msg.data = {m.here(), m.remaining()};
        overran(m, size_at, "NOTIFICATION message");
        break;
      case kKeepalive:
      case kRouteRefresh:  // RFC 2918
      case 128:            // the pre-standard ROUTE-REFRESH code
        break;
      default:
        d.add(size_at + 2, "BGP message type 1-5 (RFC 4271 §4.1, RFC 2918 §3)", num(msg.type));
        return;
    }
    h.bgp_message(r, msg);
  }

  void bgp4mp(const MrtRecord& r, Cursor& c, MrtHandler& h) {
    switch (r.subtype) {
      case kStateChange:
        state_change(r, c, h, 2);
        return;
      case kStateChangeAs4:
        state_change(r, c, h, 4);
        return;
      case kMessage:
      case kMessageAs4:
      case kMessageLocal:
      case kMessageAs4Local:
      case kMessageAddPath:
      case kMessageAs4AddPath:
      case kMessageLocalAddPath:
      case kMessageAs4LocalAddPath:
        message(r, c, h);
        return;
      case 2:  // BGP4MP_ENTRY and BGP4MP_SNAPSHOT of the pre-RFC drafts (OpenBGPD writes
      case 3:  // ENTRY): bgpdump 1.6.2 prints nothing for them, and neither does this reader
        skip(r);
        return;
    }
    d.add_at(r.offset + 6, "BGP4MP subtype 0-11 (RFC 6396 §4.4, RFC 8050 §3)", num(r.subtype));
  }

  // --- type 5, BGP (RFC 6396 Appendix B.2.1) ------------------------------------------------
  void bgp_type5(const MrtRecord& r, Cursor& c, MrtHandler& h) {
    switch (r.subtype) {
      case 1:    // BGP_UPDATE: Peer AS, Peer IP, Local AS, Local IP, UPDATE without BGP header
      case 7: {  // BGP_KEEPALIVE: the same four fields (bgpdump reads it as an UPDATE)
        BgpMessage msg;
        msg.peer_as = c.u16();
        read_ip(c, false, msg.peer_ip);
        msg.local_as = c.u16();
        read_ip(c, false, msg.local_ip);
        overran(c, 0, "BGP message header");
        if (r.subtype == 7) {
          msg.type = kKeepalive;
          trailing(c);
        } else {
          msg.type = kUpdate;
          update_body(c, msg, 2, false);
        }
        h.bgp_message(r, msg);
        return;
      }
      case 3: {  // BGP_STATE_CHANGE: Peer AS, Peer IP, Old State, New State
        StateChange s;
        s.peer_as = c.u16();
        read_ip(c, false, s.peer_ip);
        s.old_state = c.u16();
        s.new_state = c.u16();
        overran(c, 0, "state change");
        trailing(c);
        h.state_change(r, s);
        return;
      }
      case 0:  // NULL, PREF_UPDATE, SYNC, OPEN, NOTIFY: nothing bgpdump or this reader decodes
      case 2:
      case 4:
      case 5:
      case 6:
        skip(r);
        return;
    }
    d.add_at(r.offset + 6, "BGP subtype 0-7 (RFC 6396 Appendix B.2.1)", num(r.subtype));
  }

  core::Status decode(const MrtRecord& r, MrtHandler& h) {
    d.reset(&file, r.offset + r.header_size(), record_type_name(r.type, r.subtype));
    const uint8_t* p = r.body.data();
    uint32_t n = static_cast<uint32_t>(r.body.size());
    Cursor c(p, n, 0, p + n);
    switch (r.type) {
      case kMrtBgp:
        bgp_type5(r, c, h);
        break;
      case kMrtTableDump:
        table_dump(r, c, h);
        break;
      case kMrtTableDumpV2:
        table_dump_v2(r, c, h);
        break;
      case kMrtBgp4mp:
      case kMrtBgp4mpEt:
        bgp4mp(r, c, h);
        break;
      default:
        if (known_type(r.type))
          skip(r);
        else
          d.add_at(r.offset + 4, "a known MRT type (RFC 6396 §4)", num(r.type));
    }
    return d.status();
  }
};

MrtDecoder::MrtDecoder(std::string file_name) : impl_(std::make_unique<Impl>()) { impl_->file = std::move(file_name); }
MrtDecoder::~MrtDecoder() = default;
core::Status MrtDecoder::decode(const MrtRecord& record, MrtHandler& h) { return impl_->decode(record, h); }
uint32_t MrtDecoder::defect_count() const { return impl_->d.count(); }
const std::vector<SkippedRecords>& MrtDecoder::skipped() const { return impl_->skipped; }
const PeerIndexTable* MrtDecoder::peer_index_table() const { return impl_->have_peers ? &impl_->peers : nullptr; }

}  // namespace cleannet::bgp
