#!/usr/bin/env bash
# SARIF from `cleannet registry lookup --format sarif` must validate with no error-level
# result in Microsoft's SARIF Multitool (tests/sarif/validate.sh; exit 77 = skipped).
set -euo pipefail
cli=$1
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
rc=0
"$cli" registry lookup --format sarif --as-of 2024-01-01 AS4134 AS1221 "Acme Widgets Ltd" \
  00:18:82:12:34:56 oss-cn-hangzhou.aliyuncs.com > "$tmp/args.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "expected exit 1 (untrusted found), got $rc"; exit 1; }
printf 'AS4134\n# a comment\ncom.tencent.mm\nEricsson\n' > "$tmp/ids.txt"
rc=0
"$cli" registry lookup --format sarif --from "$tmp/ids.txt" > "$tmp/file.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "expected exit 1, got $rc"; exit 1; }
for f in "$tmp/args.sarif" "$tmp/file.sarif"; do
  bash "$root/tests/sarif/validate.sh" "$f"
done

# Registry problems as SARIF (one result per problem, located at file:line:column).
rc=0
"$cli" registry check --standalone --format sarif tests/data/bad/registry/ownership-cycle.toml \
  tests/data/bad/registry/bad-id.toml > "$tmp/check.sarif" || rc=$?
[ "$rc" -eq 2 ] || { echo "registry check: expected exit 2, got $rc"; exit 1; }
python3 - "$tmp/check.sarif" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert len(r) >= 1 and all(x["level"] == "error" for x in r), r
loc = r[0]["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"].startswith("tests/data/bad/registry/") and loc["region"]["startLine"] > 0, loc
PY
bash "$root/tests/sarif/validate.sh" "$tmp/check.sarif"

# Clean Path findings as SARIF, located at the inventory lines the vendors came from.
rc=0
"$cli" path check data/inventory/topologyzoo/Geant2012.graphml.gz --vendors data/inventory/synthetic/Geant2012.vendors.csv \
  --demands data/inventory/synthetic/Geant2012.demands.csv --as-of 2024-06-01 --format sarif > "$tmp/path.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "path check: expected exit 1, got $rc"; exit 1; }
bash "$root/tests/sarif/validate.sh" "$tmp/path.sarif"

# Clean Things findings as SARIF, located at the first sighting of each device; standard
# input gets the URI "stdin".
rc=0
"$cli" things scan --as-of 2024-06-01 --format sarif tests/data/netmodel/things/office-nmap.xml \
  tests/data/netmodel/things/office-dhcpd.leases tests/data/netmodel/things/office-arp-an.txt > "$tmp/things.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "things scan: expected exit 1, got $rc"; exit 1; }
rc=0
"$cli" things scan --as-of 2024-06-01 --format sarif - < tests/data/netmodel/things/office-ip-neigh.txt \
  > "$tmp/things-stdin.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "things scan -: expected exit 1, got $rc"; exit 1; }
