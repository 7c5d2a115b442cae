#!/usr/bin/env python3
"""Hand-checked golden cases of one `cleannet NOUN` command family.

Each folder under tests/data/NOUN/golden/ with an `args` file is one case (other folders,
such as inputs/, hold shared inputs): `args` holds the arguments after `cleannet NOUN` on
one line ({dir} is the case's folder, {inputs} the shared inputs/ folder, paths are
relative to the repository root),
`expected` the exact standard output followed by a last line `[exit N]`. Every expected
file was read and checked by hand against its inputs; tests/data/NOUN/golden/README.md
says what each case shows. The runs pass --no-ieee-data: the cases must not depend on what
the machine has installed. The expected files are goldens (tests/goldens.py):
CLEANNET_UPDATE_GOLDEN=1 rewrites them from the binary's output (then review the diff).

usage: golden.py CLEANNET_BINARY NOUN [--min N]
  --min N   fail when fewer than N cases are found (default 10)

Other scripts import run_cases() and add checks of their own (cable_golden.py).
"""
import os
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import goldens  # noqa: E402


def run_cases(cli, noun):
    """Runs every case of tests/data/NOUN/golden; returns (passed, failed, cases)."""
    os.chdir(ROOT)
    golden = os.path.join("tests", "data", noun, "golden")
    failed = passed = 0
    cases = sorted(d for d in os.listdir(golden) if os.path.isfile(os.path.join(golden, d, "args")))
    for case in cases:
        folder = os.path.join(golden, case)
        with open(os.path.join(folder, "args")) as f:
            args = shlex.split(f.read().replace("{dir}", folder).replace("{inputs}", os.path.join(golden, "inputs")))
        p = subprocess.run([cli, noun, *args, "--no-ieee-data"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, timeout=120)
        got = p.stdout + f"[exit {p.returncode}]\n"
        problem = goldens.check(os.path.join(folder, "expected"), got)
        if problem or p.stderr:
            failed += 1
            print(f"FAILED {case}: cleannet {noun} {' '.join(args)}")
            if p.stderr:
                print(f"  stderr: {p.stderr.strip()}")
            if problem:
                print(f"  {problem}")
        else:
            passed += 1
    return passed, failed, len(cases)


def finish(passed, failed, cases, minimum):
    """Prints the closing line and exits: 1 on any failure or too few cases."""
    print(f"{passed} passed, {failed} failed ({cases} cases)")
    if cases < minimum:
        print(f"FAILED: fewer than {minimum} golden cases found")
        sys.exit(1)
    sys.exit(1 if failed else 0)


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        sys.exit(2)
    cli, noun, rest = os.path.abspath(argv[1]), argv[2], argv[3:]
    minimum = int(rest[rest.index("--min") + 1]) if "--min" in rest else 10
    finish(*run_cases(cli, noun), minimum)


if __name__ == "__main__":
    main(sys.argv)
