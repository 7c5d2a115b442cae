#!/usr/bin/env python3
"""Scale-out of `carrier check` (docs/scale.md; docs/PERFORMANCE.md, "Scale-out (issue 20)").

Input, SYNTHETIC: --files RIB files from the seeded MRT generator (bench/mrt_generate
--entries E --seed K for K = 1..files, gzip -1), kept in BUILD_DIR/bench/scale/. Checked for
--asn (default AS3356) and --prefix (default 0.0.0.0/0: every route is toward the network,
so every route is judged and every exposure kept, the largest state a partial can hold) with
the bundled AS names, observed routes only, --keep-going.

Three ways, each timed (wall, CPU of all processes, max RSS of one):
  one     cleannet carrier check --rib F1 ... --rib FN --format json
  shards  --jobs processes at once, each `carrier check --shard I/J --partial-out`, then
          `cleannet merge` of the J partials (the merge timed alone too);
  dask    python3 -m cleannet.dask carrier --local --jobs (a LocalCluster of --jobs workers).
and the per-file cost (the median of --merge-files one-file `--partial-out` runs) and the merge
cost per partial (a `cleannet merge --partial-out` of those one-file partials), and each Dask
worker's peak memory over --merge-files files, over as many inputs as the run of those same
files repeated, and over all the distinct files: bounded by one file's work and the merged
state (which grows with the distinct prefixes seen, not with the number of files). The three
reports must be byte-identical (exit 1 otherwise). Scaling efficiency is one / (jobs x way).

  scripts/bench-scale BUILD_DIR [--files N] [--entries E] [--jobs J] [--asn A] [--merge-files M]
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
NAMES = ROOT / "data/internet/caida/asn_names_lookup.txt.xz"
AS_OF = "2025-01-01"


def timed(cmds, stdout=None, errors=None):
    """Runs the commands at once; wall seconds, CPU seconds of all, largest max RSS (MiB).
    errors: a list that gets the first command's standard error."""
    t0 = time.monotonic()
    procs = [subprocess.Popen(c, stdout=(open(stdout, "wb") if stdout and i == 0 else subprocess.DEVNULL),
                              stderr=subprocess.PIPE) for i, c in enumerate(cmds)]
    cpu, rss = 0.0, 0.0
    for p in procs:
        err = p.stderr.read()
        if errors is not None and not errors:
            errors.append(err.decode(errors="replace"))
        _, status, ru = os.wait4(p.pid, 0)
        rc = os.waitstatus_to_exitcode(status)
        if rc not in (0, 1):
            sys.exit(f"scale_bench: {' '.join(map(str, p.args))} failed ({rc}): {err.decode(errors='replace')[-1500:]}")
        cpu += ru.ru_utime + ru.ru_stime
        rss = max(rss, ru.ru_maxrss / 1024.0)
    return time.monotonic() - t0, cpu, rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--entries", type=int, default=500000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--asn", default="3356")
    ap.add_argument("--prefix", default="0.0.0.0/0")
    ap.add_argument("--merge-files", type=int, default=20)
    a = ap.parse_args()
    build = pathlib.Path(a.build).resolve()
    cli = build / "apps/cleannet/cleannet"
    gen = build / "bench/mrt_generate"
    work = build / "bench/scale"
    work.mkdir(parents=True, exist_ok=True)
    files = []
    for k in range(1, a.files + 1):
        f = work / f"rib.{k:03d}.mrt.gz" if a.entries == 500000 else work / f"rib.{a.entries}.{k:03d}.mrt.gz"
        if not f.exists() or f.stat().st_size == 0:
            tmp = f.with_suffix(".tmp")
            with open(tmp, "wb") as out:
                g = subprocess.Popen([gen, "--entries", str(a.entries), "--seed", str(k)], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
                subprocess.run(["gzip", "-1"], stdin=g.stdout, stdout=out, check=True)
                g.wait()
            tmp.rename(f)
        files.append(str(f))
    print(f"input: {a.files} SYNTHETIC RIB files of {a.entries:,} entries ({a.files * a.entries:,} in all), "
          f"{sum(os.path.getsize(f) for f in files) / 2**30:.2f} GiB gzip; {a.jobs} jobs; load {os.getloadavg()[0]:.1f}")
    net = ["--asn", a.asn] + (["--prefix", a.prefix] if a.prefix else [])
    base = [str(cli), "carrier", "check", *net, "--as-names", str(NAMES), "--keep-going", "--as-of", AS_OF,
            "--format", "json"]
    ribs = [x for f in files for x in ("--rib", f)]
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="cleannet-scale-bench-"))
    results = {}

    one_out = tmp / "one.json"
    results["one"] = timed([base + ribs], stdout=one_out)

    parts = [tmp / f"s{i}.partial" for i in range(1, a.jobs + 1)]
    shard = timed([base + ribs + ["--shard", f"{i}/{a.jobs}", "--partial-out", str(p)]
                   for i, p in enumerate(parts, 1)])
    merge_out = tmp / "merged.json"
    merge = timed([[str(cli), "merge", *map(str, parts), "--format", "json"]], stdout=merge_out)
    results["shards"] = (shard[0] + merge[0], shard[1] + merge[1], max(shard[2], merge[2]))
    results["  of which merge"] = merge

    dask_out = tmp / "dask.json"
    os.environ["PYTHONPATH"] = str(build / "python")

    def dask_cmd(ribs):
        return ["/usr/bin/python3", "-m", "cleannet.dask", "carrier", "--local", str(a.jobs), *net, "--as-names",
                str(NAMES), "--keep-going", "--as-of", AS_OF, "--format", "json", "--worker-memory", *ribs]

    def worker_peaks(err):
        return [float(line.split("peak RSS ")[1].split()[0]) for line in err[0].splitlines() if "peak RSS" in line]

    err_all = []
    results["dask"] = timed([dask_cmd(ribs)], stdout=dask_out, errors=err_all)
    few = min(a.merge_files, len(files))
    err_few, err_repeated = [], []
    timed([dask_cmd(ribs[:2 * few])], errors=err_few)
    # The same few files over and over, as many inputs as the whole run: RIBs of one
    # collector over a year share their prefixes, so the merged state stays that of a few.
    repeated = (ribs[:2 * few] * (len(files) // max(1, few) + 1))[:len(ribs)]
    timed([dask_cmd(repeated)], errors=err_repeated)

    # Per-file and per-merge costs.
    singles, single_runs = [], []
    for k in range(few):
        p = tmp / f"one-{k}.partial"
        # --shard K/N over N files: the K-th file alone, at its position in the run.
        single_runs.append(timed([base + ribs + ["--shard", f"{k + 1}/{len(files)}", "--partial-out", str(p)]]))
        singles.append(str(p))
    merge_many = timed([[str(cli), "merge", *singles, "--partial-out", str(tmp / "m.partial")]])

    print(f"{'way':<18} {'wall s':>8} {'cpu s':>8} {'max RSS MiB':>12} {'efficiency':>10}")
    t1 = results["one"][0]
    for name, (wall, cpu, rss) in results.items():
        eff = "" if name.startswith(" ") or name == "one" else f"{t1 / (a.jobs * wall):.2f}"
        print(f"{name:<18} {wall:8.2f} {cpu:8.2f} {rss:12.0f} {eff:>10}")
    wall = statistics.median(r[0] for r in single_runs)
    cpu = statistics.median(r[1] for r in single_runs)
    rss = max(r[2] for r in single_runs)
    sizes = [os.path.getsize(p) for p in singles]
    print(f"per file (median of {few}): {wall:.3f} s wall, {cpu:.3f} s cpu, max {rss:.0f} MiB; "
          f"one-file partial {statistics.median(sizes) / 1024:.0f} KiB")
    print(f"merge of {len(singles)} one-file partials: {merge_many[0]:.2f} s ({merge_many[0] / max(1, len(singles)):.3f} s each), "
          f"{merge_many[2]:.0f} MiB; merged partial {os.path.getsize(tmp / 'm.partial') / 2**20:.1f} MiB")
    print(f"Dask worker peak RSS: {few} files {max(worker_peaks(err_few), default=0):.0f} MiB; "
          f"{len(files)} inputs of those {few} files {max(worker_peaks(err_repeated), default=0):.0f} MiB; "
          f"{len(files)} distinct files {max(worker_peaks(err_all), default=0):.0f} MiB")
    same = one_out.read_bytes() == merge_out.read_bytes() == dask_out.read_bytes()
    print("reports byte-identical: " + ("yes" if same else "NO"))
    if same:
        shutil.rmtree(tmp)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
