#!/usr/bin/env python3
"""SYNTHETIC signed APKs for the signature verification tests (run at test time, nothing
committed but this script).

Usage: make_signed_apks.py OUT_DIR

From the committed F-Droid APK tests/data/apps/fdroidserver_com.politedroid_6.apk (its
signature removed) it signs copies with `apksigner sign` and keys that `openssl` makes in
OUT_DIR, then damages some of them the way real rejected APKs are damaged. Every case is
deterministic but for the keys (and so the signatures); the expected verdicts do not depend
on them. Needs apksigner and openssl; exits 77 when either is missing.

Cases (file name -> what apksigner says):
  v1-only, v2-only, v3-only, v1-v2-v3      verify with those schemes
  v1-tampered-entry      an entry changed after v1 signing (digest mismatch in MANIFEST.MF)
  v2-tampered-entry      an entry changed after v2 signing (APK content digest mismatch)
  v1-bad-signature       the PKCS#7 signature over CERT.SF has a flipped byte
  v2-bad-signature       the v2 signature over signed data has a flipped byte
  v2-stripped            v1+v2 signed, the APK Signing Block removed; the .SF says
                         X-Android-APK-Signed: 2 (stripping protection, v1 fails)
  v1-orphan-cert         v1 signed by key A, plus META-INF/STRAY.RSA of key B without .SF
  v1-unused-first-cert   CERT.RSA's certificate bag holds key B's certificate before A's
  v1-method-21           META-INF/CERT.RSA stored with compression method 21 (deflate data)
"""
import os
import random
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "fdroidserver_com.politedroid_6.apk")


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_key(out, name):
    key, pk8, crt = (os.path.join(out, name + x) for x in (".key.pem", ".pk8", ".crt.pem"))
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt, "-days", "3650",
        "-subj", "/CN=cleannet synthetic test key " + name)
    run("openssl", "pkcs8", "-topk8", "-nocrypt", "-inform", "PEM", "-in", key, "-outform", "DER", "-out", pk8)
    return {"key": key, "pk8": pk8, "crt": crt}


def unsigned(out):
    """The base APK without META-INF (entries in order, same compression)."""
    path = os.path.join(out, "unsigned.apk")
    with zipfile.ZipFile(BASE) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            if info.filename.startswith("META-INF/"):
                continue
            zi = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            zi.compress_type = info.compress_type
            dst.writestr(zi, src.read(info.filename))
    return path


def sign(src, dst, key, v1, v2, v3, min_sdk, name="CERT"):
    run("apksigner", "sign", "--key", key["pk8"], "--cert", key["crt"], "--min-sdk-version", str(min_sdk),
        "--v1-signing-enabled", str(v1).lower(), "--v2-signing-enabled", str(v2).lower(),
        "--v3-signing-enabled", str(v3).lower(), "--v4-signing-enabled", "false", "--v1-signer-name", name,
        "--out", dst, src)
    return dst


def rezip(src, dst, replace=None, add=None):
    """Copies the entries of src into a fresh archive (no APK Signing Block), replacing or
    adding entry contents."""
    replace = replace or {}
    with zipfile.ZipFile(src) as s, zipfile.ZipFile(dst, "w") as d:
        for info in s.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            zi.compress_type = info.compress_type
            d.writestr(zi, replace.get(info.filename, s.read(info.filename)))
        for name, data in (add or {}).items():
            zi = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            d.writestr(zi, data)
    return dst


def tamper_stored(path, name, rng):
    """Flips one byte of a stored entry in place and fixes both CRC-32 fields, so that the
    ZIP reads cleanly and only the signatures can tell."""
    data = bytearray(open(path, "rb").read())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(name)
        assert info.compress_type == zipfile.ZIP_STORED
        content = bytearray(z.read(name))
    lh = info.header_offset
    n, e = struct.unpack("<HH", data[lh + 26:lh + 30])
    start = lh + 30 + n + e
    k = rng.randrange(len(content))
    content[k] ^= 0x01
    data[start + k] ^= 0x01
    crc = struct.pack("<I", zlib.crc32(bytes(content)))
    data[lh + 14:lh + 18] = crc
    cd = central_record(data, name)
    data[cd + 16:cd + 20] = crc
    open(path, "wb").write(bytes(data))


def central_record(data, name):
    eocd = data.rfind(b"PK\x05\x06")
    count, size, off = struct.unpack("<HII", data[eocd + 10:eocd + 20])
    p = off
    for _ in range(count):
        n, e, c = struct.unpack("<HHH", data[p + 28:p + 34])
        if data[p + 46:p + 46 + n] == name.encode():
            return p
        p += 46 + n + e + c
    raise KeyError(name)


def set_method(path, name, method):
    data = bytearray(open(path, "rb").read())
    cd = central_record(data, name)
    lh = struct.unpack("<I", data[cd + 42:cd + 46])[0]
    data[cd + 10:cd + 12] = struct.pack("<H", method)
    data[lh + 8:lh + 10] = struct.pack("<H", method)
    open(path, "wb").write(bytes(data))


