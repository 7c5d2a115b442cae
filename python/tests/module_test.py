#!/usr/bin/env python3
"""The Python module against the command: every golden case of `trace check` and `carrier
check` (and of path, cloud, apps and cable, whose cases are tests/data/NOUN/golden/*/args)
run both ways, the module's dict equal to json.loads of the command's --format json output,
its InputError and warnings equal to what the command prints on stderr, and its exit code
the module's outcome (0/1: a report, 2: InputError). Then the verdict iterator (order,
early close, bounded memory) and bad inputs.

usage: module_test.py CLEANNET_BINARY   (with the built package on PYTHONPATH)
"""
import argparse
import gc
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
import unittest
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = None

try:
    import cleannet
except ImportError as e:
    # A sanitized extension needs the sanitizer runtime in the interpreter (LD_PRELOAD, set
    # by python/tests/CMakeLists.txt); where that is not enough, say so and skip.
    if os.environ.get("CLEANNET_SANITIZE") == "1":
        print(f"skipped: the sanitized extension cannot be loaded into {sys.executable}: {e}")
        sys.exit(77)
    raise

TRACE = "tests/data/trace/golden"
TRACE_TABLES = ["--pfx2as", "tests/data/trace/origins.pfx2as", "--ixp", "tests/data/trace/ixps.jsonl"]

# There is no folder of carrier goldens: these are the documented runs (docs/carrier.md) and
# the bundled audit scenario's (data/audit/acme), each an argument line of `carrier check`.
CARRIER_CASES = [
    "--asn 64500 --rib tests/data/bgp/openbgpd_rib_table-mp --as-of 2024-06-01",
    "--asn 64500 --rib tests/data/bgp/openbgpd_rib_table-mp --as-of 2024-06-01 --policy eu-toolbox",
    "--asn 65011 --rib tests/data/bgp/openbgpd_rib_table-mp --rib tests/data/bgp/bview.ipv4_unicast_add_path.gz "
    "--as-of 2024-06-01",
    "--asn 3356 --rib data/internet/mrt/rib.20140523.0600_firstMB.bz2 --keep-going --as-of 2024-06-01",
    "--asn 3356 --rib data/internet/mrt/rib.20140523.0600_firstMB.bz2 --as-of 2024-06-01",
    "--asn 3356 --as-rel data/internet/caida/20180101.as-rel.txt.xz --as-names "
    "data/internet/caida/asn_names_lookup.txt.xz --as-of 2024-06-01",
    "--asn 3356 --rib data/internet/mrt/rib.20140523.0600_firstMB.bz2 --keep-going --as-rel "
    "data/internet/caida/20180101.as-rel.txt.xz --as-names data/internet/caida/asn_names_lookup.txt.xz "
    "--max-destinations 50 --as-of 2024-06-01",
    "--asn AS64500 --prefix 192.0.2.0/24 --rib tests/data/bgp/openbgpd_rib_table-mp --as-of 2024-06-01",
    "--asn 3356 --updates tests/data/bgp/ris.rrc06.updates.1427846400.gz --as-of 2024-06-01",
    "--asn 64500 --rib no/such/rib.mrt --as-of 2024-06-01",
    "--asn notanasn --rib tests/data/bgp/openbgpd_rib_table-mp --as-of 2024-06-01",
]


# The command and the other programs run without the sanitizer runtime that a sanitized
# build preloads into this interpreter (the sanitized command links its own).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}


def cli(noun_verb, args):
    """The command with --format json: (parsed stdout or None, stderr lines, exit code)."""
    p = subprocess.run([CLI, *noun_verb, *args, "--format", "json", "--no-ieee-data"], cwd=ROOT,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300, env=CHILD_ENV)
    return p.stdout, [l for l in p.stderr.splitlines() if l], p.returncode


def without_format(args):
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a == "--format":
            skip = True
        else:
            out.append(a)
    return out


