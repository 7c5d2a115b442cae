#!/usr/bin/env python3
"""Writes the malformed MRT corpus: NAME.mrt, one failure mode each, built byte by byte, and
NAME.expected, the exact message `cleannet mrt dump` and bgp::MrtReader/MrtDecoder give for
it (the offsets computed here from the layout). Run from anywhere; rewrites the files in
this folder:

    python3 tests/data/bad/mrt/make.py

Layouts: RFC 6396 (MRT), RFC 4271 (BGP UPDATE), RFC 4760 (MP_REACH_NLRI).
"""
import bz2
import gzip
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
REL = "tests/data/bad/mrt"  # how the tests name the files: relative to the repository root
TS = 1700000000

BGP4MP, BGP4MP_ET, TABLE_DUMP_V2 = 16, 17, 13
MESSAGE_AS4, STATE_CHANGE_AS4 = 4, 5


def mrt(type_, subtype, body, length=None, ts=TS):
    """RFC 6396 §2 common header; `length` overrides the true body length."""
    return struct.pack(">IHHI", ts, type_, subtype, len(body) if length is None else length) + body


def attr(type_, value, flags=0x40):
    """RFC 4271 §4.3 path attribute; the extended-length form when the value needs it."""
    if len(value) > 255:
        return struct.pack(">BBH", flags | 0x10, type_, len(value)) + value
    return struct.pack(">BBB", flags, type_, len(value)) + value


def as_path(*segments):
    """AS_PATH value with 4-byte ASNs: (type, [asn, ...]) per segment."""
    return b"".join(struct.pack(">BB", t, len(a)) + b"".join(struct.pack(">I", x) for x in a) for t, a in segments)


