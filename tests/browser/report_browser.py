#!/usr/bin/env python3
"""The HTML report in a real browser (issue 19): the bundled scenario (a SYNTHETIC estate) run
twice into a store as `make demo` does, `audit report` of the second run, then
tests/browser/report.test.mjs in Debian's chromium against `audit show 2 -o json`; the
screenshots of each section are left in SHOT_DIR for people to look at (docs/report.md).

usage: report_browser.py CLEANNET_BINARY SHOT_DIR
Exit 0 passed, 1 failed, 77 skipped (chromium cannot start; the message says why).
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "cli"))
from acme_estate import ROOT, AcmeEstate  # noqa: E402

CLI, SHOTS = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])


def cleannet(*args):
    p = subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    if p.returncode not in (0, 1):
        sys.exit(f"FAILED: cleannet {' '.join(args)} exited {p.returncode}: {p.stderr.decode(errors='replace')}")
    return p


node = shutil.which("node")
if not node:
    print("skipped: node is not installed (scripts/setup installs it)", file=sys.stderr)
    sys.exit(77)
with tempfile.TemporaryDirectory() as tmp:
    estate = AcmeEstate(tmp)
    cleannet("audit", "run", estate.scenario, "--no-ieee-data", "-o", "json:/dev/null")
    estate.next_quarter()
    cleannet("audit", "run", estate.scenario, "--no-ieee-data", "-o", "json:/dev/null")
    os.makedirs(SHOTS, exist_ok=True)
    report = os.path.join(SHOTS, "report.html")
    run_json = os.path.join(tmp, "run2.json")
    cleannet("audit", "report", "--store", estate.store, "-o", report)
    cleannet("audit", "show", "2", "--store", estate.store, "-o", f"json:{run_json}")
    p = subprocess.run([node, os.path.join(ROOT, "tests", "browser", "report.test.mjs"), report, run_json, SHOTS],
                       timeout=600)
    sys.exit(p.returncode)
