#!/usr/bin/env python3
"""Hand-checked golden cases of `cleannet cable check`.

Each folder under tests/data/cable/golden/ with an `args` file is one case (inputs/ holds
the shared synthetic inputs): `args` holds the arguments after
`cleannet cable` on one line ({dir} is the case's folder, paths are relative to the
repository root), `expected` the exact standard output followed by a last line
`[exit N]`. Every expected file was read and checked by hand against the inputs; see
tests/data/cable/golden/README.md for what each case shows.

usage: cable_golden.py CLEANNET_BINARY [--update]
  --update rewrites the expected files from the binary's output (then review the diff!).
"""
import json
import os
import shlex
import subprocess
import sys

CLI = os.path.abspath(sys.argv[1])
UPDATE = "--update" in sys.argv[2:]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN = os.path.join("tests", "data", "cable", "golden")
os.chdir(ROOT)

failed = passed = 0
cases = sorted(d for d in os.listdir(GOLDEN) if os.path.isfile(os.path.join(GOLDEN, d, "args")))
for case in cases:
    folder = os.path.join(GOLDEN, case)
    with open(os.path.join(folder, "args")) as f:
        args = shlex.split(f.read().replace("{dir}", folder))
    # No IEEE data: the cases must not depend on what the machine has installed.
    p = subprocess.run([CLI, "cable", *args, "--no-ieee-data"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, timeout=120)
    got = p.stdout + f"[exit {p.returncode}]\n"
    expected_path = os.path.join(folder, "expected")
    if UPDATE:
        with open(expected_path, "w") as f:
            f.write(got)
        continue
    with open(expected_path) as f:
        want = f.read()
    if got != want or p.stderr:
        failed += 1
        print(f"FAILED {case}: cleannet cable {' '.join(args)}")
        if p.stderr:
            print(f"  stderr: {p.stderr.strip()}")
        g, w = got.split("\n"), want.split("\n")
        for i, (a, b) in enumerate(zip(w + [""] * len(g), g + [""] * len(w))):
            if a != b:
                print(f"  line {i + 1}\n    expected: {a}\n    actual:   {b}")
                break
    else:
        passed += 1

# GeoJSON of the bundled snapshot (RFC 7946): a FeatureCollection with one feature per cable,
# the properties a map needs, verdict counts equal to the JSON report's, and every cable's
# route a MultiLineString of [longitude, latitude] positions.
if not UPDATE:
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
    import tempfile
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

if UPDATE:
    print(f"updated {len(cases)} expected files; review them with git diff")
    sys.exit(0)
print(f"{passed} passed, {failed} failed ({len(cases)} cases)")
if len(cases) < 8:
    print("FAILED: fewer than 8 golden cases found")
    sys.exit(1)
sys.exit(1 if failed else 0)
