#!/usr/bin/env python3
"""Every command that judges a line judges it the same way (docs/policy.md): a user
policy that denies `unknown` on one line changes the answer of every command judging that
line, identically, and leaves the other lines alone.

Carrier line: `carrier check` and `asgraph route` on the SYNTHETIC graph
tests/data/asgraph/small.as-rel2.txt (7 ASes, as2org attribution). For every AS N, `carrier
check --asn N --as-rel` lists N's neighbours that count against the policy; for every pair
of ASes, `asgraph route` marks each AS of the route that does. Oracle: an AS X that follows
N on a route is marked exactly when `carrier check --asn N` lists X. Hand-checked answers:
under clean-network only China Telecom's AS4134 and AS4812 count (the other five ASes are
unknown to the registry, and clean-network only warns about unknown); with a policy that
denies unknown on the carrier line all seven count; with the same rule on the trace line
nothing changes for carrier.

Every other line, on a small input with elements unknown to the registry: with a policy
that denies unknown on the line, every command judging it exits 1 with findings of that
rule (an error each); with the same rule on another line, no finding cites it.

usage: judge_lines.py CLEANNET_BINARY
"""
import itertools
import json
import os
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
os.chdir(ROOT)
REL = "tests/data/asgraph/small.as-rel2.txt"
ORG = "tests/data/asgraph/small.as2org.txt"
ASES = [174, 3356, 4134, 4812, 9304, 64500, 64501]
UNTRUSTED = {4134, 4812}  # China Telecom (registry ASN, and as2org organisation name)
problems = []


def deny_unknown_policy(tmp, line):
    path = os.path.join(tmp, f"deny-unknown-{line}.toml")
    with open(path, "w") as f:
        f.write(f'name = "deny-unknown-{line}"\ntitle = "Deny unknown on {line}"\n\n[[rule]]\n'
                f'id = "DENY-UNKNOWN-{line.upper()}"\nline = "{line}"\nstatus = "unknown"\naction = "deny"\n'
                f'cite = "test policy: nobody vouched for it"\n')
    return path


def run_json(args):
    r = subprocess.run([CLI, *args, "--as-of", "2024-06-01", "--format", "json"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=120)
    if r.returncode not in (0, 1):
        problems.append(f"{' '.join(args)}: exit {r.returncode}: {r.stderr.strip()}")
        return None
    return json.loads(r.stdout)


def carrier_answers(policy):
    """{N: ASes next to N in the graph that carrier check counts}, {(N, X): route marks X after N}."""
    listed = {}
    for n in ASES:
        j = run_json(["carrier", "check", "--asn", str(n), "--as-rel", REL, "--as2org", ORG, "--policy", policy])
        listed[n] = {e["untrusted_asn"] for e in j["exposures"] if e["kind"] == "relationship"} if j else set()
    marked = {}
    for a, b in itertools.permutations(ASES, 2):
        j = run_json(["asgraph", "route", "--from", str(a), "--to", str(b), "--as-rel", REL, "--as2org", ORG,
                      "--policy", policy])
        if not j:
            continue
        hops = j["route"]["hops"]
        for prev, hop in zip(hops, hops[1:]):
            marked[(prev["asn"], hop["asn"])] = hop["untrusted"]
    return listed, marked


def check_carrier(policy, expect_counted):
    listed, marked = carrier_answers(policy)
    counted = set()
    for (n, x), m in sorted(marked.items()):
        if m != (x in listed[n]):
            problems.append(f"{policy}: asgraph route marks AS{x} after AS{n} {m}, carrier check --asn {n} "
                            f"lists it {x in listed[n]}")
        if m:
            counted.add(x)
    for n, xs in listed.items():
        counted |= xs
    if counted != expect_counted:
        problems.append(f"{policy}: counted {sorted(counted)}, expected {sorted(expect_counted)}")
    return len(marked)


# Per line, the commands that judge it, each on an input with an element of unknown status.
COMMANDS = {
    "registry": [["registry", "lookup", "AS64500"]],
    "path": [["path", "check", "tests/data/path/golden/04-unknown-vendor/inventory.json"]],
    # The Apple device is unknown (the leases file's only unknown maker, DJI, is on the 1260H
    # list since its 2022-10-05 edition).
    "things": [["things", "scan", "tests/data/netmodel/things/office-nmap.xml"]],
    "carrier": [["carrier", "check", "--asn", "64500", "--as-rel", REL, "--as2org", ORG],
                ["asgraph", "route", "--from", "64500", "--to", "9304", "--as-rel", REL, "--as2org", ORG]],
    "trace": [["trace", "check", "tests/data/trace/golden/atlas_v6.ndjson", "--pfx2as",
               "tests/data/trace/origins.pfx2as"]],
    "cloud": [["cloud", "check", "tests/data/cloud/golden/inputs/unknown.csv"]],
    "cable": [["cable", "check", "--data", "tests/data/cable/synthetic.jsonl"]],
    "apps": [["apps", "check", "tests/data/apps/golden/inputs/catalogue.csv"]],
}


def sarif_rules(args, policy):
    r = subprocess.run([CLI, *args, "--as-of", "2024-06-01", "--policy", policy, "--format", "sarif"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    if r.returncode not in (0, 1):
        problems.append(f"{' '.join(args)} --policy {policy}: exit {r.returncode}: {r.stderr.strip()}")
        return r.returncode, []
    results = json.loads(r.stdout)["runs"][0]["results"]
    return r.returncode, [(x["ruleId"], x["level"]) for x in results]


with tempfile.TemporaryDirectory() as tmp:
    pairs = check_carrier("clean-network", UNTRUSTED)
    check_carrier("eu-toolbox", UNTRUSTED)  # warned about, still counted (trust/judge.h)
    check_carrier(deny_unknown_policy(tmp, "carrier"), set(ASES))
    check_carrier(deny_unknown_policy(tmp, "trace"), UNTRUSTED)

    lines = list(COMMANDS)
    for i, line in enumerate(lines):
        mine = deny_unknown_policy(tmp, line)
        other = deny_unknown_policy(tmp, lines[(i + 1) % len(lines)])
        for args in COMMANDS[line]:
            what = " ".join(args[:2])
            code, rules = sarif_rules(args, mine)
            cited = [lvl for rule, lvl in rules if rule == f"DENY-UNKNOWN-{line.upper()}"]
            if code != 1 or not cited or any(lvl != "error" for lvl in cited):
                problems.append(f"{what} denying unknown on {line}: exit {code}, findings {rules}")
            code, rules = sarif_rules(args, other)
            if any(rule.startswith("DENY-UNKNOWN") for rule, _ in rules):
                problems.append(f"{what} denying unknown on another line: findings {rules}")

for p in problems:
    print("FAIL:", p)
print(f"judge_lines: carrier line over {pairs} route hops, {sum(map(len, COMMANDS.values()))} commands on "
      f"{len(COMMANDS)} lines, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
