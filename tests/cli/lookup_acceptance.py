#!/usr/bin/env python3
"""Acceptance points of `cleannet registry lookup`, checked on the real bundled
registry and the IEEE data from Debian's ieee-data package.

usage: lookup_acceptance.py CLEANNET_BINARY
"""
import json
import os
import subprocess
import sys

CLI = os.path.abspath(sys.argv[1])
failures = []


def run(*args, stdin=None):
    p = subprocess.run([CLI, *args], input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def lookup_json(*ids, extra=(), stdin=None):
    code, out, err = run("registry", "lookup", "--format", "json", *extra, *ids, stdin=stdin)
    return code, json.loads(out), err


# 1. The six identifiers of the issue: each untrusted, with organisation, match and a dated, sourced designation.
six = ["AS4134", "00:18:82:12:34:56", "com.zhiliaoapp.musically", "oss-cn-hangzhou.aliyuncs.com",
       "HUAWEI TECHNOLOGIES CO.,LTD", "Huawei Technologies Co., Ltd."]
want = {"AS4134": ("china-telecom", "asn"), "00:18:82:12:34:56": ("huawei", "ieee-oui"),
        "com.zhiliaoapp.musically": ("bytedance", "package"),
        "oss-cn-hangzhou.aliyuncs.com": ("alibaba-cloud", "domain-suffix"),
        "HUAWEI TECHNOLOGIES CO.,LTD": ("huawei", "normalised"), "Huawei Technologies Co., Ltd.": ("huawei", "name")}
code, verdicts, err = lookup_json(*six, extra=("--as-of", "2024-06-01"))
check(code == 1, f"six identifiers: exit code {code}, expected 1")
check(len(verdicts) == 6, "six identifiers: one verdict each")
for v in verdicts:
    org, how = want[v["input"]]
    check(v["status"] == "untrusted", f"{v['input']}: status {v['status']}")
    check(v["organisation"] and v["organisation"]["id"] == org, f"{v['input']}: organisation {v['organisation']}")
    check(v["match"]["how"] == how, f"{v['input']}: matched {v['match']['how']}, expected {how}")
    dated = [e for e in v["evidence"] if e["kind"] == "designation" and e.get("date") and e.get("source_url")]
    check(dated, f"{v['input']}: no dated, sourced designation in the evidence")
# The same verdicts in text: one block per identifier, each saying untrusted with the organisation.
code, text, _ = run("registry", "lookup", "--as-of", "2024-06-01", *six)
check(code == 1, "text: exit code 1")
heads = [l for l in text.splitlines() if l and not l.startswith(" ")]
check(len(heads) == 6, f"text: {len(heads)} verdict lines")
for h, v in zip(heads, verdicts):
    check(h.startswith(v["input"] + ": untrusted") and f"[{v['organisation']['id']}," in h, f"text verdict line: {h}")
# The alibaba-cloud domain is not confirmed by a source: the verdict must say unverified.
ali = [v for v in verdicts if v["input"] == "oss-cn-hangzhou.aliyuncs.com"][0]
check(ali["verified"] is False and ali["match"]["identifier_verified"] is False, "aliyuncs.com stays unverified")

# 2. Trusted and unknown; exit 0 when nothing is untrusted.
code, vs, _ = lookup_json("AS1221", "Acme Widgets Ltd", "Cisco Systems, Inc.", extra=("--as-of", "2024-06-01"))
check(code == 0, f"trusted/unknown: exit code {code}")
check(vs[0]["status"] == "trusted" and vs[0]["organisation"]["id"] == "telstra", "AS1221 is Telstra, trusted")
check(any(e["kind"] == "designation" and e.get("source_url") for e in vs[0]["evidence"]), "AS1221 evidence")
check(vs[1]["status"] == "unknown" and vs[1]["organisation"] is None, "made-up name is unknown")
check(vs[2]["status"] == "trusted" and vs[2]["organisation"]["id"] == "cisco", "Cisco trusted (clean company)")

# 3. A subsidiary with no designation of its own inherits, and shows the chain.
code, vs, _ = lookup_json("AS23764", extra=("--as-of", "2024-06-01"))
v = vs[0]
check(v["organisation"]["id"] == "china-telecom-global" and v["basis"] == "inherited" and v["status"] == "untrusted",
      f"AS23764 inherits: {v['basis']} {v['status']}")
check([c["id"] for c in v["chain"]] == ["china-telecom-global", "china-telecom"], f"chain {v['chain']}")
check(any(e["kind"] == "ownership" for e in v["evidence"]), "ownership evidence shown")

# 4. --as-of: China Telecom (Americas) before and after its authorisation was revoked.
_, before, _ = lookup_json("china-telecom-americas", extra=("--as-of", "2020-01-01"))
_, after, _ = lookup_json("china-telecom-americas", extra=("--as-of", "2022-01-01"))
check(before[0]["status"] == "unknown", f"CTA 2020-01-01: {before[0]['status']}")
check(after[0]["status"] == "untrusted", f"CTA 2022-01-01: {after[0]['status']}")
check(any("section 214" in e["text"] for e in after[0]["evidence"]), "CTA 2022 cites the section 214 revocation")

# 5. Streaming from stdin: the same verdicts, comments and blank lines skipped.
code, vs, _ = lookup_json(stdin="# ids\nAS4134\n\nAS1221\n", extra=("--as-of", "2024-06-01"))
check(code == 1 and [v["input"] for v in vs] == ["AS4134", "AS1221"], "stdin streaming")

# 6. Bad identifiers: exit 2 with a message naming where and what was expected.
code, out, err = run("registry", "lookup", "AS99999999999")
check(code == 2, f"bad ASN exit code {code}")
check(err.strip() == 'argument 1: expected an AS number from 0 to 4294967295, found "AS99999999999"', f"bad ASN message: {err!r}")
code, out, err = run("registry", "lookup", "--as-of", "2021-02-30", "AS4134")
check(code == 2 and "--as-of: expected a date YYYY-MM-DD" in err, f"bad --as-of: {code} {err!r}")
code, out, err = run("registry", "lookup", "--format", "yaml", "AS4134")
check(code == 2, f"bad --format exit code {code}")

# 7. A user registry layered over the bundled one: the override is visible in the evidence.
import tempfile
with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
    f.write('schema = 1\n[[list]]\nname = "Operator list"\nurl = "https://example.org/l"\n'
            '[[organisation]]\nid = "ericsson"\n[[organisation.designation]]\nlist = "Operator list"\n'
            'status = "trusted"\ndate = 2023-01-01\nsource_url = "https://example.org/l#ericsson"\n')
    user = f.name
code, vs, _ = lookup_json("Ericsson", extra=("--as-of", "2024-06-01", "--registry", user))
os.unlink(user)
check(vs[0]["status"] == "trusted" and any(user in e["text"] for e in vs[0]["evidence"]), "user layer shows in evidence")

print(f"lookup acceptance: {0 if failures else 1} passed, {1 if failures else 0} failed")
sys.exit(1 if failures else 0)
