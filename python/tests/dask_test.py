#!/usr/bin/env python3
"""`python3 -m cleannet.dask` on a Dask LocalCluster of 2 worker processes, against the
one-process command (docs/scale.md):

  - carrier check over MRT files (some twice, one without routes: an input error) gives the
    command's stdout, stderr and exit code byte for byte, in text and JSON;
  - each worker loaded the registry once, whatever the number of files;
  - a worker killed (SIGKILL) in the middle of the run does not change the report: Dask runs
    its tasks again on the other worker;
  - the partials of the module merged with the command's own give the same report;
  - trace check --no-verdicts over traceroute files (some damaged) likewise, in text, JSON and
    SARIF, with the trace tables loaded once per worker.

usage: dask_test.py CLEANNET_BINARY   (with the built package on PYTHONPATH)
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = None

if os.environ.get("CLEANNET_SANITIZE") == "1":
    # Worker processes of an instrumented extension under an uninstrumented interpreter are
    # the module test's business (python_module); the cluster logic is the same code.
    print("skipped: the Dask cluster test runs in the normal build only")
    sys.exit(77)
try:
    import cleannet
    import cleannet.dask as cdask
    from distributed import Client, LocalCluster
except ImportError as e:
    print(f"FAILED: cannot import cleannet and distributed: {e}")
    sys.exit(1)



def main():
    # Everything runs under the guard: the cluster's worker processes import this file as
    # their __main__ (multiprocessing's spawn) and must not run the test again.
    global failed, CLI
    os.chdir(ROOT)
    CLI = os.path.abspath(sys.argv[1])
    failed = 0


    def check(ok, what):
        global failed
        if not ok:
            failed += 1
            print("FAILED", what)


    work = tempfile.mkdtemp(prefix="cleannet-dask-test-")
    rib = "data/internet/mrt/rib.20140523.0600_firstMB.bz2"
    copies = []
    for i in range(6):
        c = os.path.join(work, f"rib-{i}.bz2")
        shutil.copy(rib, c)
        copies.append(c)
    ribs = [rib, "tests/data/bgp/bview.ipv4_unicast_add_path.gz", copies[0], "tests/data/bgp/openbgpd_rib_table-mp",
            *copies[1:]]
    updates = ["tests/data/bgp/ris.rrc06.updates.1427846400.gz"]
    common = ["--asn", "3356", "--keep-going", "--as-of", "2024-06-01", "--as-names",
              "data/internet/caida/asn_names_lookup.txt.xz"]
    cli_args = ["carrier", "check", *common] + [x for r in ribs for x in ("--rib", r)] + ["--updates", updates[0]]


    def cli(fmt):
        p = subprocess.run([CLI, *cli_args, "--format", fmt], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return p.returncode, p.stdout, p.stderr


    def dask_cli(fmt, extra=()):
        glob_ribs = [rib, "tests/data/bgp/bview.ipv4_unicast_add_path.gz", copies[0], "tests/data/bgp/openbgpd_rib_table-mp",
                     os.path.join(work, "rib-[1-5].bz2")]  # a glob, expanded in sorted order
        args = [sys.executable, "-m", "cleannet.dask", "carrier", "--local", "2", *common, "--format", fmt, *extra]
        args += [x for r in glob_ribs for x in ("--rib", r)] + ["--updates", updates[0]]
        p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
        return p.returncode, p.stdout, p.stderr


    # 1. The driver's report is the command's, byte for byte.
    for fmt in ("text", "json"):
        want, got = cli(fmt), dask_cli(fmt)
        check(got == want, f"python3 -m cleannet.dask carrier --format {fmt}: differs from the command\n"
                           f"exit {got[0]} vs {want[0]}\nstderr {got[2][-800:]!r}\nvs {want[2][-800:]!r}")

    # 2. and 3. On a cluster of our own: the registry loaded once per worker, and a worker
    # killed in the middle.
    context = cleannet.Context(as_of="2024-06-01")
    kwargs = dict(asns=["3356"], prefixes=[], ribs=ribs, updates=updates, as_rel=None,
                  as_names="data/internet/caida/asn_names_lookup.txt.xz", as2org=None, max_destinations=1000,
                  keep_going=True)
    n = len(ribs) + len(updates)
    want_json = cli("json")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        merged = cdask.run(client, cdask._carrier_task, context, kwargs, n, cdask.Progress(n))
        out, err, code = cleannet._cleannet.render_partial(context._c, "merge", merged, "json", 10)
        check((code, out.encode(), err.encode()) == want_json, "run on the cluster: differs from the command")
        loaded = client.run(lambda: len(__import__("cleannet")._contexts))
        check(sorted(loaded.values()) == [1, 1], f"contexts per worker: {loaded}, expected one each")

        # Kill one worker process once the first file is done; its tasks (and the partials it
        # held) are computed again by the survivor and a replacement worker.
        pids = client.run(os.getpid)
        killed = []

        def kill_after_first():
            # The files take most of a second each: after the first is done (the scheduler holds
            # a result in memory), the others are running or queued.
            deadline = time.time() + 60
            while time.time() < deadline:
                counts = client.run_on_scheduler(
                    lambda dask_scheduler: sum(1 for ts in dask_scheduler.tasks.values() if ts.state == "memory"))
                if counts >= 1:
                    break
                time.sleep(0.02)
            victim = sorted(pids.values())[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

        t = threading.Thread(target=kill_after_first)
        t.start()
        merged = cdask.run(client, cdask._carrier_task, context, dict(kwargs), n, cdask.Progress(n))
        t.join()
        out, err, code = cleannet._cleannet.render_partial(context._c, "merge", merged, "json", 10)
        check(bool(killed), "no worker was killed")
        check((code, out.encode(), err.encode()) == want_json, "run with a worker killed: differs from the command")

    # 4. Module partials and the command's partials merge together; cleannet.report gives the dict.
    a = context.carrier_partial(**kwargs, shard=(1, 2))
    b_path = os.path.join(work, "s2.partial")
    subprocess.run([CLI, *cli_args, "--shard", "2/2", "--partial-out", b_path], check=True)
    out, err, code = cleannet._cleannet.render_partial(context._c, "merge", cleannet.merge([a, b_path]), "json", 10)
    check((code, out.encode(), err.encode()) == want_json, "module partial + command partial: differs from the command")
    try:
        cleannet.report(cleannet.merge([b_path, a]), context=context)
        check(False, "cleannet.report: no InputError for the file without routes")
    except cleannet.InputError as e:
        import json
        check(e.report == json.loads(want_json[1]), "cleannet.report: .report is not the command's JSON")

    # 5. trace check --no-verdicts: the driver's report is the command's in every format; on a
    # cluster, the tables are loaded once per worker; module and command partials merge.
    traces = ["tests/data/trace/golden/atlas_array.json", "tests/data/trace/golden/atlas_v6.ndjson",
              "tests/data/trace/golden/scamper.json", "tests/data/bad/trace/empty.json",
              "tests/data/trace/golden/atlas_array.json", "data/internet/traceroutes/sagan_traceroutes.ndjson",
              "tests/data/bad/trace/bad-destination.json"]
    tables = ["--pfx2as", "tests/data/trace/origins.pfx2as", "--ixp", "tests/data/trace/ixps.jsonl",
              "--as-of", "2024-06-01"]

    def trace_cli(fmt, extra=()):
        p = subprocess.run([CLI, "trace", "check", *traces, *tables, *extra, "--no-verdicts", "--format", fmt],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return p.returncode, p.stdout, p.stderr

    # The last: prefix origins from a RIB with a cut record too, whose note the report prints
    # once (not once per worker).
    rib_tables = ["--rib", "data/internet/mrt/rib.20140523.0600_firstMB.bz2", "--keep-going"]
    for fmt, extra in (("text", []), ("json", []), ("sarif", []), ("text", rib_tables)):
        p = subprocess.run([sys.executable, "-m", "cleannet.dask", "trace", "--local", "2", *traces, *tables,
                            *extra, "--format", fmt], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
        want, got = trace_cli(fmt, extra), (p.returncode, p.stdout, p.stderr)
        check(got == want, f"python3 -m cleannet.dask trace --format {fmt}: differs from the command\n"
                           f"exit {got[0]} vs {want[0]}\nstderr {got[2][-800:]!r}\nvs {want[2][-800:]!r}")
    want_json = trace_cli("json")
    loaded_tables = context.trace_tables(pfx2as="tests/data/trace/origins.pfx2as", ixp="tests/data/trace/ixps.jsonl")
    tkwargs = dict(files=traces, tables=loaded_tables, findings=False, strict=False, threads=1)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        for _ in range(2):  # a second run on the same workers loads nothing again
            merged = cdask.run(client, cdask._trace_task, context, tkwargs, len(traces), cdask.Progress(len(traces)))
            out, err, code = cleannet._cleannet.render_partial(context._c, "merge", merged, "json", 10)
            check((code, out.encode(), err.encode()) == want_json, "trace run on the cluster: differs from the command")
        loaded = client.run(lambda: len(__import__("cleannet")._trace_tables))
        check(all(v <= 1 for v in loaded.values()) and sum(loaded.values()) >= 1,
              f"trace tables per worker: {loaded}, expected at most one each")
    a = context.trace_partial(traces, loaded_tables, shard=(2, 3))
    parts = [a]
    for i in (1, 3):
        path = os.path.join(work, f"t{i}.partial")
        subprocess.run([CLI, "trace", "check", *traces, *tables, "--shard", f"{i}/3", "--partial-out", path],
                       stderr=subprocess.DEVNULL)
        parts.append(path)
    out, err, code = cleannet._cleannet.render_partial(context._c, "merge", cleannet.merge(parts), "json", 10)
    check((code, out.encode(), err.encode()) == want_json, "trace: module partial + command partials differ")
    try:
        context.trace_partial(traces, loaded_tables, positions=[3], strict=True)
        check(False, "trace_partial(strict=True): no InputError for the empty file")
    except cleannet.InputError as e:
        check("empty.json" in str(e), f"trace_partial(strict=True): {e}")

    shutil.rmtree(work)
    if failed:
        print(f"{failed} check(s) failed")
        sys.exit(1)
    print("all Dask checks passed")


if __name__ == "__main__":
    main()
