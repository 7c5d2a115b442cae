#!/usr/bin/env python3
"""`cleannet audit run` against the same checks run alone (docs/PERFORMANCE.md, "Audit (issue 18)").

Inputs, all SYNTHETIC, from the seeded generators of the other benchmarks (kept in
BUILD_DIR/bench/audit/, or reused from BUILD_DIR/bench/mrt/ and BUILD_DIR/bench/trace/):
  path     the path benchmark's inventory (bench/path_bench --write-inventory, native JSON),
           --devices/--links/--demands, its seed 20241125;
  carrier  the MRT benchmark's RIB (bench/mrt_generate --entries N --seed S, gzip -6), checked
           for AS3356 with the bundled AS names, observed routes only (no as-rel), keep_going;
  trace    the traceroute benchmark's RIPE Atlas results (bench/trace_generate --traces N
           --seed S) with the bundled pfx2as table, CAIDA IXPs and AS names.
A scenario TOML naming them (policy clean-network, as of 2025-01-01) is written beside them.

Each round runs, one after the other:
  alone    cleannet path check INVENTORY ...; cleannet carrier check ...; cleannet trace check ...
           (the same options as the scenario, stdout to /dev/null): "alone" is the sum of the three;
  audit    cleannet audit run SCENARIO --store STORE -o json:/dev/null (STORE removed first, so every
           run writes into an empty store);
  no-store cleannet audit run SCENARIO --no-store -o json:/dev/null.
Wall time (and CPU time, user + sys of all threads, from wait4) of each command, median of
--runs rounds. The audit fails the goal (exit 1) when its median wall time is above 1.05x the sum
of the three checks' medians. The store write rate is the findings of the run (counted in the
store) over the difference of the audit's median with and without the store: the goal is at
least 100,000 findings/s (exit 1 below).

  scripts/bench-audit BUILD_DIR [--devices N] [--links N] [--demands N] [--entries N] [--traces N]
                      [--seed S] [--runs R]
"""
import argparse
import os
import pathlib
import platform
import sqlite3
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
ORIGINS = ROOT / "data/internet/ip2asn/ipasn6_20151101.dat.xz"
IXP = ROOT / "data/internet/ixp/caida_ixs_202410.jsonl.gz"
NAMES = ROOT / "data/internet/caida/asn_names_lookup.txt.xz"
POLICY = "clean-network"
AS_OF = "2025-01-01"
PATH_SEED = 20241125  # path_bench's default


def run_timed(cmd):
    """Wall seconds, CPU seconds (user + sys), max RSS in MiB, exit code."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    rc = os.waitstatus_to_exitcode(status)
    if rc not in (0, 1):  # 1: something not clean, the expected answer here
        sys.exit(f"audit_bench: {' '.join(map(str, cmd))} failed ({rc}): {err.decode(errors='replace')[-2000:]}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, rc


def generate(path, cmd, stdout=True):
    if path.exists():
        return
    print(f"audit_bench: generating {path}", file=sys.stderr)
    tmp = path.with_name(path.name + ".part")
    if stdout:
        with open(tmp, "wb") as out:
            subprocess.run(cmd, stdout=out, check=True)
    else:
        subprocess.run([c.replace("{OUT}", str(tmp)) for c in cmd], check=True)
    tmp.rename(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--devices", type=int, default=200_000)
    ap.add_argument("--links", type=int, default=800_000)
    ap.add_argument("--demands", type=int, default=200)
    ap.add_argument("--entries", type=int, default=5_000_000)
    ap.add_argument("--traces", type=int, default=500_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    build = pathlib.Path(a.build).resolve()
    cli = build / "apps/cleannet/cleannet"
    tools = {"path_bench": build / "bench/path_bench", "mrt_generate": build / "bench/mrt_generate",
             "trace_generate": build / "bench/trace_generate"}
    for name, p in [("cleannet", cli), *tools.items()]:
        if not os.access(p, os.X_OK):
            sys.exit(f"audit_bench: {p} not found; build {name} in {build} (CLEANNET_BENCH=ON; path_bench needs "
                     "libboost-graph-dev)")
    work = build / "bench/audit"
    work.mkdir(parents=True, exist_ok=True)

    # Inputs: generated once, kept for the next run (the other benchmarks' files when present).
    inventory = work / f"inventory-{a.devices}-{a.links}-{a.demands}-seed{PATH_SEED}.json"
    generate(inventory, [str(tools["path_bench"]), f"--seed={PATH_SEED}", f"--devices={a.devices}",
                         f"--links={a.links}", f"--demands={a.demands}", "--write-inventory={OUT}"], stdout=False)
    rib = build / f"bench/mrt/synthetic-rib.{a.entries}.seed{a.seed}.mrt.gz"
    if not rib.exists():
        rib = work / rib.name
        plain = work / f"synthetic-rib.{a.entries}.seed{a.seed}.mrt"
        if not rib.exists():
            generate(plain, [str(tools["mrt_generate"]), "--entries", str(a.entries), "--seed", str(a.seed)])
            generate(rib, ["gzip", "-6", "-c", str(plain)])
            plain.unlink()
    traces = build / f"bench/trace/atlas_{a.traces}_seed{a.seed}.ndjson"
    if not traces.exists():
        traces = work / traces.name
        generate(traces, [str(tools["trace_generate"]), "--origins", str(ORIGINS), "--traces", str(a.traces),
                          "--seed", str(a.seed)])

    scenario = work / "scenario.toml"
    scenario.write_text(f"""# SYNTHETIC inputs of the audit benchmark (bench/audit_bench.py); not real data.
