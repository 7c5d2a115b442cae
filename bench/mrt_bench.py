#!/usr/bin/env python3
"""`cleannet mrt dump` against `bgpdump -m` (Debian bgpdump 1.6.2): wall time, best of N runs,
on the same files, with the two outputs checked identical (SHA-256 of stdout).

Files:
  staged   the staged RouteViews IPv4 RIB, ../shared/data/internet/mrt/pyasn_data/
           rib.20140523.0600_firstMB.bz2 (TABLE_DUMP_V2, 270,005 entries, the first MiB of
           the bzip2 file, so its last record is cut): as staged (bzip2), decompressed
           (plain) and recompressed with gzip -6;
  synthetic  a RIB of --entries entries (default 5,000,000) written by bench/mrt_generate
           with --seed (default 1): plain, gzip -6 and bzip2 -9. SYNTHETIC data.
For bzip2 the time is also given as a multiple of `bzcat FILE > /dev/null`, the floor for
any reader of that file. Peak memory (max RSS) of cleannet is reported for every run.

A second table times the Clean Carrier check alone on the same files:
  cleannet carrier check --asn 3356 --rib FILE --keep-going --as-names <bundled names>
(observed routes only: no --as-rel, so no inferred exposure, whose cost does not depend on the
RIB), reported as a multiple of plain decompression of the same file (`cat`, `zcat`, `bzcat`
to /dev/null): what reading the RIB costs beyond getting its bytes.

usage: bench/mrt_bench.py BUILD_DIR [--entries N] [--seed S] [--runs R] [--work DIR] [--carrier-only]
       (scripts/bench-mrt BUILD_DIR; `make bench` runs it on build-bench)
"""
import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAGED = os.path.join(os.path.dirname(ROOT), "shared", "data", "internet", "mrt", "pyasn_data",
                      "rib.20140523.0600_firstMB.bz2")


