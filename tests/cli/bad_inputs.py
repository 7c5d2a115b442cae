#!/usr/bin/env python3
"""The malformed-input corpus through the CLI, as a user meets it: every file in
tests/data/bad/ must make cleannet exit 2 with exactly the message in its .expected file
(file, line, column, what was expected), and never crash.

  registry/*.toml   `cleannet registry check --standalone FILE` (all messages, on stderr);
                    without --standalone (over the bundled registry) it must still exit 2
  policy/*.toml     `cleannet policy show FILE`
  identifiers.txt   `cleannet registry lookup --from FILE`: one message per line

usage: bad_inputs.py CLEANNET_BINARY
"""
import collections
import concurrent.futures
import contextlib
import glob
import io
import os
import runpy
import subprocess
import sys

CLI = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(ROOT)
failed = passed = 0

# Hundreds of cleannet runs (most of a second each under the sanitizers) run concurrently,
# while the checks below stay plain serial code. This file first runs itself as a listing
# pass, in which run() records each command and answers with a stand-in (those verdicts are
# thrown away); the listed commands then start on every core, and the checks run in their
# order over the real results: the same messages, in the same order, as a serial run. A
# command the listing pass did not reach (a check stopped it on a stand-in) runs when the
# checks get to it.
_listing = globals().get("_LISTING")  # the command list, in the listing pass only
_results = {}  # (args, stdin) -> deque of futures, in the order the checks ask for them


def _execute(args, stdin):
    if stdin is None:
        return subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    with open(stdin, "rb") as f:
        return subprocess.run([CLI, *args], stdin=f, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)


def run(*args, stdin=None):
    """`cleannet ARGS`, with standard input read from the file STDIN if given."""
    if _listing is not None:
        _listing.append((args, stdin))
        return subprocess.CompletedProcess([CLI, *args], 2, "", "")
    queued = _results.get((args, stdin))
    return queued.popleft().result() if queued else _execute(args, stdin)


if _listing is None:
    _commands = []
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            runpy.run_path(__file__, init_globals={"_LISTING": _commands})
        except (SystemExit, Exception):  # the final sys.exit, or a check that needed a real result
            pass
    _pool = concurrent.futures.ThreadPoolExecutor(max_workers=len(os.sched_getaffinity(0)))
    for _args, _stdin in _commands:
        _results.setdefault((_args, _stdin), collections.deque()).append(_pool.submit(_execute, _args, _stdin))


def expect(name, p, want_lines):
    global failed, passed
    got = p.stderr.rstrip("\n").split("\n") if p.stderr.strip() else []
    if p.returncode != 2 or got != want_lines:
        failed += 1
        print(f"FAILED {name}: exit {p.returncode} (expected 2)")
        for w, g in zip(want_lines + [""] * len(got), got + [""] * len(want_lines)):
            if w != g:
                print(f"  expected: {w}\n  actual:   {g}")
    else:
        passed += 1


def expected_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().rstrip("\n").split("\n")


cases = sorted(glob.glob("tests/data/bad/registry/*.toml"))
for case in cases:
    expect(case, run("registry", "check", "--standalone", case), expected_lines(case[:-5] + ".expected"))
    p = run("registry", "check", case)
    if p.returncode != 2 or not p.stderr.startswith(case + ":"):
        failed += 1
        print(f"FAILED {case} over the bundled registry: exit {p.returncode}, stderr {p.stderr[:200]!r}")
    else:
        passed += 1

for case in sorted(glob.glob("tests/data/bad/policy/*.toml")):
    expect(case, run("policy", "show", case), expected_lines(case[:-5] + ".expected")[:1])

# Audit scenarios through `cleannet audit run`: refused before any check runs, exit 2.
for case in sorted(glob.glob("tests/data/bad/audit-scenario/*.toml")):
    expect(case, run("audit", "run", case), expected_lines(case[:-5] + ".expected")[:1])

