#!/usr/bin/env python3
"""`cleannet apps inspect` signature verification against Debian's apksigner (the oracle).

APKs: the hand-built cases of tests/data/apps/make_signed_apks.py (made at test time into a
temporary directory), the committed real APKs (tests/data/apps/*.apk, tests/data/apps/androguard/)
and, when ../shared is present, the staged APKs and the peer APKs.

apksigner's verdict depends on the minimum SDK (v1 is required below 24, checked alongside
v2/v3 only then), so it runs twice, with --min-sdk-version 1 and 24, and per scheme:
  - "Verified using vN ...: true" in either run      -> cleannet says vN "verified"
  - an ERROR that names the scheme in either run     -> cleannet says vN "not verified"
  - cleannet "verified" is never claimed where apksigner made no such statement
  - v1: "Missing META-INF/MANIFEST.MF" / "No JAR signatures" -> cleannet says v1 "absent"
and the certificates: when a run verifies, the signer SHA-256 digests it prints equal
cleannet's `certificates` (verified signers only). The hand-built cases also have their
expected verdicts written below, so the test does not hinge on the oracle alone.

usage: apps_apksigner.py CLEANNET_BINARY     (exit 77: apksigner or openssl missing)
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if not shutil.which("apksigner") or not shutil.which("openssl"):
    print("SKIP: apksigner or openssl is not installed")
    sys.exit(77)

# Hand-built cases: (v1, v2, v3) as apksigner judges them (A: absent, V: verified, N: not verified).
EXPECTED = {
    "unsigned": "AAA",
    "v1-only": "VAA",
    "v2-only": "AVA",
    "v3-only": "AAV",
    "v1-v2-v3": "VVV",
    "v1-tampered-entry": "NAA",
    "v2-tampered-entry": "ANA",
    "v1-bad-signature": "NAA",
    "v2-bad-signature": "ANA",
    "v2-stripped": "NAA",
    "v1-orphan-cert": "VAA",
    "v1-unused-first-cert": "VAA",
    "v1-method-21": "VAA",
}
LETTER = {"absent": "A", "verified": "V", "not verified": "N"}
failures = []


def apksigner(path, min_sdk):
    p = subprocess.run(["apksigner", "verify", "--verbose", "--print-certs", "--min-sdk-version", str(min_sdk), path],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = p.stdout
    facts = {"ok": p.returncode == 0, "true": set(), "error": set(), "v1_absent": False, "certs": set()}
    for n in (1, 2, 3):
        if re.search(rf"Verified using v{n} scheme[^:]*: true", out):
            facts["true"].add(n)
    for line in out.splitlines():
        if not line.startswith("ERROR"):
            continue
        m = re.search(r"APK Signature Scheme v(\d)", line)
        if line.startswith("ERROR: JAR signer"):  # may name v2/v3 (stripping protection): a v1 error
            facts["error"].add(1)
        elif m:
            facts["error"].add(int(m.group(1)))
        elif "Missing META-INF/MANIFEST.MF" in line or "No JAR signatures" in line:
            facts["v1_absent"] = True
        else:
            facts["error"].add(1)  # JAR signing errors name entries, .SF or signature block files
    if facts["ok"]:
        facts["certs"] = set(re.findall(r"certificate SHA-256 digest: ([0-9a-f]{64})", out))
    return facts


def cleannet(path):
    p = subprocess.run([CLI, "apps", "inspect", path, "--format", "json", "--top", "0", "--no-ieee-data"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 1):
        return None, p.stderr.strip()
    a = json.loads(p.stdout)["apks"][0]
    return a, ""


def compare(name, path):
    ours, err = cleannet(path)
    if ours is None:
        failures.append(f"{name}: cleannet failed: {err}")
        return None
    status = {int(k[1]): v["status"] for k, v in ours["signatures"].items()}
    certs = {c["sha256"] for c in ours["certificates"]}
    runs = [apksigner(path, 1), apksigner(path, 24)]
    said_true = set().union(*(r["true"] for r in runs))
    said_error = set().union(*(r["error"] for r in runs))
    for n in (1, 2, 3):
        if n in said_true and status[n] != "verified":
            failures.append(f"{name}: v{n}: apksigner verified it, cleannet says {status[n]}: {ours['signatures']}")
        if n in said_error and n not in said_true and status[n] != "not verified":
            failures.append(f"{name}: v{n}: apksigner rejected it, cleannet says {status[n]}")
        if status[n] == "verified" and n not in said_true:
            failures.append(f"{name}: v{n}: cleannet says verified, apksigner never did")
    if runs[0]["v1_absent"] and not (1 in said_true or 1 in said_error) and status[1] != "absent":
        failures.append(f"{name}: v1: apksigner finds no JAR signature, cleannet says {status[1]}")
    for r in runs:
        if r["ok"] and r["certs"] != certs:
            failures.append(f"{name}: signers: apksigner {sorted(r['certs'])}, cleannet {sorted(certs)}")
            break
    return "".join(LETTER[status[n]] for n in (1, 2, 3))


with tempfile.TemporaryDirectory() as tmp:
    gen = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "data", "apps", "make_signed_apks.py"), tmp],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if gen.returncode != 0:
        print(gen.stdout)
        print("FAILED: make_signed_apks.py")
        sys.exit(1)
    count = 0
    for case, want in EXPECTED.items():
        got = compare(case, os.path.join(tmp, case + ".apk"))
        count += 1
        if got is not None and got != want:
            failures.append(f"{case}: cleannet (v1, v2, v3) = {got}, expected {want}")
    real = sorted(glob.glob(os.path.join(ROOT, "tests", "data", "apps", "*.apk")))
    real += sorted(glob.glob(os.path.join(ROOT, "tests", "data", "apps", "androguard", "*.apk")))
    for sub in ("apps/apks", "peers/apks"):
        real += sorted(glob.glob(os.path.join(ROOT, "..", "shared", "data", sub, "*.apk")))
    for path in real:
        compare(os.path.relpath(path, ROOT), path)
        count += 1

for f in failures:
    print("FAILED " + f)
print(f"{count} APKs compared with apksigner, {len(failures)} disagreement(s)")
sys.exit(1 if failures else 0)