def prefix(bits, addr):
    return bytes([bits]) + bytes(addr)[: (bits + 7) // 8]


def update(withdrawn=b"", attrs=b"", nlri=b""):
    """A BGP UPDATE message with its header (RFC 4271 §4.1, §4.3)."""
    body = struct.pack(">H", len(withdrawn)) + withdrawn + struct.pack(">H", len(attrs)) + attrs + nlri
    return b"\xff" * 16 + struct.pack(">HB", 19 + len(body), 2) + body


def bgp4mp_as4(message, peer_as=64500, local_as=64501, peer=(192, 0, 2, 1), local=(192, 0, 2, 2)):
    """BGP4MP_MESSAGE_AS4 body (RFC 6396 §4.4.3), IPv4 peers."""
    return struct.pack(">IIHH", peer_as, local_as, 0, 1) + bytes(peer) + bytes(local) + message


# Where the BGP message starts within a BGP4MP_MESSAGE_AS4 record with IPv4 addresses.
MSG = 12 + 20
# Where the first path attribute starts in such a record (no withdrawn routes).
ATTRS = MSG + 16 + 2 + 1 + 2 + 2

ORIGIN = attr(1, b"\x00")
NEXT_HOP = attr(3, bytes([192, 0, 2, 1]))

cases = {}


def case(name, data, message):
    cases[name] = (data, message)


def at(name, offset, record):
    return f"{REL}/{name}.mrt: byte {offset}: {record} record: "


# 1. The input ends inside the 12-byte common header (RFC 6396 §2).
rec = mrt(BGP4MP, MESSAGE_AS4, bgp4mp_as4(update()))
case("truncated-header", rec + rec[:7],
     f"{REL}/truncated-header.mrt: byte {len(rec)}: MRT header: expected a 12-byte header, "
     "found 7 bytes before the end of the input")

# 2. The length field promises more than the file holds.
body = bgp4mp_as4(update(attrs=ORIGIN))
case("length-past-end", mrt(BGP4MP, MESSAGE_AS4, body, length=300),
     at("length-past-end", 0, "BGP4MP MESSAGE_AS4") + f"expected a 312-byte record, "
     f"found {12 + len(body)} bytes before the end of the input")

# 3. An attribute longer than what is left of the attribute block: AS_PATH claims 300 bytes
#    (extended length), 17 follow.
bad = struct.pack(">BBH", 0x50, 2, 300) + as_path((2, [64500, 64496, 64511, 64499]))[:17]
case("bad-attribute-length", mrt(BGP4MP, MESSAGE_AS4, bgp4mp_as4(update(attrs=ORIGIN + bad))),
     at("bad-attribute-length", ATTRS + len(ORIGIN), "BGP4MP MESSAGE_AS4") +
     "expected attribute length <= 17 remaining bytes, found 300")

# 4. An AS_SEQUENCE segment of 5 ASNs in an attribute with room for 2 (RFC 4271 §4.3).
seg = struct.pack(">BB", 2, 5) + struct.pack(">II", 64500, 64496)
case("as-path-segment-overrun", mrt(BGP4MP, MESSAGE_AS4, bgp4mp_as4(update(attrs=ORIGIN + attr(2, seg) + NEXT_HOP))),
     at("as-path-segment-overrun", ATTRS + len(ORIGIN) + 3, "BGP4MP MESSAGE_AS4") +
     "expected AS_PATH segment length <= 2 ASNs (8 remaining bytes), found 5")

# 5. An MRT type RFC 6396 does not define.
case("unknown-type", mrt(99, 0, b"\x00" * 8),
     at("unknown-type", 4, "MRT type 99 subtype 0") + "expected a known MRT type (RFC 6396 §4), found 99")

# 6. A gzip member whose deflate data is damaged (block type 3 is reserved, RFC 1951 §3.2.3).
gz = bytearray(gzip.compress(mrt(BGP4MP, MESSAGE_AS4, bgp4mp_as4(update(attrs=ORIGIN))), mtime=0))
gz[10] = 0xff
case("bad-compression", bytes(gz),
     # the compressed offset where inflate gave up: the 10-byte gzip header and the bad byte
     f"{REL}/bad-compression.mrt@11: expected a valid gzip stream, "
     "found an invalid deflate block header (RFC 1951 §3.2.3)")

# 7. A zero length: bgpdump stops reading at such a record, and so does the reader.
case("zero-length", mrt(BGP4MP, MESSAGE_AS4, b""),
     at("zero-length", 0, "BGP4MP MESSAGE_AS4") + "expected a record length > 0 (bgpdump stops reading here), found 0")

# 8. A BGP message whose marker is not all ones (RFC 4271 §4.1).
msg = bytearray(update(attrs=ORIGIN))
msg[3] = 0
case("bad-marker", mrt(BGP4MP, MESSAGE_AS4, bgp4mp_as4(bytes(msg))),
     at("bad-marker", MSG, "BGP4MP MESSAGE_AS4") + "expected a BGP marker of 16 0xff bytes (RFC 4271 §4.1), "
     "found another marker")

# 9. A RIB record before any PEER_INDEX_TABLE (RFC 6396 §4.3).
rib = struct.pack(">I", 0) + prefix(24, [198, 51, 100, 0]) + struct.pack(">H", 1) + \
    struct.pack(">HI", 0, TS) + struct.pack(">H", len(ORIGIN)) + ORIGIN
case("no-peer-index-table", mrt(TABLE_DUMP_V2, 2, rib),
     at("no-peer-index-table", 12, "TABLE_DUMP_V2 RIB_IPV4_UNICAST") +
     "expected a PEER_INDEX_TABLE record before the RIB records (RFC 6396 §4.3), found none")

# 10. A RIB entry naming peer 3 of a one-peer PEER_INDEX_TABLE (RFC 6396 §4.3.1, §4.3.4).
pit = bytes([10, 0, 0, 1]) + struct.pack(">H", 0) + struct.pack(">H", 1) + \
    bytes([2]) + bytes([10, 0, 0, 2]) + bytes([192, 0, 2, 1]) + struct.pack(">I", 64500)
pit_rec = mrt(TABLE_DUMP_V2, 1, pit)
rib = struct.pack(">I", 0) + prefix(24, [198, 51, 100, 0]) + struct.pack(">H", 1) + \
    struct.pack(">HI", 3, TS) + struct.pack(">H", len(ORIGIN)) + ORIGIN
case("peer-index-out-of-range", pit_rec + mrt(TABLE_DUMP_V2, 2, rib),
     at("peer-index-out-of-range", len(pit_rec) + 12 + 4 + 4 + 2, "TABLE_DUMP_V2 RIB_IPV4_UNICAST") +
     "expected a peer index < 1 (the PEER_INDEX_TABLE's peer count), found 3")

# 11. A gzip file cut in its second record: the first is read, the second reported.
first = mrt(BGP4MP, MESSAGE_AS4, bgp4mp_as4(update(attrs=ORIGIN + attr(2, as_path((2, [64500]))) + NEXT_HOP,
                                                   nlri=prefix(24, [198, 51, 100, 0]))))
second = mrt(BGP4MP, MESSAGE_AS4, bgp4mp_as4(update(withdrawn=prefix(24, [203, 0, 113, 0]))))
full = gzip.compress(first + second * 200, mtime=0)
for drop in range(12, 200):  # cut where inflate leaves part of a record body
    cut = full[: len(full) - drop]
    got = zlib.decompressobj(31).decompress(cut)  # what inflate can still give
    n_records = 1 + (len(got) - len(first)) // len(second)
    rest = (len(got) - len(first)) % len(second)
    if rest >= 12:
        break
case("truncated-gzip", cut,
     f"{REL}/truncated-gzip.mrt: byte {len(first) + (n_records - 1) * len(second)}: BGP4MP MESSAGE_AS4 record: "
     f"expected a {len(second)}-byte record, found {rest} bytes before the end of the input "
     f"({REL}/truncated-gzip.mrt@{len(cut)}: expected a valid gzip stream, "
     "found end of file inside a gzip member (truncated))")

# 12. An NLRI prefix longer than 32 bits in an IPv4 UPDATE (RFC 4271 §4.3).
nlri = prefix(40, [198, 51, 100, 0, 7])
good_attrs = ORIGIN + attr(2, as_path((2, [64500]))) + NEXT_HOP
case("prefix-too-long", mrt(BGP4MP, MESSAGE_AS4, bgp4mp_as4(update(attrs=good_attrs, nlri=nlri))),
     at("prefix-too-long", ATTRS + len(good_attrs), "BGP4MP MESSAGE_AS4") + "expected NLRI prefix length <= 32, found 40")

# 13. An AS_PATH segment of type 7 (RFC 4271 §4.3 and RFC 5065 §3 define 1-4).
seg = struct.pack(">BB", 7, 1) + struct.pack(">I", 64500)
case("bad-as-path-segment-type", mrt(BGP4MP, MESSAGE_AS4, bgp4mp_as4(update(attrs=ORIGIN + attr(2, seg)))),
     at("bad-as-path-segment-type", ATTRS + len(ORIGIN) + 3, "BGP4MP MESSAGE_AS4") +
     "expected AS_PATH segment type 1-4 (RFC 4271 §4.3, RFC 5065 §3), found 7")

# 14. A BGP4MP_STATE_CHANGE_AS4 of the wrong length (RFC 6396 §4.4.4: 24 bytes for IPv4).
sc = struct.pack(">IIHH", 64500, 64501, 0, 1) + bytes([192, 0, 2, 1]) + bytes([192, 0, 2, 2]) + struct.pack(">H", 1)
case("state-change-length", mrt(BGP4MP, STATE_CHANGE_AS4, sc),
     at("state-change-length", 12, "BGP4MP STATE_CHANGE_AS4") + "expected a state change of 24 bytes, found 22")

# 15. BGP4MP_ET with a length that cannot hold the microsecond field (RFC 6396 §3).
case("et-length-below-4", struct.pack(">IHHI", TS, BGP4MP_ET, MESSAGE_AS4, 2) + b"\x00\x00",
     at("et-length-below-4", 0, "BGP4MP_ET MESSAGE_AS4") +
     "expected a length >= 4 (it includes the microsecond timestamp, RFC 6396 §3), found 2")

# 16. A BGP4MP subtype RFC 6396 and RFC 8050 do not define.
case("unknown-bgp4mp-subtype", mrt(BGP4MP, 42, b"\x00" * 8),
     at("unknown-bgp4mp-subtype", 6, "BGP4MP subtype 42") + "expected BGP4MP subtype 0-11 (RFC 6396 §4.4, "
     "RFC 8050 §3), found 42")

# 17. An MP_REACH_NLRI next hop of 7 bytes (RFC 4760 §3; 4, 16 or 32 for IP).
mp = struct.pack(">HBB", 2, 1, 7) + b"\x20\x01\x0d\xb8\x00\x00\x01" + b"\x00" + prefix(32, [0x20, 1, 0xd, 0xb8])
case("mp-reach-next-hop-length", mrt(BGP4MP, MESSAGE_AS4, bgp4mp_as4(update(attrs=ORIGIN + attr(14, mp, 0x80)))),
     at("mp-reach-next-hop-length", ATTRS + len(ORIGIN) + 3, "BGP4MP MESSAGE_AS4") +
     "expected MP_REACH_NLRI next hop length 4, 16 or 32, found 7")

# 18. A BGP message length beyond the record (RFC 4271 §4.1).
msg = bytearray(update(attrs=ORIGIN))
struct.pack_into(">H", msg, 16, 200)
case("bgp-length-past-record", mrt(BGP4MP, MESSAGE_AS4, bgp4mp_as4(bytes(msg))),
     at("bgp-length-past-record", MSG + 16, "BGP4MP MESSAGE_AS4") +
     f"expected a BGP message length <= {len(msg)} (the rest of the record), found 200")

# 19. A bzip2 stream cut inside its only block: nothing can be decoded.
bz = bz2.compress(first * 50)
case("truncated-bzip2", bz[: len(bz) // 2],
     f"{REL}/truncated-bzip2.mrt@{len(bz) // 2}: expected a valid bzip2 stream, "
     "found end of file inside a bzip2 stream (truncated)")

# 20. ORIGIN 7 (RFC 4271 §5.1.1: 0, 1 or 2).
case("bad-origin", mrt(BGP4MP, MESSAGE_AS4, bgp4mp_as4(update(attrs=attr(1, b"\x07")))),
     at("bad-origin", ATTRS + 3, "BGP4MP MESSAGE_AS4") + "expected ORIGIN 0, 1 or 2 (RFC 4271 §5.1.1), found 7")

for name in os.listdir(HERE):
    if name.endswith(".mrt") or name.endswith(".expected"):
        os.remove(os.path.join(HERE, name))
for name, (data, message) in sorted(cases.items()):
    with open(os.path.join(HERE, name + ".mrt"), "wb") as f:
        f.write(data)
    with open(os.path.join(HERE, name + ".expected"), "w", encoding="utf-8") as f:
        f.write(message + "\n")
print(f"{len(cases)} cases in {REL}")
