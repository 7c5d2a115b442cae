#!/usr/bin/python3
"""networkx peer of bench/path_bench.cc: the same clean-alternative searches with networkx.

    /usr/bin/python3 bench/path_networkx.py INPUT [--demands N] [--json FILE]

INPUT is what `path_bench --nx-input=INPUT` wrote in the same run: the SYNTHETIC inventory's
edge list (device indices, IGP cost), cleannet's "diplomatic" node and edge masks, the demands
and cleannet's cost for each (see write_nx_input in path_bench.cc). Run it with Debian's
interpreter (/usr/bin/python3) so that Debian's python3-networkx is the one measured;
scripts/bench-path does.

The graph is pre-filtered: built from the allowed devices and the allowed links between
them only, so each query is a plain nx.bidirectional_dijkstra(G, s, t, weight="weight")
(networkx's fastest point-to-point search; it searches from both ends, like cleannet).
Filtering while building is the fast way in networkx: a subgraph_view calls the filter
functions on every adjacency access during the search. Building the graph (filtering
included) is timed separately from the queries, as cleannet's masks are.

Only the first N demands are run (default all): networkx is about two orders of magnitude
slower, and the driver compares per-query times on exactly this subset. Every answer must
equal cleannet's cost (or both must find no clean path), or the script stops with exit
code 1 naming the demand.
"""

import argparse
import array
import json
import math
import resource
import struct
import sys
import time

import networkx as nx


def read_input(path):
    with open(path, "rb") as f:
        if f.read(8) != b"CNPATH1\0":
            sys.exit(f"path_networkx: {path}: not a path_bench input file")
        nodes, edges, demands = struct.unpack("<IQI", f.read(16))

        def arr(code, count):
            a = array.array(code)
            a.fromfile(f, count)
            if sys.byteorder != "little":
                a.byteswap()
            return a

        assert array.array("I").itemsize == 4 and array.array("d").itemsize == 8
        src, dst, cost = arr("I", edges), arr("I", edges), arr("d", edges)
        node_ok, edge_ok = f.read(nodes), f.read(edges)
        s, t, expected = arr("I", demands), arr("I", demands), arr("d", demands)
    return nodes, src, dst, cost, node_ok, edge_ok, s, t, expected


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("--demands", type=int, default=0, help="run the first N demands (0: all)")
    ap.add_argument("--json", help="write the results here")
    a = ap.parse_args()

    load_wall, load_cpu = time.perf_counter(), time.process_time()
    nodes, src, dst, cost, node_ok, edge_ok, s, t, expected = read_input(a.input)
    load = {"wall_s": time.perf_counter() - load_wall, "cpu_s": time.process_time() - load_cpu}

    build_wall, build_cpu = time.perf_counter(), time.process_time()
    G = nx.Graph()
    G.add_nodes_from(v for v in range(nodes) if node_ok[v])
    G.add_weighted_edges_from(
        (src[e], dst[e], cost[e]) for e in range(len(src)) if edge_ok[e] and node_ok[src[e]] and node_ok[dst[e]]
    )
    build = {"wall_s": time.perf_counter() - build_wall, "cpu_s": time.process_time() - build_cpu}
    print(
        f"path_networkx: networkx {nx.__version__}: pre-filtered graph of {G.number_of_nodes():,} allowed devices and "
        f"{G.number_of_edges():,} allowed links built in {build['wall_s']:.1f} s",
        file=sys.stderr,
    )

    n = len(s) if a.demands <= 0 else min(a.demands, len(s))
    print(f"path_networkx: nx.bidirectional_dijkstra for the first {n} of {len(s)} demands ...", file=sys.stderr)
    results, mismatches = [], 0
    total_wall, total_cpu = time.perf_counter(), time.process_time()
    for i in range(n):
        q_wall, q_cpu = time.perf_counter(), time.process_time()
        try:
            found, _ = nx.bidirectional_dijkstra(G, s[i], t[i], weight="weight")
        except (nx.NetworkXNoPath, nx.NodeNotFound):  # NodeNotFound: an endpoint is not allowed
            found = None
        wall, cpu = time.perf_counter() - q_wall, time.process_time() - q_cpu
        want = None if math.isnan(expected[i]) else expected[i]
        if found != want:
            mismatches += 1
            print(f"path_networkx: MISMATCH demand {i} ({s[i]} -> {t[i]}): cleannet {want}, networkx {found}",
                  file=sys.stderr)
        results.append({"index": i, "cost": found, "wall": wall, "cpu": cpu})
    total = {"wall_s": time.perf_counter() - total_wall, "cpu_s": time.process_time() - total_cpu}

    out = {
        "networkx_version": nx.__version__,
        "python": sys.version.split()[0],
        "python_executable": sys.executable,
        "graph": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "prefiltered": True},
        "read_input": load,
        "construction": build,
        "demands_run": n,
        "demands_total": len(s),
        "total": total,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "mismatches": mismatches,
        "demands": results,
    }
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1)
    if mismatches:
        sys.exit(f"path_networkx: {mismatches} demands where networkx and cleannet disagree on the clean path's cost")
    print(f"path_networkx: networkx and cleannet agree on all {n} demands run; {total['wall_s']:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
