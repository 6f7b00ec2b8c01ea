#!/usr/bin/env python3
"""The network of benches/holes.rs (same SplitMix64 draws), timed in igraph and
networkx for comparison. Usage: python3 benches/holes_igraph.py [OUT_DIR]
With OUT_DIR, also writes nodes.csv/edges.csv there for `stakenet analyze`."""
import csv
import os
import sys
import time

import igraph as ig
import networkx as nx

MASK = (1 << 64) - 1


class SplitMix:
    def __init__(self, seed):
        self.s = seed

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & MASK
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def network(n=10_000, mean_degree=10, seed=42):
    rng = SplitMix(seed)
    seen, ties = set(), []
    for _ in range(n * mean_degree // 2):
        s, t = rng.next() % n, rng.next() % n
        trust = (1 + rng.next() % 10) / 10
        if s != t and (min(s, t), max(s, t)) not in seen:
            seen.add((min(s, t), max(s, t)))
            ties.append((s, t, trust))
    return n, ties


def best(f, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t0)
    return min(times), sum(times) / runs, out


n, ties = network()
print(f"{n} actors, {len(ties)} ties")
g = ig.Graph(n=n, edges=[(s, t) for s, t, _ in ties])
g.es["trust"] = [w for _, _, w in ties]
lo, mean, ic = best(lambda: g.constraint(weights="trust"), 5)
print(f"igraph {ig.__version__} constraint: min {lo * 1e3:.1f} ms, mean {mean * 1e3:.1f} ms")

G = nx.Graph()
G.add_nodes_from(range(n))
G.add_weighted_edges_from(ties, weight="trust")
lo, mean, nc = best(lambda: nx.constraint(G, weight="trust", nodes=list(G)), 1)
print(f"networkx {nx.__version__} constraint: {lo:.2f} s (one run)")
worst = max(abs(ic[v] - nc[v]) / nc[v] for v in range(n) if G.degree(v) > 0)
print(f"igraph vs networkx constraint, max rel. difference: {worst:.1e}")

if len(sys.argv) > 1:
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "nodes.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "group"])
        for i in range(n):
            w.writerow([f"a{i:05}", f"g{i % 20:02}"])
    with open(os.path.join(out, "edges.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "trust"])
        for s, t, trust in ties:
            w.writerow([f"a{s:05}", f"a{t:05}", repr(trust)])
    with open(os.path.join(out, "constraint_igraph.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "constraint"])
        for i in range(n):
            w.writerow([f"a{i:05}", repr(ic[i])])
