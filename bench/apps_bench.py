#!/usr/bin/env python3
"""`cleannet apps inspect` (APK readers + SDK detection) against androguard + Python re
(bench/apps_androguard.py), same run, CPU time (user+sys of each child) compared
(docs/PERFORMANCE.md, "APK inspection and SDK detection").

Input: the real staged APKs (../shared/data/apps/apks/, else tests/data/apps/), listed
repeatedly (not copied) until the list holds at least --gib GiB of APK bytes. cleannet runs
over the whole list. androguard is far slower, so it runs over --peer-passes passes of the
distinct APKs and its CPU time is extrapolated per byte to the same input size (stated in
the output). Both must report the same class and tracker counts per APK (checked).

  scripts/bench-apps BUILD_DIR [--gib 1] [--peer-passes 1]
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


def run(cmd, out_path):
    """CPU seconds (user+sys), wall seconds, peak RSS MiB."""
    with open(out_path, "wb") as out:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
        rc = os.waitstatus_to_exitcode(status)
        err = p.stderr.read().decode()
    if rc not in (0, 1):
        sys.exit(f"{cmd[0]} failed ({rc}): {err[-2000:]}")
    return ru.ru_utime + ru.ru_stime, wall, ru.ru_maxrss / 1024.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--gib", type=float, default=1.0)
    ap.add_argument("--peer-passes", type=int, default=1)
    a = ap.parse_args()
    cli = pathlib.Path(a.build).resolve() / "apps/cleannet/cleannet"
    shared = ROOT.parent / "shared/data/apps/apks"
    apks = sorted(shared.glob("*.apk")) or sorted((ROOT / "tests/data/apps").glob("*.apk"))
    one_pass = sum(p.stat().st_size for p in apks)
    target = int(a.gib * (1 << 30))
    passes = -(-target // one_pass)
    work = pathlib.Path(a.build).resolve() / "bench/apps"
    work.mkdir(parents=True, exist_ok=True)
    print(f"input: {len(apks)} distinct real APKs ({one_pass / 2**20:.1f} MiB), listed {passes} times = "
          f"{passes * one_pass / 2**30:.2f} GiB, {passes * len(apks)} APK inspections")

    # cleannet over the whole list, in batches of one pass per process start would add
    # start-up cost; one process gets every path (argument list ~ 100 KiB).
    listing = [str(p) for p in apks] * passes
    cpu_c, wall_c, rss_c = run([str(cli), "apps", "inspect", "--format", "json", "--no-ieee-data", *listing],
                               work / "cleannet.json")
    out = json.load(open(work / "cleannet.json"))["apks"]
    ours = {}
    for r in out[: len(apks)]:
        ours[os.path.basename(r["file"])] = (r["class_count"], {s["key"]: s["classes"] for s in r["sdks"]})
    print(f"cleannet: {cpu_c:.2f} s CPU ({wall_c:.2f} s wall), {passes * one_pass / 2**20 / cpu_c:.0f} MiB/s CPU, "
          f"peak RSS {rss_c:.0f} MiB")

    peer_list = [str(p) for p in apks] * a.peer_passes
    cpu_p, wall_p, rss_p = run([sys.executable, str(ROOT / "bench/apps_androguard.py"), *peer_list],
                               work / "androguard.txt")
    mismatch = 0
    for line in open(work / "androguard.txt"):
        parts = line.split()
        name, classes = os.path.basename(parts[0]), int(parts[4])
        hits = dict(kv.split("=") for kv in parts[5:])
        hits = {k: int(v) for k, v in hits.items()}
        if ours.get(name) != (classes, hits):
            mismatch += 1
            print(f"MISMATCH {name}: cleannet {ours.get(name)}, androguard {(classes, hits)}")
    peer_bytes = a.peer_passes * one_pass
    per_byte_p = cpu_p / peer_bytes
    per_byte_c = cpu_c / (passes * one_pass)
    print(f"androguard + re: {cpu_p:.2f} s CPU ({wall_p:.2f} s wall) on {a.peer_passes} pass(es) = "
          f"{peer_bytes / 2**20:.1f} MiB, {peer_bytes / 2**20 / cpu_p:.2f} MiB/s CPU, peak RSS {rss_p:.0f} MiB; "
          f"extrapolated to {passes * one_pass / 2**30:.2f} GiB: {per_byte_p * passes * one_pass:.0f} s CPU")
    print(f"ratio (CPU time per byte, androguard / cleannet): {per_byte_p / per_byte_c:.1f}x"
          + ("" if not mismatch else f"  [{mismatch} MISMATCHES]"))
    sys.exit(1 if mismatch else 0)


if __name__ == "__main__":
    main()
