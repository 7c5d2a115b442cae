// MRT (RFC 6396) routing dumps: a streaming record reader and a decoder of what they hold.
//
// MrtReader frames records out of a core::Input (plain, gzip, bzip2, zstd or xz, detected by
// magic bytes), decompressing in a background thread, with memory bounded by the largest
// record. MrtDecoder turns a record into calls on an MrtHandler: RIB entries of TABLE_DUMP
// (v1) and TABLE_DUMP_V2 (IPv4/IPv6 unicast and multicast, RIB_GENERIC, and the RFC 8050
// ADD-PATH subtypes), BGP messages of BGP4MP / BGP4MP_ET (MESSAGE, MESSAGE_AS4, the _LOCAL and
// ADD-PATH variants) and of the deprecated BGP type 5, and peer state changes. Everything a
// handler sees is a view into the decoder's reused buffers, valid during the call: decoding a
// full RIB allocates nothing per entry.
//
// A damaged record does not stop the reading: the decoder reads it the way bgpdump 1.6.2 does
// (bytes past the end of a field read as zero, a truncated attribute ends the attribute list)
// so that `cleannet mrt dump --keep-going` prints what bgpdump prints, and returns an error
// that names the file, the byte offset of the damage and the record type:
//   rib.bz2: byte 1234: BGP4MP MESSAGE_AS4 record: expected attribute length <= 17 remaining bytes, found 300
// Callers that want only sound data drop what the handler got for a record whose decode failed.
//
//   auto reader = bgp::MrtReader::open("rib.20140523.0600.bz2");
//   if (!reader) return fail(reader.error());
//   bgp::MrtDecoder decoder(reader->name());
//   MyHandler h;
//   for (;;) {
//     auto rec = reader->next();
//     if (!rec) return fail(rec.error());   // truncated record, failing decompressor
//     if (!*rec) break;                     // clean end
//     if (auto st = decoder.decode(**rec, h); !st) warn(st.error());
//   }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/bgp/attributes.h"
#include "cleannet/core/input.h"
#include "cleannet/core/result.h"

namespace cleannet::bgp {

// RFC 6396 §4 record types (5 is the deprecated BGP type of Appendix B, still in old RIS files).
enum MrtType : uint16_t {
  kMrtBgp = 5,
  kMrtTableDump = 12,
  kMrtTableDumpV2 = 13,
  kMrtBgp4mp = 16,
  kMrtBgp4mpEt = 17,
};

// TABLE_DUMP_V2 subtypes: RFC 6396 §4.3, RFC 8050 §4 (ADD-PATH).
enum TableDumpV2Subtype : uint16_t {
  kPeerIndexTable = 1,
  kRibIpv4Unicast = 2,
  kRibIpv4Multicast = 3,
  kRibIpv6Unicast = 4,
  kRibIpv6Multicast = 5,
  kRibGeneric = 6,
  kRibIpv4UnicastAddPath = 8,
  kRibIpv4MulticastAddPath = 9,
  kRibIpv6UnicastAddPath = 10,
  kRibIpv6MulticastAddPath = 11,
  kRibGenericAddPath = 12,
};

// BGP4MP subtypes: RFC 6396 §4.4, RFC 8050 §3 (ADD-PATH).
enum Bgp4mpSubtype : uint16_t {
  kStateChange = 0,
  kMessage = 1,
  kMessageAs4 = 4,
  kStateChangeAs4 = 5,
  kMessageLocal = 6,
  kMessageAs4Local = 7,
  kMessageAddPath = 8,
  kMessageAs4AddPath = 9,
  kMessageLocalAddPath = 10,
  kMessageAs4LocalAddPath = 11,
};

// "BGP4MP MESSAGE_AS4", "TABLE_DUMP_V2 RIB_IPV4_UNICAST_ADDPATH", "MRT type 99 subtype 3".
std::string record_type_name(uint16_t type, uint16_t subtype);

struct MrtRecord {
  uint64_t offset = 0;  // of the header, in the decompressed stream
  uint32_t timestamp = 0;
  uint32_t microseconds = 0;  // BGP4MP_ET only (RFC 6396 §3)
  uint16_t type = 0;
  uint16_t subtype = 0;
  std::span<const uint8_t> body;  // valid until the next MrtReader::next()

