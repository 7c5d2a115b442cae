#!/usr/bin/env python3
"""Hand-checked golden cases of `cleannet apps inspect`.

Each folder under tests/data/apps/golden/ with an `args` file is one case (the APKs are the
real ones in tests/data/apps/): `args` holds the arguments after
`cleannet apps` on one line ({dir} is the case's folder, paths are relative to the
repository root), `expected` the exact standard output followed by a last line
`[exit N]`. Every expected file was read and checked by hand against the inputs; see
tests/data/apps/golden/README.md for what each case shows.

usage: apps_golden.py CLEANNET_BINARY [--update]
  --update rewrites the expected files from the binary's output (then review the diff!).
"""
import os
import shlex
import subprocess
import sys

CLI = os.path.abspath(sys.argv[1])
UPDATE = "--update" in sys.argv[2:]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN = os.path.join("tests", "data", "apps", "golden")
os.chdir(ROOT)

failed = passed = 0
cases = sorted(d for d in os.listdir(GOLDEN) if os.path.isfile(os.path.join(GOLDEN, d, "args")))
for case in cases:
    folder = os.path.join(GOLDEN, case)
    with open(os.path.join(folder, "args")) as f:
        args = shlex.split(f.read().replace("{dir}", folder))
    # No IEEE data: the cases must not depend on what the machine has installed.
    p = subprocess.run([CLI, "apps", *args, "--no-ieee-data"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, timeout=120)
    got = p.stdout + f"[exit {p.returncode}]\n"
    expected_path = os.path.join(folder, "expected")
    if UPDATE:
        with open(expected_path, "w") as f:
            f.write(got)
        continue
    with open(expected_path) as f:
        want = f.read()
    if got != want or p.stderr:
        failed += 1
        print(f"FAILED {case}: cleannet apps {' '.join(args)}")
        if p.stderr:
            print(f"  stderr: {p.stderr.strip()}")
        g, w = got.split("\n"), want.split("\n")
        for i, (a, b) in enumerate(zip(w + [""] * len(g), g + [""] * len(w))):
            if a != b:
                print(f"  line {i + 1}\n    expected: {a}\n    actual:   {b}")
                break
    else:
        passed += 1

if UPDATE:
    print(f"updated {len(cases)} expected files; review them with git diff")
    sys.exit(0)
print(f"{passed} passed, {failed} failed ({len(cases)} cases)")
if len(cases) < 5:
    print("FAILED: fewer than 5 golden cases found")
    sys.exit(1)
sys.exit(1 if failed else 0)
