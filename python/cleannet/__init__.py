"""cleannet from Python: the same library calls as the `cleannet` command, with plain dicts.

Every check returns the dict that `cleannet ... --format json` prints (json.loads of it,
equal key for key), so a script and the command never disagree. A Context loads the
registry and policy once; a TraceTables loads the prefix-to-AS, IXP and AS-name tables once;
both are reused by any number of calls (a Dask worker keeps one of each).

    import cleannet
    ctx = cleannet.Context(policy="clean-network", as_of="2024-06-01")
    ctx.lookup(["AS4134"])[0]["status"]                      # 'untrusted'
    report = ctx.carrier_check(["AS64500"], ribs=["rib.mrt"])
    tables = ctx.trace_tables(pfx2as=["ipasn.dat"], ixp="ixs.jsonl")
    with ctx.trace_check(["a.json"], tables) as verdicts:
        for v in verdicts:                                  # one dict per trace, in input order
            ...
        verdicts.summary                                    # the summary, after the last verdict

Errors in the inputs raise InputError (a ValueError) with the library's message, which names
the file, the line and what was expected; what the command prints on standard error as a
note or warning comes as a CleannetWarning (the warnings module). docs/python.md has the
whole API with runnable examples.
"""

import atexit as _atexit
import json as _json
import os as _os
import warnings as _warnings
import weakref as _weakref

from ._cleannet import InputError  # noqa: F401  (raised by the extension too)

InputError.__module__ = __name__  # shown as cleannet.InputError in tracebacks
from . import _cleannet

__all__ = ["Context", "TraceTables", "TraceVerdicts", "InputError", "CleannetWarning", "merge", "report",
           "partial_info", "shard_positions"]


class CleannetWarning(UserWarning):
    """What the command prints on standard error besides errors: skipped records, notes."""


def _path(p):
    """A path argument (str or os.PathLike); None is "not given"."""
    return "" if p is None else _os.fspath(p)


def _paths(ps):
    """A list of paths; one path alone is a list of one."""
    if ps is None:
        return []
    if isinstance(ps, (str, bytes, _os.PathLike)):
        ps = [ps]
    return [_os.fspath(p) for p in ps]


def _strings(xs):
    if xs is None:
        return []
    if isinstance(xs, (str, int)):
        xs = [xs]
    return [str(x) for x in xs]


def _warn(notes, stacklevel=3):
    for n in notes:
        _warnings.warn(n, CleannetWarning, stacklevel=stacklevel + 1)


def _input_error(errors, report=None):
    """InputError with every message; .errors lists them, .report holds what was reported
    for the inputs that could be read (the command prints it and exits 2), or None."""
    e = InputError("\n".join(errors))
    e.errors = list(errors)
    e.report = report
    return e


def _finish(outcome):
    """The extension's (json text, errors, notes) as the command's result: the dict, or
    InputError when an input failed."""
    text, errors, notes = outcome[:3]
    _warn(notes)
    report = _json.loads(text) if text else None
    if errors:
        raise _input_error(errors, report)
    return report


class TraceTables:
    """The tables traceroute hops are attributed with (Context.trace_tables): load once,
    pass to any number of Context.trace_check calls, from any thread."""

    def __init__(self, tables, args):
        self._tables = tables
        self._args = args  # Context.trace_tables's arguments, to load them again elsewhere

    def __reduce__(self):
        # Pickled as the arguments that load it (a task sent to another process loads its
        # own copy there): the tables themselves stay in C++.
        return (_load_trace_tables, self._args)

    @property
    def origins(self):
        """The prefix-to-AS sources, as the summary's "origins" names them."""
        return self._tables.origins

    @property
    def prefixes(self):
        return self._tables.prefixes

    @property
    def notes(self):
        return list(self._tables.notes)

    def __repr__(self):
        return f"<cleannet.TraceTables {self.prefixes} prefixes from {self.origins}>"


class TraceVerdicts:
    """The verdicts of Context.trace_check, one dict per trace in input order, each what
    `cleannet trace check --format json` prints on its line. The check runs on its own
    threads and waits while its unread output exceeds a bound, so memory stays bounded
    however many traces there are. After the last verdict, .summary is the summary object
    (the command's last line) and .warnings the inputs' warnings; an input that failed raises
    InputError then (its verdicts before the failure have been given; .summary is set and the
    exception's .report is the summary too). close() (or leaving a with block, or dropping the
    iterator) stops the check early.
    """

    def __init__(self, run, parse):
        self._run = run
        _open_runs.add(self)
        self._parse = parse
        self._ended = False
        self.summary = None
        self.warnings = []
        self.errors = []

    def __iter__(self):
        return self

    def __next__(self):
        if self._ended:
            raise StopIteration
        line = self._run.next()
        if line is not None:
            return _json.loads(line) if self._parse else line
        self._ended = True
        if self._run.closed:
            raise StopIteration
        if self._run.failure:
            raise RuntimeError("cleannet trace check failed: " + self._run.failure)
        self.summary = _json.loads(self._run.summary)
        self.warnings = ["warning: " + w for w in self._run.warnings]
        self.errors = list(self._run.errors)
        _warn(self.warnings, stacklevel=2)
        if self.errors:
            raise _input_error(self.errors, self.summary)
        raise StopIteration

    def close(self):
        """Stops the check (if it runs) and waits for its threads; iteration then ends."""
        self._ended = True
        self._run.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        run = getattr(self, "_run", None)
        if run is not None:
            run.close()


