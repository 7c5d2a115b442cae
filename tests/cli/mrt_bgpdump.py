#!/usr/bin/env python3
"""`cleannet mrt dump` against bgpdump 1.6.2 on every staged MRT file.

For each file under ../shared/data/internet/mrt/ (MANIFEST.md section 1) the stdout of
`cleannet mrt dump --keep-going FILE` must be byte-identical to `bgpdump -m FILE`: run live
when bgpdump is installed (Debian package bgpdump, scripts/setup), else the committed output
in tests/data/bgp/expected/NAME.txt.xz. With both, the committed output must equal the live
one. Without --keep-going, stdout must be a prefix of bgpdump's, and the exit code 0 exactly
when nothing was wrong (otherwise 2, with the reason on stderr).

Exits 77 (skipped) when ../shared/data is absent.

usage: mrt_bgpdump.py CLEANNET_BINARY [NAME_SUBSTRING]
"""
import lzma
import os
import shutil
import subprocess
import sys

CLI = os.path.abspath(sys.argv[1])
ONLY = sys.argv[2] if len(sys.argv) > 2 else ""
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data", "internet", "mrt")
EXPECTED = os.path.join(ROOT, "tests", "data", "bgp", "expected")

if not os.path.isdir(DATA):
    print(f"skipped: {DATA} is absent")
    sys.exit(77)

# MRT_TEST_COMMITTED_ONLY=1 checks against the committed outputs even where bgpdump is installed.
BGPDUMP = None if os.environ.get("MRT_TEST_COMMITTED_ONLY") else shutil.which("bgpdump")
files = sorted(
    os.path.join(d, f)
    for d, _, fs in os.walk(DATA)
    for f in fs
    if not f.endswith(".json") and ONLY in f
)
failed = passed = 0


def fail(msg):
    global failed
    failed += 1
    print("FAILED " + msg)


def first_difference(a, b):
    la, lb = a.split(b"\n"), b.split(b"\n")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return f"line {i + 1}:\n    bgpdump:  {x[:300]!r}\n    cleannet: {y[:300]!r}"
    return f"line counts {len(la)} (bgpdump) vs {len(lb)} (cleannet)"


for path in files:
    name = os.path.basename(path)
    committed = os.path.join(EXPECTED, name + ".txt.xz")
    want = None
    if os.path.exists(committed):
        with lzma.open(committed, "rb") as f:
            want = f.read()
    if BGPDUMP:
        live = subprocess.run([BGPDUMP, "-m", "-q", path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              timeout=600).stdout
        if want is not None and want != live:
            fail(f"{name}: committed {committed} differs from live bgpdump output: {first_difference(live, want)}")
        want = live
    if want is None:
        fail(f"{name}: neither bgpdump nor {committed} is there to compare with")
        continue

    p = subprocess.run([CLI, "mrt", "dump", "--keep-going", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=600)
    if p.returncode != 0 or p.stdout != want:
        fail(f"{name}: --keep-going: exit {p.returncode}, {first_difference(want, p.stdout) if p.stdout != want else 'same output'}"
             f"\n    stderr: {p.stderr.decode(errors='replace')[:500]}")
        continue

    q = subprocess.run([CLI, "mrt", "dump", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    # Counts of records skipped by type (bgpdump skips them too) are notes, not errors.
    notes = [l for l in q.stderr.splitlines() if b": skipped by type: " not in l]
    clean = q.stdout == want and not notes
    if not want.startswith(q.stdout):
        fail(f"{name}: without --keep-going, stdout is not a prefix of bgpdump's: {first_difference(want, q.stdout)}")
    elif q.returncode != (0 if clean else 2) or (q.returncode == 2 and not notes):
        fail(f"{name}: without --keep-going: exit {q.returncode}, stderr {q.stderr[:300]!r}")
    else:
        passed += 1
        note = "identical" if clean else "stops at: " + notes[0].decode(errors="replace")
        lines = want.count(b"\n")
        print(f"ok {name}: {lines} lines; without --keep-going {note}")

print(f"mrt vs bgpdump{' (live)' if BGPDUMP else ' (committed outputs)'}: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