  uint32_t header_size() const { return type == kMrtBgp4mpEt ? 16 : 12; }
};

struct ReaderOptions {
  bool background_decompression = true;  // decompress in a second thread
  uint32_t max_record_size = 64u << 20;  // a longer record is an error, not an allocation
};

class MrtReader {
 public:
  static core::Result<MrtReader> open(const std::string& path, ReaderOptions options = {});
  explicit MrtReader(core::Input input, ReaderOptions options = {});
  MrtReader(MrtReader&&) noexcept;
  MrtReader& operator=(MrtReader&&) noexcept;
  ~MrtReader();

  // The next complete record; nullptr at the end. An input that ends inside a record (or a
  // decompressor that fails) is an error naming the file, the record's offset and type;
  // every later call returns nullptr. A record length of 0 (bgpdump stops there too) or
  // beyond max_record_size is an error of the same kind.
  core::Result<const MrtRecord*> next();

  const std::string& name() const;
  core::Compression compression() const;
  // Decompressed bytes handed out as records so far; after an error, those from the failing
  // record to the end of the input (read now if they were not yet).
  uint64_t offset() const;
  uint64_t unread_bytes();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// --- what records hold ----------------------------------------------------------------------

// RFC 6396 §4.3.1.
struct PeerEntry {
  uint8_t peer_type = 0;  // bit 0: IPv6 address, bit 1: 4-byte AS
  std::array<uint8_t, 4> bgp_id{};
  IpAddress address;
  uint32_t asn = 0;
};

struct PeerIndexTable {
  std::array<uint8_t, 4> collector_bgp_id{};
  std::string view_name;
  std::vector<PeerEntry> peers;
};

// One route of a TABLE_DUMP_V2 RIB record (RFC 6396 §4.3.2-4.3.4, RFC 8050 §4).
struct RibEntry {
  uint32_t sequence = 0;
  uint16_t afi = 1;  // 1 IPv4, 2 IPv6
  uint8_t safi = 1;  // 1 unicast, 2 multicast; RIB_GENERIC: as recorded
  bool add_path = false;
  NlriPrefix prefix;              // for IPv4/IPv6 unicast and multicast
  std::span<const uint8_t> nlri;  // RIB_GENERIC with another AFI/SAFI: the raw NLRI
  uint16_t entry_index = 0;       // position within the record
  uint16_t peer_index = 0;
  const PeerEntry* peer = nullptr;  // from the last PEER_INDEX_TABLE
  uint32_t originated_time = 0;
  uint32_t path_id = 0;  // ADD-PATH subtypes only
  const Attributes* attributes = nullptr;
};

// A TABLE_DUMP (v1) entry (RFC 6396 §4.2).
struct TableDumpEntry {
  uint16_t view = 0;
  uint16_t sequence = 0;
  bool v6 = false;   // subtypes 2 and 4
  bool as4 = false;  // subtypes 3 and 4 (32-bit AS, not in the RFC but written by Quagga)
  NlriPrefix prefix;
  uint8_t status = 0;
  uint32_t originated_time = 0;
  IpAddress peer_ip;
  uint32_t peer_as = 0;
  const Attributes* attributes = nullptr;
};

// BGP4MP_STATE_CHANGE[_AS4] (RFC 6396 §4.4.1, §4.4.4) and the state change of type 5.
struct StateChange {
  uint32_t peer_as = 0, local_as = 0;
  uint16_t interface_index = 0;
  uint16_t afi = 1;
  IpAddress peer_ip, local_ip;
  uint16_t old_state = 0, new_state = 0;
};

enum BgpMessageType : uint8_t { kOpen = 1, kUpdate = 2, kNotification = 3, kKeepalive = 4, kRouteRefresh = 5 };

// A BGP message from BGP4MP[_ET] MESSAGE* (RFC 6396 §4.4.2-4.4.3, §4.4.5-4.4.6, RFC 8050 §3)
// or from the deprecated type 5 (whose records carry an UPDATE body without a BGP header).
// The address fields are in wire order: for the _LOCAL subtypes the "peer" is where the
// message went.
struct BgpMessage {
  bool as4 = false, local = false, add_path = false;
  uint32_t peer_as = 0, local_as = 0;
  uint16_t interface_index = 0;
  uint16_t afi = 1;
  IpAddress peer_ip, local_ip;
  uint8_t type = 0;        // BgpMessageType
  uint16_t length = 0;     // BGP header length field
  uint32_t cut_bytes = 0;  // length the BGP header claims beyond the record
  // UPDATE (RFC 4271 §4.3)
  std::span<const NlriPrefix> withdrawn;
  std::span<const NlriPrefix> announced;
  const Attributes* attributes = nullptr;  // UPDATE only
  // OPEN (RFC 4271 §4.2)
  uint8_t version = 0;
  uint16_t my_as = 0, hold_time = 0;
  std::array<uint8_t, 4> bgp_id{};
  std::span<const uint8_t> optional_parameters;
  // NOTIFICATION (RFC 4271 §4.5)
  uint8_t error_code = 0, error_subcode = 0;
  std::span<const uint8_t> data;
};

class MrtHandler {
 public:
  virtual ~MrtHandler() = default;
  virtual void peer_index(const MrtRecord&, const PeerIndexTable&) {}
  virtual void rib_entry(const MrtRecord&, const RibEntry&) {}
  virtual void table_dump(const MrtRecord&, const TableDumpEntry&) {}
  virtual void state_change(const MrtRecord&, const StateChange&) {}
  virtual void bgp_message(const MrtRecord&, const BgpMessage&) {}
};

// Records of one type and subtype that the decoder read past without decoding anything:
// RFC 6396 types without BGP routes (OSPF, IS-IS), GEO_PEER_TABLE, the deprecated BGP
// subtypes without routes and the pre-RFC BGP4MP_ENTRY / SNAPSHOT (OpenBGPD writes ENTRY
// records; bgpdump 1.6.2 prints nothing for them). Counted, so that a reader of a file can
// say what it held that was not read.
struct SkippedRecords {
  uint16_t type = 0, subtype = 0;
  uint64_t records = 0;
  friend bool operator==(const SkippedRecords&, const SkippedRecords&) = default;
};
// "31 BGP4MP ENTRY" or "2 BGP NULL, 1 TABLE_DUMP_V2 GEO_PEER_TABLE"; empty for none.
std::string skipped_text(std::span<const SkippedRecords> skipped);
uint64_t skipped_records(std::span<const SkippedRecords> skipped);

class MrtDecoder {
 public:
  explicit MrtDecoder(std::string file_name = "<input>");
  ~MrtDecoder();
  MrtDecoder(const MrtDecoder&) = delete;
  MrtDecoder& operator=(const MrtDecoder&) = delete;