name = "audit-bench"
policy = "{POLICY}"
as_of = "{AS_OF}"

[[check]]
kind = "path"
inventory = "{inventory}"

[[check]]
kind = "carrier"
asn = ["3356"]
rib = ["{rib}"]
keep_going = true
as_names = "{NAMES}"

[[check]]
kind = "trace"
paths = ["{traces}"]
pfx2as = ["{ORIGINS}"]
ixp = "{IXP}"
as_names = "{NAMES}"
""")
    common = ["--policy", POLICY, "--as-of", AS_OF]
    alone = {
        "path": [str(cli), "path", "check", str(inventory), *common],
        "carrier": [str(cli), "carrier", "check", "--asn", "3356", "--rib", str(rib), "--keep-going", "--as-names",
                    str(NAMES), *common],
        "trace": [str(cli), "trace", "check", str(traces), "--pfx2as", str(ORIGINS), "--ixp", str(IXP), "--as-names",
                  str(NAMES), "--no-progress", *common],
    }
    store = work / "bench-store.sqlite"
    audit = [str(cli), "audit", "run", str(scenario), "--store", str(store), "-o", "json:/dev/null"]
    no_store = [str(cli), "audit", "run", str(scenario), "--no-store", "-o", "json:/dev/null"]

    def remove_store():
        for suffix in ("", "-wal", "-shm", "-journal"):
            pathlib.Path(str(store) + suffix).unlink(missing_ok=True)

    sizes = {k: p.stat().st_size for k, p in (("inventory", inventory), ("rib", rib), ("traces", traces))}
    print(f"host {platform.node()}: {os.cpu_count()} CPUs, load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"median of {a.runs} rounds (wall time; CPU = user + sys of all threads)")
    print(f"inputs (SYNTHETIC): inventory {a.devices:,} devices, {a.links:,} links, {a.demands:,} demands "
          f"({sizes['inventory'] / 2**20:,.0f} MiB JSON); RIB {a.entries:,} entries ({sizes['rib'] / 2**20:,.0f} MiB gzip); "
          f"{a.traces:,} traces ({sizes['traces'] / 2**20:,.0f} MiB); scenario {scenario}")
    for k, cmd in alone.items():
        print(f"  {k}: {' '.join(cmd)} > /dev/null")
    print(f"  audit: {' '.join(audit)}  (store removed before each run)")
    print(f"  no-store: {' '.join(no_store)}")
    print()

    results = {k: [] for k in (*alone, "audit", "no-store")}
    findings = None
    for r in range(a.runs):
        for k, cmd in alone.items():
            results[k].append(run_timed(cmd))
        remove_store()
        results["audit"].append(run_timed(audit))
        with sqlite3.connect(store) as db:
            n = db.execute("SELECT count(*) FROM findings").fetchone()[0]
        db.close()
        findings = n if findings is None else findings
        if n != findings:
            sys.exit(f"audit_bench: round {r + 1} stored {n} findings, round 1 {findings}")
        results["no-store"].append(run_timed(no_store))
        print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1][0]:.2f} s" for k, v in results.items()), file=sys.stderr)
    remove_store()

    med = {k: (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v), max(x[2] for x in v))
           for k, v in results.items()}
    alone_wall = sum(med[k][0] for k in alone)
    alone_cpu = sum(med[k][1] for k in alone)
    slowest = max(alone, key=lambda k: med[k][0])
    rows = [[k, f"{med[k][0]:.2f}", f"{med[k][1]:.2f}", f"{med[k][2]:,.0f} MiB",
             " ".join(f"{x[0]:.2f}" for x in results[k])] for k in (*alone, "audit", "no-store")]
    rows.insert(3, ["alone (sum of the three)", f"{alone_wall:.2f}", f"{alone_cpu:.2f}", "", ""])
    header = ["command", "wall s (median)", "CPU s (median)", "max RSS", "wall s of each round"]
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |")
    print()
    ratio = med["audit"][0] / alone_wall
    store_s = med["audit"][0] - med["no-store"][0]
    rate = findings / store_s if store_s > 0 else float("inf")
    print(f"audit / alone: {ratio:.3f} wall ({med['audit'][0]:.2f} s against {alone_wall:.2f} s), "
          f"{med['audit'][1] / alone_cpu:.3f} CPU; audit / slowest check alone ({slowest}, {med[slowest][0]:.2f} s): "
          f"{med['audit'][0] / med[slowest][0]:.2f}")
    print(f"store: {findings:,} findings stored; audit with the store {med['audit'][0]:.2f} s, without "
          f"{med['no-store'][0]:.2f} s: {store_s:.2f} s for the write, "
          + (f"{rate:,.0f} findings/s" if store_s > 0 else "too small to measure"))
    ok_ratio = ratio <= 1.05
    ok_store = findings >= 100_000 and rate >= 100_000
    print(f"goals: audit at most 1.05x the checks alone: {ratio:.3f}x {'met' if ok_ratio else 'NOT MET'}; "
          f"store writes >= 100,000 findings/s on >= 100,000 findings: "
          f"{'met' if ok_store else 'NOT MET'}")
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if ok_ratio and ok_store else 1


if __name__ == "__main__":
    sys.exit(main())
