#!/usr/bin/env python3
"""Runs the Python examples of a Markdown page (docs/python.md) and checks what they print.

Every ```pycon block is a doctest session (">>> " and "... " lines, then the exact output),
run from the repository root with the built package on PYTHONPATH; the blocks of a page share
one namespace, in order, as a reader typing them would. A block that imports a module which is
not installed (pandas) is skipped, and the skip is printed with its reason. The tests/doc_examples.py
convention for console blocks, for Python.

usage: doc_examples.py DOC.md
"""
import doctest
import importlib.util
import os
import re
import sys

BLOCK = re.compile(r"```pycon\n(.*?)```", re.S)
IMPORT = re.compile(r"^>>> (?:import|from) (\w+)", re.M)


def main():
    doc = os.path.abspath(sys.argv[1])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.chdir(root)
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    globs = {}
    blocks = ran = skipped = 0
    for m in BLOCK.finditer(text):
        blocks += 1
        line = text.count("\n", 0, m.start()) + 2
        missing = [mod for mod in IMPORT.findall(m.group(1)) if importlib.util.find_spec(mod) is None]
        if missing:
            print(f"skipped: {os.path.basename(doc)}:{line}: needs {', '.join(missing)}, which is not installed")
            skipped += 1
            continue
        test = parser.get_doctest(m.group(1), globs, f"{os.path.basename(doc)}:{line}", doc, line - 1)
        runner.run(test, clear_globs=False)
        globs.update(test.globs)  # DocTest works on a copy: carry the names to the next block
        ran += 1
    result = runner.summarize(verbose=False)
    print(f"{blocks} blocks: {ran} run, {skipped} skipped; {result.attempted} examples, {result.failed} failed")
    if blocks == 0:
        print("FAILED: no ```pycon block found")
        sys.exit(1)
    sys.exit(1 if result.failed else 0)


if __name__ == "__main__":
    main()
