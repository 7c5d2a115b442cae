#!/usr/bin/env python3
"""Writes the malformed APKs of tests/data/bad/apps/ (synthetic, deterministic: no randomness).

Each case starts from the real F-Droid test APK tests/data/apps/fdroidserver_com.politedroid_6.apk
(AGPL-3.0, see tests/data/apps/PROVENANCE.md) and breaks exactly one thing. Run from the
repository root:  python3 tests/data/bad/apps/make_bad_apks.py
"""
import os
import struct
import zipfile
import zlib

ROOT = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(ROOT, "..", "..", "apps", "fdroidserver_com.politedroid_6.apk")
DATE = (2020, 1, 1, 0, 0, 0)


def entries():
    with zipfile.ZipFile(BASE) as z:
        return [(i.filename, z.read(i.filename), i.compress_type) for i in z.infolist()]


def build(items):
    """A ZIP of (name, bytes, method) written in order, deterministic timestamps."""
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data, method in items:
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return bytearray(buf.getvalue())


def replace(name, data):
    return build([(n, data if n == name else d, m) for n, d, m in entries()])


def write(case, data):
    with open(os.path.join(ROOT, case + ".apk"), "wb") as f:
        f.write(bytes(data))


def eocd(b):
    return b.rfind(b"PK\x05\x06")


def central(b, name):
    """Offset of the central directory record of `name`."""
    p = b.find(b"PK\x01\x02")
    while p >= 0:
        n = struct.unpack_from("<H", b, p + 28)[0]
        if b[p + 46:p + 46 + n] == name.encode():
            return p
        p = b.find(b"PK\x01\x02", p + 4)
    raise KeyError(name)


base = open(BASE, "rb").read()
dex = dict((n, d) for n, d, _ in entries())["classes.dex"]
manifest = dict((n, d) for n, d, _ in entries())["AndroidManifest.xml"]

# ZIP: cut in the middle (no end of central directory record).
write("zip-truncated", base[:9000])

# ZIP: a 16 MiB entry of zeros deflated to a few KiB (ratio about 1000:1).
write("zip-bomb-ratio", replace("classes.dex", b"\0" * (16 << 20)))

# ZIP: the central directory says 4096 bytes but the stream inflates to more.
b = build([(n, d, m) for n, d, m in entries()])
p = central(b, "classes.dex")
struct.pack_into("<I", b, p + 24, 4096)
write("zip-size-lie", b)

# ZIP: two central directory entries share one local header (overlapping-entries zip bomb).
b = build([(n, d, m) for n, d, m in entries()])
p = central(b, "classes.dex")
q = central(b, "resources.arsc")
struct.pack_into("<I", b, p + 42, struct.unpack_from("<I", b, q + 42)[0])
write("zip-overlapping-entries", b)

# ZIP: the end record puts the central directory past the end of the file.
b = bytearray(base)
struct.pack_into("<I", b, eocd(b) + 16, len(b) + 100)
write("zip-cd-offset-past-end", b)

# ZIP: a ZIP64 locator whose record offset points outside the file.
b = bytearray(base)
e = eocd(b)
b[e:e] = b"PK\x06\x07" + struct.pack("<IQI", 0, 1 << 40, 1)
write("zip64-bad-locator", b)

# ZIP: the local header signature of classes.dex overwritten.
b = build([(n, d, m) for n, d, m in entries()])
off = struct.unpack_from("<I", b, central(b, "classes.dex") + 42)[0]
b[off:off + 4] = b"XXXX"
write("zip-bad-local-header", b)

# ZIP: a deflate stream that is not one.
b = build([(n, d, m) for n, d, m in entries()])
p = central(b, "classes.dex")
off = struct.unpack_from("<I", b, p + 42)[0]
start = off + 30 + struct.unpack_from("<H", b, off + 26)[0] + struct.unpack_from("<H", b, off + 28)[0]
b[start] = 0xFF  # block type 3: invalid
write("zip-bad-deflate", b)

# DEX: bad magic.
write("dex-bad-magic", replace("classes.dex", b"dey\n035\0" + dex[8:]))

# DEX: header_size not 0x70.
d = bytearray(dex)
struct.pack_into("<I", d, 36, 0x60)
write("dex-bad-header-size", replace("classes.dex", d))

# DEX: class_defs table runs past the end of the file.
d = bytearray(dex)
struct.pack_into("<I", d, 100, len(d) - 64)
write("dex-table-past-end", replace("classes.dex", d))

# DEX: file shorter than its header.
write("dex-truncated-header", replace("classes.dex", dex[:64]))

# DEX: a class_def pointing at a type index beyond type_ids.
d = bytearray(dex)
cdo = struct.unpack_from("<I", d, 100)[0]
struct.pack_into("<I", d, cdo, 0xFFFF)
write("dex-bad-class-idx", replace("classes.dex", d))

# AXML: not a RES_XML_TYPE document.
m = bytearray(manifest)
struct.pack_into("<H", m, 0, 0x0002)
write("axml-bad-type", replace("AndroidManifest.xml", m))

# AXML: the string pool chunk claims more bytes than the document has.
m = bytearray(manifest)
struct.pack_into("<I", m, 8 + 4, 0x7FFFFFF0)
write("axml-chunk-past-end", replace("AndroidManifest.xml", m))

# AXML: the string pool claims a million strings.
m = bytearray(manifest)
struct.pack_into("<I", m, 8 + 8, 1000000)
write("axml-string-count", replace("AndroidManifest.xml", m))

# v1 signature: a PKCS#7 blob with an indefinite (BER) length. The APK itself is readable:
# its v1 scheme is "not verified" (apksigner rejects it too), so the case lives beside the
# readable APKs, in tests/data/apps/signing/.
with open(os.path.join(ROOT, "..", "..", "apps", "signing", "pkcs7-indefinite-length.apk"), "wb") as f:
    f.write(bytes(replace("META-INF/RELEASE.RSA", b"\x30\x80\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02\x00\x00")))

# An entry Android needs (classes.dex) with compression method 21 but stored bytes: Android
# inflates every method but 0, and these bytes are no deflate stream.
b = build([(n, d, zipfile.ZIP_STORED if n == "classes.dex" else m) for n, d, m in entries()])
c = central(b, "classes.dex")
struct.pack_into("<H", b, c + 10, 21)
struct.pack_into("<H", b, struct.unpack_from("<I", b, c + 42)[0] + 8, 21)
write("zip-method-21-not-deflate", b)

# No AndroidManifest.xml at all.
write("apk-no-manifest", build([(n, d, m) for n, d, m in entries() if n != "AndroidManifest.xml"]))
