#!/usr/bin/env python3
"""The HTML report (docs/report.md) as the CLI writes it, on the bundled scenario (data/audit/acme)
run twice into a store, the second time on the next quarter's inventory:

  1. `audit run -o html:`, `audit report`, `audit show RUN -o html:` and `audit diff A B -o html:`
     write the template of docs/report.md; the data element is the first `</script>` after its
     start tag and parses to what the other commands print: `run` = `audit show RUN -o json`,
     `history` = the scenario's entries of `audit history --format json` up to the run,
     `diff` = `audit diff PREV RUN --format json` (or null), `cables` = the cable check's cables
     with their routes from data/cables/cable-geo.json.gz (read here, independently);
  2. the report of a run is the same file whenever it is made: `audit show N -o html` is byte for
     byte what `audit run` wrote for run N, also after later runs;
  3. `--no-store`: history [] and diff null, title "run -"; `-o html` to a terminal is refused
     (exit 2), to a pipe allowed; `audit report` of a scenario without runs is exit 2.

usage: audit_report.py CLEANNET_BINARY
"""
import gzip
import json
import os
import pty
import re
import subprocess
import sys
import tempfile

from acme_estate import AcmeEstate

CLI = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []

HEAD = ('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'unsafe-inline\'; '
        'style-src \'unsafe-inline\'; img-src data:">\n<title>')
TEMPLATE = re.compile(re.escape(HEAD) + r"(?P<title>[^<]*)</title>\n<style>(?P<css>.*?)</style>\n</head>\n<body>\n"
                      r'<div id="app"></div>\n<script type="application/json" id="cleannet-data">(?P<data>.*?)</script>\n'
                      r"<script>(?P<js>.*?)</script>\n</body>\n</html>\n", re.S)


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


def run(*args):
    p = subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    check(p.returncode >= 0, f"cleannet {' '.join(args)} died of signal {-p.returncode}")
    return p


def parts(path):
    """The template's parts of the file (None after a failure)."""
    with open(path, encoding="utf-8") as f:
        html = f.read()
    m = TEMPLATE.fullmatch(html)
    check(m is not None, f"{path}: the template of docs/report.md")
    if not m:
        return None
    # A browser ends the data element at the first "</script" in any letter case.
    data = m.group("data")
    check(not re.search(r"</script|<!--|[<>&\u2028\u2029]", data, re.I), f"{path}: nothing in the data can end it")
    check("\n" not in data, f"{path}: the data is compact")
    return m.group("title"), m.group("css"), json.loads(data), m.group("js")


def routes():
    """Cable id -> MultiLineString, every feature of the bundled cable-geo.json merged (cable/routes.h)."""
    with gzip.open(os.path.join(ROOT, "data", "cables", "cable-geo.json.gz"), "rt", encoding="utf-8") as f:
        geo = json.load(f)
    out = {}
    for feat in geo["features"]:
        props, geom = feat.get("properties") or {}, feat.get("geometry")
        if not geom or "id" not in props:
            continue
        lines = out.setdefault(props["id"], {"type": "MultiLineString", "coordinates": []})["coordinates"]
        if geom["type"] == "MultiLineString":
            lines.extend(geom["coordinates"])
        elif geom["type"] == "LineString":
            lines.append(geom["coordinates"])
    return out


ROUTES = routes()


def check_cables(path, data):
    cable_checks = [c for c in data["run"]["checks"] if c["kind"] == "cable"]
    if not cable_checks:
        check(data["cables"] is None, f"{path}: no cable check, cables null")
        return
    want = [{"type": "Feature",
             "properties": {"id": c["id"], "name": c["name"], "verdict": c["verdict"], "clean": c["clean"],
                            "check": k["name"]},
             "geometry": ROUTES[c["id"]]}
            for k in cable_checks for c in (k["summary"] or {}).get("cables", []) if c["id"] in ROUTES]
    check(data["cables"]["type"] == "FeatureCollection", f"{path}: cables is a FeatureCollection")
    got = data["cables"]["features"]
    check(len(got) > 0, f"{path}: the acme cable check has cables with routes")
    check(got == want, f"{path}: one feature per cable with a route, as the run and cable-geo.json say")


def expand_evidence(path, data):
    """Format 2: every finding's evidence is indices into data["evidence"], which holds each
    distinct item once. Puts the items back in place, as the page does, so that DATA compares
    with `audit show -o json` and `audit diff --format json`."""
    table = data.pop("evidence", None)
    check(isinstance(table, list), f"{path}: an evidence table")
    if not isinstance(table, list):
        return
    keys = [json.dumps(e, sort_keys=True) for e in table]
    check(len(set(keys)) == len(keys), f"{path}: no evidence item twice in the table")
    used = set()

    def expand(findings):
        for f in findings:
            ev = f["evidence"]
            ok = all(isinstance(i, int) and 0 <= i < len(table) for i in ev)
            check(ok, f"{path}: evidence indices {ev} in range (table of {len(table)})")
            if ok:
                used.update(ev)
                f["evidence"] = [table[i] for i in ev]

    for c in data["run"]["checks"]:
        expand(c["findings"])
    if data["diff"]:
        for k in ("new", "fixed", "changed_evidence", "unchanged"):
            expand(data["diff"][k])
    check(used == set(range(len(table))), f"{path}: every evidence item used")