python3 - "$tmp/things.sarif" "$tmp/things-stdin.sarif" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert len(r) == 6, len(r)  # 4 untrusted (errors: DJI on the 1260H list since 2022-10-05), 2 unknown (warnings)
assert sum(x["level"] == "error" for x in r) == 4, [x["level"] for x in r]
loc = r[0]["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == "tests/data/netmodel/things/office-nmap.xml" and loc["region"]["startLine"] == 24, loc
s = json.load(open(sys.argv[2]))["runs"][0]["results"]
assert {x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in s} == {"stdin"}, s
PY
for f in "$tmp/things.sarif" "$tmp/things-stdin.sarif"; do
  bash "$root/tests/sarif/validate.sh" "$f"
done

# The rip-and-replace plan as SARIF: one result per element to replace, at its vendor's line.
rc=0
"$cli" path plan data/inventory/topologyzoo/Geant2012.graphml.gz --vendors data/inventory/synthetic/Geant2012.vendors.csv \
  --demands data/inventory/synthetic/Geant2012.demands.csv --as-of 2024-06-01 --format sarif > "$tmp/plan.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "path plan: expected exit 1, got $rc"; exit 1; }
python3 - "$tmp/plan.sarif" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert len(r) >= 1, r
loc = r[0]["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == "data/inventory/synthetic/Geant2012.vendors.csv" and loc["region"]["startLine"] > 1, loc
PY
bash "$root/tests/sarif/validate.sh" "$tmp/plan.sarif"

# Clean Carrier findings as SARIF (routes with their collector, peer, path and time as evidence).
rc=0
"$cli" carrier check --asn 3356 --rib data/internet/mrt/rib.20140523.0600_firstMB.bz2 --keep-going \
  --as-names data/internet/caida/asn_names_lookup.txt.xz --as-of 2024-06-01 --format sarif \
  > "$tmp/carrier.sarif" 2>/dev/null || rc=$?
[ "$rc" -eq 1 ] || { echo "carrier check: expected exit 1, got $rc"; exit 1; }
python3 - "$tmp/carrier.sarif" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert len(r) >= 1 and any(x["level"] == "error" for x in r), [x["level"] for x in r]
PY
bash "$root/tests/sarif/validate.sh" "$tmp/carrier.sarif"

# Clean Cloud findings as SARIF, located at the file, line and column of each Terraform
# resource block (as Checkov and tfsec report them).
rc=0
"$cli" cloud check tests/data/cloud/golden/inputs/mixed --as-of 2025-01-01 --format sarif > "$tmp/cloud.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "cloud check: expected exit 1, got $rc"; exit 1; }
python3 - "$tmp/cloud.sarif" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert [x["level"] for x in r] == ["error", "error", "warning"], [x["level"] for x in r]
loc = r[0]["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == "tests/data/cloud/golden/inputs/mixed/main.tf", loc
assert loc["region"]["startLine"] == 14 and loc["region"]["startColumn"] == 1, loc
assert r[0]["ruleId"] == "CN-CLOUD", r[0]["ruleId"]
PY
bash "$root/tests/sarif/validate.sh" "$tmp/cloud.sarif"

# Clean Cable: one result per untrusted cable (located at its record in the cable file) and
# one per country that loses its clean connection (logical location only).
rc=0
(cd "$root" && "$cli" cable check --data tests/data/cable/synthetic.jsonl --as-of 2024-01-01 --format sarif) \
  > "$tmp/cable.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "cable check: expected exit 1, got $rc"; exit 1; }
python3 - "$tmp/cable.sarif" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert [x["level"] for x in r] == ["error"] * 6, [x["level"] for x in r]
assert all(x["ruleId"] == "CN-CABLE" for x in r), [x["ruleId"] for x in r]
loc = r[0]["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == "tests/data/cable/synthetic.jsonl", loc
assert loc["region"]["startLine"] == 4 and loc["region"]["startColumn"] == 1, loc
PY
bash "$root/tests/sarif/validate.sh" "$tmp/cable.sarif"

# trace check: one result per untrusted or undetermined trace, located at its record.
rc=0
(cd "$root" && "$cli" trace check tests/data/trace/golden/atlas_array.json tests/data/trace/golden/atlas_v6.ndjson \
  --pfx2as tests/data/trace/origins.pfx2as --ixp tests/data/trace/ixps.jsonl --as-of 2024-06-01 \
  --format sarif) > "$tmp/trace.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "trace check: expected exit 1, got $rc"; exit 1; }
python3 - "$tmp/trace.sarif" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert len(r) == 5, len(r)  # 3 untrusted (errors: CN-ANY), 2 undetermined (warnings)
assert sum(x["level"] == "error" for x in r) == 3, [x["level"] for x in r]
loc = r[0]["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == "tests/data/trace/golden/atlas_array.json" and loc["region"]["startLine"] == 2, loc
PY
bash "$root/tests/sarif/validate.sh" "$tmp/trace.sarif"

# apps check: one result per untrusted app and one for the device maker, located at the
# list line of each package (the maker at the file).
rc=0
(cd "$root" && "$cli" apps check tests/data/apps/golden/inputs/huawei-system.txt tests/data/apps/golden/inputs/catalogue.csv \
  --as-of 2025-01-01 --format sarif) > "$tmp/apps.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "apps check: expected exit 1, got $rc"; exit 1; }
python3 - "$tmp/apps.sarif" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert all(x["ruleId"] == "CN-APPS" for x in r), [x["ruleId"] for x in r]
loc = r[1]["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == "tests/data/apps/golden/inputs/huawei-system.txt" and loc["region"]["startLine"] == 3, loc
PY
bash "$root/tests/sarif/validate.sh" "$tmp/apps.sarif"

# apps inspect: one result per untrusted SDK (Bugly -> Tencent), located at the APK.
rc=0
(cd "$root" && "$cli" apps inspect tests/data/apps/bugly-upgrade-demo_com.bugly.upgrade.demo_11.apk \
  tests/data/apps/fdroidserver_com.politedroid_6.apk --as-of 2025-01-01 --no-ieee-data --format sarif) > "$tmp/apps-inspect.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "apps inspect: expected exit 1, got $rc"; exit 1; }
python3 - "$tmp/apps-inspect.sarif" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert [x["level"] for x in r] == ["error"], [x["level"] for x in r]
assert r[0]["ruleId"] == "CN-APPS", r[0]["ruleId"]
loc = r[0]["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == "tests/data/apps/bugly-upgrade-demo_com.bugly.upgrade.demo_11.apk", loc
PY
bash "$root/tests/sarif/validate.sh" "$tmp/apps-inspect.sarif"
