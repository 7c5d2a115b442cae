#!/usr/bin/env python3
"""Stable finding fingerprints on every line (issue 16, item 4; docs/fingerprints.md).

For each line, one command on a small input with findings is run three ways:
  A. from the repository root with the input given by a relative path;
  B. from another working directory, with the input copied elsewhere, given by an absolute
     path, and its records in reverse order (rows, lines, list items or arguments);
  C. as B, with the offending element of one finding renamed.
A and B must give the same fingerprints, finding for finding (matched by rule and element);
the JSON and SARIF forms must carry the same fingerprint; fingerprints are unique within a
run; C must lose the renamed finding's fingerprint and keep every other one.

usage: fingerprints.py CLEANNET_BINARY
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
problems = []


def reverse_rows(text):
    """CSV or line-oriented text: comments and the header stay first, records reversed."""
    lines = text.splitlines()
    head = [l for l in lines if l.startswith("#")]
    body = [l for l in lines if l and not l.startswith("#")]
    if body and "," in body[0] and not body[0].startswith("{"):
        head.append(body.pop(0))  # the CSV header
    return "\n".join(head + body[::-1]) + "\n"


def reverse_lines(text):
    """Records reversed within each section (a comment line starts a section: as2org has two)."""
    out, section = [], []
    for l in text.splitlines():
        if l.startswith("#"):
            out += section[::-1] + [l]
            section = []
        elif l:
            section.append(l)
    return "\n".join(out + section[::-1]) + "\n"


def rename_device(old, new):
    """A native inventory with device `old` renamed to `new` wherever it is referred to."""
    def rename(text):
        doc = json.loads(text)
        for d in doc["devices"]:
            d["id"] = new if d["id"] == old else d["id"]
        for l in doc["links"]:
            l["a"], l["b"] = (new if l["a"] == old else l["a"]), (new if l["b"] == old else l["b"])
        for d in doc.get("demands", []):
            d["source"] = new if d["source"] == old else d["source"]
            d["destination"] = new if d["destination"] == old else d["destination"]
        return json.dumps(doc, indent=1)
    rename.old = "device " + old
    return rename


def reverse_json_lists(text):
    doc = json.loads(text)
    for k, v in doc.items():
        if isinstance(v, list):
            doc[k] = v[::-1]
    return json.dumps(doc, indent=1)


def reverse_blocks(text):
    """ISC dhcpd leases: `lease ... { ... }` blocks in reverse order."""
    block = re.compile(r"^lease [^{]*\{.*?\n\}\n?", re.S | re.M)
    blocks = block.findall(text)
    rest = block.sub("", text)
    return rest + "".join(b if b.endswith("\n") else b + "\n" for b in blocks[::-1])


# line: (inputs relative to ROOT, args with {0}, {1}... for the inputs, reorder, (old, new) renaming
# one offending element in every input; None when the command takes no file).
CASES = {
    "registry": ([], ["registry", "lookup", "AS4134", "AS64500", "huawei.com"], None, ("AS4134", "AS4812")),
    "registry-case": ([], ["registry", "lookup", "as4134", "AS64500", "HUAWEI.COM"], None, None),
    "path": (["tests/data/path/golden/02-one-bad-hop/inventory.json"], ["path", "check", "{0}"], reverse_json_lists,
             rename_device("b", "bb")),
    "things": (["tests/data/netmodel/things/office-dhcpd.leases"], ["things", "scan", "{0}"], reverse_blocks, None),
    "carrier": (["tests/data/asgraph/small.as-rel2.txt", "tests/data/asgraph/small.as2org.txt"],
                ["carrier", "check", "--asn", "3356", "--as-rel", "{0}", "--as2org", "{1}"], reverse_lines,
                ("4134", "4809")),
    "asgraph": (["tests/data/asgraph/small.as-rel2.txt", "tests/data/asgraph/small.as2org.txt"],
                ["asgraph", "route", "--from", "64500", "--to", "64501", "--as-rel", "{0}", "--as2org", "{1}"],
                reverse_lines, ("4812", "4809")),
    "cloud": (["tests/data/cloud/golden/inputs/inventory.csv"], ["cloud", "check", "{0}"], reverse_rows,
              ("payroll-db", "payroll-db2")),
    "cable": (["tests/data/cable/synthetic.jsonl"], ["cable", "check", "--data", "{0}"], reverse_lines, None),
    "trace": (["tests/data/trace/golden/atlas_v6.ndjson", "tests/data/trace/origins.pfx2as",
               "tests/data/trace/ixps.jsonl"], ["trace", "check", "--pfx2as", "{1}", "--ixp", "{2}", "{0}"],
              reverse_lines, None),
    "apps": (["tests/data/apps/golden/inputs/catalogue.csv"], ["apps", "check", "{0}"], reverse_rows,
             ("com.tencent.mtt", "com.tencent.mtt.lite")),
}


def run(args, cwd, fmt):
    r = subprocess.run([CLI, *args, "--as-of", "2024-06-01", "--format", fmt], cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=120)
    if r.returncode not in (0, 1):
        problems.append(f"{' '.join(args)} (in {cwd}): exit {r.returncode}: {r.stderr.strip()}")
        return None
    try:
        if fmt == "json" and r.stdout.startswith("{") and "\n{" in r.stdout:  # JSON lines (trace check)
            return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
        return json.loads(r.stdout)
    except json.JSONDecodeError as e:
        problems.append(f"{' '.join(args)} --format {fmt}: not one JSON document: {e}")
        return None


def findings_of(doc):
    """Every object of a command's JSON that carries a fingerprint or names an element (a finding,
    a lookup result), wherever the command's report puts it."""
    out = []
    if isinstance(doc, dict):
        if "fingerprint" in doc or ("element" in doc and "rule" in doc) or "input" in doc:
            return [doc]
        for v in doc.values():
            out += findings_of(v)
    elif isinstance(doc, list):
        for v in doc:
            out += findings_of(v)
    return out