def flip_v2_signature(path):
    """Flips the last byte of the first signer's first signature in the v2 block."""
    data = bytearray(open(path, "rb").read())
    eocd = data.rfind(b"PK\x05\x06")
    cd = struct.unpack("<I", data[eocd + 16:eocd + 20])[0]
    assert data[cd - 16:cd] == b"APK Sig Block 42"
    size = struct.unpack("<Q", data[cd - 24:cd - 16])[0]
    p = cd - size - 8 + 8
    while p < cd - 24:
        ln, ident = struct.unpack("<QI", data[p:p + 12])
        if ident == 0x7109871A:
            q = p + 12 + 4  # signers length
            q += 4  # first signer length
            sd = struct.unpack("<I", data[q:q + 4])[0]
            q += 4 + sd  # signatures
            q += 4  # signatures length
            q += 4  # first signature record length
            q += 4  # algorithm id
            slen = struct.unpack("<I", data[q:q + 4])[0]
            data[q + 4 + slen - 1] ^= 0x01
            open(path, "wb").write(bytes(data))
            return
        p += 8 + ln
    raise ValueError("no v2 block")


def der_len(b, p):
    """(content offset, length) of the DER TLV at p."""
    n = b[p + 1]
    if n < 0x80:
        return p + 2, n
    k = n & 0x7F
    return p + 2 + k, int.from_bytes(b[p + 2:p + 2 + k], "big")


def der_enc_len(n):
    if n < 0x80:
        return bytes([n])
    s = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(s)]) + s


def pkcs7_with_certs_first(pkcs7, extra_cert_der):
    """Rebuilds a PKCS#7 SignedData with `extra_cert_der` put first in its certificates [0]."""
    b = bytes(pkcs7)
    ci_c, ci_l = der_len(b, 0)
    oid_c, oid_l = der_len(b, ci_c)
    w = oid_c + oid_l
    w_c, w_l = der_len(b, w)
    sd_c, sd_l = der_len(b, w_c)
    p = sd_c
    for _ in range(3):  # version, digestAlgorithms, contentInfo
        c, l = der_len(b, p)
        p = c + l
    assert b[p] == 0xA0
    set_c, set_l = der_len(b, p)
    body = extra_cert_der + b[set_c:set_c + set_l]
    certs = b"\xa0" + der_enc_len(len(body)) + body
    sd_body = b[sd_c:p] + certs + b[set_c + set_l:sd_c + sd_l]
    sd = b"\x30" + der_enc_len(len(sd_body)) + sd_body
    wrap = b"\xa0" + der_enc_len(len(sd)) + sd
    ci_body = b[ci_c:w] + wrap
    return b"\x30" + der_enc_len(len(ci_body)) + ci_body


def pem_to_der(out, crt):
    der = os.path.join(out, os.path.basename(crt) + ".der")
    run("openssl", "x509", "-in", crt, "-outform", "DER", "-out", der)
    return open(der, "rb").read()


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    if not shutil.which("apksigner") or not shutil.which("openssl"):
        print("SKIP: apksigner or openssl not installed")
        return 77
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261206)
    a = make_key(out, "a")
    b = make_key(out, "b")
    base = unsigned(out)
    c = lambda name: os.path.join(out, name + ".apk")  # noqa: E731

    sign(base, c("v1-only"), a, True, False, False, 1)
    sign(base, c("v2-only"), a, False, True, False, 24)
    sign(base, c("v3-only"), a, False, False, True, 28)
    sign(base, c("v1-v2-v3"), a, True, True, True, 1)

    shutil.copy(c("v1-only"), c("v1-tampered-entry"))
    tamper_stored(c("v1-tampered-entry"), "resources.arsc", rng)
    shutil.copy(c("v2-only"), c("v2-tampered-entry"))
    tamper_stored(c("v2-tampered-entry"), "resources.arsc", rng)

    with zipfile.ZipFile(c("v1-only")) as z:
        rsa = bytearray(z.read("META-INF/CERT.RSA"))
    rsa[-1] ^= 0x01  # the RSA signature is the last field of the SignerInfo (no unsigned attributes)
    rezip(c("v1-only"), c("v1-bad-signature"), replace={"META-INF/CERT.RSA": bytes(rsa)})
    shutil.copy(c("v2-only"), c("v2-bad-signature"))
    flip_v2_signature(c("v2-bad-signature"))

    v12 = sign(base, os.path.join(out, "v1-v2.tmp"), a, True, True, False, 1)
    rezip(v12, c("v2-stripped"))

    stray = sign(base, os.path.join(out, "stray.tmp"), b, True, False, False, 1, name="STRAY")
    with zipfile.ZipFile(stray) as z:
        stray_rsa = z.read("META-INF/STRAY.RSA")
    rezip(c("v1-only"), c("v1-orphan-cert"), add={"META-INF/STRAY.RSA": stray_rsa})

    with zipfile.ZipFile(c("v1-only")) as z:
        rsa = z.read("META-INF/CERT.RSA")
    rezip(c("v1-only"), c("v1-unused-first-cert"),
          replace={"META-INF/CERT.RSA": pkcs7_with_certs_first(rsa, pem_to_der(out, b["crt"]))})

    rezip(c("v1-only"), c("v1-method-21"))
    set_method(c("v1-method-21"), "META-INF/CERT.RSA", 21)
    for f in os.listdir(out):
        if f.endswith(".tmp") or f.endswith(".idsig"):
            os.remove(os.path.join(out, f))
    return 0


if __name__ == "__main__":
    sys.exit(main())
