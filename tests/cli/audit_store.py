#!/usr/bin/env python3
"""The audit store survives kills, concurrent writers, damage and newer schemas (issue 18).

All inputs are SYNTHETIC, written by this test from a seeded generator into a temporary
folder: a scenario with one lookup check reading a file of identifiers (the bundled registry
judges each one, and every identifier is a finding with its evidence, a few KB in the store).

1. Kill. One unkilled run is timed, and SQLite's WAL write lock (byte 120 of the -shm file,
   seen in /proc/locks; without byte 122, which a process opening the store holds with it
   while it rebuilds the WAL index) tells when its write transaction starts and ends. Then 50
   runs are killed with SIGKILL at seeded random moments over the whole run, most of them
   inside the write transaction (the kill waits for the lock, then a random part of the
   transaction's length). After each kill the store must pass PRAGMA integrity_check, have no
   rows of inputs, checks, findings or counts for a run not in `runs`, every run must be
   complete (its finding_count rows; `audit history` and `audit show` agree with an unkilled
   run), and no run may be lost (the runs are those committed, ids increasing). Each kill is
   classed by what the process was doing: before its write transaction, inside it (and
   whether the WAL had grown), after the commit (checkpoint, outputs), after its exit. Then
   the first run of a new store is killed 20 times at random moments (most while it creates the store): the next
   `audit history` lists no run or that one, and the next run is stored after it.
2. Concurrency. Two loops of `audit run`, 20 runs each, on one store that does not exist yet,
   while a third loop reads `audit history`: 40 runs, ids 1..40 as the runs reported them,
   all complete, integrity ok; every history read lists complete runs only, none lost. Before
   that, 40 rounds of two runs and three histories started at once on a new store (the second
   creator once took the first one's new tables for another program's database).
3. Corruption. A good store of two runs, then copies damaged at seeded random offsets (bytes
   overwritten in the file header, in the rest of the first page, in later pages; and
   truncations, at the edges and at random): `audit history`, `audit show 1`, `audit diff 1 2`
   and `audit run --store` must each give the good store's output (exit 0/1) or exit 2 with a
   message naming the store; never a signal, a hang (60 s) or an abort ("terminate called", a
   sanitizer report). A store truncated to 0 bytes is a new, empty store (store.h).
4. Newer schema. A store with PRAGMA user_version = 99 is refused by history, show, diff and
   run with exit 2 and "newer ... upgrade", and left unchanged.

Under the sanitizers (AUDIT_STORE_SMALL=1, set by tests/CMakeLists.txt with CLEANNET_SANITIZE,
where each cleannet command takes 3-5 times as long) the kill scenario has fewer identifiers,
and there are fewer creation kills and races and fewer damaged copies; the 50 kills and the
two writers of 20 runs stay.

usage: audit_store.py CLEANNET_BINARY
"""
import concurrent.futures
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

CLI = os.path.abspath(sys.argv[1])
SMALL = os.environ.get("AUDIT_STORE_SMALL") == "1"
# Identifiers of the kill scenario. Under the sanitizers its runs skip the IEEE registry
# (a fixed 0.2 s of each run in the normal build, several times that there): the MAC
# addresses are then unknown, and their findings smaller.
KILL_IDS = 400 if SMALL else 800
KILL_IEEE = [] if not SMALL else ["--no-ieee-data"]
KILLS = 50
CORRUPT_CASES = 60 if SMALL else 300
CONCURRENT_RUNS = 20  # per writer
CREATION_KILLS = 10 if SMALL else 20
CREATION_RACES = 15 if SMALL else 40
TIMEOUT = 60
CORES = 2  # the damaged copies are tried two at a time
ABORT_TEXTS = ("terminate called", "Sanitizer", "runtime error:", "Segmentation fault", "Assertion", "Aborted",
               "core dumped")
problems = []
t_start = time.monotonic()


def problem(text):
    problems.append(text)
    print("FAIL:", text, flush=True)


def aborted(err):
    return next((t for t in ABORT_TEXTS if t in err), None)


