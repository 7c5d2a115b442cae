#!/usr/bin/env python3
"""Size and speed of the HTML report in headless Chromium (docs/PERFORMANCE.md, "HTML report
(issue 19)"), against the issue's goals:

  demo       the report of `make demo`'s audit (the bundled acme scenario, a SYNTHETIC estate, run
             twice into a store as the demo does; `cleannet audit report`): file size (goal < 5 MB)
             and time to first render (goal < 2 s);
  generated  a SYNTHETIC report of --findings N findings (web/report/dev/generate-large.mjs, seeded)
             through the same template: first render (goal < 5 s at 100,000) and the slowest
             filter or search until the next frame (goal < 200 ms);
  audit run  with --store DB: `cleannet audit report` of that store's last run (e.g. the audit
             benchmark's, 127,980 findings), measured the same way
             (no goal of its own; the issue's is the generated run).

Each measurement is tests/browser/report_speed.mjs (Debian's chromium via playwright-core).
Exit 1 when a goal is not met, 77 when chromium cannot start.

  scripts/bench-report BUILD_DIR [--findings N] [--store DB]
"""
import argparse
import os
import pathlib
import platform
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "cli"))
from acme_estate import AcmeEstate  # noqa: E402

SPEED = ROOT / "tests" / "browser" / "report_speed.mjs"


def speed(*args):
    p = subprocess.run(["node", str(SPEED), *args], stdout=subprocess.PIPE, text=True, timeout=1800)
    if p.returncode == 77:
        sys.exit(77)
    if p.returncode != 0:
        sys.exit(f"report_bench: report_speed.mjs {' '.join(args)} failed ({p.returncode})")
    print(p.stdout, end="")
    return p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--findings", type=int, default=100_000)
    ap.add_argument("--store")
    a = ap.parse_args()
    cli = pathlib.Path(a.build).resolve() / "apps" / "cleannet" / "cleannet"
    if not os.access(cli, os.X_OK):
        sys.exit(f"report_bench: {cli} not found; build cleannet in {a.build}")
    print(f"host {platform.node()}: {os.cpu_count()} CPUs, load average "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    outs = []
    with tempfile.TemporaryDirectory() as tmp:
        estate = AcmeEstate(tmp)
        for step in (None, estate.next_quarter):
            if step:
                step()
            subprocess.run([str(cli), "audit", "run", estate.scenario, "-o", "json:/dev/null"], check=False,
                           stdout=subprocess.DEVNULL)
        demo = os.path.join(tmp, "demo.html")
        subprocess.run([str(cli), "audit", "report", "--store", estate.store, "-o", demo], check=True)
        size = os.path.getsize(demo)
        print(f"demo report: {size:,} bytes; goal < 5,000,000: {'met' if size < 5_000_000 else 'MISSED'}")
        outs.append(speed(demo))
        outs.append(speed("--large", str(a.findings)))
        if a.store:
            real = os.path.join(tmp, "audit-run.html")
            subprocess.run([str(cli), "audit", "report", "--store", a.store, "-o", real], check=True)
            print(f"audit run report: {os.path.getsize(real):,} bytes (no goal of its own)")
            speed(real)
    missed = size >= 5_000_000 or any("MISSED" in o for o in outs)
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("goals: " + ("NOT MET" if missed else "met"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
