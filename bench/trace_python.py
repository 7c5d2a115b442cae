#!/usr/bin/env python3
"""The Python baseline of `cleannet trace check` (scripts/bench-trace): the same work with the
json module and py-radix (Debian python3-radix).

Reads RIPE Atlas traceroute results (one JSON object per line), attributes every responding
hop address (special-purpose ranges, then IXP peering LANs, then the longest prefix of a
pyasn prefix -> origin table), judges each origin AS against the given set of untrusted ASes,
gives each trace the verdict cleannet gives (untrusted / undetermined / clean, see
src/cleannet/trace/judge.h), writes one JSON verdict per trace, and aggregates per
destination, probe, source AS and country (from the AS-name list).

  trace_python.py TRACES.ndjson --pfx2as ipasn.dat.xz --ixp ixs.jsonl.gz --as-names names.txt.xz \
      --untrusted 4134,4837,9808 > verdicts.ndjson
"""
import argparse
import bz2
import collections
import gzip
import json
import lzma
import sys

import radix

SPECIAL = [("10.0.0.0/8", "RFC 1918"), ("172.16.0.0/12", "RFC 1918"), ("192.168.0.0/16", "RFC 1918"),
           ("100.64.0.0/10", "RFC 6598"), ("169.254.0.0/16", "RFC 3927"), ("127.0.0.0/8", "RFC 1122"),
           ("fc00::/7", "RFC 4193"), ("fe80::/10", "RFC 4291"), ("::1/128", "RFC 4291")]


def open_any(path):
    with open(path, "rb") as f:
        head = f.read(6)
    if head.startswith(b"\x1f\x8b"):
        return gzip.open(path, "rt", encoding="utf-8")
    if head.startswith(b"BZh"):
        return bz2.open(path, "rt", encoding="utf-8")
    if head.startswith(b"\xfd7zXZ"):
        return lzma.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("traces")
    ap.add_argument("--pfx2as", required=True)
    ap.add_argument("--ixp")
    ap.add_argument("--as-names")
    ap.add_argument("--untrusted", default="")
    a = ap.parse_args()

    special = radix.Radix()
    for p, rfc in SPECIAL:
        special.add(p).data["rfc"] = rfc
    ixps = radix.Radix()
    if a.ixp:
        with open_any(a.ixp) as f:
            for line in f:
                if line.startswith("#"):
                    continue
                ix = json.loads(line)
                for fam in ("ipv4", "ipv6"):
                    for p in (ix.get("prefixes") or {}).get(fam, []):
                        if ixps.search_exact(p) is None:
                            ixps.add(p).data["ixp"] = ix["name"]
    origins = radix.Radix()
    with open_any(a.pfx2as) as f:
        for line in f:
            if line.startswith(";"):
                continue
            p, asn = line.rstrip("\n").split("\t")
            origins.add(p).data["origins"] = [int(asn)]
    country = {}
    if a.as_names:
        with open_any(a.as_names) as f:
            for line in f:
                asn, _, rest = line.partition(":")
                cc = rest.rstrip("\n").rpartition(", ")[2]
                try:
                    country[int(asn)] = cc
                except ValueError:
                    pass
    untrusted = {int(x) for x in a.untrusted.split(",") if x}

    total = collections.Counter()
    dims = {k: collections.defaultdict(collections.Counter) for k in ("by_destination", "by_probe", "by_source_as", "by_country")}
    out = sys.stdout
    with open_any(a.traces) as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            t = json.loads(line)
            src_as = None
            if t.get("from"):
                n = origins.search_best(t["from"])
                if n is not None and special.search_best(t["from"]) is None and ixps.search_best(t["from"]) is None:
                    src_as = n.data["origins"][0]
            counts = collections.Counter()
            bad, unattributed = [], []
            for hop in t["result"]:
                seen = set()
                answered = False
                for r in hop.get("result", []):
                    addr = r.get("from")
                    if addr is None or "x" in r:
                        continue
                    answered = True
                    if addr in seen:
                        continue
                    seen.add(addr)
                    if special.search_best(addr) is not None:
                        counts["private"] += 1
                    elif ixps.search_best(addr) is not None:
                        counts["ixp"] += 1
                    else:
                        n = origins.search_best(addr)
                        if n is None:
                            counts["unattributed"] += 1
                            unattributed.append({"hop": hop.get("hop", 0), "address": addr})
                        else:
                            counts["attributed"] += 1
                            o = n.data["origins"]
                            hit = [x for x in o if x in untrusted]
                            if hit:
                                bad.append({"hop": hop.get("hop", 0), "address": addr, "prefix": n.prefix, "origins": o, "as": hit[0]})
                if not answered and "error" not in hop:
                    counts["unresponsive"] += 1
            if bad:
                verdict = "untrusted"
            elif unattributed or counts["attributed"] == 0:
                verdict = "undetermined"
            else:
                verdict = "clean"
            out.write(json.dumps({"line": lineno, "prb_id": t.get("prb_id"), "from": t.get("from", ""), "source_as": src_as,
                                  "destination": t.get("dst_addr") or t.get("dst_name", ""), "verdict": verdict,
                                  "hops": len(t["result"]), "counts": counts, "untrusted_hops": bad,
                                  "unattributed_hops": unattributed}) + "\n")
            total[verdict] += 1
            keys = {"by_destination": t.get("dst_addr") or t.get("dst_name", ""), "by_probe": "prb %s" % t.get("prb_id"),
                    "by_source_as": "AS%d" % src_as if src_as else "unknown",
                    "by_country": country.get(src_as, "unknown") if src_as else "unknown"}
            for d, k in keys.items():
                dims[d][k][verdict] += 1
    summary = {"type": "summary", "traces": sum(total.values()), "clean": total["clean"], "untrusted": total["untrusted"],
               "undetermined": total["undetermined"]}
    for d, m in dims.items():
        summary[d] = [{"key": k, "traces": sum(c.values()), **c} for k, c in m.items()]
    out.write(json.dumps(summary) + "\n")


if __name__ == "__main__":
    main()