# Runs still open when the interpreter exits are stopped first: their threads must not
# outlive the module's data (nor run while the process tears its libraries down).
_open_runs = _weakref.WeakSet()


@_atexit.register
def _close_open_runs():
    for v in list(_open_runs):
        v.close()


class Context:
    """The registry, policy and date every check reads, loaded once.

    registry: registry files layered over the bundled one, in order (later ones override);
    policy: "clean-network", "eu-toolbox" or a policy TOML file; as_of: "YYYY-MM-DD" (default
    today); bundled: load the bundled registry; ieee_data: the IEEE MAC registry folder, None
    for the default ($CLEANNET_IEEE_DATA or /usr/share/ieee-data), False for none
    (--no-ieee-data). Each argument is the command's option of the same name.
    """

    def __init__(self, registry=(), policy="clean-network", as_of=None, bundled=True, ieee_data=None):
        self._c = _cleannet.Context(
            _paths(registry), bool(bundled), _path(policy), as_of or "",
            "" if ieee_data in (None, False) else _os.fspath(ieee_data), ieee_data is False)
        # The date resolved here (not "today" wherever it is unpickled).
        self._args = (_paths(registry), _path(policy), self.as_of, bool(bundled),
                      ieee_data if ieee_data in (None, False) else _os.fspath(ieee_data))

    def __reduce__(self):
        # Pickled as its arguments, loaded where it is unpickled (a Dask worker) once per
        # process: every task of a worker that carries the same Context gets the one loaded.
        return (_cached_context, self._args)

    @property
    def policy(self):
        """The policy's name."""
        return self._c.policy

    @property
    def as_of(self):
        """The date statuses are judged at, YYYY-MM-DD."""
        return self._c.as_of

    def __repr__(self):
        return f"<cleannet.Context policy {self.policy}, as of {self.as_of}>"

    # --- the registry -------------------------------------------------------------------

    def lookup(self, ids=(), from_file=None):
        """`registry lookup --format json`: one dict per identifier (ASN, IP, MAC/OUI,
        domain, package, certificate, name), the identifiers of `ids` then the lines of
        `from_file`."""
        return _finish(self._c.lookup(_strings(ids), _path(from_file)))

    def show(self, orgs):
        """`registry show --format json`: organisations by id, name or any identifier."""
        return _finish(self._c.show(_strings(orgs)))

    def export_registry(self):
        """`registry export`: the layered registry."""
        return _json.loads(self._c.export_registry())

    # --- the checks: each returns what `cleannet <noun> <verb> --format json` prints ------

    def path_check(self, inventory, *, vendors=None, cables=None, demands=None, traffic_class=None, hbom=None,
                   device_output=None):
        """`path check`. hbom and device_output map a device to its file."""
        return _finish(self._c.path_check(_path(inventory), _path(vendors), _path(cables), _path(demands),
                                          traffic_class or "", _device_files(hbom), _device_files(device_output)))

    def path_plan(self, inventory, *, vendors=None, cables=None, demands=None, traffic_class=None, hbom=None,
                  device_output=None, classes=(), default_cost=1.0, time_limit=60.0, approximate=False):
        """`path plan`: the cheapest replacement that gives every demand a clean path."""
        return _finish(self._c.path_plan(_path(inventory), _path(vendors), _path(cables), _path(demands),
                                         traffic_class or "", _device_files(hbom), _device_files(device_output),
                                         _strings(classes), float(default_cost), float(time_limit),
                                         bool(approximate)))

    def things_scan(self, files, *, input_format="auto"):
        """`things scan`: devices of nmap XML, dhcpd leases, ip neigh and ARP tables."""
        return _finish(self._c.things_scan(_paths(files), input_format))

    def carrier_check(self, asns, *, prefixes=(), ribs=(), updates=(), as_rel=None, as_names=None, as2org=None,
                      max_destinations=1000, keep_going=False):
        """`carrier check`: interconnections with and routes through untrusted carriers."""
        return _finish(self._c.carrier_check(_strings(asns), _strings(prefixes), _paths(ribs), _paths(updates),
                                             _path(as_rel), _path(as_names), _path(as2org), int(max_destinations),
                                             bool(keep_going)))

    def cloud_check(self, paths, *, data_class_tag="data_class", assume_data_class=None):
        """`cloud check`: Terraform configuration, state, plans and inventories."""
        return _finish(self._c.cloud_check(_paths(paths), data_class_tag, assume_data_class or ""))

    def cable_check(self, *, data=None, country=None, to="US", without=(), include_planned=False):
        """`cable check`: submarine cables (the bundled snapshot unless `data`)."""
        return _finish(self._c.cable_check(_path(data), country or "", to, _strings(without), bool(include_planned),
                                           False))

    def cable_geojson(self, *, data=None, country=None, to="US", without=(), include_planned=False):
        """`cable check --format geojson`: the cables coloured by verdict."""
        out = self._c.cable_check(_path(data), country or "", to, _strings(without), bool(include_planned), True)
        _finish(out)
        return _json.loads(out[3]) if out[3] is not None else None

    def apps_check(self, paths, *, device=None):
        """`apps check`: app catalogues, package lists and APKs by publisher and maker."""
        return _finish(self._c.apps_check(_paths(paths), device or ""))

    def apps_inspect(self, apks, *, classes=False, top=10, examples=3):
        """`apps inspect`: APKs' certificates, classes and embedded SDKs."""
        return _finish(self._c.apps_inspect(_paths(apks), bool(classes), int(top), int(examples)))

    def asgraph_route(self, from_as, to_as, *, as_rel, as_rel_format="auto", as_names=None, as2org=None, avoid=None):
        """`asgraph route`: the valley-free route between two ASes; avoid is "untrusted" or
        AS numbers."""
        if as_names is not None and as2org is not None:
            raise _input_error(["as_names and as2org: expected one AS directory, found both"])
        if avoid is not None and not isinstance(avoid, str):
            avoid = ",".join(str(a) for a in avoid)
        return _finish(self._c.asgraph_route(str(from_as), str(to_as), _path(as_rel), as_rel_format, _path(as_names),
                                             _path(as2org), avoid or ""))

    # --- traceroutes ----------------------------------------------------------------------

    def trace_tables(self, *, pfx2as=(), ribs=(), ixp=None, as_names=None, as2org=None, keep_going=False):
        """The tables `trace check` attributes hops with (its --pfx2as, --rib, --ixp,
        --as-names, --as2org, --keep-going), loaded once for many trace_check calls."""
        args = (_paths(pfx2as), _paths(ribs), _path(ixp), _path(as_names), _path(as2org), bool(keep_going))
        t = TraceTables(_cleannet.trace_tables(*args), args)
        _warn(t.notes)
        return t

    def trace_check(self, files, tables, *, threads=0, max_queued_bytes=8 << 20, parse=True):
        """`trace check --format json` as an iterator of verdicts (TraceVerdicts). threads: the
        check's worker threads (0: every core); parse=False gives each verdict as its JSON
        line (str) instead of a dict."""
        if not isinstance(tables, TraceTables):
            raise TypeError("tables: expected the TraceTables of Context.trace_tables")
        run = self._c.trace_check(tables._tables, _paths(files), int(threads), int(max_queued_bytes))
        return TraceVerdicts(run, parse)

    # --- partial results (docs/scale.md) ---------------------------------------------------

    def carrier_partial(self, asns, *, prefixes=(), ribs=(), updates=(), as_rel=None, as_names=None, as2org=None,
                        max_destinations=1000, keep_going=False, positions=None, shard=None, strict=False):
        """`carrier check --partial-out`: the partial (bytes) of the inputs at `positions`
        (0-based, of ribs then updates; default all), or of shard=(i, n) as --shard i/n.
        Merge partials with cleannet.merge, make the report with cleannet.report."""
        n = len(_paths(ribs)) + len(_paths(updates))
        return self._c.carrier_partial(_strings(asns), _strings(prefixes), _paths(ribs), _paths(updates),
                                       _path(as_rel), _path(as_names), _path(as2org), int(max_destinations),
                                       bool(keep_going), _positions(n, positions, shard), bool(strict))

    def trace_partial(self, files, tables, *, positions=None, shard=None, findings=False, strict=False, threads=0):
        """`trace check --partial-out`: the partial (bytes) of the traceroute files at
        `positions` (0-based, of `files`; default all), or of shard=(i, n) as --shard i/n,
        read with `tables` (Context.trace_tables). findings=True keeps each untrusted or
        undetermined trace's finding, for a SARIF report (the command's --format sarif);
        the partials of one run must agree on it. threads: the check's threads (0: every
        core). A file that cannot be read is recorded in the partial with its error
        (strict=True: raises InputError instead)."""
        if not isinstance(tables, TraceTables):
            raise TypeError("tables: expected the TraceTables of Context.trace_tables")
        files = _paths(files)
        return self._c.trace_partial(tables._tables, files, _positions(len(files), positions, shard),
                                     bool(findings), bool(strict), int(threads))


