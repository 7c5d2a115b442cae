#!/usr/bin/env python3
"""Defects shown by real files from other projects (../shared/data/peers/MANIFEST.md), through the CLI.

1. IPv4-mapped addresses (RFC 4291 §2.5.5.2): pantrace's 1,000 scamper traces, every address
   written ::ffff:a.b.c.d (tests/data/trace/pantrace/, MIT). The traces that cross AS4134,
   AS9808 or AS58453 according to `cleannet trace check` must be those an independent
   computation finds: the ::ffff: prefix stripped, a longest-prefix match in Python over the
   bundled pyasn table (13 of 1,000, as the manifest says).
2. A verdict from nothing read: OpenBGPD's 31 BGP4MP_ENTRY records (tests/data/bgp/, MIT):
   `carrier check` and `mrt dump` fail with exit 2 and say what the file held; `mrt dump`'s
   stdout stays bgpdump's (nothing).
3. Several inputs: the unreadable one gets its error, the others their result, exit 2.
The staged copies in ../shared/data/peers are checked too when present.

usage: net_peers.py CLEANNET_BINARY
"""
import ipaddress
import json
import lzma
import os
import shutil
import subprocess
import sys

CLI = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEERS = os.path.join(os.path.dirname(ROOT), "shared", "data", "peers")
PANTRACE = "tests/data/trace/pantrace/trace.sc_warts2json.json.xz"
PYASN = "data/internet/ip2asn/ipasn6_20151101.dat.xz"
OPENBGPD = "tests/data/bgp/openbgpd_rib_table-mp"
BVIEW = "tests/data/bgp/bview.ipv4_unicast_add_path.gz"
WATCHED = {4134, 9808, 58453}
failures = []
os.chdir(ROOT)


def run(*args):
    p = subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)


# --- 1. IPv4-mapped addresses -----------------------------------------------------------------
def oracle(traces_text):
    """Traces (by index among "trace" records) with a hop in a prefix of a watched AS."""
    table = {}
    with lzma.open(PYASN, "rt") as f:
        for line in f:
            if line.startswith(";"):
                continue
            prefix, origins = line.split()
            net = ipaddress.ip_network(prefix)
            if net.version == 4:
                table.setdefault(net.prefixlen, {})[int(net.network_address)] = {int(a) for a in origins.split("_")}
    lengths = sorted(table, reverse=True)

    def origins(addr):
        x = int(ipaddress.IPv4Address(addr))
        for n in lengths:
            hit = table[n].get(x & ((0xFFFFFFFF << (32 - n)) & 0xFFFFFFFF))
            if hit is not None:
                return hit
        return set()

    hits, i = set(), 0
    for line in traces_text.splitlines():
        r = json.loads(line)
        if r.get("type") != "trace":
            continue
        for h in r.get("hops", []):
            assert h["addr"].startswith("::ffff:"), h["addr"]
            if origins(h["addr"][len("::ffff:"):]) & WATCHED:
                hits.add(i)
        i += 1
    return i, hits


def cleannet_hits(path):
    code, out, err = run("trace", "check", path, "--pfx2as", PYASN, "--as-of", "2024-06-01", "--format", "json",
                         "--no-progress")
    verdicts = [json.loads(l) for l in out.splitlines()]
    summary = verdicts.pop() if verdicts and verdicts[-1].get("type") == "summary" else {}
    hits = {i for i, v in enumerate(verdicts)
            if any(set(h.get("origins", [])) & WATCHED for h in v.get("untrusted_hops", []))}
    undetermined = sum(v["verdict"] == "undetermined" for v in verdicts)
    return code, len(verdicts), hits, undetermined, summary, err


def check_pantrace(path, text):
    n, want = oracle(text)
    code, traces, got, undetermined, summary, err = cleannet_hits(path)
    check(n == 1000 and traces == 1000, f"{path}: {traces} verdicts for {n} traces, 1000 expected")
    check(got == want, f"{path}: cleannet finds {len(got)} traces crossing AS4134/AS9808/AS58453, "
                       f"the ::ffff:-stripped oracle {len(want)} (differ: {sorted(got ^ want)[:10]})")
    check(len(want) == 13, f"{path}: {len(want)} such traces, MANIFEST.md says 13")
    check(code == 1, f"{path}: exit {code}, expected 1 (untrusted traces); stderr {err[:300]!r}")
    check(undetermined < traces, f"{path}: {undetermined} of {traces} undetermined")
    check(summary.get("files", [{}])[0].get("traces") == 1000, f"{path}: the JSON summary lists the file")


with lzma.open(PANTRACE, "rt") as f:
    check_pantrace(PANTRACE, f.read())
staged = os.path.join(PEERS, "traces", "pantrace_trace.sc_warts2json.json")
if os.path.exists(staged):
    with open(staged) as f:
        check_pantrace(staged, f.read())
else:
    print(f"skipped: {staged} is absent")

# --- 2. nothing read is not clean -------------------------------------------------------------
ENTRY = "31 record(s), all skipped by type: 31 BGP4MP ENTRY (type 16 subtype 2)"


def check_openbgpd(path):
    code, out, err = run("carrier", "check", "--asn", "64500", "--rib", path, "--as-of", "2024-06-01")
    check(code == 2, f"carrier check {path}: exit {code}, expected 2")
    check(err.splitlines()[:1] == [
        f"{path}: expected MRT records with routes (TABLE_DUMP or TABLE_DUMP_V2 RIB entries, BGP4MP UPDATE "
        f"messages), found {ENTRY}"], f"carrier check {path}: stderr {err!r}")
    check("exposure(s) found" not in out, f"carrier check {path}: no report from nothing read: {out!r}")
    code, out, err = run("mrt", "dump", path)
    check(code == 2 and out == "", f"mrt dump {path}: exit {code}, stdout {out[:100]!r}")
    check(err == f"{path}: expected MRT records this reader decodes (TABLE_DUMP, TABLE_DUMP_V2, BGP4MP, BGP), "
                 f"found {ENTRY}\n", f"mrt dump {path}: stderr {err!r}")
    bgpdump = shutil.which("bgpdump")
    if bgpdump:
        live = subprocess.run([bgpdump, "-m", "-q", path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
        check(live.decode() == out, f"mrt dump {path}: stdout equals bgpdump -m's ({len(live)} bytes)")


check_openbgpd(OPENBGPD)
staged = os.path.join(PEERS, "mrt", "mrt-rs_openbgpd_rib_table-mp")
if os.path.exists(staged):
    check_openbgpd(staged)
else:
    print(f"skipped: {staged} is absent")

# --- 3. several inputs ------------------------------------------------------------------------
code, out, err = run("mrt", "dump", OPENBGPD, BVIEW)
_, alone, _ = run("mrt", "dump", BVIEW)
check(code == 2 and out == alone and alone.count("\n") > 0,
      f"mrt dump OPENBGPD BVIEW: exit {code}, stdout is BVIEW's dump: {out == alone}")
code, out, err = run("carrier", "check", "--asn", "65011", "--rib", OPENBGPD, "--rib", BVIEW, "--as-of", "2024-06-01")
check(code == 2, f"carrier check two RIBs, one unreadable: exit {code}, expected 2")
check(f"{BVIEW}: 1 records" not in out and f"{BVIEW}: " in out and "routes read" in out,
      f"carrier check two RIBs: the readable one is reported: {out!r}")
check(err.startswith(f"{OPENBGPD}: expected MRT records with routes") and "1 of 2 MRT file(s) could not be read" in err,
      f"carrier check two RIBs: stderr {err!r}")

print(f"net peers: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
