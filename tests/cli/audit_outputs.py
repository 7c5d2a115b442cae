#!/usr/bin/env python3
"""`cleannet audit` as the demo and a CI job use it, on the bundled scenario (data/audit/acme):

  1. one run writes text, JSON, SARIF and JUnit at once; `audit show` renders the stored run
     again byte for byte in each format;
  2. the SARIF log (a run per line of effort, fingerprints, suppressed results) passes the
     SARIF Multitool (tests/sarif/validate.sh);
  3. the JUnit XML has a testsuite per check and a testcase per finding, failures for the
     unsuppressed errors and warnings, skipped for the suppressed ones: counted against the
     JSON output of the same run;
  4. a second run on the next quarter's inventory (the Huawei core router replaced, a ZTE
     baseband added): `audit diff` finds exactly the ZTE device new and the Huawei router's
     findings fixed, the rest unchanged; `audit history` lists both runs;
  5. --fail-on: exit 1 at error (the Huawei core router), 0 at never; diff exits 1 only when
     a new finding reaches --fail-on;
  6. accepted risks at the boundaries, through --as-of: the RAN entry expires 2027-03-31, so
     it suppresses as of the day before and the day itself and is expired the day after; an
     entry that matches nothing is stale; --no-suppressions suppresses nothing and reports no
     entry.

usage: audit_outputs.py CLEANNET_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

from acme_estate import AcmeEstate
import xml.etree.ElementTree as ET

CLI = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


def run(*args, cwd=None):
    p = subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, timeout=300)
    check(p.returncode >= 0, f"cleannet {' '.join(args)} died of signal {-p.returncode}")
    return p


with tempfile.TemporaryDirectory() as tmp:
    estate = AcmeEstate(tmp)
    data, scenario, store = estate.data, estate.scenario, estate.store
    out = {f: os.path.join(tmp, f"run1.{f}") for f in ("text", "json", "sarif", "junit")}

    p = run("audit", "run", scenario, "--no-ieee-data", *[a for f, path in out.items() for a in ("-o", f"{f}:{path}")])
    check(p.returncode == 1, f"audit run exits 1 on the Huawei core router, got {p.returncode}: {p.stderr!r}")
    check(p.stdout == b"", "with -o FORMAT:PATH only, nothing on stdout")
    check(os.path.exists(store), "the store is created beside the scenario")

    # 1. byte-identical re-rendering
    for f, path in out.items():
        s = run("audit", "show", "1", "--store", store, "-o", f"{f}:-")
        with open(path, "rb") as fh:
            check(s.stdout == fh.read(), f"audit show 1 -o {f} renders the stored run as audit run wrote it")
        check(s.returncode == 1, f"audit show exits with the run's exit code, got {s.returncode}")

    report = json.load(open(out["json"]))
    check(report["audit"]["run"] == 1, "the JSON names the stored run")
    kinds = [c["kind"] for c in report["checks"]]
    check(sorted(kinds) == sorted(["path", "plan", "things", "carrier", "trace", "cloud", "cable", "apps", "lookup"]),
          f"every check kind ran: {kinds}")
    findings = [(c["name"], f) for c in report["checks"] for f in c["findings"]]
    suppressed = [f for _, f in findings if "suppressed" in f]
    check(len(suppressed) >= 1, "the accepted RAN risk suppresses a finding")
    hashed = {i["path"]: i for i in report["inputs"]}
    check(any(p.endswith("inventory/network.json") for p in hashed), "the inventory is among the hashed inputs")
    check(all(len(i["sha256"]) == 64 for i in report["inputs"]), "every input has a SHA-256")

    # 2. SARIF
    sarif = json.load(open(out["sarif"]))
    lines = [r["automationDetails"]["id"].rsplit("/", 1)[1] for r in sarif["runs"]]
    check(len(lines) == len(set(lines)), f"one SARIF run per line of effort: {lines}")
    results = [x for r in sarif["runs"] for x in r["results"]]
    check(len(results) == len(findings), f"one SARIF result per finding: {len(results)} vs {len(findings)}")
    check(all(x["partialFingerprints"]["cleannet/v1"] for x in results), "every result has a fingerprint")
    check(sum(1 for x in results if x.get("suppressions")) == len(suppressed), "suppressed results carry suppressions")
    v = subprocess.run(["bash", os.path.join(ROOT, "tests", "sarif", "validate.sh"), out["sarif"]],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if v.returncode == 77:
        print("SARIF Multitool not installed: validation skipped")
    else:
        check(v.returncode == 0, "the SARIF log validates:\n" + v.stdout[-3000:])

    # 3. JUnit, counted against the JSON
    suites = ET.parse(out["junit"]).getroot()
    check(suites.tag == "testsuites", "JUnit root is <testsuites>")
    check(len(suites.findall("testsuite")) == len(report["checks"]), "a testsuite per check")
    for suite, c in zip(suites.findall("testsuite"), report["checks"]):
        cases = suite.findall("testcase")
        fs = c["findings"]
        want_fail = sum(1 for f in fs if "suppressed" not in f and f["severity"] in ("error", "warning"))
        want_skip = sum(1 for f in fs if "suppressed" in f)
        check(len(cases) == max(len(fs), 1), f"{c['name']}: a testcase per finding ({len(cases)} vs {len(fs)})")
        check(sum(1 for t in cases if t.find("failure") is not None) == want_fail, f"{c['name']}: failures")
        check(sum(1 for t in cases if t.find("skipped") is not None) == want_skip, f"{c['name']}: skipped")
        check(int(suite.get("failures")) == want_fail and int(suite.get("tests")) == len(cases),
              f"{c['name']}: suite counts")

    # 4. the next quarter, and the diff
    estate.next_quarter()
    p = run("audit", "run", scenario, "--no-ieee-data", "-o", "json:-")
    check(p.returncode == 0, f"next quarter: no error-level finding left, got exit {p.returncode}")
    h = json.loads(run("audit", "history", "--store", store, "--format", "json").stdout)
    check([r["run"] for r in h] == [1, 2], f"history lists both runs: {h}")
    d = run("audit", "diff", "--store", store, "--format", "json")
    check(d.returncode == 0, f"diff exits 0: the new ZTE finding is a warning, below --fail-on error ({d.returncode})")
    diff = json.loads(d.stdout)
    # The path check's findings (the replacement plan's follow the plan, which changes with the
    # inventory as a whole).
    new = [(f["element"], f["organisation"]) for f in diff["new"] if f["check"] == "path"]
    fixed = {(f["element"], f["organisation"]) for f in diff["fixed"] if f["check"] == "path"}
    check(new == [("device ham-ran-1", "zte")], f"exactly the ZTE baseband is new: {new}")
    check(fixed == {("device fra-core-1", "huawei")}, f"the Huawei core router's findings are fixed: {fixed}")
    check(diff["counts"]["unchanged"] + diff["counts"]["changed_evidence"] + len(diff["fixed"]) == len(findings),
          "every finding of run 1 is fixed, unchanged or changed")
    d = run("audit", "diff", "1", "2", "--store", store, "--fail-on", "warning")
    check(d.returncode == 1, f"diff --fail-on warning exits 1 on the new ZTE warning ({d.returncode})")
    check(b"device ham-ran-1 -> zte" in d.stdout, "the text diff lists the new finding")

    # 5. --fail-on never
    p = run("audit", "run", scenario, "--no-ieee-data", "--no-store", "--fail-on", "never", "-o", "json:-")
    check(p.returncode == 0, f"--fail-on never exits 0 ({p.returncode})")
    check(len(json.loads(run("audit", "history", "--store", store, "--format", "json").stdout)) == 2,
          "--no-store records nothing")

    # 6. suppression boundaries
    risks = os.path.join(data, "audit", "acme", "accepted-risks.toml")
    with open(risks, "a") as f:
        f.write('\n[[suppression]]\nrule = "EU-SM05"\nreason = "no such rule: stale"\nowner = "qa"\n'
                'created = 2026-01-01\nexpires = 2028-01-01\n')
    for as_of, held in (("2027-03-30", True), ("2027-03-31", True), ("2027-04-01", False)):
        j = json.loads(run("audit", "run", scenario, "--no-ieee-data", "--no-store", "--as-of", as_of, "-o", "json:-").stdout)
        s = j["suppressions"]
        ran = [f for c in j["checks"] if c["kind"] == "path" for f in c["findings"] if f["element"] == "device ber-ran-1"]
        check(len(ran) == 1 and ("suppressed" in ran[0]) == held, f"as of {as_of}: the Berlin RAN finding suppressed: {held}")
        check(("accepted-risks.toml:4" in [e["source"].rsplit("/", 1)[1] for e in s["expired"]]) == (not held),
              f"as of {as_of}: the RAN entry expired: {not held}")
        check([e["reason"] for e in s["stale"]] == ["no such rule: stale"], f"as of {as_of}: the stale entry: {s['stale']}")
    j = json.loads(run("audit", "run", scenario, "--no-ieee-data", "--no-store", "--no-suppressions", "-o", "json:-").stdout)
    check(j["suppressions"] is None and not any("suppressed" in f for c in j["checks"] for f in c["findings"]),
          "--no-suppressions: nothing suppressed, no entry reported")

print(f"{'FAILED' if failures else 'ok'}: {len(failures)} failures")
sys.exit(1 if failures else 0)
