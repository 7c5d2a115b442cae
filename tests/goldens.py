"""Golden files for the Python tests: the one convention of docs/testing.md.

A golden is a committed file that holds exactly what a test's output must be. Normally a
difference fails the test; with CLEANNET_UPDATE_GOLDEN=1 in the environment the test writes
its output to the file instead (only when it differs, so a run over unchanged output leaves
`git diff` empty) and passes, and the diff is then reviewed by hand. The C++ tests follow the
same convention through src/cleannet/core/testing/golden.h.

    import goldens
    problem = goldens.check("tests/data/path/golden/basic/expected", got)
    if problem: fail(problem)
"""
import os

# Exactly "1": any other value compares, so that a stray setting cannot rewrite the goldens.
UPDATE = os.environ.get("CLEANNET_UPDATE_GOLDEN") == "1"


def first_difference(want, got):
    """The first line where two texts differ, as a short description."""
    w, g = want.split("\n"), got.split("\n")
    for i, (a, b) in enumerate(zip(w + [""] * len(g), g + [""] * len(w))):
        if a != b:
            return f"line {i + 1}\n    expected: {a}\n    actual:   {b}"
    return "no difference"


def check(path, got):
    """Compares the text `got` with the golden file `path`, or rewrites the file under
    CLEANNET_UPDATE_GOLDEN=1. Returns None when they agree (or the file was rewritten), else
    what differs."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            want = f.read()
    except FileNotFoundError:
        want = None
    if UPDATE:
        if want != got:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(got)
            print(f"updated golden {path}")
        return None
    if want is None:
        return f"{path} is missing (CLEANNET_UPDATE_GOLDEN=1 writes it; then review it)"
    if want != got:
        return (f"output differs from the golden {path} (CLEANNET_UPDATE_GOLDEN=1 rewrites it; then review git diff): "
                + first_difference(want, got))
    return None
