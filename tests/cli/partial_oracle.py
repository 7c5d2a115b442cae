#!/usr/bin/env python3
"""Partials merged in any order and tree give the single run's report, byte for byte.

Issue 20's oracle: the traceroute and MRT files are split into random shards (1 to 8; random
position sets with --shard-files, and --shard I/N), each shard writes a partial
(--partial-out), the partials are merged in random order and random tree shapes, and the
report of the merge (stdout, stderr and exit code; text and JSON, and SARIF for traces
whose shards kept findings) must equal that of one run over all the files in order:
`trace check --no-verdicts` and `mrt dump --stats`.

SETS "small" (label fast): the repository's small files, damaged and failing ones included.
SETS "large" (label slow): the bundled traceroutes with the bundled 2015 pfx2as table, and
the staged files of ../shared/data/internet when present (skipped otherwise).

usage: partial_oracle.py CLEANNET_BINARY small|large [ROUNDS]
"""
import os
import random
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
SETS = sys.argv[2]
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else (4 if SETS == "small" else 6)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data", "internet")
MERGE_CMD = [CLI, "merge"]

rng = random.Random(int(os.environ.get("PARTIAL_ORACLE_SEED", "20")))
failed = checked = 0


def run(args):
    p = subprocess.run(args, cwd=ROOT, capture_output=True)
    return p.stdout, p.stderr, p.returncode


def fail(msg):
    global failed
    failed += 1
    print("FAILED " + msg)


def partition(n, k):
    """k non-empty random position sets (1-based) covering 1..n."""
    order = list(range(1, n + 1))
    rng.shuffle(order)
    parts = [[order[i]] for i in range(k)]
    for p in order[k:]:
        parts[rng.randrange(k)].append(p)
    return [sorted(p) for p in parts]


def merge_tree(partials, tmp, fmt):
    """Merges in a random tree; the last merge renders. Returns (stdout, stderr, rc)."""
    pool = list(partials)
    rng.shuffle(pool)
    n = 0
    while len(pool) > 1 and rng.random() < 0.8:
        take = rng.randint(2, len(pool))
        rng.shuffle(pool)
        group, pool = pool[:take], pool[take:]
        n += 1
        out = os.path.join(tmp, f"m{n}.partial")
        o, e, rc = run(MERGE_CMD + ["--partial-out", out] + group)
        if rc != 0:
            return o, b"merge --partial-out failed: " + e, rc
        pool.append(out)
    rng.shuffle(pool)
    return run(MERGE_CMD + ["--format", fmt] + pool)


def check(name, single_cmd, shard_cmd, files, formats, tmp):
    """single_cmd(fmt) -> argv; shard_cmd(selection args, out) -> argv."""
    global checked
    want = {f: run(single_cmd(f)) for f in formats}
    for r in range(ROUNDS):
        k = rng.randint(1, min(8, len(files)))
        if rng.random() < 0.3:
            sel = [["--shard", f"{i}/{k}"] for i in range(1, k + 1)]
            how = f"--shard I/{k}"
        else:
            parts = partition(len(files), k)
            sel = [["--shard-files", ",".join(map(str, p))] for p in parts]
            how = "positions " + " ".join(",".join(map(str, p)) for p in parts)
        rdir = tempfile.mkdtemp(dir=tmp)
        partials = []
        for i, s in enumerate(sel):
            out = os.path.join(rdir, f"s{i}.partial")
            o, e, rc = run(shard_cmd(s, out))
            if not os.path.exists(out):
                fail(f"{name} round {r}: shard {s} wrote no partial (exit {rc}): {e.decode()[:300]}")
                break
            if o:
                fail(f"{name} round {r}: shard {s} printed on stdout with --partial-out")
            partials.append(out)
        else:
            for f in formats:
                got = merge_tree(partials, rdir, f)
                checked += 1
                if got != want[f]:
                    fail(f"{name} round {r} ({how}) --format {f}: merged report differs\n"
                         f"  single: rc {want[f][2]} stderr {want[f][1][:400]!r}\n  stdout {want[f][0][:600]!r}\n"
                         f"  merged: rc {got[2]} stderr {got[1][:400]!r}\n  stdout {got[0][:600]!r}")


