"""`python3 -m cleannet.dask carrier|trace [--scheduler ADDRESS | --local N] [options] FILES...`

A check over many input files on a Dask cluster (Debian's python3-distributed): each input
file is a task that calls the module on its worker and returns the file's partial result;
the partials are merged in a tree as they arrive; the report is made here, byte-identical to
the one-process run (`cleannet carrier check`, `cleannet trace check --no-verdicts` over the
same files in the same order).

Each worker process loads the registry and policy once, and the trace tables (prefix-to-AS,
IXP, AS names) once (a Context and a TraceTables are unpickled once per process while their
files are unchanged: cleannet._cached_context, _load_trace_tables), whatever the number of
files. The arguments common to every task (the file list) go to each worker once. A task
holds one file's work; merges run as soon as their inputs are there and are preferred to new
files, so a worker's memory is bounded by a few partials, not by the number of files. A worker that dies
takes its tasks with it and Dask runs them again elsewhere: the result does not change.

docs/scale.md has the cluster recipes (Slurm, Kubernetes) and measured costs.
"""

import argparse
import glob
import os
import sys
import time
import warnings

# Dask's own log lines (worker start-up, stale directories) would land among the report's
# messages on stderr, which are those of the one-process run; its errors still show.
os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")

import cleannet
from cleannet import _cleannet

FANIN = 16


def _carrier_task(context, kwargs, positions):
    return context.carrier_partial(**kwargs, positions=positions)


def _trace_task(context, kwargs, positions):
    return context.trace_partial(**kwargs, positions=positions)


def _identity(x):
    return x


def _peak_rss_mib():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _merge_task(*parts):
    return cleannet.merge(list(parts))


def _expand(patterns):
    """Globs expanded (sorted), literal names kept: a name that matches nothing is read, and
    fails, as the command would fail on it."""
    out = []
    for p in patterns:
        hits = sorted(glob.glob(p)) if glob.has_magic(p) else []
        out.extend(hits or [p])
    return out


class Progress:
    """"cleannet.dask: 12/200 files, 1 merge" on stderr, when it is a terminal (or forced)."""

    def __init__(self, total, force=False):
        self.total, self.done, self.merges = total, 0, 0
        self.on = force or sys.stderr.isatty()
        self.last = 0.0

    def tick(self, files=0, merges=0, final=False):
        self.done += files
        self.merges += merges
        now = time.monotonic()
        if self.on and (final or now - self.last > 0.25):
            self.last = now
            sys.stderr.write(f"\rcleannet.dask: {self.done}/{self.total} files, {self.merges} merge(s)")
            if final:
                sys.stderr.write("\n")
            sys.stderr.flush()


def reduce_tree(client, leaves, fanin=FANIN, on_merge=None):
    """Merges the futures of `leaves` (an iterable, consumed as it is produced) in groups of
    `fanin`, each group's merge submitted as soon as the group is complete, so that merges
    get priority over later files; returns the future of the whole merge."""
    levels = [[]]

    def push(level, future):
        levels[level].append(future)
        if len(levels[level]) == fanin:
            merged = client.submit(_merge_task, *levels[level], pure=False)
            if on_merge:
                on_merge(merged)
            levels[level] = []
            if level + 1 == len(levels):
                levels.append([])
            push(level + 1, merged)

    for leaf in leaves:
        push(0, leaf)
    carry = None
    for level in levels:
        items = level + ([carry] if carry is not None else [])
        if len(items) == 1:
            carry = items[0]
        elif items:
            carry = client.submit(_merge_task, *items, pure=False)
            if on_merge:
                on_merge(carry)
    return carry


def run(client, task, context, kwargs, n, progress, fanin=FANIN):
    """The merged partial (bytes) of task(context, kwargs, [position]) over each of the n
    inputs (_carrier_task, _trace_task)."""
    from distributed import as_completed

    # The arguments (with every file's name) go to each worker once, not with each task: a
    # task of their own, which Dask computes again if the workers holding it die (scattered
    # data would be lost with them, and the tasks that need it cancelled).
    run_id = f"{os.getpid()}-{time.time_ns()}"
    shared = client.submit(_identity, kwargs, pure=False, key=f"cleannet-arguments-{run_id}")
    leaves = [client.submit(task, context, shared, [pos], pure=False, key=f"cleannet-{task.__name__}-{pos}-{run_id}")
              for pos in range(n)]
    merges = []
    root = reduce_tree(client, iter(leaves), fanin=fanin, on_merge=merges.append)
    # Counting arrivals; the futures are let go as they are counted, so that a partial is
    # freed once its merge has read it.
    for done in as_completed(leaves):
        progress.tick(files=1)
        done.result()  # raises the task's error (--strict: the file that failed)
    del leaves
    for m in as_completed(merges):
        progress.tick(merges=1)
    result = root.result()
    progress.tick(final=True)
    return result


