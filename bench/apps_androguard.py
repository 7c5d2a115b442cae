#!/usr/bin/env python3
"""Peer of `cleannet apps inspect` for bench/apps_bench.py: androguard (Debian 3.4.0a1) lists
every class of every classes*.dex and matches the same signatures (the bundled Exodus list plus
data/apps/sdk_signatures.tsv) with Python `re`, as exodus-core does (one compiled pattern per
signature, re.search in each class name), and reads package, version and certificates.
Prints one line per APK: file, package, classes, tracker hits.

usage: apps_androguard.py APK...
"""
import gzip
import hashlib
import json
import logging
import pathlib
import re
import sys

from androguard.core.bytecodes.apk import APK
from androguard.core.bytecodes.dvm import DalvikVMFormat

ROOT = pathlib.Path(__file__).resolve().parent.parent
logging.disable(logging.CRITICAL)


def signatures():
    sigs = []
    with gzip.open(ROOT / "data/apps/exodus_trackers_2026.json.gz", "rt") as f:
        for t in json.load(f)["trackers"]:
            for s in t["signatures"]:
                sigs.append((f"exodus:{t['id']}", re.compile(s)))
    header = True
    for line in open(ROOT / "data/apps/sdk_signatures.tsv"):
        if line.startswith("#") or not line.strip():
            continue
        if header:
            header = False
            continue
        key, _, sig, _, _ = line.rstrip("\n").split("\t")
        for s in sig.split("|"):
            sigs.append((key, re.compile(s)))
    return sigs


def main():
    sigs = signatures()
    for path in sys.argv[1:]:
        a = APK(path)
        certs = {hashlib.sha256(a.get_certificate_der(n)).hexdigest() for n in a.get_signature_names()}
        classes = []
        for dex in a.get_all_dex():
            for c in DalvikVMFormat(dex).get_classes():
                n = c.get_name()
                if isinstance(n, bytes):
                    n = n.decode("utf-8", "replace")
                classes.append(n[1:-1].replace("/", "."))
        hits = {}
        for cls in classes:
            seen = set()
            for key, rx in sigs:
                if key not in seen and rx.search(cls):
                    seen.add(key)
                    hits[key] = hits.get(key, 0) + 1
        print(path, a.get_package(), a.get_androidversion_code(), len(certs), len(classes),
              " ".join(f"{k}={v}" for k, v in sorted(hits.items())))


if __name__ == "__main__":
    main()