def common(p):
    p.add_argument("--as-of")
    p.add_argument("--policy", default="clean-network")
    p.add_argument("--registry", action="append", default=[])
    p.add_argument("--no-bundled", action="store_true")


def context(o):
    return cleannet.Context(registry=o.registry, policy=o.policy, as_of=o.as_of, bundled=not o.no_bundled,
                            ieee_data=False)


def module_run(call):
    """The module's answer in the command's terms: (report or None, stderr lines, exit code)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            r = call()
            code = None
            errors = []
        except cleannet.InputError as e:
            r, code, errors = getattr(e, "report", None), 2, getattr(e, "errors", [str(e)])
    notes = [str(w.message) for w in caught if issubclass(w.category, cleannet.CleannetWarning)]
    return r, errors + notes, code


class Golden(unittest.TestCase):
    def compare(self, noun_verb, args, call, exit_of_report):
        out, err, code = cli(noun_verb, args)
        got, got_err, got_code = module_run(call)
        want = json.loads(out) if out.strip() else None
        self.assertEqual(got, want, f"cleannet {' '.join(noun_verb)} {' '.join(args)}")
        if got_code is None:
            got_code = exit_of_report(got)
        self.assertEqual(got_code, code, f"exit code of {args}")
        self.assertEqual(got_err, err, f"stderr of {args}")
        return got

    def test_carrier(self):
        p = argparse.ArgumentParser()
        common(p)
        for a in ["--asn", "--prefix", "--rib", "--updates"]:
            p.add_argument(a, action="append", default=[])
        for a in ["--as-rel", "--as-names", "--as2org"]:
            p.add_argument(a)
        p.add_argument("--max-destinations", type=int, default=1000)
        p.add_argument("--keep-going", action="store_true")
        untrusted_seen = 0
        for case in CARRIER_CASES:
            with self.subTest(case=case):
                args = shlex.split(case)
                o = p.parse_args(args)
                r = self.compare(["carrier", "check"], args, lambda: context(o).carrier_check(
                    o.asn, prefixes=o.prefix, ribs=o.rib, updates=o.updates, as_rel=o.as_rel, as_names=o.as_names,
                    as2org=o.as2org, max_destinations=o.max_destinations, keep_going=o.keep_going),
                    lambda r: 1 if r["findings"] and any(f["severity"] == "error" for f in r["findings"]) else 0)
                untrusted_seen += bool(r and r["findings"])
        self.assertGreater(untrusted_seen, 0)

    def test_trace(self):
        files = sorted(f for f in os.listdir(os.path.join(ROOT, TRACE)) if not f.endswith(".expected"))
        self.assertEqual(len(files), 3)
        os.chdir(ROOT)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            tables = cleannet.Context().trace_tables(pfx2as=TRACE_TABLES[1], ixp=TRACE_TABLES[3])
        cases = 0
        for policy in ["clean-network", "eu-toolbox"]:
            ctx = cleannet.Context(policy=policy, as_of="2024-06-01", ieee_data=False)
            runs = [[f] for f in files] + [files]  # each file, then all in one run
            for run in runs:
                paths = [os.path.join(TRACE, f) for f in run]
                out, err, code = cli(["trace", "check"], paths + TRACE_TABLES + ["--as-of", "2024-06-01", "--policy",
                                                                                   policy, "--no-progress"])
                self.assertEqual(err, [])
                lines = out.splitlines()
                with ctx.trace_check(paths, tables) as verdicts:
                    got = list(verdicts)
                self.assertEqual(got, [json.loads(l) for l in lines[:-1]], f"{policy} {run}")
                self.assertEqual(verdicts.summary, json.loads(lines[-1]))
                self.assertEqual(code, 1 if verdicts.summary["untrusted"] else 0)
                # The golden file itself, for the runs of one file.
                if len(run) == 1:
                    stem = run[0].rsplit(".", 1)[0]
                    with open(os.path.join(TRACE, f"{stem}.{policy}.json.expected")) as f:
                        self.assertEqual(f.read(), out)
                cases += 1
        self.assertEqual(cases, 8)

    def test_trace_real_tables_with_as_names(self):
        """The documented run on real data: RIPE Atlas results, ip2asn, CAIDA IXPs and AS names."""
        os.chdir(ROOT)
        files = ["data/internet/traceroutes/trace_google_dns_v4_default.json",
                 "data/internet/traceroutes/trace_google_dns_v6_default.json"]
        tabs = ["--pfx2as", "data/internet/ip2asn/ipasn6_20151101.dat.xz", "--ixp",
                "data/internet/ixp/caida_ixs_202410.jsonl.gz", "--as-names", "data/internet/caida/asn_names_lookup.txt.xz"]
        out, err, code = cli(["trace", "check"], files + tabs + ["--as-of", "2024-06-01", "--no-progress"])
        ctx = cleannet.Context(as_of="2024-06-01", ieee_data=False)
        t = ctx.trace_tables(pfx2as=tabs[1], ixp=tabs[3], as_names=tabs[5])
        got, err_got, _ = module_run(lambda: list(ctx.trace_check(files, t, threads=2, parse=False)))
        lines = out.splitlines()
        self.assertEqual(len(lines), 3)
        self.assertEqual(got, lines[:-1])  # parse=False: the command's lines to the byte
        self.assertEqual(err_got, err)  # the v6 file's warning

    def test_golden_cases_of_other_checks(self):
        """Every golden case of path, cloud, apps and cable, in JSON, through the module."""
        parsers = {}
        for nv, opts in {
            ("path", "check"): [],
            ("path", "plan"): [],
            ("cloud", "check"): [],
            ("apps", "check"): [],
            ("apps", "inspect"): [],
            ("cable", "check"): [],
        }.items():
            p = argparse.ArgumentParser()
            common(p)
            parsers[nv] = p
        for nv in [("path", "check"), ("path", "plan")]:
            p = parsers[nv]
            p.add_argument("inventory")
            for a in ["--vendors", "--cables", "--demands", "--traffic-class"]:
                p.add_argument(a)
            p.add_argument("--hbom", action="append", default=[])
            p.add_argument("--device-output", action="append", default=[])
        pp = parsers[("path", "plan")]
        pp.add_argument("--class", dest="classes", action="append", default=[])
        pp.add_argument("--default-cost", type=float, default=1.0)
        pp.add_argument("--time-limit", type=float, default=60)
        pp.add_argument("--approximate", action="store_true")
        p = parsers[("cloud", "check")]
        p.add_argument("paths", nargs="+")
        p.add_argument("--data-class-tag", default="data_class")
        p.add_argument("--assume-data-class")
        p = parsers[("apps", "check")]
        p.add_argument("paths", nargs="+")
        p.add_argument("--device")
        p = parsers[("apps", "inspect")]
        p.add_argument("apks", nargs="+")
        p.add_argument("--classes", action="store_true")
        p.add_argument("--top", type=int, default=10)
        p.add_argument("--examples", type=int, default=3)
        p = parsers[("cable", "check")]
        for a in ["--data", "--country"]:
            p.add_argument(a)
        p.add_argument("--to", default="US")
        p.add_argument("--without", action="append", default=[])
        p.add_argument("--include-planned", action="store_true")

        def pairs(v):
            return dict(x.split("=", 1) for x in v)

        def call(nv, o, geojson):
            c = context(o)
            if nv[0] == "path":
                kw = dict(vendors=o.vendors, cables=o.cables, demands=o.demands, traffic_class=o.traffic_class,
                          hbom=pairs(o.hbom), device_output=pairs(o.device_output))
                if nv[1] == "plan":
                    return c.path_plan(o.inventory, classes=o.classes, default_cost=o.default_cost,
                                       time_limit=o.time_limit, approximate=o.approximate, **kw)
                return c.path_check(o.inventory, **kw)
            if nv[0] == "cloud":
                return c.cloud_check(o.paths, data_class_tag=o.data_class_tag, assume_data_class=o.assume_data_class)
            if nv == ("apps", "check"):
                return c.apps_check(o.paths, device=o.device)
            if nv == ("apps", "inspect"):
                return c.apps_inspect(o.apks, classes=o.classes, top=o.top, examples=o.examples)
            kw = dict(data=o.data, country=o.country, to=o.to, without=o.without, include_planned=o.include_planned)
            return c.cable_geojson(**kw) if geojson else c.cable_check(**kw)

        counts = {}
        for noun in ["path", "cloud", "apps", "cable"]:
            golden = os.path.join("tests", "data", noun, "golden")
            for case in sorted(os.listdir(os.path.join(ROOT, golden))):
                folder = os.path.join(golden, case)
                if not os.path.isfile(os.path.join(ROOT, folder, "args")):
                    continue
                with open(os.path.join(ROOT, folder, "args")) as f:
                    args = shlex.split(f.read().replace("{dir}", folder).replace("{inputs}",
                                                                                   os.path.join(golden, "inputs")))
                nv = (noun, args[0])
                geojson = "geojson" in args
                rest = without_format(args[1:])
                o = parsers[nv].parse_args(rest)
                with self.subTest(case=folder):
                    os.chdir(ROOT)
                    if geojson:
                        p = subprocess.run([CLI, *nv, *rest, "--format", "geojson", "--no-ieee-data"], cwd=ROOT,
                                           stdout=subprocess.PIPE, text=True, env=CHILD_ENV)
                        self.assertEqual(call(nv, o, True), json.loads(p.stdout))
                    else:
                        # The command's exit code for a report: 1 on a violation (its findings
                        # that break the policy); the report's own flags are not in its JSON, so
                        # only 0/1 against 2 is compared for these.
                        out, err, code = cli(nv, rest)
                        got, got_err, got_code = module_run(lambda: call(nv, o, False))
                        self.assertEqual(got, json.loads(out) if out.strip() else None, folder)
                        self.assertEqual(got_err, err, folder)
                        self.assertEqual(got_code == 2, code == 2, folder)
                    counts[noun] = counts.get(noun, 0) + 1
        self.assertGreaterEqual(counts.get("path", 0), 10)
        self.assertGreaterEqual(counts.get("cloud", 0), 10)
        self.assertGreaterEqual(counts.get("apps", 0), 10)
        self.assertGreaterEqual(counts.get("cable", 0), 10)

    def test_asgraph_route(self):
        os.chdir(ROOT)
        ctx = cleannet.Context(as_of="2024-06-01", ieee_data=False)
        for extra in [[], ["--avoid", "untrusted"]]:
            args = ["--from", "3356", "--to", "4134", "--as-rel", "tests/data/asgraph/small.as-rel2.txt", "--as2org",
                    "tests/data/asgraph/small.as2org.txt", "--as-of", "2024-06-01", *extra]
            out, err, code = cli(["asgraph", "route"], args)
            got = ctx.asgraph_route(3356, "AS4134", as_rel="tests/data/asgraph/small.as-rel2.txt",
                                    as2org="tests/data/asgraph/small.as2org.txt", avoid=extra[1] if extra else None)
            self.assertEqual(got, json.loads(out))

    def test_things(self):
        os.chdir(ROOT)
        files = ["tests/data/netmodel/things/office-nmap.xml", "tests/data/netmodel/things/office-dhcpd.leases"]
        out, err, code = cli(["things", "scan"], files + ["--as-of", "2024-06-01"])
        got, got_err, _ = module_run(lambda: cleannet.Context(as_of="2024-06-01", ieee_data=False).things_scan(files))
        self.assertEqual(got, json.loads(out))
        self.assertEqual(got_err, err)


class Registry(unittest.TestCase):
    IDS = ["AS4134", "AS23764", "AS3356", "8.8.8.8", "202.97.1.1", "huawei.com", "com.tencent.mm", "Huawei",
           "00:18:82:12:34:56"]

    def test_lookup_equals_cli(self):
        ctx = cleannet.Context(as_of="2024-06-01", ieee_data=False)
        out, err, code = cli(["registry", "lookup"], self.IDS + ["--as-of", "2024-06-01"])
        self.assertEqual(ctx.lookup(self.IDS), json.loads(out))
        for policy in ["eu-toolbox"]:
            out, _, _ = cli(["registry", "lookup"], self.IDS + ["--as-of", "2020-01-01", "--policy", policy])
            c = cleannet.Context(as_of="2020-01-01", policy=policy, ieee_data=False)
            self.assertEqual(c.lookup(self.IDS), json.loads(out))
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
            f.write("# a list\nAS4134\n\n8.8.8.8\n")
            f.flush()
            out, _, _ = cli(["registry", "lookup"], ["--from", f.name, "--as-of", "2024-06-01"])
            self.assertEqual(ctx.lookup(from_file=f.name), json.loads(out))

    def test_lookup_bad_identifier(self):
        ctx = cleannet.Context(as_of="2024-06-01", ieee_data=False)
        out, err, code = cli(["registry", "lookup"], ["AS4134", "AS99999999999", "--as-of", "2024-06-01"])
        self.assertEqual(code, 2)
        with self.assertRaises(cleannet.InputError) as e:
            ctx.lookup(["AS4134", "AS99999999999"])
        self.assertIsInstance(e.exception, ValueError)
        self.assertEqual(e.exception.errors, err)
        self.assertEqual(e.exception.report, json.loads(out))

    def test_show_and_export(self):
        ctx = cleannet.Context(as_of="2024-06-01", ieee_data=False)
        out, _, _ = cli(["registry", "show"], ["huawei", "AS4134", "--as-of", "2024-06-01"])
        self.assertEqual(ctx.show(["huawei", "AS4134"]), json.loads(out))
        out, _, _ = cli(["registry", "export"], [])
        self.assertEqual(ctx.export_registry(), json.loads(out))


def write_many_traces(path, copies):
    """An NDJSON file of `copies` times the golden atlas_v6 traces."""
    with open(os.path.join(ROOT, TRACE, "atlas_v6.ndjson")) as f:
        lines = [l for l in f.read().splitlines() if l.strip()]
    with open(path, "w") as f:
        for _ in range(copies):
            f.write("\n".join(lines) + "\n")
    return len(lines) * copies


def threads_now():
    return len(os.listdir("/proc/self/task"))


class Iterator(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.chdir(ROOT)
        cls.ctx = cleannet.Context(as_of="2024-06-01", ieee_data=False)
        cls.tables = cls.ctx.trace_tables(pfx2as=TRACE_TABLES[1], ixp=TRACE_TABLES[3])
        cls.dir = tempfile.TemporaryDirectory()
        cls.big = os.path.join(cls.dir.name, "many.ndjson")
        cls.n = write_many_traces(cls.big, 20000)

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def test_order_and_count_of_many(self):
        v = self.ctx.trace_check(self.big, self.tables, parse=False)
        n = 0
        first = None
        for line in v:
            if first is None:
                first = line
            n += 1
        self.assertEqual(n, self.n)
        self.assertEqual(v.summary["traces"], self.n)

    def test_early_close_stops_the_check(self):
        list(self.ctx.trace_check(os.path.join(TRACE, "scamper.json"), self.tables))  # TBB's pool exists
        before = threads_now()
        for how in ["close", "with", "del"]:
            with self.subTest(how=how):
                t0 = time.monotonic()
                v = self.ctx.trace_check(self.big, self.tables, max_queued_bytes=1 << 16)
                if how == "close":
                    head = [next(v) for _ in range(5)]
                    v.close()
                    self.assertEqual(list(v), [])
                    self.assertIsNone(v.summary)
                elif how == "with":
                    with v:
                        head = [x for _, x in zip(range(5), v)]
                else:
                    head = [next(v) for _ in range(5)]
                    del v
                    gc.collect()
                self.assertEqual(len(head), 5)
                self.assertEqual(head[0]["file"], self.big)
                # Well before the whole file could have been judged.
                self.assertLess(time.monotonic() - t0, 10)
                # The run's thread has ended (TBB's workers are the pool that was there).
                self.assertLessEqual(threads_now(), before)

    def test_reader_slower_than_the_check_is_held_back(self):
        def rss_kb():
            with open("/proc/self/status") as f:
                return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
        t0 = time.monotonic()
        verdict_bytes = sum(len(l) + 1 for l in self.ctx.trace_check(self.big, self.tables, parse=False))
        whole_run = time.monotonic() - t0
        base = rss_kb()
        bound = 1 << 16
        v = self.ctx.trace_check(self.big, self.tables, max_queued_bytes=bound, parse=False)
        next(v)
        time.sleep(max(1.5, 1.5 * whole_run))  # unread, the check would have judged everything by now
        written, held_kb = v._run.written_bytes, rss_kb() - base
        rest = sum(1 for _ in v)
        self.assertEqual(rest + 1, self.n)
        self.assertEqual(v._run.written_bytes, verdict_bytes)
        # While nobody reads, the check writes no more than the queue's bound, give or take a
        # piece of 64 KiB (the one the reader holds, the last one accepted); the rest waits in
        # the batches in flight, a fixed number (trace::CheckOptions::max_batches_in_flight),
        # which is what resident memory shows.
        print(f"\n  reader stalled: {written} of {verdict_bytes} verdict bytes written, resident memory +{held_kb} kB",
              file=sys.stderr)
        self.assertLess(written, 8 * bound)

    def test_errors_after_the_verdicts(self):
        bad = "tests/data/bad/trace/array-missing-comma.json"
        good = os.path.join(TRACE, "atlas_array.json")
        out, err, code = cli(["trace", "check"], [good, bad] + TRACE_TABLES + ["--as-of", "2024-06-01",
                                                                                 "--no-progress"])
        self.assertEqual(code, 2)
        v = self.ctx.trace_check([good, bad], self.tables)
        got = []
        with self.assertRaises(cleannet.InputError) as e:
            for x in v:
                got.append(x)
        lines = out.splitlines()
        self.assertEqual(got, [json.loads(l) for l in lines[:-1]])
        self.assertEqual(v.summary, json.loads(lines[-1]))
        self.assertEqual(e.exception.errors, err)
        self.assertIn(bad + ":", str(e.exception))

    def test_many_runs_share_the_tables_across_threads(self):
        import concurrent.futures
        files = [os.path.join(TRACE, "atlas_array.json"), os.path.join(TRACE, "scamper.json")]
        want = [list(self.ctx.trace_check([f], self.tables)) for f in files]
        with concurrent.futures.ThreadPoolExecutor(4) as ex:
            got = list(ex.map(lambda i: list(self.ctx.trace_check([files[i % 2]], self.tables, threads=1)), range(8)))
        for i, g in enumerate(got):
            self.assertEqual(g, want[i % 2])


class Pickling(unittest.TestCase):
    def test_context_and_tables_travel_as_their_arguments(self):
        import pickle
        os.chdir(ROOT)
        ctx = cleannet.Context(policy="eu-toolbox", as_of="2024-06-01", ieee_data=False)
        tables = ctx.trace_tables(pfx2as=TRACE_TABLES[1], ixp=TRACE_TABLES[3])
        ctx2, tables2 = pickle.loads(pickle.dumps((ctx, tables)))
        self.assertEqual((ctx2.policy, ctx2.as_of), ("eu-toolbox", "2024-06-01"))
        self.assertEqual(repr(tables2), repr(tables))
        f = os.path.join(TRACE, "atlas_v6.ndjson")
        self.assertEqual(list(ctx2.trace_check(f, tables2)), list(ctx.trace_check(f, tables)))
        today = cleannet.Context(ieee_data=False)
        self.assertEqual(pickle.loads(pickle.dumps(today)).as_of, today.as_of)


class BadInput(unittest.TestCase):
    def test_context(self):
        with self.assertRaises(cleannet.InputError) as e:
            cleannet.Context(as_of="2024-13-45")
        self.assertIn("as_of", str(e.exception))
        with self.assertRaises(cleannet.InputError) as e:
            cleannet.Context(registry=["tests/data/bad/no-such-registry.toml"])
        self.assertIn("no-such-registry.toml", str(e.exception))
        with self.assertRaises(cleannet.InputError) as e:
            cleannet.Context(policy="no-such-policy")
        self.assertIn("no-such-policy", str(e.exception))

    def test_tables_name_the_file_and_line(self):
        os.chdir(ROOT)
        ctx = cleannet.Context(as_of="2024-06-01", ieee_data=False)
        with self.assertRaises(cleannet.InputError) as e:
            ctx.trace_tables(pfx2as="no/such/table.dat")
        self.assertIn("no/such/table.dat", str(e.exception))
        with self.assertRaises(ValueError):
            ctx.trace_tables()  # no origin source
        with tempfile.NamedTemporaryFile("w", suffix=".pfx2as") as f:
            f.write("192.0.2.0\t24\t64500\nnot a line\n")
            f.flush()
            with self.assertRaises(cleannet.InputError) as e:
                ctx.trace_tables(pfx2as=f.name)
            self.assertIn(f"{f.name}:2", str(e.exception))

    def test_every_bad_trace_file(self):
        """The malformed-trace corpus: each raises InputError with the command's message."""
        os.chdir(ROOT)
        ctx = cleannet.Context(as_of="2024-06-01", ieee_data=False)
        tables = ctx.trace_tables(pfx2as=TRACE_TABLES[1])
        folder = "tests/data/bad/trace"
        n = 0
        for name in sorted(os.listdir(folder)):
            if name.endswith(".expected"):
                continue
            path = os.path.join(folder, name)
            out, err, code = cli(["trace", "check"], [path, "--pfx2as", TRACE_TABLES[1], "--as-of", "2024-06-01",
                                                      "--no-progress"])
            if code != 2:
                continue
            with self.subTest(path=path):
                with self.assertRaises(cleannet.InputError) as e:
                    list(ctx.trace_check(path, tables))
                self.assertEqual(e.exception.errors, [l for l in err if not l.startswith("warning:")])
                self.assertIn(path, str(e.exception))
                n += 1
        self.assertGreater(n, 5)

    def test_wrong_types(self):
        ctx = cleannet.Context(as_of="2024-06-01", ieee_data=False)
        with self.assertRaises(TypeError):
            ctx.trace_check(["x.json"], "not tables")
        with self.assertRaises(cleannet.InputError):
            ctx.asgraph_route("AS1x", 2, as_rel="tests/data/asgraph/small.as-rel2.txt")


class Install(unittest.TestCase):
    def test_cmake_install_component(self):
        """The documented install command into a fresh prefix, then imported from there."""
        build = os.environ.get("CLEANNET_BUILD_DIR")
        if not build:
            self.skipTest("CLEANNET_BUILD_DIR not set")
        with tempfile.TemporaryDirectory() as prefix:
            subprocess.run(["cmake", "--install", build, "--component", "python", "--prefix", prefix], check=True,
                           stdout=subprocess.DEVNULL, env=CHILD_ENV)
            site = os.path.join(prefix, "lib", f"python{sys.version_info[0]}.{sys.version_info[1]}", "dist-packages")
            env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
            env["PYTHONPATH"] = site
            p = subprocess.run([sys.executable, "-c", "import cleannet, sys; print(cleannet.__file__); "
                                "print(cleannet.Context(as_of='2024-06-01').lookup('AS4134')[0]['status'])"],
                               env=env, cwd=prefix, stdout=subprocess.PIPE, text=True, check=True)
            where, status = p.stdout.split()
            self.assertTrue(where.startswith(site), where)
            self.assertEqual(status, "untrusted")


if __name__ == "__main__":
    CLI = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
