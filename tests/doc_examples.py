#!/usr/bin/env python3
"""Runs the console examples in a Markdown file and checks their output.

Every ```console block is a list of commands, each a line starting with "$ ", followed by the
exact output it must print (stdout and stderr together). A last line "[exit N]" states a
non-zero exit code. Commands run with bash from the repository root, with the freshly built
`cleannet` first on PATH, so the docs cannot drift from the program.

usage: doc_examples.py CLEANNET_BINARY DOC.md
"""
import os
import re
import subprocess
import sys


def examples(text):
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        cmd, out = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if cmd is not None:
                    yield cmd, out
                cmd, out = line[2:], []
            elif cmd is not None:
                out.append(line)
        if cmd is not None:
            yield cmd, out


def main():
    binary, doc = sys.argv[1], sys.argv[2]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(os.path.abspath(binary)) + os.pathsep + env["PATH"]
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    n = failed = 0
    for cmd, expected in examples(text):
        n += 1
        want_code = 0
        if expected and re.fullmatch(r"\[exit \d+\]", expected[-1]):
            want_code = int(expected[-1][6:-1])
            expected = expected[:-1]
        p = subprocess.run(["bash", "-c", cmd], cwd=root, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=120)
        got = p.stdout.decode("utf-8", "replace").rstrip("\n").split("\n")
        if got == [""]:
            got = []
        if got != expected or p.returncode != want_code:
            failed += 1
            print(f"FAILED: {doc}: $ {cmd}")
            print(f"  exit {p.returncode}, expected {want_code}")
            import difflib
            for d in difflib.unified_diff(expected, got, "documented", "actual", lineterm=""):
                print("  " + d)
    if n == 0:
        print(f"{doc}: no console examples")
        return 1
    print(f"{doc}: {n - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
