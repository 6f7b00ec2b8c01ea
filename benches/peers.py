#!/usr/bin/env python3
"""Side-by-side timing: `stakenet analyze` and its weighted betweenness against
networkx, igraph, NetworKit and rustworkx on seeded sparse random networks.

    pip install networkx python-igraph networkit rustworkx
    cargo build --release --examples
    python3 benches/peers.py [--sizes 1000 10000 100000] [--sample 1000] [--out DIR]

Networks: n actors (every 20th a practitioner), n*5 distinct mutual ties
between uniformly drawn pairs (mean degree 10), trust uniform in (0, 1],
seed 2024 + n. Length = 1 / trust everywhere. Each tool gets the same graph;
times are wall-clock seconds of one run, with the user CPU seconds beside
them (all threads; steadier than wall time on a shared machine), loading
excluded for the Python tools (stakenet's `analyze` time includes reading
the CSV and writing JSON).
networkx runs only at 1,000 actors. At 100,000 actors every tool that can
samples sources (stakenet --betweenness-sample K, NetworKit
EstimateBetweenness with K samples); the others are skipped there.
"""
import argparse
import os
import random
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "stakenet")
TIMER = os.path.join(ROOT, "target", "release", "examples", "time_centrality")


def generate(n, out, per_actor=5):
    """n actors and per_actor * n distinct mutual ties (mean degree
    2 * per_actor), seeded by n, written under out."""
    rng = random.Random(2024 + n)
    name = f"random-{n}" if per_actor == 5 else f"random-{n}-x{per_actor}"
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    edges, seen = [], set()
    while len(edges) < per_actor * n:
        a, b = rng.randrange(n), rng.randrange(n)
        if a == b or (min(a, b), max(a, b)) in seen:
            continue
        seen.add((min(a, b), max(a, b)))
        edges.append((a, b, 1.0 - rng.random()))  # (0, 1]
    with open(os.path.join(folder, "nodes.csv"), "w") as f:
        f.write("id,kind\n")
        for i in range(n):
            f.write(f"v{i:06d},{'practitioner' if i % 20 == 0 else 'stakeholder'}\n")
    with open(os.path.join(folder, "edges.csv"), "w") as f:
        f.write("source,target,trust\n")
        for a, b, t in edges:
            f.write(f"v{a:06d},v{b:06d},{t!r}\n")
    return folder, edges


class Timing(float):
    """Wall-clock seconds (the float) with the user CPU seconds beside them
    (`cpu`: this process's threads and any children it waited for)."""

    def __new__(cls, wall, cpu):
        t = super().__new__(cls, wall)
        t.cpu = cpu
        return t


def timed(fn):
    before = os.times()
    start = time.perf_counter()
    fn()
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.user - before.user) + (after.children_user - before.children_user)
    return Timing(wall, cpu)


def run_stakenet(folder, sample, binary=BIN, timer_binary=TIMER):
    extra = ["--betweenness-sample", str(sample)] if sample else []
    out = os.path.join(folder, "analyze.json")
    t = timed(lambda: subprocess.run([binary, "analyze", folder, "-o", out, *extra], check=True))
    timer = subprocess.run([timer_binary, folder, *([str(sample)] if sample else [])],
                           check=True, capture_output=True, text=True).stdout
    # "SECONDS s (user CPU s, ...)": the pass alone, timed inside the process.
    words = timer.split()
    return t, Timing(float(words[0]), float(words[2].lstrip("(")))


def peers(n, edges, sample, tools=("networkx", "igraph", "networkit", "rustworkx")):
    results = {}
    if n <= 1000 and "networkx" in tools:
        import networkx as nx
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_weighted_edges_from(((a, b, 1.0 / t) for a, b, t in edges), weight="length")
        results["networkx"] = timed(lambda: nx.betweenness_centrality(g, weight="length"))
    try:
        import igraph as ig
        g = ig.Graph(n=n, edges=[(a, b) for a, b, _ in edges])
        w = [1.0 / t for _, _, t in edges]
        if not sample and "igraph" in tools:
            results["igraph"] = timed(lambda: g.betweenness(weights=w))
    except ImportError:
        results["igraph"] = "not installed"
    try:
        if "networkit" not in tools:
            raise ImportError
        import networkit as nk
        nk.setNumberOfThreads(os.cpu_count())
        g = nk.Graph(n, weighted=True)
        for a, b, t in edges:
            g.addEdge(a, b, 1.0 / t)
        if sample:
            algo = nk.centrality.EstimateBetweenness(g, sample, True, True)
            results[f"networkit (EstimateBetweenness {sample})"] = timed(algo.run)
        else:
            algo = nk.centrality.Betweenness(g, True)
            results["networkit"] = timed(algo.run)
    except ImportError:
        results["networkit"] = "not installed"
    try:
        if "rustworkx" not in tools:
            raise ImportError
        import rustworkx as rx
        g = rx.PyGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from([(a, b, 1.0 / t) for a, b, t in edges])
        if not sample:
            # rustworkx has no weighted betweenness: this is BFS (hops), a
            # lower bound on what weighted would cost.
            results["rustworkx (unweighted only)"] = timed(
                lambda: rx.betweenness_centrality(g, normalized=True))
    except ImportError:
        results["rustworkx"] = "not installed"
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--sample", type=int, default=1000, help="sources at 100,000 actors")
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "peers"))
    ap.add_argument("--bin", default=BIN, help="stakenet binary")
    ap.add_argument("--timer", default=TIMER, help="time_centrality binary")
    ap.add_argument("--tools", nargs="+", default=["networkx", "igraph", "networkit", "rustworkx"])
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds, tools alternating; each keeps its best wall and best CPU")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()}")
    print(f"{'actors':>8}  {'tool':<42} {'seconds':>9}  ratio vs stakenet analyze"
          f"  {'user CPU s':>10}  CPU ratio")
    for n in args.sizes:
        folder, edges = generate(n, args.out)
        sample = args.sample if n >= 100000 else None
        best = {}
        for _ in range(args.repeat):
            analyze, btw = run_stakenet(folder, sample, args.bin, args.timer)
            label = f" (--betweenness-sample {sample})" if sample else ""
            rows = [(f"stakenet analyze{label}", analyze),
                    (f"stakenet path metrics{' (sampled)' if sample else ''}", btw)]
            rows += [(tool, t) for tool, t in peers(n, edges, sample, args.tools).items()
                     if not (isinstance(t, str) and tool.split()[0] not in args.tools)]
            for tool, t in rows:
                old = best.get(tool)
                if isinstance(t, str) or old is None:
                    best[tool] = t
                else:
                    best[tool] = Timing(min(old, t), min(old.cpu, t.cpu))
        rows = list(best.items())
        analyze = rows[0][1]
        for tool, t in rows:
            if isinstance(t, str):
                print(f"{n:>8}  {tool:<42} {t:>9}")
            else:
                print(f"{n:>8}  {tool:<42} {t:>9.3f}  {t / analyze:6.2f}x"
                      f"                    {t.cpu:>10.2f}  {t.cpu / analyze.cpu:6.2f}x")
        print(f"load average {os.getloadavg()}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