def check_report(path, run_id, history, diff):
    p = parts(path)
    if not p:
        return None
    title, css, data, js = p
    check(title == f"cleannet audit: acme-2026q4, run {run_id if run_id else '-'}", f"{path}: title {title!r}")
    check(data["format"] == "cleannet-report/2", f"{path}: format")
    expand_evidence(path, data)
    if run_id:
        show = json.loads(run("audit", "show", str(run_id), "--store", store, "-o", "json:-").stdout)
        check(data["run"] == show, f"{path}: run = audit show {run_id} -o json")
    check(data["history"] == history, f"{path}: history = {[h['run'] for h in history]}")
    check(data["diff"] == diff, f"{path}: diff")
    check_cables(path, data)
    check(re.search(r"</script|<!--", js, re.I) is None and "@media print" in css,
          f"{path}: the embedded front end cannot end its element and has a print stylesheet")
    return data


with tempfile.TemporaryDirectory() as tmp:
    estate = AcmeEstate(tmp)
    scenario, store = estate.scenario, estate.store
    out = lambda name: os.path.join(tmp, name)  # noqa: E731

    p = run("audit", "run", scenario, "--no-ieee-data", "-o", f"html:{out('run1.html')}")
    check(p.returncode == 1 and p.stdout == b"", f"run 1: exit 1, nothing on stdout ({p.returncode}, {p.stderr!r})")
    estate.next_quarter()
    p = run("audit", "run", scenario, "--no-ieee-data", "-o", f"html:{out('run2.html')}", "-o", "text:-")
    check(p.returncode == 0 and p.stdout.startswith(b"cleannet audit acme-2026q4"), "run 2: html and text at once")

    history = json.loads(run("audit", "history", "--store", store, "--format", "json").stdout)
    check([h["run"] for h in history] == [1, 2], "two runs stored")
    diff12 = json.loads(run("audit", "diff", "1", "2", "--store", store, "--format", "json").stdout)

    # 1. every way to make a report
    check_report(out("run1.html"), 1, history[:1], None)
    check_report(out("run2.html"), 2, history, diff12)
    p = run("audit", "report", "--store", store, "-o", out("report.html"))
    check(p.returncode == 0 and p.stdout == b"" and p.stderr == b"", f"audit report: exit 0, silent ({p.stderr!r})")
    check_report(out("report.html"), 2, history, diff12)
    p = run("audit", "show", "2", "--store", store, "-o", f"html:{out('show2.html')}")
    check(p.returncode == 0, f"audit show 2 exits with run 2's code ({p.returncode})")
    check_report(out("show2.html"), 2, history, diff12)
    p = run("audit", "diff", "1", "2", "--store", store, "-o", f"html:{out('diff.html')}")
    check(p.returncode == 0 and p.stdout == b"", f"audit diff -o html: exit 0, nothing on stdout ({p.returncode})")
    check_report(out("diff.html"), 2, history, diff12)
    # The diff's --fail-on is the report's; and a diff against any run, not only the one before.
    p = run("audit", "diff", "2", "1", "--store", store, "--fail-on", "warning", "-o", f"html:{out('diff21.html')}",
            "-o", f"json:{out('diff21.json')}")
    diff21 = json.load(open(out("diff21.json")))
    check(diff21["fail_on"] == "warning" and diff21["a"]["run"] == 2, "diff 2 1 --fail-on warning as JSON")
    check_report(out("diff21.html"), 1, history[:1], diff21)

    # 2. the same file whenever it is made
    for n in (1, 2):
        s = run("audit", "show", str(n), "--store", store, "-o", "html:-")
        check(s.stdout == open(out(f"run{n}.html"), "rb").read(),
              f"audit show {n} -o html is byte for byte what audit run wrote")
    for name in ("report.html", "show2.html", "diff.html"):
        check(open(out(name), "rb").read() == open(out("run2.html"), "rb").read(), f"{name} is run 2's report")
    r = run("audit", "report", "1", "--store", store, "-o", "-")
    check(r.stdout == open(out("run1.html"), "rb").read(), "audit report 1 -o - is run 1's report")
    r = run("audit", "report", "--store", store, "--scenario", "acme-2026q4", "-o", "-")
    check(r.stdout == open(out("run2.html"), "rb").read(), "audit report --scenario: its last run")

    # 3. not stored; terminals; no runs
    p = run("audit", "run", scenario, "--no-ieee-data", "--no-store", "-o", f"html:{out('nostore.html')}")
    check(p.returncode == 0, f"--no-store run ({p.returncode})")
    d = check_report(out("nostore.html"), 0, [], None)
    if d:
        check(d["run"]["audit"]["run"] is None, "--no-store: the run has no id")
    primary, replica = pty.openpty()
    t = subprocess.run([CLI, "audit", "show", "1", "--store", store, "-o", "html"], stdout=replica,
                       stderr=subprocess.PIPE, timeout=60)
    os.close(primary)
    os.close(replica)
    check(t.returncode == 2 and b"standard output that is not a terminal" in t.stderr,
          f"-o html to a terminal: exit 2 with a message ({t.returncode}, {t.stderr!r})")
    p = run("audit", "report", "--store", store, "--scenario", "no-such", "-o", out("none.html"))
    check(p.returncode == 2 and b'a run of scenario "no-such"' in p.stderr and not os.path.exists(out("none.html")),
          f"audit report of a scenario without runs: exit 2 ({p.stderr!r})")
    p = run("audit", "show", "1", "--store", store, "-o", "pdf:x")
    check(p.returncode == 2 and b"text, json, sarif, junit, html" in p.stderr, f"unknown format named ({p.stderr!r})")

print(f"{'FAILED' if failures else 'ok'}: {len(failures)} failures")
sys.exit(1 if failures else 0)
