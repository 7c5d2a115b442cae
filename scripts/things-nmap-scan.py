#!/usr/bin/env python3
"""Writes a SYNTHETIC nmap XML scan (`nmap -sn -oX` layout) with one host per MAC prefix of
nmap's own OUI table (Debian's nmap-common: /usr/share/nmap/nmap-mac-prefixes), each host's
<address addrtype="mac" vendor=...> carrying nmap's vendor name for that prefix, as a real
scan does. The low 24 bits of each MAC and the IPv4 addresses come from a seeded random
generator, so the same seed and table give the same file.

Used by tests/cli/things_nmap_agreement.py to measure how `cleannet things scan` agrees with
nmap's vendor names. Standard library only.

usage: things-nmap-scan.py [--prefixes FILE] [--seed N] [--out FILE]
"""
import argparse
import random
import sys
from xml.sax.saxutils import quoteattr

DEFAULT_PREFIXES = "/usr/share/nmap/nmap-mac-prefixes"


def read_prefixes(path):
    """[(PREFIX (hex, upper), vendor)] in file order; nmap's lines are 'HEX Vendor name'."""
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            prefix, _, vendor = line.partition(" ")
            if len(prefix) not in (6, 7, 9) or any(c not in "0123456789ABCDEFabcdef" for c in prefix):
                raise SystemExit(f"{path}: not a prefix line: {line!r}")
            out.append((prefix.upper(), vendor.strip()))
    return out


def mac_of(prefix, rng):
    bits = len(prefix) * 4
    value = (int(prefix, 16) << (48 - bits)) | rng.getrandbits(48 - bits)
    return ":".join(f"{(value >> s) & 0xFF:02X}" for s in range(40, -8, -8))


def write_scan(prefixes, seed, out):
    rng = random.Random(seed)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f"<!-- SYNTHETIC: scripts/things-nmap-scan.py --seed {seed}: one host per nmap MAC prefix -->\n")
    out.write('<nmaprun scanner="nmap" args="nmap -sn -oX" version="7.93" xmloutputversion="1.05">\n')
    for i, (prefix, vendor) in enumerate(prefixes):
        ip = f"10.{(i >> 16) & 0xFF}.{(i >> 8) & 0xFF}.{i & 0xFF}"
        out.write(f'<host><status state="up" reason="arp-response"/><address addr="{ip}" addrtype="ipv4"/>'
                  f'<address addr="{mac_of(prefix, rng)}" addrtype="mac" vendor={quoteattr(vendor)}/></host>\n')
    out.write("</nmaprun>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--prefixes", default=DEFAULT_PREFIXES)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--out", default="-")
    a = ap.parse_args()
    prefixes = read_prefixes(a.prefixes)
    if a.out == "-":
        write_scan(prefixes, a.seed, sys.stdout)
    else:
        with open(a.out, "w", encoding="utf-8") as f:
            write_scan(prefixes, a.seed, f)


if __name__ == "__main__":
    main()
