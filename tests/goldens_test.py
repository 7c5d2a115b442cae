#!/usr/bin/env python3
"""The golden-file convention in Python (tests/goldens.py) and the doc-example runner's use of
it: a difference or a missing golden fails without the switch and leaves the file alone;
CLEANNET_UPDATE_GOLDEN=1, and only that value, rewrites what differs (and nothing else, so
unchanged output leaves the file's bytes and time as they were), after which the normal run
passes.

usage: goldens_test.py
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAILED " + what)


def run(args, update=None):
    env = dict(os.environ)
    env.pop("CLEANNET_UPDATE_GOLDEN", None)
    if update is not None:
        env["CLEANNET_UPDATE_GOLDEN"] = update
    return subprocess.run([sys.executable, *args], env=env, cwd=HERE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=60)


def goldens_check(path, got, update=None):
    """goldens.check(path, got) in a fresh interpreter; its return value, printed."""
    p = run(["-c", f"import goldens; print(repr(goldens.check({path!r}, {got!r})))"], update)
    return p.stdout.strip().split("\n")[-1]


def text_of(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


with tempfile.TemporaryDirectory() as tmp:
    g = os.path.join(tmp, "a.expected")
    write(g, "one\ntwo\n")
    check(goldens_check(g, "one\ntwo\n") == "None", "equal output passes")
    r = goldens_check(g, "one\nthree\n")
    check("differs from the golden" in r and "line 2" in r, f"a difference fails and names the line: {r}")
    check("differs" in goldens_check(g, "one\ntwo"), "the last newline counts")
    for value in ("", "0", "yes", "true"):
        check("differs" in goldens_check(g, "x\n", value), f"CLEANNET_UPDATE_GOLDEN={value!r} compares")
    check(text_of(g) == "one\ntwo\n", "compare runs leave the golden alone")
    missing = os.path.join(tmp, "missing.expected")
    check("is missing" in goldens_check(missing, "x\n"), "a missing golden fails")
    check(not os.path.exists(missing), "and is not written without the switch")

    os.utime(g, (1_000_000_000, 1_000_000_000))
    check(goldens_check(g, "one\ntwo\n", "1") == "None" and os.stat(g).st_mtime == 1_000_000_000,
          "the switch leaves an equal golden untouched")
    check(goldens_check(g, "one\nthree\n", "1") == "None" and text_of(g) == "one\nthree\n",
          "the switch rewrites a golden that differs")
    check(goldens_check(missing, "new\n", "1") == "None" and text_of(missing) == "new\n",
          "the switch writes a missing golden")
    check(goldens_check(g, "one\nthree\n") == "None", "after the update the normal run passes")

    # doc_examples.py: the documented outputs and exit lines are rewritten, nothing else.
    doc = os.path.join(tmp, "page.md")
    page = ("# Page\n\nText before.\n\n```console\n$ echo one; echo two\none\nTWO\n$ echo three; exit 3\nthree\n"
            "[exit 1]\n```\n\nText between.\n\n```console\n$ echo same\nsame\n```\n\n```sh\n$ echo untouched\n"
            "not run\n```\n")
    fixed = page.replace("one\nTWO\n", "one\ntwo\n").replace("[exit 1]", "[exit 3]")
    write(doc, page)
    runner = [os.path.join(HERE, "doc_examples.py"), sys.executable, doc]
    p = run(runner)
    check(p.returncode == 1 and "2 failed" in p.stdout, f"doc examples that differ fail: {p.stdout}")
    check(text_of(doc) == page, "and the page is left alone")
    p = run(runner, "1")
    check(p.returncode == 0 and text_of(doc) == fixed, f"the switch rewrites the outputs: {p.stdout}\n{text_of(doc)}")
    os.utime(doc, (1_000_000_000, 1_000_000_000))
    p = run(runner, "1")
    check(p.returncode == 0 and os.stat(doc).st_mtime == 1_000_000_000, "a second update run writes nothing")
    p = run(runner)
    check(p.returncode == 0 and "3 passed, 0 failed" in p.stdout, f"after the update the page passes: {p.stdout}")

print(f"goldens: {len(failures)} failed")
sys.exit(1 if failures else 0)