def _positions(n, positions, shard):
    if positions is not None and shard is not None:
        raise ValueError("positions and shard: expected one of them, found both")
    if shard is not None:
        return shard_positions(shard, n)
    return list(range(n)) if positions is None else sorted(int(p) for p in positions)


def shard_positions(shard, n):
    """The 0-based positions --shard i/n picks out of n inputs: every n-th from the i-th."""
    i, count = shard
    if not (1 <= i <= count):
        raise ValueError(f"shard: expected (i, n) with 1 <= i <= n, found {shard!r}")
    return list(range(i - 1, n, count))


def _partial_bytes(p):
    """A partial as bytes: bytes as they are, a path read."""
    if isinstance(p, (bytes, bytearray, memoryview)):
        return "partial", bytes(p)
    with open(p, "rb") as f:
        return _os.fspath(p), f.read()


def merge(partials):
    """`cleannet merge ... --partial-out`: partials (bytes or paths) of one run as one partial
    (bytes). Associative and commutative: merge in any order and any tree."""
    parts = [_partial_bytes(p) for p in partials]
    if len(parts) == 1:
        return _cleannet.merge_partials(parts)
    return _cleannet.merge_partials([(f"{name} #{i + 1}" if name == "partial" else name, b)
                                     for i, (name, b) in enumerate(parts)])


