#!/usr/bin/env python3
"""`cleannet apps inspect` against Debian's androguard (3.4.0a1) on the staged real APKs.

For every APK in ../shared/data/apps/apks/ (or tests/data/apps/ when that is absent), compares
package, versionCode, versionName, the signing certificates' SHA-256 (v1 PKCS#7 and the v2/v3
signing block) and the sorted class list (all classes*.dex) with
`cleannet apps inspect --classes --format json`; when Debian's apksigner is installed, the
certificate SHA-256 digests it prints (`apksigner verify --print-certs`) too. Exit 77 (skip)
when androguard is missing.

usage: apps_androguard.py CLEANNET_BINARY
"""
import glob
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys

CLI = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
try:
    from androguard.core.bytecodes.apk import APK  # androguard 3.4.0a1 (Debian 12) API
    from androguard.core.bytecodes.dvm import DalvikVMFormat
except ImportError:
    print("SKIP: androguard is not installed (scripts/setup installs Debian's androguard)")
    sys.exit(77)
logging.disable(logging.CRITICAL)

shared = os.path.join(ROOT, "..", "shared", "data", "apps", "apks")
apks = sorted(glob.glob(os.path.join(shared, "*.apk"))) or sorted(glob.glob(os.path.join(ROOT, "tests", "data", "apps", "*.apk")))
if not apks:
    print("SKIP: no APKs")
    sys.exit(77)


def androguard_facts(path):
    a = APK(path)
    certs = set()
    for name in a.get_signature_names():
        certs.add(hashlib.sha256(a.get_certificate_der(name)).hexdigest())
    for der in a.get_certificates_der_v2() + a.get_certificates_der_v3():
        certs.add(hashlib.sha256(der).hexdigest())
    classes = []
    for dex in a.get_all_dex():
        for c in DalvikVMFormat(dex).get_classes():
            n = c.get_name()
            if isinstance(n, bytes):  # androguard 3.4 gives bytes for names it cannot decode
                n = n.decode("utf-8", "replace")
            classes.append(n[1:-1].replace("/", ".") if n.startswith("L") and n.endswith(";") else n)
    return {
        "package": a.get_package(),
        "version_code": a.get_androidversion_code() or "",
        "version_name": a.get_androidversion_name() or "",
        "certificates": sorted(certs),
        "classes": sorted(classes),
    }


failed = 0
for path in apks:
    p = subprocess.run([CLI, "apps", "inspect", "--classes", "--format", "json", "--no-ieee-data", path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
    if p.returncode not in (0, 1):
        print(f"FAILED {path}: exit {p.returncode}: {p.stderr.strip()}")
        failed += 1
        continue
    got = json.loads(p.stdout)["apks"][0]
    ours = {
        "package": got["package"],
        "version_code": got["version_code"],
        "version_name": got["version_name"],
        "certificates": sorted(c["sha256"] for c in got["certificates"]),
        "classes": sorted(got["classes"]),
    }
    want = androguard_facts(path)
    name = os.path.basename(path)
    failed_before = failed
    if shutil.which("apksigner"):
        a = subprocess.run(["apksigner", "verify", "--print-certs", path], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=300)
        signer = sorted(set(re.findall(r"certificate SHA-256 digest: ([0-9a-f]{64})", a.stdout)))
        if signer != ours["certificates"]:
            print(f"FAILED {name}: certificates: cleannet {ours['certificates']}, apksigner {signer}")
            failed += 1
    for key in ("package", "version_code", "version_name", "certificates"):
        if ours[key] != want[key]:
            print(f"FAILED {name}: {key}: cleannet {ours[key]!r}, androguard {want[key]!r}")
            failed += 1
    if ours["classes"] != want["classes"]:
        only_ours = sorted(set(ours["classes"]) - set(want["classes"]))[:5]
        only_theirs = sorted(set(want["classes"]) - set(ours["classes"]))[:5]
        print(f"FAILED {name}: classes: {len(ours['classes'])} vs androguard {len(want['classes'])}; "
              f"only cleannet {only_ours}, only androguard {only_theirs}")
        failed += 1
    elif failed == failed_before:
        print(f"ok {name}: {want['package']} {want['version_code']} ({want['version_name']}), "
              f"{len(want['certificates'])} certificate(s){' (apksigner agrees)' if shutil.which('apksigner') else ''}, "
              f"{len(want['classes'])} classes")
print(f"{len(apks) * 5 - failed} checks passed, {failed} failed ({len(apks)} APKs)")
sys.exit(1 if failed else 0)
