#!/usr/bin/env python3
"""Runs the console examples in a Markdown file and checks their output.

Every ```console block is a list of commands, each a line starting with "$ ", followed by the
exact output it must print (stdout and stderr together). A last line "[exit N]" states a
non-zero exit code. Commands run with bash from the repository root, with the freshly built
`cleannet` first on PATH, so the docs cannot drift from the program. The Markdown file is a
golden (tests/goldens.py): CLEANNET_UPDATE_GOLDEN=1 rewrites each example's output and exit
line with what the command printed, and leaves everything else in the file as it is.

usage: doc_examples.py CLEANNET_BINARY DOC.md
"""
import difflib
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldens  # noqa: E402

BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)


def parse(block):
    """The lines before the first command, and each (command, expected output lines)."""
    lead, examples, cmd, out = [], [], None, []
    for line in block.splitlines():
        if line.startswith("$ "):
            if cmd is not None:
                examples.append((cmd, out))
            cmd, out = line[2:], []
        elif cmd is not None:
            out.append(line)
        else:
            lead.append(line)
    if cmd is not None:
        examples.append((cmd, out))
    return lead, examples


def examples(text):
    for m in BLOCK.finditer(text):
        yield from parse(m.group(2))[1]


def main():
    binary, doc = sys.argv[1], sys.argv[2]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(os.path.abspath(binary)) + os.pathsep + env["PATH"]
    with open(doc, encoding="utf-8", newline="") as f:
        text = f.read()
    n = failed = 0

    def run_block(m):
        nonlocal n, failed
        lead, block_examples = parse(m.group(2))
        lines = list(lead)
        for cmd, expected in block_examples:
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
            lines += ["$ " + cmd, *got] + ([f"[exit {p.returncode}]"] if p.returncode else [])
            if not goldens.UPDATE and (got != expected or p.returncode != want_code):
                failed += 1
                print(f"FAILED: {doc}: $ {cmd}")
                print(f"  exit {p.returncode}, expected {want_code}")
                for d in difflib.unified_diff(expected, got, "documented", "actual", lineterm=""):
                    print("  " + d)
        return m.group(1) + "".join(line + "\n" for line in lines) + m.group(3)

    updated = BLOCK.sub(run_block, text)
    if n == 0:
        print(f"{doc}: no console examples")
        return 1
    if goldens.UPDATE:
        goldens.check(doc, updated)
    print(f"{doc}: {n - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