def cli(args, timeout=TIMEOUT):
    """(exit code, stdout, stderr); a hang is exit None. A hang, a signal or an abort's text
    is a problem of every command."""
    try:
        r = subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        problem(f"cleannet {' '.join(args)}: no answer within {timeout} s")
        return None, "", ""
    out, err = r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")
    if r.returncode < 0 or aborted(err):
        problem(f"cleannet {' '.join(args)}: exit {r.returncode}: {err.strip()[:500]}")
    return r.returncode, out, err


# --- synthetic inputs ---------------------------------------------------------------------

def identifiers(rng, n):
    """A seeded mix of what the registry knows and what it does not."""
    named = ["AS4134", "AS3356", "AS4812", "AS9808", "AS174", "Huawei", "ZTE", "Nokia", "Ericsson", "huawei.com",
             "zte.com.cn", "China Telecom"]
    out = []
    for _ in range(n):
        k = rng.randrange(6)
        if k == 0:
            out.append(rng.choice(named))
        elif k == 1:
            out.append("mac:00:18:82:%02x:%02x:%02x" % (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        elif k == 2:
            out.append("AS%d" % rng.randrange(1, 400000))
        elif k == 3:
            out.append("host%d.%s" % (rng.randrange(100000),
                                      rng.choice(["huawei.com", "zte.com.cn", "example.org", "chinatelecom.cn"])))
        elif k == 4:
            out.append("10.%d.%d.%d" % (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        else:
            out.append(rng.choice(named[:4]))
    return out


def write_scenario(folder, name, ids):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "ids.txt"), "w") as f:
        f.write("# SYNTHETIC identifiers (tests/cli/audit_store.py)\n" + "\n".join(ids) + "\n")
    path = os.path.join(folder, "scenario.toml")
    with open(path, "w") as f:
        f.write(f'# SYNTHETIC (tests/cli/audit_store.py)\nname = "{name}"\npolicy = "eu-toolbox"\n'
                f'as_of = "2026-12-01"\n\n[[check]]\nkind = "lookup"\nname = "suppliers"\nfrom = "ids.txt"\n')
    return path


# --- reading a store ----------------------------------------------------------------------

def sqlite_state(db):
    """(integrity rows, orphan rows by table, incomplete runs, run ids) through Python's sqlite3."""
    con = sqlite3.connect(db, timeout=TIMEOUT)
    try:
        integrity = [r[0] for r in con.execute("PRAGMA integrity_check")]
        orphans = {}
        for table in ("inputs", "checks", "findings", "counts"):
            n = con.execute(f"SELECT count(*) FROM {table} WHERE run_id NOT IN (SELECT id FROM runs)").fetchone()[0]
            if n:
                orphans[table] = n
        incomplete = con.execute(
            "SELECT id FROM runs WHERE finding_count != (SELECT count(*) FROM findings WHERE run_id = runs.id) "
            "OR input_count != (SELECT count(*) FROM inputs WHERE run_id = runs.id) "
            "OR check_count != (SELECT count(*) FROM checks WHERE run_id = runs.id)").fetchall()
        ids = [r[0] for r in con.execute("SELECT id FROM runs ORDER BY id")]
    finally:
        con.close()
    return integrity, orphans, [r[0] for r in incomplete], ids


SPENT = {"history": 0.0, "sqlite3": 0.0, "show": 0.0}


def check_store(db, what, expected_findings, show_ids):
    """Every check of a store that must be sound; the run ids (from audit history)."""
    t = time.monotonic()
    rc, out, err = cli(["audit", "history", "--store", db, "--format", "json"])
    SPENT["history"] += time.monotonic() - t
    if rc != 0:
        problem(f"{what}: audit history: exit {rc}: {err.strip()}")
        return None
    history = json.loads(out)
    t = time.monotonic()
    integrity, orphans, incomplete, ids = sqlite_state(db)
    SPENT["sqlite3"] += time.monotonic() - t
    if integrity != ["ok"]:
        problem(f"{what}: integrity_check: {integrity[:5]}")
    if orphans:
        problem(f"{what}: rows of runs not in the runs table: {orphans}")
    if incomplete:
        problem(f"{what}: incomplete runs {incomplete}")
    hist_ids = [r["run"] for r in history]
    if hist_ids != ids:
        problem(f"{what}: audit history lists runs {hist_ids}, the runs table {ids}")
    for r in history:
        if r["findings"] != expected_findings or sum(c["findings"] for c in r["counts"]) != expected_findings:
            problem(f"{what}: run {r['run']}: audit history says {r['findings']} findings, an unkilled run "
                    f"{expected_findings}")
    for i in show_ids(hist_ids):
        t = time.monotonic()
        rc, out, err = cli(["audit", "show", str(i), "--store", db, "-o", "json:-"])
        if rc not in (0, 1):
            problem(f"{what}: audit show {i}: exit {rc}: {err.strip()}")
            continue
        n = sum(len(c["findings"]) for c in json.loads(out)["checks"])
        SPENT["show"] += time.monotonic() - t
        if n != expected_findings:
            problem(f"{what}: audit show {i}: {n} findings, an unkilled run {expected_findings}")
    return hist_ids


# --- 1. kill --------------------------------------------------------------------------------

def shm_write_lock(pid, shm):
    """Whether `pid` is in a write transaction: it holds SQLite's WAL write lock (byte 120 of
    the -shm file, seen in /proc/locks) and not the recovery lock (byte 122: a process that
    opens the store rebuilds the WAL index holding both)."""
    try:
        ino = os.stat(shm).st_ino
        with open("/proc/locks") as f:
            text = f.read()
    except OSError:
        return False
    held = set()
    for line in text.splitlines():
        p = line.split()
        # 1: POSIX  ADVISORY  WRITE 4242 fe:00:10961282 120 120
        if len(p) >= 8 and p[1] == "POSIX" and p[3] == "WRITE" and p[4] == str(pid) \
                and p[5].rsplit(":", 1)[-1] == str(ino):
            held.add(p[6])
    return "120" in held and "122" not in held


def wal_size(db):
    try:
        return os.path.getsize(db + "-wal")
    except OSError:
        return 0


def timed_run(scenario, db):
    """One unkilled run, polled: (duration, write lock first seen, write lock last seen, exit)."""
    t0 = time.monotonic()
    err = tempfile.TemporaryFile()
    p = subprocess.Popen([CLI, "audit", "run", scenario, "--store", db, *KILL_IEEE, "-o", "text:/dev/null"],
                         stdout=subprocess.DEVNULL, stderr=err)
    first = last = None
    while p.poll() is None:
        if shm_write_lock(p.pid, db + "-shm"):
            now = time.monotonic() - t0
            first = now if first is None else first
            last = now
        time.sleep(0.001)
    err.seek(0)
    return time.monotonic() - t0, first, last, p.returncode, err.read().decode("utf-8", "replace")


def kill_test(tmp):
    folder = os.path.join(tmp, "kill")
    scenario = write_scenario(folder, "kill", identifiers(random.Random(18), KILL_IDS))
    db = os.path.join(folder, "history.sqlite")

    rc, out, err = cli(["audit", "run", scenario, "--no-store", *KILL_IEEE, "-o", "json:-"])
    if rc not in (0, 1):
        problem(f"kill: unkilled run without a store: exit {rc}: {err.strip()}")
        return
    expected = sum(len(c["findings"]) for c in json.loads(out)["checks"])
    # The first run creates the store; the second, like the killed ones, adds to it.
    timings = [timed_run(scenario, db) for _ in range(2)]
    for d, first, last, rc, err in timings:
        if rc not in (0, 1):
            problem(f"kill: unkilled run: exit {rc}: {err.strip()}")
    duration, w0, w1, _, _ = timings[1]
    print(f"kill: {KILL_IDS} identifiers, {expected} findings per run; an unkilled run takes {duration:.2f} s, "
          f"its write transaction {w0 or 0:.3f}-{w1 or 0:.3f} s", flush=True)
    runs = check_store(db, "kill: before the kills", expected, lambda ids: ids)
    if runs is None:
        return

    checking = 0.0
    rng = random.Random(4134)
    locks = w0 is not None
    if not locks:  # no /proc/locks: the write is taken to be the last tenth of the run
        print("kill: note: no write lock seen in /proc/locks: kills at delays only, and classed by the WAL",
              flush=True)
        w0, w1 = duration * 0.8, duration * 0.9
    classes = {"before the write transaction": 0, "in the write transaction": 0,
               "in the write transaction, writing the WAL": 0, "after the commit": 0, "after the exit": 0}
    for k in range(KILLS):
        # Spread over the whole run, most inside the write transaction: with /proc/locks, the
        # kill waits for the write lock to be taken (or released), then a random part of the
        # unkilled run's transaction (or of the rest of its run).
        r = rng.random()
        # (Each run that commits makes the store larger, and every later check longer: the
        # kills inside the transaction aim at its first 80 %, which the commit ends.)
        phase = "before" if r < 0.15 else "after" if r > 0.9 else "in"
        delay = rng.uniform(0, w0) if phase == "before" else rng.uniform(0, 0.8 * (w1 - w0)) if phase == "in" \
            else rng.uniform(0, duration - w1)
        wal_before = wal_size(db)
        err_file = tempfile.TemporaryFile()
        p = subprocess.Popen([CLI, "audit", "run", scenario, "--store", db, *KILL_IEEE, "-o", "text:/dev/null"],
                             stdout=subprocess.DEVNULL, stderr=err_file)
        t0 = time.monotonic()
        if locks and phase != "before":
            while p.poll() is None and not shm_write_lock(p.pid, db + "-shm") and time.monotonic() - t0 < TIMEOUT:
                time.sleep(0.0005)
            if phase == "after":
                while p.poll() is None and shm_write_lock(p.pid, db + "-shm") and time.monotonic() - t0 < TIMEOUT:
                    time.sleep(0.0005)
        elif phase != "before":
            delay += w0 if phase == "in" else w1
        time.sleep(delay)
        delay = time.monotonic() - t0
        locked = shm_write_lock(p.pid, db + "-shm")
        wal_grew = wal_size(db) > wal_before
        exited = p.poll() is not None
        p.send_signal(signal.SIGKILL)
        rc = p.wait()
        err_file.seek(0)
        err = err_file.read().decode("utf-8", "replace")
        err_file.close()
        what = f"kill {k + 1} at {delay:.3f} s"
        if exited and rc not in (0, 1):
            problem(f"{what}: the run ended by itself with exit {rc}: {err.strip()}")
        if aborted(err):
            problem(f"{what}: {err.strip()}")
        t1 = time.monotonic()
        after = check_store(db, what, expected, lambda ids: [i for i in ids if i not in runs])
        checking += time.monotonic() - t1
        if after is None:
            continue
        committed = [i for i in after if i not in runs]
        if any(i not in after for i in runs):
            problem(f"{what}: runs {sorted(set(runs) - set(after))} lost")
        if len(committed) > 1 or (committed and committed[0] <= max(runs, default=0)):
            problem(f"{what}: new runs {committed} after runs {runs}")
        if exited and rc in (0, 1) and not committed:
            problem(f"{what}: a run that ended with exit {rc} is not in the store")
        if exited:
            classes["after the exit"] += 1
        elif committed:
            classes["after the commit"] += 1
        elif (locked or not locks) and wal_grew:
            classes["in the write transaction, writing the WAL"] += 1
        elif locked:
            classes["in the write transaction"] += 1
        else:
            classes["before the write transaction"] += 1
        runs = after
    print("kill: " + ", ".join(f"{n} {c}" for c, n in classes.items()) + f"; {len(runs)} runs in the store; "
          f"{checking:.1f} s checking the store after the kills (" +
          ", ".join(f"{k} {v:.1f} s" for k, v in SPENT.items()) + ")",
          flush=True)
    if classes["in the write transaction"] + classes["in the write transaction, writing the WAL"] < KILLS // 4:
        print("kill: note: few kills landed inside the write transaction (a loaded machine?)", flush=True)
    check_store(db, "kill: at the end", expected, lambda ids: ids)


# --- 2. concurrency -------------------------------------------------------------------------

def concurrency_test(tmp):
    folder = os.path.join(tmp, "concurrent")
    scenario = write_scenario(folder, "concurrent", identifiers(random.Random(3356), 60))
    db = os.path.join(folder, "store", "history.sqlite")  # neither writer finds it
    rc, out, err = cli(["audit", "run", scenario, "--no-store", "--no-ieee-data", "-o", "json:-"])
    expected = sum(len(c["findings"]) for c in json.loads(out)["checks"])

    def writer(w):
        ids = []
        for k in range(CONCURRENT_RUNS):
            rc, out, err = cli(["audit", "run", scenario, "--store", db, "--no-ieee-data", "-o", "json:-"])
            if rc not in (0, 1) or aborted(err):
                problem(f"concurrency: writer {w}, run {k + 1}: exit {rc}: {err.strip()}")
                continue
            ids.append(json.loads(out)["audit"]["run"])
        return ids

    def reader():
        """audit history while the writers write: every run listed is complete, ids increase."""
        reads, seen = 0, []
        while not done:
            rc, out, err = cli(["audit", "history", "--store", db, "--format", "json"])
            if rc == 2 and "no such file" in err and not seen:
                continue  # before the first writer created the store
            reads += 1
            if rc != 0:
                problem(f"concurrency: audit history while writing: exit {rc}: {err.strip()}")
                continue
            ids = [r["run"] for r in json.loads(out)]
            if ids != sorted(set(ids)) or not set(seen) <= set(ids) or \
                    any(r["findings"] != expected for r in json.loads(out)):
                problem(f"concurrency: audit history while writing: runs {ids} after {seen}")
            seen = ids
            time.sleep(0.01)
        return reads

    done = False
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        reading = pool.submit(reader)
        writing = [pool.submit(writer, w) for w in range(2)]
        reported = [i for w in writing for i in w.result()]
        done = True
        reads = reading.result()
    runs = check_store(db, "concurrency", expected, lambda ids: ids)
    if runs is not None and (sorted(reported) != list(range(1, 2 * CONCURRENT_RUNS + 1)) or runs != sorted(reported)):
        problem(f"concurrency: the runs reported ids {sorted(reported)}, the store holds {runs}")
    print(f"concurrency: {len(reported)} runs by 2 writers, {len(runs or [])} in the store; "
          f"{reads} reads of the history meanwhile", flush=True)


def creation_race_test(tmp):
    """Rounds of two runs and three histories started at once on a store that does not exist
    yet: both runs stored; each history exits 0 (none, one or both runs) or 2 "no such file"."""
    folder = os.path.join(tmp, "race")
    scenario = write_scenario(folder, "race", identifiers(random.Random(174), 3))

    def one(k):
        db = os.path.join(folder, f"store-{k}", "history.sqlite")
        run = ["audit", "run", scenario, "--store", db, "--no-ieee-data", "-o", "json:-"]
        history = ["audit", "history", "--store", db, "--format", "json"]
        procs = [subprocess.Popen([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for args in (run, history, run, history, history)]
        outs = []
        for p in procs:
            try:
                out, err = p.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                p.kill()
                out, err = p.communicate()
            outs.append((p.returncode, out.decode(), err.decode("utf-8", "replace")))
        found = []
        for (rc, out, err), name in zip(outs, ["run", "history", "run", "history", "history"]):
            what = f"creation race {k + 1}: {name}"
            if rc is None or rc < 0 or aborted(err):
                found.append(f"{what}: exit {rc}: {err.strip()[:300]}")
            elif name == "history" and not (rc == 0 or (rc == 2 and "no such file" in err)):
                found.append(f"{what}: exit {rc}: {err.strip()[:300]}")
            elif name == "run" and rc not in (0, 1):
                found.append(f"{what}: exit {rc}: {err.strip()[:300]}")
        ids = sorted(json.loads(outs[i][1])["audit"]["run"] for i in (0, 2) if outs[i][0] in (0, 1))
        if not found and ids != [1, 2]:
            found.append(f"creation race {k + 1}: the runs got ids {ids}")
        return found

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for found in pool.map(one, range(CREATION_RACES)):
            for f in found:
                problem(f)
    print(f"creation race: {CREATION_RACES} rounds of two runs and three histories on a new store", flush=True)


def kill_creation_test(tmp):
    """The first run of a new store killed while it creates the store: the next history lists
    no runs or the one run, and the next run is stored."""
    folder = os.path.join(tmp, "creation")
    scenario = write_scenario(folder, "creation", identifiers(random.Random(4812), 5))
    rng = random.Random(9304)
    t = time.monotonic()
    rc = cli(["audit", "run", scenario, "--no-store", "--no-ieee-data", "-o", "text:/dev/null"])[0]
    duration = time.monotonic() - t
    outcomes = {}
    for k in range(CREATION_KILLS):
        db = os.path.join(folder, f"store-{k}", "history.sqlite")
        p = subprocess.Popen([CLI, "audit", "run", scenario, "--store", db, "--no-ieee-data", "-o", "text:/dev/null"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration * 3))
        p.send_signal(signal.SIGKILL)
        p.wait()
        what = f"creation kill {k + 1}"
        state = "no file" if not os.path.exists(db) else f"{os.path.getsize(db)} bytes" + \
            (f" and a WAL of {wal_size(db)}" if os.path.exists(db + "-wal") else "")
        rc, out, err = cli(["audit", "history", "--store", db, "--format", "json"])
        if not os.path.exists(db) and rc == 2 and "no such file" in err:
            ids = []
        elif rc != 0:
            problem(f"{what} ({state}): audit history: exit {rc}: {err.strip()}")
            continue
        else:
            ids = [r["run"] for r in json.loads(out)]
        key = f"{state}: {len(ids)} run(s)"
        outcomes[key] = outcomes.get(key, 0) + 1
        rc, out, err = cli(["audit", "run", scenario, "--store", db, "--no-ieee-data", "-o", "json:-"])
        if rc not in (0, 1) or json.loads(out)["audit"]["run"] != len(ids) + 1:
            problem(f"{what} ({state}, runs {ids}): the next run: exit {rc}: {err.strip()}")
        integrity = sqlite_state(db)[0]
        if integrity != ["ok"]:
            problem(f"{what}: integrity_check: {integrity[:5]}")
    print(f"creation: {CREATION_KILLS} first runs of a new store killed, leaving "
          + ", ".join(f"{k} x{n}" for k, n in sorted(outcomes.items())), flush=True)


# --- 3. corruption --------------------------------------------------------------------------

def corruption_test(tmp):
    folder = os.path.join(tmp, "corrupt")
    scenario = write_scenario(folder, "corrupt", identifiers(random.Random(9808), 40))
    good = os.path.join(folder, "good.sqlite")
    for _ in range(2):
        rc, out, err = cli(["audit", "run", scenario, "--store", good, "--no-ieee-data", "-o", "text:/dev/null"])
        if rc not in (0, 1):
            problem(f"corruption: the good store: exit {rc}: {err.strip()}")
            return
    if os.path.exists(good + "-wal"):
        problem("corruption: the good store kept its WAL after the last run")
    commands = {
        "history": lambda db: ["audit", "history", "--store", db, "--format", "json"],
        "show": lambda db: ["audit", "show", "1", "--store", db, "-o", "json:-"],
        "diff": lambda db: ["audit", "diff", "1", "2", "--store", db],
    }
    expected = {}
    for name, args in commands.items():
        expected[name] = cli(args(good))[:2]
        if expected[name][0] not in (0, 1):
            problem(f"corruption: {name} on the good store: exit {expected[name][0]}")
            return
    rc, out, _ = cli(["audit", "run", scenario, "--no-store", "--no-ieee-data", "-o", "json:-"])
    good_findings = [c["findings"] for c in json.loads(out)["checks"]]
    good_bytes = open(good, "rb").read()
    size = len(good_bytes)
    page = int.from_bytes(good_bytes[16:18], "big")
    page = 65536 if page == 1 else page

    rng = random.Random(174)
    # Truncations at the edges first: nothing left, the file header alone, whole pages.
    cases = [(f"truncated to {n} bytes", good_bytes[:n]) for n in (0, 1, 99, 100, page, 2 * page, size - page)]
    for k in range(CORRUPT_CASES - len(cases)):
        r = rng.random()
        data = bytearray(good_bytes)
        if r < 0.15:
            n = rng.randrange(size)
            cases.append((f"truncated to {n} bytes", bytes(data[:n])))
            continue
        where = "the file header" if r < 0.4 else "the first page" if r < 0.6 else "a later page"
        lo, hi = (0, 100) if r < 0.4 else (100, page) if r < 0.6 else (page, size)
        spots = []
        for _ in range(rng.choice([1, 1, 1, 2, 4])):
            at = rng.randrange(lo, hi)
            length = min(rng.choice([1, 1, 2, 4, 8, 64]), size - at)
            fill = bytes(rng.randrange(256) for _ in range(length))
            if fill == bytes(data[at:at + length]):
                fill = bytes((b ^ 0xff) for b in fill)
            data[at:at + length] = fill
            spots.append(f"{at}+{length}")
        cases.append((f"{where}: bytes {', '.join(spots)} overwritten", bytes(data)))

    def one(case):
        k, (how, data) = case
        db = os.path.join(folder, f"damaged-{k}.sqlite")
        with open(db, "wb") as f:
            f.write(data)
        found = []
        outcomes = []
        for name, args in list(commands.items()) + [("run", None)]:
            argv = args(db) if args else ["audit", "run", scenario, "--store", db, "--no-ieee-data", "-o", "json:-"]
            rc, out, err = cli(argv)
            what = f"corruption case {k + 1} ({how}): {name}"
            outcomes.append(rc)
            if rc is None or rc < 0 or aborted(err):
                found.append(f"{what}: see above")
            elif rc == 2:
                if db not in err:
                    found.append(f"{what}: exit 2 without naming the store: {err.strip()[:300]!r}")
            elif rc not in (0, 1):
                found.append(f"{what}: exit {rc}: {err.strip()[:300]}")
            elif name == "run":
                got = [c["findings"] for c in json.loads(out)["checks"]]
                if got != good_findings or rc != expected["show"][0]:
                    found.append(f"{what}: exit {rc}, findings differ from a run without a store")
            elif name == "history" and not data and (rc, out.strip()) == (0, "[]"):
                pass  # an empty file is a new store (store.h), with no runs yet
            elif (rc, out) != expected[name]:
                found.append(f"{what}: exit {rc} with an output other than the good store's")
        for f in (db, db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        return found, outcomes

    tally = {}
    with concurrent.futures.ThreadPoolExecutor(CORES) as pool:
        for found, outcomes in pool.map(one, enumerate(cases)):
            for f in found:
                problem(f)
            key = "/".join(str(o) for o in outcomes)
            tally[key] = tally.get(key, 0) + 1
    print(f"corruption: {len(cases)} damaged copies of a {size}-byte store ({page}-byte pages); exits "
          "history/show/diff/run: " + ", ".join(f"{k} x{n}" for k, n in sorted(tally.items(), key=lambda x: -x[1])),
          flush=True)
    return good, scenario


# --- 4. newer schema ------------------------------------------------------------------------

def newer_schema_test(tmp, good, scenario):
    db = os.path.join(tmp, "newer.sqlite")
    shutil.copy(good, db)
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    before = hashlib.sha256(open(db, "rb").read()).hexdigest()
    for name, argv in [("history", ["audit", "history", "--store", db]),
                       ("show", ["audit", "show", "1", "--store", db]),
                       ("diff", ["audit", "diff", "1", "2", "--store", db]),
                       ("run", ["audit", "run", scenario, "--store", db, "--no-ieee-data"])]:
        rc, out, err = cli(argv)
        if rc != 2 or "newer" not in err or "upgrade" not in err or db not in err:
            problem(f"newer schema: {name}: exit {rc}, {err.strip()!r} (expected exit 2, newer ... upgrade)")
    if hashlib.sha256(open(db, "rb").read()).hexdigest() != before or os.path.exists(db + "-wal"):
        problem("newer schema: the store was modified")
    print("newer schema: refused by history, show, diff and run", flush=True)


def main():
    with tempfile.TemporaryDirectory(prefix="cleannet-audit-store-") as tmp:
        steps = []
        # The kills are timed: they run alone. The other parts share the cores afterwards.
        t = time.monotonic()
        kill_test(tmp)
        steps.append(f"kill {time.monotonic() - t:.1f} s")
        t = time.monotonic()
        kill_creation_test(tmp)
        steps.append(f"creation {time.monotonic() - t:.1f} s")
        t = time.monotonic()
        creation_race_test(tmp)
        steps.append(f"creation race {time.monotonic() - t:.1f} s")
        t = time.monotonic()
        concurrency_test(tmp)
        steps.append(f"concurrency {time.monotonic() - t:.1f} s")
        t = time.monotonic()
        got = corruption_test(tmp)
        steps.append(f"corruption {time.monotonic() - t:.1f} s")
        if got:
            newer_schema_test(tmp, *got)
        print(f"times: {', '.join(steps)}; total {time.monotonic() - t_start:.1f} s", flush=True)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