  // Decodes one record into calls on h. The error, when there is one, is the first defect
  // found; defect_count() says how many there were. Records of types that are not BGP
  // (OSPF, IS-IS) and deprecated BGP subtypes without routes reach no handler and are
  // counted in skipped(); a type unknown to RFC 6396 is an error.
  core::Status decode(const MrtRecord& record, MrtHandler& h);
  uint32_t defect_count() const;
  // Every record skipped by type so far, by type and subtype in the order first seen.
  const std::vector<SkippedRecords>& skipped() const;

  const PeerIndexTable* peer_index_table() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What reading a whole file found, besides what its handler got.
struct MrtFileSummary {
  std::string name;                     // as the reader names it
  uint64_t records = 0;                 // complete records read
  uint64_t damaged = 0;                 // records with a defect, read as bgpdump reads them (keep_going)
  std::optional<core::Error> cut;       // the cut or failing end that stopped the reading (keep_going)
  uint64_t unread_bytes = 0;            // the bytes from there to the end
  std::vector<SkippedRecords> skipped;  // records skipped by type (MrtDecoder::skipped)
};

// Reads every record of the file at `path` ("-": standard input) into h. Without keep_going
// the first damaged record, or a cut end, is the error; with it they are counted in the
// summary and the reading goes on (a cut end stops it).
core::Result<MrtFileSummary> read_mrt_file(const std::string& path, MrtHandler& h, bool keep_going);

}  // namespace cleannet::bgp
