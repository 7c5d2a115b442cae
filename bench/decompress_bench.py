#!/usr/bin/env python3
"""`cleannet mrt dump` on a compressed RIB against decompressing the same file alone
(issue 20, "past the decompression floor"): in the same run, rounds of

  cleannet mrt dump --keep-going FILE.bz2 > /dev/null     against   bzcat FILE.bz2 > /dev/null
  cleannet mrt dump --keep-going FILE.gz  > /dev/null     against   zcat FILE.gz   > /dev/null

one command after the other in each round (so that a change of load hits both sides of a
ratio alike), wall time and CPU time (user + sys of all threads, from wait4), medians over
the rounds. The ratios are the medians' quotients. Goals: at most 0.5x bzcat, at most 1.0x
zcat; a missed goal makes the exit status 1. Where bgpdump is installed, cleannet's output on
both files is checked identical to `bgpdump -m` (SHA-256 of stdout); a difference is exit 1.

File: the staged RouteViews IPv4 RIB, ../shared/data/internet/mrt/pyasn_data/
rib.20140523.0600_firstMB.bz2 (TABLE_DUMP_V2, the first MiB of the bzip2 file, so its last
block is cut: --keep-going), and its gzip form, written once into WORK by `bzcat | gzip -6`.
--file adds a bzip2 or gzip file of your own (with the other form made the same way).

usage: bench/decompress_bench.py BUILD_DIR [--rounds R] [--work DIR] [--file PATH]
       (scripts/bench-decompress BUILD_DIR; `make bench` runs it on build-bench)
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

from mrt_bench import digest  # SHA-256 and line count of a command's stdout

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAGED = os.path.join(os.path.dirname(ROOT), "shared", "data", "internet", "mrt", "pyasn_data",
                      "rib.20140523.0600_firstMB.bz2")
GOALS = {"bzip2": ("bzcat", 0.5), "gzip": ("zcat", 1.0)}


def run_timed(cmd):
    """Wall seconds and CPU seconds (user + sys, all threads) of one run, stdout to /dev/null."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(p.pid, 0)
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime


def make_forms(path, work):
    """The bzip2 and gzip forms of `path` (one of them `path` itself), made once in `work`."""
    base = os.path.join(work, os.path.basename(path))
    with open(path, "rb") as f:
        magic = f.read(3)
    if magic == b"BZh":
        bz, gz = path, base + ".gz"
        if not os.path.exists(gz):
            # bzcat complains about a cut stream (exit 2); the bytes before the cut are all there.
            subprocess.run(f"bzcat '{path}' 2>/dev/null | gzip -6 > '{gz}.tmp'", shell=True, check=False)
            os.replace(gz + ".tmp", gz)
    else:
        gz, bz = path, base + ".bz2"
        if not os.path.exists(bz):
            subprocess.run(f"zcat '{path}' | bzip2 -9 > '{bz}.tmp'", shell=True, check=True)
            os.replace(bz + ".tmp", bz)
    return {"bzip2": bz, "gzip": gz}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--rounds", type=int, default=11)
    ap.add_argument("--work", default=None)
    ap.add_argument("--file", default=None, help="a .bz2 or .gz MRT file to time besides the staged RIB")
    a = ap.parse_args()
    cleannet = os.path.join(a.build, "apps", "cleannet", "cleannet")
    if not os.access(cleannet, os.X_OK):
        sys.exit(f"decompress_bench: {cleannet} not found; build cleannet in {a.build} (make bench)")
    for tool in ("bzcat", "zcat", "gzip", "bzip2"):
        if not shutil.which(tool):
            sys.exit(f"decompress_bench: {tool} not found (scripts/setup installs it)")
    bgpdump = shutil.which("bgpdump")
    work = a.work or os.path.join(a.build, "bench", "decompress")
    os.makedirs(work, exist_ok=True)
    inputs = []
    if os.path.exists(STAGED):
        inputs.append(("staged IPv4 RIB", make_forms(STAGED, work)))
    else:
        print(f"decompress_bench: {STAGED} absent, staged RIB skipped", file=sys.stderr)
    if a.file:
        inputs.append((os.path.basename(a.file), make_forms(a.file, work)))
    if not inputs:
        sys.exit("decompress_bench: no input (the staged RIB is absent and no --file)")

    load0 = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"host {platform.node()}: {os.cpu_count()} CPUs, load average at the start {load0}; "
          f"{a.rounds} rounds, medians (wall; CPU = user + sys of all threads)")
    print(f"cleannet: {cleannet} mrt dump --keep-going FILE > /dev/null; floors: bzcat FILE, zcat FILE > /dev/null")
    print()
    failed = False
    rows = []
    for label, forms in inputs:
        same = {}
        if bgpdump:
            for form, path in forms.items():
                ours, lines = digest([cleannet, "mrt", "dump", "--keep-going", path])
                theirs, _ = digest([bgpdump, "-m", "-q", path])
                same[form] = ours == theirs
                failed |= not same[form]
                print(f"{label}, {form}: {lines:,} lines, output "
                      f"{'identical to' if same[form] else 'DIFFERENT from'} bgpdump -m", file=sys.stderr)
        cmds = {}
        for form, path in forms.items():
            cmds[(form, "cleannet")] = [cleannet, "mrt", "dump", "--keep-going", path]
            cmds[(form, "floor")] = [GOALS[form][0], path]
        wall = {k: [] for k in cmds}
        cpu = {k: [] for k in cmds}
        for _ in range(a.rounds):
            for k, cmd in cmds.items():
                w, c = run_timed(cmd)
                wall[k].append(w)
                cpu[k].append(c)
        for form in ("bzip2", "gzip"):
            floor, goal = GOALS[form]
            med = {who: statistics.median(wall[(form, who)]) for who in ("cleannet", "floor")}
            medc = {who: statistics.median(cpu[(form, who)]) for who in ("cleannet", "floor")}
            ratio = med["cleannet"] / med["floor"]
            met = ratio <= goal
            failed |= not met
            rows.append([label, form, f"{os.path.getsize(forms[form]) / 2**20:.1f}",
                         f"{med['cleannet']:.3f}", f"{floor} {med['floor']:.3f}", f"{ratio:.2f}x",
                         f"<= {goal:.1f}x: {'met' if met else 'MISSED'}",
                         f"{medc['cleannet']:.3f}", f"{medc['floor']:.3f}",
                         f"{medc['cleannet'] / medc['floor']:.2f}x" if medc["floor"] > 0 else "-",
                         "-" if form not in same else ("identical" if same[form] else "DIFFERENT")])
    header = ["file", "form", "MiB", "cleannet s", "floor s", "cleannet/floor", "goal", "cleannet CPU s",
              "floor CPU s", "CPU cleannet/floor", "output vs bgpdump"]
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")
    if not bgpdump:
        print("\nbgpdump not installed: outputs not compared (scripts/setup installs it)")
    print(f"\nload average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