def _common(p):
    """The options of both checks: where to run, the context, the output."""
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://host:8786)")
    where.add_argument("--local", type=int, metavar="N", help="a LocalCluster of N worker processes (default: cores)")
    p.add_argument("--strict", action="store_true", help="a file that cannot be read fails the run")
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    p.add_argument("--top", type=int, default=10, help="rows of each table in the text report (trace)")
    p.add_argument("--registry", action="append", default=[], help="registry file over the bundled one")
    p.add_argument("--no-bundled", action="store_true")
    p.add_argument("--policy", default="clean-network")
    p.add_argument("--as-of", help="YYYY-MM-DD (default today)")
    p.add_argument("--partial-out", help="write the merged partial to this file instead of the report")
    p.add_argument("--progress", action="store_true", help="a progress line on stderr even when it is not a terminal")
    p.add_argument("--worker-memory", action="store_true",
                   help="print each worker's peak memory (RSS) on stderr at the end")


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m cleannet.dask",
                                 description="Run a cleannet check over many files on a Dask cluster")
    sub = ap.add_subparsers(dest="check", required=True)
    c = sub.add_parser("carrier", help="carrier check over MRT files (RIBs and update files)")
    _common(c)
    c.add_argument("files", nargs="*", help="MRT RIB files (globs allowed), after the --rib files")
    c.add_argument("--asn", action="append", required=True, help="an AS of the network (repeatable)")
    c.add_argument("--prefix", action="append", default=[], help="a prefix of the network (repeatable)")
    c.add_argument("--rib", action="append", default=[], help="MRT RIB files (globs allowed; repeatable)")
    c.add_argument("--updates", action="append", default=[], help="MRT update files (globs allowed; repeatable)")
    c.add_argument("--as-rel", help="CAIDA AS relationships")
    c.add_argument("--as-names", help="AS number -> name/country list")
    c.add_argument("--as2org", help="CAIDA as2org file")
    c.add_argument("--max-destinations", type=int, default=1000)
    c.add_argument("--keep-going", action="store_true", help="read past damaged MRT records")
    t = sub.add_parser("trace", help="trace check --no-verdicts over traceroute result files")
    _common(t)
    t.add_argument("files", nargs="+", help="RIPE Atlas or scamper JSON results (globs allowed)")
    t.add_argument("--pfx2as", action="append", default=[], help="prefix -> origin AS table (repeatable)")
    t.add_argument("--rib", action="append", default=[], help="MRT RIB for prefix -> origin AS (repeatable)")
    t.add_argument("--ixp", help="CAIDA IXPs dataset (JSON lines)")
    t.add_argument("--as-names", help="AS number -> name/country list")
    t.add_argument("--as2org", help="CAIDA as2org file")
    t.add_argument("--keep-going", action="store_true", help="read past damaged RIB records")
    a = ap.parse_args(argv)

    try:
        context = cleannet.Context(registry=a.registry, policy=a.policy, as_of=a.as_of, bundled=not a.no_bundled)
        if a.check == "carrier":
            ribs = _expand(a.rib) + _expand(a.files)
            updates = _expand(a.updates)
            if not ribs and not updates and not a.as_rel:
                print("cleannet.dask carrier: expected MRT files (FILES, --rib or --updates) or --as-rel, found none",
                      file=sys.stderr)
                return 2
            task = _carrier_task
            kwargs = dict(asns=a.asn, prefixes=a.prefix, ribs=ribs, updates=updates, as_rel=a.as_rel,
                          as_names=a.as_names, as2org=a.as2org, max_destinations=a.max_destinations,
                          keep_going=a.keep_going, strict=a.strict)
            n = len(ribs) + len(updates)
        else:
            if not a.pfx2as and not a.rib:
                print("cleannet.dask trace: expected a prefix -> origin AS source (--pfx2as or --rib), found none",
                      file=sys.stderr)
                return 2
            # Loaded here first: a table that cannot be read fails before any worker starts. Its
            # notes (damaged RIB records) are printed with the report, as the command does.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", cleannet.CleannetWarning)
                tables = context.trace_tables(pfx2as=_expand(a.pfx2as), ribs=_expand(a.rib), ixp=a.ixp,
                                              as_names=a.as_names, as2org=a.as2org, keep_going=a.keep_going)
            task = _trace_task
            files = _expand(a.files)
            kwargs = dict(files=files, tables=tables, findings=a.format == "sarif", strict=a.strict, threads=1)
            n = len(files)
    except cleannet.InputError as e:
        print(e, file=sys.stderr)
        return 2

    from distributed import Client, LocalCluster

    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.local or os.cpu_count(), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        if client.dashboard_link and sys.stderr.isatty():
            print(f"cleannet.dask: dashboard {client.dashboard_link}", file=sys.stderr)
        try:
            merged = run(client, task, context, kwargs, n, Progress(n, a.progress)) if n else \
                task(context, kwargs, [])
        except cleannet.InputError as e:
            print(e, file=sys.stderr)
            return 2
        if a.worker_memory:
            for addr, mib in sorted(client.run(_peak_rss_mib).items()):
                print(f"cleannet.dask: worker {addr} peak RSS {mib:.0f} MiB", file=sys.stderr)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if a.partial_out:
        tmp = a.partial_out + ".tmp"
        with open(tmp, "wb") as f:
            f.write(merged)
        os.replace(tmp, a.partial_out)
        return 0
    out, err, code = _cleannet.render_partial(context._c, "merge", merged, a.format, a.top)
    sys.stdout.write(out)
    sys.stdout.flush()
    sys.stderr.write(err)
    return code


if __name__ == "__main__":
    sys.exit(main())