# Identifiers: the library message "<input>: ..." becomes "FILE:LINE: ..." in the CLI.
ids = "tests/data/bad/identifiers.txt"
want = []
exp = iter(expected_lines("tests/data/bad/identifiers.expected"))
with open(ids, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        t = line.strip()
        if not t or t.startswith("#"):
            continue
        want.append(next(exp).replace("<input>:", f"{ids}:{n}:", 1))
expect(ids, run("registry", "lookup", "--from", ids), want)

# Clean Path inventories through `cleannet path check`: the importer's message, exit 2.
for case in sorted(glob.glob("tests/data/bad/netmodel/json/*.json")):
    if case.endswith("top-level-array.json"):
        continue  # the CLI reads a top-level array as NetBox dumpdata, not native JSON
    expect(case, run("path", "check", case), expected_lines(case[:-5] + ".expected")[:1])
p = run("path", "check", "data/inventory/topologyzoo/Geant2012.graphml.gz", "--vendors",
        "data/inventory/synthetic/Geant2012.vendors.csv", "--demands", "tests/data/bad/registry/bad-id.toml")
if p.returncode != 2 or not p.stderr.startswith("tests/data/bad/registry/bad-id.toml:"):
    failed += 1
    print(f"FAILED path check with a malformed demands file: exit {p.returncode}, {p.stderr[:200]!r}")
else:
    passed += 1

# An inventory without demands: nothing to check is no clean verdict (exit 2, not "0 of 0").
geant = "data/inventory/topologyzoo/Geant2012.graphml.gz"
expect(geant + " without demands",
       run("path", "check", geant, "--vendors", "data/inventory/synthetic/Geant2012.vendors.csv"),
       [geant + ": expected demands to check (in the inventory, a demands.csv beside it, or --demands FILE), "
        "found none (40 devices, 61 links)"])

# Clean Things captures through `cleannet things scan`: the reader's message, exit 2, and no
# report on stdout.
things = sorted(f for f in glob.glob("tests/data/bad/netmodel/things/*") if not f.endswith(".expected"))
for case in things:
    p = run("things", "scan", "--as-of", "2024-06-01", case)
    expect(case, p, expected_lines(os.path.splitext(case)[0] + ".expected"))
    if p.stdout:
        failed += 1
        print(f"FAILED {case}: printed a report on stdout: {p.stdout[:200]!r}")
p = run("things", "scan", "-", stdin=things[0])  # standard input is named <stdin>
want = expected_lines(os.path.splitext(things[0])[0] + ".expected")
expect("things scan - < " + things[0], p, [w.replace(things[0], "<stdin>", 1) for w in want])
if len(things) < 10:
    failed += 1
    print(f"FAILED: only {len(things)} Clean Things failure modes (at least 10 required)")

# AS graphs through `cleannet asgraph route`: CAIDA relationship files (rel-*), as2org files
# (as2org-*) and AS-name lists (names-*) give the reader's message, exit 2 and no report.
asg_small = "tests/data/asgraph/small.as-rel2.txt"
asg = sorted(glob.glob("tests/data/bad/asgraph/*.txt"))
for case in asg:
    stem = os.path.basename(case)
    if stem.startswith("rel-"):
        args = ["--as-rel", case, "--from", "1", "--to", "2"]
    elif stem.startswith("as2org-"):
        args = ["--as-rel", asg_small, "--as2org", case, "--from", "3356", "--to", "174"]
    else:
        args = ["--as-rel", asg_small, "--as-names", case, "--from", "3356", "--to", "174"]
    p = run("asgraph", "route", *args)
    expect(case, p, expected_lines(case[:-4] + ".expected"))
    if p.stdout:
        failed += 1
        print(f"FAILED {case}: printed a report on stdout: {p.stdout[:200]!r}")
for extra, want in [
    (["--from", "AS33x", "--to", "174"], '--from: expected an AS number (AS3320 or 3320), found "AS33x"'),
    (["--from", "3356", "--to", "7018"],
     f"--to: expected an AS of the graph in {asg_small}, found AS7018, which is in none of its links"),
    (["--from", "3356", "--to", "174", "--avoid", "4134,cn"],
     '--avoid: expected "untrusted" or AS numbers separated by commas, found "cn"'),
]:
    expect("asgraph route " + " ".join(extra), run("asgraph", "route", "--as-rel", asg_small, *extra), [want])
if len(asg) < 25:
    failed += 1
    print(f"FAILED: only {len(asg)} AS graph failure modes (at least 25 required)")

# Partial results through `cleannet merge` (docs/scale.md): the container's and each kind's
# state reader name the partial and what was expected.
for case in sorted(glob.glob("tests/data/bad/partial/*.partial")):
    expect(case, run("merge", case), expected_lines(case[:-8] + ".expected"))

# MRT files through `cleannet mrt dump` (written by tests/data/bad/mrt/make.py): the reader's
# message (file, byte offset, record type) on stderr and exit 2; with --keep-going a cut-off
# last record is reported, what was skipped summed up, and the exit code is 0.
mrt_cases = sorted(glob.glob("tests/data/bad/mrt/*.mrt"))
for case in mrt_cases:
    expect(case, run("mrt", "dump", case), expected_lines(case[:-4] + ".expected"))
p = run("mrt", "dump", "-", stdin="tests/data/bad/mrt/truncated-header.mrt")
want = expected_lines("tests/data/bad/mrt/truncated-header.expected")
expect("mrt dump - < truncated-header.mrt", p, [w.replace("tests/data/bad/mrt/truncated-header.mrt", "<stdin>", 1)
                                                 for w in want])
p = run("mrt", "dump", "--keep-going", "tests/data/bad/mrt/truncated-gzip.mrt")
err = p.stderr.rstrip("\n").split("\n")
if (p.returncode != 0 or len(err) != 2 or err[0] != expected_lines("tests/data/bad/mrt/truncated-gzip.expected")[0]
        or "--keep-going: skipped " not in err[1] or not p.stdout.startswith("BGP4MP|1700000000|A|192.0.2.1|64500|")):
    failed += 1
    print(f"FAILED mrt dump --keep-going truncated-gzip.mrt: exit {p.returncode}, stderr {p.stderr[:400]!r}")
else:
    passed += 1
# `cleannet carrier check`: bad options, and each input's reader message (the same as the
# reader gives through its own command), exit 2 and no report on stdout.
rib = "data/internet/mrt/rib.20140523.0600_firstMB.bz2"
rel_case = sorted(glob.glob("tests/data/bad/asgraph/rel-*.txt"))[0]
names_case = sorted(glob.glob("tests/data/bad/asgraph/names-*.txt"))[0]
for args, want in [
    (["--asn", "AS33x", "--rib", rib], ['--asn: expected an AS number such as 3356 or AS3356, found "AS33x"']),
    (["--asn", "3356", "--prefix", "10.0.0.0/33", "--rib", rib],
     ['--prefix: expected a prefix such as 192.0.2.0/24 with no host bits set, found "10.0.0.0/33"']),
    (["--asn", "3356", "--prefix", "10.0.0.1/8", "--rib", rib],
     ['--prefix: expected a prefix such as 192.0.2.0/24 with no host bits set, found "10.0.0.1/8"']),
    (["--asn", "3356"],
     ["carrier check: expected data to check the network against (--rib, --updates or --as-rel), found none"]),
    (["--asn", "3356", "--rib", "tests/data/bad/no-such-file.mrt"],
     ["tests/data/bad/no-such-file.mrt: expected a readable file, found No such file or directory"]),
    (["--asn", "3356", "--rib", "tests/data/bad/mrt/truncated-header.mrt"],
     expected_lines("tests/data/bad/mrt/truncated-header.expected")),
    (["--asn", "3356", "--updates", "tests/data/bad/mrt/bad-attribute-length.mrt"],
     expected_lines("tests/data/bad/mrt/bad-attribute-length.expected")),
    (["--asn", "3356", "--rib", rib, "--as-rel", rel_case], expected_lines(rel_case[:-4] + ".expected")),
    (["--asn", "3356", "--rib", rib, "--as-names", names_case], expected_lines(names_case[:-4] + ".expected")),
]:
    p = run("carrier", "check", *args)
    expect("carrier check " + " ".join(args), p, want)
    if p.stdout:
        failed += 1
        print(f"FAILED carrier check {' '.join(args)}: printed a report on stdout: {p.stdout[:200]!r}")

if len(mrt_cases) < 6:
    failed += 1
    print(f"FAILED: only {len(mrt_cases)} MRT failure modes (at least 6 required)")

# Clean Cloud inputs through `cleannet cloud check` (Terraform HCL, state, show -json,
# inventories): the reader's message, exit 2 and no report on stdout.
cloud_cases = []
for sub, pattern in [("hcl", "*.tf"), ("tfjson-config", "*.tf.json"), ("inventory-csv", "*.csv"),
                     ("inventory-json", "*.json"), ("tfstate", "*.tfstate"), ("plan", "*.json")]:
    cloud_cases += sorted(glob.glob(f"tests/data/bad/cloud/{sub}/{pattern}"))
for case in cloud_cases:
    p = run("cloud", "check", case)
    stem = case[:-len(".tf.json")] if case.endswith(".tf.json") else os.path.splitext(case)[0]
    expect(case, p, expected_lines(stem + ".expected"))
    if p.stdout:
        failed += 1
        print(f"FAILED {case}: printed a report on stdout: {p.stdout[:200]!r}")
for args, want in [
    (["tests/data/cloud/no-such-dir"], "tests/data/cloud/no-such-dir: expected a Terraform file or directory, a state, "
                                       "a plan or an inventory, found no such file"),
    (["tests/data/bad/cloud/ranges"], "tests/data/bad/cloud/ranges: expected a directory with Terraform files (.tf, "
                                      ".tf.json), found none (skipped 12 other files)"),
    (["tests/data/cloud/readers/module.tf", "--data-class-tag", ""], "--data-class-tag: expected a tag or label name, "
                                                                     "found an empty name"),
]:
    expect("cloud check " + " ".join(args), run("cloud", "check", *args), [want])
# One bad input does not hide the others: a directory with an unreadable file, and an
# unreadable file beside a readable one, report the readable ones, the errors on stderr,
# and exit 2.
walk = "tests/data/cloud/walk/one-bad-file"
for args, want_err, want_findings in [
    ([walk], [f"{walk}/bad.tf:3:12: expected '\"' closing the string opened here, on the same line, found a line break",
              f"{walk}: read 2 files (.tf 1, .tf.json 1, tfvars 0), refused 1, skipped 1 (not Terraform)"],
     [f"{walk}/good.tf:2:", f"{walk}/main.tf.json:1:"]),
    (["tests/data/bad/cloud/hcl/attribute-redefined.tf", f"{walk}/good.tf"],
     ["tests/data/bad/cloud/hcl/attribute-redefined.tf:4:3: expected each argument set only once in a body, found "
      "\"tags\" again (first set at tests/data/bad/cloud/hcl/attribute-redefined.tf:3:3)"],
     [f"{walk}/good.tf:2:"]),
]:
    p = run("cloud", "check", "--as-of", "2025-01-01", *args)
    got_err = p.stderr.rstrip("\n").split("\n")
    findings = [line.split(" ")[0] for line in p.stdout.split("\n") if line.startswith(tuple(want_findings))]
    if p.returncode != 2 or got_err != want_err or findings != want_findings:
        failed += 1
        print(f"FAILED cloud check {' '.join(args)}: exit {p.returncode}, stderr {p.stderr[:400]!r}, "
              f"findings {findings}")
    else:
        passed += 1
for case in ["tests/data/bad/cloud/hcl/unterminated-string.tf", "tests/data/bad/cloud/inventory-csv/bad-ipv4.csv",
             "tests/data/bad/cloud/tfstate/truncated.tfstate"]:  # standard input: format by content
    p = run("cloud", "check", "-", stdin=case)
    want = expected_lines(os.path.splitext(case)[0] + ".expected")
    expect("cloud check - < " + case, p, [w.replace(case, "<stdin>", 1) for w in want])
if len(cloud_cases) < 40:
    failed += 1
    print(f"FAILED: only {len(cloud_cases)} Clean Cloud failure modes (at least 40 required)")
# Traceroutes through `cleannet trace check` (trace module): every malformed RIPE Atlas or
# scamper file, and every malformed IXP dataset, with the exact message; bad usage too.
trace_origins = "tests/data/trace/origins.pfx2as"
trace_cases = sorted(glob.glob("tests/data/bad/trace/*.json"))
for case in trace_cases:
    expect(case, run("trace", "check", case, "--pfx2as", trace_origins, "--format", "json"), expected_lines(case[:-5] + ".expected"))
for case in sorted(glob.glob("tests/data/bad/trace/ixp/*.jsonl")):
    expect(case, run("trace", "check", "tests/data/trace/golden/scamper.json", "--pfx2as", trace_origins, "--ixp", case),
           expected_lines(case[:-6] + ".expected"))
for args, want in [
    (["tests/data/trace/golden/scamper.json"], "--rib/--pfx2as: expected a prefix-to-AS source: --rib FILE or --pfx2as FILE, found none"),
    (["tests/data/trace/golden/no-such-file.json", "--pfx2as", trace_origins], None),
    (["tests/data/trace/golden/scamper.json", "--pfx2as", "tests/data/trace/ixps.jsonl"], None),
    (["tests/data/trace/golden/scamper.json", "--rib", trace_origins], None),
]:
    p = run("trace", "check", *args)
    if want is None:  # the message comes from core::Input, ip or bgp: any, but exit 2 and one line naming the file
        lines = p.stderr.strip().split("\n")
        ok = p.returncode == 2 and len(lines) == 1 and args[0 if "no-such" in args[0] else 2] in lines[0]
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAILED trace check {' '.join(args)}: exit {p.returncode}, stderr {p.stderr[:300]!r}")
    else:
        expect("trace check " + " ".join(args), p, [want])
if len(trace_cases) < 30:
    failed += 1
    print(f"FAILED: only {len(trace_cases)} trace failure modes (at least 30 required)")

# Clean Cable: every malformed cable file through `cleannet cable check --data`, the same
# message as the library test, exit 2 and no report; standard input too; bad options.
cable_cases = sorted(glob.glob("tests/data/bad/cable/*.jsonl"))
for case in cable_cases:
    p = run("cable", "check", "--data", case, "--no-ieee-data")
    expect(case, p, expected_lines(case[:-6] + ".expected"))
    if p.stdout:
        failed += 1
        print(f"FAILED {case}: printed a report on stdout: {p.stdout[:200]!r}")
for case in ["tests/data/bad/cable/unknown-country.jsonl", "tests/data/bad/cable/truncated-line.jsonl"]:
    p = run("cable", "check", "--data", "-", stdin=case)
    want = expected_lines(case[:-6] + ".expected")
    expect("cable check --data - < " + case, p, [w.replace(case, "<stdin>", 1) for w in want])
for args, want in [
    (["--to", "US,XX"], '--to: expected an ISO 3166-1 alpha-2 code, a country name or EU, found "XX"'),
    (["--country", "Atlantis"], '--country: expected an ISO 3166-1 alpha-2 code or a country name, found "Atlantis"'),
    (["--country", "CH"], "--country: expected a country with a cable in bundled:telegeography-2022-11-10, "
                          "found CH (Switzerland)"),
    (["--without", "no-such-cable"], '--without: expected a cable id or name in bundled:telegeography-2022-11-10, '
                                     'found "no-such-cable"'),
    (["--data", "tests/data/cable/no-such-file.jsonl"], None),
]:
    p = run("cable", "check", *args)
    if want is None:
        ok = p.returncode == 2 and "tests/data/cable/no-such-file.jsonl" in p.stderr and not p.stdout
        passed += ok
        failed += not ok
        if not ok:
            print(f"FAILED cable check {' '.join(args)}: exit {p.returncode}, stderr {p.stderr[:300]!r}")
    else:
        expect("cable check " + " ".join(args), p, [want])
if len(cable_cases) < 15:
    failed += 1
    print(f"FAILED: only {len(cable_cases)} cable failure modes (at least 15 required)")
# Clean Apps inputs through `cleannet apps check` (F-Droid indexes, app CSV, pm list
# packages output, UAD list): the reader's message, exit 2 and no report on stdout.
apps_cases = []
for sub, pattern in [("apps-fdroid", "*.json"), ("apps-csv", "*.csv"), ("apps-pmlist", "*.txt"), ("apps-uad", "*.json")]:
    apps_cases += sorted(glob.glob(f"tests/data/bad/{sub}/{pattern}"))
for case in apps_cases:
    p = run("apps", "check", case)
    expect(case, p, expected_lines(os.path.splitext(case)[0] + ".expected"))
    if p.stdout:
        failed += 1
        print(f"FAILED {case}: printed a report on stdout: {p.stdout[:200]!r}")
for case in ["tests/data/bad/apps-fdroid/bad-package.json", "tests/data/bad/apps-pmlist/count-mismatch.txt"]:
    p = run("apps", "check", "-", stdin=case)  # standard input: format by content
    want = expected_lines(os.path.splitext(case)[0] + ".expected")
    expect("apps check - < " + case, p, [w.replace(case, "<stdin>", 1) for w in want])
expect("apps check no-such-file", run("apps", "check", "tests/data/apps/no-such-file.csv"),
       ["tests/data/apps/no-such-file.csv: expected a readable file, found No such file or directory"])
if len(apps_cases) < 30:
    failed += 1
    print(f"FAILED: only {len(apps_cases)} Clean Apps failure modes (at least 30 required)")

if len(cases) < 12:
    failed += 1
    print(f"FAILED: only {len(cases)} registry failure modes (at least 12 required)")
# Malformed APKs through `cleannet apps inspect` (apps module): the same exact error as the
# library test gives, on standard error, exit 2.
apk_cases = sorted(glob.glob("tests/data/bad/apps/*.apk"))
for case in apk_cases:
    expect(case, run("apps", "inspect", case, "--no-ieee-data"), expected_lines(case[:-4] + ".expected"))
expect("apps inspect missing file", run("apps", "inspect", "tests/data/apps/no-such.apk", "--no-ieee-data"),
       ["tests/data/apps/no-such.apk: expected a readable APK file, found No such file or directory"])
# Several inputs, one unreadable: the readable one gets its result on standard output, the
# unreadable one its error, and the run exits 2 (apps inspect and apps check alike).
good_apk, bad_apk = "tests/data/apps/fdroidserver_com.politedroid_6.apk", "tests/data/bad/apps/zip-truncated.apk"
for verb, good_line in [("inspect", "  package: com.politedroid"), ("check", good_apk + ": APK, 1 app(s)")]:
    for order in ([bad_apk, good_apk], [good_apk, bad_apk]):
        p = run("apps", verb, *order, "--as-of", "2025-01-01", "--no-ieee-data")
        name = f"apps {verb} {' '.join(order)}"
        expect(name, p, expected_lines(bad_apk[:-4] + ".expected"))
        if good_line not in p.stdout.split("\n"):
            failed += 1
            print(f"FAILED {name}: no result for {good_apk} on standard output:\n{p.stdout}")
# ../shared/data/peers (optional, skipped when absent): the orphan META-INF/CERT.RSA of
# androguard's partialsignature.apk signed nothing, so a registry layer naming it attributes
# nothing (exit 0); exodus-core's blooddonation.apk keeps its result beside a refused APK.
peers = os.path.join("..", "shared", "data", "peers", "apks")
if os.path.isdir(peers):
    p = run("apps", "check", os.path.join(peers, "androguard_partialsignature.apk"), "--registry",
            os.path.join(peers, "stray-cert-registry.toml"), "--as-of", "2025-01-01", "--no-ieee-data")
    if p.returncode != 0 or "untrusted a2dp.Vol" in p.stdout:
        failed += 1
        print(f"FAILED peers stray certificate: exit {p.returncode} (expected 0)\n{p.stdout}{p.stderr}")
    else:
        passed += 1
    p = run("apps", "inspect", "tests/data/bad/apps/zip-truncated.apk", os.path.join(peers, "exodus-core_blooddonation.apk"),
            "--as-of", "2025-01-01", "--top", "0", "--no-ieee-data")
    expect("peers batch with a refused APK", p, expected_lines("tests/data/bad/apps/zip-truncated.expected"))
    if "  package: fr.mobdev.blooddonation" not in p.stdout.split("\n"):
        failed += 1
        print(f"FAILED peers batch: no result for blooddonation.apk:\n{p.stdout}")
if len(apk_cases) < 18:
    failed += 1
    print(f"FAILED: only {len(apk_cases)} APK failure modes (at least 18 required)")
print(f"bad inputs: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
