#!/usr/bin/env python3
"""Hand-checked golden cases of `cleannet cable check` (tests/data/cable/golden, run by
golden.py's run_cases; see there for the case layout and tests/data/cable/golden/README.md
for what each case shows), and the GeoJSON map of the bundled snapshot.

usage: cable_golden.py CLEANNET_BINARY
(CLEANNET_UPDATE_GOLDEN=1 rewrites the expected files, as for golden.py; the GeoJSON checks
below are assertions, not goldens, and run either way.)
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden import finish, run_cases  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
passed, failed, ncases = run_cases(CLI, "cable")

# GeoJSON of the bundled snapshot (RFC 7946): a FeatureCollection with one feature per cable,
# the properties a map needs, verdict counts equal to the JSON report's, and every cable's
# route a MultiLineString of [longitude, latitude] positions.
args = ["cable", "check", "--as-of", "2024-01-01"]
g = subprocess.run([CLI, *args, "--format", "geojson"], stdout=subprocess.PIPE, text=True, timeout=120)
j = subprocess.run([CLI, *args, "--format", "json"], stdout=subprocess.PIPE, text=True, timeout=120)
problems = []
try:
    geo, rep = json.loads(g.stdout), json.loads(j.stdout)
    feats = geo["features"]
    if geo["type"] != "FeatureCollection" or len(feats) != 526 or g.returncode != 1:
        problems.append(f"type {geo['type']}, {len(feats)} features, exit {g.returncode}")
    counts = {}
    for f in feats:
        p = f["properties"]
        if f["type"] != "Feature" or not all(k in p for k in ("id", "name", "verdict", "colour")):
            problems.append(f"feature {f.get('id')}: missing properties")
        counts[p["verdict"]] = counts.get(p["verdict"], 0) + 1
        geom = f["geometry"]
        if geom is None or geom["type"] != "MultiLineString" or not geom["coordinates"]:
            problems.append(f"feature {p['id']}: geometry {geom and geom['type']}")
            continue
        for line in geom["coordinates"]:
            for lon, lat in line:
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                    problems.append(f"feature {p['id']}: position {lon},{lat}")
    for k in ("untrusted-supplier", "untrusted-owner", "unknown", "trusted"):
        if counts.get(k, 0) != rep["counts"][k]:
            problems.append(f"{k}: {counts.get(k, 0)} features, {rep['counts'][k]} in the JSON report")
    if counts.get("untrusted-supplier") != 36 or not geo.get("attribution", "").startswith("Data: TeleGeography"):
        problems.append(f"untrusted-supplier {counts.get('untrusted-supplier')}, attribution {geo.get('attribution')}")
except (ValueError, KeyError, TypeError) as e:
    problems.append(f"not parseable: {e}")
# --geojson FILE beside the text report writes the same document.
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "cables.geojson")
    t = subprocess.run([CLI, *args, "--geojson", out], stdout=subprocess.PIPE, text=True, timeout=120)
    with open(out) as f:
        if f.read() != g.stdout or not t.stdout.startswith("cable check of bundled:"):
            problems.append("--geojson FILE differs from --format geojson")
if problems:
    failed += 1
    print("FAILED geojson: " + "; ".join(problems[:5]))
else:
    passed += 1

finish(passed, failed, ncases, 8)