def trace_set(name, files, tables, tmp, sarif):
    common = ["--as-of", "2024-06-01", "--no-progress"] + tables
    fmt_shard = ["--format", "sarif"] if sarif else []
    formats = ["text", "json"] + (["sarif"] if sarif else [])
    check(f"trace {name}",
          lambda f: [CLI, "trace", "check"] + files + common + ["--no-verdicts", "--format", f],
          lambda s, out: [CLI, "trace", "check"] + files + common + fmt_shard + s + ["--partial-out", out],
          files, formats, tmp)


def mrt_set(name, files, keep_going, tmp):
    kg = ["--keep-going"] if keep_going else []
    check(f"mrt {name}{' --keep-going' if keep_going else ''}",
          lambda f: [CLI, "mrt", "dump", "--stats", "--format", f] + kg + files,
          lambda s, out: [CLI, "mrt", "dump", "--stats"] + kg + s + ["--partial-out", out] + files,
          files, ["text", "json"], tmp)


with tempfile.TemporaryDirectory() as tmp:
    if SETS == "small":
        traces = [
            "tests/data/trace/golden/atlas_array.json", "tests/data/trace/golden/atlas_v6.ndjson",
            "tests/data/trace/golden/scamper.json", "tests/data/bad/trace/empty.json",
            "tests/data/trace/golden/atlas_array.json", "data/internet/traceroutes/sagan_traceroutes.ndjson",
            "tests/data/bad/trace/bad-destination.json",
        ]
        tables = ["--pfx2as", "tests/data/trace/origins.pfx2as", "--ixp", "tests/data/trace/ixps.jsonl"]
        trace_set("small", traces, tables, tmp, sarif=False)
        trace_set("small sarif", traces, tables, tmp, sarif=True)
        mrt = sorted("tests/data/bgp/" + f for f in os.listdir(os.path.join(ROOT, "tests/data/bgp"))
                     if f != "README.md" and os.path.isfile(os.path.join(ROOT, "tests/data/bgp", f)))
        mrt += ["tests/data/bad/mrt/bad-attribute-length.mrt", "tests/data/bad/mrt/truncated-gzip.mrt",
                "data/internet/mrt/rib.20140523.0600_firstMB.bz2", "tests/data/bad/mrt/zero-length.mrt"]
        for kg in (False, True):
            mrt_set("small", mrt, kg, tmp)
    else:
        pfx2as = ["--pfx2as", "data/internet/ip2asn/ipasn6_20151101.dat.xz"]
        real = sorted("data/internet/traceroutes/" + f
                      for f in os.listdir(os.path.join(ROOT, "data/internet/traceroutes")))
        real.append("tests/data/trace/pantrace/trace.sc_warts2json.json.xz")
        trace_set("bundled", real, pfx2as + ["--as-names", "data/internet/caida/asn_names_lookup.txt.xz"], tmp,
                  sarif=False)
        if os.path.isdir(SHARED):
            staged_mrt = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(SHARED, "mrt"))
                                for f in fs if not f.endswith((".json", ".md")))
            mrt_set("staged", staged_mrt, True, tmp)
            staged_traces = [os.path.join(SHARED, "atlas", f) for f in sorted(os.listdir(os.path.join(SHARED, "atlas")))]
            staged_traces += [os.path.join(SHARED, "scamper", f)
                              for f in sorted(os.listdir(os.path.join(SHARED, "scamper"))) if f.endswith(".json")]
            trace_set("staged", staged_traces, pfx2as, tmp, sarif=True)
        else:
            print(f"staged sets skipped: {SHARED} is absent")

print(f"{checked} merged reports checked, {failed} failed")
sys.exit(1 if failed else 0)
