#!/usr/bin/env python3
"""`cleannet things scan` against nmap's own vendor names, on a SYNTHETIC scan with one host
per prefix of nmap's MAC table (scripts/things-nmap-scan.py, seed 15).

Measures, and prints:
  attributed   hosts whose maker is named: by an IEEE assignment (its registrant) or by an
               organisation of the registry (any match kind, scan-vendor included)
  agreement    of the hosts with an IEEE registrant: nmap's vendor, normalised (lower case,
               punctuation to spaces), is the registrant's leading words (nmap's table is made
               from IEEE's by shortening the names)
and asserts that no host whose nmap vendor names Huawei, ZTE, Hikvision, Dahua, Hytera or DJI
comes out without an organisation unless the output says why (an IEEE note naming the
data's date), and that every such host that the IEEE data does not cover resolves through
the scan's vendor. Debian's nmap table is about as old as its ieee-data, so a second pass
plays a device newer than the data: the same scan against a copy of the IEEE data without
any assignment of those six makers (as a user with old data meets new devices).

Needs nmap-common and ieee-data (Debian); exits 77 (skipped) without them.
usage: things_nmap_agreement.py CLEANNET_BINARY
"""
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PREFIXES = "/usr/share/nmap/nmap-mac-prefixes"
IEEE = "/usr/share/ieee-data/oui.csv"
COVERED = re.compile(r"^(huawei|zte\b|zhongxing telecom|(hangzhou )?hikvision|(zhejiang )?dahua|hytera|(sz )?dji\b)",
                     re.I)


# Legal-form words that nmap's make-mac-prefixes.pl drops from registrant names.
LEGAL = {"co", "corp", "corporation", "inc", "ltd", "limited", "llc", "gmbh", "kg", "ag", "sa", "the", "company"}


def words(s):
    return [w for w in re.sub(r"[^a-z0-9]+", " ", s.lower()).split() if w not in LEGAL]


def without_covered(src, dst):
    """Copies the IEEE CSVs of SRC to DST without the six makers' rows (and .lastupdate)."""
    os.makedirs(dst)
    dropped = 0
    for name in ("oui.csv", "mam.csv", "oui36.csv", "iab.csv", ".lastupdate"):
        path = os.path.join(src, name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="surrogateescape") as f, \
                open(os.path.join(dst, name), "w", encoding="utf-8", errors="surrogateescape") as g:
            for line in f:
                if name.endswith(".csv") and re.search(r"huawei|\bzte\b|zhongxing telecom|hikvision|zhejiang dahua|"
                                                       r"dahua technology|hytera|sz dji|dji technology", line, re.I):
                    dropped += 1
                    continue
                g.write(line)
    return dropped


def scan(cli, path, ieee_dir):
    p = subprocess.run([cli, "things", "scan", "--format", "json", "--as-of", "2026-12-01", "--ieee-data", ieee_dir,
                        path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
    if p.returncode not in (0, 1):
        raise SystemExit(f"FAILED: exit {p.returncode}: {p.stderr[:500]}")
    return json.loads(p.stdout)


def main():
    cli = os.path.abspath(sys.argv[1])
    for f in (PREFIXES, IEEE):
        if not os.path.exists(f):
            print(f"SKIP: {f} is not installed")
            return 77
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "scan.xml")
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "things-nmap-scan.py"), "--seed", "15",
                        "--out", path], check=True)
        debian = os.path.dirname(IEEE)
        print(f"== IEEE data {debian}")
        report(scan(cli, path, debian), failures)
        old = os.path.join(tmp, "ieee-without-six")
        dropped = without_covered(debian, old)
        print(f"== IEEE data {debian} without the six makers' {dropped} assignments")
        report(scan(cli, path, old), failures, want_scan_vendor=True)
    for f in failures[:20]:
        print(f"FAILED {f}")
    if failures:
        print(f"{len(failures)} failed")
        return 1
    print("2 passed, 0 failed")
    return 0


def report(out, failures, want_scan_vendor=False):
    devices = out["devices"]
    hosts = len(devices)
    attributed = agree = disagree = with_ieee = 0
    by_how = {}
    covered = covered_org = covered_reason = covered_scan_vendor = 0
    disagreements = []
    for d in devices:
        vendor = d["sightings"][0]["vendor_as_reported"] or ""
        org = d.get("organisation")
        ieee = d.get("ieee")
        if org or ieee:
            attributed += 1
        if d.get("match"):
            by_how[d["match"]["how"]] = by_how.get(d["match"]["how"], 0) + 1
        if ieee:
            with_ieee += 1
            v, r = words(vendor), words(ieee["organisation"])
            if v and r[:len(v)] == v:
                agree += 1
            else:
                disagree += 1
                if len(disagreements) < 5:
                    disagreements.append(f"{d['mac']}: nmap \"{vendor}\", IEEE \"{ieee['organisation']}\"")
        if COVERED.match(vendor):
            covered += 1
            if org:
                covered_org += 1
                covered_scan_vendor += d["match"]["how"] == "scan-vendor"
            elif d.get("ieee_note") and re.search(r"data of \d{4}-\d\d-\d\d", d["ieee_note"]):
                covered_reason += 1
            else:
                failures.append(f"{d['mac']} (nmap \"{vendor}\"): no organisation and no reason: "
                                f"{json.dumps({k: d.get(k) for k in ('status', 'ieee', 'ieee_note', 'note')})}")
            if not ieee and not org:
                failures.append(f"{d['mac']} (nmap \"{vendor}\"): not in the IEEE data and the scan's vendor "
                                "did not resolve")
    data = out.get("ieee_data") or {}
    print(f"ieee data of {data.get('date')} ({data.get('source')}, {data.get('assignments')} assignments); "
          f"nmap table {PREFIXES}")
    print(f"hosts {hosts}; attributed {attributed} ({100.0 * attributed / hosts:.1f}%); with an IEEE registrant "
          f"{with_ieee}: nmap's vendor agrees for {agree} ({100.0 * agree / max(with_ieee, 1):.1f}%), "
          f"differs for {disagree}")
    print("match kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(by_how.items())))
    print(f"Huawei/ZTE/Hikvision/Dahua/Hytera/DJI by nmap's vendor: {covered} hosts, {covered_org} resolved to an "
          f"organisation ({covered_scan_vendor} by the scan's vendor), {covered_reason} unknown with the reason given")
    for s in disagreements:
        print(f"  differs: {s}")
    if want_scan_vendor and covered_scan_vendor == 0:
        failures.append("without the six makers' IEEE rows, no host resolved by the scan's vendor")


if __name__ == "__main__":
    sys.exit(main())
