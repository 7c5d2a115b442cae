#!/usr/bin/env python3
"""Shards and merges through the CLI, as a job array uses them (docs/scale.md):

  - `carrier check --shard I/N --partial-out` for N = 1..4, the partials merged by
    `cleannet merge` in random orders and as trees (`merge --partial-out`), give the single
    run's report byte for byte (text, JSON, SARIF; stderr and exit code too);
  - a merged partial is the same bytes whatever the tree of merges;
  - --strict, bad --shard values, and merges that must be refused (missing or repeated
    inputs, another as-of, policy or side table) say so and exit 2.

usage: scale_cli.py CLEANNET_BINARY
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(ROOT)
failed = 0


def run(*args):
    return subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)


def check(ok, what):
    global failed
    if not ok:
        failed += 1
        print("FAILED", what)


work = tempfile.mkdtemp(prefix="cleannet-scale-cli-")
rib = "data/internet/mrt/rib.20140523.0600_firstMB.bz2"
copy = os.path.join(work, "copy.bz2")
shutil.copy(rib, copy)
files = [rib, "tests/data/bgp/bview.ipv4_unicast_add_path.gz", "tests/data/bgp/openbgpd_rib_table-mp", copy,
         "tests/data/bgp/ris.rrc06.updates.1427846400.gz"]
base = ["carrier", "check", "--asn", "3356", "--keep-going", "--as-of", "2024-06-01",
        "--as-names", "data/internet/caida/asn_names_lookup.txt.xz"]
for f in files[:4]:
    base += ["--rib", f]
base += ["--updates", files[4]]
rng = random.Random(20261207)

singles = {fmt: run(*base, "--format", fmt) for fmt in ("text", "json", "sarif")}
check(singles["text"].returncode == 2, f"single run: exit {singles['text'].returncode}, expected 2 (a file holds no route)")

for n in range(1, 5):
    parts = []
    for i in range(1, n + 1):
        out = os.path.join(work, f"n{n}-s{i}.partial")
        p = run(*base, "--shard", f"{i}/{n}", "--partial-out", out)
        check(p.returncode == 0 and os.path.exists(out), f"shard {i}/{n}: exit {p.returncode} {p.stderr!r}")
        parts.append(out)
    for fmt, single in singles.items():
        order = parts[:]
        rng.shuffle(order)
        m = run("merge", *order, "--format", fmt)
        check((m.returncode, m.stdout, m.stderr) == (single.returncode, single.stdout, single.stderr),
              f"merge of {n} shards ({fmt}): differs from the single run\n{m.stderr.decode()[:500]}")
    # A tree: merge pairs into partials, then those.
    level = parts[:]
    rng.shuffle(level)
    step = 0
    while len(level) > 1:
        a, b = level.pop(), level.pop()
        out = os.path.join(work, f"n{n}-t{step}.partial")
        step += 1
        p = run("merge", a, b, "--partial-out", out)
        check(p.returncode == 0, f"tree merge {a} {b}: {p.stderr!r}")
        level.insert(0, out)
    m = run("merge", level[0], "--format", "json")
    check(m.stdout == singles["json"].stdout and m.returncode == singles["json"].returncode,
          f"tree merge of {n} shards differs from the single run")

# The same merged partial, bytes and all, whatever the tree.
s = [os.path.join(work, f"n3-s{i}.partial") for i in (1, 2, 3)]
x12, x23, left, right = (os.path.join(work, f) for f in ("x12", "x23", "left", "right"))
run("merge", s[0], s[1], "--partial-out", x12)
run("merge", x12, s[2], "--partial-out", left)
run("merge", s[1], s[2], "--partial-out", x23)
run("merge", x23, s[0], "--partial-out", right)
check(open(left, "rb").read() == open(right, "rb").read(), "((1,2),3) and ((2,3),1) give different partials")


def refused(args, want, what):
    p = run(*args)
    err = p.stderr.decode()
    check(p.returncode == 2 and want in err, f"{what}: exit {p.returncode}, stderr {err!r}, expected {want!r}")


n2 = [os.path.join(work, f"n2-s{i}.partial") for i in (1, 2)]
refused(["merge", n2[0]], "merge: expected partials covering all 5 inputs of the run, found none for input(s) 2 (" +
        files[1] + "), 4 (" + copy + ")", "a shard missing")
refused(["merge", n2[0], n2[1], n2[0]], "also in", "a shard twice")
refused(["merge", n2[0], n2[1], "--as-of", "2024-06-02"],
        'merge: expected the context the partials were made with (as_of "2024-06-01"; give the same --registry, '
        '--policy and --as-of), found as_of "2024-06-02"', "another as-of")
refused(["merge", n2[0], n2[1], "--policy", "eu-toolbox"], 'found policy "eu-toolbox"', "another policy")
refused(["merge", n2[0], n2[1], "--as-names", "tests/data/asgraph/small.as2org.txt"],
        "tests/data/asgraph/small.as2org.txt: expected the --as-names file the partials were made with (SHA-256 ",
        "another AS names file")
other_day = os.path.join(work, "other-day.partial")
run(*[a if a != "2024-06-01" else "2024-06-02" for a in base], "--shard", "2/2", "--partial-out", other_day)
refused(["merge", n2[0], other_day], "(as_of \"2024-06-01\"), found as_of \"2024-06-02\"", "shards of two as-of dates")
refused([*base, "--shard", "0/2", "--partial-out", os.path.join(work, "x")],
        "--shard: expected a shard I/N with 1 <= I <= N, such as 2/8, found \"0/2\"", "--shard 0/2")
p = run(*base, "--shard", "1/2")
check(p.returncode == 2 and b"--partial-out" in p.stderr, f"--shard without --partial-out: {p.returncode} {p.stderr!r}")
strict = os.path.join(work, "strict.partial")
refused([*base, "--strict", "--partial-out", strict], "tests/data/bgp/openbgpd_rib_table-mp: expected MRT records",
        "--strict with a file without routes")
check(not os.path.exists(strict), "--strict wrote a partial")

shutil.rmtree(work)
if failed:
    print(f"{failed} check(s) failed")
    sys.exit(1)
print("all scale CLI checks passed")
