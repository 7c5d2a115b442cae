#!/usr/bin/env bash
# A SARIF log of several runs with suppressed results (report/sarif.h, as the audit writes
# it) must validate with no error-level result in Microsoft's SARIF Multitool
# (tests/sarif/validate.sh; exit 77 = skipped).
set -euo pipefail
sample=$1
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$sample" > "$tmp/audit.sarif"
python3 - "$tmp/audit.sarif" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
assert [r["automationDetails"]["id"] for r in runs] == [
    "cleannet-audit/acme-2026q4/path", "cleannet-audit/acme-2026q4/cloud", "cleannet-audit/acme-2026q4/cable"], runs
assert [len(r["results"]) for r in runs] == [3, 1, 0]
assert [x["id"] for x in runs[0]["tool"]["driver"]["rules"]] == ["CN-PATH", "CN-PATH-UNKNOWN"]
suppressed = [x for r in runs for x in r["results"] if "suppressions" in x]
assert len(suppressed) == 2, suppressed
for x in suppressed:
    s, = x["suppressions"]
    assert s["kind"] == "external" and s["status"] == "accepted" and s["justification"], s
    assert set(s["properties"]) == {"owner", "expires", "created", "source"}, s
assert "suppressions" not in runs[0]["results"][0]
PY
bash "$root/tests/sarif/validate.sh" "$tmp/audit.sarif"