def partial_info(partial):
    """A partial's header as a dict: kind, cleannet version, context, options, sources,
    inputs and the positions it covers."""
    name, b = _partial_bytes(partial)
    return _json.loads(_cleannet.partial_header(name, b))


def report(partial, *, format="json", context=None, top=10):
    """`cleannet merge`: the report of a partial that covers every input of its run, as the
    command prints it: a dict for format="json", else the text. context: the Context the
    partials were made with (default: loaded from the partial's own sources). An input error
    of the run raises InputError with the report in .report."""
    name, b = _partial_bytes(partial)
    info = _json.loads(_cleannet.partial_header(name, b))
    if context is None and info.get("context"):
        src = info.get("sources", {})
        context = _cached_context(src.get("registries", []), src.get("policy", "clean-network"),
                                  info["context"].get("as_of"), src.get("bundled", True), None)
    out, err, code = _cleannet.render_partial(context._c if context is not None else None, name, b, format,
                                              int(top))
    lines = [line for line in err.splitlines() if line]
    result = (_json.loads(out) if out else None) if format == "json" else out
    if code == 2:
        raise _input_error(lines, result)
    _warn(lines)
    return result


_contexts = {}
_trace_tables = {}


def _stamp(paths):
    """The files as they are now (size and modification time): a cached load is reused only
    while its files are unchanged."""
    out = []
    for p in paths:
        try:
            st = _os.stat(p)
            out.append((p, st.st_size, st.st_mtime_ns))
        except (OSError, ValueError):
            out.append((p, None, None))
    return tuple(out)


def _cached_context(registry, policy, as_of, bundled, ieee_data):
    """One Context per process for the same arguments and files (what a Dask worker
    unpickles)."""
    key = (tuple(registry), policy, as_of, bundled, ieee_data, _stamp([*registry, policy]))
    if key not in _contexts:
        _contexts[key] = Context(registry=registry, policy=policy, as_of=as_of, bundled=bundled, ieee_data=ieee_data)
    return _contexts[key]


def _load_trace_tables(*args):
    """The tables of Context.trace_tables's arguments, loaded once per process while their
    files are unchanged (what a Dask worker unpickles: once per worker, not per file)."""
    pfx2as, ribs, ixp, as_names, as2org, keep_going = args
    key = (tuple(pfx2as), tuple(ribs), ixp, as_names, as2org, keep_going,
           _stamp([*pfx2as, *ribs, ixp, as_names, as2org]))
    if key not in _trace_tables:
        # No warning here: Context.trace_tables gave them where the tables were first loaded,
        # and a partial carries them to its report.
        _trace_tables[key] = TraceTables(_cleannet.trace_tables(*args), args)
    return _trace_tables[key]


def _device_files(m):
    """{device: file} for --hbom and --device-output."""
    return {str(k): _os.fspath(v) for k, v in (m or {}).items()}