def label(f):
    """What a person would call the finding: its rule and element (a lookup: its input)."""
    rule = f.get("rule") or (f.get("policy") or {}).get("rule")
    return (rule, f.get("element") or f.get("input"))


def prints(args, cwd, what):
    j = run(args, cwd, "json")
    s = run(args, cwd, "sarif")
    if j is None or s is None:
        return {}
    got = {}
    for f in findings_of(j):
        if "fingerprint" not in f or not re.fullmatch(r"[0-9a-f]{32}", f["fingerprint"]):
            problems.append(f"{what}: finding without a 32-hex-digit fingerprint: {label(f)}")
            continue
        if f["fingerprint"] in got:
            problems.append(f"{what}: fingerprint {f['fingerprint']} twice: {got[f['fingerprint']]} and {label(f)}")
        got[f["fingerprint"]] = label(f)
    sarif = [r.get("partialFingerprints", {}).get("cleannet/v1") for r in s["runs"][0]["results"]]
    if sorted(sarif, key=str) != sorted(got):
        problems.append(f"{what}: SARIF partialFingerprints {sarif} differ from the JSON's {sorted(got)}")
    return got


def stage(tmp, name, inputs, reorder, rename):
    """Copies the inputs to tmp/name/deep/, reordered and, when given, renamed."""
    d = os.path.join(tmp, name, "deep")
    os.makedirs(d, exist_ok=True)
    out = []
    for rel in inputs:
        with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
            text = f.read()
        if reorder:
            text = reorder(text)
        if callable(rename):
            text = rename(text)
        elif rename:
            text = text.replace(*rename)
        p = os.path.join(d, "copy-" + os.path.basename(rel))
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        out.append(p)
    return out


def main():
    checked = 0
    seen = {}
    with tempfile.TemporaryDirectory() as tmp:
        elsewhere = os.path.join(tmp, "cwd")
        os.makedirs(elsewhere)
        for line, (inputs, args, reorder, rename) in CASES.items():
            a = prints([x.format(*inputs) for x in args], ROOT, f"{line} (A)")
            if not a:
                problems.append(f"{line}: no findings to fingerprint")
                continue
            moved = stage(tmp, line + "-b", inputs, reorder, None)
            b_args = [x.format(*moved) for x in args]
            if not inputs:  # arguments are the inputs: reverse them
                b_args = b_args[:2] + b_args[2:][::-1]
            b = prints(b_args, elsewhere, f"{line} (B)")
            if a != b:
                problems.append(f"{line}: fingerprints differ between runs on the same facts:\n  A {a}\n  B {b}")
            checked += len(a)
            seen[line] = set(a)
            if not rename:
                continue
            if inputs:
                renamed = stage(tmp, line + "-c", inputs, reorder, rename)
                c_args = [x.format(*renamed) for x in args]
            else:
                c_args = [x.replace(*rename) for x in b_args]
            c = prints(c_args, elsewhere, f"{line} (C)")
            old = rename.old if callable(rename) else rename[0]
            lost = set(a) - set(c)
            if not lost:
                problems.append(f"{line}: renaming {old} kept every fingerprint {sorted(a)}")
            for fp in lost:
                if old not in str(a[fp][1]):
                    problems.append(f"{line}: renaming {old} changed the fingerprint of {a[fp]}")
    # An identifier is the same finding however it was typed.
    if seen.get("registry") != seen.get("registry-case"):
        problems.append(f"registry lookup: as typed in another case, other fingerprints: {seen.get('registry')} vs "
                        f"{seen.get('registry-case')}")
    for p in problems:
        print("FAIL:", p)
    print(f"fingerprints: {checked} findings on {len(CASES)} commands, {len(problems)} problem(s)")
    return 1 if problems else 0


sys.exit(main())
