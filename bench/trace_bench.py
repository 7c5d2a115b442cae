#!/usr/bin/env python3
"""`cleannet trace check` against the Python baseline (bench/trace_python.py: json module +
py-radix), same input, same run (docs/PERFORMANCE.md, "Traceroutes").

For each size, a SYNTHETIC file of RIPE Atlas results from the seeded bench/trace_generate
(kept in BUILD_DIR/bench/trace/ for the next run) is checked by both, each writing one JSON
verdict per trace (to a file) and the summary; the verdict counts must agree. Wall time and
peak resident memory and CPU time (user + sys; getrusage of each child) are reported, with the time of a run on one
trace (loading the tables) so that the per-trace rate can be told from the start-up.

  scripts/bench-trace BUILD_DIR [--traces 100000,1000000] [--threads 2] [--seed 1] [--no-python]
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
ORIGINS = ROOT / "data/internet/ip2asn/ipasn6_20151101.dat.xz"
IXP = ROOT / "data/internet/ixp/caida_ixs_202410.jsonl.gz"
NAMES = ROOT / "data/internet/caida/asn_names_lookup.txt.xz"


def run(cmd, out_path):
    """Wall seconds, peak RSS in MiB, CPU seconds (user + sys)."""
    with open(out_path, "wb") as out:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        err = p.stderr.read().decode()
    if p.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed ({p.returncode}): {err}")
    return wall, ru.ru_maxrss / 1024.0, ru.ru_utime + ru.ru_stime


def summary(path):
    with open(path, "rb") as f:
        f.seek(max(0, os.path.getsize(path) - (8 << 20)))
        last = f.read().rstrip(b"\n").rsplit(b"\n", 1)[-1]
    return json.loads(last)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--traces", default="100000,1000000")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-python", action="store_true")
    a = ap.parse_args()
    build = pathlib.Path(a.build).resolve()
    cli = build / "apps/cleannet/cleannet"
    gen = build / "bench/trace_generate"
    work = build / "bench/trace"
    work.mkdir(parents=True, exist_ok=True)
    common = ["--pfx2as", str(ORIGINS), "--ixp", str(IXP), "--as-names", str(NAMES)]
    print(f"cleannet {cli} --threads {a.threads}; Python {sys.version.split()[0]} with py-radix; "
          f"{os.cpu_count()} cores")
    rows = []
    for n in [int(x) for x in a.traces.split(",")] + [1]:
        data = work / f"atlas_{n}_seed{a.seed}.ndjson"
        if not data.exists():
            with open(data, "wb") as out:
                subprocess.run([str(gen), "--origins", str(ORIGINS), "--traces", str(n), "--seed", str(a.seed)], stdout=out, check=True)
        size = data.stat().st_size
        c_wall, c_rss, c_cpu = run([str(cli), "trace", "check", str(data), *common, "--format", "json", "--threads", str(a.threads),
                             "--no-progress"], work / "cleannet.out")
        cs = summary(work / "cleannet.out")
        asns = sorted({int(m) for u in cs["untrusted_networks"] for m in re.findall(r"^AS(\d+)", u["network"])})
        row = {"traces": n, "bytes": size, "c_wall": c_wall, "c_rss": c_rss, "c_cpu": c_cpu, "c": cs}
        if not a.no_python:
            p_wall, p_rss, p_cpu = run([sys.executable, str(ROOT / "bench/trace_python.py"), str(data), *common, "--untrusted",
                                 ",".join(map(str, asns)) or "0"], work / "python.out")
            ps = summary(work / "python.out")
            for k in ("traces", "clean", "untrusted", "undetermined"):
                if ps[k] != cs[k]:
                    sys.exit(f"{n} traces: {k} differs: cleannet {cs[k]}, python {ps[k]}")
            row.update(p_wall=p_wall, p_rss=p_rss, p_cpu=p_cpu)
        rows.append(row)
    start = rows[-1]
    print(f"start-up (1 trace): cleannet {start['c_wall']:.2f} s (CPU {start['c_cpu']:.2f} s), {start['c_rss']:.0f} MiB"
          + (f"; python {start['p_wall']:.2f} s (CPU {start['p_cpu']:.2f} s), {start['p_rss']:.0f} MiB" if "p_wall" in start else ""))
    for r in rows[:-1]:
        n = r["traces"]
        c = r["c"]
        line = (f"{n:>9} traces ({r['bytes'] / 1e9:.2f} GB; {c['untrusted']} untrusted, {c['undetermined']} undetermined, "
                f"{c['clean']} clean): cleannet {r['c_wall']:.2f} s (CPU {r['c_cpu']:.2f} s), "
                f"{n / r['c_wall'] * 60 / 1e6:.2f} M traces/min, peak {r['c_rss']:.0f} MiB")
        if "p_wall" in r:
            line += (f"; python {r['p_wall']:.1f} s (CPU {r['p_cpu']:.1f} s), peak {r['p_rss']:.0f} MiB; "
                     f"cleannet {r['p_wall'] / r['c_wall']:.1f}x faster "
                     f"({(r['p_wall'] - start['p_wall']) / max(r['c_wall'] - start['c_wall'], 1e-9):.1f}x without start-up; "
                     f"CPU {r['p_cpu'] / r['c_cpu']:.1f}x, "
                     f"{(r['p_cpu'] - start['p_cpu']) / max(r['c_cpu'] - start['c_cpu'], 1e-9):.1f}x without start-up)")
        print(line)
    # The reader's passes alone on the same records (bench/trace_parse_bench.cc): the scanner
    # against simdjson's DOM and On-Demand APIs.
    parse_bench = build / "bench/trace_parse_bench"
    if parse_bench.exists() and rows[:-1]:
        data = work / f"atlas_{rows[0]['traces']}_seed{a.seed}.ndjson"
        out = subprocess.run([str(parse_bench), str(data), "--benchmark_format=json", "--benchmark_repetitions=3",
                              "--benchmark_report_aggregates_only=true"], capture_output=True, text=True, check=True)
        per = {}
        for b in json.loads(out.stdout)["benchmarks"]:
            if b.get("aggregate_name") == "median":
                per[b["run_name"].removeprefix("BM_")] = 1e6 / b["items_per_second"]  # us a record
        if len(per) == 3:
            print(f"reader alone (the first 20,000 records, median of 3): scanner {per['Scanner']:.2f} us a record; simdjson DOM "
                  f"{per['SimdjsonDom']:.2f} us ({per['SimdjsonDom'] / per['Scanner']:.1f}x the scanner's time), "
                  f"On-Demand {per['SimdjsonOnDemand']:.2f} us ({per['SimdjsonOnDemand'] / per['Scanner']:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