def run_timed(cmd, stdout=subprocess.DEVNULL, cpu=None):
    """Wall seconds and max RSS (KiB) of one run; CPU seconds (user + sys, all threads)
    appended to the list `cpu` when given."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if cpu is not None:
        cpu.append(usage.ru_utime + usage.ru_stime)
    return time.perf_counter() - t0, usage.ru_maxrss, p.returncode


def best(cmd, runs, cpu=None):
    """Best wall time and max RSS of `runs` runs; with a list `cpu`, the least CPU time of
    the runs is appended to it."""
    times, rss, cpus = [], 0, []
    for _ in range(runs):
        t, m, _ = run_timed(cmd, cpu=cpus)
        times.append(t)
        rss = max(rss, m)
    if cpu is not None:
        cpu.append(min(cpus))
    return min(times), rss


def digest(cmd):
    h = hashlib.sha256()
    lines = 0
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for chunk in iter(lambda: p.stdout.read(1 << 20), b""):
        h.update(chunk)
        lines += chunk.count(b"\n")
    p.wait()
    return h.hexdigest(), lines


def sh(cmd, out_path):
    with open(out_path, "wb") as f:
        subprocess.run(cmd, stdout=f, stderr=subprocess.DEVNULL, check=False)


def print_table(header, rows):
    """A Markdown table, columns padded to their widest cell."""
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--entries", type=int, default=5_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default=None)
    ap.add_argument("--carrier-only", action="store_true",
                    help="only the Clean Carrier table (skips mrt dump vs bgpdump)")
    a = ap.parse_args()
    cleannet = os.path.join(a.build, "apps", "cleannet", "cleannet")
    generator = os.path.join(a.build, "bench", "mrt_generate")
    bgpdump = shutil.which("bgpdump")
    for need, what in ((cleannet, "cleannet"), (generator, "mrt_generate")):
        if not os.access(need, os.X_OK):
            sys.exit(f"mrt_bench: {need} not found; build {what} in {a.build} (make bench)")
    if not bgpdump:
        sys.exit("mrt_bench: bgpdump not found; install the Debian package bgpdump (scripts/setup)")
    work = a.work or os.path.join(a.build, "bench", "mrt")
    os.makedirs(work, exist_ok=True)

    files = []  # (label, path, compression)
    if os.path.exists(STAGED):
        plain = os.path.join(work, "staged-rib.20140523.mrt")
        if not os.path.exists(plain):
            sh(["bzcat", STAGED], plain)  # bzcat complains about the cut stream; the bytes are all there
            sh(["gzip", "-6", "-c", plain], plain + ".gz")
        files += [("staged IPv4 RIB", plain, "plain"), ("staged IPv4 RIB", plain + ".gz", "gzip"),
                  ("staged IPv4 RIB", STAGED, "bzip2")]
    else:
        print(f"mrt_bench: {STAGED} absent, staged RIB skipped", file=sys.stderr)
    gen = os.path.join(work, f"synthetic-rib.{a.entries}.seed{a.seed}.mrt")
    if not os.path.exists(gen + ".bz2"):
        print(f"mrt_bench: generating {gen} (+ .gz, .bz2)", file=sys.stderr)
        sh([generator, "--entries", str(a.entries), "--seed", str(a.seed)], gen)
        sh(["gzip", "-6", "-c", gen], gen + ".gz")
        sh(["bzip2", "-9", "-c", gen], gen + ".bz2")
    label = f"synthetic RIB, {a.entries:,} entries (seed {a.seed})"
    files += [(label, gen, "plain"), (label, gen + ".gz", "gzip"), (label, gen + ".bz2", "bzip2")]

    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    print(f"host {platform.node()}: {os.cpu_count()} CPUs, load average {load}; best of {a.runs} runs "
          "(wall time; CPU time = user + sys of all threads, least of the runs)")
    if not a.carrier_only:
        print(f"cleannet: {cleannet} mrt dump --keep-going FILE > /dev/null")
        print(f"bgpdump:  {bgpdump} -m FILE > /dev/null   (bgpdump 1.6.2)")
        print()
    header = ["file", "form", "MiB", "entries", "cleannet s", "bgpdump s", "speed-up", "bzcat s", "cleannet/bzcat",
              "cleannet max RSS", "output"]
    rows = []
    failed = False
    for label, path, form in [] if a.carrier_only else files:
        ours = [cleannet, "mrt", "dump", "--keep-going", path]
        theirs = [bgpdump, "-m", "-q", path]
        d_ours, lines = digest(ours)
        d_theirs, _ = digest(theirs)
        same = d_ours == d_theirs
        failed |= not same
        t_ours, rss = best(ours, a.runs)
        t_theirs, _ = best(theirs, a.runs)
        bz, bz_ratio = "", ""
        if form == "bzip2":
            t_bz, _ = best(["bzcat", path], a.runs)
            bz, bz_ratio = f"{t_bz:.2f}", f"{t_ours / t_bz:.2f}x"
        rows.append([label, form, f"{os.path.getsize(path) / 2**20:,.1f}", f"{lines:,}", f"{t_ours:.2f}",
                     f"{t_theirs:.2f}", f"{t_theirs / t_ours:.1f}x", bz, bz_ratio, f"{rss / 1024:,.0f} MiB",
                     "identical" if same else "DIFFERENT"])
        print("  ".join(rows[-1]), file=sys.stderr)
    if rows:
        print_table(header, rows)

    # Clean Carrier check alone, against plain decompression of the same file.
    names = os.path.join(ROOT, "data", "internet", "caida", "asn_names_lookup.txt.xz")
    print()
    print(f"cleannet: {cleannet} carrier check --asn 3356 --rib FILE --keep-going --as-names {names} > /dev/null")
    print()
    header2 = ["file", "form", "MiB", "carrier check s", "decompress s", "check/decompress", "check CPU s",
               "decompress CPU s", "CPU check/decompress", "max RSS", "exit"]
    rows2 = []
    for label, path, form in files:
        check = [cleannet, "carrier", "check", "--asn", "3356", "--rib", path, "--keep-going", "--as-names", names]
        _, _, rc = run_timed(check)
        if rc not in (0, 1):  # 1: exposure found, the expected answer for AS3356
            print(f"mrt_bench: carrier check failed (exit {rc}) on {path}", file=sys.stderr)
            failed = True
        cpu = []
        t_check, rss = best(check, a.runs, cpu)
        floor = {"plain": "cat", "gzip": "zcat", "bzip2": "bzcat"}[form]
        t_floor, _ = best([floor, path], a.runs, cpu)
        rows2.append([label, form, f"{os.path.getsize(path) / 2**20:,.1f}", f"{t_check:.2f}", f"{floor} {t_floor:.2f}",
                      f"{t_check / t_floor:.2f}x", f"{cpu[0]:.2f}", f"{cpu[1]:.2f}",
                      f"{cpu[0] / cpu[1]:.2f}x" if cpu[1] > 0 else "-", f"{rss / 1024:,.0f} MiB", str(rc)])
        print("  ".join(rows2[-1]), file=sys.stderr)
    print_table(header2, rows2)
    print(f"\nload average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
