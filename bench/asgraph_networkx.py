#!/usr/bin/python3
"""networkx peer of bench/asgraph_bench.cc: the same valley-free route inference in Python.

    /usr/bin/python3 bench/asgraph_networkx.py DIR [--reps N] [--json FILE]

DIR is what `asgraph_bench --nx-input=DIR` wrote in the same run: links.txt (the graph as a
CAIDA serial-1 file), destinations.txt, and routes.bin (cleannet's route class, length and
next hop of every AS for every destination). Run it with Debian's interpreter
(/usr/bin/python3) so that Debian's python3-networkx is what is measured; scripts/bench-asgraph
does.

The graph is held in networkx, one graph per relation so that each phase walks only the
arcs it needs, as cleannet's CSR does: `up` (customer -> provider arcs), `down` (provider ->
customer) and `peers` (undirected). The rule is cleannet's (asgraph/valley_free.h): routes
from customers (or the origin) go to everyone, routes from peers and providers only to
customers; preference customer > peer > provider, then the shorter AS path, then the lowest
next-hop ASN; computed with the same three breadth-first phases (up the customer cone, one
peer hop, down to customers in order of length). Every AS's class, length and next hop must
equal cleannet's for every destination, or the script stops with exit code 1 naming the AS.
"""

import argparse
import array
import json
import resource
import statistics
import sys
import time

import networkx as nx

ORIGIN, CUSTOMER, PEER, PROVIDER, NONE = 0, 1, 2, 3, 4


def read_graph(path):
    up, down, peers = nx.DiGraph(), nx.DiGraph(), nx.Graph()
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                continue
            a, b, rel = line.rstrip("\n").split("|")
            a, b = int(a), int(b)
            if rel == "-1":  # a is b's provider
                up.add_edge(b, a)
                down.add_edge(a, b)
            else:
                peers.add_edge(a, b)
    everyone = set(up) | set(down) | set(peers)
    for g in (up, down, peers):
        g.add_nodes_from(everyone)  # so that every AS has an (empty) adjacency in each
    return up, down, peers


def infer(up, down, peers, d):
    """Route class, length and next hop of every AS toward d."""
    up_adj, down_adj, peer_adj = up.adj, down.adj, peers.adj
    cls = {d: ORIGIN}
    length = {d: 0}
    nh = {d: None}
    # Phase 1: customer routes, breadth-first up the provider arcs.
    order = [d]
    head = 0
    while head < len(order):
        v = order[head]
        head += 1
        l = length[v] + 1
        for p in up_adj[v]:
            c = cls.get(p)
            if c is None:
                cls[p] = CUSTOMER
                length[p] = l
                nh[p] = v
                order.append(p)
            elif c == CUSTOMER and length[p] == l and v < nh[p]:
                nh[p] = v
    # Phase 2: one peer hop from the origin or a customer route.
    for k in range(len(order)):
        v = order[k]
        l = length[v] + 1
        for w in peer_adj[v]:
            c = cls.get(w)
            if c is None:
                cls[w] = PEER
                length[w] = l
                nh[w] = v
                order.append(w)
            elif c == PEER and (l < length[w] or (l == length[w] and v < nh[w])):
                length[w] = l
                nh[w] = v
    # Phase 3: provider routes, descending in nondecreasing length.
    seeds = sorted(order, key=length.__getitem__)
    queue = []
    si = qi = 0
    while si < len(seeds) or qi < len(queue):
        if qi == len(queue) or (si < len(seeds) and length[seeds[si]] <= length[queue[qi]]):
            v = seeds[si]
            si += 1
        else:
            v = queue[qi]
            qi += 1
        l = length[v] + 1
        for c in down_adj[v]:
            cc = cls.get(c)
            if cc is None:
                cls[c] = PROVIDER
                length[c] = l
                nh[c] = v
                queue.append(c)
            elif cc == PROVIDER and length[c] == l and v < nh[c]:
                nh[c] = v
    return cls, length, nh


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--reps", type=int, default=3, help="runs per destination (median reported)")
    ap.add_argument("--json", help="write the results here")
    a = ap.parse_args()

    t0 = time.perf_counter()
    up, down, peers = read_graph(a.dir + "/links.txt")
    build_s = time.perf_counter() - t0
    nodes = sorted(up.nodes)
    n = len(nodes)
    print(f"asgraph_networkx: networkx {nx.__version__}: {n:,} ASes, {down.number_of_edges() + peers.number_of_edges():,} "
          f"links, graphs built in {build_s:.1f} s", file=sys.stderr)
    with open(a.dir + "/destinations.txt") as f:
        dests = [int(x) for x in f if x.strip()]

    results = []
    with open(a.dir + "/routes.bin", "rb") as rf:
        for d in dests:
            want_cls = array.array("B")
            want_cls.frombytes(rf.read(n))
            want_len, want_nh = array.array("I"), array.array("I")
            assert want_len.itemsize == 4
            want_len.frombytes(rf.read(4 * n))
            want_nh.frombytes(rf.read(4 * n))
            if sys.byteorder != "little":
                want_len.byteswap()
                want_nh.byteswap()
            times, cpus = [], []
            for _ in range(a.reps):
                w, c = time.perf_counter(), time.process_time()
                cls, length, nh = infer(up, down, peers, d)
                cpus.append(time.process_time() - c)
                times.append(time.perf_counter() - w)
            for i, v in enumerate(nodes):
                got_c = cls.get(v, NONE)
                got_l = length.get(v, 0)
                got_nh = nh.get(v)
                got_nh = 0xFFFFFFFF if got_nh is None else got_nh
                if (got_c, got_l, got_nh) != (want_cls[i], want_len[i], want_nh[i]):
                    print(f"asgraph_networkx: AS{v} toward AS{d}: networkx (class {got_c}, length {got_l}, next hop "
                          f"{got_nh}) != cleannet (class {want_cls[i]}, length {want_len[i]}, next hop {want_nh[i]})",
                          file=sys.stderr)
                    return 1
            results.append({"asn": d, "routed": len(cls), "median_ms": statistics.median(times) * 1e3,
                            "min_ms": min(times) * 1e3, "median_cpu_ms": statistics.median(cpus) * 1e3})
            print(f"asgraph_networkx: toward AS{d}: {len(cls):,} ASes routed, median "
                  f"{statistics.median(times) * 1e3:.1f} ms over {a.reps} runs; all {n:,} routes equal cleannet's",
                  file=sys.stderr)
    out = {"networkx": nx.__version__, "python": sys.version.split()[0], "ases": n, "build_s": build_s,
           "reps": a.reps, "destinations": results,
           "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=2)
    else:
        json.dump(out, sys.stdout, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
