#!/usr/bin/env python3
"""The bundled registry's 2026-12 update (issue 17), checked through `cleannet registry
lookup` as a user runs it: the new 1260H and FCC Covered List designations with their
dates, and the end of the EO 13942/13943 designations on 2021-06-09.

usage: registry_updates.py CLEANNET_BINARY
"""
import json
import os
import subprocess
import sys

CLI = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []
checks = 0
LIST_1260H = "US DoD Section 1260H list"
FCC = "FCC Covered List"
EO = "Executive Order 13942/13943"


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def lookup(as_of, *ids, fmt="json"):
    p = subprocess.run([CLI, "registry", "lookup", "--as-of", as_of, "--format", fmt, *ids],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    check(p.returncode in (0, 1), f"lookup {ids} as of {as_of}: exit {p.returncode}: {p.stderr}")
    return json.loads(p.stdout) if fmt == "json" else p.stdout


def evidence(v, kind, list_name):
    return [e for e in v["evidence"] if e["kind"] == kind and e["text"].startswith(list_name + ": ")]


# 1. Names a new user types resolve to the new organisations, each untrusted by the 1260H
#    list with the edition that lists it and that edition's date.
want = {"TP-Link": ("tp-link", {"2026-06-08"}), "Quectel": ("quectel", {"2025-01-07", "2026-06-08"}),
        "Inspur": ("inspur", {"2021-06-03", "2026-06-08"}), "SMIC": ("smic", {"2021-06-03", "2026-06-08"})}
for v in lookup("2026-07-01", *want):
    oid, editions = want[v["input"]]
    check(v["organisation"] and v["organisation"]["id"] == oid, f"{v['input']}: organisation {v['organisation']}")
    check(v["match"]["how"] in ("name", "alias"), f"{v['input']}: matched {v['match']['how']}")
    check(v["status"] == "untrusted" and v["basis"] == "designation", f"{v['input']}: {v['status']} {v['basis']}")
    got = {e.get("date") for e in evidence(v, "designation", LIST_1260H)}
    check(got == editions, f"{v['input']}: 1260H editions {sorted(got, key=str)}, expected {sorted(editions)}")
    check(all(e.get("source_url") for e in evidence(v, "designation", LIST_1260H)), f"{v['input']}: sourced")
    check(f"{LIST_1260H} (" in v["explanation"], f"{v['input']}: explanation {v['explanation']!r}")

# TP-Link before the 2026-06-08 edition: unknown, the designation shown as not yet in force.
v = lookup("2025-06-01", "TP-Link")[0]
check(v["status"] == "unknown", f"TP-Link as of 2025-06-01: {v['status']}")
check([e.get("date") for e in evidence(v, "not-in-force", LIST_1260H)] == ["2026-06-08"],
      "TP-Link as of 2025-06-01: the 2026-06-08 edition is listed as not in force")

# 2. The FCC Covered List entries added since the seed, with their inclusion dates.
fcc = {"Kaspersky Lab, Inc.": ("2024-07-23", "Kaspersky Lab, Inc."),
       "Digitalsystem Technology Inc.": ("2026-07-07", "Digitalsystem Technology Inc.")}
for v in lookup("2026-12-01", *fcc):
    date, named = fcc[v["input"]]
    check(v["status"] == "untrusted", f"{v['input']}: {v['status']}")
    hits = [e for e in evidence(v, "designation", FCC) if e.get("date") == date]
    check(len(hits) == 1 and named in hits[0]["text"], f"{v['input']}: FCC Covered List {date} naming it: {hits}")
v = lookup("2026-07-01", "Digitalsystem Technology Inc.")[0]
check(v["status"] == "unknown", f"Digitalsystem Technology Inc. before 2026-07-07: {v['status']}")
v = lookup("2024-07-01", "Kaspersky Lab, Inc.")[0]
check(not [e for e in evidence(v, "designation", FCC) if e.get("date") == "2024-07-23"],
      "Kaspersky Lab, Inc.: the 2024-07-23 entry does not count before its date")

# 3. EO 13942 (ByteDance) and EO 13943 (Tencent) were revoked on 2021-06-09: in force before,
#    not after, and the period shows in JSON (date, until) and in text.
for oid in ("bytedance", "tencent"):
    before = lookup("2021-01-01", oid)[0]
    after = lookup("2021-07-01", oid)[0]
    on_day = lookup("2021-06-09", oid)[0]
    b = evidence(before, "designation", EO)
    check(len(b) == 1 and b[0].get("date") == "2020-08-06" and b[0].get("until") == "2021-06-09",
          f"{oid} as of 2021-01-01: EO designation in force with its period: {b}")
    check(not evidence(after, "designation", EO), f"{oid} as of 2021-07-01: EO designation still counts")
    a = evidence(after, "not-in-force", EO)
    check(len(a) == 1 and a[0].get("until") == "2021-06-09", f"{oid} as of 2021-07-01: EO not in force: {a}")
    check(not evidence(on_day, "designation", EO), f"{oid}: EO designation counts on the revocation day")
    text = lookup("2021-01-01", oid, fmt="text")
    check(f"{EO}: untrusted until 2021-06-09" in text and "(2020-08-06)" in text,
          f"{oid}: text shows the period:\n{text}")

# 4. docs/registry.md's table of what the bundled registry holds agrees with the registry.
p = subprocess.run([CLI, "registry", "export"], stdout=subprocess.PIPE, text=True, timeout=60)
export = json.loads(p.stdout)
orgs_by_list, desigs_by_list = {}, {}
for o in export["organisations"]:
    for d in o["designations"]:
        orgs_by_list.setdefault(d["list"], set()).add(o["id"])
        desigs_by_list[d["list"]] = desigs_by_list.get(d["list"], 0) + 1
doc = open(os.path.join(os.path.dirname(__file__), "..", "..", "docs", "registry.md"), encoding="utf-8").read()
section = doc.split("## What the bundled registry holds", 1)[1].split("\n## ", 1)[0]
rows = {}
for line in section.splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if line.startswith("| ") and len(cells) == 3 and cells[1].isdigit():
        rows[cells[0].split(" (both end")[0].split(" (the edition")[0]] = (int(cells[1]), int(cells[2]))
check(rows == {k: (len(v), desigs_by_list[k]) for k, v in orgs_by_list.items()},
      f"docs/registry.md table {rows} differs from the registry")
n_orgs, n_desigs = len(export["organisations"]), sum(desigs_by_list.values())
check(f"{n_orgs} organisations" in section and f"{n_desigs} dated," in section,
      f"docs/registry.md counts: registry has {n_orgs} organisations, {n_desigs} designations")

# IP addresses out of the box: ChinaNet's backbone through the derived announced prefixes,
# dated, with the origin AS; an address of nobody's still unknown.
v = lookup("2026-12-01", "202.97.33.5")[0]
check(v["status"] == "untrusted" and v["organisation"]["id"] == "china-telecom",
      f"202.97.33.5: {v['status']} {v['organisation']}")
check(v["match"]["how"] == "announced-prefix" and v["match"]["matched"] == "202.97.0.0/18"
      and "AS4134" in v["match"]["via"] and "2015-11-01" in v["match"]["via"] and "derived" in v["match"]["via"],
      f"202.97.33.5 match: {v['match']}")
check(lookup("2026-12-01", "192.0.2.1")[0]["status"] == "unknown", "192.0.2.1 should be unknown")

# The derived table is what its generator makes from the bundled inputs.
p = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "registry-announced-prefixes.py"), "--check"],
                   capture_output=True, text=True)
check(p.returncode == 0, f"scripts/registry-announced-prefixes.py --check: {p.stdout}{p.stderr}")

print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
